"""The core never imports the LSP libraries or the SDK (ARCHITECTURE.md invariant)."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "proactive_lsp.analysis",
    "proactive_lsp.text",
    "proactive_lsp.diagnostics",
    "proactive_lsp.documents.load",
    "proactive_lsp.syntax.parse",
    "proactive_lsp.language.validate",
    "proactive_lsp.model.replay",
    "proactive_lsp.checks.graph",
    "proactive_lsp.checks.variables",
    "proactive_lsp.checks.files",
    "proactive_lsp.features.navigation",
    "proactive_lsp.features.outline",
    "proactive_lsp.cli.check",
]


def test_core_imports_no_lsp_and_no_sdk() -> None:
    code = (
        "import sys\n"
        f"for name in {CORE!r}: __import__(name)\n"
        "from proactive_lsp.analysis import analyze\n"
        "from proactive_lsp.documents.notebook import notebook_from_cells\n"
        "analyze(notebook_from_cells(['#%task(name=a)', '#%task(name=b, dep=[a])']))\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'proactive', 'py4j'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
