"""Table entries for job-level pragmas: the job, its defaults, pictures and files, submission."""

from __future__ import annotations

from proactive_lsp.language import params as p
from proactive_lsp.language.spec import Body, Kind, ParamSpec, PragmaSpec


def _file_name(what: str) -> ParamSpec:
    return ParamSpec(
        "name", Kind.IDENT_OR_EMPTY,
        f"File name without extension (an identifier, so no `.{what}`). Default: the job name, "
        "else the notebook name, else `Unnamed_job`.",
        message=p.NAME_MESSAGE,
    )


JOB = PragmaSpec(
    name="job",
    summary="creates/renames the job",
    doc=(
        "Builds the job from every task so far, named `name`, with job-level generic "
        "information and variables. If the job is already up to date it is only **renamed** "
        "and `generic_info`/`variables` given here are ignored; a rebuild drops earlier "
        "job-level ones."
    ),
    usage=(
        "#%job(name=JOB_NAME, [generic_info=[(KEY1,VAL1), (KEY2,VALUE2),...]], "
        "[variables=[(VAR1,VAL1), (VAR2,VALUE2),...]])"
    ),
    params=(
        ParamSpec("name", Kind.IDENT, "Job name: an identifier (ProActive wants at least 2 "
                  "characters).", required=True, message=p.NAME_MESSAGE),
        p.generic_info(),
        p.variables(),
    ),
    empty_parens_ok=False,
    example="#%job(name=TrainingPipeline, variables=[(MODE, fast)])",
)


def _job_script(name: str, what: str, usage_file: str, doc: str, example: str) -> PragmaSpec:
    return PragmaSpec(
        name=name,
        summary=f"sets the {what} of a job",
        doc=doc,
        usage=(f"#%{name}([language=SCRIPT_LANGUAGE], [path=./{usage_file}], [force=on/off])"),
        params=(
            p.language(default="Jython", doc="Script language, default `Jython`."),
            p.path(f"File holding the {what}; a missing file is an error."),
            p.force(what),
        ),
        body=Body.SCRIPT,
        example=example,
    )


JOB_SELECTION_SCRIPT = _job_script(
    "job_selection_script", "selection script", "SELECTION_CODE_FILE.py",
    "Sets the default selection script: every task created or redefined later gets it "
    "(overwriting its own); `force=on` also sets it on every existing task. Without a job "
    "selection script each task gets a Groovy `selected = true`.",
    "#%job_selection_script(language=Groovy, force=on)\nselected = true",
)
JOB_FORK_ENV = _job_script(
    "job_fork_env", "fork environment", "FORK_ENV_FILE.py",
    "Sets the default fork environment for tasks created or redefined later; `force=on` also "
    "applies it to existing tasks. Shares its slot with `#%runtime_env`: the last one wins.",
    "#%job_fork_env(language=Groovy)\nforkEnvironment.addSystemEnvironmentVariable('A', '1')",
)


def _runtime(name: str, doc: str, default: str = "", values: tuple[str, ...] = (),
             hidden: bool = False) -> ParamSpec:
    return ParamSpec(name, Kind.TEXT, doc, validated=False, hidden=hidden, values=values,
                     default=default)


_TF = ("true", "false")

RUNTIME_ENV = PragmaSpec(
    name="runtime_env",
    summary="sets the runtime environment of a job",
    doc=(
        "Generates a Groovy fork-environment script that runs tasks in a container and makes "
        "it the job default (the same slot as `#%job_fork_env`). **No parameter is checked** "
        "and spaces inside values are removed. `nvidia_gpu`, `rootless`, `isolation`, "
        "`no_home` and `host_network` are pasted into Groovy as is: write lower-case "
        "`true`/`false`. Refused as *not known* while the kernel is not connected."
    ),
    usage=(
        "#%runtime_env([type=docker/podman/singularity], [image=docker://...], "
        "[nvidia_gpu=true/false], [mount_host_path=PATH], [mount_container_path=PATH], "
        "[force=on/off])"
    ),
    params=(
        _runtime("type", "Container platform: `docker`, `podman` or `singularity`; anything "
                 "else disables containers.", "docker", ("docker", "podman", "singularity")),
        _runtime("image", "Container image, e.g. `docker://activeeon/dlm3`.",
                 "docker://activeeon/dlm3"),
        _runtime("nvidia_gpu", "`true` to expose NVIDIA GPUs (lower-case).", "false", _TF),
        _runtime("mount_host_path", "Host folder to mount in the container."),
        _runtime("mount_container_path", "Where the host folder appears in the container."),
        _runtime("force", "`on` also applies it to every existing task.", "off", ("on", "off")),
        _runtime("rootless", "Rootless container mode (lower-case true/false).", "false", _TF,
                 hidden=True),
        _runtime("isolation", "Isolated network/filesystem (lower-case true/false).", "false",
                 _TF, hidden=True),
        _runtime("no_home", "Do not mount the home folder (lower-case true/false).", "false",
                 _TF, hidden=True),
        _runtime("host_network", "Use the host network (lower-case true/false).", "true", _TF,
                 hidden=True),
        _runtime("debug", "`true` prints the parameters and the generated script.", "false",
                 _TF, hidden=True),
        _runtime("verbose", "`true` makes the generated script verbose.", "false", _TF,
                 hidden=True),
    ),
    empty_parens_ok=True,
    generic_grammar=False,
    example="#%runtime_env(type=docker, image=docker://activeeon/dlm3, nvidia_gpu=false)",
)

