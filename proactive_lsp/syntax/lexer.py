"""A forgiving lexer for one pragma line, for the editor features.

The parser answers "what does the kernel make of this line"; the editor features need "what
is under the cursor", also on a line being typed (`#%task(name=a, dep=[pr`), which the kernel
refuses and the parser only partly recovers. This lexer never fails: it cuts the line into
pieces with their role and the parameter they belong to, using the kernel's own cut for the
prefix and the trigger (``syntax.layout``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from proactive_lsp.syntax.layout import layout


class Role(Enum):
    PREFIX = "prefix"  # `#%`, `#%%`, `#% `
    NAME = "name"  # the trigger
    OPEN = "open"  # the `(` after the trigger
    CLOSE = "close"  # a `)` that ends the parameters (and any extra one)
    KEY = "key"
    EQUALS = "equals"
    COMMA = "comma"  # between parameters
    LIST_OPEN = "list_open"
    LIST_CLOSE = "list_close"
    LIST_COMMA = "list_comma"
    TUPLE_OPEN = "tuple_open"
    TUPLE_CLOSE = "tuple_close"
    TUPLE_COMMA = "tuple_comma"
    VALUE = "value"  # a scalar value
    ITEM = "item"  # an item of a name list
    TUPLE_KEY = "tuple_key"
    TUPLE_VALUE = "tuple_value"
    JUNK = "junk"  # text the grammar has no place for, e.g. after the closing `)`


WORDS = frozenset({Role.NAME, Role.KEY, Role.VALUE, Role.ITEM, Role.TUPLE_KEY, Role.TUPLE_VALUE})


@dataclass(frozen=True, slots=True)
class Piece:
    role: Role
    start: int
    end: int
    text: str
    key: str | None = None  # the parameter a value, item or punctuation belongs to
    list_start: int = -1  # for list items and list punctuation: where their `[` is


@dataclass(frozen=True, slots=True)
class Lexed:
    text: str
    pieces: tuple[Piece, ...]
    trigger: str
    trigger_start: int
    trigger_end: int
    paren: int  # the `(` after the trigger, or -1

    def at(self, column: int) -> Piece | None:
        """The word piece that holds ``column`` (a cursor right after a word counts)."""
        found = None
        for piece in self.pieces:
            if piece.start <= column <= piece.end and piece.role in WORDS:
                found = piece
                if column < piece.end:
                    return piece
        return found

    def before(self, column: int) -> Piece | None:
        """The last piece that ends at or before ``column``."""
        found = None
        for piece in self.pieces:
            if piece.end <= column:
                found = piece
            else:
                break
        return found

    def key_pieces(self) -> list[Piece]:
        return [piece for piece in self.pieces if piece.role is Role.KEY]

    def items_of_list(self, list_start: int) -> list[Piece]:
        return [p for p in self.pieces if p.role is Role.ITEM and p.list_start == list_start]

    def key_at(self, column: int) -> str | None:
        """The parameter the cursor is in: its key, value or list (None between parameters)."""
        piece = self.at(column) or self.before(column)
        if piece is None or piece.role in (Role.OPEN, Role.COMMA, Role.CLOSE, Role.JUNK):
            return None
        return piece.text if piece.role is Role.KEY else piece.key


_SEPARATORS = frozenset(" \t,=[]()")
_VALUE_SEPARATORS = frozenset(" \t,[]()")


def lex(text: str) -> Lexed:
    """Cut a pragma line (the text of one line, `#%` first) into pieces."""
    where = layout(text)
    pieces: list[Piece] = []
    if where.trigger_start > 0:
        pieces.append(Piece(Role.PREFIX, 0, where.trigger_start, text[: where.trigger_start]))
    if where.trigger_end > where.trigger_start:
        pieces.append(Piece(Role.NAME, where.trigger_start, where.trigger_end, where.trigger))
    if where.paren >= 0:
        pieces.append(Piece(Role.OPEN, where.paren, where.paren + 1, "("))
        _Scanner(text, pieces).run(where.paren + 1)
    return Lexed(text, tuple(pieces), where.trigger, where.trigger_start, where.trigger_end,
                 where.paren)


class _Scanner:
    def __init__(self, text: str, pieces: list[Piece]) -> None:
        self.text = text
        self.pieces = pieces
        self.mode = "key"  # key | value | done | list | tuples | tuple | after
        self.key: str | None = None
        self.list_start = -1
        self.tuple_index = 0

    def add(self, role: Role, start: int, end: int) -> None:
        key = None if role in (Role.KEY, Role.COMMA, Role.OPEN, Role.CLOSE) else self.key
        list_start = self.list_start if self.mode in ("list", "tuples", "tuple") else -1
        self.pieces.append(Piece(role, start, end, self.text[start:end], key, list_start))

    def word_end(self, i: int, separators: frozenset[str]) -> int:
        while i < len(self.text) and self.text[i] not in separators:
            i += 1
        return i

    def run(self, i: int) -> None:
        text = self.text
        while i < len(text):
            ch = text[i]
            if ch in " \t":
                i += 1
                continue
            step = getattr(self, "_" + self.mode)(i, ch)
            i = max(step, i + 1)

    def _word(self, i: int, role: Role, separators: frozenset[str] = _SEPARATORS) -> int:
        end = self.word_end(i, separators)
        self.add(role, i, end)
        return end

    def _close(self, i: int) -> int:
        self.mode = "after"
        self.add(Role.CLOSE, i, i + 1)
        return i + 1

    def _key(self, i: int, ch: str) -> int:
        if ch == "=":
            self.mode = "value"
            self.add(Role.EQUALS, i, i + 1)
        elif ch == ",":
            self.key = None
            self.add(Role.COMMA, i, i + 1)
        elif ch == ")":
            return self._close(i)
        elif ch in "[](":
            self.add(Role.JUNK, i, i + 1)
        else:
            end = self.word_end(i, _SEPARATORS)
            self.key = text = self.text[i:end]
            self.pieces.append(Piece(Role.KEY, i, end, text))
            return end
        return i + 1

    def _value(self, i: int, ch: str) -> int:
        if ch == "[":
            self.list_start = i
            rest = self.text[i + 1 :].lstrip(" ")
            self.mode = "tuples" if rest.startswith("(") else "list"
            self.add(Role.LIST_OPEN, i, i + 1)
            return i + 1
        self.mode = "done"
        return self._done(i, ch)

    def _done(self, i: int, ch: str) -> int:
        if ch == ",":
            self.mode = "key"
            self.key = None
            self.add(Role.COMMA, i, i + 1)
        elif ch == ")":
            return self._close(i)
        elif ch in "[](":
            self.add(Role.JUNK, i, i + 1)
        else:
            # A scalar runs to the next `,` for the kernel, `=` included (`password=p=w`).
            return self._word(i, Role.VALUE, _VALUE_SEPARATORS)
        return i + 1

    def _list(self, i: int, ch: str) -> int:
        if ch == ",":
            self.add(Role.LIST_COMMA, i, i + 1)
        elif ch == "]":
            self.add(Role.LIST_CLOSE, i, i + 1)
            self.mode = "done"
        elif ch == ")":
            return self._close(i)
        elif ch in "[(=":
            self.add(Role.JUNK, i, i + 1)
        else:
            return self._word(i, Role.ITEM)
        return i + 1

    def _tuples(self, i: int, ch: str) -> int:
        if ch == "(":
            self.add(Role.TUPLE_OPEN, i, i + 1)
            self.mode = "tuple"
            self.tuple_index = 0
        elif ch == ",":
            self.add(Role.LIST_COMMA, i, i + 1)
        elif ch == "]":
            self.add(Role.LIST_CLOSE, i, i + 1)
            self.mode = "done"
        elif ch == ")":
            return self._close(i)
        else:
            return self._word(i, Role.JUNK)
        return i + 1

    def _tuple(self, i: int, ch: str) -> int:
        if ch == ",":
            self.add(Role.TUPLE_COMMA, i, i + 1)
            self.tuple_index += 1
        elif ch == ")":
            self.add(Role.TUPLE_CLOSE, i, i + 1)
            self.mode = "tuples"
        elif ch == "]":
            self.add(Role.LIST_CLOSE, i, i + 1)
            self.mode = "done"
        elif ch in "[(=":
            self.add(Role.JUNK, i, i + 1)
        else:
            role = Role.TUPLE_KEY if self.tuple_index == 0 else Role.TUPLE_VALUE
            return self._word(i, role)
        return i + 1

    def _after(self, i: int, ch: str) -> int:
        if ch == ")":
            self.add(Role.CLOSE, i, i + 1)
            return i + 1
        end = self.word_end(i, frozenset(" \t)"))
        self.add(Role.JUNK, i, end)
        return end
