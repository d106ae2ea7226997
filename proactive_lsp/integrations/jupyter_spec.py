"""The `jupyter_lsp_spec_v1` entry point: jupyter-lsp starts our server for Python notebooks.

jupyterlab-lsp runs one server per language (ProActive notebooks say `python`); set
`language_servers.proactive-lsp.priority` above the other Python servers' to choose ours, or use
the pylsp plugin instead (see editors/jupyterlab/README.md).
"""

from __future__ import annotations

import sys
from typing import Any


def spec(manager: Any) -> dict[str, Any]:
    return {
        "proactive-lsp": {
            "version": 2,
            "argv": [sys.executable, "-m", "proactive_lsp"],
            "languages": ["python"],
            "mime_types": ["text/x-python", "text/python", "text/x-ipython"],
            "display_name": "ProActive pragmas",
            "requires_documents_on_disk": False,
        }
    }
