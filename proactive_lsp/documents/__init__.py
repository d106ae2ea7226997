"""Source documents → ordered cells, each knowing where it sits in the text the editor shows."""

from proactive_lsp.documents.cells import Cell, DocumentError, SourceDocument, SourceKind

__all__ = ["Cell", "DocumentError", "SourceDocument", "SourceKind"]
