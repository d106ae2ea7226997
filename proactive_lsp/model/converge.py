"""Stop a replay after the edited cell when the rest would repeat the previous run.

The replay is a fold over the cells. When an edited cell leaves the kernel in the state the
previous run left it in, every later cell does what it did then, so the previous run's end
state is taken over with the edited cell's own contributions swapped in. "The same state"
ignores where things are written inside the edited cell (typing a blank moves every range
after it): later cells read names, lists and flags, not positions, and the few that copy a
position of the edited cell into their own results are found and make the splice refuse.

Invariants this relies on (kept by ``kernel.py``, ``controls.py`` and ``replicate.py``):
- while a cell is replayed, the output lists (diagnostics, occurrences, hints) only grow, and
  what is appended belongs to that cell; only the submit-time steps after the last cell
  report on other cells, and they are run again on the spliced state;
- a task is changed only through ``KernelState.own``, which copies it unless the state created
  it, so an object in the previous run's end state that is the one left by the edited cell was
  not changed by any later cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.model.task import FlowScript, Ref, Script, Task, ref_names

if TYPE_CHECKING:
    from proactive_lsp.model.kernel import KernelState
    from proactive_lsp.model.replay import Checkpoint

# Compared in their own way below; every other field of the state must be equal.
_OUTPUTS = ("diagnostics", "occurrences", "hints")
# The inputs (`later_names`, `cell_texts`) are the new run's.
_SPECIAL = frozenset({*_OUTPUTS, "tasks", "exported_vars", "gen", "cell_texts", "later_names"})


def spliced(checkpoint: Checkpoint, state: KernelState) -> KernelState | None:
    """The state after the last cell, before the submit-time steps, or None (replay on).

    ``state`` is the kernel's state just after replaying cell ``checkpoint.index`` again.
    """
    before, after, end = checkpoint.state, checkpoint.after, checkpoint.end
    if after is None or end is None:
        return None
    touched = _touched(before.tasks, state.tasks)
    if touched != _touched(before.tasks, after.tasks) or list(state.tasks) != list(after.tasks):
        return None
    for name in touched:
        new, old = state.tasks.get(name), after.tasks.get(name)
        if end.tasks.get(name) is not old:
            return None  # a later cell changed, deleted or recreated it
        if new is not None and old is not None and task_key(new) != task_key(old):
            return None
    if not _same_kernel(state, after, touched):
        return None
    edited = checkpoint.index
    later_diagnostics = end.diagnostics[len(after.diagnostics) :]
    if any(_mentions(diagnostic, edited) for diagnostic in later_diagnostics):
        return None  # e.g. a later cell's fix adds an export to the edited cell's pragma
    result = end.fork()
    for name in touched:
        task = state.tasks.get(name)
        if task is not None:
            result.tasks[name] = task
        exports = state.exported_vars.get(name)
        if exports is not None:
            result.exported_vars[name] = exports
    result.diagnostics = state.diagnostics + later_diagnostics
    result.occurrences = state.occurrences + end.occurrences[len(after.occurrences) :]
    result.hints = state.hints + end.hints[len(after.hints) :]
    result.cell_texts = state.cell_texts
    return result


def _touched(before: Mapping[str, Task], now: Mapping[str, Task]) -> set[str]:
    """The tasks created, changed or deleted since ``before`` (a task is never changed in place
    by a state that shares it, so identity tells)."""
    changed = {name for name, task in now.items() if before.get(name) is not task}
    kept = len(now) - len(changed) + sum(1 for name in changed if name in before)
    if kept != len(before):
        changed.update(name for name in before if name not in now)
    return changed


def _same_kernel(state: KernelState, after: KernelState, touched: set[str]) -> bool:
    for field in dataclasses.fields(state):
        if field.name not in _SPECIAL and getattr(state, field.name) != getattr(after, field.name):
            return False
    if list(state.exported_vars) != list(after.exported_vars):
        return False
    return all(
        ref_names(state.exported_vars[name]) == ref_names(after.exported_vars[name])
        for name in touched
        if name in state.exported_vars
    )


def _mentions(diagnostic: Diagnostic, cell: int) -> bool:
    return (
        diagnostic.cell == cell
        or any(related.location.cell == cell for related in diagnostic.related)
        or any(edit.cell == cell for fix in diagnostic.fixes for edit in fix.edits)
    )


def task_key(task: Task) -> tuple[Hashable, ...]:
    """Everything about a task except where its parts are written in its cell."""
    return (
        task.name,
        task.kind,
        task.pragma,
        task.cell,
        task.name_is_default,
        tuple(task.defined_in),
        task.params_end is None,
        task.params_empty,
        task.language,
        ref_names(task.deps),
        ref_names(task.exports),
        ref_names(task.imports),
        tuple(task.generic_info),
        tuple(task.variables),
        task.body,
        tuple(task.body_cells),
        task.import_prefix,
        _name(task.path),
        _name(task.runs),
        task.precious_result,
        _script(task.pre_script),
        _script(task.post_script),
        _script(task.selection_script),
        _script(task.fork_env),
        _flow(task.flow_script),
        task.flow_block,
    )


def _name(ref: Ref | None) -> str | None:
    return None if ref is None else ref.name


def _script(script: Script | None) -> tuple[Hashable, ...] | None:
    return None if script is None else (script.language, script.code, script.path, script.cell)


def _flow(flow: FlowScript | None) -> tuple[Hashable, ...] | None:
    if flow is None:
        return None
    return (flow.kind, flow.code, flow.cell, flow.target, flow.target_else, flow.target_continuation)
