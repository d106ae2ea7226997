"""What the editor holds → the core's SourceDocument, and positions between the two.

A *view* is one workflow: a notebook synced cell by cell (one URI per cell), a `.py` file, or
the single text jupyterlab-lsp sends for a notebook (one URI, cells found like a `.py` file).
Each analysis cell maps to a (URI, first line) *target*; requests come back through it.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import Workspace

from proactive_lsp.documents.cells import SourceDocument
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.documents.pyfile import edit_cell, read_python_text
from proactive_lsp.text import Position


@dataclass(frozen=True, slots=True)
class Target:
    uri: str  # the URI exactly as the client sent it
    first_line: int  # where the cell starts in that URI's text
    lines: tuple[str, ...]  # the cell's lines, for UTF-16 conversion


@dataclass(frozen=True)
class View:
    key: str  # the notebook URI or the text document URI
    source: SourceDocument
    targets: tuple[Target, ...]
    uris: tuple[str, ...]  # every URI the view publishes to (one per cell for notebooks)
    encoding: str = "utf-16"  # the position encoding negotiated with the client
    # URI → the indices of its targets, built on the first request (requests must not scan
    # every cell: hover and completion answer in milliseconds on 5000-cell notebooks).
    _by_uri: dict[str, tuple[list[int], list[int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def targets_of(self, uri: str) -> list[int]:
        """The indices of the targets shown in this URI (their first lines ascend)."""
        return self._index(uri)[0]

    def _index(self, uri: str) -> tuple[list[int], list[int]]:
        if not self._by_uri:
            for index, target in enumerate(self.targets):
                indices, starts = self._by_uri.setdefault(target.uri, ([], []))
                indices.append(index)
                starts.append(target.first_line)
        return self._by_uri.get(uri, ([], []))

    def locate(self, uri: str, line: int) -> int | None:
        """The analysis cell holding this line of this URI, or None (marker or markdown)."""
        indices, starts = self._index(uri)
        if not indices:
            return None
        slot = bisect.bisect_right(starts, line) - 1
        if slot < 0:
            return None
        index = indices[slot]
        target = self.targets[index]
        return index if line - target.first_line < len(target.lines) else None

    def to_cell(self, index: int, line: int, character: int) -> Position:
        """An LSP position in a URI → a code-point position in the cell."""
        target = self.targets[index]
        cell_line = line - target.first_line
        text = target.lines[cell_line] if 0 <= cell_line < len(target.lines) else ""
        return Position(cell_line, client_to_column(text, character, self.encoding))


def _units(char: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(char.encode("utf-8"))
    if encoding == "utf-32":
        return 1
    return 2 if ord(char) > 0xFFFF else 1


def client_to_column(text: str, units: int, encoding: str = "utf-16") -> int:
    """A column in the client's code units (the negotiated position encoding) → code points."""
    count = 0
    for column, char in enumerate(text):
        if count >= units:
            return column
        count += _units(char, encoding)
    return len(text)


def column_to_client(text: str, column: int, encoding: str = "utf-16") -> int:
    prefix = text[:column]
    if encoding == "utf-32":
        return len(prefix)
    if encoding == "utf-8":
        return len(prefix.encode("utf-8"))
    return len(prefix) + sum(1 for char in prefix if ord(char) > 0xFFFF)


def encoding_of(workspace: Workspace) -> str:
    """The position encoding negotiated at initialize (UTF-16 unless the client chose another)."""
    negotiated = workspace.position_encoding
    return str(getattr(negotiated, "value", negotiated) or "utf-16")


@functools.lru_cache(maxsize=65536)
def decoded(uri: str) -> str:
    return unquote(uri)


def path_of(uri: str) -> Path | None:
    fs_path = to_fs_path(uri)
    return Path(fs_path) if fs_path else None


