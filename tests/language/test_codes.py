"""One failing and one passing example for each code the parser and validator own."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.language.validate import rejects, validate_pragma
from proactive_lsp.syntax.parse import parse_pragma_line
from proactive_lsp.text import Range


def problems(line: str) -> list[Diagnostic]:
    pragma, found = parse_pragma_line(line)
    return found + validate_pragma(pragma)


def codes(line: str) -> list[str]:
    return [d.code for d in problems(line)]


def one(line: str, code: str) -> Diagnostic:
    found = [d for d in problems(line) if d.code == code]
    assert len(found) == 1, problems(line)
    return found[0]


def fixed(line: str, diagnostic: Diagnostic) -> str:
    """Apply the first fix (edits on line 0, applied right to left)."""
    edits = sorted(diagnostic.fixes[0].edits, key=lambda e: e.range.start.column, reverse=True)
    for edit in edits:
        line = line[: edit.range.start.column] + edit.new_text + line[edit.range.end.column :]
    return line


@pytest.mark.parametrize(
    ("code", "bad", "good"),
    [
        ("PA101", "#%task(name=x y)", "#%task(name=xy)"),
        ("PA102", "#%tsak(name=x)", "#%task(name=x)"),
        ("PA103", "#%get_result(id=12)", "#%get_job_result(job_id=12)"),
        ("PA104", "#%task(name=x", "#%task(name=x)"),
        ("PA106", "#%task(dep=[a])", "#%task(name=b, dep=[a])"),
        ("PA201", "#%task(name=x, lang=Python)", "#%task(name=x, language=Python)"),
        ("PA202", "#%task(name=x, name=y)", "#%task(name=y)"),
        ("PA203", "#%draw_job(inline=no)", "#%draw_job(inline=off)"),
        ("PA204", "#%task(name=x, dep=abc)", "#%task(name=x, dep=[abc])"),
        ("PA205", "#%task(name=x, language=python)", "#%task(name=x, language=Python)"),
        ("PA206", "#%task(name=my-task)", "#%task(name=my_task)"),
    ],
)
def test_code(code: str, bad: str, good: str) -> None:
    assert code in codes(bad)
    assert codes(good) == []


def test_pa101_rejects_and_keeps_kernel_wording_in_usage_cases() -> None:
    pragma, found = parse_pragma_line("#%runs(foo)")
    assert not pragma.parsed and rejects(pragma, found)


def test_pa102_fix_prefers_the_closest_name() -> None:
    d = one("#%Task(name=x)", "PA102")
    assert d.message.startswith("Directive 'Task' not known.")
    assert d.range == Range.on_line(0, 2, 6)
    assert d.fixes[0].preferred and fixed("#%Task(name=x)", d) == "#%task(name=x)"


def test_pa103_fix() -> None:
    d = one("#%get_result(id=1193)", "PA103")
    assert fixed("#%get_result(id=1193)", d) == "#%get_job_result(job_id=1193)"


@pytest.mark.parametrize(
    ("line", "message", "result"),
    [
        ("#%task(name=x", "missing `)`", "#%task(name=x)"),
        ("#%task(name=x)) )", "extra `) )`", "#%task(name=x)"),
        ("#%%task(name=x)", "extra `%` after `#%`", "#%task(name=x)"),
        ("#% draw job()", "space inside the pragma name", "#% draw_job()"),
        ("#%show_resource_manager(width=80%)", "`width` is read as `80`",
         "#%show_resource_manager(width=80)"),
    ],
)
def test_pa104_tolerated(line: str, message: str, result: str) -> None:
    d = one(line, "PA104")
    assert message in d.message
    assert fixed(line, d) == result


def test_pa106_empty_parens_and_bare_forms() -> None:
    d = one("#%task()", "PA106")
    assert "Invalid parameters." in d.message and d.range == Range.on_line(0, 6, 8)
    assert fixed("#%task()", d) == "#%task"
    assert "PA106" in codes("#%write_dot()") and codes("#%write_dot") == []
    assert "`Proactive error: 'task'`" in one("#%configure", "PA106").message
    assert "PA106" in codes("#%import_dot")
    assert "Invalid task_name parameter" in one("#%get_task_result(job_id=1)", "PA106").message
    assert codes("#%task") == [] and codes("#%submit_job()") == []


def test_pa201_readme_bracket_typo() -> None:
    line = "#%connect(host=H, [port=P], login=u, password=p)"
    d = one(line, "PA201")
    assert "`[port`" in d.message
    assert fixed(line, d) == "#%connect(host=H, port=P, login=u, password=p)"


def test_pa202_range_is_the_earlier_parameter() -> None:
    d = one("#%task(name=x, name=y)", "PA202")
    assert d.range == Range.on_line(0, 7, 13)
    assert fixed("#%task(name=x, name=y)", d) == "#%task(name=y)"


@pytest.mark.parametrize(
    ("line", "start", "end", "words"),
    [
        ("#%task(name=1task)", 12, 17, "Invalid name parameter: "),
        ("#%delete_task(name=my-task)", 19, 26, "task names referenced by other pragmas must be"),
        ("#%pre_script(name=a-b, language=Linux_Bash)", 18, 21, "Invalid name parameter : "),
        ("#%task(name=x, variables=[(N,10)])", 29, 31, "Invalid generic information parameter"),
        ("#%help(pragma=PRAGMA_NAME)", 14, 25, "Invalid pragma parameter"),
        ("#%help(pragma=help)", 14, 18, "Pragma 'help' not known."),
        ("#%connect(port=PORT)", 15, 19, "Invalid port parameter"),
        ("#%task(name=[a])", 12, 15, "single value"),
        ("#%task(name=x, generic_info=ab)", 28, 30, "(KEY, VALUE)"),
    ],
)
def test_pa203_range_and_wording(line: str, start: int, end: int, words: str) -> None:
    d = one(line, "PA203")
    assert d.range == Range.on_line(0, start, end)
    assert words in d.message


def test_pa203_control_pragmas_do_not_check_variables() -> None:
    assert codes("#%split(variables=[(N,10)])") == []


def test_pa203_connect_path_skips_the_other_checks() -> None:
    assert codes("#%connect(path=./c.ini, login=1user)") == []
    assert "PA203" in codes("#%connect(path=, login=1user)")


def test_pa204_scalar_list() -> None:
    d = one("#%task(name=x, dep=abc)", "PA204")
    assert "`a`, `b`, `c`" in d.message
    assert fixed("#%task(name=x, dep=abc)", d) == "#%task(name=x, dep=[abc])"
    assert codes("#%task(name=x, dep=)") == []
    bad = one("#%task(name=x, dep=a-b)", "PA203")
    assert bad.range == Range.on_line(0, 20, 21)


def test_pa205_fixes() -> None:
    d = one("#%task(name=x, language=bash)", "PA205")
    assert d.message.startswith("Language 'bash' not supported!")
    assert fixed("#%task(name=x, language=bash)", d) == "#%task(name=x, language=Linux_Bash)"
    assert "PA205" in codes("#%selection_script(name=t, language=Py3)")
    assert codes("#%runs(language=Python)") == []


def test_pa206_export_import_items() -> None:
    d = one("#%task(name=x, export=[my-var])", "PA206")
    assert d.range == Range.on_line(0, 23, 29)
    assert codes("#%task(name=x, dep=[my-task])") == []


def test_rejects() -> None:
    for line, refused in [("#%task(name=x)", False), ("#%task(name=1)", True),
                          ("#%task(name=x, dep=abc)", False), ("#%task()", True),
                          ("#%task(name=x, language=python)", True)]:
        pragma, found = parse_pragma_line(line)
        assert rejects(pragma, found + validate_pragma(pragma)) is refused, line
