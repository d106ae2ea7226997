"""Small helpers shared by the end-to-end server tests (documents, positions, waiting)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any

from lsprotocol import types
from pytest_lsp import LanguageClient

Diagnostics = Sequence[types.Diagnostic]


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def rng(line: int, start: int, end_line: int | None = None, end: int | None = None) -> types.Range:
    return types.Range(
        start=pos(line, start),
        end=pos(line if end_line is None else end_line, start if end is None else end),
    )


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


def codes(diagnostics: Diagnostics | None, ignore: tuple[str, ...] = ("PA604",)) -> list[str]:
    """The codes published, in order, without the connection hint most snippets trigger."""
    return [str(d.code) for d in diagnostics or () if d.code not in ignore]


async def wait_diagnostics(
    client: LanguageClient,
    uri: str,
    predicate: Callable[[Diagnostics], bool] = lambda d: True,
    timeout: float = 5.0,
) -> Diagnostics:
    """Poll `client.diagnostics[uri]` (a notebook publishes several URIs, one per cell)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and predicate(found):
            return found
        await asyncio.sleep(0.01)
    raise AssertionError(f"no matching diagnostics for {uri}: {client.diagnostics.get(uri)}")


async def barrier(client: LanguageClient) -> None:
    """Wait until the server has handled everything sent before (it answers in order)."""
    await client.text_document_hover_async(
        types.HoverParams(text_document=doc("file:///barrier/none.py"), position=pos(0, 0))
    )


def open_text(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text
            )
        )
    )


def change_full(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def change_range(
    client: LanguageClient, uri: str, where: types.Range, text: str, version: int
) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
        )
    )


def close_text(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc(uri)))


class Notebook:
    """A notebook synced cell by cell (notebookDocument/*), as VS Code does."""

    def __init__(
        self,
        client: LanguageClient,
        uri: str,
        cells: list[str],
        fragment: str = "W",
        suffix: str = "sZmlsZQ%3D%3D",
    ) -> None:
        self.client = client
        self.uri = uri
        self.version = 0
        self.fragment = fragment
        self.suffix = suffix
        self.count = 0
        self.uris: list[str] = []
        self.versions: dict[str, int] = {}
        items = [self._new_cell(text) for text in cells]
        client.notebook_document_did_open(
            types.DidOpenNotebookDocumentParams(
                notebook_document=types.NotebookDocument(
                    uri=uri,
                    notebook_type="jupyter-notebook",
                    version=0,
                    cells=[
                        types.NotebookCell(kind=types.NotebookCellKind.Code, document=i.uri)
                        for i in items
                    ],
                ),
                cell_text_documents=items,
            )
        )

    def cell_uri(self, index: int) -> str:
        # The shape VS Code uses: the notebook path, then a fragment with a percent-encoded `=`.
        return f"vscode-notebook-cell:{self.uri.removeprefix('file://')}#{self.fragment}{index}{self.suffix}"

    def _new_cell(self, text: str) -> types.TextDocumentItem:
        uri = self.cell_uri(self.count)
        self.count += 1
        self.versions[uri] = 1
        return types.TextDocumentItem(uri=uri, language_id="python", version=1, text=text)

    def _send(self, cells: types.NotebookDocumentCellChanges) -> None:
        self.version += 1
        self.client.notebook_document_did_change(
            types.DidChangeNotebookDocumentParams(
                notebook_document=types.VersionedNotebookDocumentIdentifier(
                    version=self.version, uri=self.uri
                ),
                change=types.NotebookDocumentChangeEvent(cells=cells),
            )
        )

    def edit(self, index: int, where: types.Range, text: str) -> None:
        uri = self.uris[index]
        self.versions[uri] += 1
        self._send(
            types.NotebookDocumentCellChanges(
                text_content=[
                    types.NotebookDocumentCellContentChanges(
                        document=types.VersionedTextDocumentIdentifier(
                            uri=uri, version=self.versions[uri]
                        ),
                        changes=[types.TextDocumentContentChangePartial(range=where, text=text)],
                    )
                ]
            )
        )

    def insert(self, index: int, texts: list[str]) -> list[str]:
        items = [self._new_cell(text) for text in texts]
        self._send(
            types.NotebookDocumentCellChanges(
                structure=types.NotebookDocumentCellChangeStructure(
                    array=types.NotebookCellArrayChange(
                        start=index,
                        delete_count=0,
                        cells=[
                            types.NotebookCell(kind=types.NotebookCellKind.Code, document=i.uri)
                            for i in items
                        ],
                    ),
                    did_open=items,
                )
            )
        )
        self.uris[index:index] = [i.uri for i in items]
        return [i.uri for i in items]

    def remove(self, index: int) -> str:
        uri = self.uris.pop(index)
        self._send(
            types.NotebookDocumentCellChanges(
                structure=types.NotebookDocumentCellChangeStructure(
                    array=types.NotebookCellArrayChange(start=index, delete_count=1),
                    did_close=[types.TextDocumentIdentifier(uri=uri)],
                )
            )
        )
        return uri

    def close(self) -> None:
        self.client.notebook_document_did_close(
            types.DidCloseNotebookDocumentParams(
                notebook_document=types.NotebookDocumentIdentifier(uri=self.uri),
                cell_text_documents=[types.TextDocumentIdentifier(uri=u) for u in self.uris],
            )
        )


