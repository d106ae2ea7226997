"""`proactive-lsp export-xml` end to end: one file, several to a folder, refusal, --no-check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from proactive_lsp.cli.export_xml import run_export_xml
from proactive_lsp.sdk import ValidatorProcess

GOOD = "#%task(name=a)\nprint(1)\n\n#%task(name=b, dep=[a])\nprint(2)\n"
NAMED = GOOD + "\n#%job(name=named_job)\n"
CYCLE = GOOD + "\n#%task(name=a, dep=[b])\nprint(3)\n"


def notebook(cells: list[str]) -> str:
    return json.dumps({
        "cells": [{"cell_type": "code", "source": c, "metadata": {}, "outputs": [],
                   "execution_count": None} for c in cells],
        "metadata": {"kernelspec": {"name": "proactive", "display_name": "ProActive",
                                    "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5,
    })


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proactive_lsp.cli.export_xml", *args],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )


@pytest.mark.requires_sdk
def test_single_file_next_to_input_named_like_the_kernel(
    tmp_path: Path, validator: ValidatorProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "flow.py").write_text(GOOD)
    (tmp_path / "named.py").write_text(NAMED)
    (tmp_path / "demo.v2.ipynb").write_text(notebook(["#%task(name=t)\nprint(1)"]))
    assert run_export_xml([str(tmp_path / "flow.py")], None, False) == 0
    assert run_export_xml([str(tmp_path / "named.py")], None, False) == 0
    assert run_export_xml([str(tmp_path / "demo.v2.ipynb")], None, False) == 0
    # No job name: the document's name (up to the first `.`); else the job name.
    expected = (("flow.xml", "flow"), ("named_job.xml", "named_job"), ("demo.xml", "demo"))
    for written, job in expected:
        xml = (tmp_path / written).read_text()
        assert f'<job name="{job}"' in xml
        assert validator.validate_xml(xml).valid
    assert capsys.readouterr().out == ""  # nothing on stdout: neither ours nor the SDK's


@pytest.mark.requires_sdk
def test_single_file_to_a_chosen_file_or_folder(tmp_path: Path) -> None:
    source = tmp_path / "flow.py"
    source.write_text(NAMED)
    assert run_export_xml([str(source)], str(tmp_path / "out" / "job.xml"), False) == 0
    assert (tmp_path / "out" / "job.xml").is_file()
    folder = tmp_path / "folder"
    folder.mkdir()
    assert run_export_xml([str(source)], str(folder), False) == 0
    assert (folder / "named_job.xml").is_file()


@pytest.mark.requires_sdk
def test_several_inputs_to_a_folder_by_input_stem(
    tmp_path: Path, validator: ValidatorProcess
) -> None:
    # Both jobs are called `named_job`: by input stem they do not collide.
    (tmp_path / "one.py").write_text(NAMED)
    cells = ["#%task(name=x)\nprint(1)", "#%job(name=named_job)"]
    (tmp_path / "two.ipynb").write_text(notebook(cells))
    out = tmp_path / "xml"
    paths = [str(tmp_path / "one.py"), str(tmp_path / "two.ipynb")]
    assert run_export_xml(paths, str(out), False) == 0
    assert sorted(p.name for p in out.iterdir()) == ["one.xml", "two.xml"]
    for path in out.iterdir():
        assert validator.validate_xml(path.read_text()).valid


@pytest.mark.requires_sdk
def test_refuses_a_workflow_with_errors_and_prints_them_like_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "cycle.py"
    source.write_text(CYCLE)
    assert run_export_xml([str(source)], None, False) == 1
    captured = capsys.readouterr()
    # Located like `check` does: path:line:column (the redefinition's `dep=[b]`, line 7).
    assert f"{source}:7:21: error PA303 dependency cycle" in captured.out
    assert "not exported" in captured.err and "--no-check" in captured.err
    assert list(tmp_path.glob("*.xml")) == []


@pytest.mark.requires_sdk
def test_no_check_writes_what_the_kernel_would_build(
    tmp_path: Path, validator: ValidatorProcess
) -> None:
    source = tmp_path / "cycle.py"
    source.write_text(CYCLE)
    assert run_export_xml([str(source)], None, True) == 0
    verdict = validator.validate_xml((tmp_path / "cycle.xml").read_text())
    assert not verdict.valid and verdict.stage == "flow"


@pytest.mark.requires_sdk
def test_one_refused_among_several_still_writes_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.py").write_text(GOOD)
    (tmp_path / "bad.py").write_text(CYCLE)
    paths = [str(tmp_path / "good.py"), str(tmp_path / "bad.py")]
    assert run_export_xml(paths, str(tmp_path / "out"), False) == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["good.xml"]


def test_unreadable_input_is_exit_2(tmp_path: Path) -> None:
    assert run_export_xml([str(tmp_path / "missing.py")], None, False) == 2


def test_several_inputs_with_a_file_as_output_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text(GOOD)
    (tmp_path / "out.xml").write_text("")
    paths = [str(tmp_path / "a.py"), str(tmp_path / "a.py")]
    assert run_export_xml(paths, str(tmp_path / "out.xml"), False) == 2


@pytest.mark.requires_sdk
def test_command_line_keeps_stdout_clean(tmp_path: Path) -> None:
    source = tmp_path / "flow.py"
    source.write_text(GOOD)
    done = run_cli(str(source), "-o", str(tmp_path / "flow.xml"))
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""  # the SDK's `[ERROR] You are not connected!` goes to stderr
    assert (tmp_path / "flow.xml").read_text().startswith("<?xml")


def test_without_java_exit_2_says_what_to_install(tmp_path: Path) -> None:
    source = tmp_path / "flow.py"
    source.write_text(GOOD)
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "PATH")}
    env["PATH"] = str(tmp_path)  # no java here
    done = run_cli(str(source), env=env)
    assert done.returncode == 2
    assert "java" in done.stderr.lower() and "install" in done.stderr.lower()
    assert not (tmp_path / "flow.xml").exists()
