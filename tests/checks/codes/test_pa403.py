"""PA403: a plain cell inside an open control (it becomes the target of runs/condition)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

RUNS = "#%runs()\nruns = 3;"


def test_plain_cell_between_split_and_runs() -> None:
    found = only(
        "PA403",
        "#%split(name=split1)",
        "data = [1, 2, 3]\nprint(data)",
        RUNS,
        "#%process()",
        "#%merge()",
    )
    check(
        found,
        severity=Severity.WARNING,
        cell=1,
        where=span(0, 0, 16),
        words=("`runs`", "replicate"),
    )


def test_plain_cell_between_start_and_condition() -> None:
    found = only(
        "PA403", "#%start(name=start1)", "x = 1", "#%condition()\nloop = false;", "#%loop()"
    )
    assert found.cell == 1 and "`condition`" in found.message


def test_multiblock_appends_instead() -> None:
    assert "PA403" not in codes(
        "#%configure(task=multiblock)",
        "#%split(name=split1)",
        "x = 1",
        RUNS,
        "#%process()",
        "#%merge()",
    )


def test_plain_cell_outside_controls() -> None:
    assert "PA403" not in codes("#%split(name=split1)", RUNS, "#%process()", "#%merge()", "x = 1")
