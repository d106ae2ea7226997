"""Our workflow model → the SDK's job model, exactly as kernel 13.0.4 builds it (§3.2–3.10).

The kernel builds SDK objects cell by cell; we replay the cells into our model first and map the
finished model onto the same SDK objects here, with the same factories, the same generated code
and the same defaults, so `exportJob2XML` writes the XML the kernel's `#%export_xml` (after a
`#%submit_job`) would have written.

Every function takes the `proactive.ProActiveGateway` (``gateway.sdk`` of an `SdkGateway`); the
SDK itself is never imported here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from proactive_lsp.language.languages import DEFAULT_SELECTION_LANGUAGE, LANGUAGES
from proactive_lsp.model.task import FlowKind, FlowScript, Script, Task
from proactive_lsp.model.workflow import Workflow

# Every task without a selection script (and no job default) gets this one (§3.2 step 5).
DEFAULT_SELECTION_CODE = "selected = true"
_EXPORT_WARNING = 'print("WARNING: Some exported variables are undefined. Please check.")'


def build_job(gateway: Any, workflow: Workflow, document_folder: Path | None = None,
              name: str | None = None) -> Any:
    """A `ProactiveJob` holding every task of the model, in creation order.

    `document_folder` resolves relative `path=` values (the kernel resolves them against its
    working directory, the notebook's folder). `name` overrides the job name.
    """
    job = gateway.createJob()
    job.setJobName(job_name(workflow, name))
    built: dict[str, Any] = {}
    for task in workflow.tasks.values():
        built[task.name] = build_task(gateway, workflow, task, document_folder)
        job.addTask(built[task.name])
    for task in workflow.tasks.values():
        for ref in task.deps:
            parent = built.get(ref.name)
            if parent is not None and ref.name != task.name:
                built[task.name].addDependency(parent)
    for key, value in workflow.job.generic_info:
        job.addGenericInformation(key, value)
    for key, value in workflow.job.variables:
        job.addVariable(key, value)
    return job


def job_name(workflow: Workflow, name: str | None = None) -> str:
    """`#%job`/`#%submit_job` name, else the notebook's name, else `Unnamed_job` (§5.0)."""
    return workflow.title(name)


def output_file_name(workflow: Workflow, name: str | None = None) -> str:
    """The file `#%export_xml(name=...)` writes: `<title>.xml` (§5.0)."""
    return f"{workflow.title(name)}.xml"


def build_task(gateway: Any, workflow: Workflow, task: Task, folder: Path | None) -> Any:
    """One SDK task, without its dependencies (they need every task built first)."""
    language = task.language
    if language is None or language not in LANGUAGES:
        sdk_task = gateway.createPythonTask()
    else:
        sdk_task = gateway.createTask(LANGUAGES[language])
    sdk_task.setTaskName(task.name)
    sdk_task.setPreciousResult(task.precious_result)
    selection, fork_env = task.selection_script, task.fork_env
    if selection is None:
        default = gateway.createSelectionScript(language=LANGUAGES[DEFAULT_SELECTION_LANGUAGE])
        default.setImplementation("\n" + DEFAULT_SELECTION_CODE)
        sdk_task.setSelectionScript(default)
    else:
        _set(sdk_task.setSelectionScript, _script(gateway.createSelectionScript, selection, folder))
    if fork_env is not None:
        _set(sdk_task.setForkEnvironment, _script(gateway.createForkEnvironment, fork_env, folder))
    if task.pre_script is not None:
        _set(sdk_task.setPreScript, _script(gateway.createPreScript, task.pre_script, folder))
    if task.post_script is not None:
        _set(sdk_task.setPostScript, _script(gateway.createPostScript, task.post_script, folder))
    for key, value in task.generic_info:
        sdk_task.addGenericInformation(key, value)
    for key, value in task.variables:
        sdk_task.addVariable(key, value)
    if task.path is not None:
        sdk_task.setTaskImplementationFromFile(str(_resolve(task.path.name, folder)))
    elif len(task.body_cells) > 1:
        # Multiblock appends replace the implementation without the leading newline (§3.9).
        sdk_task.setTaskImplementation(task_code(task))
    else:
        sdk_task.setTaskImplementation("\n" + task_code(task))
    if task.flow_script is not None:
        sdk_task.setFlowScript(flow_script(gateway, task.flow_script))
    if task.flow_block is not None:
        blocks = gateway.getProactiveFlowBlockType()
        sdk_task.setFlowBlock(blocks.start() if task.flow_block == "start" else blocks.end())
    return sdk_task


def task_code(task: Task) -> str:
    """The kernel's generated code: `#%import` prefix, import lines, body, export block (§3.2.9)."""
    code = task.body
    for ref in task.imports:  # each one is prepended, so they end up in reverse order
        code = f'{ref.name} = variables.get("{ref.name}")\n' + code
    if task.exports:
        if task.is_python:
            code += "\ntry:"
            code += "".join(f'\n\tvariables.put("{r.name}", {r.name})' for r in task.exports)
            code += "\nexcept Exception:\n\t" + _EXPORT_WARNING
        else:
            code += "".join(f'\nvariables.put("{r.name}", {r.name})' for r in task.exports)
    if task.import_prefix:
        code = task.import_prefix + "\n" + code
    return code


def flow_script(gateway: Any, script: FlowScript) -> Any:
    """The `runs`/`condition` script as the kernel creates it (JavaScript, body verbatim)."""
    if script.kind is FlowKind.REPLICATE:
        return gateway.createReplicateFlowScript(script.code)
    if script.kind is FlowKind.LOOP:
        return gateway.createLoopFlowScript(script.code, script.target or "")
    return gateway.createBranchFlowScript(
        script.code, script.target or "", script.target_else or "", script.target_continuation or ""
    )


def _script(factory: Any, script: Script, folder: Path | None) -> Any | None:
    """A pre/post/selection/fork script; `None` where the kernel refuses to build one."""
    engine = LANGUAGES.get(script.language)
    if engine is None:
        return None  # no or unknown language: the kernel raised and set nothing
    made = factory(engine)
    if script.path is not None:
        resolved = _resolve(script.path, folder)
        if not resolved.is_file():
            return None  # `The file '<p>' does not exist`
        made.setImplementationFromFile(str(resolved))
    else:
        made.setImplementation("\n" + script.code)
    return made


def _set(setter: Any, value: Any | None) -> None:
    if value is not None:
        setter(value)


def _resolve(path: str, folder: Path | None) -> Path:
    candidate = Path(path).expanduser()
    if candidate.is_absolute() or folder is None:
        return candidate
    return folder / candidate
