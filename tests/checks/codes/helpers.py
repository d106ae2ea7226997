"""Run cells through ``analyze`` and look at the diagnostics of one code.

Positions are cell-relative and 0-based, columns in code points, as the core reports them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from proactive_lsp.analysis import Analysis, analyze
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix, Severity
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.text import Range

NOTEBOOK = "notebook.ipynb"


def run(
    *cells: str, folder: Path | None = None, files: Mapping[str, str] | None = None
) -> Analysis:
    """Analyse a notebook made of ``cells``; with ``folder``, write ``files`` next to it first."""
    path = None
    if folder is not None:
        for relative, content in (files or {}).items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        path = folder / NOTEBOOK
    return analyze(notebook_from_cells(cells, path))


def diagnostics(
    *cells: str,
    code: str | None = None,
    folder: Path | None = None,
    files: Mapping[str, str] | None = None,
) -> list[Diagnostic]:
    found = run(*cells, folder=folder, files=files).diagnostics
    return [d for d in found if code is None or d.code == code]


def codes(
    *cells: str, folder: Path | None = None, files: Mapping[str, str] | None = None
) -> set[str]:
    return {d.code for d in diagnostics(*cells, folder=folder, files=files)}


def only(
    code: str, *cells: str, folder: Path | None = None, files: Mapping[str, str] | None = None
) -> Diagnostic:
    """The one diagnostic with ``code``; fails when there is none or several."""
    found = diagnostics(*cells, code=code, folder=folder, files=files)
    assert len(found) == 1, f"expected exactly one {code}, got {found}"
    return found[0]


def python_file(text: str, code: str | None = None) -> list[Diagnostic]:
    found = analyze(read_python_text(text)).diagnostics
    return [d for d in found if code is None or d.code == code]


def span(line: int, start: int, end: int) -> Range:
    return Range.on_line(line, start, end)


def check(
    found: Diagnostic, *, severity: Severity, cell: int, where: Range, words: Sequence[str] = ()
) -> None:
    """Severity, cell, exact range and the key words of the message."""
    assert found.severity is severity, found
    assert found.cell == cell, found
    assert found.range == where, f"range {found.range} != {where}: {found.message}"
    for word in words:
        assert word in found.message, f"{word!r} not in {found.message!r}"


def fix_titled(found: Diagnostic, words: str) -> Fix:
    for fix in found.fixes:
        if words in fix.title:
            return fix
    raise AssertionError(f"no fix with {words!r} in its title: {found.fixes}")


def apply(cells: Sequence[str], found: Diagnostic, fix: Fix) -> list[str]:
    """The cells after the fix's edits (each in its own cell, or the diagnostic's)."""
    result = list(cells)
    by_cell: dict[int, list[Edit]] = {}
    for edit in fix.edits:
        cell = found.cell if edit.cell is None else edit.cell
        assert cell is not None
        by_cell.setdefault(cell, []).append(edit)
    for cell, edits in by_cell.items():
        for edit in sorted(edits, key=lambda e: e.range.start, reverse=True):
            result[cell] = _replace(result[cell], edit.range, edit.new_text)
    return result


def _replace(text: str, where: Range, new_text: str) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    start = offsets[where.start.line] + where.start.column
    end = offsets[where.end.line] + where.end.column
    return text[:start] + new_text + text[end:]
