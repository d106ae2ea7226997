"""The one entry point of the core: a source document in, cells, model and diagnostics out.

The server and the CLI both call :func:`analyze`; nothing else strings the layers together.
An analysis keeps what the next one of the same document (after an edit) can reuse: the cells'
reads, a replay checkpoint, the per-task findings and which cells have findings of their own.
The result is always exactly what a full analysis gives (tests/test_incremental.py).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.documents.cells import SourceDocument, SourceKind
from proactive_lsp.model.cell import CellSyntax, read_cell
from proactive_lsp.model.workflow import Workflow

if TYPE_CHECKING:
    from proactive_lsp.checks.tasks import TaskChecks
    from proactive_lsp.model.replay import Checkpoint


@dataclass(frozen=True, slots=True)
class Reuse:
    """What an analysis keeps for the next one of the same document."""

    later_names: dict[str, list[int]]  # see replay.names_defined_after
    problem_cells: tuple[int, ...]  # cells with problems of their own
    file_cells: tuple[int, ...]  # cells whose checks read the disk (checks/files.py)
    task_checks: TaskChecks


@dataclass(frozen=True, slots=True)
class Analysis:
    document: SourceDocument
    cells: tuple[CellSyntax, ...]
    workflow: Workflow
    diagnostics: tuple[Diagnostic, ...]  # every one with its cell, sorted by position
    reuse: Reuse = field(compare=False, repr=False)
    # The replay's state before the last edited cell, for the next edit (see _resumable).
    checkpoint: Checkpoint | None = field(default=None, compare=False, repr=False)

    @property
    def is_workflow(self) -> bool:
        return any(cell.is_pragma for cell in self.cells)


class CellCache:
    """Per-cell reads keyed by (kind, text): a keystroke re-reads one cell, not the notebook."""

    def __init__(self, size: int = 20_000) -> None:
        self._entries: OrderedDict[tuple[SourceKind, str], CellSyntax] = OrderedDict()
        self._size = size

    def read(self, text: str, kind: SourceKind) -> CellSyntax:
        key = (kind, text)
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
            return found
        found = read_cell(text, kind)
        self._entries[key] = found
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return found


def analyze(
    document: SourceDocument, cache: CellCache | None = None, previous: Analysis | None = None
) -> Analysis:
    """Analyse a document; ``previous`` (the same document before an edit) may be reused."""
    if previous is not None and (
        previous.document.kind is not document.kind or previous.document.path != document.path
    ):
        previous = None
    cells = _read_cells(document, cache or CellCache(), previous)
    if document.kind is SourceKind.PYTHON_FILE and not any(c.is_pragma for c in cells):
        # A Python file without a single pragma is not a workflow: say nothing about it.
        cells = ()
    changed = None if previous is None else _changed_cells(previous.cells, cells)
    reuse = previous.reuse if previous is not None and changed is not None else None
    later_names = _later_names(cells, previous, changed)
    replayed = None
    if previous is not None and changed is not None:
        replayed = _body_edit(previous, document, cells, changed)
    if replayed is None:
        replayed = _replay(document, cells, previous, changed, later_names)
    workflow, checkpoint = replayed
    return _check(document, cells, workflow, checkpoint, later_names, reuse, changed)


def _read_cells(
    document: SourceDocument, reader: CellCache, previous: Analysis | None
) -> tuple[CellSyntax, ...]:
    """Each cell's read; a cell the view kept as it was (the same object) is not looked up."""
    kind = document.kind
    if previous is not None:
        old_cells, old_reads = previous.document.cells, previous.cells
        if len(old_cells) == len(document.cells) == len(old_reads):
            return tuple(
                read if cell is old else reader.read(cell.text, kind)
                for cell, old, read in zip(document.cells, old_cells, old_reads, strict=True)
            )
    return tuple(reader.read(cell.text, kind) for cell in document.cells)


