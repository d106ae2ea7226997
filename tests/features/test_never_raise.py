"""Every editor feature answers (or says nothing) at any position of any notebook: never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.features import navigation, outline
from proactive_lsp.features.completion import complete
from proactive_lsp.features.hover import hover
from proactive_lsp.features.signature import signature_help
from proactive_lsp.features.tokens import semantic_tokens
from proactive_lsp.text import Position

PIECES = st.sampled_from(
    [
        "#%task(name=a, export=[x])\nx = 1",
        "#%task(name=b, dep=[a, zz], import=[x])\nprint(x)",
        "#%split(",
        "#%runs()\nruns=2;",
        "#%process(name=p",
        "#%merge()",
        "#%task(dep=abc",
        "#%connect(url=https://h:8443, password=p)",
        "#%import_dot(path=g.dot)",
        "plain = 1",
        "#%pre_script(name=a, language=Linux_Bash)\necho hi",
        "#%%task(name=é)",
        "  #%task(name=c)",
        "#%help(pragma=task)",
        "#%task(name=my-task, generic_info=[(k,v)])",
        "",
    ]
)
TEXT = st.text(st.sampled_from(list('#%()[],=_- abknrstx01\t"é')), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PIECES, TEXT.map(lambda t: "#%" + t)), min_size=1, max_size=6), st.data())
def test_features_never_raise(cells: list[str], data: st.DataObject) -> None:
    analysis = analyze(notebook_from_cells(cells))
    outline.outline(analysis)
    for cell, text in enumerate(cells):
        lines = text.split("\n")
        semantic_tokens(analysis, cell)
        outline.hints(analysis, cell)
        for _ in range(3):
            line = data.draw(st.integers(0, len(lines)))  # one past the end too
            column = data.draw(st.integers(0, len(lines[min(line, len(lines) - 1)]) + 2))
            at = Position(line, column)
            complete(analysis, cell, at, snippets=data.draw(st.booleans()))
            hover(analysis, cell, at)
            signature_help(analysis, cell, at)
            found = navigation.occurrence_at(analysis, cell, at)
            if found is not None:
                navigation.references(analysis, found, include_definitions=True)
                navigation.rename(
                    analysis, found, data.draw(st.sampled_from(["ok_name", "1bad", "b"]))
                )
