"""PA506: a variable another task exports is read but not imported."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, only, span

PREP = "#%task(name=prep, export=[df])\ndf = [1, 2, 3]"
TRAIN = "#%task(name=train, dep=[prep])\nprint(len(df))"


def test_read_without_import() -> None:
    found = only("PA506", PREP, TRAIN)
    check(found, severity=Severity.WARNING, cell=1, where=span(1, 10, 12), words=("'df'", "NameError"))


def test_fix_adds_the_import() -> None:
    found = only("PA506", PREP, TRAIN)
    fixed = apply([PREP, TRAIN], found, found.fixes[0])
    assert fixed[1].startswith("#%task(name=train, dep=[prep], import=[df])")
    assert "PA506" not in codes(*fixed)


def test_columns_count_characters_not_bytes() -> None:
    found = only("PA506", PREP, "#%task(name=train, dep=[prep])\nprint('é', df)")
    assert found.range == span(1, 11, 13)


def test_imported_assigned_or_unknown_names_are_fine() -> None:
    assert "PA506" not in codes(PREP, "#%task(name=train, dep=[prep], import=[df])\nprint(df)")
    assert "PA506" not in codes(PREP, "#%task(name=train)\ndf = 2\nprint(df)")
    assert "PA506" not in codes(PREP, "#%task(name=train)\nprint(other)")