DRAW_JOB = PragmaSpec(
    name="draw_job",
    summary="plots the workflow",
    doc=(
        "Draws the task graph (dependencies plus replicate/loop/branch edges) inline. "
        "`save=on` also keeps `./<name>.png`. Needs graphviz on the kernel's machine."
    ),
    usage="#%draw_job([name=JOB_NAME], [inline=on/off], [save=on/off])",
    params=(
        _file_name("png"),
        ParamSpec("inline", Kind.ON_OFF, "`on` (default) shows the picture in the notebook.",
                  message="Invalid inline parameter", values=("on", "off"), default="on"),
        ParamSpec("save", Kind.ON_OFF, "`on` keeps the PNG file next to the notebook.",
                  message="Invalid save parameter", values=("on", "off"), default="off"),
    ),
    example="#%draw_job(save=on)",
)

WRITE_DOT = PragmaSpec(
    name="write_dot",
    summary="writes the workflow in .dot format",
    doc=(
        "Writes `./<name>.dot`: one node per task, one edge per dependency (flow edges are "
        "not written). Quirk: `#%write_dot()` is refused, `#%write_dot` works."
    ),
    usage="#%write_dot(name=FILE_NAME)",
    params=(_file_name("dot"),),
    empty_parens_ok=False,
    example="#%write_dot(name=pipeline)",
)

IMPORT_DOT = PragmaSpec(
    name="import_dot",
    summary="imports the workflow from a .dot file",
    doc=(
        "Creates one empty Python task per node of the dot file, in file order, depending on "
        "the sources of its incoming edges. An edge from a node that appears later in the "
        "file is dropped. Node ids are not checked."
    ),
    usage="#%import_dot(path=PATH_TO/FILE_NAME.dot)",
    params=(p.path("The .dot file to read.", required=True),),
    empty_parens_ok=False,
    example="#%import_dot(path=./pipeline.dot)",
)


def _resource(name: str, message: str, doc: str) -> ParamSpec:
    return ParamSpec(name, Kind.PATH, doc, message=message)


SUBMIT_JOB = PragmaSpec(
    name="submit_job",
    summary="submits the job to the scheduler",
    doc=(
        "(Re)builds the job if tasks changed, checks the replicate controls (adding a "
        "`DefaultMerge` task where needed) and submits it. `nodesource`, `host` and `token` "
        "must exist in the Resource Manager; they replace **every** task's selection script."
    ),
    usage=(
        "#%submit_job([name=JOB_NAME], [nodesource=NODESOURCE_NAME], [host=HOST_NAME], "
        "[token=TOKEN_NAME], [input_path=INPUT_FOLDER_PATH], [output_path=OUTPUT_FOLDER_PATH])"
    ),
    params=(
        ParamSpec("name", Kind.IDENT_OR_EMPTY, "Job name; default the current job name, else "
                  "the notebook name, else `DefaultJob_NNNN`.", message=p.NAME_MESSAGE),
        _resource("input_path", "Invalid input path parameter", "Input space folder."),
        _resource("output_path", "Invalid output path parameter", "Output space folder."),
        _resource("nodesource", "Invalid nodesource parameter",
                  "Run every task on this node source (see `#%list_nodesources`)."),
        _resource("host", "Invalid host parameter",
                  "Run every task on this host (see `#%list_hosts`); wins over `nodesource`."),
        _resource("token", "Invalid token parameter",
                  "Node access token (see `#%list_tokens`)."),
    ),
    example="#%submit_job(name=TrainingPipeline)",
)

EXPORT_XML = PragmaSpec(
    name="export_xml",
    summary="exports the job in xml format",
    doc=(
        "Writes the ProActive job XML to `./<name>.xml`. It uses the job built by the last "
        "`#%job` or `#%submit_job`: without one it fails, and tasks added since are missing."
    ),
    usage="#%export_xml([name=FILE_NAME])",
    params=(_file_name("xml"),),
    example="#%export_xml(name=pipeline)",
)

JOB_PRAGMAS = (JOB, JOB_SELECTION_SCRIPT, JOB_FORK_ENV, RUNTIME_ENV, DRAW_JOB, WRITE_DOT,
               IMPORT_DOT, SUBMIT_JOB, EXPORT_XML)
