"""Table entries for the control pragmas: replicate, loop and branch (kernel-13.0.4.md §3.6).

Each control is a fixed sequence of cells; any other pragma in between is refused:
replicate = split, runs, process, merge; loop = start, condition, loop;
branch = branch, condition, if, else, continuation.
"""

from __future__ import annotations

from proactive_lsp.language import params as p
from proactive_lsp.language.languages import DEFAULT_FLOW_LANGUAGE
from proactive_lsp.language.spec import Body, Control, Kind, ParamSpec, PragmaSpec

_FLOW_LANGUAGE = ParamSpec(
    "language", Kind.TEXT,
    "Ignored: the flow script is always JavaScript. `language=Python` only makes the kernel "
    "check the body as Python.",
    validated=False, hidden=True, default=DEFAULT_FLOW_LANGUAGE,
)

_USAGE_TAIL = "[language=SCRIPT_LANGUAGE], [path=./FORK_ENV_FILE.py])"
_WITH_DEP = "[dep=[TASK_NAME1,TASK_NAME2,...]], [generic_info=[(KEY1,VAL1), (KEY2,VALUE2),...]], "
_NO_DEP = "[generic_info=[(KEY1,VAL1),(KEY2,VALUE2),...]], "

_CONTROL_NOTE = (
    "\n\nWhile a control is open every other pragma is refused, but a plain cell slips in "
    "(in block mode it becomes a task and hijacks the next step)."
)


def _opening(name: str, control: Control, summary: str, doc: str, example: str) -> PragmaSpec:
    return PragmaSpec(
        name=name, summary=summary, doc=doc + _CONTROL_NOTE,
        usage=f"#%{name}([name=TASK_NAME], {_WITH_DEP}{_USAGE_TAIL}",
        params=p.task_like(f"{name}<N>", with_dep=True),
        body=Body.TASK, creates_task=True, control=control, example=example,
    )


def _step(name: str, control: Control, summary: str, doc: str, default: str,
          example: str) -> PragmaSpec:
    return PragmaSpec(
        name=name, summary=summary, doc=doc + _CONTROL_NOTE,
        usage=f"#%{name}([name=TASK_NAME], {_NO_DEP}{_USAGE_TAIL}",
        params=p.task_like(default, with_dep=False),
        body=Body.TASK, creates_task=True, control=control, example=example,
    )


def _script(name: str, control: Control | None, summary: str, doc: str,
            example: str) -> PragmaSpec:
    return PragmaSpec(
        name=name, summary=summary, doc=doc + _CONTROL_NOTE, usage=f"#%{name}()",
        params=(_FLOW_LANGUAGE,), body=Body.JAVASCRIPT, control=control, example=example,
    )


R, L, B = Control.REPLICATE, Control.LOOP, Control.BRANCH

SPLIT = _opening(
    "split", R, "creates/modifies a splitting task of a replicate control",
    "Opens a **replicate** control: this task runs once, then `#%runs` decides how many "
    "copies of the `#%process` task run in parallel, and `#%merge` gathers them. "
    "Default name `split<N>`; flow block `start`.",
    "#%split(name=prepare)\ndata = load()",
)
RUNS = _script(
    "runs", R, "creates/modifies the configuration script of a replicate control",
    "The cell body is a **JavaScript** replicate script that sets `runs`, the number of "
    "parallel copies of the next `#%process` task. It is attached to the last task changed "
    "(normally the split). Parameters are accepted and ignored.",
    "#%runs()\nruns = 4",
)
PROCESS = _step(
    "process", R, "creates/modifies the script of a replicated processing task",
    "The task run `runs` times in parallel. It depends on the split by default. Its default "
    "name is `process` + the last digits of the split's name (`split5` -> `process5`); a "
    "split named without digits makes the kernel fail (`pop from empty list`).",
    "process<digits of the previous task>",
    "#%process()\nresult = work(variables.get('PA_TASK_REPLICATION'))",
)
MERGE = _step(
    "merge", R, "creates/modifies a merging task of a replicate control",
    "Closes the replicate control: runs once after every copy of the process task. "
    "Depends on the process task by default; default name `merge` + its digits; "
    "flow block `end`.",
    "merge<digits of the previous task>",
    "#%merge()\nprint('all replicas done')",
)
START = _opening(
    "start", L, "creates/modifies a start task of a loop control",
    "Opens a **loop** control: the loop runs from this task to the `#%loop` task while the "
    "`#%condition` script sets `loop` to true. Default name `start<N>`; flow block `start`.",
    "#%start(name=init)\ni = 0",
)
CONDITION = _script(
    "condition", None, "creates/modifies the condition script of a branch/loop control",
    "The cell body is a **JavaScript** flow script. After `#%start` it is the loop condition "
    "(set `loop = true|false`); after `#%branch` it chooses the branch (set "
    "`branch = 'if'|'else'`). Parameters are accepted and ignored.",
    "#%condition()\nloop = variables.get('i') < 10",
)
LOOP = _step(
    "loop", L, "creates/modifies a loop task of a loop control",
    "Closes the loop control: the last task of the loop body, carrying the loop script that "
    "jumps back to the start task. Depends on the start by default; default name `loop` + "
    "the start's digits; flow block `end`.",
    "loop<digits of the start task>",
    "#%loop()\ni = i + 1",
)
BRANCH = _opening(
    "branch", B, "creates/modifies a branch task of a branching control",
    "Opens a **branch** control: after this task the `#%condition` script picks the `#%if` "
    "or the `#%else` task, then `#%continuation` runs. Default name `branch<N>`.",
    "#%branch(name=check)\nok = validate()",
)
IF = _step(
    "if", B, "creates/modifies an if task of a branching control",
    "The task run when the branch condition chooses `if`. It gets no automatic dependency.",
    "if<N>", "#%if()\nprint('valid')",
)
ELSE = _step(
    "else", B, "creates/modifies an else task of a branching control",
    "The task run when the branch condition chooses `else`. It gets no automatic dependency.",
    "else<N>", "#%else()\nprint('invalid')",
)
CONTINUATION = _step(
    "continuation", B, "creates/modifies a continuation task of a branching control",
    "Closes the branch control: the task run after the if or else task. The branch script is "
    "attached to the branch task at this point.",
    "continuation<N>", "#%continuation()\nprint('done')",
)

CONTROL_PRAGMAS = (SPLIT, RUNS, PROCESS, MERGE, START, CONDITION, LOOP, BRANCH, IF, ELSE,
                   CONTINUATION)
