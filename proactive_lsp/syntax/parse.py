"""Parse the first line of a pragma cell into a :class:`Pragma` plus the problems the kernel
would report while *parsing* it (PA101, PA104, PA106); per-pragma value checks are in
``language/validate.py``.

The flow mirrors kernel 13.0.4's ``Pragma.parse`` (kernel-13.0.4.md §1.2-§1.4):
strip ` #%)` and split at the first `(`; no `(` means no parameters and no check; empty `()` is
refused unless the pragma is in ``pragmas_empty``; the generic grammar (``grammar/pragma.lark``)
checks every known pragma except `connect` and `runtime_env`, whose text (like that of unknown
pragmas) is read leniently with no check.  Parsing never raises.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.syntax.build import params_of
from proactive_lsp.syntax.diagnose import Failure, explain
from proactive_lsp.syntax.fastpath import accepts
from proactive_lsp.syntax.grammar import pragma_parser
from proactive_lsp.syntax.layout import Layout, layout
from proactive_lsp.syntax.lenient import extract_params
from proactive_lsp.syntax.tolerated import tolerated
from proactive_lsp.syntax.tree import Param, Pragma, Word
from proactive_lsp.text import Range

if TYPE_CHECKING:
    from lark.exceptions import UnexpectedInput

# Pragmas whose no-paren form works, so `#%x()` can be fixed by dropping the parens (§1.2.3).
_BARE_FORM_WORKS = frozenset({"task", "write_dot"})
_EMPTY_PARAMS = re.compile(r" *\Z")
_KERNEL_WORDS = "Parsing error: Invalid parameters."


def parse_pragma_line(text: str, line: int = 0) -> tuple[Pragma, list[Diagnostic]]:
    """The pragma on ``text`` (one line of a cell, at cell line ``line``) and its parse problems.

    ``Pragma.parsed`` is False exactly when the kernel would refuse the line while parsing
    (Parsing error, or a crash while reading `connect`/`runtime_env` parameters).
    """
    try:
        return _parse(text, line)
    except Exception:  # a bug here must not take the server down: keep the line, say nothing
        whole = Range.on_line(line, 0, len(text))
        name = Word("", Range.on_line(line, 0, 0))
        return Pragma(name, (), False, line, whole, None, None, False), []


def _parse(text: str, line: int) -> tuple[Pragma, list[Diagnostic]]:
    where = layout(text)
    spec = PRAGMAS.get(where.trigger)
    problems: list[Diagnostic] = []
    params: tuple[Param, ...] = ()
    parsed = True
    checked = spec is not None and spec.generic_grammar and not spec.removed
    if where.has_parens and _EMPTY_PARAMS.match(where.params_text):
        if checked and spec is not None and not spec.empty_parens_ok:
            problems.append(_empty_parens(where, line, spec.name))
            parsed = False
    elif where.has_parens and checked and text.startswith("#%"):
        params, error = _parse_generic(where, line)
        if error is not None:
            problems.append(error)
            parsed = False
    elif where.has_parens:
        extraction = extract_params(text, where.params_start, where.content_end, line)
        params = extraction.params
        if extraction.crashed and spec is not None and not spec.removed:
            parsed = False
            problems.append(_crash(where, line))
    if parsed:
        problems.extend(tolerated(where, line, params))
    return _pragma(where, line, params, parsed), problems


def _parse_generic(where: Layout, line: int) -> tuple[tuple[Param, ...], Diagnostic | None]:
    if accepts(where.params_text):
        return extract_params(where.text, where.params_start, where.content_end, line).params, None
    from lark.exceptions import UnexpectedInput

    try:
        tree = pragma_parser().parse(where.text)
    except UnexpectedInput as error:
        message, start, end = explain(where, _failure(error))
        if _KERNEL_WORDS not in message:
            message += f" ({_KERNEL_WORDS})"
        recovered = extract_params(where.text, where.params_start, where.content_end, line)
        return recovered.params, make("PA101", message, Range.on_line(line, start, end))
    return params_of(tree, where.text, line), None


def _failure(error: UnexpectedInput) -> Failure:
    token = getattr(error, "token", None)
    at_end = token is not None and getattr(token, "type", "") == "$END"
    expected = getattr(error, "expected", None) or getattr(error, "allowed", None) or ()
    return Failure(error.pos_in_stream or 0, frozenset(expected), at_end)


def _empty_parens(where: Layout, line: int, name: str) -> Diagnostic:
    closing = where.text.find(")", where.content_end)
    end = closing + 1 if closing >= 0 else where.content_end
    where_range = Range.on_line(line, where.paren, end)
    fixes: tuple[Fix, ...] = ()
    if name in _BARE_FORM_WORKS:
        fixes = (Fix(f"Write `#%{name}` without parentheses", (Edit(where_range, ""),)),)
    return make(
        "PA106",
        f"`#%{name}()`: the kernel refuses empty parentheses for this pragma "
        "(Parsing error: Invalid parameters.); give its required parameters"
        + (", or drop the parentheses" if fixes else ""),
        where_range,
        fixes=fixes,
    )


def _crash(where: Layout, line: int) -> Diagnostic:
    return make(
        "PA101",
        "the kernel fails while reading these parameters (an unclosed list, a tuple list with an "
        "odd number of items, or a `,` before the first `=`): the pragma is refused "
        "with a `Proactive error`",
        Range.on_line(line, where.params_start, where.content_end),
    )


def _pragma(where: Layout, line: int, params: tuple[Param, ...], parsed: bool) -> Pragma:
    text = where.text
    name = Word(where.trigger, Range.on_line(line, where.trigger_start, where.trigger_end))
    open_paren = close_paren = None
    if where.has_parens:
        open_paren = Range.on_line(line, where.paren, where.paren + 1)
        closing = text.find(")", where.content_end)
        if closing >= 0:
            close_paren = Range.on_line(line, closing, closing + 1)
    whole = Range.on_line(line, 0, len(text))
    return Pragma(name, params, where.has_parens, line, whole, open_paren, close_paren, parsed)
