"""The checks made task by task over the finished workflow, kept per task so that the next
analysis re-checks only the tasks an edit changed.

A task's findings depend on the task itself and on what it reads of the others: their names,
dependencies, exports and imports (the variable context, the ancestry, the cycles). While those
stay the same by name, the findings of an unchanged task stay right; a task object is never
changed once its replay is over, so identity tells which tasks changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from proactive_lsp.checks.graph import check_cycles, has_flow_part, task_name_problem
from proactive_lsp.checks.variables import VariableContext, task_variables, variable_context
from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.model.task import Task, ref_names
from proactive_lsp.model.workflow import Workflow

Shape = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class TaskChecks:
    workflow: Workflow  # what was checked
    context: VariableContext
    findings: dict[str, tuple[Diagnostic, ...]]  # per task; tasks with none are left out
    flow_tasks: frozenset[str]  # tasks with a flow script or block (FlowChecker runs then)
    cycles: tuple[Diagnostic, ...]

    def diagnostics(self) -> list[Diagnostic]:
        found = [d for task in self.findings.values() for d in task]
        found.extend(self.cycles)
        return found


def check_tasks(workflow: Workflow, previous: TaskChecks | None = None) -> TaskChecks:
    if previous is not None:
        changed = _changed(previous.workflow.tasks, workflow.tasks)
        if changed is not None:
            return _recheck(workflow, previous, changed)
    context = variable_context(workflow)
    findings: dict[str, tuple[Diagnostic, ...]] = {}
    for task in workflow.tasks.values():
        found = _task_findings(workflow, task, context)
        if found:
            findings[task.name] = found
    flow = frozenset(t.name for t in workflow.tasks.values() if has_flow_part(t))
    return TaskChecks(workflow, context, findings, flow, tuple(check_cycles(workflow)))


def _changed(before: Mapping[str, Task], now: Mapping[str, Task]) -> list[str] | None:
    """The tasks that changed, or None when what they read of each other may have changed."""
    if len(before) != len(now) or list(before) != list(now):
        return None
    changed = [name for name, task in now.items() if before[name] is not task]
    if any(_shape(now[name]) != _shape(before[name]) for name in changed):
        return None
    return changed


def _recheck(workflow: Workflow, previous: TaskChecks, changed: list[str]) -> TaskChecks:
    workflow.adopt_indices(previous.workflow)
    if not changed:
        return TaskChecks(
            workflow, previous.context, previous.findings, previous.flow_tasks, previous.cycles
        )
    findings = dict(previous.findings)
    flow = set(previous.flow_tasks)
    for name in changed:
        task = workflow.tasks[name]
        found = _task_findings(workflow, task, previous.context)
        if found:
            findings[name] = found
        else:
            findings.pop(name, None)
        if has_flow_part(task):
            flow.add(name)
        else:
            flow.discard(name)
    # The same graph: no cycle stays none; a cycle's ranges may have moved with its task.
    cycles = tuple(check_cycles(workflow)) if previous.cycles else ()
    return TaskChecks(workflow, previous.context, findings, frozenset(flow), cycles)


def _task_findings(workflow: Workflow, task: Task, context: VariableContext) -> tuple[Diagnostic, ...]:
    found = task_variables(workflow, task, context)
    problem = task_name_problem(task)
    if problem is not None:
        found.append(problem)
    return tuple(found)


def _shape(task: Task) -> Shape:
    return (ref_names(task.deps), ref_names(task.exports), ref_names(task.imports))
