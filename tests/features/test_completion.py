"""Completion: every context, the JupyterLab item shape, cross-cell ranking, broken lines.

Cells are written with a `|` where the cursor is.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.features.completion import complete
from proactive_lsp.features.items import MAX_ITEMS, CompletionItem
from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.text import Position, Range


def at(cells: list[str], *, snippets: bool = False, path: Path | None = None,
       python_file: bool = False) -> list[CompletionItem]:
    marked = next(i for i, text in enumerate(cells) if "|" in text)
    text = cells[marked]
    before = text[: text.index("|")]
    position = Position(before.count("\n"), len(before.split("\n")[-1]))
    texts = [t.replace("|", "") for t in cells]
    if python_file:
        document = read_python_text("\n".join(texts), path)
        cell = 0
        for index, c in enumerate(document.cells):
            if c.first_line <= position.line:
                cell = index
        position = Position(position.line - document.cells[cell].first_line, position.column)
    else:
        document = notebook_from_cells(texts, path)
        cell = marked
    return complete(analyze(document), cell, position, snippets=snippets)


def labels(items: list[CompletionItem]) -> list[str]:
    return [item.label for item in items]


# ---- pragma names ----------------------------------------------------------------------------

def test_pragma_name_has_the_jupyterlab_shape() -> None:
    [item] = at(["#%ta|"])
    assert item.label == "task"
    assert item.kind == "pragma"
    assert item.insert_text == item.filter_text == "#%task("
    assert item.edit_range == Range.on_line(0, 0, 4)
    assert not item.is_snippet
    assert item.detail == "creates/modifies a task"


def test_after_a_hash_every_live_pragma_is_offered_task_first() -> None:
    items = at(["#|"])
    assert len(items) == 42
    assert items[0].label == "task"
    assert "get_result" not in labels(items)
    assert sorted(labels(items)) == sorted(n for n, s in PRAGMAS.items() if not s.removed)
    assert [i.sort_text for i in items] == sorted(i.sort_text for i in items)


def test_snippets_only_when_the_client_supports_them() -> None:
    [item] = at(["#%ta|"], snippets=True)
    assert item.insert_text == "#%task(name=${1:TASK_NAME})$0"
    assert item.filter_text == "#%task("
    assert item.is_snippet
    [configure] = at(["#%config|"], snippets=True)
    assert configure.insert_text == "#%configure(task=${1|block,multiblock|})$0"
    [write_dot] = at(["#%write_d|"], snippets=True)  # `#%write_dot()` is refused
    assert write_dot.insert_text == "#%write_dot(name=${1:FILE_NAME})$0"
    [draw_job] = at(["#%draw_j|"], snippets=True)
    assert draw_job.insert_text == "#%draw_job($1)$0"


def test_pragma_without_parameters_gets_its_parentheses() -> None:
    assert labels(at(["#%list_h|"])) == ["list_hosts"]
    assert at(["#%list_h|"])[0].insert_text == "#%list_hosts()"


def test_case_sensitive_matches_come_first() -> None:
    items = at(["#%Ta|"])
    assert labels(items) == ["task"]  # case-insensitive match only
    assert labels(at(["#%s|"]))[:3] == ["selection_script", "split", "start"]


def test_the_edit_covers_the_rest_of_the_name_and_an_existing_parenthesis() -> None:
    [item] = at(["#%ta|sk(name=x)"], snippets=True)
    assert item.edit_range == Range.on_line(0, 0, 7)
    assert item.insert_text == "#%task("
    assert not item.is_snippet


def test_no_pragma_names_below_the_first_line_of_a_notebook_cell() -> None:
    assert at(["x = 1\n#%ta|"]) == []
    assert at(["# a comment|"]) == []


def test_python_file_offers_pragmas_on_any_line() -> None:
    items = at(["x = 1\n#|"], python_file=True)
    assert items[0].label == "task"
    assert items[0].edit_range == Range.on_line(1, 0, 1)


# ---- parameter names -------------------------------------------------------------------------

def test_required_parameter_first() -> None:
    assert labels(at(["#%task(|"]))[:2] == ["name", "dep"]


def test_parameters_already_used_are_not_offered_and_hidden_ones_come_last() -> None:
    assert labels(at(["#%split(name=s, |"])) == [
        "dep", "generic_info", "language", "path", "export", "import",
        "variables", "runs", "precious_result",
    ]


def test_parameter_item_repeats_the_line_up_to_the_key() -> None:
    [item] = at(["#%task(name=x, d|"])
    assert item.label == "dep"
    assert item.insert_text == item.filter_text == "#%task(name=x, dep=["
    assert item.edit_range == Range.on_line(0, 0, 16)
    [snippet] = at(["#%task(name=x, d|"], snippets=True)
    assert snippet.insert_text == "#%task(name=x, dep=[$1]$0"


def test_snippet_prefix_is_escaped() -> None:
    [item] = at(["#%connect(password=a$b}, l|"], snippets=True)
    assert item.label == "login"
    assert item.insert_text == "#%connect(password=a$b}, login="  # plain: no snippet needed
    [force] = at(["#%job_fork_env(path=a$b, f|"], snippets=True)
    assert force.insert_text == "#%job_fork_env(path=a\\$b, force=${1|on,off|}$0"


def test_editing_a_key_before_its_equals_sign_keeps_the_value() -> None:
    [item] = at(["#%task(na|me=x)"])
    assert item.insert_text == "#%task(name"
    assert item.edit_range == Range.on_line(0, 0, 11)


# ---- values ----------------------------------------------------------------------------------

def test_languages_default_first() -> None:
    items = at(["#%task(name=x, language=|"])
    assert labels(items)[0] == "Python"
    assert sorted(labels(items)) == sorted(LANGUAGES)
    assert items[0].insert_text == "#%task(name=x, language=Python"
    assert labels(at(["#%task(name=x, language=py|"])) == ["Python"]


def test_closed_sets_of_values() -> None:
    assert labels(at(["#%draw_job(inline=|"])) == ["on", "off"]
    assert labels(at(["#%task(name=x, precious_result=|"])) == ["true", "false"]
    assert labels(at(["#%configure(task=m|"])) == ["multiblock"]
    assert labels(at(["#%runtime_env(type=|"])) == ["docker", "podman", "singularity"]


CHAIN = [
    "#%task(name=prep, export=[raw])\nraw = 1",
    "#%task(name=load, dep=[prep], export=[df])\ndf = 2",
    "#%task(name=side, export=[other])\nother = 3",
]


def test_dep_offers_earlier_tasks_nearest_first_then_later_ones_with_a_note() -> None:
    items = at([*CHAIN, "#%task(name=t, dep=[|", "#%task(name=after)"])
    assert labels(items) == ["side", "load", "prep", "after"]
    assert items[0].kind == "task"
    assert items[0].detail == "Python task · cell 3"
    assert "defined later, in cell 5" in items[3].detail
    assert items[1].insert_text == "#%task(name=t, dep=[load"
    assert items[1].edit_range == Range.on_line(0, 0, 20)


def test_dep_excludes_the_task_itself_and_names_already_listed() -> None:
    items = at([*CHAIN, "#%task(name=t, dep=[load, |", "#%task(name=t)"])
    assert labels(items) == ["side", "prep"]


def test_dep_filters_by_prefix_and_a_scalar_gets_brackets() -> None:
    [item] = at([*CHAIN, "#%task(name=t, dep=pr|"])
    assert item.insert_text == "#%task(name=t, dep=[prep]"


def test_script_and_result_pragmas_offer_referenceable_tasks() -> None:
    cells = ["#%task(name=my-task)\nx = 1", "#%task(name=good)\ny = 2"]
    assert labels(at([*cells, "#%pre_script(name=|"])) == ["good"]
    assert labels(at([*cells, "#%get_task_result(task_name=g|"])) == ["good"]
    assert labels(at([*cells, "#%task(name=t, dep=[|"])) == ["good", "my-task"]


def test_import_offers_ancestors_exports_first_with_the_exporter() -> None:
    items = at([*CHAIN, "#%task(name=t, dep=[load], import=[|"])
    assert labels(items) == ["df", "raw", "other"]
    assert items[0].detail == "exported by load (upstream)"
    assert items[2].detail == "exported by side (not upstream: add a `dep`)"
    assert labels(at([*CHAIN, "#%task(name=t, dep=[load], import=[df, |"])) == ["raw", "other"]


def test_export_offers_names_the_body_assigns() -> None:
    items = at(["#%task(name=t, export=[a, |\na = 1\nb, c = f()\nfor i in x: pass\ndef g(): ..."])
    assert labels(items) == ["b", "c", "i", "g"]


def test_path_offers_files_next_to_the_notebook(tmp_path: Path) -> None:
    (tmp_path / "train.py").write_text("")
    (tmp_path / "flow.dot").write_text("")
    (tmp_path / "my file.py").write_text("")  # the kernel refuses spaces in `path=`
    (tmp_path / ".hidden").write_text("")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "util.py").write_text("")
    notebook = tmp_path / "nb.ipynb"
    assert labels(at(["#%task(name=t, path=|"], path=notebook)) == ["flow.dot", "train.py", "lib/"]
    assert labels(at(["#%import_dot(path=|"], path=notebook)) == ["flow.dot", "lib/"]
    [item] = at(["#%task(name=t, path=lib/|"], path=notebook)
    assert item.insert_text == "#%task(name=t, path=lib/util.py"
    assert item.kind == "file"
    assert at(["#%task(name=t, path=|"]) == []  # no folder known


def test_runs_offers_job_variables() -> None:
    cells = ["#%job(name=J, variables=[(NB_RUNS, four), (MODE, fast)])", "#%task(name=a)\nx = 1"]
    items = at([*cells, "#%task(name=t, dep=[a], runs=N|"])
    assert labels(items) == ["NB_RUNS"]
    assert items[0].detail == "job variable (= four)"


def test_help_offers_topics() -> None:
    assert labels(at(["#%help(pragma=ta|"])) == ["task"]


# ---- lines that do not parse and places with nothing to offer ----------------------------

def test_broken_lines_still_complete() -> None:
    assert labels(at([*CHAIN, "#%task(name=t, dep=[lo|"])) == ["load"]
    assert labels(at(["#%task(name=x, dep=[a,], |"]))[0] == "generic_info"
    assert labels(at(["#%task(name=\"x\", langu|"])) == ["language"]


def test_nothing_outside_pragma_lines_or_after_the_parenthesis() -> None:
    assert at(["#%task(name=x)\nprint(|)"]) == []
    assert at(["#%task(name=x)|"]) == []
    assert at(["#%nosuch(|"]) == []
    assert at(["#%task(name=x, generic_info=[(|"]) == []


# ---- long notebooks and odd input ------------------------------------------------------------

def test_long_notebooks_give_the_nearest_tasks_first_and_at_most_max_items() -> None:
    cells = ["#%task(name=T0)\nx = 0"] + [
        f"#%task(name=T{i}, dep=[T{i - 1}])\nx = {i}" for i in range(1, 250)
    ]
    cells[120] = "plain = 1"  # an anonymous task, ranked after the named ones
    items = at([*cells, "#%task(name=Z, dep=[|", "#%task(name=later)"])
    assert len(items) == MAX_ITEMS
    expected = [f"T{i}" for i in range(249, 0, -1) if i != 120][:MAX_ITEMS]
    assert labels(items) == expected
    assert labels(at([*cells, "#%task(name=Z, dep=[T12|"])) == [
        *(f"T12{i}" for i in range(9, 0, -1)), "T12"]


def test_a_python_file_without_pragmas_still_completes_pragma_names() -> None:
    items = at(["import os\n#%|"], python_file=True)
    assert items[0].label == "task"
    assert items[0].edit_range == Range.on_line(0, 0, 2)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#%task(name=,dep[]) ()xy-_.\t\r", max_size=40))
def test_any_line_any_column(line: str) -> None:
    document = notebook_from_cells(["#%task(name=a, export=[v])", line, "#%" + line])
    analysis = analyze(document)
    for cell in (1, 2):
        text = document.cells[cell].text
        for column in range(len(text.split("\n")[0]) + 2):
            for item in complete(analysis, cell, Position(0, column), snippets=True):
                assert item.edit_range.start == Position(0, 0)
                assert item.edit_range.end.column >= min(column, len(text))
                assert item.filter_text.startswith("#")


def test_features_import_no_lsp_library() -> None:
    code = (
        "import sys\n"
        "import proactive_lsp.features.completion, proactive_lsp.features.hover\n"
        "import proactive_lsp.features.signature, proactive_lsp.features.tokens\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_later_tasks_are_offered_only_when_earlier_ones_leave_room() -> None:
    earlier = [f"#%task(name=e{i})" for i in range(MAX_ITEMS)]
    crowded = labels(at([*earlier, "#%task(name=t, dep=[|", "#%task(name=after)"]))
    assert len(crowded) == MAX_ITEMS and "after" not in crowded
    roomy = labels(at([*earlier[:3], "#%task(name=t, dep=[|", "#%task(name=after)"]))
    assert roomy == ["e2", "e1", "e0", "after"]
    # A case-insensitive match defined earlier ranks after an exact one defined later.
    assert labels(at(["#%task(name=Alpha)", "#%task(name=t, dep=[a|", "#%task(name=also)"])) == [
        "also",
        "Alpha",
    ]
