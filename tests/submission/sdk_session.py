"""Driving the real SDK safely in tests: JVM options, deadlines, stopping the JVM for sure, and
reading the scheduler's message out of a py4j error.

These encode what the SDK does not: it sets no HTTP timeouts, `terminate()` leaves the JVM
running, and the server's text is buried in the Java cause chain.
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# The JVM exits once its stdin closes (py4j's die_on_exit); give it this long before killing it.
_JVM_EXIT_SECONDS = 3.0
# How long `terminate()` may take before we stop waiting and kill the JVM ourselves.
_TERMINATE_SECONDS = 3.0
# Bound on walking a Java cause chain (a cycle would otherwise loop forever).
_MAX_CAUSES = 32


def java_options(tmpdir: Path) -> list[str]:
    """A fresh list every call: the SDK's `javaopts=[]` default is shared and mutated."""
    return [
        # Without it, Java 17 refuses Jackson's access to Throwable and the server's text is lost.
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Xmx128m",
        "-XX:+UseSerialGC",
        # Each connect() writes SmartProxy files to the temp dir; keep instances apart.
        f"-Djava.io.tmpdir={tmpdir}",
    ]


def open_gateway(base_url: str, tmpdir: Path) -> Any:
    from proactive import ProActiveGateway

    return ProActiveGateway(base_url, javaopts=java_options(tmpdir))


def jvm_process(gateway: Any) -> subprocess.Popen[bytes]:
    process: subprocess.Popen[bytes] = gateway.runtime_gateway.java_process
    return process


class DeadlineExceeded(TimeoutError):
    """An SDK call did not return in time; the call's thread may still be blocked."""


def call_with_deadline(call: Callable[[], T], seconds: float) -> T:
    """Run one SDK call in a worker thread and give up after `seconds`.

    The worker is a daemon: if the call never returns, it stays blocked until the JVM is
    stopped (which breaks its py4j socket), and never keeps the interpreter alive.
    """
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as error:  # handed back to the caller below
            outcome["error"] = error

    worker = threading.Thread(target=work, name="sdk-call", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise DeadlineExceeded(f"SDK call still running after {seconds:.1f} s")
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


def stop_gateway(
    gateway: Any,
    *,
    server_answers: bool = True,
    process: subprocess.Popen[bytes] | None = None,
) -> int:
    """Stop the gateway and make sure its JVM is gone; return the JVM's exit code.

    `terminate()` alone logs out over HTTP (no timeout: it hangs on a server that stopped
    answering) and never ends the JVM. So: skip the HTTP logout when the server is not
    answering, bound `terminate()`, then close the JVM's stdin and kill it if it lingers.
    Pass `process` when `terminate()` was already called (it deletes `runtime_gateway`).
    """
    process = process or jvm_process(gateway)
    if not server_answers:
        gateway.proactive_rest_api.session_id = None
    with contextlib.suppress(Exception):
        call_with_deadline(gateway.terminate, _TERMINATE_SECONDS)
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    try:
        return process.wait(_JVM_EXIT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait(_JVM_EXIT_SECONDS)


@contextlib.contextmanager
def gateway_session(base_url: str, tmpdir: Path) -> Iterator[Any]:
    """A gateway whose JVM is gone when the block ends, whatever happened inside."""
    gateway = open_gateway(base_url, tmpdir)
    try:
        yield gateway
    finally:
        stop_gateway(gateway)


def java_causes(error: BaseException) -> list[tuple[str, str]]:
    """(class name, message) of each Java exception in the py4j error's cause chain."""
    chain: list[tuple[str, str]] = []
    java = getattr(error, "java_exception", None)
    while java is not None and len(chain) < _MAX_CAUSES:
        chain.append((str(java.getClass().getName()), str(java.getMessage() or "")))
        java = java.getCause()
    return chain


def scheduler_message(error: BaseException, exception_class: str) -> str | None:
    """The scheduler's own message: that of the first cause of the given Java class."""
    for name, message in java_causes(error):
        if name == exception_class:
            return message
    return None
