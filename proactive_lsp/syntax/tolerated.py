"""PA104: what kernel 13.0.4 tolerates on a pragma line but is malformed.

The kernel's ``strip(" #%)")`` silently repairs a missing `)`, eats extra `)`s and stray
`#`/`%` at either end, and reads every character before `(` as the name, spaces included
(kernel-13.0.4.md §1.2).  The line works, so these are warnings with a fix, never errors.
"""

from __future__ import annotations

import re

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.syntax.layout import Layout
from proactive_lsp.syntax.tree import Param
from proactive_lsp.text import Range

_INNER_SPACE = re.compile(r"\s+")


def tolerated(where: Layout, line: int, params: tuple[Param, ...]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    found.extend(_prefix(where, line))
    found.extend(_inner_space(where, line))
    found.extend(_tail(where, line, params))
    return found


def _prefix(where: Layout, line: int) -> list[Diagnostic]:
    text = where.text
    if not text.startswith("#%"):
        return []
    junk = [i for i in range(2, where.content_start) if text[i] != " "]
    if not junk:
        return []
    extra = "".join(text[i] for i in junk)
    return [
        make(
            "PA104",
            f"extra `{extra}` after `#%`: the kernel strips it; write `#%`"
            + (" (`#%%` also marks a new cell in editors and Jupytext)" if extra[0] == "%" else ""),
            Range.on_line(line, junk[0], junk[-1] + 1),
            fixes=(Fix("Write `#%`", (Edit(Range.on_line(line, 0, junk[-1] + 1), "#%"),),
                       preferred=True),),
        )
    ]


def _inner_space(where: Layout, line: int) -> list[Diagnostic]:
    found = _INNER_SPACE.search(where.trigger)
    if found is None:
        return []
    start = where.trigger_start + found.start()
    fixes: tuple[Fix, ...] = ()
    for joiner in ("_", ""):
        candidate = _INNER_SPACE.sub(joiner, where.trigger)
        if candidate in PRAGMAS:
            edit = Edit(Range.on_line(line, where.trigger_start, where.trigger_end), candidate)
            fixes = (Fix(f"Write `{candidate}`", (edit,), preferred=True),)
            break
    return [
        make(
            "PA104",
            f"space inside the pragma name: the kernel reads `{where.trigger}` as one name",
            Range.on_line(line, start, where.trigger_start + found.end()),
            fixes=fixes,
        )
    ]


def _tail(where: Layout, line: int, params: tuple[Param, ...]) -> list[Diagnostic]:
    text, end = where.text, where.content_end
    tail = where.tail
    closing = tail.find(")")
    found: list[Diagnostic] = []
    if where.has_parens and closing < 0 and text[end - 1 : end] != "\r":
        found.append(
            make(
                "PA104",
                "missing `)`: the kernel tolerates it, but close the parameters with `)`",
                Range.on_line(line, end, end),
                fixes=(Fix("Insert `)`", (Edit(Range.on_line(line, end, end), ")"),),
                           preferred=True),),
            )
        )
    junk = [
        end + i
        for i, char in enumerate(tail)
        if char in "#%" or (char == ")" and (i != closing or not where.has_parens))
    ]
    if not junk:
        return found
    shown = text[junk[0] : junk[-1] + 1]
    message = f"the kernel strips `{shown}` from the end of the line"
    if all(text[i] == ")" for i in junk):
        message = f"extra `{shown}`: the kernel ignores it"
    last = params[-1] if params else None
    if last is not None and last.value.range.end.column == end and text[end] in "#%":
        message += f"; `{last.key.text}` is read as `{last.value.text}`"
    replacement = ")" if where.has_parens else ""
    stop = max(junk[-1], end + closing) + 1
    fix = Fix("Remove the extra characters",
              (Edit(Range.on_line(line, end, stop), replacement),), preferred=True)
    found.append(make("PA104", message, Range.on_line(line, junk[0], junk[-1] + 1), fixes=(fix,)))
    return found
