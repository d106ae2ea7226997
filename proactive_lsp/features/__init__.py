"""Editor features computed from the analysis: completion, hover, signature help, tokens.

Pure functions over plain data; the LSP layer and the pylsp plugin map the results.
"""
