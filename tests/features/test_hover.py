"""Hover: pragma help, parameter meaning, task summary, variable flow; cursor marked by `|`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.features.hover import hover
from proactive_lsp.features.items import HoverInfo
from proactive_lsp.features.signature import signature_help
from proactive_lsp.model.task import Ref, Task
from proactive_lsp.text import Position, Range


def at(cells: list[str]) -> HoverInfo | None:
    marked = next(i for i, text in enumerate(cells) if "|" in text)
    before = cells[marked][: cells[marked].index("|")]
    position = Position(before.count("\n"), len(before.split("\n")[-1]))
    document = notebook_from_cells([t.replace("|", "") for t in cells])
    return hover(analyze(document), marked, position)


FLOW = [
    "#%task(name=prep, export=[df, meta])\ndf = 1\nmeta = 2",
    "#%task(name=train, dep=[prep], import=[df], export=[model])\nmodel = df",
    "#%task(name=report, dep=[train, prep], import=[model, df])\nprint(model)",
]


def test_pragma_hover_is_richer_than_help() -> None:
    found = at(["#%ta|sk(name=x)"])
    assert found is not None
    assert found.range == Range.on_line(0, 0, 6)
    text = found.markdown
    assert text.startswith("**`#%task`** — creates/modifies a task")
    assert "```text\n#%task(name=TASK_NAME, [dep=[TASK_NAME1" in text
    assert "| parameter | kind | required | default |" in text
    assert "| `name` | task name | yes |  |" in text
    assert "| `language` | script language | no | Python |" in text
    assert "**Cell body:** the task's implementation" in text
    assert "**Example**" in text


def test_hover_on_the_prefix_and_on_hidden_parameters_in_the_table() -> None:
    found = at(["|#%split()"])
    assert found is not None
    assert "| `runs` *(hidden)* |" in found.markdown
    assert "**Control:** part of a `replicate` control." in found.markdown


def test_removed_and_unknown_pragmas() -> None:
    removed = at(["#%get_re|sult(id=1)"])
    assert removed is not None and "**Removed**" in removed.markdown
    unknown = at(["#%Ta|sk(name=x)"])
    assert unknown is not None
    assert "`Pragma error: Directive 'Task' not known.` Did you mean `#%task`?" in unknown.markdown


def test_parameter_hover_gives_meaning_values_default_and_kernel_error() -> None:
    found = at(["#%draw_job(inl|ine=on)"])
    assert found is not None
    assert found.range == Range.on_line(0, 11, 17)
    text = found.markdown
    assert text.startswith("**`inline`** · parameter of `#%draw_job` · on/off · optional")
    assert "- **Values:** `on`, `off`" in text
    assert "- **Default:** on" in text
    assert "`Parameter error: Invalid inline parameter`" in text
    value = at(["#%draw_job(inline=o|ff)"])
    assert value is not None and value.markdown == text


def test_unknown_parameter() -> None:
    found = at(["#%task(name=x, lang|uage2=Python)"])
    assert found is not None
    assert "unknown parameter of `#%task`" in found.markdown
    assert "Did you mean `language`?" in found.markdown


def test_task_hover_summarises_the_workflow() -> None:
    found = at([*FLOW[:1], "#%task(name=tr|ain, dep=[prep], import=[df], export=[model])\nm = 1",
                FLOW[2]])
    assert found is not None
    assert found.range == Range.on_line(0, 12, 17)
    assert found.markdown.split("\n") == [
        "**Task `train`** · `#%task` · Python · cell 2",
        "",
        "- **Depends on:** `prep` (cell 1)",
        "- **Dependents:** `report` (cell 3)",
        "- **Imports:** `df` ← `prep`",
        "- **Exports:** `model`",
        "",
        "⚠ 1 problem on its pragma line: PA503 'model' is exported but never assigned in this "
        "task's code: the kernel's export block prints a warning at run time and passes nothing",
    ]


def test_task_hover_from_a_dependency_shows_flow_roles_and_problems() -> None:
    cells = ["#%split(name=s1)\nx = 1", "#%runs()\nruns = 2", "#%process(name=p1)\ny = 2",
             "#%merge(name=m1)\nz = 3", "#%task(name=t, dep=[s|1])"]
    found = at(cells)
    assert found is not None
    text = found.markdown
    assert text.startswith("**Control task `s1`** · `#%split` · Python · cell 1")
    assert "- **Dependents:** `p1` (cell 3), `t` (cell 5)" in text
    assert "- **Flow:** split task: start of the replicated block (replicate control)" in text
    assert "- **Block:** start of a ProActive block" in text
    assert text.endswith("- **Replicate:** its children run in parallel copies")


def test_unknown_dependency_and_letters_of_a_bare_dep() -> None:
    found = at(["#%task(name=a)", "#%task(name=t, dep=[no|pe])"])
    assert found is not None
    assert found.markdown.startswith("**No task `nope`**")
    assert "- ⚠ PA301:" in found.markdown
    letters = at(["#%task(name=a)", "#%task(name=b)", "#%task(name=t, dep=a|b)"])
    assert letters is not None
    assert "`dep=ab` without brackets means the tasks `a`, `b`" in letters.markdown
    assert "**Task `a`**" in letters.markdown and "**Task `b`**" in letters.markdown


def test_variable_hover_shows_exporters_and_importers() -> None:
    found = at([*FLOW[:2], "#%task(name=report, dep=[train, prep], import=[model, d|f])"])
    assert found is not None
    assert found.markdown.split("\n") == [
        "**Variable `df`**",
        "",
        "- **Exported by:** `prep` (cell 1)",
        "- **Imported by:** `train` (cell 2), `report` (cell 3)",
    ]
    missing = at(["#%task(name=t, import=[gh|ost])"])
    assert missing is not None
    assert "`The variable 'ghost' can't be imported.`" in missing.markdown


def test_language_value() -> None:
    found = at(["#%task(name=t, language=Linux_B|ash)"])
    assert found is not None
    assert found.markdown.startswith("**`Linux_Bash`** · script language, run by ProActive's "
                                     "`bash` engine")


def test_python_files_name_places_by_line() -> None:
    document = read_python_text("#%task(name=a, export=[v])\nv = 1\n\n#%task(name=b, dep=[a])\n")
    found = hover(analyze(document), 1, Position(0, 20))
    assert found is not None
    assert found.markdown.startswith("**Task `a`** · `#%task` · Python · line 1")
    assert "- **Dependents:** `b` (line 4)" in found.markdown


def test_misplaced_pragma_and_body_lines() -> None:
    found = at(["#%task(name=t)\n#%ta|sk(name=u)"])
    assert found is not None
    assert found.markdown.startswith("> ⚠ This is not the first line of the cell")
    assert at(["#%task(name=t)\nprint(|1)"]) is None
    assert at(["#%task(name=t)  |  "]) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="#%task(name=,dep[]) ()xy-_.\t\r", max_size=40))
def test_any_line_any_column(line: str) -> None:
    document = notebook_from_cells(["#%task(name=a, export=[v])", "#%" + line, line])
    analysis = analyze(document)
    for cell in (1, 2):
        for column in range(len(document.cells[cell].text) + 2):
            found = hover(analysis, cell, Position(0, column))
            assert found is None or found.range.start.column <= column <= found.range.end.column
            signature_help(analysis, cell, Position(0, column))


def test_variable_users_from_the_checks_index_equal_a_scan_of_the_tasks() -> None:
    from proactive_lsp.features.meaning import variable_users

    analysis = analyze(
        notebook_from_cells(
            [
                "#%task(name=a, export=[x, y, x])\nx = y = 1",
                "#%task(name=b, dep=[a], import=[x], export=[y])\ny = x",
                "#%task(name=c, dep=[b], import=[y, x, y])\nprint(x, y)",
            ]
        )
    )
    names = {"x", "y", "z"}
    indexed = variable_users(analysis, names)
    scanned: tuple[dict[str, list[tuple[Task, Ref]]], dict[str, list[tuple[Task, Ref]]]] = ({}, {})
    for task in analysis.workflow.tasks.values():
        for found, refs in zip(scanned, (task.exports, task.imports), strict=True):
            for ref in refs:
                if ref.name in names:
                    found.setdefault(ref.name, []).append((task, ref))
    assert indexed == scanned
    assert [(t.name, r.range) for t, r in indexed[1]["y"]] == [
        (t.name, r.range) for t in [analysis.workflow.tasks["c"]] for r in t.imports if r.name == "y"
    ]
