"""Dot files as the kernel's `#%import_dot` reads them: node ids and edge endpoints only."""

from __future__ import annotations

from typing import Any


def read_dot(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Node ids in creation order and edges (source, target), as the kernel's pygraphviz reads them.

    Raises ValueError with a message when the text is not a dot graph.
    """
    import pydot

    try:
        graphs = pydot.graph_from_dot_data(text)
    except Exception as error:  # pydot raises several parser exception types
        raise ValueError(f"not a dot graph: {error}") from None
    if not graphs:
        raise ValueError("not a dot graph: nothing could be read")
    return _nodes_and_edges(graphs[0])


def _nodes_and_edges(graph: Any) -> tuple[list[str], list[tuple[str, str]]]:
    """Node ids in creation order (declared or first used by an edge), as cgraph does."""
    items: list[tuple[int, str, Any]] = []

    def collect(g: Any) -> None:
        for node in g.get_nodes():
            items.append((node.obj_dict.get("sequence", 0), "node", node))
        for edge in g.get_edges():
            items.append((edge.obj_dict.get("sequence", 0), "edge", edge))
        for sub in g.get_subgraphs():
            collect(sub)

    collect(graph)
    items.sort(key=lambda item: item[0])
    nodes: list[str] = []
    edges: list[tuple[str, str]] = []

    def add(name: str) -> str:
        name = _unquote(name)
        if name not in nodes and name not in ("node", "edge", "graph"):
            nodes.append(name)
        return name

    for _, kind, item in items:
        if kind == "node":
            add(item.get_name())
        else:
            source, target = (
                add(_endpoint(item.get_source())),
                add(_endpoint(item.get_destination())),
            )
            edges.append((source, target))
    return nodes, edges


def _endpoint(value: Any) -> str:
    return str(value).split(":", 1)[0]  # drop a port


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] == '"':
        return name[1:-1].replace('\\"', '"')
    return name
