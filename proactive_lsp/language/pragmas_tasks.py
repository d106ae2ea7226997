"""Table entries for the pragmas that create, change or script single tasks."""

from __future__ import annotations

from proactive_lsp.language import params as p
from proactive_lsp.language.spec import Body, Kind, ParamSpec, PragmaSpec

TASK = PragmaSpec(
    name="task",
    summary="creates/modifies a task",
    doc=(
        "Creates a task whose implementation is the rest of the cell, or **redefines** the task "
        "of that name if it exists: its dependencies, generic information, variables and "
        "exports are reset, and its language goes back to Python unless `language` is given "
        "(pre/post/selection scripts and fork environment are kept).\n\n"
        "- `#%task` without parentheses creates a task named `DT<n>`; `#%task()` is refused.\n"
        "- `dep=abc` (no brackets) means tasks `a`, `b`, `c`: write `dep=[abc]`.\n"
        "- A hyphenated name (`my-task`) can be created and used in `dep`, but no other pragma "
        "can reference it.\n"
        "- `import` needs an earlier task that exports the variable; `path=` ignores the body "
        "and the import/export code."
    ),
    usage=(
        "#%task(name=TASK_NAME, [dep=[TASK_NAME1,TASK_NAME2,...]], [generic_info=[(KEY1,VAL1),"
        "(KEY2,VALUE2),...]], [variables=[(VAR1,VAL1), (VAR2,VALUE2),...]], "
        "[export=[VAR_NAME1,VAR_NAME2,...]], [import=[VAR_NAME1,VAR_NAME2,...]], "
        "[path=IMPLEMENTATION_FILE_PATH], [language=SCRIPT_LANGUAGE], [runs=NB_RUNS], "
        "[precious_result=true/false])"
    ),
    params=(
        ParamSpec(
            "name", Kind.TASK_NAME,
            "Task name: a letter or `_`, then letters, digits, `_` or `-`. Reusing a name "
            "redefines that task. Prefer no hyphen: other pragmas cannot reference `my-task`.",
            required=True, message=p.NAME_MESSAGE,
        ),
        p.dep(), p.generic_info(), p.variables(), p.export(), p.import_(), p.impl_path(),
        p.language(), p.runs(), p.precious_result(),
    ),
    body=Body.TASK,
    empty_parens_ok=False,
    creates_task=True,
    example="#%task(name=train, dep=[prep], import=[df], export=[model])\nmodel = fit(df)",
)

DELETE_TASK = PragmaSpec(
    name="delete_task",
    summary="removes a task from the workflow",
    doc=(
        "Removes the task, drops it from every other task's dependencies and forgets its "
        "exports. An unknown name is an error (`Task 'x' does not exist.`). Loop and branch "
        "flow scripts that target it are not cleaned up, and `draw_job` then fails."
    ),
    usage="#%delete_task(name=TASK_NAME)",
    params=(p.ref_name("to delete"),),
    empty_parens_ok=False,
    example="#%delete_task(name=old_step)",
)


def _script(kind: str, setter: str) -> PragmaSpec:
    return PragmaSpec(
        name=f"{kind}_script",
        summary=f"sets the {kind}-script of a task",
        doc=(
            f"Sets the {kind}-script of an existing task (`{setter}`): the cell body, or the "
            f"file given by `path`, in `language` (required). The {kind}-script runs on the "
            f"node {'before' if kind == 'pre' else 'after'} the task's implementation. "
            "`#%import` prefixes are not applied to scripts."
        ),
        usage=(
            f"#%{kind}_script(name=TASK_NAME, language=SCRIPT_LANGUAGE, "
            f"[path=./{kind.upper()}_SCRIPT_FILE.py])"
        ),
        params=(
            p.ref_name(f"that gets the {kind}-script", message="Invalid name parameter "),
            p.language(message="Invalid script language", required=True, default="",
                       doc="Language of the script (required), one of the twelve supported "
                       "names spelled exactly, e.g. `Linux_Bash`."),
            p.path(f"File holding the {kind}-script; the cell body is then ignored."),
        ),
        body=Body.SCRIPT,
        empty_parens_ok=False,
        example=f"#%{kind}_script(name=train, language=Linux_Bash)\necho \"{kind} train\"",
    )


