"""A python-lsp-server plugin: the same diagnostics, completion and hover, inside pylsp.

For users who keep pylsp as their one Python server (jupyterlab-lsp starts only one per
language). pylsp hands us one text (a file, or the notebook text jupyterlab-lsp joins), which is
read like a `.py` file; everything else comes from the same core as our own server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pylsp import hookimpl

from proactive_lsp.analysis import Analysis, CellCache, analyze
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.features.completion import complete
from proactive_lsp.features.hover import hover
from proactive_lsp.text import Position

_CACHE = CellCache()
_KINDS = {
    "pragma": 14,
    "parameter": 10,
    "value": 20,
    "language": 20,
    "task": 7,
    "variable": 6,
    "file": 17,
}


def _analysis(document: Any) -> Analysis:
    path = Path(document.path) if getattr(document, "path", None) else None
    return analyze(read_python_text(document.source, path), _CACHE)


def _cell_at(analysis: Analysis, line: int) -> int | None:
    found = None
    for index, cell in enumerate(analysis.document.cells):
        if cell.first_line <= line:
            found = index
    return found


def _position(analysis: Analysis, cell: int, line: int, column: int) -> dict[str, int]:
    first = analysis.document.cells[cell].first_line
    return {"line": first + line, "character": column}


@hookimpl
def pylsp_lint(config: Any, workspace: Any, document: Any, is_saved: bool) -> list[dict[str, Any]]:
    analysis = _analysis(document)
    found = []
    for d in analysis.diagnostics:
        cell = d.cell or 0
        found.append(
            {
                "source": "proactive",
                "code": d.code,
                "message": d.message,
                "severity": int(d.severity),
                "range": {
                    "start": _position(analysis, cell, d.range.start.line, d.range.start.column),
                    "end": _position(analysis, cell, d.range.end.line, d.range.end.column),
                },
            }
        )
    return found


@hookimpl
def pylsp_completions(
    config: Any, workspace: Any, document: Any, position: dict[str, int], ignored_names: Any = None
) -> list[dict[str, Any]] | None:
    analysis = _analysis(document)
    cell = _cell_at(analysis, position["line"])
    if cell is None:
        return None
    first = analysis.document.cells[cell].first_line
    items = complete(
        analysis, cell, Position(position["line"] - first, position["character"]), snippets=False
    )
    return [
        {
            "label": item.label,
            "kind": _KINDS.get(item.kind, 1),
            "detail": item.detail,
            "documentation": {"kind": "markdown", "value": item.documentation},
            "insertText": item.insert_text,
            "filterText": item.filter_text,
            "sortText": item.sort_text,
            "textEdit": {
                "range": {
                    "start": _position(
                        analysis, cell, item.edit_range.start.line, item.edit_range.start.column
                    ),
                    "end": _position(
                        analysis, cell, item.edit_range.end.line, item.edit_range.end.column
                    ),
                },
                "newText": item.insert_text,
            },
        }
        for item in items
    ] or None


# Hover is first-result-wins in pylsp: run before jedi, and step aside (None) off pragma lines.
@hookimpl(tryfirst=True)
def pylsp_hover(
    config: Any, workspace: Any, document: Any, position: dict[str, int]
) -> dict[str, Any] | None:
    analysis = _analysis(document)
    cell = _cell_at(analysis, position["line"])
    if cell is None:
        return None
    first = analysis.document.cells[cell].first_line
    info = hover(analysis, cell, Position(position["line"] - first, position["character"]))
    if info is None:
        return None
    return {"contents": {"kind": "markdown", "value": info.markdown}}
