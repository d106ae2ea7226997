"""Core plain data → lsprotocol types. The only place that knows both."""

from __future__ import annotations

from typing import Any

from lsprotocol import types

from proactive_lsp.diagnostics import Diagnostic, Edit, Fix, NewFile
from proactive_lsp.server.views import View, column_to_client
from proactive_lsp.text import Range

_TAGS = {
    "unnecessary": types.DiagnosticTag.Unnecessary,
    "deprecated": types.DiagnosticTag.Deprecated,
}


def lsp_range(view: View, cell: int, where: Range) -> types.Range:
    target = view.targets[cell]

    def position(line: int, column: int) -> types.Position:
        text = target.lines[line] if 0 <= line < len(target.lines) else ""
        return types.Position(
            line=target.first_line + line, character=column_to_client(text, column, view.encoding)
        )

    return types.Range(
        start=position(where.start.line, where.start.column),
        end=position(where.end.line, where.end.column),
    )


def lsp_diagnostic(
    view: View, diagnostic: Diagnostic, severity: types.DiagnosticSeverity
) -> types.Diagnostic:
    cell = diagnostic.cell or 0
    related = [
        types.DiagnosticRelatedInformation(
            location=types.Location(
                uri=view.targets[r.location.cell].uri,
                range=lsp_range(view, r.location.cell, r.location.range),
            ),
            message=r.message,
        )
        for r in diagnostic.related
        if r.location.cell < len(view.targets)
    ]
    return types.Diagnostic(
        range=lsp_range(view, cell, diagnostic.range),
        message=diagnostic.message,
        severity=severity,
        code=diagnostic.code,
        source="proactive",
        related_information=related or None,
        tags=[_TAGS[t] for t in diagnostic.tags if t in _TAGS] or None,
        # The fixes travel with the diagnostic so a quick fix needs no re-analysis.
        data={"fixes": [fix_to_data(f) for f in diagnostic.fixes]} if diagnostic.fixes else None,
    )


def fix_to_data(fix: Fix) -> dict[str, Any]:
    return {
        "title": fix.title,
        "preferred": fix.preferred,
        "edits": [
            {
                "cell": e.cell,
                "range": [
                    e.range.start.line,
                    e.range.start.column,
                    e.range.end.line,
                    e.range.end.column,
                ],
                "text": e.new_text,
            }
            for e in fix.edits
        ],
        # The content never carries a password (see NewFile): the secret's range comes instead.
        "new_file": _new_file_data(fix.new_file) if fix.new_file else None,
        "split_cell_at_line": fix.split_cell_at_line,
    }


def _new_file_data(new_file: NewFile) -> list[Any]:
    secret = new_file.secret
    where = (
        [secret.start.line, secret.start.column, secret.end.line, secret.end.column]
        if secret is not None
        else None
    )
    return [new_file.relative_path, new_file.content, where]


def text_edits(view: View, cell: int, edits: tuple[Edit, ...]) -> dict[str, list[types.TextEdit]]:
    changes: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        target_cell = cell if edit.cell is None else edit.cell
        if target_cell >= len(view.targets):
            continue
        uri = view.targets[target_cell].uri
        changes.setdefault(uri, []).append(
            types.TextEdit(range=lsp_range(view, target_cell, edit.range), new_text=edit.new_text)
        )
    return changes
