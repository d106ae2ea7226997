"""The real ProActive SDK (and its JVM) against the stand-in scheduler.

These prove the stand-in is faithful enough for submission tests, and pin down what the SDK
does on each failure: the exception it raises and where the scheduler's message sits in it.
"""

from __future__ import annotations

import dataclasses
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from standin import Behaviour, StandinScheduler
from standin.jobs import task_output, task_result

from .sdk_session import (
    DeadlineExceeded,
    call_with_deadline,
    gateway_session,
    java_causes,
    jvm_process,
    open_gateway,
    scheduler_message,
    stop_gateway,
)

pytestmark = pytest.mark.requires_sdk

ADMIN = ("admin", "admin")
JOB_CREATION = "org.ow2.proactive.scheduler.common.exception.JobCreationException"
LOGIN_EXCEPTION = "javax.security.auth.login.LoginException"
UNKNOWN_JOB = "org.ow2.proactive.scheduler.common.exception.UnknownJobException"
# Generous bound on polling loops: each status read advances a stand-in job by one step.
MAX_POLLS = 20


def make_job(gateway: Any, name: str, *tasks: str, chain: bool = False) -> Any:
    """A job of Python tasks, built with the SDK's model (as the kernel does)."""
    job = gateway.createJob()
    job.setJobName(name)
    previous = None
    for task_name in tasks:
        task = gateway.createPythonTask()
        task.setTaskName(task_name)
        task.setTaskImplementation(f"print('{task_name}')")
        if chain and previous is not None:
            task.addDependency(previous)
        job.addTask(task)
        previous = task
    return job


def wait_finished(gateway: Any, job_id: int) -> list[str]:
    """Poll the status as the SDK allows it (`getJobInfo(str(id))`); return the statuses seen."""
    seen: list[str] = []
    for _ in range(MAX_POLLS):
        seen.append(str(gateway.getJobInfo(str(job_id)).getStatus()))
        if seen[-1] in ("Finished", "Failed", "Canceled", "Killed"):
            return seen
    raise AssertionError(f"job {job_id} never finished: {seen}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_submit_poll_and_read_results(
    gateway: Any, standin: StandinScheduler, capsys: pytest.CaptureFixture[str]
) -> None:
    standin.behaviour = Behaviour(polls_until_finished=2)
    job_id = gateway.submitJob(make_job(gateway, "two_steps", "first", "second", chain=True))

    assert wait_finished(gateway, job_id) == ["Pending", "Running", "Finished"]
    submitted = standin.jobs.get(str(job_id))
    assert submitted is not None and submitted.tasks == ("first", "second")
    assert b'xmlns="urn:proactive:jobdescriptor:3.13"' in submitted.xml
    results = gateway.getJobResult(job_id)
    assert sorted(results.split(os.linesep)) == [task_result("first"), task_result("second")]
    assert gateway.getTaskResult(job_id, "second") == task_result("second")
    # Both return the logs (stripped); the kernel is the one that prints them.
    outputs = gateway.printJobOutput(job_id)
    assert sorted(outputs.split(os.linesep)) == [
        task_output("first").strip(),
        task_output("second").strip(),
    ]
    assert gateway.printTaskOutput(job_id, "first") == task_output("first").strip()
    assert capsys.readouterr().out == ""


