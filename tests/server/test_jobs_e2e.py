"""Submit and follow jobs through the LSP commands: the real server over stdio, the real SDK and
JVM inside it, and the stand-in scheduler in this process (loopback)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the `standin` package
from standin import Behaviour, StandinScheduler
from standin.jobs import task_output, task_result

pytestmark = [
    pytest.mark.asyncio(loop_scope="module"),
    pytest.mark.skipif(shutil.which("java") is None, reason="no `java` on PATH"),
    pytest.mark.skipif(
        __import__("importlib.util").util.find_spec("proactive") is None,
        reason="the `proactive` package is not installed",
    ),
]

SUBMIT = "proactive.submitJob"
SHOW_RESULTS = "proactive.showResults"
JOB_OUTPUT = "proactive.jobOutput"
LIST_JOBS = "proactive.listJobs"
POLICY = "Job submission refused: the project has reached its quota of running jobs"
CHAIN = '#%task(name=first)\nprint("first")\n\n#%task(name=second, dep=[first])\nprint("second")\n'

# The server as `proactive-lsp` runs it, with the jobs commands registered if `features` does
# not do it yet.
LAUNCH = """
import os, sys
from proactive_lsp.server.app import create_server
from proactive_lsp.server import jobs
server = create_server()
if jobs.SUBMIT not in server.protocol.fm.commands:
    jobs.register(server, server.store)
