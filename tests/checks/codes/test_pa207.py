"""PA207: Python syntax error in a Python body (kernel: `Syntax error` with `language=Python`)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


def test_explicit_python_is_refused_by_the_kernel() -> None:
    found = only("PA207", '#%task(name=hello, language=Python)\nprint("hello"')
    check(found, severity=Severity.ERROR, cell=0, where=span(1, 5, 6), words=("never closed",))


def test_default_language_fails_at_run_time() -> None:
    found = only("PA207", "#%task(name=hello)\nx = = 1")
    check(found, severity=Severity.ERROR, cell=0, where=span(1, 4, 5), words=("run",))


def test_plain_cell() -> None:
    assert only("PA207", "def f(:\n    pass").range.start.line == 0


def test_other_languages_are_not_python() -> None:
    assert "PA207" not in codes(
        "#%task(name=hello, language=Linux_Bash)\necho $((1 + 2))",
        "#%runs()\nruns = 3;",
        '#%task(name=ok)\nprint("hello")',
    )
