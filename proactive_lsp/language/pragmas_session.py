"""Table entries for session pragmas: help, connection, results, listings and portals."""

from __future__ import annotations

from proactive_lsp.language import params as p
from proactive_lsp.language.spec import Kind, ParamSpec, PragmaSpec

HELP = PragmaSpec(
    name="help",
    summary="prints the list of pragmas or the usage of one",
    doc=(
        "Without parameters, lists every pragma; with `pragma=NAME`, prints its usage. The "
        "name must be lower-case and known (`help` itself is not a topic)."
    ),
    usage="#%help([pragma=PRAGMA_NAME])",
    params=(ParamSpec("pragma", Kind.PRAGMA, "The pragma whose usage to print, e.g. `task`.",
                      message="Invalid pragma parameter"),),
    needs_connection=False,
    example="#%help(pragma=task)",
)

_CONNECT_CHECK = " Not checked when a valid `path` is given."

CONNECT = PragmaSpec(
    name="connect",
    summary="connects to an ActiveEon server",
    doc=(
        "Connects to a ProActive server. The first form that applies wins: `path` (an ini "
        "file) > `host` (+`port`; `host` alone means `http://HOST:8080`) > `port` (on "
        "try.activeeon.com) > `url` > nothing (try.activeeon.com). Missing login/password "
        "are asked for. **Any text is accepted** (upstream bug): spaces are removed from "
        "values and unknown text is ignored. Keep the password in `proactive_config.ini`."
    ),
    usage=(
        "#%connect([host=YOUR_HOST], [port=YOUR_PORT], [login=YOUR_LOGIN], "
        "[password=YOUR_PASSWORD])\n"
        "#%connect([url=YOUR_URL], [login=YOUR_LOGIN], [password=YOUR_PASSWORD])\n"
        "#%connect(path=PATH_TO/YOUR_CONFIG_FILE.ini)"
    ),
    params=(
        ParamSpec("host", Kind.PATH, "Server host name; with `port` the URL is "
                  "`https://HOST:PORT`, alone `http://HOST:8080`." + _CONNECT_CHECK,
                  message="Invalid host parameter"),
        ParamSpec("port", Kind.DIGITS, "Server port." + _CONNECT_CHECK,
                  message="Invalid port parameter"),
        ParamSpec("url", Kind.PATH, "Server root URL, e.g. `https://host:8443` (no `/rest`)."
                  + _CONNECT_CHECK, message="Invalid url parameter"),
        ParamSpec("path", Kind.PATH, "A `proactive_config.ini` file with `[proactive_server]` "
                  "and `[user]` sections; the other parameters are then ignored.",
                  validated=False),
        ParamSpec("login", Kind.IDENT, "User name (an identifier); asked for when absent."
                  + _CONNECT_CHECK, message="Invalid login parameter"),
        ParamSpec("password", Kind.PASSWORD, "Password; asked for when absent. Prefer the "
                  "config file: a password in a notebook is easily shared." + _CONNECT_CHECK,
                  message="Invalid password parameter"),
    ),
    generic_grammar=False,
    needs_connection=False,
    example="#%connect(path=./proactive_config.ini)",
)


def _result(name: str, summary: str, doc: str, *, task: bool, example: str) -> PragmaSpec:
    usage = f"#%{name}([job_id=JOB_ID], [job_name=JOB_NAME]" + (
        ", task_name=TASK_NAME)" if task else ")"
    )
    params = (p.job_id(), p.job_name()) + ((p.task_name(),) if task else ())
    return PragmaSpec(name=name, summary=summary, doc=doc, usage=usage, params=params,
                      empty_parens_ok=not task, example=example)