out = os.fdopen(os.dup(1), "wb", buffering=0)
os.dup2(2, 1)
sys.stdout = sys.stderr
server.start_io(sys.stdin.buffer, out)
"""


@pytest.fixture(scope="module")
def standin() -> Iterator[StandinScheduler]:
    with StandinScheduler() as scheduler:
        yield scheduler


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(standin: StandinScheduler, workspace: Path) -> AsyncIterator[LanguageClient]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROACTIVE_")}
    env["PROACTIVE_LSP_DATA_DIR"] = str(workspace / "data")
    config = ClientServerConfig(server_command=[sys.executable, "-c", LAUNCH], server_env=env)
    lsp = await config.start()
    assert isinstance(lsp, LanguageClient)
    refreshes: list[None] = []
    lsp.refreshes = refreshes  # type: ignore[attr-defined]

    @lsp.feature(types.WORKSPACE_CODE_LENS_REFRESH)  # type: ignore[untyped-decorator]
    def refresh(client: LanguageClient, params: None) -> None:
        refreshes.append(params)

    caps = pytest_lsp.client_capabilities("visual-studio-code")
    await lsp.initialize_session(types.InitializeParams(
        capabilities=caps, root_uri=from_fs_path(str(workspace)),
        initialization_options={"proactive": {"scheduler": {"url": standin.base_url,
                                                            "login": "admin"}}},
    ))
    yield lsp
    await lsp.shutdown_session()
    await lsp.stop()  # type: ignore[no-untyped-call]


@pytest.fixture(autouse=True)
def healthy(standin: StandinScheduler) -> Iterator[None]:
    standin.behaviour = Behaviour(polls_until_finished=2)
    yield
    standin.behaviour = Behaviour()


def open_document(client: LanguageClient, workspace: Path, name: str, text: str = CHAIN) -> str:
    path = workspace / name
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    assert isinstance(uri, str)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=(
        types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))))
    return uri


async def command(client: LanguageClient, name: str, *args: Any) -> Any:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=name, arguments=list(args)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_submit_follow_lenses_results_outputs_and_list(
    client: LanguageClient, standin: StandinScheduler, workspace: Path
) -> None:
    uri = open_document(client, workspace, "chain.py")
    # Offered as a document lens and as a code action on a pragma line.
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert any(lens.command and lens.command.command == SUBMIT for lens in lenses or [])
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=3, character=2),
                          end=types.Position(line=3, character=2)),
        context=types.CodeActionContext(diagnostics=[])))
    # (the test client structures CodeAction | Command loosely: compare the text)
    assert any(SUBMIT in repr(a) and "'Submit job'" in repr(a) for a in actions or []), actions

    known = set(client.progress_reports)
    result = await command(client, SUBMIT, uri, "admin", {"wait": True, "pollSeconds": 0.05})

    assert result["status"] == "Finished", result
    job_id = result["jobId"]
    assert result["failedTasks"] == [] and result["portal"] == f"{standin.base_url}/scheduler/"
    [token] = set(client.progress_reports) - known
    reports = client.progress_reports[token]
    assert isinstance(reports[0], types.WorkDoneProgressBegin)
    messages = [r.message for r in reports[1:-1] if isinstance(r, types.WorkDoneProgressReport)]
    assert any("2 pending, 0 running, 0 finished, 0 failed (of 2)" in (m or "") for m in messages)
    assert any("0 pending, 2 running" in (m or "") for m in messages)
    assert isinstance(reports[-1], types.WorkDoneProgressEnd)
    assert reports[-1].message == result["text"]
    assert result["text"].startswith(f"Job {job_id} 'chain': Finished in ")
    assert any(m.message == result["text"] for m in client.messages)

    assert client.refreshes
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    status = {lens.range.start.line: lens.command.title for lens in lenses or []
              if lens.command and lens.command.command == SHOW_RESULTS}
    assert status == {0: f"✓ job {job_id}: Finished", 3: f"✓ job {job_id}: Finished"}

    results = await command(client, SHOW_RESULTS)  # the last submitted job
    assert results["jobId"] == job_id
    assert results["text"] == (f"[first]\n{task_result('first')}\n\n"
                               f"[second]\n{task_result('second')}")
    assert client.shown_documents[-1].uri == results["uri"]
    output = await command(client, JOB_OUTPUT, {"jobId": job_id, "task": "second"})
    assert output["text"] == task_output("second").strip()
    assert Path(str(output["uri"]).removeprefix("file://")).read_text().startswith("output of")

    jobs = await command(client, LIST_JOBS)
    assert (jobs[0]["jobId"], jobs[0]["status"], jobs[0]["name"]) == (job_id, "Finished", "chain")
    assert "admin" not in repr([m.message for m in client.log_messages]).replace("admin@", "")


async def test_password_needed_then_wrong_password(
    client: LanguageClient, standin: StandinScheduler, workspace: Path
) -> None:
    uri = open_document(client, workspace, "login.py")
    asked = await command(client, SUBMIT, uri, None, {"login": "bob"})
    assert (asked["status"], asked["kind"]) == ("error", "password-needed")

    wrong = await command(client, SUBMIT, uri, "not-the-password", {"login": "bob"})
    assert wrong["kind"] == "credentials"
    assert "Authentication failed" in wrong["message"]
    assert "not-the-password" not in repr(wrong) + repr([m.message for m in client.messages])


async def test_refused_port_answers_within_a_second(
    client: LanguageClient, workspace: Path
) -> None:
    uri = open_document(client, workspace, "refused.py")
    started = time.monotonic()
    refused = await command(client, SUBMIT, uri, "admin",
                            {"url": f"http://127.0.0.1:{free_port()}"})
    elapsed = time.monotonic() - started
    assert refused["kind"] == "unreachable" and "connection refused" in refused["message"]
    assert elapsed < 1.0, elapsed
    print(f"refused port: answered in {elapsed * 1000:.0f} ms")


def java_children(pid: int) -> list[int]:
    """The JVMs the server process has started and that still run (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline")
            if cmdline.exists() and b"py4j.GatewayServer" in cmdline.read_bytes():
                found.append(int(child))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
async def test_silent_server_deadline_while_hover_keeps_answering(
    client: LanguageClient, workspace: Path
) -> None:
    silent = StandinScheduler(Behaviour(silent=True)).start()
    try:
        uri = open_document(client, workspace, "silent.py")
        assert client._server is not None
        server_pid = client._server.pid
        before = set(java_children(server_pid))
        started = time.monotonic()
        submit = asyncio.ensure_future(command(
            client, SUBMIT, uri, "admin", {"url": silent.base_url, "deadline": 2}))
        hover = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri),
                                  position=types.Position(line=0, character=4))
        latencies = []
        saw_jvm = False
        for _ in range(200):
            if submit.done():
                break
            asked = time.perf_counter()
            await client.text_document_hover_async(hover)
            latencies.append(time.perf_counter() - asked)
            saw_jvm = saw_jvm or bool(set(java_children(server_pid)) - before)
            await asyncio.sleep(0.02)
        result = await asyncio.wait_for(submit, 30)
        elapsed = time.monotonic() - started
    finally:
        silent.stop()

    assert result["kind"] == "timeout", result
    assert "did not answer within 2 s" in result["message"]
    assert 2.0 <= elapsed < 15.0, elapsed  # the deadline, not a hang (a slow JVM start is fine)
    assert saw_jvm and set(java_children(server_pid)) <= before  # that JVM is gone
    assert len(latencies) >= 20
    print(f"silent server: timeout after {elapsed:.2f} s; hover during it: "
          f"n={len(latencies)} median={sorted(latencies)[len(latencies) // 2] * 1000:.1f} ms "
          f"max={max(latencies) * 1000:.1f} ms")
    # Within 50 ms (median ~1 ms). A rare pause of 150-260 ms was seen while the JVM starts
    # (not a network wait: the deadline is 2 s); it is tolerated up to 500 ms.
    ordered = sorted(latencies)
    assert ordered[int(len(ordered) * 0.95)] < 0.05, ordered[-5:]
    assert ordered[-1] < 0.5, ordered[-5:]


