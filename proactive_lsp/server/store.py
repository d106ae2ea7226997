"""The views the server holds, their analyses, and what was last published for each URI."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.workspace import Workspace

from proactive_lsp.analysis import Analysis, CellCache, analyze
from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.server.convert import lsp_diagnostic
from proactive_lsp.server.settings import Settings
from proactive_lsp.server.views import (
    View,
    notebook_view,
    text_view,
    with_edited_cells,
    with_text_edit,
)

# Per URI, the core diagnostics to show there, each with its cell's first line in that URI.
Shown = tuple[tuple[Diagnostic, int], ...]


@dataclass
class Entry:
    view: View
    analysis: Analysis


@dataclass
class Store:
    settings: Settings = field(default_factory=Settings)
    cache: CellCache = field(default_factory=CellCache)
    entries: dict[str, Entry] = field(default_factory=dict)
    # What was last published for each URI, as core diagnostics with their cell's first line:
    # comparing these is cheaper than converting every diagnostic on every keystroke.
    published: dict[str, Shown] = field(default_factory=dict)
    # What feature modules add to the others': the document lenses' commands (title, command
    # id), the source actions offered on pragma lines, and more lenses (e.g. task run status).
    document_commands: list[tuple[str, str]] = field(default_factory=list)
    source_commands: list[tuple[str, str]] = field(default_factory=list)
    lens_providers: list[Callable[[Entry, str], list[types.CodeLens]]] = field(default_factory=list)
    # The last grouping with what it was made from (the entry, the disabled codes): a pulling
    # client asks for every cell after a change, and each ask must not regroup the notebook.
    _last_grouping: tuple[Entry, frozenset[str], dict[str, Shown]] | None = field(
        default=None, repr=False
    )

    def refresh_notebook(
        self, workspace: Workspace, notebook_uri: str, edited_only: set[str] | None = None
    ) -> Entry | None:
        """Re-read the notebook; ``edited_only``: only these cells' texts changed."""
        before = self.entries.get(notebook_uri)
        view = None
        if before is not None and edited_only is not None:
            view = with_edited_cells(before.view, workspace, edited_only)
        if view is None:
            view = notebook_view(workspace, notebook_uri, before.view if before else None)
        return None if view is None else self._analyze(view)

    def refresh_text(
        self,
        workspace: Workspace,
        uri: str,
        changes: Sequence[types.TextDocumentContentChangeEvent] = (),
    ) -> Entry:
        """Re-read a text document; ``changes``: what was just applied to it, if known."""
        before = self.entries.get(uri)
        try:
            view = None
            if before is not None and len(changes) == 1:
                view = with_text_edit(before.view, workspace, changes[0])
            return self._analyze(view or text_view(workspace, uri))
        except Exception:
            # The document has the change and the view has not: the next one must not be
            # applied to this view, so it re-reads the whole text.
            self.forget(uri)
            raise

    def _analyze(self, view: View) -> Entry:
        before = self.entries.get(view.key)
        first = before is None
        previous = before.analysis if before is not None else None
        entry = Entry(view, analyze(view.source, self.cache, previous))
        self.entries[view.key] = entry
        if first:
            # What a freshly opened document leaves in memory (cell reads, parse trees) lives
            # long: move it out of the collector's way so later collections stay short.
            gc.collect()
            gc.freeze()
        return entry

    def forget(self, key: str) -> Entry | None:
        entry = self.entries.pop(key, None)
        if self._last_grouping is not None and self._last_grouping[0] is entry:
            self._last_grouping = None  # a closed notebook's analysis must not stay in memory
        return entry

    def entry_for(self, workspace: Workspace, uri: str) -> Entry | None:
        """The entry a request on this URI (a cell or a text document) belongs to."""
        notebook = workspace.get_notebook_document(cell_uri=uri)
        key = notebook.uri if notebook is not None else uri
        entry = self.entries.get(key)
        if entry is None and notebook is None and uri in workspace.text_documents:
            entry = self.refresh_text(workspace, uri)
        return entry

    def grouped(self, entry: Entry) -> dict[str, Shown]:
        """The diagnostics to show in each URI of the view (settings applied), unconverted."""
        disabled = self.settings.disabled
        last = self._last_grouping
        if last is not None and last[0] is entry and last[1] is disabled:
            return last[2]
        found: dict[str, list[tuple[Diagnostic, int]]] = {uri: [] for uri in entry.view.uris}
        targets = entry.view.targets
        for diagnostic in entry.analysis.diagnostics:
            cell = diagnostic.cell
            if cell is None or cell >= len(targets) or diagnostic.code in disabled:
                continue
            target = targets[cell]
            found[target.uri].append((diagnostic, target.first_line))
        grouping = {uri: tuple(items) for uri, items in found.items()}
        self._last_grouping = (entry, disabled, grouping)
        return grouping

    def to_lsp(self, entry: Entry, items: Shown) -> list[types.Diagnostic]:
        overrides = self.settings.severity
        return [
            lsp_diagnostic(
                entry.view,
                diagnostic,
                types.DiagnosticSeverity(int(overrides.get(diagnostic.code, diagnostic.severity))),
            )
            for diagnostic, _ in items
        ]

    def diagnostics_for(self, entry: Entry, uri: str) -> list[types.Diagnostic]:
        return self.to_lsp(entry, self.grouped(entry).get(uri, ()))
