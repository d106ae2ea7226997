"""Per-pragma checks of a parsed pragma line, driven by the table in ``pragmas.py``.

What kernel 13.0.4's ``is_valid`` (and the handlers' first lookups) would refuse or silently
misread: unknown or removed pragmas (PA102, PA103), missing required parameters (PA106),
unknown and duplicate keys (PA201, PA202), and each value against its kind (PA203-PA206, in
``value_checks.py``).  Cross-cell facts (tasks, exports, control order) belong to the model.
"""

from __future__ import annotations

import difflib

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix, Severity
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.language.spec import Kind, PragmaSpec
from proactive_lsp.language.value_checks import check_value
from proactive_lsp.language.values import accepts
from proactive_lsp.syntax.tree import Param, Pragma
from proactive_lsp.text import Range

_LIVE = sorted(name for name, spec in PRAGMAS.items() if not spec.removed)


def validate_pragma(pragma: Pragma) -> list[Diagnostic]:
    """Problems of one pragma on its own; only PA102/PA103 when it did not parse."""
    spec = PRAGMAS.get(pragma.name.text)
    if spec is None:
        return [_unknown_pragma(pragma)]
    if spec.removed:
        return [_removed(pragma)]
    if not pragma.parsed:
        return []
    if not pragma.has_parens:
        return _bare(pragma, spec)
    found: list[Diagnostic] = []
    found.extend(_unknown_params(pragma, spec))
    found.extend(_duplicates(pragma))
    found.extend(_required(pragma, spec))
    skipped = _skipped(pragma, spec)
    for param in _effective(pragma):
        param_spec = spec.param(param.key.text)
        if param_spec is not None and param_spec.name not in skipped:
            found.extend(check_value(spec, param_spec, param))
    return found


def rejects(pragma: Pragma, diagnostics: list[Diagnostic]) -> bool:
    """Whether the kernel refuses this pragma (Parsing, Parameter or Pragma error, a crash, an
    unsupported language): every error our parser and validator emit stands for one."""
    return not pragma.parsed or any(d.severity is Severity.ERROR for d in diagnostics)


def closest_pragma(name: str) -> str | None:
    """The live pragma most likely meant: same name ignoring case, else the nearest spelling."""
    for candidate in _LIVE:
        if candidate.lower() == name.lower().replace(" ", "_").replace("-", "_"):
            return candidate
    found = difflib.get_close_matches(name.lower(), _LIVE, n=1, cutoff=0.6)
    return found[0] if found else None


def _unknown_pragma(pragma: Pragma) -> Diagnostic:
    name = pragma.name.text
    message = f"Directive '{name}' not known."
    if name == "":
        message += " Expected a pragma name after `#%`, e.g. `#%task(name=...)`"
    elif "\r" in name:
        message += " The line ends with `\\r` (CRLF line ending), which the kernel keeps"
    closest = closest_pragma(name.strip())
    fixes: tuple[Fix, ...] = ()
    if closest is not None and name:
        message += f" Did you mean `{closest}`?"
        fixes = (Fix(f"Write `{closest}`", (Edit(pragma.name.range, closest),), preferred=True),)
    return make("PA102", message, pragma.name.range, fixes=fixes)


def _removed(pragma: Pragma) -> Diagnostic:
    job_id = pragma.value("id")
    replacement = f"get_job_result(job_id={job_id})" if job_id else "get_job_result()"
    end = pragma.close_paren.end if pragma.close_paren else (
        pragma.params[-1].range.end if pragma.params else pragma.name.range.end
    )
    edit = Edit(Range(pragma.name.range.start, end), replacement)
    return make(
        "PA103",
        "`get_result` was removed from the kernel (Directive 'get_result' not known.): use "
        "`#%get_job_result(job_id=...)`",
        pragma.name.range,
        fixes=(Fix(f"Replace with `{replacement}`", (edit,), preferred=True),),
        tags=("deprecated",),
    )


