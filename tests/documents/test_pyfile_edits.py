"""A keystroke in a `.py` file re-splits one cell: the cells must be those of the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proactive_lsp.documents.cells import Cell
from proactive_lsp.documents.pyfile import edit_cell, split_python_text
from proactive_lsp.text import Position

LINES = st.sampled_from(
    [
        "#%task(name=a)",
        "#%task(name=b, dep=[a])",
        "x = 1",
        "",
        "# %%",
        "# %% [markdown]",
        "# a comment",
        "#%%",
        "    print(x)",
        "#%configure(task=multiblock)",
    ]
)
INSERTED = st.sampled_from(["", "x", " ", "#", "%", "\n", "#%", "\n#%task(name=z)\n", "%%", "é"])


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(text) + 1 for text in lines[:line]) + column


@settings(max_examples=400, deadline=None)
@given(
    st.lists(LINES, min_size=1, max_size=12),
    st.integers(0, 11),
    st.integers(0, 30),
    st.integers(0, 2),
    st.integers(0, 30),
    INSERTED,
)
def test_an_edit_inside_a_cell_gives_the_cells_of_the_whole_text(
    lines: list[str], line: int, column: int, more_lines: int, end_column: int, inserted: str
) -> None:
    text = "\n".join(lines)
    cells = split_python_text(text)
    line = min(line, len(lines) - 1)
    end_line = min(line + more_lines, len(lines) - 1)
    start = Position(line, min(column, len(lines[line])))
    end = Position(end_line, min(end_column, len(lines[end_line])))
    if end < start:
        start, end = end, start
    owner = [c for c in cells if c.first_line <= line < c.first_line + c.text.count("\n") + 1]
    if not owner or end.line >= owner[0].first_line + owner[0].text.count("\n") + 1:
        return  # outside a cell: the server splits the whole text again
    index = cells.index(owner[0])
    first = owner[0].first_line
    edited = edit_cell(
        cells,
        index,
        Position(start.line - first, start.column),
        Position(end.line - first, end.column),
        inserted,
    )
    new_text = (
        text[: _offset(lines, start.line, start.column)]
        + inserted
        + text[_offset(lines, end.line, end.column) :]
    )
    if edited is not None:
        assert edited == split_python_text(new_text)


def test_typing_in_a_pragma_keeps_the_other_cells() -> None:
    cells = split_python_text("#%task(name=a)\nx = 1\n#%task(name=b)\ny = 2\n")
    edited = edit_cell(cells, 0, Position(0, 13), Position(0, 13), "2")
    assert edited is not None
    assert edited[0] == Cell("#%task(name=a2)\nx = 1", 0)
    assert edited[1] is cells[1]


def test_edits_that_move_a_boundary_ask_for_a_new_split() -> None:
    cells = split_python_text("#%task(name=a)\nx = 1\n#%task(name=b)\ny = 2\n")
    assert edit_cell(cells, 1, Position(0, 0), Position(0, 2), "") is None  # joins the cell above
    assert edit_cell(cells, 0, Position(1, 5), Position(1, 5), "\n#%task") is None  # a new cell
    shifted = edit_cell(cells, 0, Position(1, 5), Position(1, 5), "\nz = 3")
    assert shifted is not None and shifted[1].first_line == 3