PRE_SCRIPT = _script("pre", "task.setPreScript")
POST_SCRIPT = _script("post", "task.setPostScript")

_HIDDEN_LANGUAGE_DOC = (
    "Script language (not in the usage text; honoured since 13.x). Default `Jython`. Only "
    "checked when the pragma runs: an unsupported name is refused then."
)

SELECTION_SCRIPT = PragmaSpec(
    name="selection_script",
    summary="sets the selection script of a task",
    doc=(
        "Sets the script that decides on which node the task may run; it must set `selected` "
        "to true or false. Default language Jython. A later `#%job_selection_script` or a "
        "redefinition of the task replaces it."
    ),
    usage="#%selection_script(name=TASK_NAME, [path=./SELECTION_CODE_FILE.py])",
    params=(
        p.ref_name("that gets the selection script"),
        p.path("File holding the selection script; the cell body is then ignored."),
        p.language(message="", default="Jython", hidden=True, doc=_HIDDEN_LANGUAGE_DOC),
    ),
    body=Body.SCRIPT,
    empty_parens_ok=False,
    example="#%selection_script(name=train)\nselected = True",
)

FORK_ENV = PragmaSpec(
    name="fork_env",
    summary="sets the fork environment script",
    doc=(
        "Sets the fork-environment script of a task (how the task's JVM or container is "
        "started). Default language Jython. A later `#%job_fork_env`/`#%runtime_env` or a "
        "redefinition of the task replaces it."
    ),
    usage="#%fork_env(name=TASK_NAME, [path=./FORK_ENV_FILE.py])",
    params=(
        p.ref_name("that gets the fork environment"),
        p.path("File holding the fork-environment script; a missing file is an error."),
        p.language(message="", default="Jython", hidden=True, doc=_HIDDEN_LANGUAGE_DOC),
    ),
    body=Body.SCRIPT,
    empty_parens_ok=False,
    example=(
        "#%fork_env(name=train)\n"
        "forkEnvironment.setJavaHome('/usr/lib/jvm/java-11')"
    ),
)

IMPORT = PragmaSpec(
    name="import",
    summary="imports specified libraries to all tasks of a same script language",
    doc=(
        "The cell body becomes the import prefix of every task of that language created or "
        "redefined **after** this cell (earlier tasks are not updated). A second `#%import` "
        "for the same language replaces the first. Tasks with `path=` and scripts never get it."
    ),
    usage="#%import([language=SCRIPT_LANGUAGE])",
    params=(p.language(message="Invalid script language",
                       doc="Language whose tasks get the prefix; default `Python`."),),
    body=Body.IMPORT_PREFIX,
    example="#%import(language=Python)\nimport pandas as pd\nimport numpy as np",
)

CONFIGURE = PragmaSpec(
    name="configure",
    summary="configures the ProActive kernel's behavior",
    doc=(
        "`task=block` (default): every plain cell becomes a new task `DT<n>`. "
        "`task=multiblock`: a plain cell is appended to the last task created. "
        "`#%configure` without parentheses crashes the kernel (`'task'`)."
    ),
    usage="#%configure(task=block/multiblock)",
    params=(
        ParamSpec("task", Kind.MODE,
                  "`block` or `multiblock` (lower-case): what a plain cell becomes.",
                  required=True, message="Invalid task parameter",
                  values=("block", "multiblock"), default="block"),
    ),
    empty_parens_ok=False,
    needs_connection=False,
    example="#%configure(task=multiblock)",
)

TASK_PRAGMAS = (TASK, DELETE_TASK, PRE_SCRIPT, POST_SCRIPT, SELECTION_SCRIPT, FORK_ENV,
                IMPORT, CONFIGURE)
