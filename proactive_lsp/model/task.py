"""Tasks and scripts as the kernel builds them, with where each fact was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from proactive_lsp.language.languages import DEFAULT_TASK_LANGUAGE
from proactive_lsp.text import Position, Range


class TaskKind(Enum):
    TASK = "task"  # #%task
    CONTROL = "control"  # split/process/merge/start/loop/branch/if/else/continuation
    ANONYMOUS = "anonymous"  # DT<n> from a plain cell or `#%task` without a name
    DEFAULT_MERGE = "default_merge"  # added by the kernel at submit to close a replicate
    IMPORTED = "imported"  # created by #%import_dot


@dataclass(slots=True)
class Ref:
    """A name written somewhere: a dependency, an exported or imported variable."""

    name: str
    cell: int
    range: Range


def ref_names(refs: list[Ref]) -> tuple[str, ...]:
    """The names alone: what other tasks read of a dependency or variable list."""
    return tuple(ref.name for ref in refs)


@dataclass(frozen=True, slots=True)
class Script:
    """A pre/post/selection/fork script, or a job default one."""

    language: str  # the kernel's language name, e.g. `Linux_Bash`, `Groovy`, `Jython`
    code: str
    path: str | None
    cell: int
    range: Range  # the pragma's name, for navigation


class FlowKind(Enum):
    REPLICATE = "replicate"
    LOOP = "loop"
    BRANCH = "if"  # ProActive calls the branch action IF


@dataclass(slots=True)
class FlowScript:
    kind: FlowKind
    code: str  # JavaScript, as written in the runs/condition cell (or `runs=EXPR`)
    cell: int
    range: Range
    target: str | None = None  # loop start, or the if task
    target_else: str | None = None
    target_continuation: str | None = None


@dataclass(slots=True)
class Task:
    name: str
    kind: TaskKind
    pragma: str  # the pragma that created it (`task`, `split`, ... or '' for a plain cell)
    cell: int  # the cell of the current definition
    name_range: Range  # where the name is written, or the pragma name when it is a default
    name_is_default: bool = False
    defined_in: list[int] = field(default_factory=list)  # every defining cell, first first
    first_name_range: Range | None = None  # where the first definition wrote the name
    # Where a new parameter goes in the defining pragma (after the last one), or None when the
    # pragma has no parentheses (or there is no pragma): fixes that add a parameter use it.
    params_end: Position | None = None
    params_empty: bool = True  # `#%process()`: a new parameter needs no leading comma
    # The replay state that may change this object in place (see KernelState.own).
    gen: int = field(default=0, compare=False, repr=False)
    language: str | None = None  # explicit language; None means Python (cpython)
    deps: list[Ref] = field(default_factory=list)  # in the order the kernel adds them
    exports: list[Ref] = field(default_factory=list)
    imports: list[Ref] = field(default_factory=list)
    generic_info: list[tuple[str, str]] = field(default_factory=list)
    variables: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""  # the code as written, with multiblock appends
    body_cells: list[int] = field(default_factory=list)
    import_prefix: str = ""  # the #%import code for its language when it was (re)defined
    path: Ref | None = None
    runs: Ref | None = None  # straight-forward replicate expression
    precious_result: bool = False
    pre_script: Script | None = None
    post_script: Script | None = None
    # None means the kernel's default Groovy `selected = true`.
    selection_script: Script | None = None
    fork_env: Script | None = None
    flow_script: FlowScript | None = None
    flow_block: str | None = None  # "start" | "end"

    @property
    def engine_language(self) -> str:
        return self.language or DEFAULT_TASK_LANGUAGE

    @property
    def is_python(self) -> bool:
        """The kernel generates Python export code only for these (Jython counts as other)."""
        return self.language in (None, DEFAULT_TASK_LANGUAGE)
