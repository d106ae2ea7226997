"""PA204: scalar where a list is expected (`dep=abc` means tasks `a`, `b`, `c`); fix: `[abc]`."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span

PREP = "#%task(name=prep)\nx = 1"


def test_scalar_dep() -> None:
    cells = [PREP, "#%task(name=train, dep=prep)"]
    found = only("PA204", *cells)
    check(
        found, severity=Severity.WARNING, cell=1, where=span(0, 23, 27), words=("`p`", "`r`", "`e`")
    )
    assert apply(cells, found, fix_titled(found, "[prep]"))[1] == "#%task(name=train, dep=[prep])"


def test_scalar_export() -> None:
    found = only("PA204", "#%task(name=prep, export=df)\ndf = 1")
    assert found.range == span(0, 25, 27)


def test_lists_and_empty_dep() -> None:
    assert "PA204" not in codes(PREP, "#%task(name=train, dep=[prep])", "#%task(name=t3, dep=)")
