"""PA303: dependency cycle (possible through redefinition); reported on each edge."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, diagnostics, span

LOAD = "#%task(name=load)\nx = 1"
TRAIN = "#%task(name=train, dep=[load])"


def test_cycle_through_a_redefinition() -> None:
    found = diagnostics(LOAD, TRAIN, "#%task(name=load, dep=[train])", code="PA303")
    assert [(d.cell, d.range) for d in found] == [(1, span(0, 24, 28)), (2, span(0, 23, 28))]
    for d in found:
        check(d, severity=Severity.ERROR, cell=d.cell or 0, where=d.range, words=("cycle",))
    assert "load → train → load" in found[0].message or "train → load → train" in found[0].message


def test_three_task_cycle() -> None:
    found = diagnostics(
        "#%task(name=a)",
        "#%task(name=b, dep=[a])",
        "#%task(name=c, dep=[b])",
        "#%task(name=a, dep=[c])",
        code="PA303",
    )
    assert sorted(d.cell or 0 for d in found) == [1, 2, 3]


def test_no_flowchecker_duplicate() -> None:
    assert "PA406" not in codes(LOAD, TRAIN, "#%task(name=load, dep=[train])")


def test_chain() -> None:
    assert "PA303" not in codes(LOAD, TRAIN, "#%task(name=report, dep=[train])")
