"""The one entry point of the core: a source document in, cells, model and diagnostics out.

The server and the CLI both call :func:`analyze`; nothing else strings the layers together.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.documents.cells import SourceDocument, SourceKind
from proactive_lsp.model.cell import CellSyntax, read_cell
from proactive_lsp.model.workflow import Workflow


@dataclass(frozen=True, slots=True)
class Analysis:
    document: SourceDocument
    cells: tuple[CellSyntax, ...]
    workflow: Workflow
    diagnostics: tuple[Diagnostic, ...]  # every one with its cell, sorted by position

    @property
    def is_workflow(self) -> bool:
        return any(cell.is_pragma for cell in self.cells)

    def diagnostics_of(self, cell: int) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.cell == cell]


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


def analyze(document: SourceDocument, cache: CellCache | None = None) -> Analysis:
    from proactive_lsp.checks.files import CONFIG_NAME, check_files
    from proactive_lsp.checks.graph import check_cycles, check_flowchecker, check_names
    from proactive_lsp.checks.variables import check_variables
    from proactive_lsp.model.replay import replay

    reader = cache or CellCache()
    cells = tuple(reader.read(cell.text, document.kind) for cell in document.cells)
    if document.kind is SourceKind.PYTHON_FILE and not any(c.is_pragma for c in cells):
        # A Python file without a single pragma is not a workflow: say nothing about it.
        cells = ()
    workflow = replay(document, cells)
    found: list[Diagnostic] = [
        replace(problem, cell=index)
        for index, cell in enumerate(cells)
        for problem in cell.problems
    ]
    found.extend(workflow.diagnostics)
    found.extend(check_cycles(workflow))
    found.extend(check_names(workflow))
    found.extend(check_variables(workflow))
    found.extend(check_files(document, cells))
    found.extend(check_flowchecker(workflow, found))
    folder = document.folder
    if folder is not None and (folder / CONFIG_NAME).is_file():
        found = [d for d in found if d.code != "PA604"]  # the kernel connects at start-up
    found.sort(key=lambda d: (d.cell or 0, d.range.start, d.code))
    return Analysis(document, cells, workflow, tuple(found))
