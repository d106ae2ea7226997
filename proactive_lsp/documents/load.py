"""Read a document from disk by its kind."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.documents.cells import DocumentError, SourceDocument
from proactive_lsp.documents.notebook import read_notebook_text
from proactive_lsp.documents.pyfile import read_python_text


def load_document(path: Path) -> SourceDocument:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"not UTF-8 text: byte {error.start} cannot be decoded") from None
    except OSError as error:
        raise DocumentError(error.strerror or str(error)) from None
    return document_from_text(text, path)


def document_from_text(text: str, path: Path) -> SourceDocument:
    if path.suffix == ".ipynb":
        return read_notebook_text(text, path)
    return read_python_text(text, path)
