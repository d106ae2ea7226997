"""textDocument/definition, references, prepareRename and rename."""

from __future__ import annotations

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from proactive_lsp.features import navigation
from proactive_lsp.model.workflow import Occurrence, Symbol
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


def register_hierarchy(server: LanguageServer, store: Store) -> None:
    """Call hierarchy as the workflow's up- and downstream: a task "calls" its dependencies."""

    def item(at: At, name: str) -> types.CallHierarchyItem | None:
        task = at.analysis.workflow.tasks.get(name)
        if task is None or task.cell >= len(at.view.targets):
            return None
        where = lsp_range(at.view, task.cell, task.name_range)
        return types.CallHierarchyItem(
            name=name,
            kind=types.SymbolKind.Function,
            uri=at.view.targets[task.cell].uri,
            range=where,
            selection_range=where,
            detail=task.engine_language,
            data={"task": name},
        )

    def task_of(
        ls: LanguageServer, hierarchy_item: types.CallHierarchyItem
    ) -> tuple[At, str] | None:
        at = resolve(store, ls.workspace, hierarchy_item.uri, hierarchy_item.selection_range.start)
        data = hierarchy_item.data if isinstance(hierarchy_item.data, dict) else {}
        name = str(data.get("task", hierarchy_item.name))
        return None if at is None else (at, name)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
    def prepare(
        ls: LanguageServer, params: types.CallHierarchyPrepareParams
    ) -> list[types.CallHierarchyItem] | None:
        found = resolve(store, ls.workspace, params.text_document.uri, params.position)
        if found is None:
            return None
        occurrence = navigation.occurrence_at(found.analysis, found.cell, found.position)
        if occurrence is None or occurrence.symbol is not Symbol.TASK:
            return None
        made = item(found, occurrence.name)
        return None if made is None else [made]

    @server.feature(types.CALL_HIERARCHY_INCOMING_CALLS)
    def incoming(
        ls: LanguageServer, params: types.CallHierarchyIncomingCallsParams
    ) -> list[types.CallHierarchyIncomingCall]:
        resolved = task_of(ls, params.item)
        if resolved is None:
            return []
        at, name = resolved
        calls = []
        for child in at.analysis.workflow.children_of(name):
            made = item(at, child)
            refs = [r for r in at.analysis.workflow.tasks[child].deps if r.name == name]
            if made is None:
                continue
            ranges = [
                lsp_range(at.view, r.cell, r.range) for r in refs if r.cell < len(at.view.targets)
            ]
            calls.append(
                types.CallHierarchyIncomingCall(from_=made, from_ranges=ranges or [made.range])
            )
        return calls

    @server.feature(types.CALL_HIERARCHY_OUTGOING_CALLS)
    def outgoing(
        ls: LanguageServer, params: types.CallHierarchyOutgoingCallsParams
    ) -> list[types.CallHierarchyOutgoingCall]:
        resolved = task_of(ls, params.item)
        if resolved is None:
            return []
        at, name = resolved
        task = at.analysis.workflow.tasks.get(name)
        calls = []
        for ref in task.deps if task is not None else []:
            made = item(at, ref.name)
            if made is None or ref.cell >= len(at.view.targets):
                continue
            calls.append(
                types.CallHierarchyOutgoingCall(
                    to=made, from_ranges=[lsp_range(at.view, ref.cell, ref.range)]
                )
            )
        return calls
