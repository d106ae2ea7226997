"""proactive-lsp: editor tooling for ProActive Jupyter Kernel workflow pragmas."""

__version__ = "0.1.0"
