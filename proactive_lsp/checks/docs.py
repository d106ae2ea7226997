"""The documentation of every diagnostic code, and the generator of ``docs/diagnostics.md``.

Each entry says what the check detects, why it matters when the kernel runs the notebook or
ProActive receives the job, a small notebook that triggers it and the same notebook corrected.
The examples are executable: ``tests/checks/test_docs.py`` runs both through ``analyze``.

Regenerate the page with ``python -m proactive_lsp.checks.docs > docs/diagnostics.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from proactive_lsp.checks.codes import CODES

CELL_SEPARATOR = "# ---- next cell ----"


@dataclass(frozen=True)
class CodeDoc:
    what: str  # what the check detects
    why: str  # what actually happens at run or submit time
    example: tuple[str, ...]  # the cells of a notebook that triggers the code
    fixed: tuple[str, ...]  # the same notebook corrected: no diagnostic with this code
    fix: str  # how to fix it, and what the quick fix does when there is one
    kernel: str = ""  # the kernel's (or ProActive's) own message, when there is one
    # Files next to the notebook (relative path → content), for both versions.
    files: dict[str, str] = field(default_factory=dict)
    # Files for the corrected version when they differ from ``files``.
    fixed_files: dict[str, str] | None = None

    @property
    def files_of_fixed(self) -> dict[str, str]:
        return self.files if self.fixed_files is None else self.fixed_files


_CONFIG_OK = """\
[proactive_server]
protocol = https
host = try.activeeon.com
port = 8443

[user]
login = alice
password = secret
"""

_CONFIG_README = """\
[proactive_server]
host = try.activeeon.com
port = 8443

