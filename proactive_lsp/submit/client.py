"""Driving the ProActive SDK against a scheduler: connect, submit, follow, read results.

What the SDK does not do, this module does (proactive-components.md §4–§5):

* **Deadlines.** The SDK sets no HTTP timeout anywhere. Every SDK call runs on a daemon thread
  and is given `deadline` seconds; when it is exceeded the session's JVM is killed (which also
  unblocks the thread) and `SchedulerTimeout` is raised. Before starting a JVM at all, a plain
  TCP connect tells a refused port or an unknown host in milliseconds.
* **Stopping the JVM for sure.** `terminate()` logs out over HTTP with no timeout and never ends
  the JVM: it is bounded, then the JVM's stdin is closed (py4j's die-on-exit) and the process
  killed if it lingers.
* **Reading the scheduler's words.** A failed call is a `Py4JJavaError` whose Java cause chain
  holds the server's message (`LoginException`, `JobCreationException`, ...). It is read on the
  calling thread, while the JVM is still alive, and turned into one of `submit.errors`.
* **Java 17.** `--add-opens=java.base/java.lang=ALL-UNNAMED`, or the server's text is lost;
  a fresh `javaopts` list; a temp folder per JVM (SmartProxy files); a small heap.

The SDK prints `[INFO]` lines to `sys.stdout`; callers keep their stdout clean (the language
server has pointed fd 1 at stderr, the CLI swaps `sys.stdout` while it works). No lock is held
around calls that may block on the network.

The SDK is imported lazily: importing this module costs nothing.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

from proactive_lsp.submit.connection import Target
from proactive_lsp.submit.errors import (
    JavaMissing,
    JobRejected,
    SchedulerTimeout,
    SubmitError,
    TlsError,
    UnknownJob,
    Unreachable,
    WrongCredentials,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_DEADLINE = 20.0
ADD_OPENS = "--add-opens=java.base/java.lang=ALL-UNNAMED"
HEAP_OPTIONS = ("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
_TCP_PROBE_SECONDS = 5.0
_STOP_SECONDS = 3.0
_MAX_CAUSES = 32
TERMINAL = frozenset({"FINISHED", "FAILED", "CANCELED", "KILLED"})

_LOGIN = "javax.security.auth.login.LoginException"
_JOB_CREATION = "org.ow2.proactive.scheduler.common.exception.JobCreationException"
_UNKNOWN_JOB = "org.ow2.proactive.scheduler.common.exception.UnknownJobException"
_UNKNOWN_TASK = "org.ow2.proactive.scheduler.common.exception.UnknownTaskException"
_TLS_CLASSES = ("javax.net.ssl.", "java.security.cert.", "sun.security.validator.")
_TIMEOUT_JAVA = "java.util.concurrent.TimeoutException"


@dataclass(frozen=True)
class TaskStatus:
    name: str
    status: str  # "Pending", "Running", "Finished", "Failed", ...
    duration_ms: int | None  # execution time when the scheduler reports it

    @property
    def failed(self) -> bool:
        return self.status.upper() in ("FAILED", "FAULTY", "IN ERROR", "NOT STARTED", "ABORTED")


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    name: str
    status: str  # "Pending", "Running", "Finished", "Failed", "Canceled", "Killed", ...
    pending: int
    running: int
    finished: int
    failed: int
    total: int
    submitted_ms: int
    start_ms: int
    finished_ms: int
    tasks: tuple[TaskStatus, ...]

    @property
    def ended(self) -> bool:
        return self.status.upper() in TERMINAL

    def counts(self) -> str:
        return (f"{self.pending} pending, {self.running} running, {self.finished} finished, "
                f"{self.failed} failed (of {self.total})")


@dataclass(frozen=True)
class TaskOutcome:
    name: str
    value: str | None
    error: str | None
    stdout: str


def _label(status: Any) -> str:
    """`IN_ERROR` → `In error`: the enum name, readable (the scheduler's toString() says
    "Resource down" for a failed task)."""
    return str(status.name()).replace("_", " ").capitalize()


def probe_tcp(url: str, timeout: float = _TCP_PROBE_SECONDS) -> None:
    """Fail fast, without a JVM, when nothing listens there: refused, unknown host, no route."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise Unreachable(f"{url}: bad port ({error})") from None
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except ConnectionRefusedError:
        raise Unreachable(f"{url}: connection refused (is the scheduler running on port "
                          f"{port}?)") from None
    except socket.gaierror as error:
        raise Unreachable(f"{url}: unknown host {host!r} ({error.strerror})") from None
    except TimeoutError:
        raise Unreachable(f"{url}: no answer to a TCP connection within {timeout:.0f} s") from None
    except OSError as error:
        raise Unreachable(f"{url}: {error.strerror or error}") from None


