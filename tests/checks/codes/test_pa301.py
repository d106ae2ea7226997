"""PA301: dependency on a task that does not exist (the kernel drops it with a warning)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, diagnostics, fix_titled, only, span

PREP = "#%task(name=prep)\nx = 1"


def test_unknown_dependency() -> None:
    cells = [PREP, "#%task(name=train, dep=[prepare])"]
    found = only("PA301", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 24, 31),
        words=("'prepare' does not exist",),
    )
    assert apply(cells, found, fix_titled(found, "prep"))[1] == "#%task(name=train, dep=[prep])"


def test_upstream_demo_unknown_deps() -> None:
    found = diagnostics(
        "#%task(name=t1)",
        "#%task(name=t2,dep=[t1,dw])",
        "#%task(name=t4,dep=[t2,t1,t66])",
        code="PA301",
    )
    assert [(d.cell, d.range) for d in found] == [(1, span(0, 23, 25)), (2, span(0, 26, 29))]


def test_deleted_task() -> None:
    found = only("PA301", PREP, "#%delete_task(name=prep)", "#%task(name=train, dep=[prep])")
    assert found.cell == 2


def test_existing_dependency() -> None:
    assert "PA301" not in codes(PREP, "#%task(name=train, dep=[prep])")
