"""PA203: invalid value, with the kernel's wording (`Parameter error: Invalid ... parameter`)."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


def test_task_name_starting_with_a_digit() -> None:
    found = only("PA203", "#%task(name=1st_model)\nprint(1)")
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 12, 21),
        words=("Invalid name parameter",),
    )


@pytest.mark.parametrize(
    ("line", "start", "end", "words"),
    [
        ("#%draw_job(inline=no)", 18, 20, "Invalid inline parameter"),
        ("#%task(name=x, precious_result=yes)", 31, 34, "Invalid precious result parameter"),
        ("#%task(name=x, variables=[(a,1)])", 29, 30, "Invalid generic information parameter"),
        ("#%configure(task=Block)", 17, 22, "Invalid task parameter"),
        ("#%write_dot(name=f.dot)", 17, 22, "Invalid name parameter"),
        ("#%get_job_result(job_id=j1)", 24, 26, "Invalid job_id parameter"),
        ("#%help(pragma=Task)", 14, 18, "Invalid pragma parameter"),
        ("#%connect(login=1user, password=x)", 16, 21, "Invalid login parameter"),
        ("#%task(name=x, language=Python3)", 24, 31, "Invalid script language parameter"),
        ("#%job_fork_env(force=ON)", 21, 23, "Invalid forcing parameter"),
        ("#%show_resource_manager(height=tall)", 31, 35, "Invalid height parameter"),
    ],
)
def test_kernel_messages(line: str, start: int, end: int, words: str) -> None:
    found = only("PA203", line)
    check(found, severity=Severity.ERROR, cell=0, where=span(0, start, end), words=(words,))


def test_runs_expression() -> None:
    found = only("PA203", "#%task(name=a)", "#%task(name=b, dep=[a], runs=3x)")
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 29, 31),
        words=("Invalid runs parameter",),
    )


def test_empty_name() -> None:
    found = only("PA203", "#%task(name=)")
    assert found.range == span(0, 12, 12) and "Invalid name parameter" in found.message


def test_help_topic_unknown_at_run_time() -> None:
    found = only("PA203", "#%help(pragma=get_result)")
    assert "Pragma 'get_result' not known." in found.message


@pytest.mark.parametrize(
    "line",
    [
        "#%task(name=tâche)",
        "#%task(name=x, precious_result=TRUE)",
        "#%split(variables=[(N,10)])",
        "#%draw_job(inline=off, save=on)",
        "#%connect(host=my host, login=u, password=p w)",
    ],
)
def test_values_the_kernel_accepts(line: str) -> None:
    assert "PA203" not in codes(line)


def test_runtime_env_values_that_fail_at_run_time() -> None:
    # The kernel validates nothing in #%runtime_env and pastes booleans into Groovy as is.
    from proactive_lsp.analysis import analyze
    from proactive_lsp.documents.notebook import notebook_from_cells

    line = "#%runtime_env(nvidia_gpu=True, type=dokcer, mount_host_path=/data)"
    analysis = analyze(notebook_from_cells([line, "#%task(name=a)"]))
    found = [d for d in analysis.diagnostics if d.code == "PA203"]
    assert [(d.range.start.column, d.range.end.column) for d in found] == [
        (25, 29),
        (36, 42),
        (44, 59),
    ]
    assert found[0].fixes[0].edits[0].new_text == "true"
    assert found[1].fixes[0].edits[0].new_text == "docker"
    # Run-time failures: the kernel still runs the pragma, so the fork environment is installed.
    assert analysis.workflow.tasks["a"].fork_env is not None
    clean = analyze(
        notebook_from_cells(["#%runtime_env(nvidia_gpu=true, type=podman)", "#%task(name=a)"])
    )
    assert not [d for d in clean.diagnostics if d.code == "PA203"]
