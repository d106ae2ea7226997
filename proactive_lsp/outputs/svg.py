"""The workflow picture as a standalone SVG document.

Each task is a ``<g class="node" data-task="...">`` (plus ``data-cell``/``data-line`` when known)
with a ``<title>`` tooltip, so an editor webview can map a click back to the task's pragma. The
picture carries its own background, so it reads the same in light and dark editor themes.
Output is deterministic: same graph, same bytes.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from proactive_lsp.outputs.layout import Picture, PlacedEdge, PlacedNode, layout_graph
from proactive_lsp.outputs.picture_geometry import Cubic, Point, Rect
from proactive_lsp.outputs.picture_legend import LegendItem
from proactive_lsp.outputs.picture_style import (
    BACKGROUND,
    DETAIL_FONT,
    EDGE_FONT,
    EDGE_PAINTS,
    FONT_FAMILY,
    LEGEND_FONT,
    MUTED_TEXT,
    NODE_FONT,
    NODE_PAINTS,
    SEVERITY_COLORS,
    TEXT,
    TITLE_FONT,
)

NODE_RADIUS = 7.0


def render_svg(graph: nx.MultiDiGraph[Any]) -> str:
    """Lay ``graph`` out and return the SVG document as text."""
    return picture_svg(layout_graph(graph))


def picture_svg(picture: Picture) -> str:
    """The SVG of an already laid-out picture (the PNG writer shares the same ``Picture``)."""
    width, height = _n(picture.width), _n(picture.height)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f"aria-label={quoteattr(picture.title or 'workflow')}>",
        f"<title>{escape(picture.title or 'workflow')}</title>",
        f"<style>{_css()}</style>",
        f'<rect class="background" x="0" y="0" width="{width}" height="{height}" rx="6"/>',
    ]
    if picture.title:
        out.append(_text("title", 16, 16 + TITLE_FONT * 0.8, picture.title, anchor=None))
    if not picture.nodes:
        out.append(_text("empty", 16, picture.height / 2 + 4, "(no tasks)", anchor=None))
    out.append('<g class="edges">')
    out.extend(_edge(edge) for edge in picture.edges)
    out.append("</g>")
    # Labels come after every edge so no line is drawn over a label's background.
    out.append('<g class="edge-labels">')
    out.extend(_edge_label(edge) for edge in picture.edges if edge.label_box)
    out.append("</g>")
    out.append('<g class="nodes">')
    out.extend(_node(node) for node in picture.nodes)
    out.append("</g>")
    if picture.legend:
        out.append('<g class="legend">')
        out.extend(_legend_item(item) for item in picture.legend)
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _css() -> str:
    rules = [
        f".background{{fill:{BACKGROUND}}}",
        f"text{{font-family:{FONT_FAMILY};fill:{TEXT}}}",
        f".title{{font-size:{_n(TITLE_FONT)}px;font-weight:bold}}",
        f".empty{{font-size:{_n(NODE_FONT)}px;fill:{MUTED_TEXT}}}",
        f".node text.label{{font-size:{_n(NODE_FONT)}px}}",
        f".node text.detail{{font-size:{_n(DETAIL_FONT)}px;fill:{MUTED_TEXT}}}",
        ".node{cursor:pointer}",
        ".node rect.box{stroke-width:1.5}",
        ".node.error rect.box,.node.warning rect.box{stroke-width:2.5}",
        ".marker text{font-size:11px;font-weight:bold;fill:#ffffff}",
        ".edge path,.swatch-edge path{fill:none;stroke-width:1.6}",
        ".swatch-node rect{stroke-width:1.5}",
        f".edge-label text,.legend text{{font-size:{_n(EDGE_FONT)}px}}",
        f".legend text{{font-size:{_n(LEGEND_FONT)}px;fill:{MUTED_TEXT}}}",
        f".edge-label rect{{fill:{BACKGROUND};stroke-width:1}}",
    ]
    for kind, paint in NODE_PAINTS.items():
        dash = "stroke-dasharray:5 3;" if paint.dashed else ""
        paint_css = f"fill:{paint.fill};stroke:{paint.stroke};{dash}"
        rules.append(f".node.{kind} rect.box,.swatch-node.{kind} rect{{{paint_css}}}")
    for level, color in SEVERITY_COLORS.items():
        rules.append(f".node.{level} rect.box{{stroke:{color}}}")
        rules.append(f".marker.{level} circle,.swatch-marker.{level} circle{{fill:{color}}}")
    for style, edge_paint in EDGE_PAINTS.items():
        dash = (
            f"stroke-dasharray:{_n(edge_paint.dash[0])} {_n(edge_paint.dash[1])};"
            if edge_paint.dash
            else ""
        )
        rules.append(
            f".edge.{style} path,.swatch-edge.{style} path{{stroke:{edge_paint.color};{dash}}}"
        )
        rules.append(f".edge.{style} polygon{{fill:{edge_paint.color}}}")
        rules.append(f".edge-label.{style} rect{{stroke:{edge_paint.color}}}")
        rules.append(f".edge-label.{style} text{{fill:{edge_paint.color}}}")
    return "".join(rules)


def _node(node: PlacedNode) -> str:
    box = node.box
    classes = " ".join(["node", node.kind, *([node.severity] if node.severity else [])])
    attrs = f"class={quoteattr(classes)} data-task={quoteattr(node.name)}"
    if node.cell is not None:
        attrs += f' data-cell="{node.cell}"'
    if node.line is not None:
        attrs += f' data-line="{node.line}"'
    tooltip = "\n".join(
        part
        for part in (
            node.label,
            NODE_PAINTS[node.kind].caption,
            node.detail,
            node.severity and f"has {node.severity}s",
        )
        if part
    )
    cx, cy = box.center
    if node.severity:
        cx -= 9  # the marker sits in the right-hand part of the box
    parts = [
        f"<g {attrs}>",
        f"<title>{escape(tooltip)}</title>",
        f'<rect class="box" {_rect_attrs(box)} rx="{_n(NODE_RADIUS)}"/>',
    ]
    if node.detail:
        parts.append(_text("label", cx, cy - 2, node.label))
        parts.append(_text("detail", cx, cy + 13, node.detail))
    else:
        parts.append(_text("label", cx, cy + 4.5, node.label))
    if node.severity:
        mx, my = box.right - 14, box.y + box.height / 2
        parts.append(
            f'<g class="marker {node.severity}"><circle cx="{_n(mx)}" cy="{_n(my)}" r="7"/>'
            f'<text x="{_n(mx)}" y="{_n(my + 4)}" text-anchor="middle">!</text></g>'
        )
    parts.append("</g>")
    return "".join(parts)


def _edge(edge: PlacedEdge) -> str:
    tooltip = f"{edge.source} → {edge.target}" + (f" ({edge.label})" if edge.label else "")
    return (
        f'<g class="edge {edge.style}" data-source={quoteattr(edge.source)} '
        f"data-target={quoteattr(edge.target)} data-kind={quoteattr(edge.kind)}>"
        f"<title>{escape(tooltip)}</title>"
        f'<path d="{_path(edge.curve)}"/><polygon points="{_points(edge.arrow)}"/></g>'
    )


def _edge_label(edge: PlacedEdge) -> str:
    box = edge.label_box
    assert box is not None
    cx, cy = box.center
    return (
        f'<g class="edge-label {edge.style}"><rect {_rect_attrs(box)} rx="4"/>'
        f"{_text(None, cx, cy + 4, edge.label)}</g>"
    )


def _legend_item(item: LegendItem) -> str:
    swatch = item.swatch
    if item.group == "edge":
        y = swatch.y + swatch.height / 2
        line = f"M{_n(swatch.x)} {_n(y)}H{_n(swatch.right)}"
        shape = f'<g class="swatch-edge {item.key}"><path d="{line}"/></g>'
    elif item.group == "severity":
        shape = (
            f'<g class="swatch-marker {item.key}"><circle cx="{_n(swatch.x + 11)}" '
            f'cy="{_n(swatch.y + 6)}" r="6"/></g>'
        )
    else:
        shape = f'<g class="swatch-node {item.key}"><rect {_rect_attrs(swatch)} rx="3"/></g>'
    return shape + _text(None, item.text_x, item.text_y + 4, item.caption, anchor=None)


def _text(css: str | None, x: float, y: float, content: str, anchor: str | None = "middle") -> str:
    """One line of escaped text; ``y`` is the baseline."""
    attrs = f' class="{css}"' if css else ""
    attrs += f' x="{_n(x)}" y="{_n(y)}"'
    attrs += f' text-anchor="{anchor}"' if anchor else ""
    return f"<text{attrs}>{escape(content)}</text>"


def _rect_attrs(rect: Rect) -> str:
    return f'x="{_n(rect.x)}" y="{_n(rect.y)}" width="{_n(rect.width)}" height="{_n(rect.height)}"'


def _path(segments: tuple[Cubic, ...]) -> str:
    if not segments:
        return ""
    parts = [f"M{_pt(segments[0][0])}"]
    parts.extend(f"C{_pt(a)} {_pt(b)} {_pt(c)}" for _, a, b, c in segments)
    return "".join(parts)


def _points(points: tuple[Point, ...]) -> str:
    return " ".join(_pt(p) for p in points)


def _pt(point: Point) -> str:
    return f"{_n(point[0])},{_n(point[1])}"


def _n(value: float) -> str:
    """Numbers rounded to 0.1 px: short, and identical across runs."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text
