"""PA601: `path=` file that does not exist (relative to the notebook's folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

FILES = {"scripts/train.py": "print('training')\n"}


def test_missing_task_file(tmp_path: Path) -> None:
    found = only("PA601", "#%task(name=train, path=scripts/trian.py)", folder=tmp_path, files=FILES)
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 24, 40),
        words=("'scripts/trian.py'", "does not exist"),
    )


@pytest.mark.parametrize(
    "line",
    [
        "#%fork_env(name=train, path=env.py)",
        "#%pre_script(name=train, language=Linux_Bash, path=env.py)",
        "#%job_selection_script(path=env.py)",
        "#%import_dot(path=env.py)",
    ],
)
def test_missing_script_files(line: str, tmp_path: Path) -> None:
    found = only("PA601", "#%task(name=train)\nx = 1", line, folder=tmp_path)
    start = line.index("env.py")
    assert (found.cell, found.range) == (1, span(0, start, start + 6))


def test_missing_connect_config(tmp_path: Path) -> None:
    found = only("PA601", "#%connect(path=my.ini)", folder=tmp_path)
    check(found, severity=Severity.ERROR, cell=0, where=span(0, 15, 21), words=("No such file.",))


def test_existing_file_and_unsaved_notebook(tmp_path: Path) -> None:
    assert "PA601" not in codes(
        "#%task(name=train, path=scripts/train.py)", folder=tmp_path, files=FILES
    )
    assert "PA601" not in codes("#%task(name=train, path=scripts/trian.py)")
