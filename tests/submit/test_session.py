"""The session layer on its own: deadlines and the JVM's end, error classification."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from standin import Behaviour, StandinScheduler

from proactive_lsp.submit.client import SchedulerSession, SessionPool, classify, probe_tcp
from proactive_lsp.submit.connection import Target
from proactive_lsp.submit.errors import SchedulerTimeout, SubmitError, Unreachable


def admin(url: str) -> Target:
    return Target(url=url, login="admin", source="test", password="admin")


@pytest.mark.requires_sdk
def test_silent_server_hits_the_deadline_and_the_jvm_is_killed(
    scheduler_factory: Callable[[Behaviour], StandinScheduler],
) -> None:
    silent = scheduler_factory(Behaviour(silent=True))
    session = SchedulerSession(admin(silent.base_url), deadline=1.5)
    started = time.monotonic()
    with pytest.raises(SchedulerTimeout, match=r"did not answer within 1\.5 s"):
        session.open()
    elapsed = time.monotonic() - started
    # Without the deadline this call hangs for good; the bound leaves room for a slow JVM start.
    assert elapsed < 1.5 + 15.0, elapsed
    assert session.killed and not session.is_open
    process = session._process
    assert process is not None and process.poll() is not None  # the JVM is gone


@pytest.mark.requires_sdk
def test_pool_shares_one_connected_session(scheduler: StandinScheduler) -> None:
    pool = SessionPool(deadline=10)
    try:
        first = pool.session(admin(scheduler.base_url))
        # Later calls need no password: the connected session is reused.
        again = pool.session(Target(url=scheduler.base_url, login="admin", source="test"))
        assert again is first and first.is_open
        pid = first.jvm_pid
    finally:
        pool.close_all()
    assert not first.is_open and pid is not None
    assert first._process is not None and first._process.poll() is not None


def test_refused_and_unknown_hosts_fail_without_a_jvm() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(Unreachable, match="connection refused"):
        probe_tcp(f"http://127.0.0.1:{port}")
    assert time.monotonic() - started < 0.5


def test_classify_plain_python_errors() -> None:
    target = admin("http://h:1")
    assert isinstance(classify(ValueError("x"), target), SubmitError)
    assert "ValueError: x" in str(classify(ValueError("x"), target))
    assert "admin" not in str(classify(ValueError("x"), target)).replace("admin@", "")
