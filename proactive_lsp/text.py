"""Positions and ranges inside one cell.

The core counts lines from 0 and columns in code points (Python string indices), always
relative to the cell that holds the text. Only the LSP layer converts columns to UTF-16 and
only the document adapters know where a cell starts inside a file.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Range:
    start: Position
    end: Position

    @staticmethod
    def on_line(line: int, start: int, end: int) -> Range:
        return _on_line(line, start, end)

    def contains(self, position: Position) -> bool:
        return self.start <= position <= self.end


@functools.lru_cache(maxsize=4096)
def _on_line(line: int, start: int, end: int) -> Range:
    # Ranges are immutable and pragma lines look alike: a 5000-cell notebook holds hundreds of
    # thousands of them, mostly the same few hundred, so equal ones are shared.
    return Range(Position(line, start), Position(line, end))
