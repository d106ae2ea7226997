"""The pylsp plugin, inside a real python-lsp-server process over stdio.

pylsp's initialize result carries a notebook filter that the lsprotocol client cannot
structure, so this test speaks raw JSON-RPC.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import pytest

pytest.importorskip("pylsp")

TEXT = "#%task(name=prep, export=[df])\ndf = 1\n\n#%task(name=train, dep=[perp], import=[df])\nprint(df)\n#%ta"
URI = "file:///workspace/flow.py"


class RawClient:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pylsp"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.next_id = 0
        self.notifications: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("pylsp closed its output")
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")
            if "method" in message and "id" not in message:
                self.notifications.append(message)

    def wait_for_diagnostics(self, deadline_s: float = 20.0) -> list[dict[str, Any]]:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            for note in self.notifications:
                if note["method"] == "textDocument/publishDiagnostics":
                    ours = [
                        d for d in note["params"]["diagnostics"] if d.get("source") == "proactive"
                    ]
                    if ours:
                        return ours
            message = self.read()
            if "method" in message and "id" not in message:
                self.notifications.append(message)
        raise AssertionError("pylsp published no proactive diagnostics")

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def test_diagnostics_completion_and_hover_inside_pylsp() -> None:
    client = RawClient()
    try:
        client.request(
            "initialize", {"processId": None, "rootUri": "file:///workspace", "capabilities": {}}
        )
        client.send({"method": "initialized", "params": {}})
        client.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {"uri": URI, "languageId": "python", "version": 1, "text": TEXT}
                },
            }
        )
        ours = client.wait_for_diagnostics()
        assert [(d["code"], d["range"]["start"]) for d in ours if d["code"] == "PA301"] == [
            ("PA301", {"line": 3, "character": 24})
        ]

        result = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": URI}, "position": {"line": 5, "character": 4}},
        )
        items = result["items"] if isinstance(result, dict) else result
        assert any(i["label"] == "task" and i.get("insertText") == "#%task(" for i in items)

        hovered = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 4}},
        )
        assert hovered is not None and "task" in json.dumps(hovered["contents"])
    finally:
        client.close()
