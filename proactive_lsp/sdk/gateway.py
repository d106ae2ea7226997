"""One ProActive SDK gateway (a py4j JVM) per process, for building and exporting jobs.

The gateway is created lazily, on a worker thread, the first time it is asked for: starting the
JVM takes a fraction of a second, and an editor must never wait for it on its event loop. It is
created with the options the SDK needs on Java 17 (`--add-opens`), a small heap, the serial
collector and a temp folder of its own, with `javaopts` as a fresh list (the SDK's default is a
shared mutable list that it appends to). It is terminated at exit.

The SDK `print()`s to stdout (e.g. `[ERROR] You are not connected!` on terminate). Every SDK call
made here runs inside :func:`sdk_stdout_to_stderr`, so none of it reaches our stdout, which may
carry JSON (`check --format json`) or the language server's protocol.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeoutError
from typing import Any, TextIO

from proactive_lsp.sdk.errors import SdkError, SdkUnavailableError
from proactive_lsp.sdk.locate import java_executable, sdk_lib_dir

# No server is contacted until `connect()`: building and exporting jobs needs none, so the URL
# only has to be well formed (port 9 is "discard").
OFFLINE_URL = "http://127.0.0.1:9"
HEAP_OPTIONS = ("-Xmx128m", "-XX:+UseSerialGC")
ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
_START_TIMEOUT_S = 60.0

_stdout_lock = threading.RLock()


@contextlib.contextmanager
def sdk_stdout_to_stderr() -> Iterator[None]:
    """Point `sys.stdout` at stderr while the SDK runs (it prints to stdout).

    Only the Python-level `sys.stdout` is swapped: the SDK prints through it, and the JVM's own
    output is already discarded by py4j. Reentrant and serialised across threads.
    """
    with _sdk_stdout_to(sys.stderr):
        yield


@contextlib.contextmanager
def _sdk_stdout_to(target: TextIO) -> Iterator[None]:
    with _stdout_lock:
        saved = sys.stdout
        sys.stdout = target
        try:
            yield
        finally:
            sys.stdout = saved


class SdkGateway:
    """A `proactive.ProActiveGateway` with its own temp folder; close it when done."""

    def __init__(self, base_url: str = OFFLINE_URL) -> None:
        sdk_lib_dir()  # clear errors before trying to import or start anything
        java_executable()
        try:
            with sdk_stdout_to_stderr():
                from proactive import ProActiveGateway
        except ImportError as e:  # pragma: no cover - sdk_lib_dir() found the package
            raise SdkUnavailableError(f"The 'proactive' package cannot be imported: {e}") from e
        self.tmpdir = tempfile.mkdtemp(prefix="proactive-lsp-jvm-")
        javaopts = [ADD_OPENS, *HEAP_OPTIONS, f"-Djava.io.tmpdir={self.tmpdir}"]
        try:
            with sdk_stdout_to_stderr():
                self.sdk: Any = ProActiveGateway(base_url, debug=False, javaopts=javaopts)
        except FileNotFoundError as e:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            raise SdkUnavailableError(f"Could not start the SDK's JVM (no 'java'): {e}") from e
        except Exception as e:
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            raise SdkError(f"Could not start the SDK's JVM: {e}") from e
        self._lock = threading.Lock()
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Terminate the JVM and remove the temp folder. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            # terminate() prints `[ERROR] You are not connected!` when offline: pure noise.
            with _sdk_stdout_to(io.StringIO()), contextlib.suppress(Exception):
                self.sdk.terminate()
            shutil.rmtree(self.tmpdir, ignore_errors=True)

    def __enter__(self) -> SdkGateway:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_shared: SdkGateway | None = None
_starting: Future[SdkGateway] | None = None
_shared_lock = threading.Lock()
_atexit_registered = False


def start_shared_gateway() -> Future[SdkGateway]:
    """Begin creating the process-wide gateway on a worker thread; returns at once.

    The future's result is the gateway, or the `SdkError` that prevented it.
    """
    global _starting
    with _shared_lock:
        if _shared is not None and not _shared.closed:
            done: Future[SdkGateway] = Future()
            done.set_result(_shared)
            return done
        if _starting is not None and not _starting.done():
            return _starting
        future: Future[SdkGateway] = Future()
        _starting = future
    thread = threading.Thread(target=_create_shared, args=(future,), name="proactive-sdk-gateway",
                              daemon=True)
    thread.start()
    return future


def shared_gateway(timeout: float | None = _START_TIMEOUT_S) -> SdkGateway:
    """The process-wide gateway, created (off this thread) on first use and closed at exit.

    Raises `SdkUnavailableError` when Java or the SDK is missing, `SdkError` otherwise.
    """
    future = start_shared_gateway()
    try:
        return future.result(timeout=timeout)
    except FutureTimeoutError as e:
        raise SdkError(f"the SDK's JVM did not start within {timeout:.0f} s") from e


def close_shared_gateway() -> None:
    global _shared
    with _shared_lock:
        gateway, _shared = _shared, None
    if gateway is not None:
        gateway.close()


def _create_shared(future: Future[SdkGateway]) -> None:
    global _shared, _atexit_registered
    try:
        gateway = SdkGateway()
    except BaseException as e:  # handed to the waiting caller
        future.set_exception(e)
        return
    with _shared_lock:
        _shared = gateway
        register, _atexit_registered = not _atexit_registered, True
    if register:
        atexit.register(close_shared_gateway)
    future.set_result(gateway)
