"""`.py` files (and jupyterlab-lsp's joined notebook text) → cells.

A cell starts at a percent-format marker line (`# %%`, `#%%`: VS Code and Jupytext) and at
every line that starts with a pragma, so a plain script with pragmas reads the way the same
code pasted into notebook cells would run.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from proactive_lsp.documents.cells import Cell, SourceDocument, SourceKind
from proactive_lsp.text import Position

# Jupytext keeps markdown and raw cells as comments after a typed marker; they are not code.
_NON_CODE_MARKER = re.compile(r"#\s*%%.*\[(markdown|md|raw)\]")


# Lines that start a cell: a percent marker, or a pragma (`#%` not followed by `%`).
_BOUNDARY = re.compile(r"^(?:#[ \t]*%%|#%(?!%))", re.MULTILINE)
_PRAGMA_LINE = re.compile(r"#%(?!%)")


def split_python_text(text: str) -> tuple[Cell, ...]:
    """Split the text into code cells; `first_line` maps every cell back to the file.

    Runs on every keystroke in a `.py` file (and on jupyterlab-lsp's full-text changes), so
    the boundaries are found by one regular-expression scan rather than line by line.
    """
    if text.startswith("\ufeff"):
        text = text[1:]  # editors do not show the BOM, so it must not shift columns
    if "\r" in text:
        # Windows line endings are line breaks here: the kernel never reads a .py file, and
        # editors count CRLF as one break.
        text = "\n".join(line[:-1] if line.endswith("\r") else line for line in text.split("\n"))
    cells: list[Cell] = []
    start, line, is_code = 0, 0, True  # offset and line where the current cell starts
    for match in _BOUNDARY.finditer(text):
        at = match.start()
        at_line = line + text.count("\n", start, at)
        marker = match.group().endswith("%%")
        if marker or at_line != line:
            if is_code and at > start:
                cells.append(Cell(text=text[start : at - 1], first_line=line))
            if marker:
                end = text.find("\n", at)
                marker_line = text[at:] if end < 0 else text[at:end]
                is_code = _NON_CODE_MARKER.match(marker_line) is None
                if end < 0:  # a marker on the last line: no cell after it
                    return tuple(cells)
                start, line = end + 1, at_line + 1
            else:
                start, line, is_code = at, at_line, True
    if is_code:
        cells.append(Cell(text=text[start:], first_line=line))
    return tuple(cells)


def read_python_text(text: str, path: Path | None = None) -> SourceDocument:
    name = path.name.split(".", 1)[0] if path is not None else None
    return SourceDocument(SourceKind.PYTHON_FILE, split_python_text(text), path, name)


def edit_cell(
    cells: tuple[Cell, ...], index: int, start: Position, end: Position, inserted: str
) -> tuple[Cell, ...] | None:
    """The cells after replacing ``start``..``end`` of cell ``index`` (cell positions, code
    points) with ``inserted``, or None when the edit may move a cell boundary (split the whole
    text again). A keystroke in a `.py` file thus touches one cell, not the file."""
    cell = cells[index]
    lines = cell.text.split("\n")
    if (
        "\r" in inserted
        or "\ufeff" in inserted
        or not (start <= end)
        or end.line >= len(lines)
        or start.column > len(lines[start.line])
        or end.column > len(lines[end.line])
    ):
        return None
    edited = (
        lines[start.line][: start.column] + inserted + lines[end.line][end.column :]
    ).split("\n")
    new_lines = lines[: start.line] + edited + lines[end.line + 1 :]
    text = "\n".join(new_lines)
    # A cell that a pragma line starts must keep it (or it joins the cell above), and nothing
    # in it may start a cell of its own.
    if _PRAGMA_LINE.match(lines[0]) and not _PRAGMA_LINE.match(new_lines[0]):
        return None
    if split_python_text(text) != (Cell(text=text),):
        return None
    shift = len(new_lines) - len(lines)
    later = cells[index + 1 :]
    if shift:
        later = tuple(dataclasses.replace(c, first_line=c.first_line + shift) for c in later)
    return (*cells[:index], dataclasses.replace(cell, text=text), *later)
