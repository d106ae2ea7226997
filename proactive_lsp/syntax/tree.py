"""The syntax tree of one pragma line: plain data with the exact range of every token.

Values are what kernel 13.0.4's ``extract_params`` would hand to the handlers (spaces removed,
last duplicate wins when looked up with :meth:`Pragma.param`), and each piece keeps the range of
the text it came from in the cell, so a diagnostic can point at the parameter or list item at fault.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from proactive_lsp.text import Range


class ValueKind(Enum):
    SCALAR = "scalar"  # dep=abc, name=x, path=./a.py, key= (empty)
    NAME_LIST = "name_list"  # dep=[a, b]
    TUPLE_LIST = "tuple_list"  # generic_info=[(k, v), (k2, v2)]


@dataclass(frozen=True, slots=True)
class Word:
    """A piece of source text and where it is."""

    text: str
    range: Range


@dataclass(frozen=True, slots=True)
class Pair:
    key: Word
    value: Word
    range: Range


@dataclass(frozen=True, slots=True)
class Value:
    kind: ValueKind
    text: str  # the scalar as the kernel extracts it ('' for an empty value); raw text for lists
    range: Range  # the whole value, brackets included; empty range right after `=` for `key=`
    items: tuple[Word, ...] = ()  # NAME_LIST items
    pairs: tuple[Pair, ...] = ()  # TUPLE_LIST items


@dataclass(frozen=True, slots=True)
class Param:
    key: Word
    value: Value
    range: Range  # from the key to the end of the value


@dataclass(frozen=True, slots=True)
class Pragma:
    """One pragma line (the first line of a pragma cell).

    ``parsed`` is False when kernel 13.0.4 raises ``ParsingError`` for this line; ``params`` then
    holds whatever could be recovered so that completion and hover still work.
    """

    name: Word  # the trigger as the kernel reads it, e.g. `task`, or `draw job` (unknown)
    params: tuple[Param, ...]
    has_parens: bool
    line: int  # the line of the cell that holds the pragma (0 unless the pragma is misplaced)
    line_range: Range  # the whole line
    open_paren: Range | None  # the `(` when present
    close_paren: Range | None  # the `)` that closes the parameters, when present
    parsed: bool
    _by_key: dict[str, Param] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        # Looked up many times per replay: index once (the last duplicate wins, as in the kernel).
        object.__setattr__(self, "_by_key", {p.key.text: p for p in self.params})

    def param(self, key: str) -> Param | None:
        """The parameter the kernel would use: the last one with this key."""
        found: Param | None = self._by_key.get(key)
        return found

    def value(self, key: str) -> str | None:
        param = self.param(key)
        return None if param is None else param.value.text

    def names(self, key: str) -> tuple[Word, ...]:
        """Names of a list parameter, read as the kernel iterates it.

        A scalar where a list is expected is iterated character by character by the kernel
        (`dep=abc` means `a`, `b`, `c`), so each character becomes a one-letter word here.
        """
        param = self.param(key)
        if param is None:
            return ()
        value = param.value
        if value.kind is ValueKind.NAME_LIST:
            return value.items
        if value.kind is ValueKind.SCALAR:
            start = value.range.start
            return tuple(
                Word(ch, Range.on_line(start.line, start.column + i, start.column + i + 1))
                for i, ch in enumerate(value.text)
            )
        return ()
