"""The language server driven over stdio, as an editor drives it, with ruff's server as reference.

Run: `.venv/bin/python bench/bench_server.py [--sizes 10,100,1000,5000] [--iterations 30]
[--servers proactive,ruff] [--modes notebook,incremental,full] [--json]`.

For every (mode, size, server) it spawns a fresh server, initializes it (start-up), opens a
generated notebook of N cells (open → diagnostics of every cell), then repeats, after 2
warm-ups, `iterations` times: one edit of the middle cell's pragma line (alternately insert
and delete one character) → the publishDiagnostics of that cell, then completion at `#%` and
inside `dep=[`, and hover on a task name. It prints p50/p95/max and asserts nothing.
See bench/README.md for how to read the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import cells
from lsp_client import LspClient, Notification, ResponseError

MODES = ("notebook", "incremental", "full")
MODE_TITLES = {
    "notebook": "notebookDocument sync (VS Code style: one text document per cell)",
    "incremental": "one .py text document, incremental changes (Neovim, .py files)",
    "full": "one text document, full-text changes (jupyterlab-lsp style, cells joined by"
            ' "\\n\\n\\n")',
}
PUBLISH = "textDocument/publishDiagnostics"
JOIN = "\n\n\n"
# Where the edit types, per --edit: "space" adds a blank before `export=` (the pragma stays
# valid: the common keystroke), "break" types after the closing parenthesis (the cell turns
# invalid, which the kernel refuses, so every later cell that imports from it changes too).
# "body" types in the middle cell's code (the line under the pragma): the commonest keystroke of
# all, which the server answers without replaying the notebook.
EDITS = {"space": " ", "break": "x", "body": "0"}

CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"dynamicRegistration": False, "didSave": False},
        # No "diagnostic" entry: the server must push (the way jupyterlab-lsp gets them).
        "publishDiagnostics": {"versionSupport": True, "relatedInformation": True,
                               "tagSupport": {"valueSet": [1, 2]}},
        "completion": {"completionItem": {"snippetSupport": True,
                                          "documentationFormat": ["markdown", "plaintext"]}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
    "notebookDocument": {"synchronization": {"dynamicRegistration": False,
                                             "executionSummarySupport": False}},
    "workspace": {"configuration": False, "workspaceFolders": False},
}


def server_commands() -> dict[str, list[str]]:
    beside = Path(sys.executable).parent / "ruff"
    ruff = str(beside) if beside.exists() else (shutil.which("ruff") or "ruff")
    return {
        "proactive": [sys.executable, "-m", "proactive_lsp"],
        "ruff": [ruff, "server"],
    }


# -- statistics -------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 0.50), "p95": percentile(values, 0.95),
            "max": max(values) if values else math.nan, "n": len(values)}


# -- the workload -----------------------------------------------------------------------------


@dataclass
class Workload:
    """What is opened and where the edit, completion and hover happen, for one mode and size."""

    mode: str
    size: int
    folder: Path
    texts: list[str] = field(init=False)
    middle: int = field(init=False)
    line: int = field(init=False)  # of the middle cell's pragma, in the edited document
    pragma: str = field(init=False)
    edit: str = "space"

    def __post_init__(self) -> None:
        self.texts = cells(self.size)
        self.middle = self.size // 2
        self.pragma = self.texts[self.middle].split("\n")[0]
        if self.mode == "notebook":
            self.line = 0
        else:
            self.line = JOIN.join(self.texts[: self.middle]).count("\n") + (3 if self.middle else 0)

    @property
    def notebook_uri(self) -> str:
        return (self.folder / f"generated_{self.size}.ipynb").as_uri()

    def cell_uri(self, index: int) -> str:
        # VS Code's shape: the notebook path, then a fragment with a percent-encoded scheme.
        notebook = f"{self.folder}/generated_{self.size}.ipynb"
        return f"vscode-notebook-cell:{notebook}#W{index}sZmlsZQ%3D%3D"

    @property
    def text_uri(self) -> str:
        suffix = ".py" if self.mode == "incremental" else "_lab.py"
        name = f"generated_{self.size}{suffix}"
        return (self.folder / name).as_uri()

    @property
    def edited_uri(self) -> str:
        return self.cell_uri(self.middle) if self.mode == "notebook" else self.text_uri

    @property
    def open_uris(self) -> set[str]:
        if self.mode == "notebook":
            return {self.cell_uri(i) for i in range(self.size)}
        return {self.text_uri}

    @property
    def inserted(self) -> str:
        return EDITS[self.edit]

    @property
    def edit_line(self) -> int:
        """The line typed on: the pragma line, or for `body` the code line under it."""
        return self.line + 1 if self.edit == "body" else self.line

    @property
    def column(self) -> int:
        """Where the character is typed, after every completion and hover position."""
        if self.edit == "body":
            return len(self.texts[self.middle].split("\n")[1])
        if self.edit == "break":
            return len(self.pragma)
        anchor = self.pragma.rfind(", export=")
        return anchor + 2 if anchor >= 0 else len(self.pragma) - 1

    def full_text(self) -> str:
        return JOIN.join(self.texts) + "\n"

    def positions(self) -> dict[str, dict[str, int]]:
        dep = self.pragma.find("dep=[")
        hover = dep + len("dep=[") + 1 if dep >= 0 else self.pragma.find("name=") + 6
        return {
            "completion_pragma": {"line": self.line, "character": 2},  # just after `#%`
            "completion_dep": {"line": self.line,
                               "character": dep + len("dep=[") if dep >= 0 else 2},
            "hover": {"line": self.line, "character": hover},  # on the task name in dep=[...]
        }


# -- one run ----------------------------------------------------------------------------------


@dataclass
class Result:
    server: str
    mode: str
    size: int
    edit_kind: str = "space"
    startup: float = math.nan
    open: float = math.nan
    open_timeout: bool = False
    open_seen: int = 0
    edit: list[float] = field(default_factory=list)
    edit_timeouts: int = 0
    unversioned: int = 0  # matched publishes that carried no version
    notifications: list[int] = field(default_factory=list)
    completion: list[float] = field(default_factory=list)
    completion_items: list[int] = field(default_factory=list)
    completion_status: str = "ok"
    hover: list[float] = field(default_factory=list)
    hover_answered: int = 0
    hover_status: str = "ok"
    request_timeouts: int = 0
    rss_open: float = math.nan
    rss_end: float = math.nan
    rss_peak: float = math.nan
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        ms = 1000.0
        return {
            "server": self.server, "mode": self.mode, "size": self.size, "edit": self.edit_kind,
            "startup_ms": self.startup * ms, "open_ms": self.open * ms,
            "open_timeout": self.open_timeout, "open_published_uris": self.open_seen,
            "edit_ms": {k: v * ms if k != "n" else v for k, v in summary(self.edit).items()},
            "edit_timeouts": self.edit_timeouts, "unversioned_publishes": self.unversioned,
            "notifications_per_edit": (sum(self.notifications) / len(self.notifications))
            if self.notifications else math.nan,
            "completion_ms": {k: v * ms if k != "n" else v
                              for k, v in summary(self.completion).items()},
            "completion_items_min": min(self.completion_items, default=0),
            "completion_status": self.completion_status,
            "hover_ms": {k: v * ms if k != "n" else v for k, v in summary(self.hover).items()},
            "hover_answered": self.hover_answered, "hover_status": self.hover_status,
            "request_timeouts": self.request_timeouts,
            "rss_open_mb": self.rss_open, "rss_end_mb": self.rss_end, "rss_peak_mb": self.rss_peak,
            "error": self.error,
        }


def _finite(value: Any) -> Any:
    """NaN → None, recursively, so the JSON lines are strict JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value


