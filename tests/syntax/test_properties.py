"""Property tests: the parser never raises, ranges stay in the line, the fast path agrees with
the grammar."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedInput

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.language.validate import validate_pragma
from proactive_lsp.syntax.fastpath import accepts
from proactive_lsp.syntax.grammar import pragma_parser
from proactive_lsp.syntax.parse import parse_pragma_line
from proactive_lsp.syntax.tree import Pragma
from proactive_lsp.text import Range

VALID = [
    "#%task(name=train, dep=[prep, load], import=[df], export=[model])",
    "#%task(name=x, generic_info=[(a,b),(c,d)], language=Python, path=./a.py)",
    "#%connect(host=h, port=8443, login=u, password=p)",
    "#%draw_job(name=J, inline=off, save=on)",
    "#%show_resource_manager(host=h:8443, height=600, width=80%)",
    "#%get_task_result(job_id=12, task_name=t)",
    "#%runtime_env(type=docker, image=docker://activeeon/dlm3)",
]
PIECES = [*list("ab_1-=,[]() .é/\\:%#\t\r\"'x😀"), "name=", "dep=[", "(a,b)", "[(", ")]", "task"]

_fragments = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)


def _ranges(pragma: Pragma, problems: list[Diagnostic]) -> list[Range]:
    found = [pragma.name.range, pragma.line_range]
    found += [r for r in (pragma.open_paren, pragma.close_paren) if r is not None]
    for param in pragma.params:
        found += [param.range, param.key.range, param.value.range]
        found += [item.range for item in param.value.items]
        for pair in param.value.pairs:
            found += [pair.range, pair.key.range, pair.value.range]
    for problem in problems:
        found.append(problem.range)
        found += [edit.range for fix in problem.fixes for edit in fix.edits]
    return found


def _check(line: str) -> None:
    pragma, problems = parse_pragma_line(line, 7)
    problems = problems + validate_pragma(pragma)
    for r in _ranges(pragma, problems):
        assert r.start.line == r.end.line == 7
        assert 0 <= r.start.column <= r.end.column <= len(line), (line, r)


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_random_text_never_raises(text: str) -> None:
    _check(text)
    _check("#%" + text)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(VALID), st.integers(0, 80), st.integers(0, 4), _fragments)
def test_mutated_lines_never_raise(line: str, at: int, cut: int, insert: str) -> None:
    at = min(at, len(line))
    _check(line[:at] + insert + line[at + cut :])


@settings(max_examples=600, deadline=None)
@given(_fragments)
def test_fast_path_and_grammar_agree(params: str) -> None:
    line = "#%task(" + params + ")"
    stripped = line.strip(" #%)")
    body = stripped.split("(", 1)[1]
    if not body:
        return
    try:
        pragma_parser().parse(line)
        grammar = True
    except UnexpectedInput:
        grammar = False
    assert accepts(body) == grammar, line
