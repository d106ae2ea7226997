"""PA306: delete_task / script pragma / result pragma naming an unknown task."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span

TRAIN = "#%task(name=train)\nx = 1"


def test_delete_unknown_task() -> None:
    cells = [TRAIN, "#%delete_task(name=trian)"]
    found = only("PA306", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 19, 24),
        words=("Task 'trian' does not exist.",),
    )
    assert apply(cells, found, fix_titled(found, "train"))[1] == "#%delete_task(name=train)"


@pytest.mark.parametrize(
    "line",
    [
        "#%pre_script(name=trian, language=Linux_Bash)\necho hi",
        "#%post_script(name=trian, language=Linux_Bash)\necho hi",
        "#%selection_script(name=trian)\nselected = True",
        "#%fork_env(name=trian)\npass",
    ],
)
def test_script_pragmas(line: str) -> None:
    found = only("PA306", TRAIN, line)
    start = line.index("trian")
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, start, start + 5),
        words=("The task named 'trian' does not exist.",),
    )


def test_task_result() -> None:
    found = only("PA306", TRAIN, "#%submit_job()", "#%get_task_result(task_name=trian)")
    assert found.cell == 2 and found.range == span(0, 28, 33)


def test_deleted_then_scripted() -> None:
    found = only("PA306", TRAIN, "#%delete_task(name=train)", "#%fork_env(name=train)\npass")
    assert found.cell == 2


def test_existing_tasks() -> None:
    assert "PA306" not in codes(
        TRAIN, "#%pre_script(name=train, language=Linux_Bash)\necho hi", "#%delete_task(name=train)"
    )
