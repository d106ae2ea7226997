"""PA402: control left unfinished at the end of the document."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (("#%start(name=start1)", "#%condition()\nloop = false;"), "'loop'"),
        (("#%split(name=split1)",), "'runs'"),
        (("#%branch(name=b1)", '#%condition()\nbranch = "if";', "#%if(name=i1)"), "'else'"),
    ],
)
def test_unfinished_control(cells: tuple[str, ...], expected: str) -> None:
    found = only("PA402", "#%task(name=t0)", *cells)
    opener = cells[0].split("(")[0]
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 2, len(opener)),
        words=(expected, "never finished"),
    )


def test_finished_control() -> None:
    assert "PA402" not in codes("#%start(name=start1)", "#%condition()\nloop = false;", "#%loop()")
