"""textDocument/codeAction: quick fixes carried by diagnostics, and the document's commands.

Fixes travel in `Diagnostic.data` (see convert.py), so a quick fix needs no re-analysis; a fix
whose edits no longer apply (the text moved on) is simply not offered by the client.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from proactive_lsp.diagnostics import Edit, NewFile
from proactive_lsp.server.convert import text_edits
from proactive_lsp.server.requests import resolve
from proactive_lsp.server.store import Entry, Store
from proactive_lsp.text import Position, Range

SPLIT_CELL_COMMAND = "proactive.client.splitCell"  # implemented by the VS Code extension


def register(server: LanguageServer, store: Store) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.Source]
        ),
    )
    def code_actions(ls: LanguageServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        at = resolve(store, ls.workspace, uri, params.range.start)
        if at is None:
            return []
        actions: list[types.CodeAction] = []
        for diagnostic in params.context.diagnostics:
            data = diagnostic.data if isinstance(diagnostic.data, dict) else None
            if diagnostic.source != "proactive" or data is None:
                continue
            for fix in data.get("fixes", []):
                action = _quick_fix(at.entry, at.cell, uri, diagnostic, fix)
                if action is not None:
                    actions.append(action)
        cell = at.analysis.cells[at.cell]
        if cell.pragma is not None and at.position.line == 0:
            for title, command in store.source_commands:
                actions.append(
                    types.CodeAction(
                        title=title,
                        kind=types.CodeActionKind.Source,
                        command=types.Command(
                            title=title, command=command, arguments=[at.view.key]
                        ),
                    )
                )
        return actions


def _quick_fix(
    entry: Entry, cell: int, uri: str, diagnostic: types.Diagnostic, fix: dict[str, Any]
) -> types.CodeAction | None:
    title = str(fix.get("title", "Fix"))
    if fix.get("split_cell_at_line") is not None:
        if entry.view.key == uri:
            return None  # only a notebook has cells to split
        return types.CodeAction(
            title=title,
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            command=types.Command(
                title=title, command=SPLIT_CELL_COMMAND, arguments=[uri, fix["split_cell_at_line"]]
            ),
        )
    edits = tuple(
        Edit(Range(Position(r[0], r[1]), Position(r[2], r[3])), str(e["text"]), e.get("cell"))
        for e in fix.get("edits", [])
        for r in [e["range"]]
    )
    changes = text_edits(entry.view, cell, edits)
    document_changes: list[Any] = []
    new_file = fix.get("new_file")
    if new_file:
        folder = entry.view.source.folder
        if folder is None:
            return None
        target = from_fs_path(str(Path(folder) / new_file[0])) or ""
        secret = new_file[2] if len(new_file) > 2 else None
        content = NewFile(
            new_file[0],
            new_file[1],
            Range(Position(secret[0], secret[1]), Position(secret[2], secret[3])) if secret else None,
        ).resolved(entry.view.source.cells[cell].text)
        document_changes.append(
            types.CreateFile(
                uri=target, options=types.CreateFileOptions(overwrite=False, ignore_if_exists=True)
            )
        )
        document_changes.append(
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(
                    uri=target, version=None
                ),
                edits=[
                    types.TextEdit(
                        range=types.Range(
                            start=types.Position(line=0, character=0),
                            end=types.Position(line=0, character=0),
                        ),
                        new_text=content,
                    )
                ],
            )
        )
        for edit_uri, items in changes.items():
            document_changes.append(
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=edit_uri, version=None
                    ),
                    edits=list(items),
                )
            )
        edit = types.WorkspaceEdit(document_changes=document_changes)
    else:
        edit = types.WorkspaceEdit(changes=changes)
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=bool(fix.get("preferred")) or None,
        edit=edit,
    )
