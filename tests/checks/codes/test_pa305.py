"""PA305: task redefined; related information points at the first definition."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, diagnostics, only, span

PREP = "#%task(name=prep)\nx = 1"


def test_redefinition_resets_the_dependencies() -> None:
    found = only("PA305", PREP, "#%task(name=train, dep=[prep])", "#%task(name=train)\nprint(2)")
    check(
        found,
        severity=Severity.WARNING,
        cell=2,
        where=span(0, 12, 17),
        words=("'train'", "redefined", "dependencies"),
    )
    assert [(r.location.cell, r.location.range) for r in found.related] == [(1, span(0, 12, 17))]


def test_related_is_the_first_definition_after_two_redefinitions() -> None:
    found = diagnostics(
        "#%task(name=t)", "#%task(language=Python, name=t)", "#%task(name=t)", code="PA305"
    )
    assert [d.cell for d in found] == [1, 2]
    assert found[1].related[0].location.cell == 0
    assert found[1].related[0].location.range == span(0, 12, 13)


def test_distinct_names() -> None:
    assert "PA305" not in codes(PREP, "#%task(name=train, dep=[prep])", "#%task(name=report)")
