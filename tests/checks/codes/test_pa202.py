"""PA202: duplicate parameter (the last one wins)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import codes, diagnostics

CELLS = ("#%task(name=prep)\nx = 1", "#%task(name=load)\ny = 2")


def test_duplicate_dep() -> None:
    found = diagnostics(*CELLS, "#%task(name=train, dep=[prep], dep=[load])", code="PA202")
    assert len(found) == 1
    (one,) = found
    assert one.severity is Severity.WARNING and one.cell == 2
    # `dep=[prep]` (columns 19-29) is the occurrence the kernel ignores.
    assert one.range.start.line == 0 and one.range.start.column in (19, 31)
    assert "dep" in one.message


def test_the_last_one_wins_in_the_model() -> None:
    assert "PA301" not in codes(*CELLS, "#%task(name=train, dep=[nope], dep=[load])")


def test_one_occurrence_each() -> None:
    assert "PA202" not in codes(*CELLS, "#%task(name=train, dep=[prep, load])")
