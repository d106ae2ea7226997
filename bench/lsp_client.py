"""A small dependency-free asyncio JSON-RPC client that talks LSP to a server over stdio.

It does what an editor does on the wire: spawns the server, frames messages with
`Content-Length`, answers the server's own requests, and timestamps every notification the
moment it is read so a benchmark can measure "sent X → received Y" without a framework in
between. Every wait is bounded: a missing answer raises `asyncio.TimeoutError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Json = Any


class ResponseError(Exception):
    def __init__(self, error: Json) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.code = error.get("code")


@dataclass
class Notification:
    at: float  # time.perf_counter() when the message was read
    method: str
    params: Json


@dataclass
class _Waiter:
    start: int  # index into `notifications` from which to look
    predicate: Callable[[Notification], bool]
    future: asyncio.Future[Notification]


@dataclass
class LspClient:
    command: Sequence[str]
    cwd: Path | None = None
    process: asyncio.subprocess.Process | None = None
    notifications: list[Notification] = field(default_factory=list)
    _next_id: int = 0
    _pending: dict[int, asyncio.Future[Json]] = field(default_factory=dict)
    _waiters: list[_Waiter] = field(default_factory=list)
    _reader: asyncio.Task[None] | None = None
    _closed: asyncio.Event = field(default_factory=asyncio.Event)

    # -- process -----------------------------------------------------------------------------

    async def start(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,  # never read, so never let it fill a pipe
            cwd=self.cwd,
            limit=2**26,
        )
        self._reader = asyncio.create_task(self._read_loop())

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def rss_mb(self) -> tuple[float, float]:
        """(VmRSS, VmHWM) of the server process in MiB, from /proc/<pid>/status; NaN if unknown."""
        values = {"VmRSS": float("nan"), "VmHWM": float("nan")}
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                key, _, rest = line.partition(":")
                if key in values:
                    values[key] = int(rest.split()[0]) / 1024
        return values["VmRSS"], values["VmHWM"]

    async def stop(self, timeout: float = 5.0) -> None:
        """`shutdown` + `exit`, then terminate / kill if the server lingers."""
        if self.process is None:
            return
        if self.process.returncode is None:
            with contextlib.suppress(Exception):
                await self.request("shutdown", None, timeout=timeout)
                await self.notify("exit", None)
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except asyncio.TimeoutError:
                self.process.terminate()
                try:
                    await asyncio.wait_for(self.process.wait(), timeout)
                except asyncio.TimeoutError:
                    self.process.kill()
                    await self.process.wait()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader

    # -- wire --------------------------------------------------------------------------------

    async def _send(self, message: Json) -> float:
        """Write one message; the return value is the time just before the write."""
        assert self.process is not None and self.process.stdin is not None
        body = json.dumps(message, separators=(",", ":")).encode()
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await self.process.stdin.drain()
        return sent

    async def _read_loop(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        stdout = self.process.stdout
        try:
            while True:
                header = await stdout.readuntil(b"\r\n\r\n")
                length = 0
                for line in header.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                body = await stdout.readexactly(length)
                at = time.perf_counter()
                self._dispatch(json.loads(body), at)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._closed.set()
            error = ConnectionError("server closed its output")
            for future in self._pending.values():
                if not future.done():
                    future.set_exception(error)
            for waiter in self._waiters:
                if not waiter.future.done():
                    waiter.future.set_exception(error)

    def _dispatch(self, message: Json, at: float) -> None:
        if "id" in message and "method" not in message:  # a response
            future = self._pending.pop(message["id"], None)
            if future is not None and not future.done():
                if "error" in message:
                    future.set_exception(ResponseError(message["error"]))
                else:
                    future.set_result(message.get("result"))
            return
        if "id" in message:  # a request from the server
            asyncio.get_running_loop().create_task(self._answer(message))
            return
        note = Notification(at, message.get("method", ""), message.get("params"))
        self.notifications.append(note)
        for waiter in list(self._waiters):
            if not waiter.future.done() and waiter.predicate(note):
                waiter.future.set_result(note)

    async def _answer(self, message: Json) -> None:
        method = message["method"]
        result: Json = None
        if method == "workspace/configuration":
            result = [None for _ in message.get("params", {}).get("items", [])]
        with contextlib.suppress(Exception):
            await self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    # -- API ---------------------------------------------------------------------------------

    async def notify(self, method: str, params: Json) -> float:
        """Send a notification; returns the send time (perf_counter)."""
        return await self._send({"jsonrpc": "2.0", "method": method, "params": params})

    async def request(self, method: str, params: Json, timeout: float = 10.0) -> Json:
        result, _ = await self.timed_request(method, params, timeout)
        return result

    async def timed_request(
        self, method: str, params: Json, timeout: float = 10.0
    ) -> tuple[Json, float]:
        """Send a request and wait (bounded) for its answer: (result, round trip in seconds)."""
        self._next_id += 1
        ident = self._next_id
        future: asyncio.Future[Json] = asyncio.get_running_loop().create_future()
        self._pending[ident] = future
        sent = await self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        try:
            result = await asyncio.wait_for(future, timeout)
        finally:
            self._pending.pop(ident, None)
        return result, time.perf_counter() - sent

    async def wait_for(
        self, predicate: Callable[[Notification], bool], timeout: float, start: int = 0
    ) -> Notification:
        """The first notification from index `start` on that satisfies `predicate` (bounded)."""
        for note in self.notifications[start:]:
            if predicate(note):
                return note
        future: asyncio.Future[Notification] = asyncio.get_running_loop().create_future()
        waiter = _Waiter(start, predicate, future)
        self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._waiters.remove(waiter)