def java_causes(error: BaseException) -> list[tuple[str, str]]:
    """(class, message) of each Java exception in a py4j error's cause chain (JVM must live)."""
    chain: list[tuple[str, str]] = []
    java = getattr(error, "java_exception", None)
    try:
        while java is not None and len(chain) < _MAX_CAUSES:
            chain.append((str(java.getClass().getName()), str(java.getMessage() or "")))
            java = java.getCause()
    except Exception:  # the JVM went away while we read
        pass
    return chain


def classify(error: BaseException, target: Target) -> SubmitError:
    """The `SubmitError` a failed SDK call stands for, with the scheduler's own message."""
    if isinstance(error, SubmitError):
        return error
    where = target.describe()
    causes = java_causes(error)
    for name, message in causes:
        if name == _LOGIN:
            return WrongCredentials(f"{where}: the scheduler refused the login: {message} "
                                    "(wrong login or password?)")
        if name == _JOB_CREATION:
            return JobRejected(message)
        if name in (_UNKNOWN_JOB, _UNKNOWN_TASK):
            return UnknownJob(message.removeprefix("java.lang.Throwable: "))
        if name.startswith(_TLS_CLASSES):
            return TlsError(f"{where}: TLS problem: {message} (an http server behind an https "
                            "URL, or a certificate Java does not trust?)")
        if name == "java.net.ConnectException":
            return Unreachable(f"{target.url}: {message or 'connection refused'}")
        if name == "java.net.UnknownHostException":
            return Unreachable(f"{target.url}: unknown host {message}")
        if name == _TIMEOUT_JAVA:
            return SubmitError(f"{where}: the scheduler did not give the result in time "
                               "(job not finished yet?)")
    if causes:
        name, message = causes[-1]
        return SubmitError(f"{where}: {name.rsplit('.', 1)[-1]}: {message}")
    if type(error).__name__ in ("Py4JNetworkError", "Py4JError"):
        return SubmitError(f"{where}: the SDK's JVM stopped ({error})")
    return SubmitError(f"{where}: {type(error).__name__}: {error}")