def _changed_cells(
    before: tuple[CellSyntax, ...], now: tuple[CellSyntax, ...]
) -> list[int] | None:
    """The cells whose read changed, or None when cells were added or removed."""
    if len(before) != len(now):
        return None
    return [index for index, (old, new) in enumerate(zip(before, now, strict=True)) if old is not new]


def _later_names(
    cells: tuple[CellSyntax, ...], previous: Analysis | None, changed: list[int] | None
) -> dict[str, list[int]]:
    from proactive_lsp.model.replay import names_defined_after

    if previous is None or changed is None:
        return names_defined_after(cells)
    moved = [i for i in changed if cells[i].defines != previous.cells[i].defines]
    if not moved:
        return previous.reuse.later_names
    # A new dict (the checkpoint compares against the old one); only the moved names change.
    names = dict(previous.reuse.later_names)
    for index in moved:
        old, new = previous.cells[index].defines, cells[index].defines
        if old is not None:
            names[old] = [i for i in names[old] if i != index]
            if not names[old]:
                del names[old]
        if new is not None:
            names[new] = list(names.get(new, []))
            bisect.insort(names[new], index)
    return names


def _replay(
    document: SourceDocument,
    cells: tuple[CellSyntax, ...],
    previous: Analysis | None,
    changed: list[int] | None,
    later_names: dict[str, list[int]],
) -> tuple[Workflow, Checkpoint | None]:
    from proactive_lsp.model.replay import replay

    edited = None
    if previous is not None:
        edited = (changed[0] if changed else len(cells)) if changed is not None else (
            _first_change(previous, cells)
        )
    resume = _resumable(previous, document, edited, later_names) if previous is not None else None
    return replay(
        document,
        cells,
        resume=resume,
        checkpoint_at=edited,
        later_names=later_names,
        only_changed=changed is not None and changed == [edited],
    )


def _check(
    document: SourceDocument,
    cells: tuple[CellSyntax, ...],
    workflow: Workflow,
    checkpoint: Checkpoint | None,
    later_names: dict[str, list[int]],
    reuse: Reuse | None,
    changed: list[int] | None,
) -> Analysis:
    from proactive_lsp.checks.files import check_files, config_file, reads_files
    from proactive_lsp.checks.graph import check_flowchecker, check_job_name
    from proactive_lsp.checks.tasks import check_tasks

    if reuse is not None and changed is not None:
        problem_cells = _update(reuse.problem_cells, changed, lambda i: bool(cells[i].problems))
        file_cells = _update(reuse.file_cells, changed, lambda i: reads_files(cells[i]))
    else:
        problem_cells = tuple(i for i, cell in enumerate(cells) if cell.problems)
        file_cells = tuple(i for i, cell in enumerate(cells) if reads_files(cell))
    found: list[Diagnostic] = [
        replace(problem, cell=index) for index in problem_cells for problem in cells[index].problems
    ]
    found.extend(workflow.diagnostics)
    task_checks = check_tasks(workflow, reuse.task_checks if reuse is not None else None)
    found.extend(task_checks.diagnostics())
    found.extend(check_job_name(workflow))
    config = config_file(document.folder)
    found.extend(check_files(document, cells, config, file_cells))
    found.extend(check_flowchecker(workflow, found, bool(task_checks.flow_tasks)))
    if config is not None:
        found = [d for d in found if d.code != "PA604"]  # the kernel connects at start-up
    found.sort(key=lambda d: (d.cell or 0, d.range.start, d.code))
    kept = Reuse(later_names, problem_cells, file_cells, task_checks)
    return Analysis(document, cells, workflow, tuple(found), kept, checkpoint)


def _update(
    indices: tuple[int, ...], changed: list[int], keeps: Callable[[int], bool]
) -> tuple[int, ...]:
    """``indices`` (ascending) after the ``changed`` cells were looked at again."""
    edited = set(changed)
    return tuple(sorted([i for i in indices if i not in edited] + [i for i in changed if keeps(i)]))


