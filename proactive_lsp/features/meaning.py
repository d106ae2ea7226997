"""What a word on a pragma line stands for, and the lookups the features share.

Completion, hover and semantic tokens all ask the same questions: is this value a task, a
variable, a language, a path? who exports this variable? which tasks are ancestors of this
one? The answers come from the pragma table and the analysis' workflow, never from scanning
the other cells' text.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from enum import Enum

from proactive_lsp.analysis import Analysis
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import Kind, ParamSpec, PragmaSpec
from proactive_lsp.model.task import Ref, Task
from proactive_lsp.model.workflow import Workflow


class Meaning(Enum):
    TASK_DEFINITION = "task_definition"  # `name=` of a pragma that creates a task
    TASK_REFERENCE = "task_reference"  # `dep`, `task_name`, `name=` of scripts and delete_task
    EXPORT = "export"
    IMPORT = "import"
    LANGUAGE = "language"
    PATH = "path"
    CHOICE = "choice"  # a closed set of values: on/off, true/false, block/multiblock, ...
    NUMBER = "number"
    EXPRESSION = "expression"  # runs=
    PRAGMA = "pragma"  # help(pragma=)
    TEXT = "text"


_REFERENCING = frozenset({"delete_task", "pre_script", "post_script", "selection_script",
                          "fork_env"})
_BY_KIND = {
    Kind.LANGUAGE: Meaning.LANGUAGE,
    Kind.PATH: Meaning.PATH,
    Kind.ON_OFF: Meaning.CHOICE,
    Kind.BOOL: Meaning.CHOICE,
    Kind.MODE: Meaning.CHOICE,
    Kind.DIGITS: Meaning.NUMBER,
    Kind.EXPR: Meaning.EXPRESSION,
    Kind.PRAGMA: Meaning.PRAGMA,
}


def param_spec(pragma: str, key: str | None) -> ParamSpec | None:
    spec = PRAGMAS.get(pragma)
    return None if spec is None or key is None else spec.param(key)


def meaning(pragma: str, key: str | None) -> Meaning:
    """What the values of ``key`` are in ``#%pragma(...)``."""
    spec = PRAGMAS.get(pragma)
    if spec is None or key is None:
        return Meaning.TEXT
    if key == "dep" or key == "task_name":
        return Meaning.TASK_REFERENCE
    if key == "name" and spec.creates_task:
        return Meaning.TASK_DEFINITION
    if key == "name" and pragma in _REFERENCING:
        return Meaning.TASK_REFERENCE
    if key in ("export", "import"):
        return Meaning.EXPORT if key == "export" else Meaning.IMPORT
    param = spec.param(key)
    if param is None:
        return Meaning.TEXT
    if param.values:
        return Meaning.CHOICE
    return _BY_KIND.get(param.kind, Meaning.TEXT)


def live_pragmas() -> list[PragmaSpec]:
    """The pragmas a user may write: the table without the removed `get_result`."""
    return [spec for spec in PRAGMAS.values() if not spec.removed]


def cell_text(analysis: Analysis, cell: int) -> str | None:
    cells = analysis.document.cells
    return cells[cell].text if 0 <= cell < len(cells) else None


def where(analysis: Analysis, cell: int) -> str:
    """A cell as people find it: `cell 3` in a notebook (1-based), `line 12` in a file."""
    cells = analysis.document.cells
    if not 0 <= cell < len(cells):
        return f"cell {cell + 1}"
    if analysis.document.kind is SourceKind.PYTHON_FILE:
        return f"line {cells[cell].first_line + 1}"
    index = cells[cell].index
    return f"cell {(index if index is not None else cell) + 1}"


def first_cell(task: Task) -> int:
    return task.defined_in[0] if task.defined_in else task.cell


def variable_users(
    analysis: Analysis, names: set[str]
) -> tuple[dict[str, list[tuple[Task, Ref]]], dict[str, list[tuple[Task, Ref]]]]:
    """Who exports and who imports each of ``names``, from the checks' index of the variables
    (a scan of 5000 tasks on every hover shows)."""
    workflow = analysis.workflow
    context = analysis.reuse.task_checks.context
    exporters: dict[str, list[tuple[Task, Ref]]] = {}
    importers: dict[str, list[tuple[Task, Ref]]] = {}
    for found, index, side in (
        (exporters, context.exporters, "exports"),
        (importers, context.importers, "imports"),
    ):
        for name in names:
            for owner in dict.fromkeys(index.get(name, ())):
                task = workflow.tasks[owner]
                for ref in getattr(task, side):
                    if ref.name == name:
                        found.setdefault(name, []).append((task, ref))
    return exporters, importers


def upstream(workflow: Workflow, seeds: list[str]) -> Iterator[tuple[int, Task]]:
    """The tasks upstream of ``seeds`` (the seeds at distance 1), breadth first: a caller
    that has enough can stop early instead of walking a 5000-task chain."""
    tasks = workflow.tasks
    seen: set[str] = set()
    queue: deque[tuple[int, str]] = deque()
    for seed in seeds:
        if seed in tasks and seed not in seen:
            seen.add(seed)
            queue.append((1, seed))
    while queue:
        distance, name = queue.popleft()
        task = tasks.get(name)
        if task is not None:
            yield distance, task
        for parent in workflow.parents_of(name):
            if parent not in seen:
                seen.add(parent)
                queue.append((distance + 1, parent))
