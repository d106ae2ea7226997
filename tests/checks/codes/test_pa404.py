"""PA404: replicate structure invalid (`runs=`): one parent that is a root; at most one child."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

A, B = "#%task(name=a)\nx = 1", "#%task(name=b)\ny = 2"
REPLICATED = "#%task(name=c, dep=[a], runs=3)"  # `3` is at columns 29-30


def test_two_parents_at_creation() -> None:
    found = only("PA404", A, B, "#%task(name=c, dep=[a, b], runs=3)")
    check(
        found,
        severity=Severity.ERROR,
        cell=2,
        where=span(0, 32, 33),
        words=("The task 'c' can't be replicated",),
    )


def test_parent_that_is_not_a_root_at_creation() -> None:
    found = only("PA404", A, "#%task(name=b, dep=[a])", "#%task(name=c, dep=[b], runs=3)")
    check(
        found,
        severity=Severity.ERROR,
        cell=2,
        where=span(0, 29, 30),
        words=("The task 'c' can't be replicated",),
    )


@pytest.mark.parametrize(
    "later",
    [
        ("#%delete_task(name=a)",),  # the parent is gone: 0 parents
        (B, "#%task(name=a, dep=[b])"),  # the parent gets a parent
    ],
)
def test_parent_rule_at_submit(later: tuple[str, ...]) -> None:
    found = only("PA404", A, REPLICATED, *later)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 29, 30),
        words=("The replicated task 'c' should not have more than one parent task",),
    )


@pytest.mark.parametrize(
    "children",
    [
        ("#%task(name=d, dep=[c])", "#%task(name=e, dep=[c])"),  # two children
        (B, "#%task(name=d, dep=[c, b])"),  # a child with another parent
    ],
)
def test_child_rule_at_submit(children: tuple[str, ...]) -> None:
    found = only("PA404", A, REPLICATED, *children)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 29, 30),
        words=("The replicated task 'c' should not have more than one child task",),
    )
    assert "PA406" not in codes(A, REPLICATED, *children)


def test_valid_replicate() -> None:
    assert "PA404" not in codes(A, REPLICATED, "#%task(name=d, dep=[c])")
