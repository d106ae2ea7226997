"""The plain-data results of the editor features: no LSP types, cell-relative positions.

Columns are code points, relative to the cell, like everywhere in the core; the LSP layer
converts them to UTF-16 and to document positions, and maps the string kinds to its enums.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from proactive_lsp.text import Range

CompletionKind = Literal["pragma", "parameter", "value", "task", "variable", "file", "language"]

# At most this many completion items per request (Nextflow's default is 100 too). The list is
# filtered on the server by what was typed, so a longer prefix brings the rest into view; the
# LSP layer should mark a list of this length as incomplete.
MAX_ITEMS = 100


@dataclass(frozen=True, slots=True)
class CompletionItem:
    label: str  # what the menu shows: `task`, `dep`, `prep`, `Python`
    kind: CompletionKind
    detail: str  # one line beside the label
    documentation: str  # Markdown
    # The text that replaces ``edit_range``. On a pragma line it starts at column 0 and repeats
    # the line up to the completed token, because jupyterlab-lsp ignores ``edit_range`` and
    # replaces the whole comment token with it. A snippet when ``is_snippet``.
    insert_text: str
    filter_text: str  # the plain text the item inserts (never snippet syntax)
    edit_range: Range  # from column 0 of the cursor's line to the end of the completed token
    sort_text: str
    is_snippet: bool = False


@dataclass(frozen=True, slots=True)
class HoverInfo:
    markdown: str
    range: Range  # the hovered token


@dataclass(frozen=True, slots=True)
class ParameterInfo:
    # Offsets [start, end) into the signature label (code points; the usage lines are ASCII,
    # so they are UTF-16 offsets too).
    label: tuple[int, int]
    documentation: str  # Markdown


@dataclass(frozen=True, slots=True)
class SignatureInfo:
    label: str  # the kernel's usage line
    documentation: str  # Markdown
    parameters: tuple[ParameterInfo, ...]
    active_parameter: int | None  # index into ``parameters``; None when the cursor is on none


@dataclass(frozen=True, slots=True, order=True)
class Token:
    line: int
    start: int
    length: int
    type: str  # one of TOKEN_TYPES
    modifiers: tuple[str, ...] = ()  # each one of TOKEN_MODIFIERS
