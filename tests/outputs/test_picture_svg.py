"""SVG of the workflow picture: structure an editor relies on, escaping, marks, golden files.

Golden files live in ``test_picture_golden/``; re-bless them with ``PICTURE_BLESS=1 pytest``.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from proactive_lsp.outputs.svg import render_svg

NS = {"svg": "http://www.w3.org/2000/svg"}
GOLDEN = Path(__file__).parent / "test_picture_golden"


def _graph(title: str = "wf") -> nx.MultiDiGraph:
    return nx.MultiDiGraph(title=title)


def branch_workflow() -> nx.MultiDiGraph:
    graph = _graph("branch")
    graph.add_node("prepare", kind="task", detail="Python", cell=0, line=1)
    graph.add_node("branch", kind="control", cell=1, line=1)
    for name in ("if_task", "else_task", "continuation_task"):
        graph.add_node(name, kind="task")
    graph.add_edge("prepare", "branch", key="dep", kind="dep")
    graph.add_edge("branch", "if_task", key="if", kind="if")
    graph.add_edge("branch", "else_task", key="else", kind="else")
    graph.add_edge("branch", "continuation_task", key="continuation", kind="continuation")
    return graph


def replicate_workflow() -> nx.MultiDiGraph:
    graph = _graph("replicate")
    graph.add_node("split", kind="control")
    graph.add_node("process", kind="task", severity="error", cell=2, line=3)
    graph.add_node("merge", kind="task", severity="warning")
    graph.add_node("DT_1", kind="anonymous")
    graph.add_node("DefaultMerge", kind="default_merge")
    graph.add_edge("split", "process", key="dep", kind="dep", label="replicate")
    graph.add_edge("process", "merge", key="dep", kind="dep")
    graph.add_edge("merge", "DT_1", key="dep", kind="dep")
    graph.add_edge("DT_1", "DefaultMerge", key="dep", kind="dep")
    graph.add_edge("merge", "split", key="loop", kind="loop")
    return graph


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _groups(root: ET.Element, css: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{{{NS['svg']}}}g") if g.get("class", "").split()[:1] == [css]]


def test_every_task_has_a_clickable_group_with_a_tooltip() -> None:
    root = _parse(render_svg(branch_workflow()))
    nodes = _groups(root, "node")
    assert sorted(g.get("data-task") for g in nodes) == sorted(branch_workflow().nodes)
    for group in nodes:
        assert group.find("svg:title", NS) is not None
        assert group.find("svg:rect", NS) is not None
    prepare = next(g for g in nodes if g.get("data-task") == "prepare")
    assert (prepare.get("data-cell"), prepare.get("data-line")) == ("0", "1")
    plain = next(g for g in nodes if g.get("data-task") == "if_task")
    assert plain.get("data-cell") is None


def test_edges_and_their_labels() -> None:
    root = _parse(render_svg(branch_workflow()))
    edges = _groups(root, "edge")
    assert len(edges) == 4
    assert {(g.get("data-source"), g.get("data-target"), g.get("data-kind")) for g in edges} == {
        ("prepare", "branch", "dep"),
        ("branch", "if_task", "if"),
        ("branch", "else_task", "else"),
        ("branch", "continuation_task", "continuation"),
    }
    labels = [
        "".join(g.find("svg:text", NS).itertext())  # type: ignore[union-attr]
        for g in _groups(root, "edge-label")
    ]
    assert sorted(labels) == ["continuation", "else", "if"]


def test_replicate_label_and_loop_label() -> None:
    root = _parse(render_svg(replicate_workflow()))
    labels = {"".join(g.itertext()) for g in _groups(root, "edge-label")}
    assert labels == {"replicate", "loop"}
    classes = {g.get("class") for g in _groups(root, "edge")}
    assert "edge replicate" in classes and "edge loop" in classes


def test_errors_and_warnings_are_marked() -> None:
    root = _parse(render_svg(replicate_workflow()))
    by_task = {g.get("data-task"): g for g in _groups(root, "node")}
    assert "error" in by_task["process"].get("class", "").split()
    assert "warning" in by_task["merge"].get("class", "").split()
    assert by_task["process"].find("svg:g[@class='marker error']", NS) is not None
    assert "error" not in by_task["split"].get("class", "")
    assert "default_merge" in by_task["DefaultMerge"].get("class", "").split()
    assert "has errors" in "".join(by_task["process"].find("svg:title", NS).itertext())  # type: ignore[union-attr]


def test_legend_lists_what_is_used() -> None:
    svg = render_svg(replicate_workflow())
    root = _parse(svg)
    legend = next(g for g in root.iter(f"{{{NS['svg']}}}g") if g.get("class") == "legend")
    captions = {"".join(t.itertext()) for t in legend.iter(f"{{{NS['svg']}}}text")}
    assert {"task", "control part", "anonymous (DT)", "default merge"} <= captions
    assert {"has errors", "has warnings", "replicate", "loop", "dependency"} <= captions
    assert "if" not in captions


def test_text_is_escaped() -> None:
    graph = _graph('<b>"&"</b>')
    graph.add_node("a<b", kind="task", label="x & <y>", detail='"quoted"')
    graph.add_node("c", kind="task")
    graph.add_edge("a<b", "c", key="dep", kind="dep", label="</text><script>")
    root = _parse(render_svg(graph))  # parses, so nothing broke out of its element
    assert root.find("svg:title", NS).text == '<b>"&"</b>'  # type: ignore[union-attr]
    assert {g.get("data-task") for g in _groups(root, "node")} == {"a<b", "c"}
    assert root.find(".//svg:script", NS) is None


@pytest.mark.parametrize("size", [0, 1])
def test_empty_and_single_task(size: int) -> None:
    graph = _graph()
    for i in range(size):
        graph.add_node(f"t{i}", kind="task")
    root = _parse(render_svg(graph))
    assert root.get("viewBox", "").startswith("0 0 ")
    assert len(_groups(root, "node")) == size


def test_output_is_deterministic() -> None:
    assert render_svg(replicate_workflow()) == render_svg(replicate_workflow())


@pytest.mark.parametrize("name", ["branch", "replicate"])
def test_golden(name: str) -> None:
    svg = render_svg({"branch": branch_workflow, "replicate": replicate_workflow}[name]())
    path = GOLDEN / f"{name}.svg"
    if os.environ.get("PICTURE_BLESS"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(svg, encoding="utf-8")
    assert svg == path.read_text(encoding="utf-8")
