"""HTTP mechanics of the stand-in: reading bodies, keep-alive, the events WebSocket and the
silent mode. What each path answers is decided in `routes.py`.
"""

from __future__ import annotations

import contextlib
import select
import socket
import time
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs, unquote, urlsplit

from .routes import Reply, Request, error_reply, route
from .wire import websocket_accept, websocket_frame

if TYPE_CHECKING:
    from .scheduler import StandinScheduler

MAX_BODY_BYTES = 64 * 1024 * 1024
# The text the events socket sends once after the upgrade; the client only needs *a* frame.
EVENTS_GREETING = b'{"action":"NONE"}'
_POLL_SECONDS = 0.1
# Upper bound on how long one connection (the events WebSocket, a silent socket) is held, so a
# test that forgets to stop the stand-in cannot hang the run.
MAX_CONNECTION_SECONDS = 120.0


class SchedulerHandler(BaseHTTPRequestHandler):
    """One connection; HTTP/1.1 so the JVM's pooled keep-alive connections are honoured."""

    protocol_version = "HTTP/1.1"
    # Socket read timeout: an idle keep-alive connection is dropped after this long.
    timeout = 10

    @property
    def standin(self) -> StandinScheduler:
        return cast("StandinScheduler", cast(Any, self.server).standin)

    def setup(self) -> None:
        super().setup()
        self.standin.track(self.connection)

    def finish(self) -> None:
        self.standin.untrack(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def handle(self) -> None:
        if self.standin.behaviour.silent:
            self._hold_silently()
            return
        try:
            super().handle()
        except (ConnectionError, TimeoutError, OSError):
            # The client went away or idled out: nothing to answer.
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        # The default writes every request to stderr; the `seen` record is enough.
        return

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        if self.standin.behaviour.silent:
            # Turned silent after this keep-alive connection was opened: stop answering here too.
            self._hold_silently()
            return
        split = urlsplit(self.path)
        path = "/".join(unquote(seg.split(";", 1)[0]) for seg in split.path.split("/"))
        self.standin.seen.request(method, path)
        if not path.startswith("/rest/"):
            self._send(error_reply(404, f"No resource at {path}", "javax.ws.rs.NotFoundException"))
            return
        path = path[len("/rest") :]
        if path == "/scheduler/events" and self.headers.get("Upgrade", "").lower() == "websocket":
            self._events_socket()
            return
        request = Request(method, path, parse_qs(split.query), self.headers, self._read_body())
        reply = route(self.standin, request)
        if reply is None:
            with self.standin.seen.lock:
                self.standin.seen.unhandled.append((method, path))
            reply = error_reply(404, f"No resource at {path}", "javax.ws.rs.NotFoundException")
        self._send(reply)

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length > MAX_BODY_BYTES:
            raise ValueError(f"body of {length} bytes is over the stand-in's limit")
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes:
        body = bytearray()
        while len(body) <= MAX_BODY_BYTES:
            size = int(self.rfile.readline(1024).split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                # Trailers end with an empty line; read at most a few.
                for _ in range(16):
                    if self.rfile.readline(1024) in (b"\r\n", b"\n", b""):
                        break
                return bytes(body)
            body += self.rfile.read(size)
            self.rfile.readline(8)
        raise ValueError("chunked body over the stand-in's limit")

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.body and self.command != "HEAD":
            self.wfile.write(reply.body)
        self.wfile.flush()

    def _events_socket(self) -> None:
        """Upgrade to a WebSocket, send one text frame, then hold the socket open.

        The SDK's `connect()` fails unless this upgrade succeeds. Frames from the client are
        read and dropped; a close frame or the stand-in stopping ends the connection.
        """
        key = self.headers.get("Sec-WebSocket-Key", "")
        self.send_response(101, "Switching Protocols")
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept", websocket_accept(key))
        self.end_headers()
        self.wfile.write(websocket_frame(EVENTS_GREETING))
        self.wfile.flush()
        self._drain_until_closed(self.connection)
        self.close_connection = True

    def _drain_until_closed(self, sock: socket.socket) -> None:
        deadline = time.monotonic() + MAX_CONNECTION_SECONDS
        while time.monotonic() < deadline and not self.standin.stopping.is_set():
            try:
                readable, _, _ = select.select([sock], [], [], _POLL_SECONDS)
                if readable and not sock.recv(65536):
                    return
            except OSError:
                return

    def _hold_silently(self) -> None:
        """Silent mode: keep the accepted connection open, read nothing, answer nothing."""
        self.standin.seen.request("SILENT", "")
        deadline = time.monotonic() + MAX_CONNECTION_SECONDS
        while time.monotonic() < deadline:
            if self.standin.stopping.wait(_POLL_SECONDS):
                return
        self.close_connection = True
