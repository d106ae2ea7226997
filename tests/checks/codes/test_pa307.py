"""PA307: default control-task name collides, or cannot be derived (`pop from empty list`)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

RUNS = "#%runs()\nruns = 3;"


def test_no_digit_in_the_previous_name() -> None:
    found = only("PA307", "#%split(name=prepare)", RUNS, "#%process()\nx = 1")
    check(
        found,
        severity=Severity.ERROR,
        cell=2,
        where=span(0, 2, 9),
        words=("pop from empty list", "name="),
    )


def test_the_kernel_stays_in_the_control() -> None:
    found = codes("#%split(name=prepare)", RUNS, "#%process()", "#%merge(name=m)")
    assert {"PA307", "PA401"} <= found


def test_default_name_collides() -> None:
    found = only(
        "PA307",
        "#%task(name=process1)\nx = 1",
        "#%split(name=split1)",
        RUNS,
        "#%process()",
        "#%merge()",
    )
    check(
        found,
        severity=Severity.ERROR,
        cell=3,
        where=span(0, 2, 9),
        words=("'process1'", "redefines"),
    )
    assert "PA305" not in codes(
        "#%task(name=process1)\nx = 1", "#%split(name=split1)", RUNS, "#%process()", "#%merge()"
    )


def test_loop_name_from_a_start_without_digits() -> None:
    found = only("PA307", "#%start(name=begin)", "#%condition()\nloop = false;", "#%loop()")
    assert found.cell == 2 and found.range == span(0, 2, 6)


def test_explicit_and_derivable_names() -> None:
    assert "PA307" not in codes(
        "#%split(name=prepare)", RUNS, "#%process(name=work)", "#%merge(name=gather)"
    )
    assert "PA307" not in codes("#%split()", RUNS, "#%process()", "#%merge()")
