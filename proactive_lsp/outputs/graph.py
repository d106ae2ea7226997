"""The workflow as the picture shows it (draw_job's edges), built from the one model."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from proactive_lsp.analysis import Analysis
from proactive_lsp.diagnostics import Severity
from proactive_lsp.model.task import FlowKind, TaskKind

if TYPE_CHECKING:
    import networkx as nx

_KINDS = {
    TaskKind.TASK: "task",
    TaskKind.IMPORTED: "task",
    TaskKind.CONTROL: "control",
    TaskKind.ANONYMOUS: "anonymous",
    TaskKind.DEFAULT_MERGE: "default_merge",
}


def drawing_graph(analysis: Analysis, title: str | None = None) -> nx.MultiDiGraph[Any]:
    import networkx as nx

    workflow = analysis.workflow
    graph: nx.MultiDiGraph[Any] = nx.MultiDiGraph(title=title or workflow.title())
    worst = _worst_severity_by_task(analysis)
    for task in workflow.tasks.values():
        cell = (
            analysis.document.cells[task.cell] if task.cell < len(analysis.document.cells) else None
        )
        graph.add_node(
            task.name,
            kind=_KINDS[task.kind],
            label=task.name,
            severity=worst.get(task.name),
            detail=task.engine_language,
            cell=task.cell,
            line=(cell.first_line if cell is not None else 0) + task.name_range.start.line,
        )
    for task in workflow.tasks.values():
        replicates = task.flow_script is not None and task.flow_script.kind is FlowKind.REPLICATE
        for child in workflow.tasks.values():
            if any(d.name == task.name for d in child.deps):
                attributes: dict[str, Any] = {"kind": "dep"}
                if replicates:
                    attributes["label"] = "replicate"
                graph.add_edge(task.name, child.name, key="dep", **attributes)
        script = task.flow_script
        if script is None:
            continue
        if script.kind is FlowKind.LOOP and script.target in workflow.tasks:
            graph.add_edge(task.name, script.target, key="loop", kind="loop", label="loop")
        if script.kind is FlowKind.BRANCH:
            for kind, target in (
                ("if", script.target),
                ("else", script.target_else),
                ("continuation", script.target_continuation),
            ):
                if target in workflow.tasks:
                    graph.add_edge(task.name, target, key=kind, kind=kind, label=kind)
    return graph


def _worst_severity_by_task(analysis: Analysis) -> dict[str, str]:
    by_cell: dict[int, Severity] = {}
    for diagnostic in analysis.diagnostics:
        if diagnostic.cell is not None and diagnostic.severity <= Severity.WARNING:
            current = by_cell.get(diagnostic.cell, Severity.HINT)
            by_cell[diagnostic.cell] = min(current, diagnostic.severity)
    found: dict[str, str] = {}
    for task in analysis.workflow.tasks.values():
        severity = by_cell.get(task.cell)
        if severity is not None:
            found[task.name] = severity.label
    return found
