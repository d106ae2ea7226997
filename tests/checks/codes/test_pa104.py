"""PA104: tolerated by the kernel but malformed: missing or extra `)`, `#%%`, space in the name."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, python_file, span

W = Severity.WARNING


def test_missing_closing_parenthesis() -> None:
    cells = ["#%task(name=train\nprint(1)"]
    found = only("PA104", *cells)
    check(found, severity=W, cell=0, where=span(0, 17, 17), words=("missing `)`",))
    assert apply(cells, found, fix_titled(found, ")"))[0] == "#%task(name=train)\nprint(1)"


def test_extra_closing_parenthesis() -> None:
    cells = ["#%task(name=train))"]
    found = only("PA104", *cells)
    check(found, severity=W, cell=0, where=span(0, 18, 19), words=("extra `)`",))
    assert apply(cells, found, found.fixes[0])[0] == "#%task(name=train)"


def test_double_percent_in_a_notebook() -> None:
    cells = ["#%%task(name=train)"]
    found = only("PA104", *cells)
    check(found, severity=W, cell=0, where=span(0, 2, 3), words=("`%`",))
    assert apply(cells, found, fix_titled(found, "#%"))[0] == "#%task(name=train)"


def test_double_percent_in_a_python_file_is_a_cell_marker() -> None:
    assert python_file("#%%task(name=train)\nx = 1\n", "PA104") == []


def test_space_inside_the_name() -> None:
    cells = ["#%draw job()"]
    found = only("PA104", *cells)
    check(found, severity=W, cell=0, where=span(0, 6, 7), words=("draw job",))
    assert apply(cells, found, fix_titled(found, "draw_job"))[0] == "#%draw_job()"


def test_well_formed_lines() -> None:
    assert "PA104" not in codes("#%task(name=train)", "#%task", "#%submit_job()")