def is_publish_for(uri: str, version: int | None) -> Callable[[Notification], bool]:
    """The publish for this URI at this version (or, from servers that omit it, any version)."""

    def match(note: Notification) -> bool:
        if note.method != PUBLISH or note.params.get("uri") != uri:
            return False
        published = note.params.get("version")
        return published is None or version is None or published == version

    return match


async def run_one(server: str, command: list[str], work: Workload, iterations: int, warmups: int,
                  timeout: float) -> Result:
    result = Result(server, work.mode, work.size, edit_kind=work.edit)
    client = LspClient(command, cwd=work.folder)
    started = time.perf_counter()
    try:
        await client.start()
        await client.request("initialize", {
            "processId": None, "rootUri": work.folder.as_uri(), "capabilities": CAPABILITIES,
            "workspaceFolders": [{"uri": work.folder.as_uri(), "name": work.folder.name}],
            "clientInfo": {"name": "proactive-lsp-bench"},
        }, timeout=30.0)
        result.startup = time.perf_counter() - started
        await client.notify("initialized", {})
        await _open(client, work, result, timeout=max(30.0, timeout * 6 + work.size * 0.02))
        await asyncio.sleep(0.2)  # let late publishes land outside the first edit's window
        result.rss_open = client.rss_mb()[0]
        await _edit_loop(client, work, result, iterations, warmups, timeout)
        result.rss_end, result.rss_peak = client.rss_mb()
    except Exception as error:  # a dying or silent server is a row of the table, not a crash
        result.error = f"{type(error).__name__}: {error}"
    finally:
        await client.stop()
    return result