async def test_rejected_job_message_reaches_the_user(
    client: LanguageClient, standin: StandinScheduler, workspace: Path
) -> None:
    standin.behaviour = Behaviour(validate=lambda xml: POLICY)
    uri = open_document(client, workspace, "rejected.py")
    rejected = await command(client, SUBMIT, uri, "admin", {})
    assert (rejected["kind"], rejected["message"]) == ("rejected", POLICY)
    assert client.messages[-1].type == types.MessageType.Error
    assert POLICY in client.messages[-1].message


async def test_workflow_with_errors_is_never_submitted(
    client: LanguageClient, standin: StandinScheduler, workspace: Path
) -> None:
    before = len(standin.jobs.all())
    uri = open_document(client, workspace, "broken.py", "#%task(name=a, dep=[zz])\nx = 1\n")
    refused = await command(client, SUBMIT, uri, "admin", {})
    assert refused["kind"] == "workflow-errors" and "PA301" in refused["message"]
    assert len(standin.jobs.all()) == before


async def test_two_submissions_at_once_one_failing_at_run_time(
    client: LanguageClient, standin: StandinScheduler, workspace: Path
) -> None:
    standin.behaviour = Behaviour(polls_until_finished=2, failing_tasks=frozenset({"second"}))
    failing = open_document(client, workspace, "failing.py")
    fine = open_document(client, workspace, "fine.py",
                         "#%task(name=alpha)\nprint(1)\n\n#%task(name=beta)\nprint(2)\n")
    options = {"wait": True, "pollSeconds": 0.05}
    bad, good = await asyncio.gather(command(client, SUBMIT, failing, "admin", options),
                                     command(client, SUBMIT, fine, "admin", options))

    assert bad["jobId"] != good["jobId"]
    assert (bad["status"], bad["failedTasks"]) == ("Failed", ["second"])
    assert "1 failed task (second)" in bad["text"]
    assert (good["status"], good["failedTasks"]) == ("Finished", [])
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=failing)))
    titles = sorted(lens.command.title for lens in lenses or []
                    if lens.command and lens.command.command == SHOW_RESULTS)
    assert titles == [f"✓ job {bad['jobId']}: Finished", f"✗ job {bad['jobId']}: Failed"]
    result = await command(client, SHOW_RESULTS, {"jobId": bad["jobId"], "task": "second"})
    assert result["text"] == "(failed) Task second raised: ValueError: boom"


async def test_lens_click_submits_without_a_password_once_connected(
    client: LanguageClient, workspace: Path
) -> None:
    """A lens passes only the URI: the session the palette command logged in is reused, the
    command answers at once, and the summary arrives when the job ends."""
    uri = open_document(client, workspace, "lens.py")
    await command(client, SUBMIT, uri, "admin", {"wait": True, "pollSeconds": 0.05})
    shown = len(client.messages)
    started = time.monotonic()
    submitted = await command(client, SUBMIT, uri)
    assert submitted["status"] == "submitted" and time.monotonic() - started < 1.0
    for _ in range(200):
        if any(f"Job {submitted['jobId']} 'lens'" in m.message for m in client.messages[shown:]):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError([m.message for m in client.messages[shown:]])
