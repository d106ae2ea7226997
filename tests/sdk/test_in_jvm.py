"""FlowChecker inside the SDK's own JVM on jobs built the way the kernel builds them, checked
against ProActive's verdict on the XML the SDK exports for the same job."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from proactive_lsp.sdk import ValidatorProcess, Verdict, flowcheck_in_sdk_jvm, validate_sdk_job

pytestmark = pytest.mark.requires_sdk

Gateway = Any
JobBuilder = Callable[[Gateway], Any]


@pytest.fixture(scope="module")
def gateway() -> Iterator[Gateway]:
    from proactive import ProActiveGateway

    # No server is contacted until connect(); the URL only has to be well formed.
    # javaopts is a fresh list: the SDK's default is a shared mutable list.
    gw = ProActiveGateway("http://127.0.0.1:9", javaopts=["-Xmx128m", "-XX:+UseSerialGC"])
    yield gw
    gw.terminate()


def _task(gw: Gateway, name: str, *deps: Any) -> Any:
    task = gw.createPythonTask()
    task.setTaskName(name)
    task.setTaskImplementation("pass")
    for dep in deps:
        task.addDependency(dep)
    return task


def _job(gw: Gateway, name: str, *tasks: Any) -> Any:
    job = gw.createJob()
    job.setJobName(name)
    for task in tasks:
        job.addTask(task)
    return job


def chain(gw: Gateway) -> Any:
    a = _task(gw, "T0")
    b = _task(gw, "T1", a)
    return _job(gw, "chain", a, b, _task(gw, "T2", b))


def replicate(gw: Gateway, *, with_merge: bool = True) -> Any:
    # As `#%split`, `#%runs`, `#%process`, `#%merge` do.
    blocks = gw.getProactiveFlowBlockType()
    split = _task(gw, "split1")
    split.setFlowBlock(blocks.start())
    split.setFlowScript(gw.createReplicateFlowScript("runs=3"))
    process = _task(gw, "process1", split)
    tasks = [split, process]
    if with_merge:
        merge = _task(gw, "merge1", process)
        merge.setFlowBlock(blocks.end())
        tasks.append(merge)
    return _job(gw, "replicate", *tasks)


def replicate_without_merge(gw: Gateway) -> Any:
    return replicate(gw, with_merge=False)


def loop(gw: Gateway, *, start_block: bool = True) -> Any:
    # As `#%start`, `#%condition`, `#%loop` do.
    blocks = gw.getProactiveFlowBlockType()
    start = _task(gw, "start1")
    if start_block:
        start.setFlowBlock(blocks.start())
    body = _task(gw, "loop1", start)
    body.setFlowScript(gw.createLoopFlowScript("loop = false", start.getTaskName()))
    body.setFlowBlock(blocks.end())
    return _job(gw, "loop", start, body)


def loop_without_start_block(gw: Gateway) -> Any:
    return loop(gw, start_block=False)


def branch(gw: Gateway, *, if_dep: bool = False) -> Any:
    # As `#%branch`, `#%condition`, `#%if`, `#%else`, `#%continuation` do: no automatic deps.
    pre = _task(gw, "pre")
    br = _task(gw, "branch1")
    if_task = _task(gw, "if1", *([pre] if if_dep else []))
    else_task = _task(gw, "else1")
    cont = _task(gw, "continuation1")
    script = gw.createBranchFlowScript(
        "branch = 'if'", if_task.getTaskName(), else_task.getTaskName(), cont.getTaskName()
    )
    br.setFlowScript(script)
    return _job(gw, "branch", pre, br, if_task, else_task, cont)


def branch_if_with_dependency(gw: Gateway) -> Any:
    return branch(gw, if_dep=True)


def self_dependency(gw: Gateway) -> Any:
    a = _task(gw, "A")
    a.addDependency(a)
    return _job(gw, "selfdep", a)


JOBS: list[tuple[JobBuilder, Verdict]] = [
    (chain, Verdict(None, True)),
    (replicate, Verdict(None, True)),
    (replicate_without_merge, Verdict(None, False, "flow", "Unmatched start block", "split1")),
    (loop, Verdict(None, True)),
    (
        loop_without_start_block,
        Verdict(None, False, "flow", "Unmatched end block", "loop1"),
    ),
    (branch, Verdict(None, True)),
    (
        branch_if_with_dependency,
        Verdict(None, False, "flow", "IF task block cannot have dependencies", "if1"),
    ),
    (self_dependency, Verdict(None, False, "flow", "Unreachable task", "A")),
]


@pytest.mark.parametrize(("build", "expected"), JOBS, ids=[build.__name__ for build, _ in JOBS])
def test_in_jvm_verdict_equals_exported_file_verdict(
    gateway: Gateway, validator: ValidatorProcess, build: JobBuilder, expected: Verdict
) -> None:
    job = build(gateway)
    in_jvm = flowcheck_in_sdk_jvm(gateway, job)
    from_file = validate_sdk_job(gateway, job, validator)
    assert in_jvm == expected
    assert from_file == expected


def test_in_jvm_check_has_no_schema_stage(gateway: Gateway, validator: ValidatorProcess) -> None:
    # The model never becomes XML in the JVM, so a name the schema rejects goes through.
    task = _task(gateway, "1st")
    job = _job(gateway, "bad_name", task)
    assert flowcheck_in_sdk_jvm(gateway, job) == Verdict(None, True)
    from_file = validator.validate_xml(gateway.exportJob2XML(job))
    assert (from_file.stage, from_file.task) == ("parse", "1st")
