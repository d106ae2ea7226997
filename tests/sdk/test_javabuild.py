"""Building the validator's classes: where they go, when they are rebuilt, parallel builders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from proactive_lsp.sdk import javabuild, validator

REPO = Path(__file__).resolve().parents[2]


def test_cache_dir_prefers_our_env_var(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PROACTIVE_LSP_CACHE", str(tmp_path / "ours"))
    assert javabuild.cache_dir() == tmp_path / "ours"
    monkeypatch.delenv("PROACTIVE_LSP_CACHE")
    assert javabuild.cache_dir() == tmp_path / "xdg" / "proactive-lsp"


def test_cache_key_follows_the_sdk_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(javabuild, "sdk_version", lambda: "13.0.3")
    first = javabuild._source_key()
    monkeypatch.setattr(javabuild, "sdk_version", lambda: "13.0.4")
    assert javabuild._source_key() != first


def test_sources_include_the_registry_fix() -> None:
    names = {p.name for p in javabuild.java_source_files()}
    assert names == {"JobValidatorRegistry.java", "ValidateJobs.java"}


@pytest.mark.requires_sdk
def test_parallel_builders_share_one_build(tmp_path: Path) -> None:
    env = {**os.environ, "PROACTIVE_LSP_CACHE": str(tmp_path)}
    code = "from proactive_lsp.sdk.javabuild import compiled_classes; print(compiled_classes())"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", code], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(3)
    ]
    outputs = {w.communicate(timeout=120)[0].strip() for w in workers}
    assert all(w.returncode == 0 for w in workers)
    assert len(outputs) == 1
    built = Path(outputs.pop())
    # Only the published folder and its lock remain: no half-built staging folders.
    assert sorted(p.name for p in tmp_path.iterdir()) == [built.name, built.name + ".lock"]
    assert (built / "proactivelsp" / "ValidateJobs.class").is_file()


@pytest.mark.requires_sdk
def test_our_classes_come_before_the_sdk_jars() -> None:
    command = validator.validator_command()
    classpath = command[command.index("-cp") + 1].split(os.pathsep)
    assert classpath[0] == str(javabuild.compiled_classes())
    assert classpath[1].endswith("*")