[user]
login = alice
password = secret
"""

DOCS: dict[str, CodeDoc] = {
    "PA101": CodeDoc(
        what="A pragma line whose parameters the kernel's syntactic check rejects: quotes, "
        "spaces inside a value, a trailing comma, an empty list `[]`, `[opt]` brackets copied "
        "from the usage text, text after the closing `)`, a tab, a CRLF line ending. The "
        "diagnostic points at the first bad character and says what was expected there.",
        why="The kernel refuses the whole cell with `Parsing error: Invalid parameters.` followed "
        "by the pragma's usage line: the task is not created, so every later pragma that "
        "depends on it is affected too.",
        example=('#%task(name="train")\nprint("training")',),
        fixed=('#%task(name=train)\nprint("training")',),
        fix="Write values verbatim: no quotes, no spaces inside a value, no trailing comma, "
        "`key=value` rather than `[key=value]`, comments on the next line.",
        kernel="Parsing error: Invalid parameters.",
    ),
    "PA102": CodeDoc(
        what="A pragma name the kernel does not know. Names are case-sensitive (`#%Task` is "
        "unknown) and the text before `(` is taken as a whole (`#% draw job()`).",
        why="The kernel refuses the cell with `Pragma error: Directive 'x' not known.`: nothing "
        "in it runs, and a task cell defines no task.",
        example=('#%tsk(name=train)\nprint("training")',),
        fixed=('#%task(name=train)\nprint("training")',),
        fix="Use one of the 42 pragma names of kernel 13.0.4. The quick fix replaces the name with "
        "the closest known one.",
        kernel="Pragma error: Directive 'tsk' not known.",
    ),
    "PA103": CodeDoc(
        what="`#%get_result(...)`: the pragma is still listed in the kernel README and used by "
        "its example notebooks, but it was removed in 2019.",
        why="Kernel 13.0.4 answers `Pragma error: Directive 'get_result' not known.`: the results "
        "are never fetched.",
        example=("#%get_result(id=1193)",),
        fixed=("#%get_job_result(job_id=1193)",),
        fix="Use `#%get_job_result(job_id=...)` (or `job_name=...`, or no parameter for the last "
        "submitted job). The quick fix rewrites the pragma and renames `id` to `job_id`.",
        kernel="Pragma error: Directive 'get_result' not known.",
    ),
    "PA104": CodeDoc(
        what="A pragma line the kernel accepts only because it strips ` #%)` at both ends: a "
        "missing or an extra closing `)`, `#%%name(...)` in a notebook, a space inside the "
        "pragma name (`#%draw job()` is read as the one name `draw job`).",
        why="The kernel runs it as intended today, but the line is malformed: other tools (and "
        "readers) misread it, and editing it easily turns it into a Parsing error. In a `.py` "
        "file `#%%` is a cell marker, so the same text is no longer a pragma at all.",
        example=('#%task(name=train\nprint("training")',),
        fixed=('#%task(name=train)\nprint("training")',),
        fix="Write the pragma as `#%name(params)` with exactly one closing parenthesis. The quick "
        "fix adds the missing `)`, removes the extra `)`, `#` or `%`, or joins a name split by a "
        "space.",
    ),
    "PA105": CodeDoc(
        what="A pragma the kernel never reads: it is not on the first line of its cell, or it is "
        "indented. Only a cell whose first two characters are `#%` is a pragma cell.",
        why="A second pragma in a cell is just a comment in the body of the first one: its task is "
        "never created and its code runs inside the previous task. An indented pragma makes the "
        "whole cell a plain Python task whose indentation fails at run time.",
        example=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]\n"
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fixed=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fix="Put each pragma at column 0 on the first line of its own cell. The quick fix splits "
        "the cell at the pragma line (notebooks) or removes the indentation.",
    ),
    "PA106": CodeDoc(
        what="A pragma written with empty `()` although it has a required parameter (`task`, "
        "`job`, `delete_task`, `pre_script`, ...), or a required parameter that is missing.",
        why="The kernel refuses `#%task()` with `Parsing error: Invalid parameters.` (and a "
        "missing required parameter with a Parameter error or a crash): the cell does nothing.",
        example=('#%task()\nprint("hello")',),
        fixed=('#%task(name=hello)\nprint("hello")',),
        fix="Give the required parameter (here `name=`). `#%task` without parentheses is also "
        "accepted and creates an automatically named task.",
        kernel="Parsing error: Invalid parameters.",
    ),
    "PA201": CodeDoc(
        what="A parameter this pragma does not have, e.g. `deps=` for `dep=` or `NAME=` for "
        "`name=` (keys are case-sensitive).",
        why="The kernel keeps unknown keys and silently ignores them: the task is created without "
        "the dependency, language or export you wrote, with no message at all.",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, deps=[prep])\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fix="Spell the parameter as the pragma's usage does. The quick fix renames the key to the "
        "closest known parameter.",
    ),
    "PA202": CodeDoc(
        what="The same parameter given twice in one pragma.",
        why="The kernel keeps only the last value, silently: here `train` depends on `load` only.",
        example=(
            "#%task(name=prep)\nx = 1",
            "#%task(name=load)\ny = 2",
            '#%task(name=train, dep=[prep], dep=[load])\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep)\nx = 1",
            "#%task(name=load)\ny = 2",
            '#%task(name=train, dep=[prep, load])\nprint("training")',
        ),
        fix="Keep one occurrence (merge list values into one list). The quick fix removes the "
        "earlier occurrence, which the kernel ignores anyway.",
    ),
    "PA203": CodeDoc(
        what="A value the kernel's parameter check refuses: a name that is not an identifier, a "
        "language with digits, `on`/`off` or `true`/`false` misspelt or upper-cased, digits "
        "expected, an invalid path or `runs` expression, tuple items that are not identifiers. "
        "The message is the kernel's own (`Invalid name parameter`, ...).",
        why="The kernel refuses the cell with `Parameter error: ...`: nothing in it runs.",
        example=('#%task(name=1st_model)\nprint("training")',),
        fixed=('#%task(name=first_model)\nprint("training")',),
        fix="Use a value of the expected form: names start with a letter or `_`; `on`/`off` in "
        "lower case; tuple values are identifiers (put numbers in a control pragma's "
        "`variables` or in the code).",
        kernel="Parameter error: Invalid name parameter",
    ),
    "PA204": CodeDoc(
        what="A scalar where the pragma expects a list: `dep=prep`, `export=x`, `import=df`.",
        why="The kernel iterates over the string's characters: `dep=prep` means tasks `p`, `r`, "
        "`e`, `p`. Each one-letter task that does not exist is dropped with a warning, so the "
        "dependency you meant is never added (it works by accident only for one-letter names).",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=prep)\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fix="Write a list: `dep=[prep]`. The quick fix adds the brackets.",
    ),
    "PA205": CodeDoc(
        what="A `language=` that is not one of the 12 languages of the ProActive SDK: "
        "`Linux_Bash`, "
        "`Windows_Cmd`, `DockerCompose`, `Scalaw`, `Groovy`, `Javascript`, `Jython`, `Python`, "
        "`Ruby`, `Perl`, `PowerShell`, `R` (exact spelling, case-sensitive).",
        why="The parser lets `language=python` through, then the kernel refuses the cell with "
        "`Language 'python' not supported!` and the list of supported languages.",
        example=('#%task(name=hello, language=python)\nprint("hello")',),
        fixed=('#%task(name=hello, language=Python)\nprint("hello")',),
        fix="Use the exact SDK name. The quick fix replaces the value with the matching supported "
        "name (`python` → `Python`, `bash` → `Linux_Bash`, ...).",
        kernel="Parameter error: Language 'python' not supported!",
    ),
    "PA206": CodeDoc(
        what="A task or variable name with a hyphen (`load-data`).",
        why="`#%task` accepts hyphenated names, but every pragma that references a task by name "
        "(`delete_task`, `pre_script`, `post_script`, `selection_script`, `fork_env`, the "
        "results pragmas) refuses them with `Invalid name parameter`; a hyphenated exported or "
        'imported variable generates invalid Python (`my-var = variables.get("my-var")`).',
        example=(
            "#%task(name=load-data)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load-data])\nprint("training")',
        ),
        fixed=(
            "#%task(name=load_data)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load_data])\nprint("training")',
        ),
        fix="Use `_` instead of `-` (rename the task everywhere it is used).",
    ),
    "PA207": CodeDoc(
        what="A Python syntax error in the body of a cell whose code is Python: a task (Python by "
        "default), `#%import`, a plain cell, or any pragma with `language=Python`.",
        why="With an explicit `language=Python` the kernel compiles the body and refuses the "
        "cell with `Syntax error: ...`. Without it the kernel accepts the cell and the task fails "
        "when ProActive runs it, after the job was submitted.",
        example=('#%task(name=hello, language=Python)\nprint("hello"',),
        fixed=('#%task(name=hello, language=Python)\nprint("hello")',),
        fix="Correct the Python code at the position shown.",
        kernel="Syntax error: '(' was never closed",
    ),
    "PA208": CodeDoc(
        what="Code in the body of a pragma that ignores its body (`job`, `submit_job`, "
        "`draw_job`, `connect`, ...), or of a task whose implementation comes from `path=`.",
        why="The code never runs: the kernel discards it (with `WARNING: The written code is "
        "ignored.` for `path=`). It is harmless but misleading.",
        example=('#%job(name=demo)\nprint("this never runs")',),
        fixed=("#%job(name=demo)",),
        fix="Move the code to a task cell, or delete it.",
    ),
    "PA301": CodeDoc(
        what="A dependency on a task that does not exist anywhere in the document.",
        why="The kernel only prints `WARNING: Task 'x' does not exist, dependence ignored.` and "
        "creates the task without that dependency: the job runs it in parallel instead of "
        "after the task you meant.",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prepare])\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fix="Name an existing task. The quick fix replaces the name with the closest existing "
        "task name.",
        kernel="WARNING: Task 'prepare' does not exist, dependence ignored.",
    ),
    "PA302": CodeDoc(
        what="A dependency on a task that is defined only in a later cell. The related "
        "information points at that cell.",
        why="Run top to bottom, the task does not exist yet when the kernel creates this one: the "
        "dependency is dropped with a warning, and the job runs both tasks in parallel.",
        example=(
            '#%task(name=train, dep=[prep])\nprint("training")',
            "#%task(name=prep)\ndata = [1, 2, 3]",
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fix="Move the cell that defines the dependency above this one.",
        kernel="WARNING: Task 'prep' does not exist, dependence ignored.",
    ),
    "PA303": CodeDoc(
        what="A dependency cycle. The kernel never checks for cycles, and a redefinition makes "
        "them easy to build (`a`; `b(dep=[a])`; `a(dep=[b])`). Reported on each edge of the "
        "cycle.",
        why="ProActive's FlowChecker refuses the job at submit (`Infinite recursion detected`, "
        "or `Unreachable task` when no task is left without dependencies).",
        example=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load])\nprint("training")',
            '#%task(name=load, dep=[train])\nprint("loading again")',
        ),
        fixed=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load])\nprint("training")',
            '#%task(name=report, dep=[train])\nprint("report")',
        ),
        fix="Remove one dependency of the cycle; when the cycle comes from reusing a name, give "
        "the later task its own name.",
        kernel="Invalid taskflow: Infinite recursion detected",
    ),
    "PA304": CodeDoc(
        what="A task that depends on itself, or a dependency listed twice.",
        why="The kernel skips both silently: the list does not say what the workflow is.",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep, train])\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fix="Remove the item.",
    ),
    "PA305": CodeDoc(
        what="A task name defined a second time. The related information points at the first "
        "definition.",
        why="The kernel prints `WARNING: Task 'x' already exists ...` and modifies the task in "
        "place: its dependencies, generic information, variables and exports are reset, and "
        "its language goes back to Python unless given again. Tasks that imported its exports "
        "are not re-checked.",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
            '#%task(name=train)\nprint("training, second version")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
            '#%task(name=evaluate, dep=[train])\nprint("evaluating")',
        ),
        fix="Give the second task its own name, or, if it really replaces the first one, repeat "
        "every parameter (deps, exports, language) and delete the earlier cell.",
        kernel="WARNING: Task 'train' already exists ...",
    ),
    "PA306": CodeDoc(
        what="`delete_task`, a script pragma (`pre_script`, `post_script`, `selection_script`, "
        "`fork_env`) or a task-result pragma naming a task that does not exist at that point.",
        why="The kernel refuses the cell: `Parameter error: Task 'x' does not exist.` for "
        "`delete_task`, `Proactive error: The task named 'x' does not exist.` for the others.",
        example=(
            '#%task(name=train)\nprint("training")',
            "#%pre_script(name=trian, language=Linux_Bash)\necho starting",
        ),
        fixed=(
            '#%task(name=train)\nprint("training")',
            "#%pre_script(name=train, language=Linux_Bash)\necho starting",
        ),
        fix="Name an existing task defined above. The quick fix replaces the name with the "
        "closest existing task name.",
        kernel="Proactive error: The task named 'trian' does not exist.",
    ),
    "PA307": CodeDoc(
        what="A `#%process`, `#%merge` or `#%loop` without `name=` whose default name the kernel "
        "cannot derive (the previous task's name has no digit) or derives as the name of an "
        "existing task.",
        why="The kernel names these tasks after the last run of digits of the previous task's "
        "name (`split5` → `process5`). With no digit it crashes with `Proactive error: pop from "
        "empty list` and the control stays stuck; with a name that is taken it silently "
        "redefines that task (e.g. another control's merge).",
        example=(
            '#%split(name=prepare)\nprint("split")',
            "#%runs()\nruns = 3;",
            '#%process()\nprint("process")',
            '#%merge(name=gather)\nprint("merge")',
        ),
        fixed=(
            '#%split(name=prepare)\nprint("split")',
            "#%runs()\nruns = 3;",
            '#%process(name=work)\nprint("process")',
            '#%merge(name=gather)\nprint("merge")',
        ),
        fix="Give the control task an explicit `name=`.",
        kernel="Proactive error: pop from empty list",
    ),
    "PA308": CodeDoc(
        what="A job or task name that ProActive's job schema refuses: a job name shorter than 2 "
        "characters, a task name that is not an XML NCName (possible through `#%import_dot`), "
        "or that contains `#` or `*`.",
        why="The kernel accepts it, but the scheduler refuses the job at submit (and "
        "`export_xml` writes an invalid descriptor).",
        example=('#%task(name=hello)\nprint("hello")', "#%job(name=J)"),
        fixed=('#%task(name=hello)\nprint("hello")', "#%job(name=demo)"),
        fix="Use a job name of at least 2 characters, and task names that start with a letter or "
        "`_` and contain only letters, digits, `_`, `-` and `.`.",
        kernel="the length of the value is 1, but the required minimum is 2",
    ),
    "PA401": CodeDoc(
        what="A control pragma out of order. The orders are fixed: replicate = `split`, `runs`, "
        "`process`, `merge`; loop = `start`, `condition`, `loop`; branch = `branch`, "
        "`condition`, `if`, `else`, `continuation`. While a control is open, every other pragma "
        "is refused too.",
        why="The kernel refuses the cell with the state machine's message (`Pragma error: "
        "Expected a 'runs' pragma.`, `The \"replicate\" control should start with a 'split' "
        "pragma.`, ...) and nothing in it runs.",
        example=(
            '#%split(name=split1)\nprint("split")',
            '#%process()\nprint("process")',
            "#%runs()\nruns = 3;",
            '#%merge()\nprint("merge")',
        ),
        fixed=(
            '#%split(name=split1)\nprint("split")',
            "#%runs()\nruns = 3;",
            '#%process()\nprint("process")',
            '#%merge()\nprint("merge")',
        ),
        fix="Write the control's pragmas in their fixed order, each in its own cell, and nothing "
        "else in between.",
        kernel="Pragma error: Expected a 'runs' pragma.",
    ),
    "PA402": CodeDoc(
        what="A control (replicate, loop or branch) still open at the end of the document.",
        why="The control's flow is never attached (the loop script is only set by `#%loop`, the "
        "branch script only by `#%continuation`), and the kernel refuses every later pragma "
        "with `Expected a '...' pragma.` until it is finished or the kernel restarts.",
        example=(
            '#%start(name=start1)\nprint("start")',
            "#%condition()\nloop = false;",
        ),
        fixed=(
            '#%start(name=start1)\nprint("start")',
            "#%condition()\nloop = false;",
            '#%loop()\nprint("loop")',
        ),
        fix="Add the missing pragmas of the control (the message names the one expected next).",
    ),
    "PA403": CodeDoc(
        what="A plain cell (no pragma) between the pragmas of an open control, in block mode.",
        why="Plain cells bypass the kernel's control state machine: the cell becomes an "
        "anonymous task `DT<n>` and the last task, so `#%runs` or `#%condition` attaches its "
        "flow script to it instead of the control's task, and `#%process` depends on it.",
        example=(
            '#%split(name=split1)\nprint("split")',
            "data = [1, 2, 3]",
            "#%runs()\nruns = 3;",
            '#%process()\nprint("process")',
            '#%merge()\nprint("merge")',
        ),
        fixed=(
            '#%split(name=split1)\ndata = [1, 2, 3]\nprint("split")',
            "#%runs()\nruns = 3;",
            '#%process()\nprint("process")',
            '#%merge()\nprint("merge")',
        ),
        fix="Move the code into the body of a control pragma (or switch to "
        "`#%configure(task=multiblock)`, where plain cells are appended to the last task).",
    ),
    "PA404": CodeDoc(
        what="A `runs=` (straight-forward replicate) task whose structure the kernel refuses: it "
        "needs exactly one parent, which is a root task (no dependencies), and at most one "
        "child, which depends only on it.",
        why="At creation the kernel says `Parameter error: The task 'x' can't be replicated.` "
        "(after creating the task); at submit `Job validation error: The replicated task 'x' "
        "should not have more than one parent task.` (or `... child task.`) and the job is not "
        "submitted.",
        example=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=clean, dep=[load])\nprint("cleaning")',
            '#%task(name=train, dep=[clean], runs=4)\nprint("training")',
            '#%task(name=report, dep=[train])\nprint("report")',
        ),
        fixed=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load], runs=4)\nprint("training")',
            '#%task(name=report, dep=[train])\nprint("report")',
        ),
        fix="Make the replicated task depend on exactly one root task, and let at most one task "
        "depend on it (and on nothing else); use a `#%split`/`#%runs`/`#%process`/`#%merge` "
        "control for anything more elaborate.",
        kernel="Parameter error: The task 'train' can't be replicated.",
    ),
    "PA405": CodeDoc(
        what="A `runs=` replicated task that no task depends on.",
        why="At submit the kernel adds an empty task `DefaultMerge<N>` depending on it to close "
        "the REPLICATE block (`WARNING: Adding an empty default merge task to complete 'x' "
        "REPLICATE control.`). The job works; the extra task appears in the job.",
        example=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load], runs=4)\nprint("training")',
        ),
        fixed=(
            "#%task(name=load)\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[load], runs=4)\nprint("training")',
            '#%task(name=report, dep=[train])\nprint("report")',
        ),
        fix="Add the task that gathers the replicas (depending only on the replicated task), or "
        "accept the default merge.",
        kernel="WARNING: Adding an empty default merge task to complete 'train' REPLICATE control.",
    ),
    "PA406": CodeDoc(
        what="Any other rule of ProActive's FlowChecker, run on the job the kernel would build: "
        "task blocks that do not match, a loop whose scope is not a task block, an IF target "
        "that has dependencies or is the target of two IFs, a replicate without a merge point.",
        why="The kernel accepts every cell, but the scheduler refuses the job at submit with "
        "`Invalid taskflow: <rule>` (and `export_xml` writes a job that cannot be submitted).",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%branch(name=decide, dep=[prep])\nprint("deciding")',
            '#%condition()\nbranch = "if";',
            '#%if(name=fit, dep=[decide])\nprint("fit")',
            '#%else(name=skip)\nprint("skip")',
            '#%continuation(name=report)\nprint("report")',
        ),
        fixed=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            '#%branch(name=decide, dep=[prep])\nprint("deciding")',
            '#%condition()\nbranch = "if";',
            '#%if(name=fit)\nprint("fit")',
            '#%else(name=skip)\nprint("skip")',
            '#%continuation(name=report)\nprint("report")',
        ),
        fix="Follow the message: here the IF target must not depend on anything, the branch "
        "script alone starts it.",
        kernel="Invalid taskflow: IF task block cannot have dependencies",
    ),
    "PA501": CodeDoc(
        what="`import=[v]` where no task defined in an earlier cell exports `v`.",
        why="The kernel refuses the cell with `Parameter error: The variable 'v' can't be "
        "imported.`: the task is not created.",
        example=(
            "#%task(name=prep)\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fixed=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fix="Export the variable from a task defined in an earlier cell that assigns it "
        "(`export=[data]`), and depend on that task.",
        kernel="Parameter error: The variable 'data' can't be imported.",
    ),
    "PA502": CodeDoc(
        what="`import=[v]` where the tasks that export `v` are not ancestors of this task.",
        why="The kernel only checks that someone exported the name. ProActive passes variables "
        "to descendants only, so at run time the variable is `None` and the task fails or "
        "computes garbage.",
        example=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, import=[data])\nprint(sum(data))",
        ),
        fixed=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fix="Add a dependency on the exporting task. The quick fix adds it to `dep=` (or adds "
        "`dep=[...]`).",
    ),
    "PA503": CodeDoc(
        what="A variable in `export=[...]` that the task's Python code never assigns.",
        why='The kernel appends `variables.put("v", v)` in a `try`: at run time it prints '
        "`WARNING: Some exported variables are undefined. Please check.` and passes nothing; "
        "the importing task gets `None`.",
        example=(
            '#%task(name=prep, export=[data])\nprint("loading")',
            "#%task(name=train, dep=[prep], import=[data])\nprint(data)",
        ),
        fixed=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(data)",
        ),
        fix="Assign the variable in the task's code, or remove it from `export`.",
        kernel="WARNING: Some exported variables are undefined. Please check.",
    ),
    "PA504": CodeDoc(
        what="An exported variable that no task imports.",
        why="Harmless: the value is stored in the job's variables for nothing. Often a sign that "
        "an `import=[...]` is missing downstream.",
        example=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            '#%task(name=train, dep=[prep])\nprint("training")',
        ),
        fixed=(
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[data])\nprint(sum(data))",
        ),
        fix="Import it where it is needed, or stop exporting it.",
    ),
    "PA505": CodeDoc(
        what="`import=` or `export=` on a task whose implementation comes from `path=`.",
        why="The kernel injects the import and export code into the cell's body, which `path=` "
        "discards: the variables are not passed, although the kernel still records the export.",
        example=("#%task(name=train, path=train.py, export=[model])",),
        fixed=("#%task(name=train, export=[model])\nmodel = 42",),
        fix="Write the code in the cell instead of using `path=`, or exchange the values "
        "yourself in the file (`variables.put(...)` / `variables.get(...)`).",
        files={"train.py": "model = 42\nvariables.put('model', model)\n"},
    ),
    "PA506": CodeDoc(
        what="A task's Python code reads a variable that another task exports, but the task "
        "neither imports it (`import=[...]`) nor assigns it.",
        why="Each ProActive task runs in its own process: a variable exists there only if the "
        "kernel's generated `variables.get(...)` line brings it in, which `import=` asks for. "
        "In the notebook the cells share one interpreter, so the mistake only shows when the job "
        "runs (NameError).",
        example=(
            "#%task(name=prep, export=[df])\ndf = [1, 2, 3]",
            "#%task(name=train, dep=[prep])\nprint(len(df))",
        ),
        fixed=(
            "#%task(name=prep, export=[df])\ndf = [1, 2, 3]",
            "#%task(name=train, dep=[prep], import=[df])\nprint(len(df))",
        ),
        fix="Add the variable to the task's `import=` list (the quick fix does it); the exporting "
        "task must be an ancestor (PA502).",
    ),
    "PA601": CodeDoc(
        what="A `path=` naming a file that does not exist, relative to the notebook's folder "
        "(the kernel's working directory).",
        why="For a task the SDK silently ignores the missing file and the task has an empty "
        "implementation; for scripts the kernel fails with `Proactive error: The file 'x' does "
        "not exist`; for `connect` and `import_dot` with `No such file.`",
        example=("#%task(name=train, path=scripts/trian.py)",),
        fixed=("#%task(name=train, path=scripts/train.py)",),
        fix="Correct the path (relative to the notebook) or create the file.",
        kernel="Proactive error: The file 'scripts/trian.py' does not exist",
        files={"scripts/train.py": "print('training')\n"},
    ),
    "PA602": CodeDoc(
        what="A password written in a `#%connect(...)` pragma.",
        why="Notebooks are shared and committed: anyone who gets the file gets the account. The "
        "kernel can read it from `proactive_config.ini` or prompt for it instead.",
        example=("#%connect(host=try.activeeon.com, port=8443, login=alice, password=secret)",),
        fixed=("#%connect(host=try.activeeon.com, port=8443, login=alice)",),
        fix="Remove `password=`: the kernel prompts for it. The quick fix moves the credentials "
        "to a `proactive_config.ini` next to the notebook (keep that file out of version "
        "control) and removes the password from the pragma.",
    ),
    "PA603": CodeDoc(
        what="A `proactive_config.ini` the kernel cannot use: `host` without `protocol` or "
        "`port` (the README's format fails in 13.x), neither `host` nor `url`, no "
        "`[proactive_server]`, or no `[user]` for `#%connect(path=...)`.",
        why="At start-up the kernel reads the file next to the notebook; when it fails, the "
        "kernel stays in a failed state and every cell errors until it restarts. Through "
        "`#%connect(path=...)` it reports `Proactive config error: 'protocol'`.",
        example=('#%task(name=hello)\nprint("hello")',),
        fixed=('#%task(name=hello)\nprint("hello")',),
        fix="Add `protocol = https` (or `http`) next to `host` and `port`, or use `url = ...`; "
        "add a `[user]` section for `#%connect(path=...)`.",
        kernel="Proactive config error: 'protocol'",
        files={"proactive_config.ini": _CONFIG_README},
        fixed_files={"proactive_config.ini": _CONFIG_OK},
    ),
    "PA604": CodeDoc(
        what="The first pragma that needs a connection to a ProActive server, when no "
        "`#%connect` comes before it and there is no `proactive_config.ini` next to the "
        "notebook.",
        why="Only `connect`, `help` and `configure` work unconnected; anything else answers "
        "`Proactive error: Use #%connect() to connect to server first.`",
        example=('#%task(name=hello)\nprint("hello")', "#%submit_job()"),
        fixed=(
            "#%connect(host=try.activeeon.com, port=8443, login=alice)",
            '#%task(name=hello)\nprint("hello")',
            "#%submit_job()",
        ),
        fix="Add a `#%connect(...)` cell at the top, or a `proactive_config.ini` next to the "
        "notebook so that the kernel connects at start-up.",
        kernel="Proactive error: Use #%connect() to connect to server first.",
    ),
}


def render_markdown() -> str:
    """The whole of ``docs/diagnostics.md``."""
    out: list[str] = [
        "# Diagnostics",
        "",
        "<!-- Generated by `python -m proactive_lsp.checks.docs > docs/diagnostics.md`; "
        "edit proactive_lsp/checks/docs.py instead. -->",
        "",
        "Every diagnostic has a stable code. The verdict is the one ProActive Jupyter Kernel "
        "13.0.4 gives when the notebook is run top to bottom, then the one ProActive's scheduler "
        "gives when the job is submitted: **error** when the kernel or the scheduler refuses it, "
        "or the workflow silently differs from what is written; **warning** when the kernel "
        "accepts but misreads it, or it is fragile; **information** and **hint** when it is "
        "harmless but worth knowing.",
        "",
        f"Each example is a small notebook; cells are separated by a `{CELL_SEPARATOR}` line.",
        "",
        "| code | severity | title |",
        "|---|---|---|",
    ]
    for code, (severity, title) in CODES.items():
        out.append(f"| [{code}](#{code.lower()}) | {severity.label} | {title} |")
    for code, (severity, title) in CODES.items():
        out.extend(_section(code, severity.label, title, DOCS[code]))
    return "\n".join(out) + "\n"


def _section(code: str, severity: str, title: str, doc: CodeDoc) -> list[str]:
    lines = [
        "",
        f"## {code}",
        "",
        f"**{title}** · {severity}",
        "",
        "### What it does",
        "",
        doc.what,
        "",
        "### Why is this bad?",
        "",
        doc.why,
    ]
    if doc.kernel:
        lines.extend(["", f"Message: `{doc.kernel}`"])
    lines.extend(["", "### Example", ""])
    lines.extend(_notebook(doc.example, doc.files))
    lines.extend(["", "### Use instead", ""])
    fixed_files = doc.files_of_fixed if doc.files_of_fixed != doc.files else {}
    lines.extend(_notebook(doc.fixed, fixed_files))
    lines.extend(["", "### Fix", "", doc.fix])
    return lines


def _notebook(cells: tuple[str, ...], files: dict[str, str]) -> list[str]:
    lines = ["```python", f"\n{CELL_SEPARATOR}\n".join(cells), "```"]
    for path, content in files.items():
        lines.extend(
            [
                "",
                f"`{path}` next to the notebook:",
                "",
                "```ini" if path.endswith(".ini") else "```python",
                content.rstrip("\n"),
                "```",
            ]
        )
    return lines


def main() -> None:
    import sys

    sys.stdout.write(render_markdown())


if __name__ == "__main__":
    main()
