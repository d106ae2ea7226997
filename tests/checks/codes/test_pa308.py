"""PA308: job or task name that ProActive's schema rejects (job name shorter than 2, ...)."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


def test_one_character_job_name() -> None:
    found = only("PA308", "#%task(name=hello)\nx = 1", "#%job(name=J)")
    check(
        found, severity=Severity.ERROR, cell=1, where=span(0, 11, 12), words=("'J'", "at least 2")
    )


def test_one_character_job_name_at_submit() -> None:
    found = only("PA308", "#%task(name=hello)\nx = 1", "#%submit_job(name=J)")
    assert found.cell == 1 and found.range == span(0, 18, 19)


def test_valid_names() -> None:
    assert "PA308" not in codes("#%task(name=tâche)\nx = 1", "#%task(name=a-b)", "#%job(name=JB)")
