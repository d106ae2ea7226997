"""The process-wide SDK gateway: lazy and off-thread, clean stdout, clear errors, cleanup."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.sdk import gateway as gateway_module
from proactive_lsp.sdk.errors import SdkUnavailableError
from proactive_lsp.sdk.export import export_xml
from proactive_lsp.sdk.gateway import (
    ADD_OPENS,
    SdkGateway,
    close_shared_gateway,
    sdk_stdout_to_stderr,
    shared_gateway,
    start_shared_gateway,
)
from proactive_lsp.sdk.jobbuild import output_file_name


def test_sdk_prints_go_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    with sdk_stdout_to_stderr():
        print("[INFO] Log in...")
    captured = capsys.readouterr()
    assert captured.out == "" and "[INFO] Log in..." in captured.err


def test_no_java_is_a_clear_unavailable_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(SdkUnavailableError, match="java"):
        SdkGateway()


def test_output_file_name_follows_the_kernel() -> None:
    named = analyze(notebook_from_cells(["#%task(name=a)\npass", "#%job(name=nightly)"]))
    unnamed = analyze(notebook_from_cells(["#%task(name=a)\npass"]))
    assert output_file_name(named.workflow) == "nightly.xml"
    assert output_file_name(named.workflow, "given") == "given.xml"
    assert output_file_name(unnamed.workflow) == "Unnamed_job.xml"


@pytest.mark.requires_sdk
def test_shared_gateway_is_created_once_off_the_callers_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str] = []

    class Spy(SdkGateway):
        def __init__(self) -> None:
            seen.append(threading.current_thread().name)
            super().__init__()

    close_shared_gateway()
    monkeypatch.setattr(gateway_module, "SdkGateway", Spy)
    future = start_shared_gateway()  # returns at once
    gateway = shared_gateway()
    assert future.result() is gateway
    assert start_shared_gateway().result() is gateway and shared_gateway() is gateway
    assert len(seen) == 1 and seen[0] != threading.current_thread().name
    assert ADD_OPENS in gateway.sdk.javaopts
    assert f"-Djava.io.tmpdir={gateway.tmpdir}" in gateway.sdk.javaopts
    close_shared_gateway()
    assert gateway.closed and not os.path.exists(gateway.tmpdir)


@pytest.mark.requires_sdk
def test_own_gateway_has_fresh_options_and_cleans_up(capsys: pytest.CaptureFixture[str]) -> None:
    with SdkGateway() as first, SdkGateway() as second:
        assert first.sdk.javaopts is not second.sdk.javaopts
        assert first.tmpdir != second.tmpdir and os.path.isdir(first.tmpdir)
        workflow = analyze(notebook_from_cells(["#%task(name=a)\npass"])).workflow
        assert "<task name=\"a\">" in export_xml(workflow, gateway=first)
    assert first.closed and not os.path.exists(first.tmpdir)
    first.close()  # twice is fine
    assert capsys.readouterr().out == ""


@pytest.mark.requires_sdk
def test_task_path_is_read_relative_to_the_document_folder(tmp_path: Path) -> None:
    (tmp_path / "job.sh").write_text("echo from file\n")
    cells = ["#%task(name=a, language=Linux_Bash, path=job.sh)\nignored"]
    workflow = analyze(notebook_from_cells(cells, tmp_path / "nb.ipynb")).workflow
    xml = export_xml(workflow, tmp_path)
    assert "echo from file" in xml and "ignored" not in xml
