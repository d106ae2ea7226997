"""PA205: unsupported language (`Language 'x' not supported!`); fix: `python` → `Python` etc."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span


def test_lower_case_python() -> None:
    cells = ["#%task(name=hello, language=python)\nprint(1)"]
    found = only("PA205", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 28, 34),
        words=("Language 'python' not supported!",),
    )
    fixed = apply(cells, found, fix_titled(found, "Python"))
    assert fixed[0] == "#%task(name=hello, language=Python)\nprint(1)"


def test_on_the_import_pragma() -> None:
    found = only("PA205", "#%import(language=C_sharp)\nusing System;")
    assert found.range == span(0, 18, 25)


@pytest.mark.parametrize("language", ["Python", "Linux_Bash", "Groovy", "Jython", "R"])
def test_supported_languages(language: str) -> None:
    assert "PA205" not in codes(f"#%task(name=hello, language={language})\nx = 1")
