"""Signature help inside a pragma's parentheses: the kernel's usage line, one entry per
documented parameter, and the parameter under the cursor (or the next one to write)."""

from __future__ import annotations

from proactive_lsp.analysis import Analysis
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.features.items import ParameterInfo, SignatureInfo
from proactive_lsp.features.meaning import cell_text
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import ParamSpec, PragmaSpec
from proactive_lsp.syntax.lexer import Lexed, Role, lex
from proactive_lsp.text import Position


def signature_help(analysis: Analysis, cell: int, position: Position) -> SignatureInfo | None:
    text = cell_text(analysis, cell)
    if text is None or position.line != 0:
        return None
    line = text.split("\n", 1)[0]
    if not line.startswith("#%") or (
        analysis.document.kind is SourceKind.PYTHON_FILE and line.startswith("#%%")
    ):
        return None
    lexed = lex(line)
    spec = PRAGMAS.get(lexed.trigger)
    column = min(position.column, len(line))
    if spec is None or lexed.paren < 0 or column <= lexed.paren:
        return None
    closing = next((p for p in lexed.pieces if p.role is Role.CLOSE), None)
    if closing is not None and column >= closing.end:
        return None
    usage = _usage(spec, lexed)
    documented = [param for param in spec.params if not param.hidden]
    if usage != spec.usage:  # one of several forms: only its own parameters
        documented = [param for param in documented if f"{param.name}=" in usage]
    label, spans = usage_spans(spec, usage, documented)
    ordered = sorted(documented, key=lambda param: spans[param.name])
    parameters = tuple(ParameterInfo(spans[p.name], _param_doc(p)) for p in ordered)
    return SignatureInfo(
        label=label,
        documentation=f"{spec.summary}\n\n{spec.doc}",
        parameters=parameters,
        active_parameter=_active(lexed, column, ordered),
    )


def _usage(spec: PragmaSpec, lexed: Lexed) -> str:
    """The usage line; `connect` has three forms, picked by the keys already written."""
    forms = spec.usage.split("\n")
    used = {piece.text for piece in lexed.key_pieces()}
    for key in ("path", "url"):
        if key in used:
            return next((form for form in forms if f"[{key}=" in form or f"({key}=" in form),
                        forms[0])
    return forms[0]


def usage_spans(
    spec: PragmaSpec, usage: str, documented: list[ParamSpec]
) -> tuple[str, dict[str, tuple[int, int]]]:
    """The label and the [start, end) of each documented parameter in it.

    Parameters the kernel's usage line leaves out (e.g. `export` of `#%split`) are appended
    as optional ones, so that every offset points into the label.
    """
    spans = _segments(usage)
    missing = [param for param in documented if param.name not in spans]
    if missing:
        close = usage.rfind(")")
        head, tail = (usage[:close], usage[close:]) if close >= 0 else (usage, "")
        separator = "" if head.endswith("(") else ", "
        extra = ", ".join(f"[{param.name}=...]" for param in missing)
        usage = head + separator + extra + tail
        spans = _segments(usage)
    return usage, {name: span for name, span in spans.items()
                   if any(param.name == name for param in documented)}


def _segments(usage: str) -> dict[str, tuple[int, int]]:
    """Each top-level `key=...` (or `[key=...]`) between the parentheses, by key."""
    open_at = usage.find("(")
    if open_at < 0:
        return {}
    found: dict[str, tuple[int, int]] = {}
    depth, start = 0, open_at + 1

    def close(end: int) -> None:
        segment = usage[start:end]
        stripped = segment.strip()
        if "=" in stripped:
            offset = start + segment.index(stripped[0])
            key = stripped.lstrip("[").split("=", 1)[0].strip()
            found.setdefault(key, (offset, offset + len(stripped)))

    for index in range(open_at + 1, len(usage)):
        char = usage[index]
        if char in "[(":
            depth += 1
        elif char in "])":
            if depth == 0:
                close(index)
                break
            depth -= 1
        elif char == "," and depth == 0:
            close(index)
            start = index + 1
    return found


def _active(lexed: Lexed, column: int, ordered: list[ParamSpec]) -> int | None:
    names = [param.name for param in ordered]
    key = lexed.key_at(column)
    used = {piece.text for piece in lexed.key_pieces()}
    if key in names:
        return names.index(key)
    if key is not None:  # a key being typed: the first unused parameter it starts
        return next((i for i, name in enumerate(names)
                     if name.startswith(key) and name not in used - {key}), None)
    for wanted in (True, False):
        for index, param in enumerate(ordered):
            if param.name not in used and param.required == wanted:
                return index
    return None


def _param_doc(param: ParamSpec) -> str:
    extra = []
    if param.values:
        extra.append("values: " + ", ".join(f"`{value}`" for value in param.values))
    if param.default:
        extra.append(f"default: {param.default}")
    status = "**required**. " if param.required else ""
    return status + param.doc + (f" ({'; '.join(extra)})" if extra else "")
