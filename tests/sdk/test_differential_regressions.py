"""Each case the differential test found, pinned: our verdict, and ProActive's on our export."""

from __future__ import annotations

import pytest
from test_differential import flowchecker_hangs

from proactive_lsp.analysis import Analysis, analyze
from proactive_lsp.diagnostics import Severity
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.model.task import FlowKind
from proactive_lsp.sdk import ValidatorProcess
from proactive_lsp.sdk.export import export_xml

STRUCTURAL = {"PA303", "PA308", "PA402", "PA404", "PA406"}


def structural(analysis: Analysis) -> list[str]:
    return [d.code for d in analysis.diagnostics
            if d.code in STRUCTURAL and d.severity is Severity.ERROR]


# Found as random notebook 2271: `#%loop(name=start1x)` redefines the start task, and its default
# dependency is the previous task, i.e. itself. The kernel skips a task's own name in every
# dependency list; the model kept it as a self-dependency for default dependencies, so the
# task was no longer a root and a later `runs=` on its child was wrongly refused (PA404).
CONTROL_NAMED_LIKE_PREVIOUS = [
    "#%start(name=start1x)\npass",
    "#%condition()\nloop = false",
    "#%loop(name=start1x)\npass",
    "#%task(name=r2x, dep=[start1x], runs=3)\npass",
]


def test_default_dependency_on_itself_is_skipped() -> None:
    analysis = analyze(notebook_from_cells(CONTROL_NAMED_LIKE_PREVIOUS))
    assert analysis.workflow.tasks["start1x"].deps == []
    assert structural(analysis) == []
    script = analysis.workflow.tasks["start1x"].flow_script
    assert script is not None and script.kind is FlowKind.REPLICATE  # `runs=` was accepted


@pytest.mark.requires_sdk
def test_default_dependency_on_itself_proactive_agrees(validator: ValidatorProcess) -> None:
    analysis = analyze(notebook_from_cells(CONTROL_NAMED_LIKE_PREVIOUS))
    assert validator.validate_xml(export_xml(analysis.workflow)).valid


# Found as random notebook 22: ProActive's validator never answers. FlowChecker.createTaskTree
# walks each branch of an IF with a continuation by first children, with no visited set; here
# the walk from `if2x` enters the cycle t1x → start6 → t1x and spins forever (the scheduler would
# hang on the submission). We report the cycle (PA303); the differential test predicts the hang
# with `flowchecker_hangs` and never sends such a job to the validator.
HANGS_PROACTIVE = [
    "#%task(name=t1x)\npass",
    "#%branch()\npass",
    "#%condition()\nbranch = 'if'",
    "x = 1",
    "#%if(name=if2x)\npass",
    "#%else(name=else3x)\npass",
    "#%continuation()\npass",
    "#%start(dep=[t1x, DT2])\npass",
    "#%condition()\nloop = false",
    "#%loop(name=t1x)\npass",
    "#%task(name=DT2, dep=[if2x, t1x, DT2])\npass",
    "#%task(name=continuation5, dep=[start6])\npass",
    "#%task(name=r4x, dep=[if2x], runs=3)\npass",
    "#%delete_task(name=continuation5)",
]


def test_job_that_hangs_proactives_flowchecker_is_an_error() -> None:
    analysis = analyze(notebook_from_cells(HANGS_PROACTIVE))
    assert flowchecker_hangs(analysis.workflow)
    assert "PA303" in structural(analysis)


def test_hang_prediction_is_not_raised_by_valid_branches() -> None:
    cells = [
        "#%branch(name=b1)\npass", "#%condition()\nbranch = 'if'", "#%if(name=i1)\npass",
        "#%else(name=e1)\npass", "#%continuation(name=c1)\npass",
        "#%task(name=after_if, dep=[i1])\npass",
    ]
    assert not flowchecker_hangs(analyze(notebook_from_cells(cells)).workflow)


# Found as random notebooks 168 and 241: the parent of a `runs=` task is deleted. At
# `#%submit_job` the kernel re-checks replicates and refuses (`The replicated task 'r2x' should
# not have more than one parent task.`, §3.5), so PA404 is right although ProActive would accept
# the job we export (a plain task). The differential test counts these as "kernel stricter".
PARENT_OF_REPLICATED_DELETED = [
    "#%task(name=t1x)\npass",
    "#%task(name=r2x, dep=[t1x], runs=3)\npass",
    "x = 1",
    "#%delete_task(name=t1x)",
]


def test_deleted_parent_of_replicated_task_is_refused_at_submit() -> None:
    analysis = analyze(notebook_from_cells(PARENT_OF_REPLICATED_DELETED))
    assert structural(analysis) == ["PA404"]


@pytest.mark.requires_sdk
def test_deleted_parent_of_replicated_task_proactive_accepts(validator: ValidatorProcess) -> None:
    analysis = analyze(notebook_from_cells(PARENT_OF_REPLICATED_DELETED))
    assert validator.validate_xml(export_xml(analysis.workflow)).valid
