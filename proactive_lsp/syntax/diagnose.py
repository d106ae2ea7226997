"""Say what is wrong when the grammar rejects a pragma line (PA101).

The grammar decides accept/reject; this module only explains lark's verdict in the user's
terms.  Lark reports where it stopped and which terminals it expected there; we look at the
character it stopped on and at the text before it, and name the first bad character with what
the kernel expected instead (kernel-13.0.4.md §1.3, §1.7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proactive_lsp.syntax.layout import Layout

_WORD_AT = re.compile(r"[^ ,()\[\]=\t]+")
_BRACKETED_KEY = re.compile(r"\[ *([A-Za-z_][\w-]*)")
_VALUE_CHARS = "letters, digits and `_ / \\ : . -`"

_EXPECTED = {
    "KEY": "a parameter name",
    "EQ": "`=`",
    "COMMA": "`,`",
    "RSQB": "`]`",
    "RPAR": "`)`",
    "LPAR": "`(`",
    "LSQB": "`[`",
    "NAME": "a name",
    "WORD": "a word",
    "SCALAR": "a value",
    "TAIL": "`)`",
    "$END": "the end of the line",
}


@dataclass(frozen=True, slots=True)
class Failure:
    """Where lark stopped: the offset, the expected terminals, whether the line ran out."""

    pos: int
    expected: frozenset[str]
    at_end: bool


def explain(where: Layout, failure: Failure) -> tuple[str, int, int]:
    """A message and the columns of the first bad character (empty range at the end)."""
    text = where.text
    if "\r" in text[where.params_start :]:
        at = text.index("\r", where.params_start)
        return (
            "the line ends with `\\r` (CRLF line ending): the kernel does not strip it, so the "
            "parameters do not parse; save the notebook with LF line endings",
            at,
            at + 1,
        )
    end = len(text.rstrip(" "))
    pos = min(end, failure.pos) if failure.at_end else failure.pos
    if failure.at_end:
        pos = end
    char = text[pos] if pos < len(text) else ""
    before = text[where.params_start : pos].rstrip(" ")
    prev = before[-1:] if before else "("
    message = _message(text, where, pos, char, prev, failure.expected)
    stop = pos + 1 if char else pos
    if message.startswith("unexpected text after `)`"):
        stop = max(stop, len(text.rstrip()))
    return message, pos, stop


def _message(
    text: str, where: Layout, pos: int, char: str, prev: str, expected: frozenset[str]
) -> str:
    key = _key_before(text, where, pos)
    listing = f"the `{key}` list" if key else "the list"
    context = _context(text, where.params_start, pos)
    if char == "\t":
        return "tabs are not allowed between parameters: the kernel accepts only spaces here"
    if char in ("'", '"'):
        inner = re.match(rf"{char}([^{char}]*){char}", text[pos:])
        bare = inner.group(1) if inner else "x"
        written = bare if context != "params" else f"{key or 'name'}={bare}"
        return f"quotes are not allowed: the kernel reads values verbatim, write {written}"
    if expected == {"EQ"}:
        name = _word_before(text, pos)
        if char == "[":
            return f"`{name}[...]`: expected `=` after the parameter name"
        return f"expected `=` after the parameter name `{name}`"
    if context == "tuple":
        return _in_tuple(char, listing, expected)
    if context == "list":
        if expected == {"LPAR"}:
            return f"every item of {listing} is a `(key, value)` pair"
        if prev == ")":
            if not char or char == ")":
                return f"expected `]` to close {listing}"
            return f"expected `,` or `]` after a `(key, value)` pair in {listing}"
        return _in_list(char, prev, listing, expected)
    if "KEY" in expected:
        return _at_key(text, pos, char, prev)
    if prev == "=":
        return _bad_value_start(char)
    return _after_value(text, pos, char, key)


def _context(text: str, start: int, pos: int) -> str:
    """Whether ``pos`` is inside a tuple, inside a list, or between parameters."""
    stack: list[str] = []
    for char in text[start:pos]:
        if char in "[(":
            stack.append(char)
        elif stack and stack[-1] + char in ("()", "[]"):
            stack.pop()
    if stack and stack[-1] == "(" and "[" in stack:
        return "tuple"
    return "list" if stack and stack[-1] == "[" else "params"


def _at_key(text: str, pos: int, char: str, prev: str) -> str:
    if char == "[":
        found = _BRACKETED_KEY.match(text, pos)
        name = found.group(1) if found else "name"
        return (
            "`[...]` marks an optional parameter in the usage text: write "
            f"`{name}=...` without the brackets"
        )
    if prev == ",":
        if char == ",":
            return "two commas in a row: remove one"
        if not char or char == ")":
            return "trailing comma: remove it (the kernel rejects a `,` before `)`)"
    if char == ",":
        return "a parameter list cannot start with a comma"
    return f"expected a parameter name (a letter or `_` first), not `{char}`"


def _in_list(char: str, prev: str, listing: str, expected: frozenset[str]) -> str:
    if prev == "[" and char == "]":
        return f"an empty list is not allowed: give at least one name in {listing} or remove it"
    if prev == "," and char == "]":
        return f"trailing comma in {listing}: remove it"
    if not char or char == ")":
        return f"expected `]` to close {listing}"
    if "NAME" in expected:
        if char.isdigit():
            return f"items of {listing} must start with a letter or `_`, not a digit"
        return f"items of {listing} are names (letters, digits, `_`, `-`); `{char}` is not allowed"
    if char not in "[(),":
        return f"expected `,` or `]` in {listing}: a name cannot contain `{char}` or spaces"
    return f"expected `,` or `]` in {listing}, not `{char}`"


def _in_tuple(char: str, listing: str, expected: frozenset[str]) -> str:
    if char == ")" or (char == "," and "RPAR" in expected):
        return f"a tuple has exactly two items: (key, value) in {listing}"
    if char == "-":
        return "tuple items may contain only letters, digits and `_` (no `-`)"
    if not char:
        return f"expected `)` and `]` to close {listing}"
    return f"tuple items may contain only letters, digits and `_`; `{char}` is not allowed"


def _after_value(text: str, pos: int, char: str, key: str | None) -> str:
    if char == ")":
        return (
            "unexpected text after `)`: the kernel accepts nothing after the closing "
            "parenthesis (put comments on the next line)"
        )
    if not char:
        return "unexpected end of the line"
    word = _WORD_AT.match(text, pos)
    if text[pos - 1 : pos] == " " and word is not None:
        return f"values cannot contain spaces: expected `,` before `{word.group(0)}`"
    if char in "*+" and key == "runs":
        return (
            f"`{char}` is not allowed here: the kernel's parameter check accepts only `-` and `/` "
            "in a runs expression (or a single number or variable)"
        )
    return f"`{char}` is not allowed in a value: values are names or paths made of {_VALUE_CHARS}"


def _bad_value_start(char: str) -> str:
    if char == "~":
        return "`~` is not allowed: the kernel does not expand it; write a relative or full path"
    if char and not char.isascii():
        return f"a value must start with an ASCII letter, digit or `_`; `{char}` is not allowed"
    return f"`{char}` is not allowed in a value: values are names or paths made of {_VALUE_CHARS}"


def _key_before(text: str, where: Layout, pos: int) -> str | None:
    """The parameter whose value holds ``pos`` (for "the `dep` list")."""
    head = text[where.params_start : pos]
    cut = max(head.rfind(","), -1)
    # Inside a list the last comma belongs to the list: look back to the `key=[` instead.
    opened = head.rfind("[")
    if opened > head.rfind("]"):
        cut = head.rfind(",", 0, opened)
    segment = head[cut + 1 :] if cut >= 0 else head
    found = re.match(r" *([A-Za-z_][\w-]*) *=", segment)
    return found.group(1) if found else None


def _word_before(text: str, pos: int) -> str:
    found = re.search(r"([A-Za-z_][\w-]*) *$", text[:pos])
    return found.group(1) if found else ""
