"""Layering and ordering steps of the Sugiyama layout: vertices are plain ints here.

Vertices ``0..n-1`` are the workflow's tasks; the ones after them are dummies that carry long
edges (and edge labels) through the ranks they cross. Tasks sit on even ranks only; every edge
crosses at least one odd rank, so each edge has a dummy there that can hold its label. That gives
labels their own place in the layout, which is what keeps them off nodes and off each other.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

# Barycenter sweeps stop after this many sweeps without fewer crossings.
_PATIENCE = 4
_MAX_SWEEPS = 24


@dataclass
class Layered:
    """A graph cut into ranks, with the order of the vertices inside each rank."""

    ranks: list[list[int]]
    rank_of: list[int]
    up: list[list[int]] = field(default_factory=list)
    down: list[list[int]] = field(default_factory=list)
    # Per input edge, its vertices from the upper end to the lower end (both tasks included).
    chains: list[list[int]] = field(default_factory=list)
    # Per input edge, whether it was turned around to keep the ranks acyclic (a back edge).
    flipped: list[bool] = field(default_factory=list)


def layer(n: int, edges: list[tuple[int, int]], back: list[bool]) -> Layered:
    """Rank and order ``n`` tasks joined by ``edges`` (no self-loops).

    ``back[i]`` says that edge ``i`` is meant to point upwards (a loop's back edge); it is turned
    around before cycle removal so it never pushes its target below its source.
    """
    oriented = [(v, u) if is_back else (u, v) for (u, v), is_back in zip(edges, back, strict=True)]
    flips = _break_cycles(n, oriented)
    acyclic = [(v, u) if flip else (u, v) for (u, v), flip in zip(oriented, flips, strict=True)]
    task_layer = _assign_layers(n, acyclic)
    result = _insert_dummies(n, acyclic, task_layer)
    result.flipped = [b != f for b, f in zip(back, flips, strict=True)]
    _order(result, n)
    return result


def _break_cycles(n: int, edges: list[tuple[int, int]]) -> list[bool]:
    """Mark the edges a depth-first search meets as back edges; flipping them leaves a DAG."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for index, (u, v) in enumerate(edges):
        out[u].append((v, index))
    state = [0] * n  # 0 unseen, 1 on the stack, 2 done
    flips = [False] * len(edges)
    for root in range(n):
        if state[root]:
            continue
        # Iterative, because a 500-task chain would overflow Python's recursion limit.
        stack: list[tuple[int, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            vertex, next_index = stack[-1]
            if next_index == len(out[vertex]):
                state[vertex] = 2
                stack.pop()
                continue
            stack[-1] = (vertex, next_index + 1)
            target, edge = out[vertex][next_index]
            if state[target] == 1:
                flips[edge] = True
            elif state[target] == 0:
                state[target] = 1
                stack.append((target, 0))
    return flips


def _assign_layers(n: int, edges: list[tuple[int, int]]) -> list[int]:
    """Longest-path layering, then pull tasks down towards their children where that shortens
    more edges than it stretches (a cheap stand-in for network simplex)."""
    preds: list[list[int]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    for u, v in edges:
        succs[u].append(v)
        preds[v].append(u)
    indegree = [len(p) for p in preds]
    ready = [v for v in range(n) if indegree[v] == 0]
    topo: list[int] = []
    while ready:
        vertex = ready.pop(0)
        topo.append(vertex)
        for child in succs[vertex]:
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    levels = [0] * n
    for vertex in topo:
        for parent in preds[vertex]:
            levels[vertex] = max(levels[vertex], levels[parent] + 1)
    for vertex in reversed(topo):
        if succs[vertex] and len(succs[vertex]) > len(preds[vertex]):
            levels[vertex] = max(levels[vertex], min(levels[c] for c in succs[vertex]) - 1)
    return levels


def _insert_dummies(n: int, edges: list[tuple[int, int]], task_layer: list[int]) -> Layered:
    rank_of = [2 * level for level in task_layer]
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    chains: list[list[int]] = []
    for u, v in edges:
        chain = [u]
        for rank in range(rank_of[u] + 1, rank_of[v]):
            rank_of.append(rank)
            up.append([])
            down.append([])
            chain.append(len(rank_of) - 1)
        chain.append(v)
        for a, b in itertools.pairwise(chain):
            down[a].append(b)
            up[b].append(a)
        chains.append(chain)
    ranks: list[list[int]] = [[] for _ in range(max(rank_of, default=-1) + 1)]
    return Layered(ranks=ranks, rank_of=rank_of, up=up, down=down, chains=chains)


def _order(layered: Layered, n: int) -> None:
    """Initial order by depth-first search, then barycenter sweeps keeping the best order seen."""
    seen = [False] * len(layered.rank_of)
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        stack = [root]
        while stack:
            vertex = stack.pop()
            layered.ranks[layered.rank_of[vertex]].append(vertex)
            for child in reversed(layered.down[vertex]):
                if not seen[child]:
                    seen[child] = True
                    stack.append(child)
    best = [list(rank) for rank in layered.ranks]
    best_count = count_crossings(layered)
    stall = 0
    for sweep in range(_MAX_SWEEPS):
        if best_count == 0:
            break
        _sweep(layered, downward=sweep % 2 == 0)
        count = count_crossings(layered)
        if count < best_count:
            best, best_count, stall = [list(rank) for rank in layered.ranks], count, 0
        else:
            stall += 1
            if stall >= _PATIENCE:
                break
    layered.ranks = best


def _sweep(layered: Layered, downward: bool) -> None:
    ranks = layered.ranks
    indices = range(1, len(ranks)) if downward else range(len(ranks) - 2, -1, -1)
    neighbours = layered.up if downward else layered.down
    position = _positions(layered)
    for r in indices:
        keys: dict[int, tuple[float, int]] = {}
        for index, vertex in enumerate(ranks[r]):
            fixed = neighbours[vertex]
            centre = sum(position[f] for f in fixed) / len(fixed) if fixed else float(index)
            keys[vertex] = (centre, index)
        ranks[r].sort(key=keys.__getitem__)
        for index, vertex in enumerate(ranks[r]):
            position[vertex] = index


def _positions(layered: Layered) -> list[int]:
    position = [0] * len(layered.rank_of)
    for rank in layered.ranks:
        for index, vertex in enumerate(rank):
            position[vertex] = index
    return position


def count_crossings(layered: Layered) -> int:
    """Edge crossings between consecutive ranks, by counting inversions with a Fenwick tree."""
    position = _positions(layered)
    total = 0
    for upper, lower in itertools.pairwise(layered.ranks):
        pairs = sorted((position[u], position[v]) for u in upper for v in layered.down[u])
        tree = [0] * (len(lower) + 1)
        for seen, (_, target) in enumerate(pairs):
            # Crossings are the earlier edges that end strictly to the right of this one.
            i, not_right = target + 1, 0
            while i > 0:
                not_right += tree[i]
                i -= i & -i
            total += seen - not_right
            i = target + 1
            while i <= len(lower):
                tree[i] += 1
                i += i & -i
    return total
