"""Replay scenarios taken from the kernel spec (kernel-13.0.4.md §3)."""

from __future__ import annotations

from proactive_lsp.analysis import Analysis, analyze
from proactive_lsp.checks.flowchecker import check_flow
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.model.task import FlowKind, TaskKind


def run(*cells: str) -> Analysis:
    return analyze(notebook_from_cells(list(cells)))


def codes(analysis: Analysis) -> list[str]:
    return [d.code for d in analysis.diagnostics if d.code != "PA604"]


def deps(analysis: Analysis, name: str) -> list[str]:
    return [d.name for d in analysis.workflow.tasks[name].deps]


def test_plain_cells_become_dt_tasks_and_the_count_never_goes_down() -> None:
    a = run("x = 1", "#%task(name=t)", "#%delete_task(name=t)", "y = 2", "#%task\nz = 3")
    assert list(a.workflow.tasks) == ["DT0", "DT2", "DT3"]
    assert a.workflow.tasks["DT0"].kind is TaskKind.ANONYMOUS


def test_redefinition_resets_dependencies_and_points_at_the_first_definition() -> None:
    a = run("#%task(name=a)", "#%task(name=b, dep=[a], export=[v])\nv = 1", "#%task(name=b)")
    assert deps(a, "b") == []
    redefined = [d for d in a.diagnostics if d.code == "PA305"]
    assert len(redefined) == 1 and redefined[0].cell == 2
    assert redefined[0].related[0].location.cell == 1
    assert list(a.workflow.tasks) == ["a", "b"]  # keeps its position


def test_redefinition_can_close_a_cycle() -> None:
    a = run("#%task(name=a)", "#%task(name=b, dep=[a])", "#%task(name=a, dep=[b])")
    cycle = [d for d in a.diagnostics if d.code == "PA303"]
    assert sorted(d.cell for d in cycle) == [1, 2]


def test_unknown_later_and_self_dependencies() -> None:
    a = run("#%task(name=a, dep=[a, b, zz])", "#%task(name=b)")
    assert codes(a) == ["PA304", "PA302", "PA301"]
    assert deps(a, "a") == []


def test_multiblock_appends_plain_cells_to_the_last_task() -> None:
    a = run(
        "#%configure(task=multiblock)", "#%task(name=t)\nx = 1", "y = 2", "#%draw_job()", "z = 3"
    )
    assert list(a.workflow.tasks) == ["t"]
    assert a.workflow.tasks["t"].body == "x = 1\ny = 2"
    assert codes(a) == ["PA401"]  # "Blocks should be started by pragmas." for the last cell


def test_delete_task_removes_it_from_dependencies() -> None:
    a = run(
        "#%task(name=a)",
        "#%task(name=b, dep=[a])",
        "#%delete_task(name=a)",
        "#%delete_task(name=q)",
    )
    assert deps(a, "b") == []
    assert codes(a) == ["PA306"]


def test_replicate_default_names_follow_the_digits_of_the_previous_task() -> None:
    a = run("#%task(name=t)", "#%split()", "#%runs()\nruns=2;", "#%process()", "#%merge()")
    assert list(a.workflow.tasks) == ["t", "split1", "process1", "merge1"]
    split = a.workflow.tasks["split1"]
    assert split.flow_block == "start" and split.flow_script is not None
    assert split.flow_script.kind is FlowKind.REPLICATE
    assert deps(a, "process1") == ["split1"] and deps(a, "merge1") == ["process1"]
    assert a.workflow.tasks["merge1"].flow_block == "end"
    assert codes(a) == [] and check_flow(a.workflow.tasks) is None


def test_default_name_without_digits_crashes_the_kernel_and_keeps_the_state() -> None:
    a = run("#%split(name=S)", "#%runs()", "#%process()", "#%process(name=p)", "#%merge(name=m)")
    assert [d.code for d in a.diagnostics if d.code != "PA604"] == ["PA307"]
    assert list(a.workflow.tasks) == ["S", "p", "m"]


