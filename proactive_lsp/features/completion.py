"""Completion on pragma lines: pragma names, parameter names, and values.

Every item is filtered here by what was typed (case-sensitive prefix matches first, then
case-insensitive ones) and shaped for both JupyterLab and VS Code (editors.md §3.3):
jupyterlab-lsp ignores ``textEdit`` and replaces the whole comment token with ``insertText``,
so ``insert_text`` repeats the line from column 0 up to the completed token, and
``edit_range`` covers exactly that span for clients that honour it. Snippets only when asked.
"""

from __future__ import annotations

import re

from proactive_lsp.analysis import Analysis
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.features.completion_values import Candidate, ValueContext, value_candidates
from proactive_lsp.features.items import MAX_ITEMS, CompletionItem
from proactive_lsp.features.meaning import cell_text, live_pragmas, meaning
from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import Kind, ParamSpec, PragmaSpec
from proactive_lsp.syntax.lexer import Lexed, Role, lex
from proactive_lsp.text import Position, Range

# `#`, `#%`, `#%ta`, `#% ta`, `#%%ta` before the cursor: a pragma name is being typed.
_NAME_TYPED = re.compile(r"#(?:%[% ]*(?P<word>[A-Za-z_]\w*)?)?\Z")
_PLACEHOLDER = re.compile(r"(?<![\w])(?P<key>\w+)=(?P<value>[A-Za-z_./]+)")


def complete(
    analysis: Analysis, cell: int, position: Position, *, snippets: bool
) -> list[CompletionItem]:
    """The completion items at ``position`` (cell-relative) in cell ``cell``."""
    text = cell_text(analysis, cell)
    lines = [] if text is None else text.split("\n")
    if not 0 <= position.line < len(lines):
        return []
    line = lines[position.line]
    column = max(0, min(position.column, len(line)))
    is_file = analysis.document.kind is SourceKind.PYTHON_FILE
    typed = _NAME_TYPED.match(line[:column])
    if typed is not None and (position.line == 0 or is_file):
        if is_file and line.startswith("#%%"):
            return []  # a cell marker in a `.py` file, never a pragma
        return _pragma_items(line, position.line, column, typed.group("word") or "", snippets)
    if position.line != 0 or not line.startswith("#%") or (is_file and line.startswith("#%%")):
        return []
    lexed = lex(line)
    if lexed.paren < 0 or column <= lexed.paren or lexed.trigger not in PRAGMAS:
        return []
    return _inside_parens(analysis, cell, lexed, position.line, column, snippets)


def matches(label: str, typed: str) -> int | None:
    """0 for a case-sensitive prefix match, 1 for a case-insensitive one, None otherwise."""
    if label.startswith(typed):
        return 0
    if label.lower().startswith(typed.lower()):
        return 1
    return None


# ---- pragma names ----------------------------------------------------------------------------

def _pragma_items(
    line: str, number: int, column: int, typed: str, snippets: bool
) -> list[CompletionItem]:
    end = column
    while end < len(line) and (line[end].isalnum() or line[end] == "_"):
        end += 1
    paren_follows = line[end : end + 1] == "("
    if paren_follows:
        end += 1
    found: list[tuple[int, int, PragmaSpec]] = []
    for rank, spec in enumerate(live_pragmas()):
        group = matches(spec.name, typed)
        if group is not None:
            found.append((group, rank, spec))
    found.sort(key=lambda entry: (entry[0], entry[1]))
    where = Range(Position(number, 0), Position(number, end))
    items = []
    for group, rank, spec in found:
        documented = [p for p in spec.params if not p.hidden]
        plain = f"#%{spec.name}(" if documented or paren_follows else f"#%{spec.name}()"
        snippet = _pragma_snippet(spec, documented) if snippets and not paren_follows else None
        items.append(CompletionItem(
            label=spec.name, kind="pragma", detail=spec.summary,
            documentation=f"{spec.doc}\n\n```text\n{spec.usage}\n```",
            insert_text=snippet or plain, filter_text=plain, edit_range=where,
            sort_text=f"{group}{rank:03d}", is_snippet=snippet is not None,
        ))
    return items


