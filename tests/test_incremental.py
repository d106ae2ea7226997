"""Every shortcut an analysis takes from the previous one (a body edit, a checkpoint, stopping
the replay after the edited cell, per-task findings) must give exactly what a full analysis
gives."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import Analysis, CellCache, analyze
from proactive_lsp.documents.cells import SourceDocument
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text

CELLS = [
    "#%task(name=a, export=[x])\nx = 1",
    "#%task(name=b, dep=[a], import=[x], export=[y])\ny = x + 1",
    "#%task(name=c, dep=[b], import=[y], language=Python)\nprint(y)",
    "plain = 1",
    "#%configure(task=multiblock)",
    "more = 2",
    "#%split(name=s1)\nprint('split')",
    "#%runs()\nruns = 2;",
    "#%process(name=p1)\nprint('p')",
    "#%merge(name=m1)",
    "#%draw_job()\nignored()",
]
BODY_TEXT = st.sampled_from(
    ["", "x = 2", "y = 3", "def (", "  pass", "#%task(name=z)", "import os", "\n"]
)


def same(fast: Analysis, full: Analysis) -> None:
    assert fast.diagnostics == full.diagnostics
    assert fast.reuse.later_names == full.reuse.later_names
    assert {n: t.body for n, t in fast.workflow.tasks.items()} == {
        n: t.body for n, t in full.workflow.tasks.items()
    }
    assert list(fast.workflow.tasks) == list(full.workflow.tasks)


def same_model(fast: Analysis, full: Analysis) -> None:
    same(fast, full)
    assert fast.workflow.tasks == full.workflow.tasks
    assert fast.workflow.hints == full.workflow.hints
    assert fast.workflow.occurrences == full.workflow.occurrences
    assert fast.workflow.job == full.workflow.job
    assert fast.workflow.controls == full.workflow.controls
    assert fast.workflow.connections == full.workflow.connections


# (cell, offset, text to insert, or True: delete the character at the offset instead)
Keystroke = tuple[int, int, str, bool]


def type_and_compare(
    cells: list[str], keystrokes: list[Keystroke], read: Callable[[list[str]], SourceDocument]
) -> None:
    """Type the keystrokes one by one: after each, the analysis made from the previous one must
    be the full analysis of the new text."""
    cache = CellCache()
    current = list(cells)
    analysis = analyze(read(current), cache)
    for which, at, text, delete in keystrokes:
        index = which % len(current)
        cell = current[index]
        cut = min(at, len(cell))
        current[index] = cell[:cut] + cell[cut + 1 :] if delete else cell[:cut] + text + cell[cut:]
        document = read(current)
        analysis = analyze(document, cache, analysis)
        same_model(analysis, analyze(document, CellCache()))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(CELLS), min_size=1, max_size=8),
    st.integers(0, 7),
    st.integers(0, 40),
    BODY_TEXT,
)
def test_body_edits_give_the_full_result(
    cells: list[str], which: int, at: int, inserted: str
) -> None:
    cache = CellCache()
    before = analyze(notebook_from_cells(cells), cache)
    index = which % len(cells)
    text = cells[index]
    cut = min(at, len(text))
    edited = [*cells]
    edited[index] = text[:cut] + inserted + text[cut:]
    document = notebook_from_cells(edited)
    same(analyze(document, cache, before), analyze(document, CellCache()))


def test_typing_in_a_body_reuses_the_replay() -> None:
    cache = CellCache()
    cells = ["#%task(name=a, export=[x])\nx = 1", "#%task(name=b, dep=[a], import=[x])\nprint(x)"]
    before = analyze(notebook_from_cells(cells), cache)
    after = analyze(notebook_from_cells([cells[0], cells[1] + "\nprint(2)"]), cache, before)
    assert after.workflow.tasks["a"] is before.workflow.tasks["a"]  # not replayed
    assert after.workflow.tasks["b"].body.endswith("print(2)")
    unassigned = analyze(
        notebook_from_cells(["#%task(name=a, export=[x])\ny = 1", cells[1]]), cache, before
    )
    assert [d.code for d in unassigned.diagnostics if d.code == "PA503"] == ["PA503"]


def test_python_file_edits() -> None:
    cache = CellCache()
    text = "#%task(name=a, export=[x])\nx = 1\n\n#%task(name=b, dep=[a], import=[x])\nprint(x)\n"
    before = analyze(read_python_text(text), cache)
    for edited in (
        text.replace("x = 1", "x = 12"),
        text.replace("x = 1", "x = 1\n"),
        text.replace("x = 1", "z = 1"),
    ):
        document = read_python_text(edited)
        same(analyze(document, cache, before), analyze(document, CellCache()))


MORE_CELLS = [
    *CELLS,
    "#%delete_task(name=b)",
    "#%start(name=st)",
    "#%condition()\nloop = false;",
    "#%loop(name=lp)",
    "#%branch(name=br)",
    "#%condition()\nbranch = 'if';",
    "#%if(name=i1)",
    "#%else(name=e1)",
    "#%continuation(name=c1)",
    "#%pre_script(name=a, language=Linux_Bash)\necho pre",
    "#%job_selection_script(force=on)\nselected = True",
    "#%import()\nimport os",
    "#%task(name=r, dep=[a], runs=2)",
    "#%task(name=a, dep=[c])",
    "#%task\nanonymous = 1",
]
EDITS = st.sampled_from(["", "x", " ", ",", "b", "#%task(name=b)\n", "a", "dep=[a]", ")", "\n"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(MORE_CELLS), min_size=1, max_size=10),
    st.lists(st.tuples(st.integers(0, 9), st.integers(0, 60), EDITS, st.booleans()), max_size=8),
)
def test_any_sequence_of_edits_gives_the_full_result(
    cells: list[str], edits: list[tuple[int, int, str, bool]]
) -> None:
    """Keystrokes anywhere (pragma lines too), replaying from the checkpoint when it applies."""
    type_and_compare(cells, edits, notebook_from_cells)


def test_a_second_keystroke_in_the_same_cell_replays_from_its_checkpoint() -> None:
    cache = CellCache()
    cells = [f"#%task(name=t{i}, dep=[t{i - 1}])" if i else "#%task(name=t0)" for i in range(6)]
    first = analyze(notebook_from_cells(cells), cache)
    cells[4] = "#%task(name=t4,  dep=[t3])"
    second = analyze(notebook_from_cells(cells), cache, first)
    assert second.checkpoint is not None and second.checkpoint.index == 4
    cells[4] = "#%task(name=t4,   dep=[t3])"
    third = analyze(notebook_from_cells(cells), cache, second)
    assert third.checkpoint is not None
    assert third.checkpoint.state is second.checkpoint.state  # resumed from it, kept for the next

    assert third.workflow.tasks["t0"] is second.workflow.tasks["t0"]  # shared, not replayed


CONVERGING_CELLS = [
    *MORE_CELLS,
    "#%task(name=d, dep=[a], import=[q])\nprint(q)",
    "#%task(name=a, export=[q])\nq = 1",
    "#%task(name=e, dep=[d], runs=3)",
    "#%job(name=j1)",
    "#%connect(url=http://x)",
    "#%submit_job()",
    "#%post_script(name=b)\necho post",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(CONVERGING_CELLS), min_size=2, max_size=10),
    st.integers(0, 9),
    st.lists(st.tuples(st.integers(0, 60), EDITS, st.booleans()), min_size=2, max_size=8),
)
def test_keystrokes_in_one_cell_give_the_full_result(
    cells: list[str], which: int, edits: list[tuple[int, str, bool]]
) -> None:
    """Typing in one cell: from the second keystroke on, the replay may stop after that cell
    and take over the rest of the previous run (converge.py)."""
    type_and_compare(cells, [(which, *edit) for edit in edits], notebook_from_cells)


def test_a_blank_typed_in_a_pragma_does_not_replay_the_cells_after_it() -> None:
    cache = CellCache()
    cells = [f"#%task(name=t{i}, dep=[t{i - 1}])" if i else "#%task(name=t0)" for i in range(6)]
    first = analyze(notebook_from_cells(cells), cache)
    cells[2] = "#%task(name=t2,  dep=[t1])"
    second = analyze(notebook_from_cells(cells), cache, first)
    assert second.workflow.tasks["t5"] is not first.workflow.tasks["t5"]  # replayed from cell 2
    cells[2] = "#%task(name=t2,   dep=[t1])"
    third = analyze(notebook_from_cells(cells), cache, second)
    assert third.workflow.tasks["t5"] is second.workflow.tasks["t5"]  # taken over
    assert third.workflow.tasks["t2"].deps[0].range.start.column == 23
    renamed = analyze(
        notebook_from_cells([*cells[:2], "#%task(name=t9,   dep=[t1])", *cells[3:]]), cache, third
    )
    assert renamed.workflow.tasks["t5"] is not third.workflow.tasks["t5"]  # t3 lost its parent
    assert [d.code for d in renamed.diagnostics if d.cell == 3] == ["PA301"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(CONVERGING_CELLS), min_size=2, max_size=8),
    st.integers(0, 7),
    st.lists(st.tuples(st.integers(0, 60), EDITS, st.booleans()), min_size=2, max_size=6),
)
def test_keystrokes_in_a_python_file_give_the_full_result(
    cells: list[str], which: int, edits: list[tuple[int, str, bool]]
) -> None:
    """The same in a `.py` file, where a later cell's fix may carry an earlier cell's text."""
    type_and_compare(
        cells, [(which, *edit) for edit in edits], lambda texts: read_python_text("\n\n".join(texts))
    )


def test_a_body_edit_renews_another_cells_fix_that_carries_its_text() -> None:
    cache = CellCache()
    text = "#%task(name=b, dep=[a])\n\n#%task(name=a)\nx = 1\n"
    before = analyze(read_python_text(text), cache)
    document = read_python_text(text.replace("x = 1", "xx = 1"))
    after = analyze(document, cache, before)
    move = next(d for d in after.diagnostics if d.code == "PA302").fixes[0]
    assert "xx = 1" in move.edits[0].new_text
    assert after.diagnostics == analyze(document, CellCache()).diagnostics


def test_a_replay_takes_over_the_previous_run_only_when_the_later_cells_are_the_same() -> None:
    """Undoing a merge of two `.py` cells brings a cell back after the edited one: the previous
    run's end state belongs to other cells and must not be taken over."""
    cells = ["#%configure(task=multiblock)", "#%xtask(name=a)\nx = 1", "#%draw_job()\nignored()"]
    cache = CellCache()
    analysis = analyze(read_python_text("\n\n".join(cells)), cache)
    for text in ("x#%xtask(name=a)\nx = 1", "#%xtask(name=a)\nx = 1"):  # merged, then split again
        document = read_python_text("\n\n".join([cells[0], text, cells[2]]))
        analysis = analyze(document, cache, analysis)
        assert analysis.diagnostics == analyze(document, CellCache()).diagnostics
    assert [(d.code, d.cell) for d in analysis.diagnostics if d.code == "PA604"] == [("PA604", 2)]


def test_a_body_edit_after_the_checkpoint_is_not_undone_by_the_next_pragma_edit() -> None:
    """The checkpoint's states after its cell held the old body of a later cell."""
    cache = CellCache()
    task = "#%task(name=a, export=[x])\nx = 1"
    analysis = analyze(notebook_from_cells([task, task]), cache)
    for cells in (
        ["#%txask(name=a, export=[x])\nx = 1", task],  # a pragma edit: checkpoint at cell 0
        ["#%txask(name=a, export=[x])\nx = 1", task.replace("x = 1", "xx = 1")],  # body edit
        ["#%xask(name=a, export=[x])\nx = 1", task.replace("x = 1", "xx = 1")],  # cell 0 again
    ):
        analysis = analyze(notebook_from_cells(cells), cache, analysis)
    assert analysis.workflow.tasks["a"].body == "xx = 1"
