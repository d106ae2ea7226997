"""Value candidates after `key=` or inside a list: tasks, variables, languages, files, choices.

Each provider filters by what was typed before building anything, and ranks its candidates
with a sort key; ``completion.py`` turns the best ``MAX_ITEMS`` into items.
"""

from __future__ import annotations

import ast
import heapq
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

from proactive_lsp.analysis import Analysis
from proactive_lsp.features.items import MAX_ITEMS, CompletionKind
from proactive_lsp.features.meaning import (
    Meaning,
    live_pragmas,
    param_spec,
    upstream,
    where,
)
from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.spec import Kind
from proactive_lsp.model.task import Task, TaskKind

_KERNEL_PATH = re.compile(r"[A-Za-z0-9_\\/:.\-]+\Z")
_IDENT = re.compile(r"[A-Za-z_]\w*\Z")
_ASSIGNED = re.compile(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=[^=]", re.MULTILINE)
_EXTENSIONS = {"import_dot": (".dot",), "connect": (".ini",)}


@dataclass(frozen=True, slots=True)
class ValueContext:
    analysis: Analysis
    cell: int
    pragma: str
    key: str
    meaning: Meaning
    typed: str  # the part of the value before the cursor
    in_list: bool  # inside `[...]`
    listed: frozenset[str]  # the other items of that list
    own_name: str | None  # `name=` on this line
    deps: list[str]  # `dep` items on this line


@dataclass(frozen=True, slots=True)
class Candidate:
    sort: tuple[int, int, int, str]  # (case group, group, rank, label)
    label: str
    kind: CompletionKind
    detail: str
    text: str  # what replaces the typed value
    documentation: str = ""


def value_candidates(ctx: ValueContext) -> list[Candidate]:
    provider = _PROVIDERS.get(ctx.meaning)
    return [] if provider is None else list(provider(ctx))


def _match(label: str, typed: str) -> int | None:
    if label.startswith(typed):
        return 0
    return 1 if label.lower().startswith(typed.lower()) else None


def _wrap(ctx: ValueContext, name: str) -> str:
    """A list parameter typed as a scalar (`dep=pr`) gets its brackets: `dep=[prep]`."""
    param = param_spec(ctx.pragma, ctx.key)
    if not ctx.in_list and param is not None and param.kind is Kind.NAMES:
        return f"[{name}]"
    return name


# (match group, earlier/anonymous/later, distance in cells, name, task, first defining cell)
_Ranked = tuple[int, int, int, str, Task, int]


def _tasks(ctx: ValueContext) -> Iterator[Candidate]:
    """Tasks: earlier ones nearest first, then anonymous ones, then later ones with a note.

    Ranked with cheap keys first; only the best ``MAX_ITEMS`` get their texts built.
    """
    analysis, cell, typed, listed = ctx.analysis, ctx.cell, ctx.typed, ctx.listed
    defining = ctx.meaning is Meaning.TASK_DEFINITION
    identifiers_only = (param := param_spec(ctx.pragma, ctx.key)) is not None and (
        param.kind is Kind.IDENT)
    skip_own_cell = ctx.key == "dep"
    own, anonymous, plain_task = ctx.own_name, TaskKind.ANONYMOUS, TaskKind.TASK
    lowered = typed.lower()
    def rank(name: str, task: Task, first: int) -> _Ranked | None:
        if name.startswith(typed):
            group = 0
        elif typed and name.lower().startswith(lowered):
            group = 1
        else:
            return None
        if name in listed:
            return None
        if defining:
            if first == cell or task.kind is not plain_task:
                return None
        elif name == own or (skip_own_cell and first == cell):
            return None
        if identifiers_only and not _IDENT.match(name):
            return None  # the kernel refuses `my-task` wherever a task is referenced but in `dep`
        if first > cell:
            return (group, 2, first - cell, name, task, first)
        return (group, 1 if task.kind is anonymous else 0, cell - first, name, task, first)

    ranked: list[_Ranked] = []
    later: list[tuple[str, Task, int]] = []
    # Newest first. The tasks are in creation order and the replay creates them top to bottom,
    # so the first definition cells never increase from here on (the kernel's default merge
    # tasks, added at the end, come first and may be out of order). Once MAX_ITEMS exact
    # matches defined earlier are found, every task further up ranks after them: stop.
    # Tasks defined later rank after every earlier exact match: they are set aside and ranked
    # only when the earlier ones leave room.
    count, cutoff = 0, -1
    for name, task in reversed(analysis.workflow.tasks.items()):
        defined_in = task.defined_in
        first = defined_in[0] if defined_in else task.cell
        if first > cell:
            later.append((name, task, first))
            continue
        if first < cutoff:
            break
        key = rank(name, task, first)
        if key is None:
            continue
        ranked.append(key)
        if key[0] == key[1] == 0 and cutoff < 0:
            count += 1
            if count == MAX_ITEMS:
                cutoff = first  # ties in the same cell still count
    if sum(1 for key in ranked if key[0] == 0) < MAX_ITEMS:
        ranked.extend(key for entry in later if (key := rank(*entry)) is not None)
    for group, order, distance, name, task, first in heapq.nsmallest(MAX_ITEMS, ranked):
        language = task.language or "Python"
        place = where(analysis, first)
        if defining:
            detail = f"redefine the task of {place} (resets its deps and exports)"
        elif first > cell:
            detail = f"defined later, in {place}: dropped when the notebook runs top to bottom"
        else:
            detail = f"{language} task · {place}"
        yield Candidate((group, order, distance, name), name, "task", detail, _wrap(ctx, name),
                        f"`{task.pragma or 'plain cell'}` task, {language}")


def _imports(ctx: ValueContext) -> Iterator[Candidate]:
    """Variables exported upstream (nearest first), then by other tasks, then later ones."""
    workflow = ctx.analysis.workflow
    typed, listed, own = ctx.typed, ctx.listed, ctx.own_name
    seeds = list(ctx.deps)
    defined_here = workflow.tasks.get(own or "")
    if defined_here is not None and defined_here.cell == ctx.cell and own:
        seeds.extend(workflow.parents_of(own))
    best: dict[str, tuple[tuple[int, int, int, str], Task]] = {}
    complete_walk = True
    level = exact = 0
    for distance, task in upstream(workflow, seeds):
        if distance > level:
            if exact >= MAX_ITEMS:
                complete_walk = False  # everything not yet seen ranks after these
                break
            level = distance
        for ref in task.exports:
            name = ref.name
            if name in best or name in listed or task.name == own:
                continue
            group = _match(name, typed)
            if group is not None:
                best[name] = ((group, 0, distance, name), task)
                exact += group == 0
    if complete_walk:  # few upstream: rank every other exporter by how near it is
        upstream_names = set(best)
        for task in workflow.tasks.values():
            if task.name == own:
                continue
            for ref in task.exports:
                name = ref.name
                if name in upstream_names or name in listed:
                    continue
                group = _match(name, typed)
                if group is None:
                    continue
                order = 2 if ref.cell > ctx.cell else 1
                key = (group, order, abs(ref.cell - ctx.cell), name)
                known = best.get(name)
                if known is None or key < known[0]:
                    best[name] = (key, task)
    for key, task in heapq.nsmallest(MAX_ITEMS, best.values(), key=lambda entry: entry[0]):
        name, order = key[3], key[1]
        note = ("upstream", "not upstream: add a `dep`", "exported only later")[order]
        place = where(ctx.analysis, task.cell)
        yield Candidate(key, name, "variable", f"exported by {task.name} ({note})",
                        _wrap(ctx, name), f"Exported by `{task.name}` ({place}).")


def _exports(ctx: ValueContext) -> Iterator[Candidate]:
    syntax = ctx.analysis.cells[ctx.cell] if ctx.cell < len(ctx.analysis.cells) else None
    body = syntax.body if syntax is not None else ""
    for rank, name in enumerate(_assigned_names(body)):
        group = _match(name, ctx.typed)
        if group is not None and name not in ctx.listed:
            yield Candidate((group, 0, rank, name), name, "variable",
                            "assigned in this cell", _wrap(ctx, name))


def _assigned_names(body: str) -> list[str]:
    """Top-level names the body binds, in order (a regex when the body does not parse)."""
    try:
        tree = ast.parse(body)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return list(dict.fromkeys(_ASSIGNED.findall(body)))
    names: list[str] = []
    for node in tree.body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign | ast.AugAssign | ast.For):
            targets = [node.target]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.append(node.name)
        for target in targets:
            names.extend(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    return list(dict.fromkeys(names))


def _choices(ctx: ValueContext) -> Iterator[Candidate]:
    param = param_spec(ctx.pragma, ctx.key)
    if param is None:
        return
    for rank, value in enumerate(param.values):
        group = _match(value, ctx.typed)
        if group is not None:
            detail = "default" if value == param.default else param.name
            yield Candidate((group, 0, rank, value), value, "value", detail, value)


def _languages(ctx: ValueContext) -> Iterator[Candidate]:
    param = param_spec(ctx.pragma, ctx.key)
    default = param.default if param is not None else ""
    for rank, (name, engine) in enumerate(LANGUAGES.items()):
        group = _match(name, ctx.typed)
        if group is not None:
            detail = f"engine {engine}" + (" · default" if name == default else "")
            yield Candidate((group, 0 if name == default else 1, rank, name), name, "language",
                            detail, name)


def _pragmas(ctx: ValueContext) -> Iterator[Candidate]:
    for rank, spec in enumerate(live_pragmas()):
        group = _match(spec.name, ctx.typed)
        if group is not None and spec.name != "help":
            yield Candidate((group, 0, rank, spec.name), spec.name, "pragma", spec.summary,
                            spec.name)


def _files(ctx: ValueContext) -> Iterator[Candidate]:
    folder = ctx.analysis.document.folder
    if folder is None or ctx.key != "path":
        return
    cut = max(ctx.typed.rfind("/"), ctx.typed.rfind("\\")) + 1
    head, base = ctx.typed[:cut], ctx.typed[cut:]
    wanted = _EXTENSIONS.get(ctx.pragma)
    try:
        entries = sorted(os.scandir(folder / head), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        name = entry.name
        group = _match(name, base)
        if group is None or (name.startswith(".") and not base.startswith(".")):
            continue
        if not _KERNEL_PATH.match(name):
            continue  # the kernel's grammar refuses this name in `path=`
        is_dir = entry.is_dir()
        if not is_dir and wanted and not name.endswith(wanted):
            continue
        label = name + "/" if is_dir else name
        yield Candidate((group, 1 if is_dir else 0, 0, name), label, "file",
                        "folder" if is_dir else f"file in {folder.name or folder}",
                        head + label)


def _job_names(ctx: ValueContext) -> Iterator[Candidate]:
    name = ctx.analysis.workflow.job.name
    if name and ctx.key == "job_name" and _match(name, ctx.typed) is not None:
        yield Candidate((0, 0, 0, name), name, "value", "this notebook's job", name)


def _job_variables(ctx: ValueContext) -> Iterator[Candidate]:
    """`runs=NB_RUNS`: the job's variables (from `#%job(variables=[...])`)."""
    for rank, (name, value) in enumerate(ctx.analysis.workflow.job.variables):
        group = _match(name, ctx.typed)
        if group is not None:
            yield Candidate((group, 0, rank, name), name, "variable",
                            f"job variable (= {value})", name)


_PROVIDERS = {
    Meaning.EXPRESSION: _job_variables,
    Meaning.TASK_REFERENCE: _tasks,
    Meaning.TASK_DEFINITION: _tasks,
    Meaning.IMPORT: _imports,
    Meaning.EXPORT: _exports,
    Meaning.CHOICE: _choices,
    Meaning.LANGUAGE: _languages,
    Meaning.PRAGMA: _pragmas,
    Meaning.PATH: _files,
    Meaning.TEXT: _job_names,
}