GET_JOB_RESULT = _result(
    "get_job_result", "gets and prints the job results",
    "Waits up to 60 s for the job to finish, then prints every task's result. Default job: "
    "the last one submitted in this kernel session.",
    task=False, example="#%get_job_result()",
)
GET_TASK_RESULT = _result(
    "get_task_result", "gets and prints the results of a given task",
    "Prints the result of one task of a job (default: the last submitted job).",
    task=True, example="#%get_task_result(task_name=train)",
)
PRINT_JOB_OUTPUT = _result(
    "print_job_output", "gets and prints the job outputs",
    "Prints the standard output of every task of a job (default: the last submitted job).",
    task=False, example="#%print_job_output()",
)
PRINT_TASK_OUTPUT = _result(
    "print_task_output", "gets and prints the outputs of a given task",
    "Prints the standard output of one task of a job (default: the last submitted job).",
    task=True, example="#%print_task_output(task_name=train)",
)


def _listing(name: str, summary: str, doc: str) -> PragmaSpec:
    return PragmaSpec(name=name, summary=summary, doc=doc, usage=f"#%{name}()", params=(),
                      example=f"#%{name}()")


LIST_SUBMITTED_JOBS = _listing(
    "list_submitted_jobs", "gets and prints the ids and names of the submitted jobs",
    "Prints `Id: <id> , Name: <name>` for every job submitted in this kernel session.",
)
LIST_NODESOURCES = _listing(
    "list_nodesources", "lists and prints any available node source",
    "Shows the Resource Manager's node sources as a table (for `submit_job(nodesource=)`).",
)
LIST_HOSTS = _listing(
    "list_hosts", "lists and prints any available host",
    "Shows the Resource Manager's hosts as a table (for `submit_job(host=)`).",
)
LIST_TOKENS = _listing(
    "list_tokens", "lists and prints any available token",
    "Shows the node access tokens as a table (for `submit_job(token=)`).",
)
LIST_RESOURCES = _listing(
    "list_resources", "lists and prints any available node source, host and token",
    "Shows node sources, hosts and tokens side by side.",
)


def _portal(name: str, portal: str, path: str) -> PragmaSpec:
    return PragmaSpec(
        name=name,
        summary=f"opens the ActiveEon {portal}",
        doc=f"Shows the {portal} (`<server>/{path}`) in an inline frame.",
        usage=f"#%{name}([host=YOUR_HOST], [height=HEIGHT_VALUE], [width=WIDTH_VALUE])",
        params=p.portal(portal),
        example=f"#%{name}(height=600, width=1000)",
    )


SHOW_RESOURCE_MANAGER = _portal("show_resource_manager", "resource manager portal", "rm/")
SHOW_SCHEDULING_PORTAL = _portal("show_scheduling_portal", "scheduling portal", "scheduler/")
SHOW_WORKFLOW_AUTOMATION = _portal(
    "show_workflow_automation", "workflow automation portal",
    "automation-dashboard/#/portal/workflow-automation/",
)

GET_RESULT = PragmaSpec(
    name="get_result",
    summary="removed: use get_job_result",
    doc=(
        "Removed from the kernel in 2019, though the README and the upstream example "
        "notebooks still use it: kernel 13.0.4 answers `Directive 'get_result' not known.` "
        "Use `#%get_job_result(job_id=...)`."
    ),
    usage="#%get_result(id=JOB_ID)",
    params=(ParamSpec("id", Kind.TEXT, "Job id (removed pragma).", validated=False),),
    generic_grammar=False,
    removed=True,
    example="#%get_job_result(job_id=42)",
)

SESSION_PRAGMAS = (HELP, CONNECT, GET_JOB_RESULT, GET_TASK_RESULT, PRINT_JOB_OUTPUT,
                   PRINT_TASK_OUTPUT, LIST_SUBMITTED_JOBS, LIST_NODESOURCES, LIST_HOSTS,
                   LIST_TOKENS, LIST_RESOURCES, SHOW_RESOURCE_MANAGER, SHOW_SCHEDULING_PORTAL,
                   SHOW_WORKFLOW_AUTOMATION, GET_RESULT)
