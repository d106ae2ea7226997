"""PA302: dependency on a task defined only in a later cell; related info at that cell."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

TRAIN = "#%task(name=train, dep=[prep])"
PREP = "#%task(name=prep)\nx = 1"


def test_dependency_defined_below() -> None:
    found = only("PA302", TRAIN, "print('between')", PREP)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 24, 28),
        words=("'prep'", "later cell"),
    )
    assert [r.location.cell for r in found.related] == [2]
    assert "PA301" not in codes(TRAIN, PREP)


def test_related_points_at_the_defining_pragma() -> None:
    found = only("PA302", TRAIN, PREP)
    (related,) = found.related
    assert related.location.cell == 1 and related.location.range.start.line == 0


def test_fix_moves_the_definition_above_in_a_python_file() -> None:
    # Notebook cells cannot be reordered by text edits; in a .py file the cell can be moved.
    from proactive_lsp.analysis import analyze
    from proactive_lsp.documents.pyfile import read_python_text

    text = f"{TRAIN}\nfit()\n{PREP}\nload()\n"
    analysis = analyze(read_python_text(text))
    (found,) = [d for d in analysis.diagnostics if d.code == "PA302"]
    (fix,) = found.fixes
    assert fix.title == "Move the definition of 'prep' above this cell"
    assert [(e.cell, e.new_text) for e in fix.edits] == [(0, f"{PREP}\nload()\n\n"), (1, "")]


def test_no_move_fix_in_a_notebook() -> None:
    assert only("PA302", TRAIN, PREP).fixes == ()


def test_defined_above() -> None:
    assert "PA302" not in codes(PREP, TRAIN)