def test_connect_speaks_the_scheduler_protocol_in_order(
    scheduler: StandinScheduler, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with gateway_session(scheduler.base_url, tmp_path) as gateway:
        gateway.connect(*ADMIN)
        assert gateway.isConnected()
        gateway.disconnect()

    assert scheduler.seen.paths() == [
        "/rest/scheduler/session",  # the JVM's login (multipart)
        "/rest/scheduler/events",  # the events WebSocket; connect() fails without it
        "/rest/common/login",  # the SDK's Python-side login (requests)
        "/rest/scheduler/isconnected",
        "/rest/scheduler/disconnect",
        "/rest/common/connected",
        "/rest/common/logout",
    ]
    # The SDK prints on stdout: a stdio language server must keep fd 1 for JSON-RPC.
    out = capsys.readouterr().out
    assert "[INFO] Log in..." in out and "[INFO] Connected!" in out


def test_wrong_password_surfaces_the_login_exception(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    with gateway_session(scheduler.base_url, tmp_path) as gateway:
        with pytest.raises(Exception) as caught:
            gateway.connect("admin", "not-the-password")
        # The causes, and even str(error), live in the JVM: read them before it stops.
        message = scheduler_message(caught.value, LOGIN_EXCEPTION)
        text = str(caught.value)

    assert type(caught.value).__name__ == "Py4JJavaError"
    assert message == "Authentication failed"
    assert "java.lang.RuntimeException: javax.security.auth.login.LoginException: " in text
    assert scheduler.seen.paths() == ["/rest/scheduler/session"]


def test_refused_port_fails_with_the_connection_error_not_the_deadline(tmp_path: Path) -> None:
    # How fast it fails is measured by the benchmarks, not asserted here; what matters is that
    # the SDK's own refusal arrives (not our deadline), so the user gets the real cause.
    with gateway_session(f"http://127.0.0.1:{free_port()}", tmp_path) as gateway:
        with pytest.raises(Exception) as caught:
            call_with_deadline(lambda: gateway.connect(*ADMIN), 10.0)
        causes = java_causes(caught.value)
        text = str(caught.value)

    assert type(caught.value).__name__ == "Py4JJavaError"
    assert causes[-1] == ("java.net.ConnectException", "Connection refused")
    assert "RESTEASY004655: Unable to invoke request" in text


def test_silent_server_needs_a_deadline_and_a_killed_jvm(
    scheduler_factory: Callable[[Behaviour], StandinScheduler], tmp_path: Path
) -> None:
    silent = scheduler_factory(Behaviour(silent=True))
    gateway = open_gateway(silent.base_url, tmp_path)
    process = jvm_process(gateway)
    try:
        with pytest.raises(DeadlineExceeded):
            call_with_deadline(lambda: gateway.connect(*ADMIN), 1.0)
        # Not logged in on the Python side yet, so terminate() makes no HTTP call and returns.
        call_with_deadline(gateway.terminate, 5.0)
        # ...but terminate() does not end the JVM: it exits only when its stdin closes.
        assert process.poll() is None
    finally:
        stop_gateway(gateway, server_answers=False, process=process)
    assert process.poll() is not None


def test_terminate_hangs_once_a_connected_server_goes_silent(
    scheduler_factory: Callable[[Behaviour], StandinScheduler], tmp_path: Path
) -> None:
    standin = scheduler_factory(Behaviour())
    gateway = open_gateway(standin.base_url, tmp_path)
    process = jvm_process(gateway)
    try:
        gateway.connect(*ADMIN)
        standin.behaviour = dataclasses.replace(standin.behaviour, silent=True)
        with pytest.raises(DeadlineExceeded):
            call_with_deadline(lambda: gateway.getJobInfo("1"), 1.0)
        # terminate() logs out through `requests` with no timeout: it blocks too.
        with pytest.raises(DeadlineExceeded):
            call_with_deadline(gateway.terminate, 1.0)
    finally:
        stop_gateway(gateway, server_answers=False, process=process)
    assert process.poll() is not None


def test_rejected_job_message_is_in_the_java_cause_chain(
    gateway: Any, standin: StandinScheduler
) -> None:
    complaint = "Invalid taskflow: Unmatched start block; context: split"
    standin.behaviour = Behaviour(validate=lambda xml: complaint)

    with pytest.raises(Exception) as caught:
        gateway.submitJob(make_job(gateway, "rejected", "split"))

    assert scheduler_message(caught.value, JOB_CREATION) == complaint
    assert "Job submission failed status code: 500" in str(caught.value)
    assert standin.seen.rejected[-1] == complaint


def test_proactive_validator_behind_the_standin(
    gateway: Any,
    standin: StandinScheduler,
    proactive_validate: Callable[[bytes], str | None],
) -> None:
    standin.behaviour = Behaviour(validate=proactive_validate, polls_until_finished=0)
    job = make_job(gateway, "replicate", "split")
    split = job.getTasks()[0]
    split.setFlowScript(gateway.createReplicateFlowScript("runs=2"))
    process = gateway.createPythonTask()
    process.setTaskName("process")
    process.setTaskImplementation("print('process')")
    process.addDependency(split)
    job.addTask(process)

    with pytest.raises(Exception) as caught:
        gateway.submitJob(job)
    assert scheduler_message(caught.value, JOB_CREATION) == (
        "Invalid taskflow: No merge point for REPLICATE block; context: process"
    )

    accepted = gateway.submitJob(make_job(gateway, "plain", "a", "b", chain=True))
    assert wait_finished(gateway, accepted) == ["Finished"]


def test_task_failing_at_run_time(gateway: Any, standin: StandinScheduler) -> None:
    standin.behaviour = Behaviour(failing_tasks=frozenset({"bad"}), polls_until_finished=0)
    job_id = gateway.submitJob(make_job(gateway, "half_broken", "good", "bad"))

    assert wait_finished(gateway, job_id) == ["Failed"]
    assert gateway.isJobFinished(str(job_id))  # an int id is "no such method" in py4j
    # A failed task has no value: getJobResult shows it as "None".
    assert sorted(gateway.getJobResult(job_id).split(os.linesep)) == [
        "None",
        task_result("good"),
    ]
    # getTaskResult falls back to /result/value: the exception's stack trace as text.
    assert gateway.getTaskResult(job_id, "bad").startswith(
        "javax.script.ScriptException: Task bad raised: ValueError: boom"
    )
    assert gateway.printTaskOutput(job_id, "bad") == task_output("bad").strip()


def test_unknown_job_id(gateway: Any) -> None:
    with pytest.raises(Exception) as caught:
        gateway.getJobInfo("987654")
    assert scheduler_message(caught.value, UNKNOWN_JOB) == (
        "java.lang.Throwable: Job 987654 does not exist"
    )


def test_workflow_file_with_variables(
    gateway: Any, standin: StandinScheduler, tmp_path: Path
) -> None:
    path = tmp_path / "job.xml"
    gateway.saveJob2XML(make_job(gateway, "from_file", "only"), str(path))

    job_id = gateway.submitWorkflowFromFile(str(path), {"COUNT": "3"})

    submitted = standin.jobs.get(str(job_id))
    assert submitted is not None
    assert submitted.xml == path.read_bytes()
    assert submitted.variables == {"COUNT": "3"}


def test_input_and_output_paths_go_through_the_data_space(
    gateway: Any, standin: StandinScheduler, tmp_path: Path
) -> None:
    inputs, outputs = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    outputs.mkdir()
    (inputs / "data.txt").write_text("hello", encoding="utf-8")
    standin.behaviour = Behaviour(polls_until_finished=0)

    job_id = gateway.submitJobWithInputsAndOutputsPaths(
        make_job(gateway, "with_io", "io"), str(inputs), str(outputs)
    )

    paths = standin.seen.paths()
    assert "/rest/scheduler/userspace" in paths
    assert any(p.startswith("/rest/data/user/") and p.endswith("/input") for p in paths)
    assert any(p.startswith("/rest/data/user/") and p.endswith("/output") for p in paths)
    assert gateway.getTaskResult(job_id, "io") == task_result("io")
