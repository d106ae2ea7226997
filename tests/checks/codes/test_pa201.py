"""PA201: unknown parameter for this pragma (silently ignored); fix: the closest name."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span

PREP = "#%task(name=prep)\nx = 1"


def test_misspelt_parameter() -> None:
    cells = [PREP, "#%task(name=train, deps=[prep])"]
    found = only("PA201", *cells)
    check(found, severity=Severity.WARNING, cell=1, where=span(0, 19, 23), words=("deps",))
    assert apply(cells, found, fix_titled(found, "dep"))[1] == "#%task(name=train, dep=[prep])"


def test_keys_are_case_sensitive() -> None:
    found = only("PA201", "#%task(name=x, LANGUAGE=Python)")
    assert found.range == span(0, 15, 23) and "LANGUAGE" in found.message


def test_fix_for_a_case_difference() -> None:
    cells = ["#%task(name=x, LANGUAGE=Python)"]
    found = only("PA201", *cells)
    assert (
        apply(cells, found, fix_titled(found, "language"))[0] == "#%task(name=x, language=Python)"
    )


def test_known_and_hidden_parameters() -> None:
    assert "PA201" not in codes(
        PREP,
        "#%task(name=train, dep=[prep], precious_result=true, runs=2)",
        "#%selection_script(name=train, language=Groovy)\nselected = true",
    )
