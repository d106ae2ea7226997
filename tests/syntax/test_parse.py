"""parse_pragma_line: the §1.8 test vectors, extracted values, exact ranges and messages."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Diagnostic, Severity
from proactive_lsp.language.validate import validate_pragma
from proactive_lsp.syntax.parse import parse_pragma_line
from proactive_lsp.text import Range

from .helpers import as_kernel_dict


def verdict(line: str) -> str:
    """`parsing`, `parameter`, `pragma` or `ok`, as kernel 13.0.4 would answer."""
    pragma, problems = parse_pragma_line(line)
    if not pragma.parsed:
        assert any(p.code in ("PA101", "PA106") for p in problems)
        return "parsing"
    checked = validate_pragma(pragma)
    if any(d.code in ("PA102", "PA103") for d in checked):
        return "pragma"
    return "parameter" if any(d.severity is Severity.ERROR for d in checked) else "ok"


# kernel-13.0.4.md §1.8, verified against the real parser.
VECTORS = [
    ("#%task(name=myTask)", "ok"),
    ("#%  task ( name = x , dep = [ a , b ] )", "ok"),
    ("#%task(   name   =  location  , dep = [hi]  )", "ok"),
    ("#%task", "ok"),
    ("#%task()", "parsing"),
    ("#%task(name=)", "parameter"),
    ("#%task(name=1task)", "parameter"),
    ("#%task(name=a.b)", "parameter"),
    ('#%task(name="myTask")', "parsing"),
    ("#%task(name=my task)", "parsing"),
    ("#%task(name=x,)", "parsing"),
    ("#%task(,name=x)", "parsing"),
    ("#%task(name)", "parsing"),
    ("#%task(name=my-task)", "ok"),
    ("#%Task(name=x)", "pragma"),
    ("#%task(name=x, variables=[(a,1)])", "parameter"),
    ("#%task(name=x, variables=[(a,b,c)])", "parsing"),
    ("#%task(name=x, variables=[(a,b),(c)])", "parsing"),
    ('#%task(name=x, variables=[(a,"1")])', "parsing"),
    ("#%task(name=x, dep=[])", "parsing"),
    ("#%task(name=x, dep=y)", "ok"),
    ("#%task(name=T2,dep=[T1],runs=3)", "ok"),
    ("#%task(name=T2,dep=[T1],runs=N-2)", "ok"),
    ("#%task(name=T2,dep=[T1],runs=NB_RUNS)", "ok"),
    ("#%task(name=T2,dep=[T1],runs=N*2)", "parsing"),
    ("#%task(name=T2,dep=[T1],runs=3x)", "parameter"),
    ("#%task(name=x, precious_result=TRUE)", "ok"),
    ("#%task(name=x, precious_result=yes)", "parameter"),
    ("#%task(name=x, path=~/a.py)", "parsing"),
    ("#%task(name=x, path=)", "parameter"),
    ("#%task(name=x, language=Python3)", "parameter"),
    ("#%task(name=x, language=C_sharp)", "parameter"),  # parses; the kernel rejects (PA205)
    ("#%task(name=x,\tlanguage=Python)", "parsing"),
    ("#%connect(garbage)", "ok"),
    ("#%connect(host=my host, login=u, password=p w)", "ok"),
    ("#%connect(login=1user, password=x)", "parameter"),
    ("#%connect(login=u,password=)", "parameter"),
    ("#%help(pragma=Task)", "parameter"),
    ("#%help(pragma=foo)", "parameter"),
    ("#%configure(task=Block)", "parameter"),
    ("#%draw_job(inline=no)", "parameter"),
    ("#%write_dot(name=f.dot)", "parameter"),
    ("#%get_job_result(job_id=j1)", "parameter"),
    ("#%show_resource_manager(width=80%)", "ok"),
    ("#%runs(foo)", "parsing"),
    ("#%condition(foo)", "parsing"),
    ("#%runs(x=1)", "ok"),
    ("#%write_dot()", "parsing"),
    ("#%write_dot", "ok"),
    ("#%configure()", "parsing"),
    ("#%task(name=x) # comment", "parsing"),
    ("#%draw_job() extra", "parsing"),
    ("#%runtime_env(anything at all)", "ok"),
]


@pytest.mark.parametrize(("line", "expected"), VECTORS)
def test_kernel_verdict(line: str, expected: str) -> None:
    assert verdict(line) == expected


@pytest.mark.parametrize(
    ("line", "extracted"),
    [
        ("#%  task ( name = x , dep = [ a , b ] )", {"name": "x", "dep": ["a", "b"]}),
        ("#%task(name=x, dep=y)", {"name": "x", "dep": "y"}),
        ("#%connect(host=my host, login=u, password=p w)",
         {"host": "myhost", "login": "u", "password": "pw"}),
        ("#%connect(garbage)", {}),
        ("#%connect(password=p@ss=w)", {"password": "p@ss=w"}),
        ("#%connect(password=a,b)", {"password": "a"}),
        ("#%show_resource_manager(width=80%)", {"width": "80"}),
        ("#%task(name=x, gi=[(a,b), (c,d)])", {"name": "x", "gi": [("a", "b"), ("c", "d")]}),
        ("#%task(name=x, name=y)", {"name": "y"}),
    ],
)
def test_extracted_values(line: str, extracted: dict[str, object]) -> None:
    pragma, _ = parse_pragma_line(line)
    data = as_kernel_dict(pragma)
    data.pop("trigger")
    if data.get("name") == "" and "name" not in extracted:
        data.pop("name")
    assert data == extracted


def only(problems: list[Diagnostic], code: str) -> Diagnostic:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, problems
    return found[0]


def cols(diagnostic: Diagnostic) -> tuple[int, int, int]:
    r = diagnostic.range
    assert r.start.line == r.end.line
    return r.start.line, r.start.column, r.end.column


@pytest.mark.parametrize(
    ("line", "where", "words"),
    [
        ('#%task(name="myTask")', (12, 13), "quotes are not allowed: the kernel reads values "
         "verbatim, write name=myTask"),
        ("#%task(name=x, dep=[a", (21, 21), "expected `]` to close the `dep` list"),
        ("#%task(name=x,\tlanguage=Python)", (14, 15), "tabs are not allowed between parameters"),
        ("#%task(name=myTask2, dep=[myTask1], import[var1,var2])", (42, 43),
         "`import[...]`: expected `=` after the parameter name"),
        ("#%task(name=x,)", (14, 15), "trailing comma"),
        ("#%task(name=my task)", (15, 16), "values cannot contain spaces"),
        ("#%task(name=x) # comment", (13, 24), "unexpected text after `)`"),
        ("#%task(name=x, dep=[])", (20, 21), "an empty list is not allowed"),
        ("#%task(name=x, variables=[(a,b,c)])", (30, 31), "a tuple has exactly two items"),
        ("#%task(name=x, gi=[(a-b,c)])", (21, 22), "tuple items may contain only letters"),
        ("#%task(name=x)\r", (14, 15), "CRLF"),
        ("#%draw_job([name=JOB_NAME])", (11, 12), "`[...]` marks an optional parameter"),
        ("#%task(name=T2,dep=[T1],runs=N*2)", (30, 31), "`*` is not allowed here"),
        ("#%task(name=x, dep=[1a])", (20, 21), "must start with a letter"),
    ],
)
def test_pa101_range_and_message(line: str, where: tuple[int, int], words: str) -> None:
    pragma, problems = parse_pragma_line(line, 4)
    assert not pragma.parsed
    error = only(problems, "PA101")
    assert cols(error) == (4, *where)
    assert words in error.message


def test_recovery_keeps_what_it_can_read() -> None:
    pragma, _ = parse_pragma_line("#%task(name=train, dep=[a, b], import[x])")
    assert not pragma.parsed
    assert pragma.value("name") == "train"
    assert [w.text for w in pragma.names("dep")] == ["a", "b"]


def test_ranges_of_every_token() -> None:
    line = "#%  task ( name = x , dep = [ a , b ], gi=[(k,v)])"
    pragma, problems = parse_pragma_line(line, 2)
    assert problems == []
    assert pragma.name.range == Range.on_line(2, 4, 8)
    assert pragma.open_paren == Range.on_line(2, 9, 10)
    assert pragma.close_paren == Range.on_line(2, len(line) - 1, len(line))
    name, dep, gi = pragma.params
    assert name.key.range == Range.on_line(2, 11, 15)
    assert name.value.range == Range.on_line(2, 18, 19)
    assert name.range == Range.on_line(2, 11, 19)
    assert dep.value.range == Range.on_line(2, 28, 37)
    items = [i.range for i in dep.value.items]
    assert items == [Range.on_line(2, 30, 31), Range.on_line(2, 34, 35)]
    (pair,) = gi.value.pairs
    assert pair.range == Range.on_line(2, 43, 48)
    assert pair.key.range == Range.on_line(2, 44, 45)
    assert pair.value.range == Range.on_line(2, 46, 47)


def test_empty_value_sits_right_after_the_equal_sign() -> None:
    pragma, _ = parse_pragma_line("#%task(name= , dep=[a])")
    assert pragma.params[0].value.range == Range.on_line(0, 12, 12)


def test_connect_values_point_back_to_the_original_text() -> None:
    pragma, _ = parse_pragma_line("#%connect(host=my host)")
    host = pragma.param("host")
    assert host is not None
    assert host.value.text == "myhost"
    assert host.value.range == Range.on_line(0, 15, 22)


def test_connect_crash_is_reported() -> None:
    pragma, problems = parse_pragma_line("#%connect(a=[(b)])")
    assert not pragma.parsed
    assert only(problems, "PA101").message.startswith("the kernel fails while reading")


def test_unknown_trigger_is_read_leniently() -> None:
    pragma, problems = parse_pragma_line("#%foo(a b=c d, e)")
    assert pragma.parsed and problems == []
    assert as_kernel_dict(pragma) == {"trigger": "foo", "name": "", "ab": "cd"}


def test_code_points_not_utf16() -> None:
    pragma, _ = parse_pragma_line("#%task(name=tâche😀)")
    assert not pragma.parsed  # 😀 is not a word character
    pragma, _ = parse_pragma_line("#%task(name=tâche, dep=[x])")
    assert pragma.names("dep")[0].range == Range.on_line(0, 24, 25)
