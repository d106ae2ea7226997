"""PA101: the parameter text does not parse (kernel: `Parsing error: Invalid parameters.`)."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

E = Severity.ERROR


def test_quotes_point_at_the_quote() -> None:
    found = only("PA101", '#%task(name="train")\nprint(1)')
    check(found, severity=E, cell=0, where=span(0, 12, 13), words=("quotes", "name=train"))


def test_message_quotes_the_kernel() -> None:
    assert "Invalid parameters." in only("PA101", '#%task(name="train")').message


def test_trailing_comma_points_where_the_next_parameter_should_be() -> None:
    found = only("PA101", "#%task(name=train,)")
    check(found, severity=E, cell=0, where=span(0, 18, 19), words=("trailing comma",))


def test_comment_after_the_closing_parenthesis() -> None:
    found = only("PA101", "#%task(name=x) # comment\nprint(1)")
    check(found, severity=E, cell=0, where=span(0, 13, 24), words=("after `)`",))


def test_empty_list() -> None:
    found = only("PA101", "#%task(name=train, dep=[])")
    check(found, severity=E, cell=0, where=span(0, 24, 25), words=("empty list",))


def test_optional_brackets_copied_from_the_usage() -> None:
    found = only("PA101", "#%draw_job([name=JOB_NAME], [inline=off])")
    check(found, severity=E, cell=0, where=span(0, 11, 12), words=("optional",))


def test_missing_equals_in_the_readme_example() -> None:
    found = only("PA101", "#%task(name=myTask2, dep=[myTask1], import[var1,var2])")
    check(found, severity=E, cell=0, where=span(0, 42, 43), words=("`=`",))


def test_tab_between_parameters() -> None:
    found = only("PA101", "#%task(name=x,\tlanguage=Python)")
    check(found, severity=E, cell=0, where=span(0, 14, 15), words=("tab",))


def test_runs_with_a_star() -> None:
    found = only("PA101", "#%task(name=a)", "#%task(name=b, dep=[a], runs=N*2)")
    check(found, severity=E, cell=1, where=span(0, 30, 31), words=("`*`", "runs"))


def test_crlf_line_ending() -> None:
    found = only("PA101", "#%task(name=x)\r\nprint(1)")
    check(found, severity=E, cell=0, where=span(0, 14, 15), words=("CRLF",))


def test_the_rejected_cell_defines_no_task() -> None:
    assert "PA301" in codes('#%task(name="a")', "#%task(name=b, dep=[a])")


@pytest.mark.parametrize(
    "line",
    [
        "#%task(name=train)",
        "#%  task ( name = x , dep = [ a , b ] )",
        "#%task(name=x, variables=[(a,b)])",
        "#%task(name=x, path=./a.py)",
        "#%connect(garbage)",
        "#%runs(x=1)",
        "#%show_resource_manager(width=80%)",
    ],
)
def test_lines_the_kernel_parses(line: str) -> None:
    assert "PA101" not in codes(line)
