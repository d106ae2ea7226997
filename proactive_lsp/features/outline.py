"""Document symbols (job, tasks, controls as containers), folding ranges and inlay hints."""

from __future__ import annotations

from dataclasses import dataclass, field

from proactive_lsp.analysis import Analysis
from proactive_lsp.model.task import Task, TaskKind
from proactive_lsp.model.workflow import Hint
from proactive_lsp.text import Position, Range


@dataclass
class OutlineSymbol:
    name: str
    kind: str  # "job" | "task" | "control"
    detail: str
    cell: int
    range: Range  # the whole cell
    selection: Range  # the name
    children: list[OutlineSymbol] = field(default_factory=list)


def cell_range(analysis: Analysis, cell: int) -> Range:
    lines = analysis.document.cells[cell].text.split("\n")
    return Range(Position(0, 0), Position(len(lines) - 1, len(lines[-1])))


def outline(analysis: Analysis) -> list[OutlineSymbol]:
    workflow = analysis.workflow
    symbols: list[OutlineSymbol] = []
    job = workflow.job
    if job.name_ref is not None:
        symbols.append(
            OutlineSymbol(
                job.name or "",
                "job",
                "job",
                job.name_ref.cell,
                cell_range(analysis, job.name_ref.cell),
                job.name_ref.range,
            )
        )
    in_control: dict[str, OutlineSymbol] = {}
    for block in workflow.controls:
        if not block.tasks:
            continue
        first = workflow.tasks.get(block.tasks[0])
        if first is None:
            continue
        container = OutlineSymbol(
            f"{block.kind.value}: {' → '.join(block.tasks)}",
            "control",
            "complete" if block.complete else "unfinished",
            first.cell,
            cell_range(analysis, first.cell),
            first.name_range,
        )
        symbols.append(container)
        for name in block.tasks:
            in_control[name] = container
    for task in workflow.tasks.values():
        if task.kind is TaskKind.DEFAULT_MERGE or task.cell >= len(analysis.cells):
            continue
        symbol = OutlineSymbol(
            task.name,
            "task",
            _detail(task),
            task.cell,
            cell_range(analysis, task.cell),
            task.name_range,
        )
        parent = in_control.get(task.name)
        (parent.children if parent is not None else symbols).append(symbol)
    return symbols


def _detail(task: Task) -> str:
    parts = [task.engine_language]
    if task.deps:
        parts.append("← " + ", ".join(d.name for d in task.deps))
    return " ".join(parts)


def folding_cells(analysis: Analysis) -> list[tuple[int, int]]:
    """(first line, last line) of every multi-line cell, in the source text's lines."""
    ranges = []
    for cell in analysis.document.cells:
        lines = cell.text.rstrip("\n").count("\n")
        if lines:
            ranges.append((cell.first_line, cell.first_line + lines))
    return ranges


def hints(analysis: Analysis, cell: int) -> list[Hint]:
    return [hint for hint in analysis.workflow.hints if hint.cell == cell]
