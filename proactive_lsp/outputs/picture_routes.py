"""Where each edge of the workflow picture runs: ports on the boxes, curves, arrows, labels."""

from __future__ import annotations

from dataclasses import dataclass

from proactive_lsp.outputs.picture_geometry import (
    ARROW_HALF_WIDTH,
    ARROW_LENGTH,
    Cubic,
    Point,
    Rect,
    arrowhead,
    centered_rect,
    shorten_end,
    vertical_curve,
)
from proactive_lsp.outputs.picture_layers import Layered
from proactive_lsp.outputs.picture_style import EDGE_FONT, edge_style, text_width

LABEL_PAD_X = 5.0
LABEL_HEIGHT = EDGE_FONT + 7
SELF_LOOP_BULGE = 34.0


@dataclass(frozen=True)
class PlacedEdge:
    source: str
    target: str
    kind: str
    label: str
    style: str
    curve: tuple[Cubic, ...]  # ends at the base of the arrowhead
    arrow: tuple[Point, ...]
    label_box: Rect | None


@dataclass(frozen=True)
class EdgeFacts:
    source: int
    target: int
    kind: str
    label: str


def self_loop_room(loops: list[EdgeFacts]) -> float:
    if not loops:
        return 0.0
    labels = max(text_width(e.label, EDGE_FONT) + 2 * LABEL_PAD_X for e in loops)
    return SELF_LOOP_BULGE * 0.75 + 8 * len(loops) + 6 + labels


def route(
    layered: Layered,
    i: int,
    e: EdgeFacts,
    x: list[float],
    y: list[float],
    boxes: list[Rect],
    label_of: dict[int, str],
    names: list[str],
    ports: dict[tuple[int, int], float],
) -> PlacedEdge:
    chain = layered.chains[i]
    upper, lower = chain[0], chain[-1]
    points: list[Point] = [(x[upper] + ports.get((upper, chain[1]), 0.0), boxes[upper].bottom)]
    points += [(x[v], y[v]) for v in chain[1:-1]]
    points.append((x[lower] + ports.get((lower, chain[-2]), 0.0), boxes[lower].y))
    if layered.flipped[i]:
        points.reverse()
    tip = points[-1]
    downward = tip[1] > points[-2][1]
    label_box = next(
        (
            centered_rect((x[v], y[v]), label_width(label_of[v]), LABEL_HEIGHT)
            for v in chain
            if v in label_of
        ),
        None,
    )
    return PlacedEdge(
        source=names[e.source],
        target=names[e.target],
        kind=e.kind,
        label=e.label,
        style=edge_style(e.kind, e.label),
        curve=tuple(vertical_curve(shorten_end(points, ARROW_LENGTH))),
        arrow=tuple(arrowhead(tip, (0.0, 1.0 if downward else -1.0))),
        label_box=label_box,
    )


def label_width(text: str) -> float:
    return text_width(text, EDGE_FONT) + 2 * LABEL_PAD_X


def ports_of(layered: Layered, n: int, width: list[float]) -> dict[tuple[int, int], float]:
    """Spread the links leaving (or entering) one side of a box, in the order of their far ends.

    Every edge has its own dummy next to each task, so a link is keyed by its two ends.
    """
    position = {v: i for rank in layered.ranks for i, v in enumerate(rank)}
    ports: dict[tuple[int, int], float] = {}
    for vertex in range(n):
        for side in (layered.down[vertex], layered.up[vertex]):
            if len(side) < 2:
                continue
            step = min(14.0, width[vertex] * 0.8 / (len(side) - 1))
            if step < 2 * ARROW_HALF_WIDTH + 1:
                # Too many to keep arrowheads apart: let them meet in one point instead.
                step = 0.0
            for i, other in enumerate(sorted(side, key=position.__getitem__)):
                ports[(vertex, other)] = (i - (len(side) - 1) / 2) * step
    return ports


def self_loop(box: Rect, e: EdgeFacts, i: int, names: list[str]) -> PlacedEdge:
    """A loop on the box's right side: out at the upper right, back in lower, label beside it."""
    bulge = SELF_LOOP_BULGE + 8 * i
    _, cy = box.center
    start, end = (box.right, cy - 7), (box.right + ARROW_LENGTH, cy + 7)
    curve: Cubic = (start, (box.right + bulge, cy - 7), (box.right + bulge, cy + 7), end)
    label_box = None
    if e.label:
        width = label_width(e.label)
        label_box = Rect(
            box.right + bulge * 0.75 + 6,
            cy - LABEL_HEIGHT / 2 + i * LABEL_HEIGHT,
            width,
            LABEL_HEIGHT,
        )
    return PlacedEdge(
        source=names[e.source],
        target=names[e.target],
        kind=e.kind,
        label=e.label,
        style=edge_style(e.kind, e.label),
        curve=(curve,),
        arrow=tuple(arrowhead((box.right, cy + 7), (-1.0, 0.0))),
        label_box=label_box,
    )
