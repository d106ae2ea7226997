"""Edits that the model's fixes make to pragma lines: add to a list parameter, pick a name."""

from __future__ import annotations

import difflib

from proactive_lsp.diagnostics import Edit, Fix
from proactive_lsp.model.task import Ref, Task
from proactive_lsp.text import Range


def export_from(task: Task, variable: str) -> Fix | None:
    """Add `variable` to the `export` list of an upstream task's pragma."""
    edit = add_to_list(task, "export", task.exports, variable)
    return None if edit is None else Fix(f"Export '{variable}' from '{task.name}'", (edit,))


def add_to_list(task: Task, key: str, items: list[Ref], name: str) -> Edit | None:
    """The edit that appends `name` to the task's `key=[...]` list, or adds the parameter."""
    if items:
        end = items[-1].range.end
        return Edit(Range(end, end), f", {name}", cell=items[-1].cell)
    if task.params_end is None:
        return None
    end = task.params_end
    separator = "" if task.params_empty else ", "
    return Edit(Range(end, end), f"{separator}{key}=[{name}]", cell=task.cell)


def closest(name: str, candidates: list[str]) -> list[str]:
    return difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
