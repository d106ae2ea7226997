"""Definition, references and rename of task names and exported variables, across cells."""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

from proactive_lsp.analysis import Analysis
from proactive_lsp.model.workflow import Occurrence, Role, Symbol
from proactive_lsp.text import Position

# A name every pragma can reference: `#%task` accepts hyphens, but delete_task, scripts and
# result pragmas do not, and hyphenated variables generate invalid Python.
_REFERENCEABLE = re.compile(r"^[A-Za-z_]\w*$")


@dataclass(frozen=True, slots=True)
class RenameRefused:
    message: str


def occurrence_at(analysis: Analysis, cell: int, position: Position) -> Occurrence | None:
    for occurrence in analysis.workflow.occurrences:
        if occurrence.cell == cell and occurrence.range.contains(position):
            return occurrence
    return None


def definitions(analysis: Analysis, target: Occurrence) -> list[Occurrence]:
    return [o for o in _same(analysis, target) if o.role is Role.DEFINITION]


def references(
    analysis: Analysis, target: Occurrence, *, include_definitions: bool
) -> list[Occurrence]:
    return [o for o in _same(analysis, target) if include_definitions or o.role is Role.REFERENCE]


def _same(analysis: Analysis, target: Occurrence) -> list[Occurrence]:
    unique: dict[tuple[int, Position], Occurrence] = {}
    for o in analysis.workflow.occurrences:
        if o.symbol is target.symbol and o.name == target.name:
            unique.setdefault((o.cell, o.range.start), o)
    return list(unique.values())


def rename(
    analysis: Analysis, target: Occurrence, new_name: str
) -> list[Occurrence] | RenameRefused:
    """Every occurrence to rewrite, or why the kernel would not accept the new name."""
    what = "task" if target.symbol is Symbol.TASK else "variable"
    if not _REFERENCEABLE.match(new_name) or (not new_name.isascii() and not new_name[0].isascii()):
        return RenameRefused(
            f"'{new_name}' is not a valid {what} name: use a letter or `_` followed by letters, "
            "digits or `_` (no hyphen, so every pragma can reference it)"
        )
    if target.symbol is Symbol.VARIABLE and keyword.iskeyword(new_name):
        return RenameRefused(f"'{new_name}' is a Python keyword")
    if new_name == target.name:
        return []
    taken = any(
        o.symbol is target.symbol and o.name == new_name for o in analysis.workflow.occurrences
    )
    if taken or (target.symbol is Symbol.TASK and new_name in analysis.workflow.tasks):
        return RenameRefused(f"a {what} named '{new_name}' already exists")
    return references(analysis, target, include_definitions=True)
