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
    texts: list[str] = []
    indices: list[int] = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if not isinstance(source, str):
            raise DocumentError(f"cell {index}: `source` is not text")
        texts.append(source)
        indices.append(index)
    return notebook_from_cells(texts, path, indices)


def _parse(text: str) -> Any:
    # Imported here: nbformat costs ~0.1 s and only notebooks on disk need it.
    import nbformat

    try:
        with warnings.catch_warnings():
            # nbformat warns about schema problems (missing ids...) that do not stop a kernel.
            warnings.simplefilter("ignore")
            return nbformat.reads(text, as_version=4)
    except nbformat.reader.NotJSONError:
        raise DocumentError(f"not a notebook: invalid JSON{_json_error_at(text)}") from None
    except Exception as error:  # any reader failure is a message for the user, not a crash
        raise DocumentError(f"not a readable notebook: {error}") from None


def _json_error_at(text: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return f" at line {error.lineno} column {error.colno}: {error.msg}"
    return ""


def _notebook_name(path: Path | None) -> str | None:
    return None if path is None else path.name.split(".", 1)[0]
