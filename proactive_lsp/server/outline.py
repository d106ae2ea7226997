"""documentSymbol, foldingRange, inlayHint and codeLens."""

from __future__ import annotations

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from proactive_lsp.features import outline
from proactive_lsp.server.convert import lsp_range
from proactive_lsp.server.requests import cells_of
from proactive_lsp.server.store import Entry, Store

_KINDS = {
    "job": types.SymbolKind.Module,
    "task": types.SymbolKind.Function,
    "control": types.SymbolKind.Namespace,
}


def register(server: LanguageServer, store: Store) -> None:
    def entry_of(ls: LanguageServer, uri: str) -> Entry | None:
        return store.entry_for(ls.workspace, uri)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(
        ls: LanguageServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        entry = entry_of(ls, params.text_document.uri)
        if entry is None:
            return []
        shown = set(cells_of(entry, params.text_document.uri))

        def convert(symbol: outline.OutlineSymbol) -> types.DocumentSymbol | None:
            if symbol.cell not in shown:
                return None
            children = [c for c in (convert(child) for child in symbol.children) if c is not None]
            return types.DocumentSymbol(
                name=symbol.name,
                detail=symbol.detail,
                kind=_KINDS[symbol.kind],
                range=lsp_range(entry.view, symbol.cell, symbol.range),
                selection_range=lsp_range(entry.view, symbol.cell, symbol.selection),
                children=children or None,
            )

        found = [convert(s) for s in outline.outline(entry.analysis)]
        return [s for s in found if s is not None]

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding(ls: LanguageServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        entry = entry_of(ls, params.text_document.uri)
        if entry is None or entry.view.key != params.text_document.uri:
            return []  # notebook cells fold by themselves
        return [
            types.FoldingRange(start_line=a, end_line=b, kind=types.FoldingRangeKind.Region)
            for a, b in outline.folding_cells(entry.analysis)
        ]

    @server.feature(types.TEXT_DOCUMENT_INLAY_HINT)
    def inlay_hints(ls: LanguageServer, params: types.InlayHintParams) -> list[types.InlayHint]:
        entry = entry_of(ls, params.text_document.uri)
        if entry is None:
            return []
        found = []
        for cell in cells_of(entry, params.text_document.uri):
            for hint in outline.hints(entry.analysis, cell):
                position = lsp_range(entry.view, cell, hint.range).end
                found.append(
                    types.InlayHint(
                        position=position,
                        label=hint.label,
                        tooltip=hint.tooltip or None,
                        padding_left=True,
                    )
                )
        return found

    @server.feature(types.TEXT_DOCUMENT_CODE_LENS)
    def lenses(ls: LanguageServer, params: types.CodeLensParams) -> list[types.CodeLens]:
        entry = entry_of(ls, params.text_document.uri)
        if entry is None or not entry.analysis.is_workflow:
            return []
        cells = set(cells_of(entry, params.text_document.uri))
        found: list[types.CodeLens] = []
        for task in entry.analysis.workflow.tasks.values():
            if task.cell not in cells or (
                task.name_is_default and task.cell >= len(entry.view.targets)
            ):
                continue
            parts = []
            if task.deps:
                parts.append("after " + ", ".join(d.name for d in task.deps))
            if task.exports:
                parts.append("exports " + ", ".join(r.name for r in task.exports))
            if not parts:
                continue
            where = lsp_range(entry.view, task.cell, task.name_range)
            found.append(
                types.CodeLens(
                    range=where, command=types.Command(title=" · ".join(parts), command="")
                )
            )
        first = min(cells) if cells else None
        if (first is not None and first == 0) or entry.view.key == params.text_document.uri:
            top = types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            )
            for title, command in store.document_commands:
                found.append(
                    types.CodeLens(
                        range=top,
                        command=types.Command(
                            title=title, command=command, arguments=[entry.view.key]
                        ),
                    )
                )
        for provider in store.lens_providers:
            found.extend(provider(entry, params.text_document.uri))
        return found
