"""The result of replaying a document: tasks, job, graph, and what navigation needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.language.spec import Control
from proactive_lsp.model.task import Ref, Script, Task
from proactive_lsp.text import Range

if TYPE_CHECKING:
    import networkx as nx


class Role(Enum):
    DEFINITION = "definition"
    REFERENCE = "reference"


class Symbol(Enum):
    TASK = "task"
    VARIABLE = "variable"


@dataclass(slots=True)
class Occurrence:
    """A task or variable name written in a pragma, for definition/references/rename."""

    symbol: Symbol
    role: Role
    name: str
    cell: int
    range: Range


@dataclass(frozen=True, slots=True)
class Hint:
    """Something the kernel fills in silently, shown as an inlay hint after ``position``."""

    cell: int
    range: Range  # the hint goes at the end of this range
    label: str
    tooltip: str = ""


@dataclass(slots=True)
class ControlBlock:
    kind: Control
    cells: list[int] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    complete: bool = False


@dataclass(slots=True)
class Job:
    name: str | None = None  # None until #%job or #%submit_job names it
    name_ref: Ref | None = None
    generic_info: list[tuple[str, str]] = field(default_factory=list)
    variables: list[tuple[str, str]] = field(default_factory=list)
    selection_script: Script | None = None  # the job default (job_selection_script)
    fork_env: Script | None = None  # the job default (job_fork_env or runtime_env)


@dataclass(slots=True)
class Connection:
    cell: int
    range: Range
    url: str | None = None
    config_path: str | None = None
    login: str | None = None


@dataclass(slots=True)
class Workflow:
    tasks: dict[str, Task]  # in the kernel's creation order
    job: Job
    diagnostics: list[Diagnostic]
    occurrences: list[Occurrence]
    hints: list[Hint]
    controls: list[ControlBlock]
    connections: list[Connection]
    document_name: str | None = None
    _children: dict[str, list[str]] | None = None
    _graph: nx.DiGraph | None = None

    def parents_of(self, name: str) -> list[str]:
        task = self.tasks.get(name)
        return [] if task is None else [d.name for d in task.deps if d.name in self.tasks]

    def children_of(self, name: str) -> list[str]:
        if self._children is None:
            children: dict[str, list[str]] = {n: [] for n in self.tasks}
            for task in self.tasks.values():
                for ref in task.deps:
                    if ref.name in children:
                        children[ref.name].append(task.name)
            self._children = children
        return self._children.get(name, [])

    def adopt_indices(self, other: Workflow) -> None:
        """Take over the index of ``other`` that names alone make (its tasks have the same
        names, order and dependencies by name as these)."""
        if self._children is None:
            self._children = other._children

    @property
    def graph(self) -> nx.DiGraph:
        """The dependency graph (nodes: task names; edges parent → child with the written `ref`).

        Built on first use: the per-keystroke checks walk the tasks' own lists instead.
        """
        if self._graph is None:
            import networkx as nx

            graph: nx.DiGraph = nx.DiGraph()
            for name, task in self.tasks.items():
                graph.add_node(name, task=task)
            for name, task in self.tasks.items():
                for ref in task.deps:
                    if ref.name in self.tasks:
                        graph.add_edge(ref.name, name, ref=ref)
            self._graph = graph
        return self._graph

    def title(self, name: str | None = None) -> str:
        """The file title as the kernel picks it: param, job name, notebook name, Unnamed_job."""
        if name:
            return name
        if self.job.name is not None:
            return self.job.name
        return self.document_name or "Unnamed_job"
