"""One cell read on its own: its pragma (if any), its body, and the problems visible locally.

Everything here depends only on the cell's text and the document kind, so the result can be
cached per cell text: a keystroke re-reads one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import Body
from proactive_lsp.language.validate import rejects, validate_pragma
from proactive_lsp.model.python_code import python_facts
from proactive_lsp.syntax.parse import parse_pragma_line
from proactive_lsp.syntax.tree import Pragma
from proactive_lsp.text import Position, Range

# A comment that looks like a pragma: `#%` then a lower-case name then `(` or the end.
_PRAGMA_LIKE = re.compile(r"([ \t]*)#%+\s*([a-z_]+)\s*(\(|$)")


@dataclass(frozen=True, slots=True)
class CellSyntax:
    pragma: Pragma | None  # None for a plain (non-pragma) cell
    problems: tuple[Diagnostic, ...]  # cell-relative, `cell=None`
    # The kernel refuses the pragma (Parsing, Parameter or Syntax error): it has no effect.
    rejected: bool
    blank: bool  # an empty cell is a no-op for the kernel
    body: str  # the text after the pragma line, or the whole plain cell
    body_line: int  # the cell line where the body starts
    # The task name this cell defines explicitly (a task-creating pragma the kernel accepts).
    defines: str | None = None

    @property
    def is_pragma(self) -> bool:
        return self.pragma is not None


def read_cell(text: str, kind: SourceKind) -> CellSyntax:
    if not text.strip():
        return CellSyntax(None, (), False, True, text, 0)
    lines = text.split("\n")
    problems: list[Diagnostic] = []
    problems.extend(_misplaced_pragmas(lines, kind))
    if not text.startswith("#%"):
        if kind is SourceKind.PYTHON_FILE and _only_comments(lines):
            # A comment header in a .py file is not meant as a task (in a notebook it would be).
            return CellSyntax(None, tuple(problems), False, True, text, 0)
        problems.extend(_python_syntax(text, 0, explicit=False))
        return CellSyntax(None, tuple(problems), False, False, text, 0)

    pragma, parse_problems = parse_pragma_line(lines[0], 0)
    line_problems = [*parse_problems, *(validate_pragma(pragma) if pragma.parsed else ())]
    problems.extend(line_problems)
    body = "\n".join(lines[1:])
    body_problems = _body_problems(pragma, body)
    problems.extend(body_problems)
    # The kernel refuses the cell for a bad pragma line, and for a Python syntax error only
    # when the pragma says `language=Python` (it compiles the body then).
    rejected = rejects(pragma, line_problems) or (
        _language(pragma) == "Python" and any(p.code == "PA207" for p in body_problems)
    )
    spec = PRAGMAS.get(pragma.name.text)
    name = pragma.value("name") if spec is not None and spec.creates_task and not rejected else None
    return CellSyntax(pragma, tuple(problems), rejected, False, body, 1, name or None)


def _only_comments(lines: list[str]) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in lines)


def _language(pragma: Pragma) -> str | None:
    return pragma.value("language")


def _misplaced_pragmas(lines: list[str], kind: SourceKind) -> list[Diagnostic]:
    """Pragma-looking comments the kernel never reads (PA105)."""
    found: list[Diagnostic] = []
    for number, line in enumerate(lines):
        match = _PRAGMA_LIKE.match(line)
        if match is None or match.group(2) not in PRAGMAS:
            continue
        indent = len(match.group(1))
        where = Range.on_line(number, indent, len(line.rstrip()))
        if indent:
            found.append(
                make(
                    "PA105",
                    "indented pragma: the kernel only reads `#%` at column 0, so this line is "
                    "a plain comment" + (" and the cell runs as Python" if number == 0 else ""),
                    where,
                    fixes=(
                        Fix(
                            "Remove the indentation",
                            (Edit(Range.on_line(number, 0, indent), ""),),
                            preferred=True,
                        ),
                    ),
                )
            )
        elif number > 0 and kind is SourceKind.NOTEBOOK:
            found.append(
                make(
                    "PA105",
                    "the kernel reads only the first line of a cell as a pragma: this line is "
                    "a comment in the body of the pragma above",
                    where,
                    fixes=(Fix("Split the cell here", split_cell_at_line=number, preferred=True),),
                )
            )
    return found


def _body_problems(pragma: Pragma, body: str) -> list[Diagnostic]:
    spec = PRAGMAS.get(pragma.name.text)
    if spec is None or not body.strip():
        return []
    language = _language(pragma)
    ignored = spec.body is Body.IGNORED or (spec.body is Body.TASK and pragma.param("path"))
    if ignored:
        why = (
            "is ignored: the implementation comes from `path=`"
            if spec.body is Body.TASK
            else (f"is ignored by `#%{spec.name}`")
        )
        return [make("PA208", f"this code {why}", _body_range(body), tags=("unnecessary",))]
    if language == "Python" or (language is None and spec.body in (Body.TASK, Body.IMPORT_PREFIX)):
        return _python_syntax(body, 1, explicit=language == "Python")
    return []


def _body_range(body: str) -> Range:
    lines = body.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return Range(Position(1, 0), Position(len(lines), len(lines[-1])))


def _python_syntax(code: str, first_line: int, *, explicit: bool) -> list[Diagnostic]:
    problem = python_facts(code).problem
    if problem is None:
        return []
    if not problem.compiles:
        return [make("PA207", problem.message, Range.on_line(first_line, 0, 0))]
    lines = code.split("\n")
    # Python also breaks lines at a lone `\r`; the editor may not: clamp into the cell.
    relative = min(max(problem.line - 1, 0), len(lines) - 1)
    line = first_line + relative
    source_line = lines[relative]
    column = min(max(problem.offset - 1, 0), len(source_line))
    end = len(source_line) if column >= len(source_line) else column + 1
    when = (
        "the kernel refuses the cell (language=Python)"
        if explicit
        else "the task will fail when ProActive runs it"
    )
    return [
        make(
            "PA207",
            f"Python syntax error: {problem.message}; {when}",
            Range.on_line(line, column, end),
        )
    ]
