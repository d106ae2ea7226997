"""Semantic tokens: exact ranges and types, sorted and non-overlapping, first line only."""

from __future__ import annotations

import itertools

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import read_python_text
from proactive_lsp.features.items import Token
from proactive_lsp.features.tokens import TOKEN_MODIFIERS, TOKEN_TYPES, semantic_tokens


def tokens(text: str) -> list[Token]:
    return semantic_tokens(analyze(notebook_from_cells([text])), 0)


def spelled(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    line = text.split("\n")[0]
    return [(line[t.start : t.start + t.length], t.type, t.modifiers) for t in tokens(text)]


def test_task_line() -> None:
    text = "#%task(name=t, dep=[a, b], export=[x], import=[y], language=Python)\nbody = 1"
    assert spelled(text) == [
        ("#%task", "macro", ("defaultLibrary",)), ("(", "operator", ()),
        ("name", "parameter", ()), ("=", "operator", ()), ("t", "class", ("declaration",)),
        (",", "operator", ()),
        ("dep", "parameter", ()), ("=", "operator", ()), ("[", "operator", ()),
        ("a", "class", ()), (",", "operator", ()), ("b", "class", ()), ("]", "operator", ()),
        (",", "operator", ()),
        ("export", "parameter", ()), ("=", "operator", ()), ("[", "operator", ()),
        ("x", "variable", ("declaration",)), ("]", "operator", ()), (",", "operator", ()),
        ("import", "parameter", ()), ("=", "operator", ()), ("[", "operator", ()),
        ("y", "variable", ()), ("]", "operator", ()), (",", "operator", ()),
        ("language", "parameter", ()), ("=", "operator", ()),
        ("Python", "enumMember", ("defaultLibrary",)), (")", "operator", ()),
    ]
    assert tokens(text)[0] == Token(0, 0, 6, "macro", ("defaultLibrary",))
    assert tokens(text)[4] == Token(0, 12, 1, "class", ("declaration",))


def test_values_by_kind() -> None:
    assert spelled("#%task(name=t, path=./a.py, runs=4, generic_info=[(K, v)])")[8:] == [
        ("./a.py", "string", ()), (",", "operator", ()),
        ("runs", "parameter", ()), ("=", "operator", ()), ("4", "number", ()),
        (",", "operator", ()), ("generic_info", "parameter", ()), ("=", "operator", ()),
        ("[", "operator", ()), ("(", "operator", ()), ("K", "property", ()),
        (",", "operator", ()), ("v", "string", ()), (")", "operator", ()), ("]", "operator", ()),
        (")", "operator", ()),
    ]
    assert spelled("#%draw_job(inline=off)")[4] == ("off", "enumMember", ())
    assert spelled("#%help(pragma=task)")[4] == ("task", "macro", ())
    assert spelled("#%delete_task(name=t)")[4] == ("t", "class", ())


def test_removed_pragma_is_deprecated_and_unknown_one_plain() -> None:
    assert spelled("#%get_result(id=1)")[0] == ("#%get_result", "macro", ("deprecated",))
    assert spelled("#%nosuch")[0] == ("#%nosuch", "macro", ())


def test_only_the_first_line_and_only_pragma_cells() -> None:
    assert all(t.line == 0 for t in tokens("#%task(name=t)\n#%task(name=u)\nx = 1"))
    assert tokens("x = 1\n#%task(name=t)") == []
    assert tokens("  #%task(name=t)") == []


def test_python_file_cell() -> None:
    document = read_python_text("#%task(name=t)\nx = 1\n\n#%task(name=u, dep=[t])\ny = 2\n")
    found = semantic_tokens(analyze(document), 1)
    assert [t.type for t in found] == ["macro", "operator", "parameter", "operator", "class",
                                       "operator", "parameter", "operator", "operator", "class",
                                       "operator", "operator"]


@pytest.mark.parametrize("line", [
    "#%task(name=t, dep=[a, b",
    "#%task(name=\"x\", dep=[",
    "#%  task ( name = x , dep = [ a , b ] ) ) # trailing",
    "#%connect(host=my host, password=p=w)",
    "#%task(name=x, variables=[(a,b),(c",
    "#%task((((]]]],,,==",
    "#%%task(name=x)",
    "#%",
])
def test_sorted_non_overlapping_and_in_the_legend(line: str) -> None:
    found = tokens(line)
    assert found == sorted(found)
    for first, second in itertools.pairwise(found):
        assert first.start + first.length <= second.start
    for token in found:
        assert token.length > 0 and token.start + token.length <= len(line)
        assert token.type in TOKEN_TYPES
        assert set(token.modifiers) <= set(TOKEN_MODIFIERS)
