"""Life cycle: capabilities per client profile, start-up flags, shutdown, stdin EOF, failing
handlers, and stdout kept for the protocol alone."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import SERVER, make_client, start
from lspkit import (
    barrier,
    codes,
    doc,
    initialize_params,
    notification,
    open_text,
    parse_frames,
    pos,
    read_frame,
    request,
    spawn,
    wait_diagnostics,
)
from lsprotocol import types

BROKEN = "#%task(name=a)\nx = 1\n\n#%task(name=b, dep=[zz])\ny = 2\n"


@pytest.mark.parametrize("profile", ["vscode", "neovim", "jupyterlab"])
async def test_initialize_picks_pull_or_push_per_client(profile: str) -> None:
    client = make_client()
    await client.start_io(*SERVER)
    try:
        result = await start(client, profile)
        caps = result.capabilities
        assert result.server_info is not None and result.server_info.name == "proactive-lsp"
        assert caps.hover_provider and caps.completion_provider is not None
        assert caps.execute_command_provider is not None
        assert "proactive.drawWorkflow" in caps.execute_command_provider.commands
        uri = f"file:///workspace/{profile}.py"
        open_text(client, uri, BROKEN)
        await barrier(client)
        if profile == "vscode":
            assert caps.notebook_document_sync is not None
            assert caps.diagnostic_provider is not None
            assert client.published == []  # pull only: no pushes at all, so no duplicates
            report = await client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=doc(uri))
            )
            assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
            assert codes(report.items) == ["PA301"]
        else:
            assert caps.notebook_document_sync is None  # no notebookDocument capability declared
            assert caps.diagnostic_provider is None
            found = await wait_diagnostics(client, uri, lambda d: len(d) > 0)
            assert codes(found) == ["PA301"]
        await client.shutdown_session()
    finally:
        await client.stop()  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("argv", [["--stdio"], ["serve", "--stdio"], []])
def test_stdio_flags_and_clean_shutdown_exit(argv: list[str]) -> None:
    process = spawn(*argv)
    out, err = process.communicate(
        request(1, "initialize", initialize_params())
        + notification("initialized", {})
        + request(2, "shutdown")
        + notification("exit"),
        timeout=20,
    )
    messages = parse_frames(out)
    assert [m.get("id") for m in messages] == [1, 2], err.decode()[-2000:]
    assert "capabilities" in messages[0]["result"]
    assert messages[1]["result"] is None
    assert process.returncode == 0


def test_closed_stdin_ends_the_process() -> None:
    process = spawn()
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(request(1, "initialize", initialize_params()))
        process.stdin.flush()
        assert "capabilities" in read_frame(process.stdout)["result"]
        process.stdin.close()  # the editor died: no shutdown, no exit
        process.wait(timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode is not None


def _bad_fix_action(uri: str) -> dict[str, Any]:
    # A diagnostic that claims to be ours but whose fix data is malformed (a stale or hostile
    # client): the quick-fix handler fails on it.
    diagnostic = {
        "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}},
        "message": "x",
        "source": "proactive",
        "data": {"fixes": [{"edits": [{"range": [0], "text": ""}]}]},
    }
    return {
        "textDocument": {"uri": uri},
        "range": diagnostic["range"],
        "context": {"diagnostics": [diagnostic]},
    }


def test_failing_handler_is_answered_with_an_error_and_the_server_keeps_serving() -> None:
    uri = "file:///workspace/f.py"
    opened = {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": BROKEN}}
    hover = {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}
    process = spawn()
    out, err = process.communicate(
        request(1, "initialize", initialize_params())
        + notification("initialized", {})
        + notification("textDocument/didOpen", opened)
        + request(2, "textDocument/codeAction", _bad_fix_action(uri))
        + request(3, "textDocument/hover", hover)
        + request(4, "shutdown")
        + notification("exit"),
        timeout=20,
    )
    by_id = {m["id"]: m for m in parse_frames(out) if "id" in m}
    assert by_id[2]["error"]["code"] == -32603  # InternalError, with the message
    assert "IndexError" in by_id[2]["error"]["message"]
    assert "#%task" in by_id[3]["result"]["contents"]["value"]  # still serving
    assert by_id[4]["result"] is None and process.returncode == 0
    assert b"Traceback" in err  # the failure is logged, on stderr


def test_stdout_carries_only_protocol_frames() -> None:
    uri = "file:///workspace/g.py"
    text = "#%task(name=a, dep=abc)\nprint('hello from the body')\n"
    opened = {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}
    process = spawn()
    out, err = process.communicate(
        request(1, "initialize", initialize_params())
        + notification("initialized", {})
        + notification("textDocument/didOpen", opened)
        + request(
            2,
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}},
        )
        + request(3, "textDocument/codeAction", _bad_fix_action(uri))  # logs a traceback
        + notification("$/unknownNotification", {})
        + request(4, "shutdown")
        + notification("exit"),
        timeout=20,
    )
    messages = parse_frames(out)  # fails on any stray byte
    methods = [m.get("method") for m in messages if "method" in m]
    assert "textDocument/publishDiagnostics" in methods
    assert {m["id"] for m in messages if "id" in m} == {1, 2, 3, 4}
    assert err.strip(), "logs are expected on stderr"
    assert b"Content-Length" not in err


def test_passwords_never_reach_the_logs() -> None:
    uri = "file:///workspace/secret.py"
    text = "#%connect(host=h.example, port=8443, login=alice, password=hunter2secret)\n"
    opened = {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}
    process = spawn()
    _, err = process.communicate(
        request(1, "initialize", initialize_params())
        + notification("initialized", {})
        + notification("textDocument/didOpen", opened)
        + request(2, "shutdown")
        + notification("exit"),
        timeout=20,
    )
    assert b"hunter2secret" not in err


async def test_position_beyond_the_document_is_answered(client: Any) -> None:
    open_text(client, "file:///workspace/short.py", "#%task(name=a)\n")
    far = pos(10_000, 10_000)
    assert (
        await client.text_document_hover_async(
            types.HoverParams(text_document=doc("file:///workspace/short.py"), position=far)
        )
        is None
    )
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=doc("file:///workspace/short.py"), position=far)
    )
    assert result is None or not getattr(result, "items", result)
