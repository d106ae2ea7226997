"""Every pragma line of the kernel README, against the real 13.0.4 parser's recorded verdict."""

from __future__ import annotations

import ast
import re

import pytest

from proactive_lsp.diagnostics import Severity
from proactive_lsp.language.validate import validate_pragma
from proactive_lsp.syntax.parse import parse_pragma_line

from .helpers import SPEC, as_kernel_dict

_ENTRY = re.compile(r"^(?P<line>'.*'|\".*\") => (?P<result>.*)$")


def _cases() -> list[tuple[str, str]]:
    path = SPEC / "readme-pragmas.txt"
    if not path.is_file():
        return []
    cases = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        found = _ENTRY.match(raw)
        if found:
            cases.append((ast.literal_eval(found.group("line")), found.group("result")))
    return cases


CASES = _cases()


def test_the_file_is_there() -> None:
    assert len(CASES) == 56


@pytest.mark.parametrize(("line", "result"), CASES)
def test_same_verdict_and_values(line: str, result: str) -> None:
    pragma, problems = parse_pragma_line(line)
    checked = validate_pragma(pragma) if pragma.parsed else []
    if result.startswith("EXC ParsingError"):
        assert not pragma.parsed
        assert {p.code for p in problems} & {"PA101", "PA106"}
    elif result.startswith("EXC ParameterError"):
        assert pragma.parsed
        assert any(d.severity is Severity.ERROR for d in checked)
    else:
        assert pragma.parsed
        errors = [d for d in problems + checked if d.severity is Severity.ERROR]
        assert errors == []
        assert as_kernel_dict(pragma) == ast.literal_eval(result)
