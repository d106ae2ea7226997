"""PA302: dependency on a task defined only in a later cell; related info at that cell."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

TRAIN = "#%task(name=train, dep=[prep])"
PREP = "#%task(name=prep)\nx = 1"


def test_dependency_defined_below() -> None:
    found = only("PA302", TRAIN, "print('between')", PREP)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 24, 28),
        words=("'prep'", "later cell"),
    )
    assert [r.location.cell for r in found.related] == [2]
    assert "PA301" not in codes(TRAIN, PREP)


def test_related_points_at_the_defining_pragma() -> None:
    found = only("PA302", TRAIN, PREP)
    (related,) = found.related
    assert related.location.cell == 1 and related.location.range.start.line == 0


@pytest.mark.xfail(
    reason="spec §4: PA302 has a fix (move the cell); the diagnostic has none", strict=True
)
def test_fix_moves_the_cell() -> None:
    found = only("PA302", TRAIN, PREP)
    assert any("Move" in fix.title for fix in found.fixes)


def test_defined_above() -> None:
    assert "PA302" not in codes(PREP, TRAIN)