class SchedulerSession:
    """One connected `ProActiveGateway` (one JVM) for one scheduler and login.

    `open()` connects; every other method needs an open session. Thread-safe: SDK calls from
    several threads share the JVM (the SDK allows it); `open`/`close` are serialised.
    """

    def __init__(self, target: Target, *, deadline: float = DEFAULT_DEADLINE) -> None:
        self.target = target.complete()
        self.deadline = deadline
        self._gateway: Any = None
        self._process: subprocess.Popen[bytes] | None = None
        self._tmpdir: str | None = None
        self._lock = threading.Lock()
        self._closed = False
        self.killed = False

    @property
    def is_open(self) -> bool:
        return self._gateway is not None and not self._closed

    @property
    def jvm_pid(self) -> int | None:
        return None if self._process is None else self._process.pid

    # -- life cycle -----------------------------------------------------------------------------

    def open(self) -> SchedulerSession:
        with self._lock:
            if self._closed:
                raise SubmitError("this scheduler session was closed")
            if self._gateway is not None:
                return self
            probe_tcp(self.target.url, min(self.deadline, _TCP_PROBE_SECONDS))
            self._start_jvm()
        login, password = self.target.login, self.target.password
        try:
            self.call(lambda: self._gateway.connect(login, password), "log in")
            if not self.call(lambda: bool(self._gateway.isConnected()), "check the login"):
                raise WrongCredentials(f"{self.target.describe()}: not connected after login")
        except BaseException:
            self.close(server_answers=False)
            raise
        finally:
            # Logged in (or not): we do not keep the password (the SDK's REST client does).
            self.target = Target(url=self.target.url, login=self.target.login,
                                 source=self.target.source)
        return self

    def _start_jvm(self) -> None:
        from proactive_lsp.sdk.errors import SdkUnavailableError
        from proactive_lsp.sdk.locate import java_executable, sdk_lib_dir

        try:
            sdk_lib_dir()
            java_executable()
            from proactive import ProActiveGateway
        except (SdkUnavailableError, ImportError) as error:
            raise JavaMissing(str(error)) from None
        self._tmpdir = tempfile.mkdtemp(prefix="proactive-lsp-submit-")
        javaopts = [ADD_OPENS, *HEAP_OPTIONS, f"-Djava.io.tmpdir={self._tmpdir}"]
        try:
            self._gateway = ProActiveGateway(self.target.url, debug=False, javaopts=javaopts)
        except FileNotFoundError as error:
            self._cleanup()
            raise JavaMissing(f"cannot start Java (the SDK runs the first `java` on PATH): "
                              f"{error}") from None
        except Exception as error:
            self._cleanup()
            raise SubmitError(f"cannot start the SDK's JVM: {error}") from None
        self._process = self._gateway.runtime_gateway.java_process

    def close(self, *, server_answers: bool = True) -> None:
        """Log out (bounded) and make sure the JVM is gone. Safe to call twice."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            gateway, process = self._gateway, self._process
        if gateway is not None:
            if not server_answers:
                gateway.proactive_rest_api.session_id = None  # no HTTP logout
            with contextlib.suppress(Exception):
                _run_with_deadline(gateway.terminate, _STOP_SECONDS)
        self._stop_process(process)
        self._cleanup()

    def kill(self) -> None:
        """Kill the JVM at once (a call hangs on a silent server); unblocks waiting threads."""
        with self._lock:
            self._closed = True
            self.killed = True
            process = self._process
        client = getattr(getattr(self._gateway, "runtime_gateway", None), "_gateway_client", None)
        if client is not None:
            # py4j would retry the blocked call and collect Python-side proxies by connecting
            # again to the dead JVM (logging an error each time): tell it the gateway is gone.
            client.is_connected = False
        if process is not None and process.poll() is None:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(_STOP_SECONDS)
        self._cleanup()

    @staticmethod
    def _stop_process(process: subprocess.Popen[bytes] | None) -> None:
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(_STOP_SECONDS)

    def _cleanup(self) -> None:
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def __enter__(self) -> SchedulerSession:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close(server_answers=not self.killed)

    # -- calls ----------------------------------------------------------------------------------

    def call(self, work: Callable[[], T], what: str) -> T:
        """Run one SDK call with the deadline; errors come back classified."""
        if self._gateway is None or self._closed:
            raise SubmitError(f"{self.target.describe()}: not connected")
        try:
            return _run_with_deadline(work, self.deadline, lambda e: classify(e, self.target))
        except _Deadline:
            self.kill()
            raise SchedulerTimeout(
                f"{self.target.url} accepted the connection but did not answer within "
                f"{self.deadline:g} s ({what}); its SDK JVM was stopped"
            ) from None

    @property
    def sdk(self) -> Any:
        """The `ProActiveGateway`, for building job models (no network)."""
        if self._gateway is None:
            raise SubmitError("not connected")
        return self._gateway

    def submit(self, job: Any, input_path: str | None = None,
               output_path: str | None = None) -> int:
        gateway = self.sdk
        if input_path is not None or output_path is not None:
            return int(self.call(lambda: gateway.submitJobWithInputsAndOutputsPaths(
                job, input_path or ".", output_path or "."), "submit the job"))
        return int(self.call(lambda: gateway.submitJob(job), "submit the job"))

    def progress(self, job_id: int) -> JobProgress:
        client = self.sdk.proactive_scheduler_client

        def read() -> JobProgress:
            state = client.getJobState(str(job_id))
            info = state.getJobInfo()
            tasks = []
            for task in state.getTasks():
                duration = int(task.getExecutionDuration())
                tasks.append(TaskStatus(str(task.getName()), _label(task.getStatus()),
                                        duration if duration >= 0 else None))
            return JobProgress(
                job_id=job_id, name=str(state.getName()), status=_label(info.getStatus()),
                pending=int(info.getNumberOfPendingTasks()),
                running=int(info.getNumberOfRunningTasks()),
                finished=int(info.getNumberOfFinishedTasks()),
                failed=int(info.getNumberOfFailedTasks()) + int(info.getNumberOfFaultyTasks())
                + int(info.getNumberOfInErrorTasks()),
                total=int(info.getTotalNumberOfTasks()),
                submitted_ms=int(info.getSubmittedTime()), start_ms=int(info.getStartTime()),
                finished_ms=int(info.getFinishedTime()), tasks=tuple(tasks),
            )

        return self.call(read, f"read the state of job {job_id}")

    def results(self, job_id: int, task: str | None = None,
                timeout_ms: int = 2000) -> list[TaskOutcome]:
        """The results (value or error, and stdout) of a job's tasks, or of one task.

        Like the SDK's `getJobResult`/`printTaskOutput`, through `waitForJob`/`waitForTask`,
        which wait at most `timeout_ms` for an unfinished job (kept under the deadline).
        """
        client = self.sdk.proactive_scheduler_client
        timeout = max(100, min(timeout_ms, int(self.deadline * 1000) - 500))

        def read() -> list[TaskOutcome]:
            if task is not None:
                return [_outcome(task, client.waitForTask(str(job_id), task, timeout))]
            results = client.waitForJob(str(job_id), timeout).getAllResults()
            return [_outcome(str(name), results.get(name)) for name in results.keySet()]

        return self.call(read, f"read the results of job {job_id}")

    def resource_names(self, kind: str) -> list[str]:
        """The Resource Manager's `nodesources`, `hosts` or `tokens` (`GET /rest/rm/model/...`)."""
        import requests

        url = f"{self.target.url}/rest/rm/model/{kind}"
        session_id = getattr(self.sdk.proactive_rest_api, "session_id", None)
        headers = {"sessionid": session_id} if session_id else {}
        try:
            response = requests.get(url, headers=headers, timeout=self.deadline)
        except requests.RequestException as error:
            raise SubmitError(f"cannot read the Resource Manager's {kind}: {error}") from None
        if response.status_code != 200:
            return []
        text = response.text.strip()
        if not text.startswith("PA:LIST"):
            return []
        inner = text.removeprefix("PA:LIST").strip("()")
        return [item.strip() for item in inner.split(",") if item.strip()]


