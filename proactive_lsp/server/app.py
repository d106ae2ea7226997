"""Build the language server: one `LanguageServer`, features registered module by module."""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from proactive_lsp import __version__
from proactive_lsp.server import sync
from proactive_lsp.server.store import Store

log = logging.getLogger("proactive_lsp")


class ProActiveServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "proactive-lsp",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[
                    types.NotebookDocumentFilterWithCells(
                        notebook="*", cells=[types.NotebookCellLanguage(language="python")]
                    )
                ],
            ),
            # >= 2: pygls reads stdin on this pool, so one slow threaded job must not stall it.
            max_workers=4,
        )
        self.store = Store()
        self.publisher = sync.Publisher(self, self.store)
        self.snippets = False

    def report_server_error(self, error: Exception, source: Any) -> None:
        # A failing handler is answered with a JSON-RPC error by pygls; we keep serving and log
        # the traceback on stderr.
        log.error("internal error in %s", getattr(source, "__name__", source), exc_info=error)


def create_server() -> ProActiveServer:
    server = ProActiveServer()
    store = server.store

    @server.feature(types.INITIALIZE)
    def initialize(ls: ProActiveServer, params: types.InitializeParams) -> None:
        capabilities = params.capabilities
        text = capabilities.text_document
        ls.snippets = bool(
            text
            and text.completion
            and text.completion.completion_item
            and text.completion.completion_item.snippet_support
        )
        store.settings.update(params.initialization_options)
        if text is not None and text.diagnostic is not None:
            ls.publisher.pull = True
            workspace = capabilities.workspace
            ls.publisher.refresh_support = bool(
                workspace and workspace.diagnostics and workspace.diagnostics.refresh_support
            )
            sync.register_pull(ls, store)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration(ls: ProActiveServer, params: types.DidChangeConfigurationParams) -> None:
        severities = dict(store.settings.severity)
        store.settings.update(params.settings)
        if store.settings.severity != severities:
            store.published.clear()  # same diagnostics, other severities: publish them again
        for entry in list(store.entries.values()):
            ls.publisher.publish(entry)

    sync.register(server, store, server.publisher)
    from proactive_lsp.server import features

    features.register(server)
    return server
