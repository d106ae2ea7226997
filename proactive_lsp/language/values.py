"""Per-kind value checks of kernel 13.0.4 (`is_valid_*` in pragma.py, kernel-13.0.4.md §1.5).

The regexes are the kernel's, used with ``re.match`` exactly as it does, so our verdict is its
verdict.  Each kind also carries a plain-language reason for the message.
"""

from __future__ import annotations

import re

from proactive_lsp.language.spec import Kind

ID = re.compile(r"^[a-zA-Z_]\w*$")
IDH = re.compile(r"^[a-zA-Z_](\w|\-)*$")
PATTERNS: dict[Kind, re.Pattern[str]] = {
    Kind.TASK_NAME: IDH,
    Kind.IDENT: ID,
    Kind.IDENT_OR_EMPTY: ID,
    Kind.LANGUAGE: re.compile(r"^[a-zA-Z_]+$"),
    Kind.ON_OFF: re.compile(r"^on$|^off$"),
    Kind.BOOL: re.compile(r"^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"),
    Kind.DIGITS: re.compile(r"^\d+$"),
    Kind.PATH: re.compile(r"^[a-zA-Z0-9_\/\\:\.-]+$"),
    Kind.EXPR: re.compile(r"^(\d+|[a-zA-Z_]\w*)([+*\/-](\d+|[a-zA-Z_]\w*))*$"),
    Kind.PRAGMA: re.compile(r"^[a-z_]+$"),
    Kind.PASSWORD: re.compile(r"^[^ ]+$"),
    Kind.MODE: re.compile(r"^block$|^multiblock$"),
}

WHY: dict[Kind, str] = {
    Kind.TASK_NAME: "a task name is a letter or `_`, then letters, digits, `_` or `-`",
    Kind.IDENT: "expected an identifier: a letter or `_`, then letters, digits or `_`",
    Kind.IDENT_OR_EMPTY: "expected an identifier: a letter or `_`, then letters, digits or `_`",
    Kind.LANGUAGE: "a language name has only letters and `_`, e.g. `Python` or `Linux_Bash`",
    Kind.ON_OFF: "expected `on` or `off` (lower-case)",
    Kind.BOOL: "expected `true` or `false`",
    Kind.DIGITS: "expected digits only",
    Kind.PATH: "expected a non-empty path made of letters, digits and `_ / \\ : . -`",
    Kind.EXPR: "expected a number or a variable name, optionally combined with `-` or `/`",
    Kind.PRAGMA: "expected a lower-case pragma name such as `task`",
    Kind.PASSWORD: "the password cannot be empty",
    Kind.MODE: "expected `block` or `multiblock` (lower-case)",
}

# Referencing a task by name uses ID everywhere but `dep`: say why a hyphen fails there.
REFERENCE_WHY = (
    "task names referenced by other pragmas must be identifiers (a letter or `_`, then "
    "letters, digits or `_`; no `-`)"
)


def accepts(kind: Kind, text: str) -> bool:
    """Whether the kernel's parse-stage check lets ``text`` through for this kind."""
    if kind is Kind.IDENT_OR_EMPTY and text == "":
        return True
    pattern = PATTERNS.get(kind)
    return pattern is None or pattern.match(text) is not None


def why(kind: Kind, text: str, *, reference: bool) -> str:
    if reference and kind is Kind.IDENT and "-" in text:
        return REFERENCE_WHY
    if text == "" and kind is not Kind.PASSWORD:
        return "the value is empty; " + WHY.get(kind, "")
    return WHY.get(kind, "")
