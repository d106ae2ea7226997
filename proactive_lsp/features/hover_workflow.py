"""Hover text for what the workflow made of a name: a task's summary, a variable's flow."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from proactive_lsp.analysis import Analysis
from proactive_lsp.diagnostics import Diagnostic, Severity
from proactive_lsp.features.meaning import first_cell, variable_users, where
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.model.task import FlowKind, Task, TaskKind
from proactive_lsp.text import Range

_SHOWN = 8  # names listed before "and N more"
_ROLES = {
    "split": "split task: start of the replicated block",
    "process": "replicated task",
    "merge": "merge task: end of the replicated block",
    "start": "start task: start of the loop block",
    "loop": "loop task: end of the loop block, holds the loop condition",
    "branch": "branch task: holds the if/else condition",
    "if": "`if` target of the branch",
    "else": "`else` target of the branch",
    "continuation": "continuation of the branch",
}
_KINDS = {
    TaskKind.TASK: "task",
    TaskKind.CONTROL: "control task",
    TaskKind.ANONYMOUS: "anonymous task",
    TaskKind.DEFAULT_MERGE: "default merge task (the kernel adds it at submit)",
    TaskKind.IMPORTED: "task imported from a dot file",
}


def task_markdown(analysis: Analysis, task: Task) -> str:
    workflow = analysis.workflow
    origin = f"`#%{task.pragma}`" if task.pragma else "plain cell"
    head = (f"**{_KINDS[task.kind].capitalize()} `{task.name}`** · {origin} · "
            f"{task.engine_language} · {where(analysis, task.cell)}")
    facts: list[str] = []
    if len(task.defined_in) > 1:
        places = ", ".join(where(analysis, cell) for cell in task.defined_in)
        facts.append(f"**Defined in:** {places} (the last definition wins)")
    facts.append("**Depends on:** " + _names(analysis, [ref.name for ref in task.deps]))
    children = workflow.children_of(task.name)
    facts.append("**Dependents:** " + _names(analysis, children))
    if task.imports:
        exporters, _ = variable_users(analysis, {ref.name for ref in task.imports[:_SHOWN]})
        shown = []
        for ref in task.imports[:_SHOWN]:
            sources = [t.name for t, _ in exporters.get(ref.name, ()) if t is not task]
            shown.append(f"`{ref.name}`" + (f" ← `{sources[0]}`" if sources else " ← nobody"))
        facts.append("**Imports:** " + ", ".join(shown) + _more(task.imports))
    if task.exports:
        facts.append("**Exports:** " + ", ".join(f"`{r.name}`" for r in task.exports[:_SHOWN])
                     + _more(task.exports))
    if task.path is not None:
        facts.append(f"**Implementation:** `{task.path.name}` (the cell body is ignored)")
    facts.extend(_flow(task))
    scripts = [label for label, script in (
        ("pre-script", task.pre_script), ("post-script", task.post_script),
        ("selection script", task.selection_script), ("fork environment", task.fork_env),
    ) if script is not None]
    if scripts:
        facts.append("**Scripts:** " + ", ".join(scripts))
    if task.precious_result:
        facts.append("**Precious result:** kept as a job result")
    text = head + "\n\n" + "\n".join(f"- {fact}" for fact in facts)
    problems = sorted((d for d in diagnostics_in(analysis, task.cell)
                       if d.range.start.line == 0 and d.severity <= Severity.WARNING),
                      key=lambda d: d.severity)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        text += f"\n\n⚠ {count} on its pragma line: {problems[0].code} {problems[0].message}"
    return text


def _flow(task: Task) -> list[str]:
    facts = []
    spec = PRAGMAS.get(task.pragma)
    if spec is not None and spec.control is not None:
        role = _ROLES.get(task.pragma, task.pragma)
        facts.append(f"**Flow:** {role} ({spec.control.value} control)")
    if task.flow_block is not None:
        facts.append(f"**Block:** {task.flow_block} of a ProActive block")
    if task.runs is not None:
        facts.append(f"**Replicated:** `runs={task.runs.name}` parallel copies")
    script = task.flow_script
    if script is not None:
        if script.kind is FlowKind.LOOP:
            facts.append(f"**Loop:** back to `{script.target}` while the condition holds")
        elif script.kind is FlowKind.BRANCH:
            targets = [f"{label} → `{name}`" for label, name in (
                ("if", script.target), ("else", script.target_else),
                ("continuation", script.target_continuation)) if name]
            facts.append("**Branch:** " + (", ".join(targets) or "targets not set yet"))
        else:
            facts.append("**Replicate:** its children run in parallel copies")
    return facts


def unknown_task_markdown(analysis: Analysis, name: str) -> str:
    return (f"**No task `{name}`** when the notebook has run to the end: not defined, or "
            "deleted. The kernel drops an unknown dependency and refuses other references.")


def variable_markdown(analysis: Analysis, name: str) -> str:
    found_exporters, found_importers = variable_users(analysis, {name})
    exporters = found_exporters.get(name, [])
    importers = found_importers.get(name, [])
    lines = [f"**Variable `{name}`**", ""]
    if exporters:
        lines.append("- **Exported by:** " + _names(analysis, [t.name for t, _ in exporters]))
    else:
        lines.append(f"- **Exported by:** nobody: the kernel refuses the import "
                     f"(`The variable '{name}' can't be imported.`)")
    lines.append("- **Imported by:** " + _names(analysis, [t.name for t, _ in importers]))
    return "\n".join(lines)


def _names(analysis: Analysis, names: list[str]) -> str:
    if not names:
        return "none"
    tasks = analysis.workflow.tasks
    shown = []
    for name in names[:_SHOWN]:
        task = tasks.get(name)
        place = f" ({where(analysis, first_cell(task))})" if task is not None else " (unknown)"
        shown.append(f"`{name}`{place}")
    return ", ".join(shown) + _more(names)


def _more(items: Sequence[object]) -> str:
    return f", and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""


def diagnostics_in(analysis: Analysis, cell: int) -> list[Diagnostic]:
    """The cell's diagnostics, found by bisection (the analysis keeps them sorted by cell)."""
    found = analysis.diagnostics
    start = bisect_left(found, cell, key=lambda d: d.cell or 0)
    end = bisect_right(found, cell, key=lambda d: d.cell or 0)
    return list(found[start:end])


def diagnostics_at(analysis: Analysis, cell: int, where_: Range) -> list[Diagnostic]:
    return [d for d in diagnostics_in(analysis, cell)
            if d.range.start <= where_.end and where_.start <= d.range.end]
