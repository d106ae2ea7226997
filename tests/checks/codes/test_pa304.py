"""PA304: self-dependency or duplicate dependency (skipped by the kernel)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

PREP = "#%task(name=prep)\nx = 1"


def test_self_dependency() -> None:
    found = only("PA304", PREP, "#%task(name=train, dep=[prep, train])")
    check(found, severity=Severity.WARNING, cell=1, where=span(0, 30, 35), words=("itself",))


def test_duplicate_dependency_points_at_the_second() -> None:
    found = only("PA304", PREP, "#%task(name=train, dep=[prep, prep])")
    check(found, severity=Severity.WARNING, cell=1, where=span(0, 30, 34), words=("duplicate",))


def test_distinct_dependencies() -> None:
    assert "PA304" not in codes(PREP, "#%task(name=load)", "#%task(name=train, dep=[prep, load])")
