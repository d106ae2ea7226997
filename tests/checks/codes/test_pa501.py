"""PA501: import of a variable no earlier task exports (`The variable 'v' can't be imported.`)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, only, span

PREP = "#%task(name=prep)\ndata = [1, 2, 3]"
TRAIN = "#%task(name=train, dep=[prep], import=[data])\nprint(data)"


def test_nobody_exports_it() -> None:
    found = only("PA501", PREP, TRAIN)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 39, 43),
        words=("The variable 'data' can't be imported",),
    )


def test_exported_only_in_a_later_cell() -> None:
    found = only("PA501", "#%task(name=train, import=[data])", "#%task(name=prep, export=[data])")
    assert found.cell == 0 and found.range == span(0, 27, 31)


def test_the_refused_task_does_not_exist() -> None:
    assert "PA301" in codes(PREP, TRAIN, "#%task(name=report, dep=[train])")


def test_fix_exports_it_upstream() -> None:
    cells = [PREP, TRAIN]
    found = only("PA501", *cells)
    fixed = apply(cells, found, found.fixes[0])
    assert fixed[0].startswith("#%task(name=prep, export=[data])")
    assert "PA501" not in codes(*fixed)


def test_exported_above() -> None:
    assert "PA501" not in codes("#%task(name=prep, export=[data])\ndata = 1", TRAIN)
