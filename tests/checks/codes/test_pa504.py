"""PA504: exported variable that no task imports."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

PREP = "#%task(name=prep, export=[data])\ndata = 1"


def test_export_nobody_imports() -> None:
    found = only("PA504", PREP, "#%task(name=train, dep=[prep])")
    check(found, severity=Severity.HINT, cell=0, where=span(0, 26, 30), words=("'data'",))
    assert "unnecessary" in found.tags


def test_imported_downstream() -> None:
    assert "PA504" not in codes(PREP, "#%task(name=train, dep=[prep], import=[data])")
