"""textDocument/definition, references, prepareRename and rename."""

from __future__ import annotations

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from proactive_lsp.features import navigation
from proactive_lsp.model.workflow import Occurrence
from proactive_lsp.server.convert import lsp_range
from proactive_lsp.server.requests import At, resolve
from proactive_lsp.server.store import Store


def register(server: LanguageServer, store: Store) -> None:
    def target(
        ls: LanguageServer, uri: str, position: types.Position
    ) -> tuple[At, Occurrence] | None:
        at = resolve(store, ls.workspace, uri, position)
        if at is None:
            return None
        found = navigation.occurrence_at(at.analysis, at.cell, at.position)
        return None if found is None else (at, found)

    def location(at: At, occurrence: Occurrence) -> types.Location:
        return types.Location(
            uri=at.view.targets[occurrence.cell].uri,
            range=lsp_range(at.view, occurrence.cell, occurrence.range),
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(
        ls: LanguageServer, params: types.DefinitionParams
    ) -> list[types.Location] | None:
        found = target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        at, occurrence = found
        return [location(at, o) for o in navigation.definitions(at.analysis, occurrence)] or None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(
        ls: LanguageServer, params: types.ReferenceParams
    ) -> list[types.Location] | None:
        found = target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        at, occurrence = found
        include = params.context.include_declaration
        return [
            location(at, o)
            for o in navigation.references(at.analysis, occurrence, include_definitions=include)
        ]

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: LanguageServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        at, occurrence = found
        return lsp_range(at.view, occurrence.cell, occurrence.range)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: LanguageServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = target(ls, params.text_document.uri, params.position)
        if found is None:
            return None
        at, occurrence = found
        result = navigation.rename(at.analysis, occurrence, params.new_name)
        if isinstance(result, navigation.RenameRefused):
            # Raised errors become JSON-RPC errors, which editors show to the user.
            raise JsonRpcException(result.message, code=-32803)  # RequestFailed
        changes: dict[str, list[types.TextEdit]] = {}
        for o in result:
            loc = location(at, o)
            changes.setdefault(loc.uri, []).append(
                types.TextEdit(range=loc.range, new_text=params.new_name)
            )
        return types.WorkspaceEdit(changes=changes)
