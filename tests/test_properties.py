"""Random text and random mutations of valid notebooks never make the core raise, and every
range lies inside its cell."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import Analysis, analyze
from proactive_lsp.documents.load import load_document
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.text import Range

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
VALID = [c.text for c in load_document(EXAMPLES / "iris_pipeline.ipynb").cells] + [
    "#%split()",
    "#%runs()\nruns=2;",
    "#%process()",
    "#%merge()",
    "#%start(name=s1)",
    "#%condition()\nloop=false;",
    "#%loop()",
    "#%branch()",
    "#%condition()",
    "#%if()",
    "#%else()",
    "#%continuation()",
    "#%task(name=r, dep=[load], runs=N)",
    "#%delete_task(name=train)",
    "#%configure(task=multiblock)",
    "plain = 1",
    "#%connect(url=https://h:8443, login=u, password=p)",
]
PRAGMA_ALPHABET = st.sampled_from(list("#%()[],=_- abcdeknrstxy0129\t\r\n\"'.:/\\é😀"))


def assert_ranges_inside(analysis: Analysis) -> None:
    cells = analysis.document.cells
    for d in analysis.diagnostics:
        assert d.cell is not None and 0 <= d.cell < len(cells), d
        lines = cells[d.cell].text.split("\n")
        assert_inside(d.range, lines, d)
        for fix in d.fixes:
            for edit in fix.edits:
                target = d.cell if edit.cell is None else edit.cell
                assert_inside(edit.range, cells[target].text.split("\n"), fix)
        for related in d.related:
            assert 0 <= related.location.cell < len(cells)


def assert_inside(where: Range, lines: list[str], what: object) -> None:
    start, end = where.start, where.end
    assert 0 <= start.line < len(lines) and 0 <= end.line < len(lines), what
    assert (start.line, start.column) <= (end.line, end.column), what
    assert 0 <= start.column <= len(lines[start.line]), what
    assert 0 <= end.column <= len(lines[end.line]), what


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(PRAGMA_ALPHABET, max_size=60).map(lambda s: "#%" + s), max_size=6))
def test_random_pragma_cells_never_raise(cells: list[str]) -> None:
    assert_ranges_inside(analyze(notebook_from_cells(cells)))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_python_text_never_raises(text: str) -> None:
    analysis = analyze(read_python_text(text))
    assert_ranges_inside(analysis)


@st.composite
def mutated_notebook(draw: st.DrawFn) -> list[str]:
    cells = draw(st.lists(st.sampled_from(VALID), min_size=1, max_size=12))
    for _ in range(draw(st.integers(0, 4))):
        index = draw(st.integers(0, len(cells) - 1))
        text = cells[index]
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "swap"]))
        if kind == "insert":
            text = text[:at] + draw(st.text(PRAGMA_ALPHABET, max_size=4)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 5)) :]
        else:
            other = draw(st.integers(0, len(cells) - 1))
            cells[index], cells[other] = cells[other], cells[index]
            continue
        cells[index] = text
    return cells


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_notebook())
def test_mutated_valid_notebooks_never_raise(cells: list[str]) -> None:
    assert_ranges_inside(analyze(notebook_from_cells(cells)))
