"""Layout of the workflow picture: layering, no overlaps at 50 tasks, broken graphs, speed."""

from __future__ import annotations

import random
import time
from itertools import combinations

import networkx as nx
import pytest

from proactive_lsp.outputs.layout import Picture, layout_graph
from proactive_lsp.outputs.picture_geometry import Rect

NODE_KINDS = ["task", "control", "anonymous", "default_merge"]


def random_workflow(size: int, seed: int) -> nx.MultiDiGraph:
    """A random DAG of dep edges plus loop back edges and branch/replicate edges."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph(title=f"random {size}")
    names = [f"task_{i}" for i in range(size)]
    for name in names:
        graph.add_node(
            name,
            kind=rng.choices(NODE_KINDS, [8, 2, 1, 1])[0],
            severity=rng.choice([None] * 8 + ["error", "warning"]),
            detail=rng.choice(["", "Python", "Linux_Bash"]),
        )
    for i in range(1, size):
        for j in rng.sample(range(max(0, i - 8), i), min(i, rng.choice([1, 1, 2, 3]))):
            graph.add_edge(names[j], names[i], key="dep", kind="dep")
    for _ in range(size // 5):
        a = rng.randrange(size - 1)
        b = rng.randrange(a + 1, size)
        kind = rng.choice(["loop", "if", "else", "continuation", "replicate"])
        if kind == "loop":
            graph.add_edge(names[b], names[a], key="loop", kind="loop")
        elif kind == "replicate":
            graph.add_edge(names[a], names[b], key="rep", kind="dep", label="replicate")
        else:
            graph.add_edge(names[a], names[b], key=kind, kind=kind)
    return graph


def _boxes(picture: Picture) -> list[tuple[str, Rect]]:
    boxes = [(f"node {n.name}", n.box) for n in picture.nodes]
    boxes += [
        (f"label {e.source}->{e.target} {e.label}", e.label_box)
        for e in picture.edges
        if e.label_box is not None
    ]
    return boxes


@pytest.mark.parametrize("seed", range(6))
def test_fifty_tasks_have_no_overlapping_boxes_or_labels(seed: int) -> None:
    picture = layout_graph(random_workflow(50, seed))
    boxes = _boxes(picture)
    assert sum(1 for name, _ in boxes if name.startswith("label")) > 0
    clashes = [(a, b) for (a, ra), (b, rb) in combinations(boxes, 2) if ra.overlaps(rb, margin=2)]
    assert clashes == []
    for name, rect in boxes:
        assert rect.x >= 0 and rect.y >= 0, name
        assert rect.right <= picture.width and rect.bottom <= picture.height, name


def test_dependencies_point_down_and_loops_point_up() -> None:
    graph = nx.MultiDiGraph(title="loop")
    for name in ("start", "body", "end", "after"):
        graph.add_node(name, kind="task")
    for a, b in (("start", "body"), ("body", "end"), ("end", "after")):
        graph.add_edge(a, b, key="dep", kind="dep")
    graph.add_edge("end", "start", key="loop", kind="loop")
    picture = layout_graph(graph)
    y = {n.name: n.box.y for n in picture.nodes}
    assert y["start"] < y["body"] < y["end"] < y["after"]
    loop = next(e for e in picture.edges if e.kind == "loop")
    tip, *_ = loop.arrow
    start = next(n.box for n in picture.nodes if n.name == "start")
    # The back edge arrives at the start task from below, arrowhead pointing up.
    assert tip[1] == pytest.approx(start.bottom)
    assert all(point[1] > tip[1] for point in loop.arrow[1:])


def test_a_chain_is_drawn_straight() -> None:
    graph = nx.MultiDiGraph()
    for i in range(6):
        graph.add_node(f"t{i}", kind="task")
    for i in range(5):
        graph.add_edge(f"t{i}", f"t{i + 1}", key="dep", kind="dep")
    picture = layout_graph(graph)
    centres = {round(n.box.center[0], 1) for n in picture.nodes}
    assert len(centres) == 1


@pytest.mark.parametrize("size", [0, 1])
def test_tiny_graphs(size: int) -> None:
    graph = nx.MultiDiGraph()
    for i in range(size):
        graph.add_node(f"only{i}", kind="task")
    picture = layout_graph(graph)
    assert len(picture.nodes) == size
    assert picture.width > 0 and picture.height > 0


def test_cycles_and_self_loops_terminate_and_are_drawn() -> None:
    graph = nx.MultiDiGraph(title="broken")
    for name in "abcde":
        graph.add_node(name, kind="task")
    for a, b in ("ab", "bc", "ca", "cd", "de", "eb"):
        graph.add_edge(a, b, key="dep", kind="dep")
    graph.add_edge("d", "d", key="dep", kind="dep")
    graph.add_edge("d", "d", key="loop", kind="loop")
    graph.add_edge("a", "a", key="loop", kind="loop")
    picture = layout_graph(graph)
    assert len(picture.edges) == graph.number_of_edges()
    assert all(edge.curve and len(edge.arrow) == 3 for edge in picture.edges)
    clashes = [(a, b) for (a, ra), (b, rb) in combinations(_boxes(picture), 2) if ra.overlaps(rb)]
    assert clashes == []


def test_a_dependency_cycle_of_every_task_still_lays_out() -> None:
    graph = nx.MultiDiGraph()
    names = [f"n{i}" for i in range(30)]
    for a, b in zip(names, names[1:] + names[:1], strict=True):
        graph.add_edge(a, b, key="dep", kind="dep")
    for name in names:
        graph.nodes[name]["kind"] = "task"
    assert len(layout_graph(graph).nodes) == 30


def test_layout_is_deterministic() -> None:
    assert layout_graph(random_workflow(40, 7)) == layout_graph(random_workflow(40, 7))


def test_unknown_attributes_fall_back_to_defaults() -> None:
    graph = nx.MultiDiGraph()
    graph.add_edge(1, 2)  # no kind, integer ids, no attributes at all
    picture = layout_graph(graph)
    assert [n.name for n in picture.nodes] == ["1", "2"]
    assert [n.kind for n in picture.nodes] == ["task", "task"]
    assert picture.edges[0].kind == "dep" and picture.edges[0].label == ""


def test_hundred_tasks_lay_out_quickly_and_five_hundred_finish() -> None:
    graph = random_workflow(100, 1)
    started = time.perf_counter()
    layout_graph(graph)
    # The target is < 0.5 s; the bound is loose so a slow CI machine does not flake.
    assert time.perf_counter() - started < 2.0
    assert len(layout_graph(random_workflow(500, 2)).nodes) == 500