def _bare(pragma: Pragma, spec: PragmaSpec) -> list[Diagnostic]:
    """Without `(` the kernel checks nothing and fills only `name=''`: a handler that reads
    another required key crashes with a raw KeyError (`#%configure` -> `'task'`)."""
    found: list[Diagnostic] = []
    for param_spec in spec.params:
        if param_spec.required and param_spec.name != "name":
            found.append(make(
                "PA106",
                f"`#%{spec.name}` without parameters: the kernel fails with "
                f"`Proactive error: '{param_spec.name}'`; write "
                f"`#%{spec.name}({param_spec.name}=...)`",
                pragma.name.range,
            ))
    return found


def _required(pragma: Pragma, spec: PragmaSpec) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for param_spec in spec.params:
        if param_spec.required and pragma.param(param_spec.name) is None:
            where = pragma.open_paren or pragma.name.range
            insert = f"{param_spec.name}=" + (", " if pragma.params else "")
            fix = Fix(f"Add `{param_spec.name}=`", (Edit(Range(where.end, where.end), insert),))
            found.append(make(
                "PA106",
                f"{param_spec.message or 'Invalid parameters'}: `#%{spec.name}` needs "
                f"`{param_spec.name}=` ({param_spec.doc.split('. ')[0].rstrip('.')})",
                pragma.name.range,
                fixes=(fix,),
            ))
    return found


def _unknown_params(pragma: Pragma, spec: PragmaSpec) -> list[Diagnostic]:
    names = [p.name for p in spec.params]
    found: list[Diagnostic] = []
    for param in pragma.params:
        key = param.key.text
        if key in names:
            continue
        bare = key.lstrip("[")
        close = [n for n in names if n.lower() == bare.lower()] or difflib.get_close_matches(
            bare, names, n=1, cutoff=0.6
        )
        edits: tuple[Edit, ...] = (Edit(param.key.range, close[0]),) if close else ()
        if key.startswith("[") and close:
            message = (f"unknown parameter `{key}`: `[...]` marks an optional parameter in the "
                       f"usage text; write `{close[0]}=...`")
            if param.value.text.endswith("]"):
                end = param.value.range.end
                bracket = Range.on_line(end.line, end.column - 1, end.column)
                edits += (Edit(bracket, ""),)
        else:
            message = f"unknown parameter `{key}`: `#%{spec.name}` ignores it"
            if close:
                message += f"; did you mean `{close[0]}`?"
        fixes = (Fix(f"Write `{close[0]}`", edits, preferred=True),) if close else ()
        found.append(make("PA201", message, param.key.range, fixes=fixes))
    return found


def _duplicates(pragma: Pragma) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for index, param in enumerate(pragma.params):
        last = pragma.param(param.key.text)
        if last is None or last is param:
            continue
        shown = last.value.text if last.value.text else "''"
        found.append(make(
            "PA202",
            f"duplicate parameter `{param.key.text}`: the kernel uses the last one "
            f"(`{param.key.text}={shown}`)",
            param.range,
            fixes=(Fix("Remove this one", (Edit(_removal(pragma, index), ""),)),),
            tags=("unnecessary",),
        ))
    return found


def _removal(pragma: Pragma, index: int) -> Range:
    """The text to delete to drop a parameter and one of its separating commas."""
    params = pragma.params
    if index + 1 < len(params):
        return Range(params[index].range.start, params[index + 1].range.start)
    if index > 0:
        return Range(params[index - 1].range.end, params[index].range.end)
    return params[index].range


def _effective(pragma: Pragma) -> list[Param]:
    """The parameters the kernel keeps: the last one of each key."""
    return [p for p in pragma.params if pragma.param(p.key.text) is p]


def _skipped(pragma: Pragma, spec: PragmaSpec) -> frozenset[str]:
    """`connect` checks nothing else when `path` is valid (kernel-13.0.4.md §6.1)."""
    path = pragma.value("path")
    if spec.name == "connect" and path is not None and accepts(Kind.PATH, path):
        return frozenset(p.name for p in spec.params)
    return frozenset()