def _pragma_snippet(spec: PragmaSpec, documented: list[ParamSpec]) -> str | None:
    if not documented:
        return None
    required = [p for p in documented if p.required]
    if not required and not spec.empty_parens_ok:
        required = documented[:1]  # `#%write_dot()` is refused: give it its parameter
    if not required:
        return f"#%{spec.name}($1)$0"
    placeholders = {m["key"]: m["value"] for m in _PLACEHOLDER.finditer(spec.usage)}
    parts = []
    for number, param in enumerate(required, start=1):
        choices = _choices(param)
        if choices:
            parts.append(f"{param.name}=${{{number}|{','.join(choices)}|}}")
        else:
            hint = placeholders.get(param.name, param.name.upper()).replace("}", "")
            parts.append(f"{param.name}=${{{number}:{hint}}}")
    return f"#%{spec.name}({', '.join(parts)})$0"


def _choices(param: ParamSpec) -> tuple[str, ...]:
    if param.values:
        return param.values
    return tuple(LANGUAGES) if param.kind is Kind.LANGUAGE else ()


def escape_snippet(text: str) -> str:
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")


# ---- inside the parentheses ------------------------------------------------------------------

def _inside_parens(
    analysis: Analysis, cell: int, lexed: Lexed, number: int, column: int, snippets: bool
) -> list[CompletionItem]:
    piece = lexed.at(column)
    if piece is not None and piece.role is Role.KEY:
        return _key_items(lexed, number, piece.start, column, piece.end, snippets)
    before = lexed.before(column)
    if piece is None and before is not None and before.role in (Role.OPEN, Role.COMMA):
        return _key_items(lexed, number, column, column, column, snippets)
    if piece is not None and piece.role in (Role.VALUE, Role.ITEM):
        start, end, key, in_list = piece.start, piece.end, piece.key, piece.role is Role.ITEM
        list_start = piece.list_start
    elif piece is None and before is not None and before.role is Role.EQUALS:
        start, end, key, in_list, list_start = column, column, before.key, False, -1
    elif (piece is None and before is not None
          and before.role in (Role.LIST_OPEN, Role.LIST_COMMA)):
        start, end, key, in_list, list_start = column, column, before.key, True, before.list_start
    else:
        return []
    listed = frozenset(p.text for p in lexed.items_of_list(list_start)) if in_list else frozenset()
    context = ValueContext(
        analysis=analysis, cell=cell, pragma=lexed.trigger, key=key or "",
        meaning=meaning(lexed.trigger, key), typed=lexed.text[start:column], in_list=in_list,
        listed=listed - {lexed.text[start:end]}, own_name=_own_name(lexed),
        deps=[p.text for p in lexed.pieces if p.role is Role.ITEM and p.key == "dep"],
    )
    return _value_items(value_candidates(context), lexed.text[:start], number, end, snippets)


def _own_name(lexed: Lexed) -> str | None:
    names = [p.text for p in lexed.pieces if p.role is Role.VALUE and p.key == "name"]
    return names[-1] if names else None


def _key_items(
    lexed: Lexed, number: int, start: int, column: int, end: int, snippets: bool
) -> list[CompletionItem]:
    spec = PRAGMAS[lexed.trigger]
    used = {p.text for p in lexed.key_pieces() if not p.start <= column <= p.end}
    typed = lexed.text[start:column]
    prefix = lexed.text[:start]
    equals_follows = lexed.text[end:].lstrip(" ").startswith("=")
    found = []
    for rank, param in enumerate(spec.params):
        group = matches(param.name, typed)
        if param.name in used or group is None:
            continue
        order = 2 if param.hidden else (0 if param.required else 1)
        found.append((group, order, rank, param))
    found.sort(key=lambda entry: entry[:3])
    where = Range(Position(number, 0), Position(number, end))
    items = []
    for group, order, rank, param in found[:MAX_ITEMS]:
        plain, snippet = _key_texts(param, equals_follows)
        insert = escape_snippet(prefix) + snippet if snippets and snippet else prefix + plain
        items.append(CompletionItem(
            label=param.name, kind="parameter", detail=_key_detail(param),
            documentation=param_markdown(spec, param), insert_text=insert,
            filter_text=prefix + plain, edit_range=where, sort_text=f"{group}{order}{rank:03d}",
            is_snippet=bool(snippets and snippet),
        ))
    return items


