"""completion, hover, signatureHelp and semanticTokens: the core computes, this file converts."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from proactive_lsp.features.completion import complete
from proactive_lsp.features.hover import hover
from proactive_lsp.features.items import MAX_ITEMS, CompletionItem
from proactive_lsp.features.signature import signature_help
from proactive_lsp.features.tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_tokens
from proactive_lsp.server.convert import lsp_range
from proactive_lsp.server.requests import At, cells_of, resolve
from proactive_lsp.server.store import Store
from proactive_lsp.server.views import column_to_client

_KINDS = {
    "pragma": types.CompletionItemKind.Keyword,
    "parameter": types.CompletionItemKind.Property,
    "value": types.CompletionItemKind.EnumMember,
    "language": types.CompletionItemKind.EnumMember,
    "task": types.CompletionItemKind.Class,
    "variable": types.CompletionItemKind.Variable,
    "file": types.CompletionItemKind.File,
}
LEGEND = types.SemanticTokensLegend(
    token_types=list(TOKEN_TYPES), token_modifiers=list(TOKEN_MODIFIERS)
)


def register(server: LanguageServer, store: Store) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=["%", "(", ",", "[", "=", " "]),
    )
    def completion(ls: LanguageServer, params: types.CompletionParams) -> types.CompletionList:
        at = resolve(store, ls.workspace, params.text_document.uri, params.position)
        if at is None:
            return types.CompletionList(is_incomplete=False, items=[])
        items = complete(
            at.analysis, at.cell, at.position, snippets=bool(getattr(ls, "snippets", False))
        )
        return types.CompletionList(
            is_incomplete=len(items) >= MAX_ITEMS,
            items=[_completion_item(at, item) for item in items],
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        at = resolve(store, ls.workspace, params.text_document.uri, params.position)
        if at is None:
            return None
        info = hover(at.analysis, at.cell, at.position)
        if info is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=info.markdown),
            range=lsp_range(at.view, at.cell, info.range),
        )

    @server.feature(
        types.TEXT_DOCUMENT_SIGNATURE_HELP,
        types.SignatureHelpOptions(trigger_characters=["(", ","], retrigger_characters=["="]),
    )
    def signature(
        ls: LanguageServer, params: types.SignatureHelpParams
    ) -> types.SignatureHelp | None:
        at = resolve(store, ls.workspace, params.text_document.uri, params.position)
        if at is None:
            return None
        info = signature_help(at.analysis, at.cell, at.position)
        if info is None:
            return None
        return types.SignatureHelp(
            signatures=[
                types.SignatureInformation(
                    label=info.label,
                    documentation=types.MarkupContent(
                        kind=types.MarkupKind.Markdown, value=info.documentation
                    ),
                    parameters=[
                        types.ParameterInformation(
                            label=p.label,
                            documentation=types.MarkupContent(
                                kind=types.MarkupKind.Markdown, value=p.documentation
                            ),
                        )
                        for p in info.parameters
                    ],
                )
            ],
            active_signature=0,
            active_parameter=info.active_parameter,
        )

    @server.feature(types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, LEGEND)
    def tokens(ls: LanguageServer, params: types.SemanticTokensParams) -> types.SemanticTokens:
        entry = store.entry_for(ls.workspace, params.text_document.uri)
        if entry is None:
            return types.SemanticTokens(data=[])
        data: list[int] = []
        previous_line, previous_start = 0, 0
        for cell in cells_of(entry, params.text_document.uri):
            target = entry.view.targets[cell]
            for token in semantic_tokens(entry.analysis, cell):
                text = target.lines[token.line] if token.line < len(target.lines) else ""
                line = target.first_line + token.line
                encoding = entry.view.encoding
                start = column_to_client(text, token.start, encoding)
                length = column_to_client(text, token.start + token.length, encoding) - start
                delta_line = line - previous_line
                delta_start = start - previous_start if delta_line == 0 else start
                modifiers = sum(1 << TOKEN_MODIFIERS.index(m) for m in token.modifiers)
                data.extend(
                    [delta_line, delta_start, length, TOKEN_TYPES.index(token.type), modifiers]
                )
                previous_line, previous_start = line, start
        return types.SemanticTokens(data=data)


def _completion_item(at: At, item: CompletionItem) -> types.CompletionItem:
    edit_range = lsp_range(at.view, at.cell, item.edit_range)
    return types.CompletionItem(
        label=item.label,
        kind=_KINDS.get(item.kind),
        detail=item.detail or None,
        documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=item.documentation)
        if item.documentation
        else None,
        insert_text=item.insert_text,
        filter_text=item.filter_text,
        sort_text=item.sort_text,
        insert_text_format=types.InsertTextFormat.Snippet
        if item.is_snippet
        else types.InsertTextFormat.PlainText,
        text_edit=types.TextEdit(range=edit_range, new_text=item.insert_text),
    )
