"""The cell: the unit the kernel executes, and the unit every position is relative to."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class SourceKind(Enum):
    # Each cell is a notebook cell: the kernel's rules apply to its text verbatim
    # (a `\r` stays on the pragma line, `#%%task` is a pragma).
    NOTEBOOK = "notebook"
    # A `.py` file, or the single text jupyterlab-lsp sends for a notebook: cells start at
    # `# %%` markers and at every pragma line, and `#%%` is a cell marker, never a pragma.
    PYTHON_FILE = "python_file"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    # Line of the source text where the cell's first line is (0 for notebook cells).
    first_line: int = 0
    # Index among the stored notebook's cells, markdown and raw cells counted; None for `.py`.
    index: int | None = None


@dataclass(frozen=True, slots=True)
class SourceDocument:
    kind: SourceKind
    cells: tuple[Cell, ...]
    # The file the document was read from, or the editor's path for it; relative `path=`
    # values and `proactive_config.ini` are looked up next to it.
    path: Path | None = None
    # The notebook's name as the kernel would use it for file naming (up to the first `.`).
    name: str | None = None

    @property
    def folder(self) -> Path | None:
        return None if self.path is None else self.path.parent


class DocumentError(Exception):
    """A source that cannot be read as a notebook or a Python file, with a message for people."""
