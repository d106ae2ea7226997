"""Dot export as write_dot writes it, import as import_dot reads it (kernel-13.0.4.md §5.2-5.3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.load import load_document
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.outputs.dot import dot_to_cells, workflow_to_dot

GOLDEN = Path(__file__).parent / "golden"


def test_export_matches_golden() -> None:
    analysis = analyze(
        notebook_from_cells(
            [
                "#%job(name=demo)",
                "#%task(name=a)",
                "#%task(name=my-b, dep=[a])",
                "#%start(name=s1, dep=[a])",
                "#%condition()\nloop = false;",
                "#%loop(name=l1)",
                "#%branch(name=b1, dep=[l1])",
                "#%condition()",
                "#%if(name=i1)",
                "#%else(name=e1)",
                "#%continuation(name=c1)",
            ]
        )
    )
    assert workflow_to_dot(analysis.workflow) == (GOLDEN / "demo.dot").read_text()


def test_export_reads_back_as_the_same_dependencies() -> None:
    analysis = analyze(
        notebook_from_cells(
            ["#%task(name=a)", "#%task(name=b, dep=[a])", "#%task(name=c, dep=[a, b])"]
        )
    )
    imported = dot_to_cells(workflow_to_dot(analysis.workflow))
    assert imported.cells == (
        "#%task(name=a)\n",
        "#%task(name=b, dep=[a])\n",
        "#%task(name=c, dep=[a, b])\n",
    )
    assert imported.warnings == ()


def test_import_reorders_instead_of_dropping_and_warns() -> None:
    imported = dot_to_cells('digraph G { b -> c; a -> b; "1x"; c -> d }')
    assert imported.cells[:3] == (
        "#%task(name=a)\n",
        "#%task(name=b, dep=[a])\n",
        "#%task(name=c, dep=[b])\n",
    )
    assert any("would drop" in w and "a -> b" in w for w in imported.warnings)
    assert any("'1x'" in w for w in imported.warnings)


def test_import_refuses_what_is_not_dot() -> None:
    with pytest.raises(ValueError, match="not a dot graph"):
        dot_to_cells("this is { not dot")


def test_import_dot_pragma_creates_tasks_and_reports_dropped_edges(tmp_path: Path) -> None:
    (tmp_path / "g.dot").write_text("digraph { b -> c; a -> b; }\n")
    flow = tmp_path / "w.py"
    flow.write_text("#%import_dot(path=g.dot)\n#%task(name=d, dep=[c])\n")
    analysis = analyze(load_document(flow))
    tasks = analysis.workflow.tasks
    assert {n: [d.name for d in t.deps] for n, t in tasks.items()} == {
        "b": [],
        "c": ["b"],
        "a": [],
        "d": ["c"],
    }
    dropped = [d for d in analysis.diagnostics if d.code == "PA301"]
    assert len(dropped) == 1 and "a -> b" in dropped[0].message