async def _open(client: LspClient, work: Workload, result: Result, timeout: float) -> None:
    remaining = set(work.open_uris)
    seen: set[str] = set()

    def all_published(note: Notification) -> bool:
        if note.method == PUBLISH and note.params.get("uri") in remaining:
            remaining.discard(note.params["uri"])
            seen.add(note.params["uri"])
        return not remaining

    start = len(client.notifications)
    if work.mode == "notebook":
        sent = await client.notify("notebookDocument/didOpen", {
            "notebookDocument": {
                "uri": work.notebook_uri, "notebookType": "jupyter-notebook", "version": 1,
                "cells": [{"kind": 2, "document": work.cell_uri(i)} for i in range(work.size)],
            },
            "cellTextDocuments": [
                {"uri": work.cell_uri(i), "languageId": "python", "version": 1, "text": text}
                for i, text in enumerate(work.texts)
            ],
        })
    else:
        sent = await client.notify("textDocument/didOpen", {"textDocument": {
            "uri": work.text_uri, "languageId": "python", "version": 1, "text": work.full_text()}})
    try:
        note = await client.wait_for(all_published, timeout, start)
        result.open = note.at - sent
    except asyncio.TimeoutError:
        result.open_timeout = True
    result.open_seen = len(seen)


def _change(work: Workload, version: int, insert: bool, text: str) -> tuple[str, dict[str, Any]]:
    """The didChange for this mode: (method, params)."""
    at = {"line": work.edit_line, "character": work.column}
    after = {"line": work.edit_line, "character": work.column + 1}
    edit = {"range": {"start": at, "end": at if insert else after},
            "text": work.inserted if insert else ""}
    if work.mode == "notebook":
        # Only the middle cell is ever edited: its version and the notebook's move together.
        return "notebookDocument/didChange", {
            "notebookDocument": {"uri": work.notebook_uri, "version": version},
            "change": {"cells": {"textContent": [{
                "document": {"uri": work.edited_uri, "version": version}, "changes": [edit],
            }]}},
        }
    document = {"uri": work.text_uri, "version": version}
    if work.mode == "incremental":
        return "textDocument/didChange", {"textDocument": document, "contentChanges": [edit]}
    return "textDocument/didChange", {"textDocument": document, "contentChanges": [{"text": text}]}


async def _edit_loop(client: LspClient, work: Workload, result: Result, iterations: int,
                     warmups: int, timeout: float) -> None:
    original = work.full_text()
    lines = original.split("\n")
    line = lines[work.edit_line]
    edited_line = line[: work.column] + work.inserted + line[work.column :]
    edited = "\n".join([*lines[: work.edit_line], edited_line, *lines[work.edit_line + 1 :]])
    positions = work.positions()
    version = 1
    for iteration in range(warmups + iterations):
        measured = iteration >= warmups
        insert = iteration % 2 == 0
        version += 1
        method, params = _change(work, version, insert, edited if insert else original)
        start = len(client.notifications)
        sent = await client.notify(method, params)
        try:
            note = await client.wait_for(is_publish_for(work.edited_uri, version), timeout, start)
            if measured:
                result.edit.append(note.at - sent)
                result.unversioned += note.params.get("version") is None
        except asyncio.TimeoutError:
            result.edit_timeouts += measured
        # Requests are answered in order after the change is handled, so they also close the
        # window in which this edit's notifications are counted.
        for name in ("completion_pragma", "completion_dep", "hover"):
            lsp_method = "textDocument/hover" if name == "hover" else "textDocument/completion"
            request = {"textDocument": {"uri": work.edited_uri}, "position": positions[name]}
            try:
                answer, elapsed = await client.timed_request(lsp_method, request, timeout)
            except ResponseError as error:
                status = f"n/a ({error.code})"
                if name == "hover":
                    result.hover_status = status
                else:
                    result.completion_status = status
                continue
            except asyncio.TimeoutError:
                result.request_timeouts += measured
                continue
            if not measured:
                continue
            if name == "hover":
                result.hover.append(elapsed)
                result.hover_answered += answer is not None
            else:
                result.completion.append(elapsed)
                items = answer.get("items", []) if isinstance(answer, dict) else (answer or [])
                result.completion_items.append(len(items))
        if measured:
            result.notifications.append(
                sum(1 for n in client.notifications[start:] if n.method == PUBLISH))
    if result.hover_answered == 0 and result.hover_status == "ok":
        result.hover_status = "n/a (null)"


# -- output -----------------------------------------------------------------------------------


def _ms(value: float) -> str:
    if math.isnan(value):
        return "-"
    return f"{value * 1000:.1f}" if value < 10 else f"{value * 1000:.0f}"


