"""PA102: unknown pragma (`Directive 'x' not known.`); fix: the closest name."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span


def test_misspelt_pragma() -> None:
    cells = ["#%tsk(name=train)\nprint(1)"]
    found = only("PA102", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 2, 5),
        words=("Directive 'tsk' not known.",),
    )
    fix = fix_titled(found, "task")
    assert apply(cells, found, fix)[0] == "#%task(name=train)\nprint(1)"


def test_names_are_case_sensitive() -> None:
    cells = ["#%Task(name=x)"]
    found = only("PA102", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 2, 6),
        words=("Directive 'Task' not known.",),
    )
    assert apply(cells, found, fix_titled(found, "task"))[0] == "#%task(name=x)"


def test_a_space_makes_one_unknown_name() -> None:
    found = only("PA102", "#% draw job()")
    assert "draw job" in found.message and found.range == span(0, 3, 11)


def test_known_pragmas() -> None:
    assert "PA102" not in codes("#%task(name=x)", "#%draw_job()", "#%help()", "#%runtime_env()")
