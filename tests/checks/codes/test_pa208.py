"""PA208: cell body ignored by this pragma (or by `path=`)."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


def test_body_of_job_is_ignored() -> None:
    found = only("PA208", '#%job(name=demo)\nprint("never")\n')
    check(found, severity=Severity.HINT, cell=0, where=span(1, 0, 14), words=("ignored",))
    assert "unnecessary" in found.tags


def test_body_of_a_task_with_path(tmp_path: Path) -> None:
    found = only(
        "PA208",
        "#%task(name=t, path=t.py)\nx = 1\ny = 2",
        folder=tmp_path,
        files={"t.py": "x = 1\n"},
    )
    assert found.range.start.line == 1 and found.range.end.line == 2 and "path=" in found.message


def test_bodies_that_run() -> None:
    assert "PA208" not in codes("#%job(name=demo)", "#%task(name=t)\nx = 1", "#%runs()\nruns=2;")
