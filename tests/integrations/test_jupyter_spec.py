"""jupyter-lsp finds our server through the `jupyter_lsp_spec_v1` entry point."""

from __future__ import annotations

import subprocess
from importlib.metadata import entry_points

from proactive_lsp.integrations.jupyter_spec import spec


def test_entry_point_is_installed() -> None:
    names = {e.name: e.value for e in entry_points(group="jupyter_lsp_spec_v1")}
    assert names.get("proactive-lsp") == "proactive_lsp.integrations.jupyter_spec:spec"


def test_spec_starts_the_server_for_python() -> None:
    found = spec(None)["proactive-lsp"]
    assert found["languages"] == ["python"] and found["argv"][1:] == ["-m", "proactive_lsp"]
    # The argv really starts a server that answers --help.
    result = subprocess.run([*found["argv"], "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "serve" in result.stdout


def test_jupyter_lsp_manager_collects_it() -> None:
    manager_module = __import__("jupyter_lsp.manager", fromlist=["LanguageServerManager"])
    manager = manager_module.LanguageServerManager()
    manager.init_language_servers()
    assert "proactive-lsp" in manager.language_servers
