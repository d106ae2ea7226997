"""Horizontal coordinates of a layered graph whose rank orders are fixed.

Each rank is placed as close as possible to the weighted mean of its neighbours, subject to the
vertices keeping their order and their separation. For one rank that is an isotonic regression,
solved exactly by pool-adjacent-violators; sweeping it down and up the ranks a few times
straightens long edges (dummy-to-dummy links weigh most, as in Graphviz dot) and centres parents
over their children.
"""

from __future__ import annotations

from collections.abc import Callable

from proactive_lsp.outputs.picture_layers import Layered

_MIN_SWEEPS = 30
_MAX_SWEEPS = 300
_SWEEP_WORK = 300_000
_SETTLED = 0.05


def assign_x(
    layered: Layered,
    left: list[float],
    right: list[float],
    separation: Callable[[int, int], float],
    weight: Callable[[int, int], float],
    port: Callable[[int, int], float],
) -> list[float]:
    """x of every vertex; ``left``/``right`` are the extents of a vertex either side of its x.

    ``port(u, v)`` is where the link to ``v`` is attached to ``u``, relative to ``x[u]``: edges
    leaving one box are spread along its side, and each should run straight from its own port.
    """
    x = [0.0] * len(layered.rank_of)
    offsets: list[list[float]] = []
    for rank in layered.ranks:
        # Offsets turn "x[i+1] - x[i] >= gap" into "y[i+1] >= y[i]" with y = x - offset.
        offset, cumulative = [], 0.0
        for index, vertex in enumerate(rank):
            if index:
                previous = rank[index - 1]
                cumulative += right[previous] + left[vertex] + separation(previous, vertex)
            offset.append(cumulative)
        offsets.append(offset)
        for vertex, value in zip(rank, offset, strict=True):
            x[vertex] = value - cumulative / 2
    # Pull of every neighbour as (neighbour, weight, port shift), computed once: this loop is hot.
    pulls: list[list[tuple[int, float, float]]] = []
    for vertex in range(len(layered.rank_of)):
        mine = []
        for other in (*layered.up[vertex], *layered.down[vertex]):
            w = weight(vertex, other)
            if w > 0:
                mine.append((other, w, port(other, vertex) - port(vertex, other)))
        pulls.append(mine)
    # Small pictures get sweeps until nothing moves; big ones a budget that keeps them fast.
    budget = max(_MIN_SWEEPS, min(_MAX_SWEEPS, _SWEEP_WORK // max(1, len(x))))
    order = list(range(len(layered.ranks)))
    for sweep in range(budget):
        moved = 0.0
        for r in order if sweep % 2 == 0 else reversed(order):
            moved = max(moved, _place_rank(layered.ranks[r], offsets[r], x, pulls))
        if moved < _SETTLED:
            break
    return x


def _place_rank(
    rank: list[int],
    offsets: list[float],
    x: list[float],
    pulls: list[list[tuple[int, float, float]]],
) -> float:
    targets: list[float] = []
    weights: list[float] = []
    for vertex in rank:
        total, mass = 0.0, 0.0
        for other, w, shift in pulls[vertex]:
            total += w * (x[other] + shift)
            mass += w
        if mass:
            targets.append(total / mass)
            weights.append(mass)
        else:
            # An unconnected vertex only wants to stay where it is, and gives way easily.
            targets.append(x[vertex])
            weights.append(0.01)
    values = _isotonic([t - o for t, o in zip(targets, offsets, strict=True)], weights)
    moved = 0.0
    for vertex, value, offset in zip(rank, values, offsets, strict=True):
        moved = max(moved, abs(x[vertex] - value - offset))
        x[vertex] = value + offset
    return moved


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """The non-decreasing sequence nearest to ``values`` in weighted least squares (PAVA)."""
    blocks: list[list[float]] = []  # [mean, weight, count]
    for value, w in zip(values, weights, strict=True):
        blocks.append([value, w, 1.0])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, w2, c2 = blocks.pop()
            mean1, w1, c1 = blocks[-1]
            total = w1 + w2
            blocks[-1] = [(mean1 * w1 + mean2 * w2) / total, total, c1 + c2]
    out: list[float] = []
    for mean, _, count in blocks:
        out.extend([mean] * int(count))
    return out