def _triple(values: list[float], timeouts: int = 0) -> str:
    if not values:
        return f"timeout ×{timeouts}" if timeouts else "-"
    s = summary(values)
    text = f"{_ms(s['p50'])}/{_ms(s['p95'])}/{_ms(s['max'])}"
    return text + (f" (+{timeouts} timeout)" if timeouts else "")


def _pair(values: list[float], status: str) -> str:
    if status != "ok":
        return status
    if not values:
        return "-"
    s = summary(values)
    return f"{_ms(s['p50'])}/{_ms(s['p95'])}"


HEADER = ("server", "N", "start-up ms", "open→diag ms", "edit→diag p50/p95/max ms", "notif/edit",
          "completion p50/p95 ms", "hover p50/p95 ms", "RSS MB")


def row(r: Result) -> tuple[str, ...]:
    if r.error is not None:
        return (r.server, str(r.size), _ms(r.startup), "error", r.error[:60], "", "", "", "")
    opened = f"timeout ({r.open_seen}/{r.size if r.mode == 'notebook' else 1})" if r.open_timeout \
        else _ms(r.open)
    notifications = f"{sum(r.notifications) / len(r.notifications):.1f}" if r.notifications else "-"
    hover = _pair(r.hover, r.hover_status)
    if r.hover_status == "ok" and r.hover_answered < len(r.hover):
        hover += f" ({r.hover_answered}/{len(r.hover)} non-null)"
    rss = "-" if math.isnan(r.rss_end) else f"{max(r.rss_end, r.rss_open):.0f}"
    return (r.server, str(r.size), _ms(r.startup), opened, _triple(r.edit, r.edit_timeouts),
            notifications, _pair(r.completion, r.completion_status), hover, rss)


def table(results: list[Result], mode: str) -> str:
    rows = [HEADER, *(row(r) for r in results if r.mode == mode)]
    widths = [max(len(line[i]) for line in rows) for i in range(len(HEADER))]
    out = [f"## {mode}: {MODE_TITLES[mode]}"]
    for number, line in enumerate(rows):
        out.append(" | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)))
        if number == 0:
            out.append("-+-".join("-" * w for w in widths))
    return "\n".join(out)


# -- main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--warmups", type=int, default=2)
    parser.add_argument("--servers", default="proactive,ruff")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--edit", choices=sorted(EDITS), default="space",
                        help="space: the pragma stays valid (default); break: it turns invalid; "
                        "body: typing in the cell's code")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="seconds to wait for one publish or one answer (default 5)")
    parser.add_argument("--profile", metavar="DIR", type=Path,
                        help="run our server under cProfile, one .prof file per run in DIR "
                             "(slower: the figures of that run are not comparable)")
    parser.add_argument("--json", action="store_true",
                        help="one JSON line per run on stdout (the tables then go to stderr)")
    return parser.parse_args(argv)


async def bench(args: argparse.Namespace) -> list[Result]:
    commands = server_commands()
    servers = [s for s in args.servers.split(",") if s]
    for name in servers:
        if name not in commands:
            raise SystemExit(f"unknown server {name!r}: choose from {', '.join(commands)}")
    modes = [m for m in args.modes.split(",") if m]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="lsp-bench-") as tmp:
        folder = Path(tmp)
        for mode in modes:
            for size in sizes:
                work = Workload(mode, size, folder, edit=args.edit)
                for name in servers:  # interleaved, so both servers see the same machine noise
                    print(f"… {mode} N={size} {name}", file=sys.stderr, flush=True)
                    command = commands[name]
                    if args.profile is not None and name == "proactive":
                        args.profile.mkdir(parents=True, exist_ok=True)
                        output = args.profile.resolve() / f"{name}-{mode}-{size}.prof"
                        command = [sys.executable, "-m", "cProfile", "-o", str(output),
                                   *command[1:]]
                    result = await run_one(name, command, work, args.iterations,
                                           args.warmups, args.timeout)
                    results.append(result)
                    if args.json:
                        print(json.dumps(_finite(result.as_json())), flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    results = asyncio.run(bench(args))
    out = sys.stderr if args.json else sys.stdout
    modes = [m for m in args.modes.split(",") if m]
    print(f"\n{args.iterations} iterations after {args.warmups} warm-ups, edit={args.edit}; "
          "times in ms; RSS = VmRSS of the server process after the edits.", file=out)
    for mode in modes:
        print("\n" + table(results, mode), file=out)
    unversioned = [r for r in results if r.unversioned]
    if unversioned:
        print("\nPublishes without a `version` (matched as the first publish for the URI after the "
              "edit): " + ", ".join(f"{r.server} {r.mode} N={r.size} ({r.unversioned}/{len(r.edit)})"
                                    for r in unversioned), file=out)


if __name__ == "__main__":
    main()