def _outcome(name: str, result: Any) -> TaskOutcome:
    output = result.getOutput()
    stdout = "" if output is None else str(output.getStdoutLogs() or "")
    if bool(result.hadException()):
        exception = result.getException()
        message = None if exception is None else exception.getMessage()
        return TaskOutcome(name, None, str(message or exception), stdout)
    value = result.getValue()
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return TaskOutcome(name, None if value is None else str(value), None, stdout)


class _Deadline(Exception):
    pass


def _run_with_deadline(work: Callable[[], T], seconds: float,
                       on_error: Callable[[BaseException], BaseException] | None = None) -> T:
    """`work()` on a daemon thread; `_Deadline` after `seconds`. `on_error` runs on that thread
    (while the JVM still lives) to turn an error into the one raised here."""
    outcome: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:
            try:
                outcome["error"] = on_error(error) if on_error is not None else error
            except BaseException as failed:  # never lose the original failure
                outcome["error"] = failed
        finally:
            done.set()

    threading.Thread(target=run, name="proactive-sdk-call", daemon=True).start()
    if not done.wait(seconds):
        raise _Deadline()
    if "error" in outcome:
        raise outcome["error"]
    value: T = outcome["value"]
    return value


class SessionPool:
    """Connected sessions by (URL, login), for a long-lived process (the language server).

    A connected session is reused without asking for the password again. Opening is serialised
    per key, so two simultaneous submissions to one scheduler share one JVM.
    """

    def __init__(self, deadline: float = DEFAULT_DEADLINE) -> None:
        self.deadline = deadline
        self._sessions: dict[tuple[str, str], SchedulerSession] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._lock = threading.Lock()

    def connected(self, target: Target) -> SchedulerSession | None:
        with self._lock:
            session = self._sessions.get(target.key)
        return session if session is not None and session.is_open else None

    def session(self, target: Target, deadline: float | None = None) -> SchedulerSession:
        """A connected session, opening one (which needs the password) if there is none."""
        with self._lock:
            key_lock = self._locks.setdefault(target.key, threading.Lock())
        with key_lock:
            found = self.connected(target)
            if found is not None:
                if deadline is not None:
                    found.deadline = deadline
                return found
            session = SchedulerSession(target, deadline=deadline or self.deadline)
            session.open()
            with self._lock:
                self._sessions[target.key] = session
            return session

    def discard(self, session: SchedulerSession) -> None:
        with self._lock:
            if self._sessions.get(session.target.key) is session:
                del self._sessions[session.target.key]
        session.close(server_answers=not session.killed)

    def close_all(self) -> None:
        with self._lock:
            sessions, self._sessions = list(self._sessions.values()), {}
        for session in sessions:
            session.close(server_answers=not session.killed)
