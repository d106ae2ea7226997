"""Diagnostics as plain data: what is wrong, where, how bad, and how to fix it.

The core never knows about LSP; the server and the CLI turn these into their own shapes.
A diagnostic produced while parsing one cell has ``cell=None``; the analysis fills in the cell
when it places the parse result into a document, so a parse can be cached per cell text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from proactive_lsp.text import Range


class Severity(IntEnum):
    """Numbered as in LSP so the server can pass the value through."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    cell: int
    range: Range


@dataclass(frozen=True, slots=True)
class Related:
    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``range`` with ``new_text``; ``cell=None`` means the diagnostic's own cell."""

    range: Range
    new_text: str
    cell: int | None = None


@dataclass(frozen=True, slots=True)
class NewFile:
    """Create (or, when it exists, merge into) a file next to the document."""

    relative_path: str
    content: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A machine-readable fix; the LSP layer turns it into a quick fix without re-analysis."""

    title: str
    edits: tuple[Edit, ...] = ()
    new_file: NewFile | None = None
    # Notebooks only: split the cell so that a new cell starts at this line of the diagnostic's cell.
    split_cell_at_line: int | None = None
    preferred: bool = False


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    range: Range
    cell: int | None = None
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # LSP tags: "unnecessary" (faded text) and "deprecated" (struck through).
    tags: tuple[str, ...] = field(default=())