def notebook_view(
    workspace: Workspace, notebook_uri: str, previous: View | None = None
) -> View | None:
    """The notebook's code cells; targets of cells unchanged since ``previous`` are reused."""
    notebook = workspace.get_notebook_document(notebook_uri=notebook_uri)
    if notebook is None:
        return None
    texts: list[str] = []
    targets: list[Target] = []
    indices: list[int] = []
    known: dict[str, tuple[Target, str]] = {}
    if previous is not None:
        known = {
            t.uri: (t, c.text) for t, c in zip(previous.targets, previous.source.cells, strict=True)
        }
    for position, cell in enumerate(notebook.cells):
        if cell.kind.value != 2:  # NotebookCellKind.Code
            continue
        # pygls keys documents by the percent-decoded URI; decoding 5000 URIs per keystroke
        # shows, so the decoding is cached.
        document = workspace.text_documents.get(decoded(cell.document))
        if document is None:
            document = workspace.get_text_document(cell.document)
        if document.language_id not in (None, "python"):
            continue
        text = document.source
        texts.append(text)
        indices.append(position)
        reuse = known.get(cell.document)
        if reuse is not None and reuse[1] is text:
            targets.append(reuse[0])  # the same text object: nothing to split again
        else:
            targets.append(Target(cell.document, 0, tuple(text.split("\n"))))
    source = notebook_from_cells(texts, path_of(notebook_uri), indices)
    uris = tuple(t.uri for t in targets)
    return View(notebook_uri, source, tuple(targets), uris, encoding_of(workspace))


def with_edited_cells(previous: View, workspace: Workspace, uris: Iterable[str]) -> View | None:
    """The notebook view after text edits in these cells only (the common keystroke): the other
    cells are taken over as they are. None when a cell is not in the view (re-read everything)."""
    targets = list(previous.targets)
    cells = list(previous.source.cells)
    for uri in uris:
        indices = previous.targets_of(uri)
        document = workspace.text_documents.get(decoded(uri))
        if len(indices) != 1 or document is None:
            return None
        index = indices[0]
        text = document.source
        targets[index] = Target(uri, 0, tuple(text.split("\n")))
        cells[index] = dataclasses.replace(cells[index], text=text)
    source = dataclasses.replace(previous.source, cells=tuple(cells))
    # Same cells in the same order: the URI index still holds.
    return dataclasses.replace(
        previous, source=source, targets=tuple(targets), _by_uri=previous._by_uri
    )


def with_text_edit(
    previous: View, workspace: Workspace, change: types.TextDocumentContentChangeEvent
) -> View | None:
    """The `.py` view after one incremental change inside one cell (the common keystroke): the
    other cells are taken over. None when the text must be split again (see ``edit_cell``)."""
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return None
    uri = previous.key
    source = workspace.get_text_document(uri).source
    if "\r" in source or source.startswith("\ufeff"):
        return None  # the cells' texts are not the document's lines as they are
    start, end = change.range.start, change.range.end
    index = previous.locate(uri, start.line)
    if index is None or previous.locate(uri, end.line) != index:
        return None
    lines, first = previous.targets[index].lines, previous.targets[index].first_line
    for position in (start, end):
        text = lines[position.line - first]
        if position.character > column_to_client(text, len(text), previous.encoding):
            return None  # past the end of the line: leave it to the whole text
    cells = edit_cell(
        previous.source.cells,
        index,
        previous.to_cell(index, start.line, start.character),
        previous.to_cell(index, end.line, end.character),
        change.text,
    )
    if cells is None:
        return None
    targets = list(previous.targets)
    new_lines = tuple(cells[index].text.split("\n"))
    shift = len(new_lines) - len(targets[index].lines)
    targets[index] = Target(uri, targets[index].first_line, new_lines)
    if shift:
        targets[index + 1 :] = [
            Target(uri, t.first_line + shift, t.lines) for t in targets[index + 1 :]
        ]
    return dataclasses.replace(
        previous,
        source=dataclasses.replace(previous.source, cells=cells),
        targets=tuple(targets),
        _by_uri=previous._by_uri if not shift else {},
    )


def text_view(workspace: Workspace, uri: str) -> View:
    document = workspace.get_text_document(uri)
    source = read_python_text(document.source, path_of(uri))
    # The cells' texts are the document's lines (line breaks normalised), in order.
    targets = tuple(
        Target(uri, cell.first_line, tuple(cell.text.split("\n"))) for cell in source.cells
    )
    return View(uri, source, targets, (uri,), encoding_of(workspace))
