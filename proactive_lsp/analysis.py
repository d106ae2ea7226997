"""The one entry point of the core: a source document in, cells, model and diagnostics out.

The server and the CLI both call :func:`analyze`; nothing else strings the layers together.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.documents.cells import SourceDocument, SourceKind
from proactive_lsp.model.cell import CellSyntax, read_cell
from proactive_lsp.model.workflow import Workflow

if TYPE_CHECKING:
    from proactive_lsp.model.replay import Checkpoint


@dataclass(frozen=True, slots=True)
class Analysis:
    document: SourceDocument
    cells: tuple[CellSyntax, ...]
    workflow: Workflow
    diagnostics: tuple[Diagnostic, ...]  # every one with its cell, sorted by position
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
    """Analyse a document; ``previous`` (the same document before one edit) may be reused.

    Reuse happens only when the edit touched the code of one cell and nothing the kernel's
    replay reads (see :func:`_body_edit`); the result is the same as a full analysis.
    """
    reader = cache or CellCache()
    cells = tuple(reader.read(cell.text, document.kind) for cell in document.cells)
    if document.kind is SourceKind.PYTHON_FILE and not any(c.is_pragma for c in cells):
        # A Python file without a single pragma is not a workflow: say nothing about it.
        cells = ()
    if previous is not None:
        reused = _body_edit(previous, document, cells)
        if reused is not None:
            return reused
    return _full(document, cells, previous)


def _full(
    document: SourceDocument, cells: tuple[CellSyntax, ...], previous: Analysis | None = None
) -> Analysis:
    from proactive_lsp.checks.files import check_files, config_file
    from proactive_lsp.checks.graph import check_cycles, check_flowchecker, check_names
    from proactive_lsp.checks.variables import check_variables
    from proactive_lsp.model.replay import names_defined_after, replay

    later_names = names_defined_after(cells)
    edited = _first_change(previous, document, cells) if previous is not None else None
    resume = _resumable(previous, document, edited, later_names) if previous is not None else None
    workflow, checkpoint = replay(
        document, cells, resume=resume, checkpoint_at=edited, later_names=later_names
    )
    found: list[Diagnostic] = [
        replace(problem, cell=index)
        for index, cell in enumerate(cells)
        for problem in cell.problems
    ]
    found.extend(workflow.diagnostics)
    found.extend(check_cycles(workflow))
    found.extend(check_names(workflow))
    found.extend(check_variables(workflow))
    config = config_file(document.folder)
    found.extend(check_files(document, cells, config))
    found.extend(check_flowchecker(workflow, found))
    if config is not None:
        found = [d for d in found if d.code != "PA604"]  # the kernel connects at start-up
    found.sort(key=lambda d: (d.cell or 0, d.range.start, d.code))
    return Analysis(document, cells, workflow, tuple(found), checkpoint)


def _first_change(
    previous: Analysis, document: SourceDocument, cells: tuple[CellSyntax, ...]
) -> int | None:
    """The first cell that differs from the previous analysis (None: a different document)."""
    if previous.document.kind is not document.kind or previous.document.path != document.path:
        return None
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


# Codes of the whole-workflow checks that read a task's body (recomputed for the edited task).
BODY_CODES = frozenset({"PA503", "PA506"})


def _body_edit(
    previous: Analysis, document: SourceDocument, cells: tuple[CellSyntax, ...]
) -> Analysis | None:
    """The analysis after an edit inside one cell's code, or None when a full one is needed.

    Typing code in a cell is the most common edit, and it changes nothing the replay reads when
    the pragma line (tokens and positions), the kernel's verdict on the cell and the cell's shape
    stay the same: only the task's body, the cell's own problems and PA503 can change.
    """
    from dataclasses import replace as copy_with

    from proactive_lsp.checks.variables import body_checks

    before = previous.cells
    if (
        len(before) != len(cells)
        or previous.document.kind is not document.kind
        or previous.document.path != document.path
    ):
        return None
    changed = [i for i, (old, new) in enumerate(zip(before, cells, strict=True)) if old is not new]
    if len(changed) != 1:
        return None
    index = changed[0]
    old, new = before[index], cells[index]
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
    owners = [t for t in workflow.tasks.values() if index in t.body_cells]
    if any(t.body_cells != [index] for t in owners):
        return None  # a multiblock task gathers several cells: replay
    tasks = dict(workflow.tasks)
    for task in owners:
        tasks[task.name] = copy_with(task, body=new.body)
    updated = copy_with(workflow, tasks=tasks, _children=None, _graph=None)
    stale = {copy_with(p, cell=index) for p in old.problems}
    # The whole-workflow checks that read task bodies; their diagnostics sit in the body's cell.
    names = {t.name for t in owners}
    kept = [
        d
        for d in previous.diagnostics
        if not (d.cell == index and d in stale) and not (d.code in BODY_CODES and d.cell == index)
    ]
    kept.extend(copy_with(p, cell=index) for p in new.problems)
    kept.extend(body_checks(updated, [tasks[name] for name in names]))
    kept.sort(key=lambda d: (d.cell or 0, d.range.start, d.code))
    # The checkpoint holds the state before its cell: still right when the edit is at or after it.
    # The states it keeps after its cell and after the last one hold the old body.
    checkpoint = previous.checkpoint
    if checkpoint is not None:
        checkpoint = None if index < checkpoint.index else copy_with(checkpoint, after=None, end=None)
    return Analysis(document, cells, updated, tuple(kept), checkpoint)


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