def _first_change(previous: Analysis, cells: tuple[CellSyntax, ...]) -> int:
    """The first cell that differs from the previous analysis."""
    before = previous.cells
    for index in range(min(len(before), len(cells))):
        if before[index] is not cells[index]:
            return index
    return min(len(before), len(cells))


def _resumable(
    previous: Analysis,
    document: SourceDocument,
    edited: int | None,
    later_names: dict[str, list[int]],
) -> Checkpoint | None:
    """The previous checkpoint, when replaying from it gives exactly the full replay's result.

    The cells before it must be the same objects, and so must the task names defined from there
    on: cells before the checkpoint look ahead at them (PA302, "defined in a later cell").
    A `.py` file's PA302 fix carries the later cell's text, so there the look-ahead must not
    reach past the checkpoint at all.
    """
    checkpoint = previous.checkpoint
    if checkpoint is None or edited is None or checkpoint.index > edited:
        return None
    if later_names != checkpoint.later_names:
        return None
    if document.kind is SourceKind.PYTHON_FILE and any(
        d.code == "PA302" for d in checkpoint.state.diagnostics
    ):
        return None
    return checkpoint


def _body_edit(
    previous: Analysis, document: SourceDocument, cells: tuple[CellSyntax, ...], changed: list[int]
) -> tuple[Workflow, Checkpoint | None] | None:
    """The model after an edit inside one cell's code, or None when the replay is needed.

    Typing code in a cell is the most common edit, and it changes nothing the replay reads when
    the pragma line (tokens and positions), the kernel's verdict on the cell and the cell's shape
    stay the same: only the task's body changes (its checks are run again by check_tasks).
    """
    from dataclasses import replace as copy_with

    if len(changed) != 1:
        return None
    index = changed[0]
    old, new = previous.cells[index], cells[index]
    if (
        old.pragma != new.pragma
        or old.rejected != new.rejected
        or old.blank != new.blank
        or old.body_line != new.body_line
        or document.cells[index].first_line != previous.document.cells[index].first_line
        or (new.pragma is None and _first_line(old.body) != _first_line(new.body))
        or not _body_is_task_code(new)
    ):
        return None  # a plain cell's first line is where the replay reports about it
    workflow = previous.workflow
    if any(
        edit.cell == index
        for diagnostic in workflow.diagnostics
        if diagnostic.cell != index
        for fix in diagnostic.fixes
        for edit in fix.edits
    ):
        return None  # another cell's fix was made from this cell's text (PA302's move in a .py)
    owners = [t for t in workflow.tasks.values() if index in t.body_cells]
    if any(t.body_cells != [index] for t in owners):
        return None  # a multiblock task gathers several cells: replay
    tasks = dict(workflow.tasks)
    for task in owners:
        tasks[task.name] = copy_with(task, body=new.body)
    updated = copy_with(workflow, tasks=tasks, _children=None, _graph=None)
    # The checkpoint holds the state before its cell: still right when the edit is at or after it.
    # The states it keeps after its cell and after the last one hold the old body.
    checkpoint = previous.checkpoint
    if checkpoint is not None:
        checkpoint = None if index < checkpoint.index else copy_with(checkpoint, after=None, end=None)
    return updated, checkpoint


def _body_is_task_code(cell: CellSyntax) -> bool:
    """Whether the body is a task's implementation (or ignored), and nothing else reads it.

    Other bodies feed the model: flow scripts (`runs`, `condition`), pre/post/selection/fork
    scripts and job defaults, and `#%import` code prepended to later tasks.
    """
    from proactive_lsp.language.pragmas import PRAGMAS
    from proactive_lsp.language.spec import Body

    if cell.pragma is None:
        return True
    spec = PRAGMAS.get(cell.pragma.name.text)
    return spec is None or spec.creates_task or spec.body is Body.IGNORED


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]
