"""`proactive-lsp check`: diagnostics for files, printed like a compiler or as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from proactive_lsp.analysis import Analysis, CellCache, analyze
from proactive_lsp.diagnostics import Diagnostic, Severity
from proactive_lsp.documents.cells import DocumentError, SourceDocument
from proactive_lsp.documents.load import load_document

_SKIPPED_FOLDERS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".ipynb_checkpoints"}


def run_check(paths: Sequence[str], output_format: str, *, proactive: bool = False) -> int:
    cache = CellCache()
    items: list[dict[str, Any]] = []
    status = 0
    counts = {severity: 0 for severity in Severity}
    checked = 0
    for path in _expand(paths):
        try:
            document = load_document(path)
        except DocumentError as error:
            print(f"{path}: error: {error}", file=sys.stderr)
            status = 2
            continue
        checked += 1
        if not document.cells:
            print(f"{path}: note: no code cell, nothing to check", file=sys.stderr)
        analysis = analyze(document, cache)
        diagnostics = list(analysis.diagnostics)
        if proactive and analysis.is_workflow:
            found = _proactive(path, analysis)
            if found is None:
                status = 2
            else:
                diagnostics.extend(found)
        for diagnostic in diagnostics:
            counts[diagnostic.severity] += 1
            items.append(_item(path, document, diagnostic))
            if diagnostic.severity is Severity.ERROR and status == 0:
                status = 1
    if output_format == "json":
        json.dump(items, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for item in items:
            where = f"{item['path']}:" + (f"{item['cell']}:" if item["cell"] is not None else "")
            print(
                f"{where}{item['line']}:{item['column']}: {item['severity']} {item['code']} {item['message']}"
            )
        summary = ", ".join(f"{n} {s.label}{'s' if n != 1 else ''}" for s, n in counts.items() if n)
        print(
            f"checked {checked} file{'s' if checked != 1 else ''}: {summary or 'no problems'}",
            file=sys.stderr,
        )
    return status


def _proactive(path: Path, analysis: Analysis) -> list[Diagnostic] | None:
    """ProActive's refusal as a diagnostic ([] when it accepts), None when it cannot run."""
    from proactive_lsp.sdk.errors import SdkError
    from proactive_lsp.sdk.proactive_check import proactive_verdict, verdict_diagnostic

    try:
        verdict = proactive_verdict(analysis)
    except SdkError as error:
        print(f"{path}: error: ProActive's validator could not run: {error}", file=sys.stderr)
        return None
    refusal = verdict_diagnostic(analysis, verdict)
    return [] if refusal is None else [refusal]


def _expand(paths: Sequence[str]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if found.suffix in (".ipynb", ".py") and not _SKIPPED_FOLDERS & set(found.parts):
                    yield found
        else:
            yield path


def _item(path: Path, document: SourceDocument, diagnostic: Diagnostic) -> dict[str, Any]:
    cell = document.cells[diagnostic.cell or 0] if document.cells else None
    offset = cell.first_line if cell is not None else 0
    start, end = diagnostic.range.start, diagnostic.range.end
    return {
        "path": str(path),
        "cell": cell.index if cell is not None else None,
        "line": start.line + offset + 1,
        "column": start.column + 1,
        "end_line": end.line + offset + 1,
        "end_column": end.column + 1,
        "severity": diagnostic.severity.label,
        "code": diagnostic.code,
        "message": diagnostic.message,
    }
