"""Replay the cells top to bottom with kernel 13.0.4's semantics (kernel-13.0.4.md §3).

The replay is the kernel's state machine made explicit: it builds the tasks exactly as the
kernel would, and reports every place where running the notebook would go wrong or do
something other than what is written. Checks that need the finished workflow live in
``proactive_lsp.checks``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from proactive_lsp.checks.codes import make
from proactive_lsp.documents.cells import SourceDocument, SourceKind
from proactive_lsp.language.languages import DEFAULT_SCRIPT_LANGUAGE, RUNTIME_ENV_LANGUAGE
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.model.cell import CellSyntax
from proactive_lsp.model.converge import spliced
from proactive_lsp.model.facts import pairs_of
from proactive_lsp.model.kernel import KernelState
from proactive_lsp.model.replicate import finish_replicates
from proactive_lsp.model.task import Script, TaskKind
from proactive_lsp.model.workflow import Connection, Hint, Role, Symbol, Workflow
from proactive_lsp.syntax.tree import Pragma
from proactive_lsp.text import Range

_RESULT_PRAGMAS = ("get_task_result", "print_task_output")
_SCRIPT_PRAGMAS = ("pre_script", "post_script", "selection_script", "fork_env")


@dataclass(frozen=True)
class Checkpoint:
    """The kernel's state just before cell ``index``, kept so that the next edit of that cell
    (or a later one) replays from there. Never changed: each resume forks it."""

    index: int
    state: KernelState
    later_names: dict[str, list[int]]
    # The same run's state after cell ``index`` and after the last cell (before the submit-time
    # steps): when the next replay of that cell ends like this one, the rest is taken over
    # (see converge.py).
    after: KernelState | None = None
    end: KernelState | None = None


def replay(
    document: SourceDocument,
    cells: Sequence[CellSyntax],
    *,
    resume: Checkpoint | None = None,
    checkpoint_at: int | None = None,
    later_names: dict[str, list[int]] | None = None,
    only_changed: bool = False,
) -> tuple[Workflow, Checkpoint | None]:
    """Replay the cells; from ``resume`` when given (its cells before must be unchanged), and
    keep a checkpoint before cell ``checkpoint_at``. ``only_changed``: that cell is the only one
    that differs from the run ``resume`` comes from, so the rest of that run may be taken over."""
    if later_names is None:
        later_names = names_defined_after(cells)
    if resume is not None:
        state = resume.state.fork()
        state.later_names = later_names
        state.cell_texts = [cell.text for cell in document.cells]
        start = resume.index
    else:
        state = KernelState(
            document_name=document.name,
            later_names=later_names,
            cell_texts=[cell.text for cell in document.cells],
            movable_cells=document.kind is SourceKind.PYTHON_FILE,
            document_folder=document.folder,
        )
        start = 0
    before = resume.state if resume is not None and resume.index == checkpoint_at else None
    after: KernelState | None = None
    index = start
    while index < len(cells):
        if index == checkpoint_at and before is None:
            before = state.fork()
        _replay_cell(state, index, cells[index])
        if index == checkpoint_at:
            if only_changed and resume is not None and resume.index == index:
                end = spliced(resume, state)
                if end is not None:
                    after, state = state, end
                    break
            after = state.fork()
        index += 1
    checkpoint = None
    if before is not None and checkpoint_at is not None:
        checkpoint = Checkpoint(checkpoint_at, before, later_names, after, state.fork())
    state.controls_state.finish(state)
    finish_replicates(state)
    return state.workflow(), checkpoint


def _replay_cell(state: KernelState, index: int, cell: CellSyntax) -> None:
    if cell.blank:
        return
    if cell.pragma is None:
        _plain_cell(state, index, cell)
    elif not cell.rejected:
        _pragma_cell(state, index, cell, cell.pragma)


def names_defined_after(cells: Sequence[CellSyntax]) -> dict[str, list[int]]:
    """Every explicit task name and the cells that define it, in order (for PA302)."""
    defined: dict[str, list[int]] = {}
    for index, cell in enumerate(cells):
        if cell.defines is not None:
            defined.setdefault(cell.defines, []).append(index)
    return defined


def _plain_cell(state: KernelState, index: int, cell: CellSyntax) -> None:
    state.controls_state.plain_cell(state, index, cell)
    if state.multiblock:
        owner = state.last_task if state.last_task_flag else None
        target = state.own(owner) if owner is not None and owner in state.tasks else None
        if target is None:
            state.report(
                index,
                make(
                    "PA401",
                    "Blocks should be started by pragmas. (multiblock mode: there is no task to "
                    "append this cell to)",
                    _first_line_range(cell),
                ),
            )
            return
        target.body = f"{target.body}\n{cell.body}" if target.body else cell.body
        target.body_cells.append(index)
        state.hints.append(
            Hint(
                index,
                _first_line_range(cell),
                f"appended to {target.name}",
                "multiblock mode: the kernel appends this cell to the last task",
            )
        )
        return
    task = state.create_task(
        index,
        None,
        name="",
        kind=TaskKind.ANONYMOUS,
        pragma_name="",
        name_range=_first_line_range(cell),
        body=cell.body,
    )
    if task is not None:
        state.hints.append(
            Hint(
                index,
                Range.on_line(0, 0, 0),
                f"{task.name}:",
                "a plain cell becomes an anonymous Python task",
            )
        )


def _first_line_range(cell: CellSyntax) -> Range:
    first = cell.body.split("\n", 1)[0]
    return Range.on_line(0, 0, len(first))


def _pragma_cell(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    name = pragma.name.text
    spec = PRAGMAS.get(name)
    if spec is None or spec.removed:
        return
    if name != "task":
        state.last_task_flag = False
    if not state.controls_state.allows(state, index, pragma):
        return
    state.note_connection_need(index, pragma, spec.needs_connection)
    if spec.creates_task:
        if spec.control is None:
            _task(state, index, cell, pragma)
        else:
            state.controls_state.task_pragma(state, index, cell, pragma)
        return
    handler = _HANDLERS.get(name)
    if handler is not None:
        handler(state, index, cell, pragma)


def _task(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    explicit = pragma.param("name")
    name = pragma.value("name") or ""
    kind = TaskKind.TASK if name else TaskKind.ANONYMOUS
    name_range = explicit.value.range if explicit is not None and name else pragma.name.range
    task = state.create_task(
        index,
        pragma,
        name=name,
        kind=kind,
        pragma_name="task",
        name_range=name_range,
        body=cell.body,
    )
    if task is not None and not name:
        state.hints.append(
            Hint(index, pragma.name.range, f" {task.name}", "the kernel's default name")
        )


def _controls(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    state.controls_state.flow_pragma(state, index, cell, pragma)


def _delete_task(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    param = pragma.param("name")
    if param is None:
        return
    name = param.value.text
    if not state.require_task(index, name, param.value.range, "delete_task"):
        return
    state.occurrences_add(Symbol.TASK, Role.REFERENCE, name, index, param.value.range)
    state.delete_task(name)


def _script(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    param = pragma.param("name")
    if param is None:
        return
    name = param.value.text
    if not state.require_task(index, name, param.value.range, pragma.name.text):
        return
    state.occurrences_add(Symbol.TASK, Role.REFERENCE, name, index, param.value.range)
    task = state.own(name)
    kind = pragma.name.text
    default_language = DEFAULT_SCRIPT_LANGUAGE if kind in ("selection_script", "fork_env") else ""
    script = Script(
        language=pragma.value("language") or default_language,
        code=cell.body,
        path=pragma.value("path"),
        cell=index,
        range=pragma.name.range,
    )
    setattr(task, kind, script)


def _job_default(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    kind = pragma.name.text
    if kind == "runtime_env":
        from proactive_lsp.model.runtime_env_checks import runtime_env_problems

        for problem in runtime_env_problems(pragma):
            state.report(index, problem)
    language = (
        RUNTIME_ENV_LANGUAGE
        if kind == "runtime_env"
        else (pragma.value("language") or DEFAULT_SCRIPT_LANGUAGE)
    )
    code = state.runtime_env_script(pragma) if kind == "runtime_env" else cell.body
    script = Script(
        language,
        code,
        pragma.value("path") if kind != "runtime_env" else None,
        index,
        pragma.name.range,
    )
    slot = "selection_script" if kind == "job_selection_script" else "fork_env"
    setattr(state.job, slot, script)
    if pragma.value("force") == "on":
        for name in list(state.tasks):
            setattr(state.own(name), slot, script)


def _import(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    state.imports[pragma.value("language") or "Python"] = cell.body


def _configure(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    mode = pragma.value("task")
    if mode in ("block", "multiblock"):
        state.multiblock = mode == "multiblock"


def _job(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    param = pragma.param("name")
    if param is None:
        return
    state.name_job(index, param.value.text, param.value.range)
    if not state.job_up_to_date:
        state.job.generic_info = list(pairs_of(pragma, "generic_info"))
        state.job.variables = list(pairs_of(pragma, "variables"))
    state.job_up_to_date = True


def _submit_job(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    param = pragma.param("name")
    if param is not None and param.value.text:
        state.name_job(index, param.value.text, param.value.range)
    elif state.job.name is None:
        state.job.name = state.document_name or "DefaultJob"
    state.job_up_to_date = True
    state.submitted = True


def _task_result(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    param = pragma.param("task_name")
    if param is None:
        return
    name = param.value.text
    if state.require_task(index, name, param.value.range, pragma.name.text):
        state.occurrences_add(Symbol.TASK, Role.REFERENCE, name, index, param.value.range)


def _connect(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    url = pragma.value("url")
    host, port = pragma.value("host"), pragma.value("port")
    if pragma.value("path"):
        url = None
    elif host:
        url = f"https://{host}:{port}" if port else f"http://{host}:8080"
    elif port:
        url = f"https://try.activeeon.com:{port}"
    elif not url:
        url = "https://try.activeeon.com:8443"
    state.connections.append(
        Connection(
            cell=index,
            range=pragma.name.range,
            url=url,
            config_path=pragma.value("path"),
            login=pragma.value("login"),
        )
    )


def _import_dot(state: KernelState, index: int, cell: CellSyntax, pragma: Pragma) -> None:
    """One empty Python task per node in file order; edges from later nodes are dropped."""
    param = pragma.param("path")
    folder = state.document_folder
    if param is None or folder is None:
        return
    try:
        text = (folder / param.value.text).read_text(encoding="utf-8")
        from proactive_lsp.documents.dot import read_dot

        nodes, edges = read_dot(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return  # PA601 reports a missing file; an unreadable one fails in the kernel too
    where = param.value.range
    for node in nodes:
        parents = [source for source, target in edges if target == node]
        dropped = [p for p in parents if p not in state.tasks and p != node]
        task = state.create_task(
            index,
            None,
            name=node,
            kind=TaskKind.IMPORTED,
            pragma_name="import_dot",
            name_range=where,
            body="",
            default_deps=[p for p in parents if p in state.tasks],
            name_written=False,
        )
        if task is not None:
            task.name_is_default = False
        for parent in dropped:
            state.report(
                index,
                make(
                    "PA301",
                    f"Task '{parent}' does not exist when '{node}' is imported: the kernel's "
                    f"import_dot drops the edge {parent} -> {node} (its source comes later in the file)",
                    where,
                ),
            )


_HANDLERS = {
    "delete_task": _delete_task,
    "runs": _controls,
    "condition": _controls,
    "import": _import,
    "configure": _configure,
    "job": _job,
    "submit_job": _submit_job,
    "connect": _connect,
    "import_dot": _import_dot,
    "job_selection_script": _job_default,
    "job_fork_env": _job_default,
    "runtime_env": _job_default,
    **{name: _script for name in _SCRIPT_PRAGMAS},
    **{name: _task_result for name in _RESULT_PRAGMAS},
}
