"""Hover on a pragma line: the pragma, a parameter, a task, a variable, a language.

Richer than the kernel's `#%help`: the full documentation, the usage line, a parameter
table, what the cell body means and an example; for tasks and variables, what the workflow
made of them (from the analysis, not from the other cells' text).
"""

from __future__ import annotations

import difflib

from proactive_lsp.analysis import Analysis
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.features.completion import KIND_WORDS, param_markdown
from proactive_lsp.features.hover_workflow import (
    diagnostics_at,
    task_markdown,
    unknown_task_markdown,
    variable_markdown,
)
from proactive_lsp.features.items import HoverInfo
from proactive_lsp.features.meaning import Meaning, cell_text, live_pragmas, meaning
from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import Body, PragmaSpec
from proactive_lsp.syntax.lexer import Lexed, Piece, Role, lex
from proactive_lsp.text import Position, Range

_BODY = {
    Body.IGNORED: "ignored: the kernel does nothing with the lines after the pragma.",
    Body.TASK: "the task's implementation, in `language` (Python by default); ignored when "
    "`path=` is given.",
    Body.JAVASCRIPT: "a JavaScript flow script (the kernel always runs it as JavaScript).",
    Body.SCRIPT: "the script's source, in `language`; ignored when `path=` is given.",
    Body.IMPORT_PREFIX: "code put in front of every later task of that language (typically "
    "`import` statements).",
}
_MISPLACED = (
    "> ⚠ This is not the first line of the cell: the kernel reads it as a plain comment."
)


def hover(analysis: Analysis, cell: int, position: Position) -> HoverInfo | None:
    """What is under ``position`` (cell-relative) on a pragma line, or None."""
    text = cell_text(analysis, cell)
    lines = [] if text is None else text.split("\n")
    if not 0 <= position.line < len(lines):
        return None
    line = lines[position.line]
    if not line.startswith("#%"):
        return None
    if analysis.document.kind is SourceKind.PYTHON_FILE and line.startswith("#%%"):
        return None
    lexed = lex(line)
    column = position.column
    number = position.line
    if column < lexed.trigger_end or (column == lexed.trigger_end and lexed.trigger):
        found = _pragma(lexed.trigger)
        if found is None:
            return None
        markdown = found if number == 0 else f"{_MISPLACED}\n\n{found}"
        return HoverInfo(markdown, Range.on_line(number, 0, lexed.trigger_end))
    if number != 0:
        return None
    piece = lexed.at(column)
    if piece is None:
        return None
    where = Range.on_line(number, piece.start, piece.end)
    text_found = _word(analysis, cell, lexed, piece, where)
    return None if text_found is None else HoverInfo(text_found, where)


def _word(analysis: Analysis, cell: int, lexed: Lexed, piece: Piece, where: Range) -> str | None:
    spec = PRAGMAS.get(lexed.trigger)
    if spec is None:
        return None
    key = piece.text if piece.role is Role.KEY else piece.key
    param = spec.param(key) if key is not None else None
    if piece.role is Role.KEY:
        return _param(spec, piece.text)
    if piece.role not in (Role.VALUE, Role.ITEM):
        return None if param is None else param_markdown(spec, param)
    kind = meaning(spec.name, key)
    if kind in (Meaning.TASK_DEFINITION, Meaning.TASK_REFERENCE):
        return _task(analysis, cell, piece, where, key == "dep" and piece.role is Role.VALUE)
    if kind in (Meaning.EXPORT, Meaning.IMPORT):
        names = [piece.text] if piece.role is Role.ITEM else list(piece.text)
        return "\n\n---\n\n".join(variable_markdown(analysis, name) for name in names)
    if kind is Meaning.LANGUAGE and piece.text in LANGUAGES:
        found = f"**`{piece.text}`** · script language, run by ProActive's `"
        found += f"{LANGUAGES[piece.text]}` engine"
        return found if param is None else f"{found}\n\n---\n\n{param_markdown(spec, param)}"
    if kind is Meaning.PRAGMA and piece.text in PRAGMAS:
        return _pragma(piece.text)
    return None if param is None else param_markdown(spec, param)


def _task(analysis: Analysis, cell: int, piece: Piece, where: Range, letters: bool) -> str:
    """A task name; `dep=abc` is read as tasks `a`, `b`, `c`, so say so."""
    tasks = analysis.workflow.tasks
    names = list(piece.text) if letters else [piece.text]
    parts = []
    if letters and len(piece.text) > 1:
        parts.append(f"> ⚠ `dep={piece.text}` without brackets means the tasks "
                     + ", ".join(f"`{ch}`" for ch in piece.text) + f": write `dep=[{piece.text}]`.")
    for name in names:
        task = tasks.get(name)
        parts.append(task_markdown(analysis, task) if task is not None
                     else unknown_task_markdown(analysis, name))
    problems = diagnostics_at(analysis, cell, where)
    if problems:
        parts.append("\n".join(f"- ⚠ {p.code}: {p.message}" for p in problems))
    return "\n\n---\n\n".join(parts)


def _pragma(name: str) -> str | None:
    spec = PRAGMAS.get(name)
    if spec is None:
        if not name:
            return None
        close = difflib.get_close_matches(name, [s.name for s in live_pragmas()], n=1)
        hint = f" Did you mean `#%{close[0]}`?" if close else ""
        return (f"**`#%{name}`** · unknown pragma\n\nThe kernel refuses it: "
                f"`Pragma error: Directive '{name}' not known.`{hint}")
    return pragma_markdown(spec)


def pragma_markdown(spec: PragmaSpec) -> str:
    parts = [f"**`#%{spec.name}`** — {spec.summary}"]
    if spec.removed:
        parts.append("> ⚠ **Removed** from the kernel in 2019: 13.0.4 refuses it "
                     f"(`Directive '{spec.name}' not known.`).")
    parts += [spec.doc, f"```text\n{spec.usage}\n```"]
    if spec.params:
        rows = ["| parameter | kind | required | default |", "|---|---|---|---|"]
        for param in spec.params:
            label = f"`{param.name}`" + (" *(hidden)*" if param.hidden else "")
            rows.append(f"| {label} | {KIND_WORDS.get(param.kind, 'text')} | "
                        f"{'yes' if param.required else 'no'} | {_cell(param.default)} |")
        parts.append("\n".join(rows))
    facts = [f"**Cell body:** {_BODY[spec.body]}"]
    if spec.control is not None:
        facts.append(f"**Control:** part of a `{spec.control.value}` control.")
    if spec.needs_connection:
        facts.append("**Needs a connection** (`#%connect` or `proactive_config.ini`).")
    parts.append("\n".join(f"- {fact}" for fact in facts))
    if spec.example:
        parts.append(f"**Example**\n\n```python\n{spec.example}\n```")
    return "\n\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def _param(spec: PragmaSpec, key: str) -> str:
    param = spec.param(key)
    if param is not None:
        return param_markdown(spec, param)
    known = [p.name for p in spec.params]
    close = difflib.get_close_matches(key, known, n=1)
    hint = f" Did you mean `{close[0]}`?" if close else ""
    listing = ", ".join(f"`{name}`" for name in known) or "none"
    return (f"**`{key}`** · unknown parameter of `#%{spec.name}`\n\nThe kernel ignores it "
            f"silently.{hint}\n\nParameters: {listing}.")