def _key_texts(param: ParamSpec, equals_follows: bool) -> tuple[str, str | None]:
    if equals_follows:
        return param.name, None
    if param.kind is Kind.NAMES:
        return f"{param.name}=[", f"{param.name}=[$1]$0"
    if param.kind is Kind.TUPLES:
        return f"{param.name}=[(", f"{param.name}=[(${{1:KEY}}, ${{2:VALUE}})]$0"
    choices = _choices(param)
    if choices:
        return f"{param.name}=", f"{param.name}=${{1|{','.join(choices)}|}}$0"
    return f"{param.name}=", None


def _key_detail(param: ParamSpec) -> str:
    status = "required" if param.required else "hidden: accepted, not in the usage" if (
        param.hidden) else "optional"
    return f"{KIND_WORDS.get(param.kind, 'text')} · {status}"


def _value_items(
    candidates: list[Candidate], prefix: str, number: int, end: int, snippets: bool
) -> list[CompletionItem]:
    candidates.sort(key=lambda c: c.sort)
    where = Range(Position(number, 0), Position(number, end))
    return [
        CompletionItem(
            label=c.label, kind=c.kind, detail=c.detail, documentation=c.documentation,
            insert_text=prefix + c.text, filter_text=prefix + c.text, edit_range=where,
            sort_text=f"{index:04d}", is_snippet=False,
        )
        for index, c in enumerate(candidates[:MAX_ITEMS])
    ]


KIND_WORDS: dict[Kind, str] = {
    Kind.TASK_NAME: "task name",
    Kind.IDENT: "identifier",
    Kind.IDENT_OR_EMPTY: "identifier or empty",
    Kind.NAMES: "list of names",
    Kind.TUPLES: "list of (KEY, VALUE) pairs",
    Kind.LANGUAGE: "script language",
    Kind.ON_OFF: "on/off",
    Kind.BOOL: "true/false",
    Kind.DIGITS: "digits",
    Kind.PATH: "path",
    Kind.EXPR: "number or variable expression",
    Kind.PRAGMA: "pragma name",
    Kind.PASSWORD: "password",
    Kind.MODE: "block/multiblock",
    Kind.TEXT: "text (not checked)",
}


def param_markdown(spec: PragmaSpec, param: ParamSpec) -> str:
    """What a parameter means, for completion documentation and hover."""
    status = "required" if param.required else "optional"
    lines = [f"**`{param.name}`** · parameter of `#%{spec.name}` · "
             f"{KIND_WORDS.get(param.kind, 'text')} · {status}", "", param.doc]
    facts = []
    if param.values:
        facts.append("**Values:** " + ", ".join(f"`{v}`" for v in param.values))
    elif param.kind is Kind.LANGUAGE:
        facts.append("**Values:** " + ", ".join(f"`{v}`" for v in LANGUAGES))
    if param.default:
        facts.append(f"**Default:** {param.default}")
    if param.message and param.validated:
        facts.append(f"**When invalid:** the kernel says `Parameter error: {param.message}`")
    if not param.validated:
        facts.append(f"The kernel does not check this value for `#%{spec.name}`.")
    if param.hidden:
        facts.append("Not in the kernel's usage line, but accepted and used.")
    if facts:
        lines += ["", *[f"- {fact}" for fact in facts]]
    return "\n".join(lines)
