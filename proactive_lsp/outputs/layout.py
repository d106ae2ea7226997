"""Layered (Sugiyama-style) layout of a workflow graph, top to bottom, in plain Python.

``layout_graph`` turns the model's ``networkx.MultiDiGraph`` into a ``Picture``: every box, curve,
arrowhead and label position, in pixels. The SVG and PNG writers only draw a ``Picture``.

Steps: loop edges are turned upwards and remaining cycles broken (``picture_layers``), tasks get
layers by longest path, every edge gets dummy vertices in the ranks it crosses (one of them holds
its label), barycenter sweeps reduce crossings, and ``picture_coords`` assigns x coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from proactive_lsp.outputs.picture_coords import assign_x
from proactive_lsp.outputs.picture_geometry import (
    Rect,
    centered_rect,
)
from proactive_lsp.outputs.picture_layers import Layered, layer
from proactive_lsp.outputs.picture_legend import LegendItem, place_legend
from proactive_lsp.outputs.picture_routes import (
    LABEL_HEIGHT,
    EdgeFacts,
    PlacedEdge,
    label_width,
    ports_of,
    route,
    self_loop,
    self_loop_room,
)
from proactive_lsp.outputs.picture_style import (
    DETAIL_FONT,
    NODE_FONT,
    NODE_PAINTS,
    TITLE_FONT,
    text_width,
)

__all__ = ["Picture", "PlacedEdge", "PlacedNode", "layout_graph"]

MARGIN = 16.0
PAD_X = 12.0
MARKER_SPACE = 18.0  # room inside a box for the error/warning marker
NODE_MIN_WIDTH = 64.0
RANK_GAP = 22.0
MAX_EXTRA_GAP = 30.0


@dataclass(frozen=True)
class PlacedNode:
    name: str
    label: str
    detail: str
    kind: str
    severity: str | None
    cell: int | None
    line: int | None
    box: Rect


@dataclass(frozen=True)
class Picture:
    title: str
    width: float
    height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    legend: tuple[LegendItem, ...]


def layout_graph(graph: nx.MultiDiGraph[Any]) -> Picture:
    """Place every node, edge and label of ``graph`` (see the module docstring for the steps)."""
    names = [str(node) for node in graph.nodes]
    index = {node: i for i, node in enumerate(graph.nodes)}
    nodes = [_node_facts(str(node), data) for node, data in graph.nodes(data=True)]
    edges = [
        _edge_facts(index[u], index[v], key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    ranked = [e for e in edges if e.source != e.target]
    layered = layer(
        len(names), [(e.source, e.target) for e in ranked], [e.kind == "loop" for e in ranked]
    )

    width = [_box_size(n)[0] for n in nodes]
    height = [_box_size(n)[1] for n in nodes]
    self_loops: list[list[EdgeFacts]] = [[] for _ in names]
    for e in edges:
        if e.source == e.target:
            self_loops[e.source].append(e)
    left = [w / 2 for w in width] + [0.0] * (len(layered.rank_of) - len(names))
    right = [w / 2 + self_loop_room(loops) for w, loops in zip(width, self_loops, strict=True)]
    right += [0.0] * (len(layered.rank_of) - len(names))
    label_of = _label_vertices(layered, ranked)
    for vertex, text in label_of.items():
        left[vertex] = right[vertex] = label_width(text) / 2

    n = len(names)

    def separation(a: int, b: int) -> float:
        plain = (a >= n and a not in label_of) + (b >= n and b not in label_of)
        return (30.0, 14.0, 10.0)[plain]

    # Back edges (loops, broken cycles) should go round the tasks, not pull them out of line.
    backward = {
        v
        for chain, f in zip(layered.chains, layered.flipped, strict=True)
        if f
        for v in chain[1:-1]
    }

    def weight(a: int, b: int) -> float:
        """How hard ``b`` pulls ``a`` (the pull need not be mutual)."""
        if a < n and b in backward:
            return 0.0
        if b < n and a in backward:
            return 0.02
        return (1.0, 2.0, 8.0)[(a >= n) + (b >= n)]

    ports = ports_of(layered, n, width)

    def port(a: int, b: int) -> float:
        return ports.get((a, b), 0.0)

    x = assign_x(layered, left, right, separation, weight, port)
    top = MARGIN + (TITLE_FONT + 14 if graph.graph.get("title") else 0)
    y = _assign_y(layered, x, height, label_of, top)
    shift = MARGIN - min((x[v] - left[v] for v in range(len(x))), default=0.0)
    x = [value + shift for value in x]

    boxes = [centered_rect((x[i], y[i]), width[i], height[i]) for i in range(n)]
    placed_edges = [
        route(layered, i, e, x, y, boxes, label_of, names, ports) for i, e in enumerate(ranked)
    ]
    for vertex, loops in enumerate(self_loops):
        placed_edges.extend(self_loop(boxes[vertex], e, i, names) for i, e in enumerate(loops))
    drawing_right = max((x[v] + right[v] for v in range(len(x))), default=MARGIN)
    drawing_bottom = max((y[v] + height[v] / 2 for v in range(n)), default=top)
    title = str(graph.graph.get("title") or "")
    legend, legend_width, bottom = place_legend(
        [node.kind for node in nodes],
        [node.severity for node in nodes if node.severity],
        [e.style for e in placed_edges],
        left=MARGIN,
        top=drawing_bottom + RANK_GAP,
        min_width=drawing_right - MARGIN,
    )
    title_width = text_width(title, TITLE_FONT) * 1.1
    canvas_width = max(drawing_right, MARGIN + legend_width, MARGIN + title_width) + MARGIN
    placed_nodes = tuple(
        PlacedNode(names[i], f.label, f.detail, f.kind, f.severity, f.cell, f.line, boxes[i])
        for i, f in enumerate(nodes)
    )
    return Picture(
        title=title,
        width=round(canvas_width),
        height=round(max(bottom, top) + MARGIN),
        nodes=placed_nodes,
        edges=tuple(placed_edges),
        legend=tuple(legend),
    )


@dataclass(frozen=True)
class _NodeFacts:
    label: str
    detail: str
    kind: str
    severity: str | None
    cell: int | None
    line: int | None


def _node_facts(name: str, data: dict[str, Any]) -> _NodeFacts:
    kind = data.get("kind")
    severity = data.get("severity")
    cell, line = data.get("cell"), data.get("line")
    return _NodeFacts(
        label=str(data.get("label") or name),
        detail=str(data.get("detail") or ""),
        kind=kind if kind in NODE_PAINTS else "task",
        severity=severity if severity in ("error", "warning") else None,
        cell=cell if isinstance(cell, int) else None,
        line=line if isinstance(line, int) else None,
    )


def _edge_facts(source: int, target: int, key: object, data: dict[str, Any]) -> EdgeFacts:
    kind = str(data.get("kind") or (key if isinstance(key, str) else "dep"))
    # draw_job labels every control edge with its kind; dep edges only when they replicate.
    label = str(data.get("label") or ("" if kind == "dep" else kind))
    return EdgeFacts(source, target, kind, label)


def _box_size(node: _NodeFacts) -> tuple[float, float]:
    text = max(text_width(node.label, NODE_FONT), text_width(node.detail, DETAIL_FONT))
    marker = MARKER_SPACE if node.severity else 0.0
    width = max(NODE_MIN_WIDTH, text + 2 * PAD_X + marker)
    return round(width), (46.0 if node.detail else 32.0)


def _label_vertices(layered: Layered, edges: list[EdgeFacts]) -> dict[int, str]:
    """The dummy that carries each labelled edge's label: the middle one on an odd rank."""
    labels: dict[int, str] = {}
    for chain, e in zip(layered.chains, edges, strict=True):
        if e.label:
            span = (len(chain) - 1) // 2
            labels[chain[2 * ((span - 1) // 2) + 1]] = e.label
    return labels


def _assign_y(
    layered: Layered, x: list[float], height: list[float], label_of: dict[int, str], top: float
) -> list[float]:
    """Rank by rank: task ranks as tall as their tallest box, odd ranks as tall as a label."""
    y = [0.0] * len(layered.rank_of)
    cursor = top
    for r, rank in enumerate(layered.ranks):
        if r % 2 == 0:
            size = max((height[v] for v in rank if v < len(height)), default=0.0)
            gap = 0.0
        else:
            size = LABEL_HEIGHT if any(v in label_of for v in rank) else 0.0
            # Edges that travel far sideways get more height, so they do not run flat.
            travel = max(
                (abs(x[v] - x[o]) for v in rank for o in (*layered.up[v], *layered.down[v])),
                default=0.0,
            )
            gap = RANK_GAP + min(MAX_EXTRA_GAP, travel * 0.05)
        cursor += gap
        for vertex in rank:
            y[vertex] = cursor + size / 2
        cursor += size + gap
    return y
