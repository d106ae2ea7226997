"""Document and notebook synchronisation, and pushing (or serving pulled) diagnostics.

Push by default; pull only when the client declares `textDocument.diagnostic`, never both
(VS Code would show every diagnostic twice). A keystroke publishes the edited cell and only the
cells whose diagnostics changed, each with its document version.
"""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.workspace import Workspace

from proactive_lsp.server.store import Entry, Store
from proactive_lsp.server.views import decoded


def handles_text(uri: str, language_id: str | None) -> bool:
    return language_id == "python" or uri.endswith((".py", ".ipynb"))


class Publisher:
    def __init__(self, server: LanguageServer, store: Store) -> None:
        self.server = server
        self.store = store
        self.pull = False  # set at initialize when the client pulls
        self.refresh_support = False

    def publish(self, entry: Entry, edited: Iterable[str] = ()) -> None:
        by_uri = self.store.grouped(entry)
        published = self.store.published
        if self.pull:
            changed = any(published.get(uri) != items for uri, items in by_uri.items())
            published.update(by_uri)
            if changed and self.refresh_support:
                self.server.workspace_diagnostic_refresh(None)
            return
        edited_set = set(edited)
        workspace = self.server.workspace
        for uri, items in by_uri.items():
            if uri not in edited_set and published.get(uri) == items:
                continue
            published[uri] = items
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri,
                    diagnostics=self.store.to_lsp(entry, items),
                    version=_version(workspace, uri),
                )
            )

    def clear(self, uris: Iterable[str]) -> None:
        for uri in uris:
            self.store.published.pop(uri, None)
            if not self.pull:
                self.server.text_document_publish_diagnostics(
                    types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
                )


def _version(workspace: Workspace, uri: str) -> int | None:
    # pygls keys documents by the percent-decoded URI (VS Code cell URIs are encoded).
    document = workspace.text_documents.get(decoded(uri))
    return None if document is None else document.version


def register(server: LanguageServer, store: Store, publisher: Publisher) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        if ls.workspace.get_notebook_document(cell_uri=document.uri) is not None:
            return
        if handles_text(document.uri, document.language_id):
            publisher.publish(store.refresh_text(ls.workspace, document.uri), [document.uri])

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        notebook = ls.workspace.get_notebook_document(cell_uri=uri)
        if notebook is not None:
            entry = store.refresh_notebook(ls.workspace, notebook.uri)
            if entry is not None:
                publisher.publish(entry, [uri])
            return
        if uri in store.entries or handles_text(
            uri, ls.workspace.get_text_document(uri).language_id
        ):
            entry = store.refresh_text(ls.workspace, uri, params.content_changes)
            publisher.publish(entry, [uri])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if store.forget(uri) is not None:
            publisher.clear([uri])

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(ls: LanguageServer, params: types.DidOpenNotebookDocumentParams) -> None:
        entry = store.refresh_notebook(ls.workspace, params.notebook_document.uri)
        if entry is not None:
            publisher.publish(entry, entry.view.uris)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_change(ls: LanguageServer, params: types.DidChangeNotebookDocumentParams) -> None:
        uri = params.notebook_document.uri
        before = store.entries.get(uri)
        edited = _edited_cells(params)
        cells = params.change.cells
        text_only = (
            cells is not None
            and cells.structure is None
            and cells.data is None
            and params.change.metadata is None
        )
        entry = store.refresh_notebook(ls.workspace, uri, edited if text_only else None)
        if entry is None:
            return
        if before is not None:
            gone = set(before.view.uris) - set(entry.view.uris)
            publisher.clear(gone)
            edited |= set(entry.view.uris) - set(before.view.uris)
        publisher.publish(entry, edited)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(ls: LanguageServer, params: types.DidCloseNotebookDocumentParams) -> None:
        entry = store.forget(params.notebook_document.uri)
        uris = {c.uri for c in params.cell_text_documents}
        if entry is not None:
            uris |= set(entry.view.uris)
        publisher.clear(uris)


def _edited_cells(params: types.DidChangeNotebookDocumentParams) -> set[str]:
    cells = params.change.cells
    if cells is None:
        return set()
    edited = {change.document.uri for change in cells.text_content or []}
    if cells.structure is not None:
        edited |= {d.uri for d in cells.structure.did_open or []}
    return edited


def register_pull(server: LanguageServer, store: Store) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(
            identifier="proactive", inter_file_dependencies=True, workspace_diagnostics=False
        ),
    )
    def pull(
        ls: LanguageServer, params: types.DocumentDiagnosticParams
    ) -> types.FullDocumentDiagnosticReport:
        entry = store.entry_for(ls.workspace, params.text_document.uri)
        if entry is None:
            return types.FullDocumentDiagnosticReport(items=[])
        items = store.diagnostics_for(entry, params.text_document.uri)
        return types.FullDocumentDiagnosticReport(items=items)
