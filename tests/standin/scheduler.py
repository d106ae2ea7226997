"""A loopback stand-in of the ProActive scheduler's REST interface, for the real SDK to talk to.

Start one with `StandinScheduler(Behaviour(...))` as a context manager (or through the
`scheduler` fixture in `fixtures.py`); point `ProActiveGateway` at `.base_url`. The SDK appends
`/rest` itself. Routing lives in `handler.py`, job bookkeeping in `jobs.py`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from types import TracebackType

from .behaviour import Behaviour
from .handler import SchedulerHandler
from .jobs import JobStore

LOOPBACK = "127.0.0.1"


@dataclass
class Seen:
    """What the stand-in received, for tests to assert on."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    requests: list[tuple[str, str]] = field(default_factory=list)
    unhandled: list[tuple[str, str]] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)

    def request(self, method: str, path: str) -> None:
        with self.lock:
            self.requests.append((method, path))

    def paths(self) -> list[str]:
        with self.lock:
            return [path for _, path in self.requests]


class StandinScheduler:
    """A threaded HTTP server on 127.0.0.1 and a free port, speaking the scheduler's REST API."""

    def __init__(self, behaviour: Behaviour | None = None) -> None:
        self.behaviour = behaviour or Behaviour()
        self.jobs = JobStore()
        self.seen = Seen()
        self.sessions: dict[str, str] = {}
        self.sessions_lock = threading.Lock()
        self.stopping = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._sockets_lock = threading.Lock()
        self._server = _Server((LOOPBACK, 0), SchedulerHandler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="standin-scheduler",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """The server root to give `ProActiveGateway` (no `/rest`, no trailing slash)."""
        return f"http://{LOOPBACK}:{self.port}"

    def start(self) -> StandinScheduler:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, then cut every open connection so handler threads end at once."""
        if self.stopping.is_set():
            return
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self._sockets_lock:
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    def track(self, sock: socket.socket) -> None:
        with self._sockets_lock:
            self._sockets.add(sock)

    def untrack(self, sock: socket.socket) -> None:
        with self._sockets_lock:
            self._sockets.discard(sock)

    def __enter__(self) -> StandinScheduler:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


class _Server(ThreadingHTTPServer):
    """Carries the stand-in to its handlers; daemon threads so a stuck one never blocks exit."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[SchedulerHandler],
        standin: StandinScheduler,
    ) -> None:
        self.standin = standin
        super().__init__(address, handler)
