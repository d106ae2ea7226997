"""Checks on the dependency graph: cycles (PA303), schema names (PA308), FlowChecker (PA406)."""

from __future__ import annotations

import re

from proactive_lsp.checks.codes import make
from proactive_lsp.checks.flowchecker import check_flow
from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.model.task import Task
from proactive_lsp.model.workflow import Workflow

# xsd:ID is an NCName: a letter or `_` first, then letters, digits, `.`, `-`, `_` (Unicode-wide).
_NCNAME = re.compile(r"^[^\W\d][\w.\-]*$")


def check_cycles(workflow: Workflow) -> list[Diagnostic]:
    # The kernel adds a dependency only on a task that exists, so a cycle needs a dependency on
    # a task created later (through a redefinition): without one there is nothing to look for.
    order = {name: i for i, name in enumerate(workflow.tasks)}
    if not any(
        order.get(ref.name, -1) > order[task.name]
        for task in workflow.tasks.values()
        for ref in task.deps
    ):
        return []
    import networkx as nx

    found: list[Diagnostic] = []
    for component in nx.strongly_connected_components(workflow.graph):
        if len(component) < 2:
            continue
        members = sorted(component, key=list(workflow.tasks).index)
        for child in members:
            for ref in workflow.tasks[child].deps:
                if ref.name in component:
                    cycle = " → ".join(_cycle_through(workflow, ref.name, child))
                    found.append(make(
                        "PA303",
                        f"dependency cycle: {cycle}; ProActive refuses the job (Infinite recursion "
                        "detected / Unreachable task)",
                        ref.range,
                        cell=ref.cell,
                    ))
    return found


def has_flow_part(task: Task) -> bool:
    return task.flow_script is not None or bool(task.flow_block)


def _cycle_through(workflow: Workflow, parent: str, child: str) -> list[str]:
    import networkx as nx

    try:
        back = nx.shortest_path(workflow.graph, child, parent)
    except nx.NetworkXNoPath:
        back = [child, parent]
    return [*back, child]


def task_name_problem(task: Task) -> Diagnostic | None:
    if _NCNAME.match(task.name) and "#" not in task.name and "*" not in task.name:
        return None
    return make(
        "PA308",
        f"task name '{task.name}' is refused by ProActive's job schema: a task name must "
        "be an XML NCName (letter or `_` first; letters, digits, `.`, `-`, `_`)",
        task.name_range,
        cell=task.cell,
    )


def check_job_name(workflow: Workflow) -> list[Diagnostic]:
    job = workflow.job
    if job.name is not None and len(job.name) < 2 and job.name_ref is not None:
        return [make(
            "PA308",
            f"job name '{job.name}' is refused by ProActive's job schema: it needs at least 2 characters",
            job.name_ref.range,
            cell=job.name_ref.cell,
        )]
    return []


def check_flowchecker(
    workflow: Workflow, already: list[Diagnostic], has_flow: bool
) -> list[Diagnostic]:
    """PA406, unless the problem is already reported under a more precise code.

    ``has_flow``: whether some task has a flow script or block (see checks/tasks.py).
    """
    if not has_flow:
        # Without flow scripts or blocks FlowChecker can only find cycles (PA303) and names
        # with `#`/`*` (PA308), both reported already: skip its set-up on every keystroke.
        return []
    error = check_flow(workflow.tasks)
    if error is None:
        return []
    if error.rule in ("recursion", "reachable") and any(d.code == "PA303" for d in already):
        return []
    if error.rule in ("name",) and any(d.code == "PA308" for d in already):
        return []
    precise = {"PA402", "PA404"}
    if error.rule in ("block", "replicate", "loop", "if") and any(d.code in precise for d in already):
        return []
    task = workflow.tasks.get(error.task)
    if task is None:
        return []
    return [make(
        "PA406",
        f"ProActive's FlowChecker refuses the job: {error.message} (task '{error.task}')",
        task.name_range,
        cell=task.cell,
    )]