def test_default_name_collision_redefines_the_other_task() -> None:
    a = run(
        "#%split(name=s2)",
        "#%runs()",
        "#%process(name=p2)",
        "#%merge()",
        "#%split(name=s3)",
        "#%runs()",
        "#%process(name=P2)",
        "#%merge()",
    )
    assert "PA307" in codes(a)
    assert list(a.workflow.tasks).count("merge2") == 1


def test_straight_forward_replicate_gets_a_default_merge() -> None:
    a = run("#%task(name=root)", "#%task(name=rep, dep=[root], runs=3)")
    assert "DefaultMerge2" in a.workflow.tasks
    assert a.workflow.tasks["DefaultMerge2"].kind is TaskKind.DEFAULT_MERGE
    assert codes(a) == ["PA405"]
    assert check_flow(a.workflow.tasks) is None


def test_straight_forward_replicate_needs_a_root_parent() -> None:
    a = run("#%task(name=r)", "#%task(name=p, dep=[r])", "#%task(name=rep, dep=[p], runs=N)")
    assert "PA404" in codes(a)
    assert "rep" in a.workflow.tasks  # the kernel raises after creating it


def test_plain_cell_inside_a_control_hijacks_runs() -> None:
    a = run("#%split(name=s1)", "print('x')", "#%runs()\nruns=2;", "#%process()", "#%merge()")
    assert "PA403" in codes(a)
    assert a.workflow.tasks["DT1"].flow_script is not None
    assert a.workflow.tasks["s1"].flow_script is None


def test_loop_and_branch_are_valid_for_flowchecker() -> None:
    a = run(
        "#%start(name=s1)",
        "#%condition()\nloop = false;",
        "#%loop(name=l1)",
        "#%branch(name=b1, dep=[l1])",
        "#%condition()\nbranch='if';",
        "#%if(name=i1)",
        "#%else(name=e1)",
        "#%continuation(name=c1)",
    )
    loop = a.workflow.tasks["l1"].flow_script
    assert loop is not None and loop.kind is FlowKind.LOOP and loop.target == "s1"
    branch = a.workflow.tasks["b1"].flow_script
    assert branch is not None and (
        branch.target,
        branch.target_else,
        branch.target_continuation,
    ) == ("i1", "e1", "c1")
    assert codes(a) == [] and check_flow(a.workflow.tasks) is None


def test_control_out_of_order_and_unfinished() -> None:
    a = run("#%process()", "#%start()", "#%task(name=t)")
    assert codes(a) == ["PA401", "PA402", "PA401"]


def test_import_prefix_applies_to_later_tasks_only() -> None:
    a = run(
        "#%task(name=a)",
        "#%import()\nimport numpy",
        "#%task(name=b)",
        "#%task(name=c, language=Groovy)",
    )
    tasks = a.workflow.tasks
    assert (tasks["a"].import_prefix, tasks["b"].import_prefix, tasks["c"].import_prefix) == (
        "",
        "import numpy",
        "",
    )


def test_job_default_selection_script_force_applies_to_existing_tasks() -> None:
    a = run(
        "#%task(name=a)",
        "#%job_selection_script(force=on)\nselected = True",
        "#%task(name=b)",
        "#%job_fork_env()\nenv = 1",
        "#%task(name=c)",
    )
    tasks = a.workflow.tasks
    assert all(tasks[n].selection_script is not None for n in "abc")
    assert tasks["a"].fork_env is None and tasks["c"].fork_env is not None


def test_variables_must_flow_from_ancestors() -> None:
    a = run(
        "#%task(name=a, export=[v])\nv = 1",
        "#%task(name=b, import=[v])",
        "#%task(name=c, import=[w])",
    )
    assert codes(a) == ["PA502", "PA501"]
    assert "c" not in a.workflow.tasks  # the kernel refuses the cell


def test_hyphenated_names_work_in_dep_lists() -> None:
    a = run("#%task(name=my-task)", "#%task(name=b, dep=[my-task])")
    assert deps(a, "b") == ["my-task"]
    assert codes(a) == ["PA206"]


def test_default_names_and_implicit_dependencies_are_hinted() -> None:
    a = run("#%split()", "#%runs()", "#%process()", "#%merge()")
    labels = [h.label for h in a.workflow.hints]
    assert " split0" in labels and " process0" in labels and " ← split0" in labels
