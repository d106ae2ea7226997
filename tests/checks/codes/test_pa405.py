"""PA405: replicated task without a child: the kernel adds `DefaultMerge` at submit."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, run, span

A, REPLICATED = "#%task(name=a)\nx = 1", "#%task(name=c, dep=[a], runs=3)"


def test_replicate_without_merge() -> None:
    found = only("PA405", A, REPLICATED)
    check(
        found,
        severity=Severity.INFORMATION,
        cell=1,
        where=span(0, 29, 30),
        words=("'c'", "DefaultMerge"),
    )


def test_the_model_has_the_default_merge() -> None:
    tasks = run(A, REPLICATED).workflow.tasks
    merges = [name for name in tasks if name.startswith("DefaultMerge")]
    assert len(merges) == 1 and [d.name for d in tasks[merges[0]].deps] == ["c"]
    assert tasks[merges[0]].flow_block == "end"


def test_replicate_with_merge() -> None:
    assert "PA405" not in codes(A, REPLICATED, "#%task(name=d, dep=[c])")
