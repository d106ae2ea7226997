"""Small readers shared by the syntax tests: the kernel-shaped dict of a parsed pragma."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.syntax.tree import Pragma, ValueKind

SPEC = Path(__file__).parents[2] / ".." / "shared" / "spec"

Extracted = str | list[str] | list[tuple[str, str]]


def as_kernel_dict(pragma: Pragma) -> dict[str, Extracted]:
    """What kernel 13.0.4's `Pragma.parse` returns for this line (trigger, name, params)."""
    data: dict[str, Extracted] = {"trigger": pragma.name.text, "name": ""}
    for param in pragma.params:
        value = param.value
        if value.kind is ValueKind.SCALAR:
            data[param.key.text] = value.text
        elif value.kind is ValueKind.NAME_LIST:
            data[param.key.text] = [item.text for item in value.items]
        else:
            data[param.key.text] = [(p.key.text, p.value.text) for p in value.pairs]
    return data
