"""Shared plumbing for request handlers: from (uri, LSP position) to (analysis, cell, position)."""

from __future__ import annotations

from dataclasses import dataclass

from lsprotocol import types
from pygls.workspace import Workspace

from proactive_lsp.analysis import Analysis
from proactive_lsp.server.store import Entry, Store
from proactive_lsp.server.views import View
from proactive_lsp.text import Position


@dataclass(frozen=True, slots=True)
class At:
    entry: Entry
    cell: int
    position: Position

    @property
    def analysis(self) -> Analysis:
        return self.entry.analysis

    @property
    def view(self) -> View:
        return self.entry.view


def resolve(store: Store, workspace: Workspace, uri: str, position: types.Position) -> At | None:
    entry = store.entry_for(workspace, uri)
    if entry is None:
        return None
    cell = entry.view.locate(uri, position.line)
    if cell is None or cell >= len(entry.analysis.cells):
        return None
    return At(entry, cell, entry.view.to_cell(cell, position.line, position.character))


def cells_of(entry: Entry, uri: str) -> list[int]:
    """The analysis cells shown in this URI (one for a notebook cell, all for a file)."""
    count = len(entry.analysis.cells)
    return [i for i in entry.view.targets_of(uri) if i < count]
