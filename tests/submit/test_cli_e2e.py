"""`proactive-lsp submit | results | jobs` end to end: the CLI process, the real SDK and JVM, and
the stand-in scheduler (validating submitted XML with ProActive's own validator)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from standin import Behaviour, StandinScheduler
from standin.jobs import task_output, task_result

pytestmark = pytest.mark.requires_sdk

CHAIN = """#%task(name=first)
print("first")

#%task(name=second, dep=[first])
print("second")
"""
POLICY = "Job submission refused: the project 'flow' has reached its quota of running jobs"


def flow(folder: Path, text: str = CHAIN, name: str = "flow.py") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def cli(
    *args: str,
    password: str | None = "admin",
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if password is not None:
        env["PROACTIVE_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "proactive_lsp.cli.jobs", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def submit(
    url: str, path: Path, *extra: str, login: str = "admin", password: str | None = "admin"
) -> subprocess.CompletedProcess[str]:
    """`proactive-lsp submit PATH --url URL --login LOGIN [extra...]` with the password in the env."""
    return cli("submit", str(path), "--url", url, "--login", login, *extra, password=password)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_submit_wait_results_outputs_and_jobs(
    scheduler_factory: Callable[[Behaviour], StandinScheduler],
    proactive_validate: Callable[[bytes], str | None],
    tmp_path: Path,
) -> None:
    standin = scheduler_factory(Behaviour(polls_until_finished=2, validate=proactive_validate))
    done = submit(standin.base_url, flow(tmp_path), "--wait", "--poll", "0.05")

    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "job_id: 1"
    assert lines[1].startswith("Job 1 'flow': Finished in ")
    assert "0 failed tasks" in lines[1]
    assert lines[1].endswith(f"Scheduler portal: {standin.base_url}/scheduler/")
    assert "[INFO]" not in done.stdout  # the SDK's prints go to stderr
    assert "2 pending" in done.stderr and "2 finished, 0 failed (of 2)" in done.stderr
    assert "admin" not in done.stderr.replace("admin@", "")  # no password anywhere
    assert standin.jobs.get("1").tasks == ("first", "second")  # type: ignore[union-attr]

    # The job's server and login come from the local record.
    results = cli("results")
    assert results.returncode == 0, results.stderr
    assert results.stdout == (
        f"[first]\n{task_result('first')}\n\n[second]\n{task_result('second')}\n"
    )
    one = cli("results", "1", "--task", "second", "--output")
    assert one.stdout == task_output("second")
    listed = cli("jobs", "--format", "json")
    [record] = json.loads(listed.stdout)
    assert (record["job_id"], record["status"], record["url"]) == (1, "Finished", standin.base_url)
    assert record["document"] == str(tmp_path / "flow.py")


def test_wrong_password(scheduler: StandinScheduler, tmp_path: Path) -> None:
    done = submit(scheduler.base_url, flow(tmp_path), password="not-the-password")
    assert done.returncode == 2
    assert "the scheduler refused the login: Authentication failed" in done.stderr
    assert "not-the-password" not in done.stderr + done.stdout
    assert scheduler.jobs.all() == []


def test_no_password_is_never_guessed(scheduler: StandinScheduler, tmp_path: Path) -> None:
    done = submit(scheduler.base_url, flow(tmp_path), password=None)
    assert done.returncode == 2
    assert "password needed for admin on" in done.stderr
    assert scheduler.seen.paths() == []


def test_refused_port_is_said_before_any_jvm_starts(tmp_path: Path) -> None:
    # The port is probed before the SDK's JVM starts, so the answer is quick (figures: see the
    # closing notes); here what matters is the cause the user reads.
    path = flow(tmp_path)
    done = cli("submit", str(path), "--url", f"http://127.0.0.1:{free_port()}", "--login", "a")
    assert done.returncode == 2
    assert "connection refused" in done.stderr


def test_https_to_a_plain_http_server_is_a_tls_problem(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    url = scheduler.base_url.replace("http://", "https://")
    done = submit(url, flow(tmp_path))
    assert done.returncode == 2
    assert "TLS problem: Unsupported or unrecognized SSL message" in done.stderr


@pytest.mark.standin(validate=lambda xml: POLICY)
def test_rejected_job_shows_the_scheduler_message(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    done = submit(scheduler.base_url, flow(tmp_path))
    assert done.returncode == 1
    assert f"not submitted: {POLICY}" in done.stderr
    assert scheduler.seen.rejected == [POLICY]


@pytest.mark.standin(failing_tasks={"second"}, polls_until_finished=1)
def test_job_failing_at_run_time(scheduler: StandinScheduler, tmp_path: Path) -> None:
    done = submit(
        scheduler.base_url, flow(tmp_path), "--wait", "--poll", "0.05", "--format", "json"
    )
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["status"], summary["failedTasks"]) == ("Failed", ["second"])
    assert "1 failed task (second)" in summary["text"]
    results = cli("results", "1", "--url", scheduler.base_url, "--login", "admin")
    assert "[second]\n(failed) Task second raised: ValueError: boom" in results.stdout


def test_workflow_with_errors_is_never_submitted(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    broken = flow(tmp_path, "#%task(name=a, dep=[nowhere])\nprint(1)\n")
    done = submit(scheduler.base_url, broken)
    assert done.returncode == 1
    assert "not submitted: the workflow has 1 error" in done.stderr
    assert "PA301" in done.stderr
    assert scheduler.seen.paths() == []


def test_submit_job_options_and_two_submissions_at_once(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    # `#%submit_job(name=...)` names the job; input/output paths go through the data space.
    (tmp_path / "in").mkdir()
    one = flow(tmp_path, CHAIN + "\n#%submit_job(name=named_one, input_path=in)\n", "one.py")
    two = flow(tmp_path, CHAIN, "two.py")
    env = dict(os.environ, PROACTIVE_PASSWORD="admin")
    command = [
        sys.executable,
        "-m",
        "proactive_lsp.cli.jobs",
        "submit",
        "--url",
        scheduler.base_url,
        "--login",
        "admin",
        "--wait",
        "--poll",
        "0.05",
    ]
    running = [
        subprocess.Popen(
            [*command, str(path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (one, two)
    ]
    outputs = [process.communicate(timeout=60) for process in running]

    assert [p.returncode for p in running] == [0, 0], outputs
    ids = sorted(out.splitlines()[0] for out, _ in outputs)
    assert ids == ["job_id: 1", "job_id: 2"]
    assert sorted(job.name for job in scheduler.jobs.all()) == ["named_one", "two"]
    assert any(p.endswith("/input") for p in scheduler.seen.paths())


def test_missing_java_is_said_clearly(scheduler: StandinScheduler, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env |= {"PATH": str(tmp_path / "empty"), "PROACTIVE_PASSWORD": "admin"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "proactive_lsp.cli.jobs",
            "submit",
            str(flow(tmp_path)),
            "--url",
            scheduler.base_url,
            "--login",
            "admin",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert "No 'java' on PATH" in done.stderr, done.stderr
    assert scheduler.seen.paths() == []


@pytest.mark.standin(resources={"nodesources": ("gpu-pool",), "tokens": ("team-a",)})
def test_resource_options_are_checked_against_the_resource_manager(
    scheduler: StandinScheduler, tmp_path: Path
) -> None:
    refused = submit(scheduler.base_url, flow(tmp_path), "--nodesource", "cpu-pool")
    assert refused.returncode == 1
    assert "Invalid node source name!" in refused.stderr
    assert scheduler.jobs.all() == []

    accepted = flow(
        tmp_path, CHAIN + "\n#%submit_job(nodesource=gpu-pool, token=team-a)\n", "rm.py"
    )
    done = submit(scheduler.base_url, accepted)
    assert done.returncode == 0, done.stderr
    (job,) = scheduler.jobs.all()
    assert b"NODESOURCENAME" in job.xml and b"gpu-pool" in job.xml
    assert b"NODE_ACCESS_TOKEN" in job.xml and b"team-a" in job.xml
