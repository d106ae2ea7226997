"""`.ipynb` files and notebook documents synced by the editor → cells."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from proactive_lsp.documents.cells import Cell, DocumentError, SourceDocument, SourceKind


def notebook_from_cells(
    texts: Sequence[str], path: Path | None = None, indices: Sequence[int] | None = None
) -> SourceDocument:
    """What notebook sync gives the server: the code cells' texts, in order."""
    cells = tuple(
        Cell(text=text, index=indices[i] if indices is not None else i)
        for i, text in enumerate(texts)
    )
    return SourceDocument(SourceKind.NOTEBOOK, cells, path, _notebook_name(path))


def read_notebook_text(text: str, path: Path | None = None) -> SourceDocument:
    """Read a stored notebook; markdown and raw cells are skipped but keep their index."""
    notebook = _parse(text)
    cells = notebook.get("cells")
    if not isinstance(cells, list):
        raise DocumentError("not a readable notebook: no list of cells")
    texts: list[str] = []
    indices: list[int] = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict):
            raise DocumentError(f"not a readable notebook: cell {index} is not an object")
        if cell.get("cell_type") != "code":
            continue
        texts.append(_source(cell.get("source", ""), index))
        indices.append(index)
    return notebook_from_cells(texts, path, indices)


def _parse(text: str) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"not a notebook: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        ) from None
    if isinstance(data, dict) and data.get("nbformat") == 4:
        # The current format is read as it is: nbformat (and the JSON-schema stack it imports,
        # up to a second at start-up) is needed only to upgrade older notebooks.
        return data
    return _upgrade(text)


def _upgrade(text: str) -> Any:
    import nbformat

    try:
        with warnings.catch_warnings():
            # nbformat warns about schema problems (missing ids...) that do not stop a kernel.
            warnings.simplefilter("ignore")
            return nbformat.reads(text, as_version=4)
    except Exception as error:  # any reader failure is a message for the user, not a crash
        raise DocumentError(f"not a readable notebook: {error}") from None


def _source(source: Any, index: int) -> str:
    """A cell's source: a string, or the list of lines nbformat writes."""
    if isinstance(source, str):
        return source
    if isinstance(source, list) and all(isinstance(part, str) for part in source):
        return "".join(source)
    raise DocumentError(f"cell {index}: `source` is not text")


def _notebook_name(path: Path | None) -> str | None:
    return None if path is None else path.name.split(".", 1)[0]
