"""PA502: import of a variable exported only by a non-ancestor; fix: add the dependency."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span

PREP = "#%task(name=prep, export=[data])\ndata = [1, 2, 3]"


def test_exporter_is_not_an_ancestor() -> None:
    cells = [PREP, "#%task(name=train, import=[data])\nprint(data)"]
    found = only("PA502", *cells)
    check(
        found,
        severity=Severity.ERROR,
        cell=1,
        where=span(0, 27, 31),
        words=("'data'", "'prep'", "ancestor"),
    )
    fixed = apply(cells, found, fix_titled(found, "'prep'"))
    assert fixed[1] == "#%task(name=train, import=[data], dep=[prep])\nprint(data)"
    assert "PA502" not in codes(*fixed)


def test_fix_extends_an_existing_dep_list() -> None:
    cells = [PREP, "#%task(name=other)", "#%task(name=train, dep=[other], import=[data])"]
    found = only("PA502", *cells)
    fixed = apply(cells, found, found.fixes[0])
    assert fixed[2] == "#%task(name=train, dep=[other, prep], import=[data])"


def test_grandparent_is_an_ancestor() -> None:
    assert "PA502" not in codes(
        PREP, "#%task(name=mid, dep=[prep])", "#%task(name=train, dep=[mid], import=[data])"
    )
