"""Straight-forward replicate (`#%task(..., runs=N)`): at creation and at submit (§3.5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from proactive_lsp.checks.codes import make
from proactive_lsp.model.task import FlowKind, FlowScript, Ref, Task, TaskKind
from proactive_lsp.model.workflow import Hint

if TYPE_CHECKING:
    from proactive_lsp.model.kernel import KernelState


def straight_replicate(state: KernelState, task: Task, cell: int, runs: Ref) -> None:
    """The parent gets the replicate flow script and a start block, if the kernel allows it."""
    task.runs = runs
    parents = [state.tasks[d.name] for d in task.deps if d.name in state.tasks]
    if len(parents) != 1 or parents[0].deps:
        state.report(
            cell,
            make(
                "PA404",
                f"The task '{task.name}' can't be replicated: `runs=` needs exactly one dependency "
                "on a task that has no dependencies itself (the task is still created)",
                runs.range,
            ),
        )
        return
    parent = state.own(parents[0].name)
    parent.flow_block = "start"
    parent.flow_script = FlowScript(FlowKind.REPLICATE, f"runs={runs.name}", cell, runs.range)
    state.replicated[task.name] = runs


def finish_replicates(state: KernelState) -> None:
    """The checks and the DefaultMerge the kernel adds at submit (§3.5)."""
    for name, runs in list(state.replicated.items()):
        task = state.tasks.get(name)
        if task is None:
            continue
        parents = [state.tasks[d.name] for d in task.deps if d.name in state.tasks]
        children = [t for t in state.tasks.values() if any(d.name == name for d in t.deps)]
        if len(parents) != 1 or parents[0].deps:
            state.report(
                runs.cell,
                make(
                    "PA404",
                    f"The replicated task '{name}' should not have more than one parent task "
                    "(it needs exactly one, which has no dependencies)",
                    runs.range,
                ),
            )
        elif not children:
            merge = state.unique_name("DefaultMerge")
            state.tasks[merge] = Task(
                name=merge,
                kind=TaskKind.DEFAULT_MERGE,
                pragma="",
                cell=runs.cell,
                name_range=runs.range,
                name_is_default=True,
                defined_in=[runs.cell],
                deps=[Ref(name, runs.cell, runs.range)],
                flow_block="end",
                # Created through the task pipeline at submit: Python `#%import` prefix and
                # the job defaults as they are then (§3.2).
                import_prefix=state.imports.get("Python", ""),
                selection_script=state.job.selection_script,
                fork_env=state.job.fork_env,
                gen=state.gen,
            )
            state.tasks_count += 1
            state.report(
                runs.cell,
                make(
                    "PA405",
                    f"'{name}' is replicated but nothing depends on it: at submit the kernel adds "
                    f"an empty task '{merge}' to close the REPLICATE control",
                    runs.range,
                ),
            )
            state.hints.append(
                Hint(
                    runs.cell,
                    runs.range,
                    f" → {merge}",
                    "default merge task added by the kernel at submit",
                )
            )
        elif len(children) != 1 or len(children[0].deps) != 1:
            state.report(
                runs.cell,
                make(
                    "PA404",
                    f"The replicated task '{name}' should not have more than one child task "
                    "(at most one, which depends only on it)",
                    runs.range,
                ),
            )
        else:
            state.own(children[0].name).flow_block = "end"
