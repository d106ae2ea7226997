"""Editor features computed from the analysis: plain data in, plain data out, no LSP types.

- ``completion.complete(analysis, cell, position, *, snippets)`` → ``list[CompletionItem]``
- ``hover.hover(analysis, cell, position)`` → ``HoverInfo | None``
- ``signature.signature_help(analysis, cell, position)`` → ``SignatureInfo | None``
- ``tokens.semantic_tokens(analysis, cell)`` → ``list[Token]`` (legend: ``tokens.TOKEN_TYPES``,
  ``tokens.TOKEN_MODIFIERS``)

``cell`` indexes ``analysis.document.cells``; positions are cell-relative, columns in code
points. The result types are in ``items``. This package imports nothing from pygls/lsprotocol.
"""