def open_notebook(
    client: LanguageClient,
    uri: str,
    cells: list[str],
    fragment: str = "W",
    suffix: str = "sZmlsZQ%3D%3D",
) -> Notebook:
    notebook = Notebook(client, uri, cells, fragment, suffix)
    notebook.uris = [notebook.cell_uri(i) for i in range(len(cells))]
    return notebook


def completion_items(result: Any) -> list[types.CompletionItem]:
    if result is None:
        return []
    return list(result.items if isinstance(result, types.CompletionList) else result)


def decode_tokens(
    data: Sequence[int], legend: types.SemanticTokensLegend
) -> list[tuple[int, int, int, str]]:
    """(line, start, length, type) for each token of a `semanticTokens/full` answer."""
    found: list[tuple[int, int, int, str]] = []
    line = start = 0
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind = data[i : i + 4]
        line += delta_line
        start = start + delta_start if delta_line == 0 else delta_start
        found.append((line, start, length, legend.token_types[kind]))
    return found


# ---- a raw stdio session, for what pytest-lsp hides (process exit, the bytes on stdout) ----------


def frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def request(id_: int, method: str, params: Any = None) -> bytes:
    return frame({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})


def notification(method: str, params: Any = None) -> bytes:
    return frame({"jsonrpc": "2.0", "method": method, "params": params})


def parse_frames(data: bytes) -> list[dict[str, Any]]:
    """Split stdout into LSP frames; fail on any byte that is not part of one."""
    messages: list[dict[str, Any]] = []
    rest = data
    while rest:
        header, separator, rest = rest.partition(b"\r\n\r\n")
        assert separator, f"stray bytes on stdout: {header[:200]!r}"
        fields = dict(line.split(b": ", 1) for line in header.split(b"\r\n"))
        assert set(fields) <= {b"Content-Length", b"Content-Type"}, (
            f"not an LSP header: {header[:200]!r}"
        )
        length = int(fields[b"Content-Length"])
        body, rest = rest[:length], rest[length:]
        message = json.loads(body)
        assert message.get("jsonrpc") == "2.0", message
        messages.append(message)
    return messages


def read_frame(stream: IO[bytes], timeout: float = 10.0) -> dict[str, Any]:
    """One frame from a blocking pipe, with a deadline (a reader thread)."""

    def read() -> dict[str, Any]:
        length = 0
        while True:
            line = stream.readline()
            if not line:
                raise EOFError("stdout closed")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        parsed: dict[str, Any] = json.loads(stream.read(length))
        return parsed

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(read).result(timeout=timeout)


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "proactive_lsp", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def initialize_params(capabilities: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"processId": None, "rootUri": "file:///workspace", "capabilities": capabilities or {}}
