"""Variable passing between tasks: PA502 (not an ancestor), PA503, PA504, PA505."""

from __future__ import annotations

from dataclasses import dataclass

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Fix
from proactive_lsp.model.edits import add_to_list
from proactive_lsp.model.python_code import python_facts
from proactive_lsp.model.task import Task, TaskKind
from proactive_lsp.model.workflow import Workflow
from proactive_lsp.text import Range


@dataclass(frozen=True, slots=True)
class VariableContext:
    """What a task's variable checks read of the other tasks: names only, so it holds while no
    task's dependencies, exports or imports change by name (see ``checks/tasks.py``)."""

    # variable → the tasks exporting (importing) it, in creation order
    exporters: dict[str, list[str]]
    importers: dict[str, list[str]]


def variable_context(workflow: Workflow) -> VariableContext:
    exporters: dict[str, list[str]] = {}
    importers: dict[str, list[str]] = {}
    for task in workflow.tasks.values():
        for ref in task.exports:
            exporters.setdefault(ref.name, []).append(task.name)
        for ref in task.imports:
            importers.setdefault(ref.name, []).append(task.name)
    return VariableContext(exporters, importers)


def task_variables(
    workflow: Workflow, task: Task, context: VariableContext
) -> list[Diagnostic]:
    """PA502–PA506 for one task."""
    found: list[Diagnostic] = []
    if task.path is not None and (task.imports or task.exports):
        refs = task.imports + task.exports
        found.append(
            make(
                "PA505",
                "with `path=` the kernel does not inject the import/export code: these variables "
                "are not passed",
                Range(refs[0].range.start, refs[-1].range.end),
                cell=task.cell,
            )
        )
    if task.imports:
        found.extend(_not_from_an_ancestor(workflow, task, context))
    if task.exports:
        found.extend(check_exports_assigned(task))
    if task.body:
        found.extend(check_used_not_imported(task, context.exporters))
    for ref in task.exports:
        if ref.name not in context.importers:
            found.append(
                make(
                    "PA504",
                    f"'{ref.name}' is exported but no task imports it",
                    ref.range,
                    cell=ref.cell,
                    tags=("unnecessary",),
                )
            )
    return found


def _not_from_an_ancestor(
    workflow: Workflow, task: Task, context: VariableContext
) -> list[Diagnostic]:
    """PA502: an imported variable that only tasks outside the task's ancestors export."""
    found: list[Diagnostic] = []
    parents = {d.name for d in task.deps}
    for ref in task.imports:
        sources = context.exporters.get(ref.name, [])
        if not sources or any(s in parents for s in sources):
            continue  # no exporter at all (PA501), or a direct parent exports it
        if _reaches(workflow, task.name, set(sources)):
            continue
        # A control task's dependencies carry the control's structure (a replicated task
        # must have one parent): adding one there would trade this error for another.
        fixes = () if task.kind is TaskKind.CONTROL else tuple(
            fix for source in sources[:3] if (fix := _add_dependency(task, source))
        )
        names = ", ".join(f"'{s}'" for s in sources)
        found.append(
            make(
                "PA502",
                f"'{ref.name}' is exported by {names}, which {'is' if len(sources) == 1 else 'are'} "
                f"not an ancestor of '{task.name}': ProActive passes variables only to descendants, "
                "so the import fails at run time",
                ref.range,
                cell=ref.cell,
                fixes=fixes,
            )
        )
    return found


def check_exports_assigned(task: Task) -> list[Diagnostic]:
    """PA503: an exported name the (Python) body never binds."""
    if not task.exports or not task.is_python or task.path is not None:
        return []
    assigned = _assigned_names(task)
    if assigned is None:
        return []
    return [
        make(
            "PA503",
            f"'{ref.name}' is exported but never assigned in this task's code: the kernel's "
            "export block prints a warning at run time and passes nothing",
            ref.range,
            cell=ref.cell,
        )
        for ref in task.exports
        if ref.name not in assigned
    ]


def check_used_not_imported(task: Task, exporters: dict[str, list[str]]) -> list[Diagnostic]:
    """PA506: the body reads a name another task exports, but neither imports nor binds it.

    Each task runs in its own process, so such a name is undefined there (NameError). Only names
    some task exports are reported: anything else may come from places we cannot see.
    """
    if not exporters or not task.is_python or task.path is not None or len(task.body_cells) != 1:
        return []
    facts = python_facts(task.body)
    # Runs for every task on every keystroke: narrow to exported names first (usually none left).
    suspects = facts.read.keys() & exporters.keys()
    suspects -= facts.bound
    suspects.difference_update(ref.name for ref in task.imports)
    if suspects and task.import_prefix:
        suspects -= python_facts(task.import_prefix).bound
    if not suspects:
        return []
    found: list[Diagnostic] = []
    body_line = 0 if task.pragma == "" else 1  # a plain cell's body starts on its first line
    lines = task.body.split("\n")
    for name in sorted(suspects, key=facts.read.__getitem__):
        line, offset = facts.read[name]
        sources = [t for t in exporters.get(name, ()) if t != task.name]
        if not sources:
            continue
        # ast counts columns in UTF-8 bytes; ranges count code points.
        column = len(lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "ignore"))
        where = Range.on_line(body_line + line - 1, column, column + len(name))
        owners = ", ".join(f"'{t}'" for t in sources[:3])
        found.append(make(
            "PA506",
            f"'{name}' is exported by {owners} but '{task.name}' does not import it: each task "
            "runs in its own process, so it is undefined here (NameError)",
            where,
            cell=task.body_cells[0],
            fixes=tuple(fix for fix in (_add_import(task, name),) if fix is not None),
        ))
    return found


def _add_import(task: Task, name: str) -> Fix | None:
    edit = add_to_list(task, "import", task.imports, name)
    return None if edit is None else Fix(f"Import '{name}'", (edit,), preferred=True)


def _reaches(workflow: Workflow, start: str, exporters: set[str]) -> bool:
    """Is one of the exporters an ancestor of `start`? Walks up only as far as needed."""
    if start not in workflow.tasks:
        return False
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for parent in workflow.parents_of(node):
            if parent in exporters:
                return True
            if parent not in seen:
                seen.add(parent)
                frontier.append(parent)
    return False


def _add_dependency(task: Task, parent: str) -> Fix | None:
    written = [d for d in task.deps if d.range != task.name_range]
    if written:
        edit = add_to_list(task, "dep", written, parent)
    else:
        # No dep list written: keep the dependencies the kernel adds by itself (process, merge,
        # loop depend on the previous task) by writing them out.
        implicit = [d.name for d in task.deps]
        edit = add_to_list(task, "dep", [], ", ".join([*implicit, parent]))
    return None if edit is None else Fix(f"Add a dependency on '{parent}'", (edit,))


def _assigned_names(task: Task) -> frozenset[str] | None:
    facts = python_facts(task.body)
    return None if facts.problem is not None else facts.bound
