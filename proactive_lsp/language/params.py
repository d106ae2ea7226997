"""Parameter specs shared by several pragmas (task-like pragmas repeat the same dozen).

Each constructor takes ``validated``/``hidden`` because the same key is checked by `#%task`
but accepted unchecked by some control pragmas (kernel-13.0.4.md §2.2).
"""

from __future__ import annotations

from proactive_lsp.language.spec import Kind, ParamSpec

NAMES_MESSAGE = "Invalid dependencies parameter"  # the kernel says this for export/import too
TUPLES_MESSAGE = "Invalid generic information parameter"  # ... and for variables
LANGUAGE_MESSAGE = "Invalid script language parameter"
PATH_MESSAGE = "Invalid path parameter"
NAME_MESSAGE = "Invalid name parameter"


def dep(*, validated: bool = True, hidden: bool = False) -> ParamSpec:
    return ParamSpec(
        "dep", Kind.NAMES,
        "Tasks this one depends on, e.g. `dep=[prep, load]`. Unknown names are dropped with a "
        "warning; a bare `dep=abc` is read letter by letter as tasks `a`, `b`, `c`.",
        validated=validated, hidden=hidden, message=NAMES_MESSAGE if validated else "",
        default="no dependencies",
    )


def generic_info(*, validated: bool = True) -> ParamSpec:
    return ParamSpec(
        "generic_info", Kind.TUPLES,
        "ProActive generic information as `(KEY, VALUE)` pairs, e.g. "
        "`generic_info=[(NODE_ACCESS_TOKEN, gpu)]`. Keys and values must be identifiers.",
        validated=validated, message=TUPLES_MESSAGE if validated else "",
    )


def variables(*, validated: bool = True, hidden: bool = False) -> ParamSpec:
    return ParamSpec(
        "variables", Kind.TUPLES,
        "Variables as `(NAME, VALUE)` pairs, e.g. `variables=[(MODE, fast)]`. With `#%task` and "
        "`#%job` both items must be identifiers (`(N, 10)` is refused); control pragmas do "
        "not check them.",
        validated=validated, hidden=hidden, message=TUPLES_MESSAGE if validated else "",
    )


def export(*, validated: bool = True) -> ParamSpec:
    return ParamSpec(
        "export", Kind.NAMES,
        "Python variables of the body published for later tasks, e.g. `export=[df, model]`. "
        "The kernel appends `variables.put(\"x\", x)` to the body; a hyphenated name breaks it.",
        validated=validated, message=NAMES_MESSAGE if validated else "",
    )


def import_(*, validated: bool = True) -> ParamSpec:
    return ParamSpec(
        "import", Kind.NAMES,
        "Variables exported by an earlier task, e.g. `import=[df]`; each becomes "
        "`x = variables.get(\"x\")` at the top of the body. Note the `=`: `import[x]` is refused.",
        validated=validated, message=NAMES_MESSAGE if validated else "",
    )


def language(*, message: str = LANGUAGE_MESSAGE, default: str = "Python",
             required: bool = False, hidden: bool = False, doc: str = "") -> ParamSpec:
    return ParamSpec(
        "language", Kind.LANGUAGE,
        doc or "Script language of the body, one of the twelve supported names, spelled exactly "
        "(`Python`, `Linux_Bash`, `Groovy`, ...); `python` is refused.",
        required=required, hidden=hidden, message=message, default=default,
    )


def path(doc: str, *, message: str = PATH_MESSAGE, required: bool = False) -> ParamSpec:
    return ParamSpec("path", Kind.PATH, doc, required=required, message=message)


def impl_path() -> ParamSpec:
    return path(
        "File holding the implementation (relative to the kernel's working directory); the cell "
        "body is then ignored, and so are `import`/`export` code and `#%import` prefixes. A "
        "missing file is silently ignored by the SDK."
    )


def runs(*, validated: bool = True, hidden: bool = False) -> ParamSpec:
    return ParamSpec(
        "runs", Kind.EXPR,
        "Straight-forward replicate: run this task N times in parallel, e.g. `runs=4` or "
        "`runs=NB_RUNS`. The task needs exactly one parent, which must itself be a root task.",
        validated=validated, hidden=hidden, message="Invalid runs parameter" if validated else "",
    )


def precious_result(*, validated: bool = True, hidden: bool = False) -> ParamSpec:
    return ParamSpec(
        "precious_result", Kind.BOOL,
        "`true` to keep this task's result as a job result (case-insensitive true/false). "
        "Reset to false each time the task is redefined.",
        validated=validated, hidden=hidden,
        message="Invalid precious result parameter" if validated else "",
        values=("true", "false"), default="false",
    )


def control_name(default: str) -> ParamSpec:
    return ParamSpec(
        "name", Kind.IDENT_OR_EMPTY,
        f"Name of the task; when absent or empty the kernel names it `{default}`. An identifier "
        "(no hyphen). An existing name silently redefines that task.",
        message=NAME_MESSAGE, default=default,
    )


def ref_name(what: str, *, message: str = NAME_MESSAGE) -> ParamSpec:
    return ParamSpec(
        "name", Kind.IDENT,
        f"The task {what}, created in an earlier cell. An identifier: a hyphenated task cannot "
        "be referenced here.",
        required=True, message=message,
    )


def force(what: str) -> ParamSpec:
    return ParamSpec(
        "force", Kind.ON_OFF,
        f"`on` also applies the {what} to every existing task, overwriting their own; `off` "
        "(default) only to tasks created or redefined later. Lower-case only.",
        message="Invalid forcing parameter", values=("on", "off"), default="off",
    )


def job_id(message: str = "Invalid job_id parameter") -> ParamSpec:
    return ParamSpec(
        "job_id", Kind.DIGITS,
        "Numeric id of a submitted job; wins over `job_name`. Default: the last job submitted "
        "in this kernel session.",
        message=message, default="the last submitted job",
    )


def job_name() -> ParamSpec:
    return ParamSpec(
        "job_name", Kind.IDENT,
        "Name of a job submitted in this kernel session (its latest submission is used).",
        message="Invalid job_name parameter",
    )


def task_name() -> ParamSpec:
    return ParamSpec(
        "task_name", Kind.IDENT, "The task of that job whose result or output to print.",
        required=True, message="Invalid task_name parameter",
    )


def portal(name: str) -> tuple[ParamSpec, ...]:
    return (
        ParamSpec("host", Kind.PATH,
                  f"Server host (and `:port`) for the {name}; the URL is always "
                  "`https://HOST/...`. Default: the connected server's URL.",
                  message="Invalid host parameter"),
        ParamSpec("height", Kind.DIGITS, "Frame height in pixels.",
                  message="Invalid height parameter", default="750"),
        ParamSpec("width", Kind.DIGITS, "Frame width in pixels.",
                  message="Invalid width parameter", default="1200"),
    )


def task_like(default_name: str, *, with_dep: bool) -> tuple[ParamSpec, ...]:
    """The parameters of a task-creating control pragma (§2.2): some checked, some not."""
    return (
        control_name(default_name),
        dep(validated=with_dep, hidden=not with_dep),
        generic_info(),
        language(),
        impl_path(),
        export(),
        import_(),
        variables(validated=False, hidden=True),
        runs(validated=False, hidden=True),
        precious_result(validated=False, hidden=True),
    )
