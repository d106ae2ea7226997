"""PA206: hyphenated task or variable name: later pragmas cannot reference it / bad code."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, diagnostics, span


def test_hyphenated_task_name() -> None:
    found = diagnostics("#%task(name=load-data)\nx = 1", code="PA206")
    assert len(found) == 1
    check(found[0], severity=Severity.WARNING, cell=0, where=span(0, 12, 21), words=("load-data",))


def test_hyphenated_exported_variable() -> None:
    found = diagnostics("#%task(name=prep, export=[my-var])\nx = 1", code="PA206")
    assert [d.range for d in found] == [span(0, 26, 32)]
    assert "my-var" in found[0].message


def test_underscores() -> None:
    assert "PA206" not in codes("#%task(name=load_data, export=[my_var])\nmy_var = 1")
