"""Kernel 13.0.4's ``extract_params``, replayed with the source range of every piece.

The kernel reads `connect` and `runtime_env` parameters (and those of unknown pragmas) with no
syntactic check: it removes every space, then repeatedly takes the text before the next `=` as
a key and reads a tuple list, a name list or a scalar after it (kernel-13.0.4.md §1.4).  We do
the same on the space-free text while remembering where each character came from, so a value
glued from `my host` still points at the original columns.  The same reader recovers what it can
from a generic pragma the grammar rejected, so completion and hover keep working.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from proactive_lsp.syntax.tree import Pair, Param, Value, ValueKind, Word
from proactive_lsp.text import Range


@dataclass(frozen=True, slots=True)
class Extraction:
    params: tuple[Param, ...]
    # The kernel itself fails here (IndexError on an unclosed list or an odd tuple list, or a
    # comma only in the key): the pragma is refused with a `Proactive error`.
    crashed: bool


def extract_params(text: str, start: int, end: int, line: int) -> Extraction:
    """Read ``text[start:end]`` (the params string) exactly as the kernel does."""
    reader = _Reader(text, start, end, line)
    crashed = reader.run()
    return Extraction(tuple(reader.params), crashed)


class _Reader:
    def __init__(self, text: str, start: int, end: int, line: int) -> None:
        self.text = text
        self.line = line
        self.where = [i for i, char in enumerate(text[start:end], start) if char != " "]
        self.s = text[start:end].replace(" ", "")
        self.start = start
        self.params: list[Param] = []

    def run(self) -> bool:
        s, rest = self.s, 0
        while (eq := s.find("=", rest)) >= 0:
            key = self.word(rest, eq)
            begin = eq + 1
            if s.startswith("[(", begin):
                close = s.find(")]", begin)
                pairs = self.pairs(begin, close if close >= 0 else len(s))
                follow = s.find(")],", rest)
                stop = follow + 2 if follow >= 0 else s.find(")]", rest) + 2
                if pairs is None or stop < 2:
                    return True
                value = Value(ValueKind.TUPLE_LIST, self.raw(begin, stop), self.span(begin, stop),
                              pairs=pairs)
                rest = stop + 1 if follow >= 0 else stop
            elif s.startswith("[", begin):
                close = s.find("]", begin)
                items = self.items(begin, close if close >= 0 else len(s))
                follow = s.find("],", rest)
                stop = follow + 1 if follow >= 0 else s.find("]", rest) + 1
                if stop < 1:
                    return True
                value = Value(ValueKind.NAME_LIST, self.raw(begin, stop), self.span(begin, stop),
                              items=items)
                rest = stop + 1 if follow >= 0 else stop
            elif "," in s[rest:]:
                comma = s.find(",", begin)
                if comma < 0:  # the only comma is in the key: `re.split(...)[1]` fails
                    return True
                value = Value(ValueKind.SCALAR, s[begin:comma], self.span(begin, comma))
                rest = comma + 1
            else:
                value = Value(ValueKind.SCALAR, s[begin:], self.span(begin, len(s)))
                rest = len(s)
            whole = Range(key.range.start, value.range.end)
            self.params.append(Param(key, value, whole))
        return False

    def span(self, a: int, b: int) -> Range:
        """The source range of ``s[a:b]``; an empty piece sits right after what precedes it."""
        if b > a:
            return Range.on_line(self.line, self.where[a], self.where[b - 1] + 1)
        column = self.where[a - 1] + 1 if a > 0 else self.start
        return Range.on_line(self.line, column, column)

    def raw(self, a: int, b: int) -> str:
        if b <= a:
            return ""
        return self.text[self.where[a] : self.where[b - 1] + 1]

    def word(self, a: int, b: int) -> Word:
        # Keys and task names repeat across thousands of cells: one string each.
        return Word(sys.intern(self.s[a:b]), self.span(a, b))

    def items(self, a: int, b: int) -> tuple[Word, ...]:
        """`extract_list`: strip `[` from both ends of the segment, split on `,`."""
        while a < b and self.s[a] == "[":
            a += 1
        while b > a and self.s[b - 1] == "[":
            b -= 1
        found: list[Word] = []
        piece = a
        for i in range(a, b + 1):
            if i == b or self.s[i] == ",":
                found.append(self.word(piece, i))
                piece = i + 1
        return tuple(found)

    def pairs(self, a: int, b: int) -> tuple[Pair, ...] | None:
        """`extract_tuples_list`: strip `[(`, drop every paren, split on `,`, pair up."""
        while a < b and self.s[a] in "[(":
            a += 1
        while b > a and self.s[b - 1] in "[(":
            b -= 1
        pieces: list[Word] = []
        kept: list[int] = []
        for i in range(a, b + 1):
            if i == b or self.s[i] == ",":
                text = "".join(self.s[k] for k in kept)
                pieces.append(Word(text, self._kept_span(kept, i)))
                kept = []
            elif self.s[i] not in "()":
                kept.append(i)
        if len(pieces) % 2:
            return None  # the kernel's `draft[index + 1]` raises IndexError
        return tuple(
            Pair(key, value, self._pair_span(key, value))
            for key, value in zip(pieces[::2], pieces[1::2], strict=True)
        )

    def _pair_span(self, key: Word, value: Word) -> Range:
        """From the pair's `(` to its `)` when they are right there, else key to value."""
        start, end = key.range.start.column, value.range.end.column
        text = self.text
        before = text.rfind("(", 0, start)
        if before >= 0 and not text[before + 1 : start].strip(" "):
            start = before
        after = text.find(")", end)
        if after >= 0 and not text[end:after].strip(" "):
            end = after + 1
        return Range.on_line(self.line, start, end)

    def _kept_span(self, kept: list[int], stop: int) -> Range:
        if kept:
            return self.span(kept[0], kept[-1] + 1)
        return self.span(stop, stop)
