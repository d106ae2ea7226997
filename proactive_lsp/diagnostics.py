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


SECRET_PLACEHOLDER = "\x00hidden\x00"


@dataclass(frozen=True, slots=True)
class NewFile:
    """Create a file next to the document.

    A password must never travel in diagnostic data: ``content`` holds
    :data:`SECRET_PLACEHOLDER` instead, and whoever applies the fix puts back the text found at
    ``secret`` (a range of the diagnostic's cell) only then.
    """

    relative_path: str
    content: str
    secret: Range | None = None

    def resolved(self, cell_text: str) -> str:
        """The content with the secret read back from the cell it was written in."""
        if self.secret is None:
            return self.content
        return self.content.replace(SECRET_PLACEHOLDER, text_at(cell_text, self.secret))


def text_at(cell_text: str, where: Range) -> str:
    lines = cell_text.split("\n")
    if where.start.line != where.end.line or where.start.line >= len(lines):
        return ""
    return lines[where.start.line][where.start.column : where.end.column]


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
