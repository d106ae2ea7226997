"""`.py` files (and jupyterlab-lsp's joined notebook text) → cells.

A cell starts at a percent-format marker line (`# %%`, `#%%`: VS Code and Jupytext) and at
every line that starts with a pragma, so a plain script with pragmas reads the way the same
code pasted into notebook cells would run.
"""

from __future__ import annotations

import re
from pathlib import Path

from proactive_lsp.documents.cells import Cell, SourceDocument, SourceKind

_MARKER = re.compile(r"#\s*%%")
# Jupytext keeps markdown and raw cells as comments after a typed marker; they are not code.
_NON_CODE_MARKER = re.compile(r"#\s*%%.*\[(markdown|md|raw)\]")


def is_cell_marker(line: str) -> bool:
    return _MARKER.match(line) is not None


def split_python_text(text: str) -> tuple[Cell, ...]:
    """Split the text into code cells; `first_line` maps every cell back to the file."""
    if text.startswith("\ufeff"):
        text = text[1:]  # editors do not show the BOM, so it must not shift columns
    # Windows line endings are line breaks here: the kernel never reads a .py file, and
    # editors count CRLF as one break.
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    cells: list[Cell] = []
    start = 0
    is_code = True

    def close(end: int) -> None:
        if is_code and end > start:
            cells.append(Cell(text="\n".join(lines[start:end]), first_line=start))

    for number, line in enumerate(lines):
        if is_cell_marker(line):
            close(number)
            start = number + 1
            is_code = _NON_CODE_MARKER.match(line) is None
        elif line.startswith("#%") and number != start:
            close(number)
            start = number
            is_code = True
    close(len(lines))
    return tuple(cells)


def read_python_text(text: str, path: Path | None = None) -> SourceDocument:
    name = path.name.split(".", 1)[0] if path is not None else None
    return SourceDocument(SourceKind.PYTHON_FILE, split_python_text(text), path, name)
