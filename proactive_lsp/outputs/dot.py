"""Dot files as the kernel's `#%write_dot` writes them, and `#%import_dot` reads them.

Export: node ids = task names, edges = dependencies (kernel-13.0.4.md §5.2), plus the flow
information as node attributes, which the kernel's `import_dot` ignores (it reads only node ids
and edge endpoints). Import: one `#%task` cell per node, in file order, as the kernel does — but
ordered so that no edge is dropped, with a warning wherever the kernel would have dropped one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proactive_lsp.documents.dot import read_dot
from proactive_lsp.model.task import FlowKind
from proactive_lsp.model.workflow import Workflow

_TASK_NAME = re.compile(r"^[A-Za-z_][\w-]*$")


def workflow_to_dot(workflow: Workflow) -> str:
    import networkx as nx
    from networkx.drawing.nx_pydot import to_pydot

    graph: nx.DiGraph[str] = nx.DiGraph(name=workflow.job.name or "None")
    for task in workflow.tasks.values():
        attributes: dict[str, str] = {}
        script = task.flow_script
        if script is not None:
            attributes["flow"] = script.kind.value
            if script.kind is FlowKind.LOOP and script.target:
                attributes["loop_target"] = script.target
            if script.kind is FlowKind.BRANCH:
                for key, value in (
                    ("if_target", script.target),
                    ("else_target", script.target_else),
                    ("continuation_target", script.target_continuation),
                ):
                    if value:
                        attributes[key] = value
        if task.flow_block:
            attributes["flow_block"] = task.flow_block
        graph.add_node(task.name, **attributes)
    for task in workflow.tasks.values():
        for ref in task.deps:
            if ref.name in workflow.tasks:
                graph.add_edge(ref.name, task.name)
    dot = to_pydot(graph)
    dot.set_strict(True)
    text: str = dot.to_string()
    return text


@dataclass(frozen=True, slots=True)
class ImportedDot:
    cells: tuple[str, ...]
    warnings: tuple[str, ...]


def dot_to_cells(text: str) -> ImportedDot:
    """Pragma cells for a dot file; raises ValueError with a message when it does not parse."""
    nodes, edges = read_dot(text)
    warnings: list[str] = []
    position = {name: i for i, name in enumerate(nodes)}
    parents: dict[str, list[str]] = {name: [] for name in nodes}
    for source, target in edges:
        if source not in parents[target]:
            parents[target].append(source)
        if position[source] > position[target]:
            warnings.append(
                f"edge {source} -> {target}: '{source}' comes after '{target}' in the file, so the "
                "kernel's #%import_dot would drop this dependency; the cells are reordered to keep it"
            )
    for name in nodes:
        if not _TASK_NAME.match(name):
            warnings.append(f"node '{name}' is not a task name any pragma can reference")
    ordered = _stable_topological(nodes, parents, warnings)
    cells = []
    for name in ordered:
        deps = [p for p in parents[name] if p in ordered]
        dep = f", dep=[{', '.join(deps)}]" if deps else ""
        cells.append(f"#%task(name={name}{dep})\n")
    return ImportedDot(tuple(cells), tuple(warnings))


def _stable_topological(
    nodes: list[str], parents: dict[str, list[str]], warnings: list[str]
) -> list[str]:
    """File order, except that a node waits for its parents; cycles keep file order."""
    placed: list[str] = []
    done: set[str] = set()
    remaining = list(nodes)
    while remaining:
        for name in remaining:
            if all(p in done or p == name for p in parents[name]):
                break
        else:
            name = remaining[0]
            warnings.append(f"cycle through '{name}': some dependencies cannot be kept")
        remaining.remove(name)
        placed.append(name)
        done.add(name)
    return placed
