"""An edit inside one cell's code may reuse the previous analysis: the result must be exactly
what a full analysis gives."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import Analysis, CellCache, analyze
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
    assert {n: t.body for n, t in fast.workflow.tasks.items()} == {
        n: t.body for n, t in full.workflow.tasks.items()
    }
    assert list(fast.workflow.tasks) == list(full.workflow.tasks)


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
    cache = CellCache()
    analysis = analyze(notebook_from_cells(cells), cache)
    current = list(cells)
    for which, at, text, delete in edits:
        index = which % len(current)
        cell = current[index]
        cut = min(at, len(cell))
        current[index] = cell[:cut] + cell[cut + 1 :] if delete else cell[:cut] + text + cell[cut:]
        document = notebook_from_cells(current)
        analysis = analyze(document, cache, analysis)
        full = analyze(document, CellCache())
        same(analysis, full)
        assert analysis.workflow.tasks == full.workflow.tasks
        assert analysis.workflow.hints == full.workflow.hints
        assert analysis.workflow.occurrences == full.workflow.occurrences


def test_a_second_keystroke_in_the_same_cell_replays_from_its_checkpoint() -> None:
    cache = CellCache()
    cells = [f"#%task(name=t{i}, dep=[t{i - 1}])" if i else "#%task(name=t0)" for i in range(6)]
    first = analyze(notebook_from_cells(cells), cache)
    cells[4] = "#%task(name=t4,  dep=[t3])"
    second = analyze(notebook_from_cells(cells), cache, first)
    assert second.checkpoint is not None and second.checkpoint.index == 4
    cells[4] = "#%task(name=t4,   dep=[t3])"
    third = analyze(notebook_from_cells(cells), cache, second)
    assert third.checkpoint is second.checkpoint  # resumed from it, kept for the next one
    assert third.workflow.tasks["t0"] is second.workflow.tasks["t0"]  # shared, not replayed
