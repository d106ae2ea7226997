"""PA401: control pragma out of order, with the kernel's message."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, diagnostics, span

SPLIT, RUNS, PROCESS, MERGE = "#%split()", "#%runs()\nruns=2;", "#%process()", "#%merge()"
START, LOOP_CONDITION, LOOP = "#%start()", "#%condition()\nloop=false;", "#%loop()"
BRANCH, BRANCH_CONDITION = "#%branch()", '#%condition()\nbranch="if";'
IF, ELSE, CONTINUATION = "#%if()", "#%else()", "#%continuation()"
TASK = "#%task(name=t)"

REPLICATE_MESSAGE = "The \"replicate\" control should start with a 'split' pragma"
LOOP_MESSAGE = "The \"loop\" control should start with a 'start' pragma"
BRANCH_MESSAGE = "The \"branch\" control should start with a 'branch' pragma"


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        # replicate = split, runs, process, merge
        ((RUNS,), REPLICATE_MESSAGE),
        ((PROCESS,), REPLICATE_MESSAGE),
        ((MERGE,), REPLICATE_MESSAGE),
        ((SPLIT, PROCESS), "Expected a 'runs' pragma."),
        ((SPLIT, RUNS, MERGE), "Expected a 'process' pragma."),
        ((SPLIT, RUNS, PROCESS, TASK), "Expected a 'merge' pragma."),
        # loop = start, condition, loop
        ((LOOP,), LOOP_MESSAGE),
        ((START, LOOP), "Expected a 'condition' pragma."),
        ((START, LOOP_CONDITION, TASK), "Expected a 'loop' pragma."),
        # branch = branch, condition, if, else, continuation
        ((IF,), BRANCH_MESSAGE),
        ((ELSE,), BRANCH_MESSAGE),
        ((CONTINUATION,), BRANCH_MESSAGE),
        ((BRANCH, IF), "Expected a 'condition' pragma."),
        ((BRANCH, BRANCH_CONDITION, ELSE), "Expected an 'if' pragma."),
        ((BRANCH, BRANCH_CONDITION, IF, CONTINUATION), "Expected an 'else' pragma."),
        ((BRANCH, BRANCH_CONDITION, IF, ELSE, TASK), "Expected a 'continuation' pragma."),
    ],
)
def test_out_of_order(cells: tuple[str, ...], message: str) -> None:
    found = diagnostics(*cells, code="PA401")
    assert len(found) == 1
    last = cells[-1].split("\n")[0]
    check(
        found[0],
        severity=Severity.ERROR,
        cell=len(cells) - 1,
        where=span(0, 2, last.index("(")),
        words=(message,),
    )


def test_condition_outside_any_control() -> None:
    (found,) = diagnostics(LOOP_CONDITION, code="PA401")
    assert BRANCH_MESSAGE in found.message
    assert "\"loop\" control should start with a 'start' pragma" in found.message
    assert found.range == span(0, 2, 11)


def test_every_other_pragma_is_refused_while_open() -> None:
    found = diagnostics(SPLIT, "#%help()", RUNS, PROCESS, MERGE, code="PA401")
    assert [(d.cell, d.message.split(" (")[0]) for d in found] == [(1, "Expected a 'runs' pragma.")]


def test_multiblock_plain_cell_without_a_task() -> None:
    (found,) = diagnostics("#%configure(task=multiblock)", "x = 1", code="PA401")
    assert found.cell == 1 and "Blocks should be started by pragmas." in found.message


def test_complete_controls() -> None:
    assert "PA401" not in codes(
        SPLIT,
        RUNS,
        PROCESS,
        MERGE,
        START,
        LOOP_CONDITION,
        LOOP,
        BRANCH,
        BRANCH_CONDITION,
        IF,
        ELSE,
        CONTINUATION,
        TASK,
    )
