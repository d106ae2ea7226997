"""PA105: a pragma the kernel ignores: not on the first line of a cell, or indented."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, only, python_file, span

W = Severity.WARNING
SECOND = "#%task(name=train, dep=[prep], import=[data])"


def test_pragma_below_the_first_line_of_a_notebook_cell() -> None:
    cell = f"#%task(name=prep, export=[data])\ndata = [1, 2, 3]\n{SECOND}\nprint(sum(data))"
    found = only("PA105", cell)
    check(found, severity=W, cell=0, where=span(2, 0, len(SECOND)), words=("first line",))
    assert [f.split_cell_at_line for f in found.fixes] == [2]


def test_indented_pragma() -> None:
    cells = ["  #%task(name=x)\nprint(1)"]
    found = only("PA105", *cells)
    check(found, severity=W, cell=0, where=span(0, 2, 16), words=("indented",))
    assert apply(cells, found, found.fixes[0])[0] == "#%task(name=x)\nprint(1)"


def test_indented_pragma_inside_a_cell() -> None:
    found = only("PA105", "#%task(name=x)\nif True:\n    #%task(name=y)\n    pass")
    assert found.range == span(2, 4, 18)


def test_each_pragma_on_its_own_cell() -> None:
    assert "PA105" not in codes("#%task(name=prep)\nx = 1", "#%task(name=train)\n# a #% comment")


def test_a_python_file_starts_a_cell_at_each_pragma() -> None:
    assert python_file("#%task(name=prep)\nx = 1\n#%task(name=train, dep=[prep])\n", "PA105") == []
