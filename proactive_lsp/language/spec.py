"""The shape of the pragma table: one entry per pragma, one per parameter.

The table itself (``language/pragmas.py``) is the single source for validation, hover,
completion, signature help and the generated docs, so every fact about a parameter lives there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How the kernel validates a parameter's value (kernel-13.0.4.md §1.5)."""

    TASK_NAME = "task_name"  # IDH: a task name as `#%task` accepts it (hyphens allowed)
    IDENT = "ident"  # ID: identifier, no hyphen (references, control-task names, job name)
    IDENT_OR_EMPTY = "ident_or_empty"  # ID or '' (optional names that default)
    NAMES = "names"  # list of IDH (dep, export, import)
    TUPLES = "tuples"  # list of (ID, ID)
    LANGUAGE = "language"  # LANG regex, then must be one of the 12 supported languages
    ON_OFF = "on_off"
    BOOL = "bool"  # case-insensitive true/false
    DIGITS = "digits"
    PATH = "path"  # PATH characters, non-empty
    EXPR = "expr"  # runs expression
    PRAGMA = "pragma"  # [a-z_]+ and a known pragma other than help
    PASSWORD = "password"  # no space
    MODE = "mode"  # block | multiblock
    TEXT = "text"  # not validated by the kernel


class Body(Enum):
    """What the kernel does with the lines after the pragma line."""

    IGNORED = "ignored"
    TASK = "task"  # implementation in the task's language (Python by default); ignored with path=
    JAVASCRIPT = "javascript"  # runs / condition flow scripts
    SCRIPT = "script"  # pre/post/selection/fork scripts in `language` (default Jython)
    IMPORT_PREFIX = "import_prefix"  # #%import: code prepended to later tasks


class Control(Enum):
    """The control structure a pragma belongs to, if any."""

    REPLICATE = "replicate"
    LOOP = "loop"
    BRANCH = "branch"


@dataclass(frozen=True, slots=True)
class ParamSpec:
    name: str
    kind: Kind
    doc: str  # one or two sentences for hover and completion
    required: bool = False
    # False when the kernel accepts the key but never checks its value for this pragma
    # (e.g. `variables` on control pragmas, every key of `connect`'s path form).
    validated: bool = True
    # True for parameters that work but are not in the kernel's usage string or README.
    hidden: bool = False
    # The kernel's exact ParameterError text when the value fails (kernel-13.0.4.md §3.11).
    message: str = ""
    values: tuple[str, ...] = ()  # the allowed values, when they are a closed set
    default: str = ""  # what the kernel uses when the parameter is absent, in words


@dataclass(frozen=True, slots=True)
class PragmaSpec:
    name: str
    summary: str  # the kernel's help gist, e.g. "creates/modifies a task"
    doc: str  # Markdown: what it does, richer than `#%help`
    usage: str  # the kernel's usage line, e.g. "#%task(name=TASK_NAME, [dep=[...]], ...)"
    params: tuple[ParamSpec, ...]
    body: Body = Body.IGNORED
    empty_parens_ok: bool = True  # `#%x()` accepted (pragmas_empty)
    generic_grammar: bool = True  # False for connect and runtime_env: any text is accepted
    needs_connection: bool = True  # False for connect, help, configure
    creates_task: bool = False  # task and the task-creating control pragmas
    control: Control | None = None
    removed: bool = False  # get_result: documented but removed from the kernel
    example: str = ""  # a realistic cell for docs and hover

    def param(self, name: str) -> ParamSpec | None:
        for spec in self.params:
            if spec.name == name:
                return spec
        return None
