"""The stand-in on its own, over plain HTTP: no Java, no SDK, fast.

The SDK-level proof of faithfulness is in `tests/submission/test_sdk_against_standin.py`.
"""

from __future__ import annotations

import base64
import json
import socket
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

from .behaviour import Behaviour
from .jobs import task_result
from .scheduler import StandinScheduler
from .wire import java_serialized_string, parse_multipart, websocket_accept

JOB_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<job xmlns="urn:proactive:jobdescriptor:3.13" name="demo"><taskFlow>
<task name="a"><scriptExecutable><script><code language="cpython">1</code></script>
</scriptExecutable></task>
<task name="b"><depends><task ref="a"/></depends><scriptExecutable><script>
<code language="cpython">2</code></script></scriptExecutable></task>
</taskFlow></job>"""
BOUNDARY = "standin-test-boundary"


def multipart(**parts: bytes) -> tuple[bytes, str]:
    chunks = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + data
        for name, data in parts.items()
    ]
    body = b"\r\n".join(chunks) + f"\r\n--{BOUNDARY}--\r\n".encode()
    return body, f"multipart/form-data; boundary={BOUNDARY}"


def call(
    standin: StandinScheduler,
    method: str,
    path: str,
    session: str = "",
    parts: dict[str, bytes] | None = None,
    timeout: float = 5.0,
) -> tuple[int, bytes]:
    body, content_type = multipart(**parts) if parts is not None else (b"", "text/plain")
    request = urllib.request.Request(
        standin.base_url + "/rest" + path,
        data=body if method != "GET" else None,
        method=method,
        headers={"sessionid": session, "Content-Type": content_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


def login(
    standin: StandinScheduler, password: str = "admin", timeout: float = 5.0
) -> tuple[int, str]:
    parts = {"username": b"admin", "password": password.encode()}
    status, body = call(standin, "PUT", "/scheduler/session", parts=parts, timeout=timeout)
    return status, body.decode()


def submit(standin: StandinScheduler, session: str, xml: bytes = JOB_XML) -> tuple[int, Any]:
    status, body = call(standin, "POST", "/scheduler/submit", session, {"file": xml})
    return status, json.loads(body)


def test_websocket_accept_matches_rfc_6455_example() -> None:
    assert websocket_accept("dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="


def test_java_serialized_string_layout() -> None:
    assert java_serialized_string("hé") == b"\xac\xed\x00\x05\x74\x00\x03h\xc3\xa9"


def test_multipart_parts_by_name() -> None:
    body, content_type = multipart(file=JOB_XML, variables=b'{"x": "1"}')
    assert parse_multipart(content_type, body) == {"file": JOB_XML, "variables": b'{"x": "1"}'}


def test_login_session_and_bad_password(scheduler: StandinScheduler) -> None:
    status, body = login(scheduler, password="wrong")
    assert status == 404
    error = json.loads(body)
    assert error["exceptionClass"] == "javax.security.auth.login.LoginException"
    assert error["errorMessage"] == "Authentication failed"

    status, session = login(scheduler)
    assert status == 200 and session
    assert call(scheduler, "GET", "/scheduler/isconnected", session) == (200, b"true")
    assert call(scheduler, "GET", "/scheduler/jobs/1/info")[0] == 401


@pytest.mark.standin(polls_until_finished=2)
def test_job_progresses_one_step_per_status_read(scheduler: StandinScheduler) -> None:
    _, session = login(scheduler)
    status, job_id = submit(scheduler, session)
    assert (status, job_id) == (200, {"id": 1, "readableName": "demo"})

    statuses = [
        json.loads(call(scheduler, "GET", "/scheduler/jobs/1/info", session)[1])["status"]
        for _ in range(4)
    ]
    assert statuses == ["PENDING", "RUNNING", "FINISHED", "FINISHED"]

    result = json.loads(call(scheduler, "GET", "/scheduler/jobs/1/result", session)[1])
    assert set(result["allResults"]) == {"a", "b"}
    serialized = base64.b64decode(result["allResults"]["b"]["serializedValue"])
    assert serialized == java_serialized_string(task_result("b"))
    assert result["preciousResults"] == {} and result["exceptionResults"] == {}


@pytest.mark.standin(polls_until_finished=0, failing_tasks={"b"})
def test_failing_task_is_an_exception_result(scheduler: StandinScheduler) -> None:
    _, session = login(scheduler)
    submit(scheduler, session)
    state = json.loads(call(scheduler, "GET", "/scheduler/jobs/1", session)[1])
    assert state["jobInfo"]["status"] == "FAILED"
    assert state["tasks"]["b"]["taskInfo"]["taskStatus"] == "FAILED"
    result = json.loads(call(scheduler, "GET", "/scheduler/jobs/1/tasks/b/result", session)[1])
    assert "serializedValue" not in result and result["exceptionMessage"]


def test_validator_rejection_is_the_scheduler_error_json(
    scheduler: StandinScheduler,
) -> None:
    scheduler.behaviour = Behaviour(validate=lambda xml: "Invalid taskflow: X; context: b")
    _, session = login(scheduler)
    status, error = submit(scheduler, session)
    assert status == 500
    assert error["exceptionClass"].endswith(".JobCreationException")
    assert error["errorMessage"] == "Invalid taskflow: X; context: b"

    status, error = submit(scheduler, session, xml=b"<job")
    assert status == 500 and "not well-formed" in error["errorMessage"]


def test_events_websocket_handshake_then_one_frame(scheduler: StandinScheduler) -> None:
    key = base64.b64encode(b"0123456789abcdef").decode()
    with socket.create_connection(("127.0.0.1", scheduler.port), timeout=5) as sock:
        sock.sendall(
            (
                "GET /rest/scheduler/events HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                "Sec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        received = b""
        deadline = time.monotonic() + 5
        while b"\r\n\r\n" not in received or len(received.split(b"\r\n\r\n", 1)[1]) < 2:
            assert time.monotonic() < deadline
            received += sock.recv(4096)
        head, frame = received.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101")
        assert f"Sec-WebSocket-Accept: {websocket_accept(key)}".encode() in head
        assert frame[0] == 0x81  # final text frame, unmasked
        scheduler.stop()
        sock.settimeout(2)
        while sock.recv(4096):  # the stand-in closes held sockets when it stops
            assert time.monotonic() < deadline


@pytest.mark.standin(silent=True)
def test_silent_mode_accepts_and_never_answers(scheduler: StandinScheduler) -> None:
    started = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)):
        login(scheduler, timeout=0.5)
    assert time.monotonic() - started < 2.0
    stopping = time.monotonic()
    scheduler.stop()
    assert time.monotonic() - stopping < 2.0
