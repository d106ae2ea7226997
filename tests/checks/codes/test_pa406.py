"""PA406: other FlowChecker rules, on notebooks the kernel accepts but ProActive refuses."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

CONDITION = '#%condition()\nbranch = "if";'


def test_if_target_with_dependencies() -> None:
    cells = (
        "#%task(name=prep)\nx = 1",
        "#%branch(name=decide, dep=[prep])",
        CONDITION,
        "#%if(name=fit, dep=[decide])",
        "#%else(name=skip)",
        "#%continuation(name=report)",
    )
    found = only("PA406", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=3,
        where=span(0, 10, 13),
        words=("IF task block cannot have dependencies", "'fit'"),
    )
    assert not {"PA401", "PA402"} & codes(*cells)


def test_loop_scope_is_not_a_task_block() -> None:
    # A plain cell inside the loop becomes the last task: `#%condition` targets it, not start1.
    cells = (
        "#%start(name=start1)",
        "x = 1",
        "#%condition()\nloop = false;",
        "#%loop(name=loop1, dep=[start1])",
    )
    found = only("PA406", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=3,
        where=span(0, 12, 17),
        words=("The scope of a LOOP action should be a Task Block",),
    )


def test_task_targeted_by_two_ifs() -> None:
    first = (
        "#%branch(name=b1)",
        CONDITION,
        "#%if(name=fit)",
        "#%else(name=skip1)",
        "#%continuation(name=join1)",
    )
    second = (
        "#%branch(name=b2)",
        CONDITION,
        "#%if(name=fit)",
        "#%else(name=skip2)",
        "#%continuation(name=join2)",
    )
    found = only("PA406", *first, *second)
    check(
        found,
        severity=Severity.ERROR,
        cell=7,
        where=span(0, 10, 13),
        words=("Task is target of multiple IF actions",),
    )


def test_replicated_task_with_a_second_parent() -> None:
    cells = (
        "#%task(name=other)\nx = 1",
        "#%split(name=split1)",
        "#%runs()\nruns = 2;",
        "#%process(name=work, dep=[split1, other])",
        "#%merge(name=gather)",
    )
    found = only("PA406", *cells)
    assert found.severity is Severity.ERROR and "FlowChecker" in found.message


def test_valid_controls() -> None:
    assert "PA406" not in codes(
        "#%task(name=prep)\nx = 1",
        "#%branch(name=decide, dep=[prep])",
        CONDITION,
        "#%if(name=fit)",
        "#%else(name=skip)",
        "#%continuation(name=report)",
        "#%start(name=start1)",
        "#%condition()\nloop = false;",
        "#%loop(name=loop1)",
        "#%split(name=split1)",
        "#%runs()\nruns = 2;",
        "#%process(name=work)",
        "#%merge(name=gather)",
    )
