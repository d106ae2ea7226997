"""Checks of one parameter value against its spec: PA203, PA204, PA205, PA206.

Only the value the kernel uses (the last of duplicates) is checked, as the kernel does.
"""

from __future__ import annotations

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix
from proactive_lsp.language.languages import LANGUAGES, closest_language
from proactive_lsp.language.params import NAMES_MESSAGE, TUPLES_MESSAGE
from proactive_lsp.language.spec import Kind, ParamSpec, PragmaSpec
from proactive_lsp.language.values import ID, IDH, accepts, why
from proactive_lsp.syntax.tree import Param, ValueKind, Word
from proactive_lsp.text import Range

# Code generation breaks on hyphens in these (kernel-13.0.4.md §1.5): PA206.
_CODE_NAMES = frozenset({"export", "import"})


def check_value(spec: PragmaSpec, param_spec: ParamSpec, param: Param) -> list[Diagnostic]:
    if param_spec.kind is Kind.NAMES:
        return _names(param_spec, param)
    if param_spec.kind is Kind.TUPLES:
        return _tuples(param_spec, param)
    if param_spec.kind is Kind.TEXT or not param_spec.validated:
        return []
    value = param.value
    if value.kind is not ValueKind.SCALAR:
        reason = "this parameter takes a single value, not a list"
        return [_invalid(param_spec, value.range, reason)]
    return _scalar(spec, param_spec, param)


def _scalar(spec: PragmaSpec, param_spec: ParamSpec, param: Param) -> list[Diagnostic]:
    text, where = param.value.text, param.value.range
    kind = param_spec.kind
    # An empty message means the kernel does not check the form while parsing (e.g. the hidden
    # `language` of selection_script): only the run-time language lookup below applies.
    if param_spec.message and not accepts(kind, text):
        reference = kind is Kind.IDENT and param_spec.name in ("name", "task_name")
        return [_invalid(param_spec, where, why(kind, text, reference=reference))]
    if kind is Kind.LANGUAGE and text not in LANGUAGES:
        return [_unsupported(text, where)]
    if kind is Kind.PRAGMA:
        return _help_topic(text, where)
    if kind is Kind.TASK_NAME and "-" in text:
        return [_hyphen(where, f"task `{text}` can be used in `dep` but no other pragma can "
                        "reference it (delete_task, scripts, results need an identifier)")]
    return []


def _names(param_spec: ParamSpec, param: Param) -> list[Diagnostic]:
    value, key = param.value, param.key.text
    if value.kind is ValueKind.TUPLE_LIST:
        if not param_spec.validated:
            return []
        return [_invalid(param_spec, value.range, f"`{key}` is a list of names, e.g. `[a, b]`")]
    if value.kind is ValueKind.SCALAR:
        return _scalar_names(param_spec, param)
    found: list[Diagnostic] = []
    for item in value.items:
        if param_spec.validated and not IDH.match(item.text):
            found.append(_invalid(param_spec, item.range, f"`{item.text}` is not a name"))
        elif key in _CODE_NAMES and "-" in item.text:
            found.append(_hyphen(item.range, f"`{item.text}` becomes `{item.text} = ...` in the "
                                 "generated Python code, which is invalid"))
    return found


def _scalar_names(param_spec: ParamSpec, param: Param) -> list[Diagnostic]:
    value, key = param.value, param.key.text
    if value.text == "":
        return []  # `dep=` means no dependencies
    letters = ", ".join(f"`{c}`" for c in value.text)
    fix = Fix(f"Write `{key}=[{value.text}]`", (Edit(value.range, f"[{value.text}]"),),
              preferred=True)
    if param_spec.validated:
        for word in _characters(param):
            if not IDH.match(word.text):
                return [make(
                    "PA203",
                    f"{NAMES_MESSAGE}: without brackets the kernel reads `{key}={value.text}` "
                    f"character by character, and `{word.text}` is not a name; write "
                    f"`{key}=[{value.text}]`",
                    word.range, fixes=(fix,),
                )]
    return [make(
        "PA204",
        f"`{key}={value.text}` is not a list: the kernel reads it character by character "
        f"as {letters}; write `{key}=[{value.text}]`",
        value.range, fixes=(fix,),
    )]


def _tuples(param_spec: ParamSpec, param: Param) -> list[Diagnostic]:
    value, key = param.value, param.key.text
    if value.kind is not ValueKind.TUPLE_LIST:
        if value.kind is ValueKind.SCALAR and value.text == "":
            return []
        return [_invalid(param_spec, value.range,
                         f"`{key}` is a list of `(KEY, VALUE)` pairs, e.g. `[(MODE, fast)]`",
                         message=param_spec.message or TUPLES_MESSAGE)]
    if not param_spec.validated:
        return []
    found: list[Diagnostic] = []
    for pair in value.pairs:
        for item in (pair.key, pair.value):
            if not ID.match(item.text):
                found.append(_invalid(
                    param_spec, item.range,
                    f"both items of a `{key}` pair must be identifiers, `{item.text}` is not "
                    "(numbers and paths cannot be passed here)",
                ))
    return found


def _characters(param: Param) -> tuple[Word, ...]:
    start = param.value.range.start
    return tuple(
        Word(c, Range.on_line(start.line, start.column + i, start.column + i + 1))
        for i, c in enumerate(param.value.text)
    )


def _invalid(param_spec: ParamSpec, where: Range, reason: str, *, message: str = "") -> Diagnostic:
    kernel = message or param_spec.message or f"Invalid {param_spec.name} parameter"
    return make("PA203", f"{kernel}: {reason}", where)


def _unsupported(text: str, where: Range) -> Diagnostic:
    closest = closest_language(text)
    message = f"Language '{text}' not supported! Supported languages: " + ", ".join(LANGUAGES)
    fixes: tuple[Fix, ...] = ()
    if closest is not None:
        message += f"; did you mean `{closest}`?"
        fixes = (Fix(f"Write `{closest}`", (Edit(where, closest),), preferred=True),)
    return make("PA205", message, where, fixes=fixes)


def _help_topic(text: str, where: Range) -> list[Diagnostic]:
    from proactive_lsp.language.pragmas import HELP_TOPICS

    if text in HELP_TOPICS:
        return []
    import difflib

    reason = {
        "help": "`help` is not a help topic",
        "get_result": "`get_result` was removed; see `get_job_result`",
    }.get(text, "no such pragma")
    found = difflib.get_close_matches(text, sorted(HELP_TOPICS), n=1)
    fixes = tuple(Fix(f"Write `{n}`", (Edit(where, n),), preferred=True) for n in found)
    return [make("PA203", f"Pragma '{text}' not known. ({reason})", where, fixes=fixes)]


def _hyphen(where: Range, reason: str) -> Diagnostic:
    return make("PA206", f"hyphenated name: {reason}", where)
