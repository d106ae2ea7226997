"""The LSP layer: a thin shell that maps protocol requests onto the core."""
