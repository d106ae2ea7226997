"""Where the kernel cuts a pragma line: the stripped prefix, the trigger, `(`, params, tail.

Kernel 13.0.4 does ``line.strip(" #%)")`` then splits at the first `(` (kernel-13.0.4.md §1.2).
These are plain string operations, so we do them directly and keep the offsets; the grammar
describes the same cuts (PREFIX, TRIGGER_*, TAIL) for the lines it parses.
"""

from __future__ import annotations

from dataclasses import dataclass

STRIPPED = " #%)"


@dataclass(frozen=True, slots=True)
class Layout:
    text: str
    content_start: int  # first character the kernel keeps
    content_end: int  # one past the last character the kernel keeps
    trigger_start: int
    trigger_end: int
    paren: int  # the first `(` inside the kept text, or -1

    @property
    def trigger(self) -> str:
        return self.text[self.trigger_start : self.trigger_end]

    @property
    def has_parens(self) -> bool:
        return self.paren >= 0

    @property
    def params_start(self) -> int:
        return self.paren + 1

    @property
    def params_text(self) -> str:
        return self.text[self.paren + 1 : self.content_end] if self.paren >= 0 else ""

    @property
    def tail(self) -> str:
        """What the kernel strips from the end: the closing `)`, extra `)`, `#`, `%`, spaces."""
        return self.text[self.content_end :]


def layout(text: str) -> Layout:
    start = len(text) - len(text.lstrip(STRIPPED))
    end = max(start, len(text.rstrip(STRIPPED)))
    paren = text.find("(", start, end)
    head_end = paren if paren >= 0 else end
    trigger_start = start
    trigger_end = head_end
    # Only spaces are stripped around the trigger; a tab stays part of it (kernel: strip(" ")).
    while trigger_start < trigger_end and text[trigger_start] == " ":
        trigger_start += 1
    while trigger_end > trigger_start and text[trigger_end - 1] == " ":
        trigger_end -= 1
    return Layout(text, start, end, trigger_start, trigger_end, paren)
