"""PA106: empty `()` where a parameter is required, or a required parameter missing."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, only, span

E = Severity.ERROR


def test_task_with_empty_parentheses() -> None:
    cells = ["#%task()\nprint(1)"]
    found = only("PA106", *cells)
    check(found, severity=E, cell=0, where=span(0, 6, 8), words=("empty parentheses",))
    assert apply(cells, found, found.fixes[0])[0] == "#%task\nprint(1)"


def test_delete_task_with_empty_parentheses() -> None:
    found = only("PA106", "#%task(name=a)", "#%delete_task()")
    check(found, severity=E, cell=1, where=span(0, 13, 15), words=("delete_task",))
    assert found.fixes == ()


@pytest.mark.parametrize(
    ("cells", "word"),
    [
        (("#%task(name=a)", "#%pre_script(name=a)\necho hi"), "language"),
        (("#%job(generic_info=[(a,b)])",), "name"),
        (("#%task(dep=[a])",), "name"),
    ],
)
def test_required_parameter_missing(cells: tuple[str, ...], word: str) -> None:
    found = only("PA106", *cells)
    assert found.severity is E and found.cell == len(cells) - 1
    assert word in found.message


@pytest.mark.parametrize("line", ["#%task", "#%submit_job()", "#%write_dot", "#%draw_job()"])
def test_no_parameter_needed(line: str) -> None:
    assert "PA106" not in codes(line)
