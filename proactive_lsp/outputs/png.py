"""The workflow picture as PNG bytes, drawn with Pillow from the same ``Picture`` as the SVG.

Pillow is imported inside ``render_png`` so that loading this module (and the CLI) stays fast and
works without it. Pillow's lines are not anti-aliased, so the picture is drawn larger and scaled
down, unless it is too big for that to be cheap.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import networkx as nx

from proactive_lsp.outputs.layout import Picture, PlacedEdge, PlacedNode, layout_graph
from proactive_lsp.outputs.picture_geometry import (
    Point,
    Rect,
    dashed,
    rounded_outline,
    sample_curve,
    simplify,
)
from proactive_lsp.outputs.picture_style import (
    BACKGROUND,
    DETAIL_FONT,
    EDGE_FONT,
    EDGE_PAINTS,
    LEGEND_FONT,
    MUTED_TEXT,
    NODE_FONT,
    NODE_PAINTS,
    SEVERITY_COLORS,
    TEXT,
    TITLE_FONT,
)

if TYPE_CHECKING:
    from PIL import ImageDraw, ImageFont

# Above these many output pixels, skip the supersampling (memory), then lower the scale.
_SUPERSAMPLE_LIMIT = 6_000_000
_PIXEL_LIMIT = 60_000_000
_INSTALL_HINT = "PNG output needs Pillow: pip install pillow"


class PngUnavailable(RuntimeError):
    """Raised when Pillow is not installed."""


def render_png(graph: nx.MultiDiGraph[Any], scale: float = 2.0) -> bytes:
    """Lay ``graph`` out and return PNG bytes; ``scale`` is pixels per SVG unit (2 = retina)."""
    return picture_png(layout_graph(graph), scale)


def picture_png(picture: Picture, scale: float = 2.0) -> bytes:
    try:
        from PIL import Image, ImageDraw
    except ImportError as error:
        raise PngUnavailable(_INSTALL_HINT) from error
    area = picture.width * picture.height
    scale = min(scale, (_PIXEL_LIMIT / max(area, 1.0)) ** 0.5)
    supersample = 2 if area * scale * scale <= _SUPERSAMPLE_LIMIT else 1
    factor = scale * supersample
    size = (max(1, round(picture.width * factor)), max(1, round(picture.height * factor)))
    image = Image.new("RGB", size, BACKGROUND)
    painter = _Painter(ImageDraw.Draw(image), factor)
    painter.draw(picture)
    if supersample > 1:
        final = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
        image = image.resize(final, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


class _Painter:
    """Draws picture units scaled by ``factor`` onto one Pillow canvas."""

    def __init__(self, draw: ImageDraw.ImageDraw, factor: float) -> None:
        self.draw_ = draw
        self.f = factor
        self.fonts: dict[float, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def draw(self, picture: Picture) -> None:
        if picture.title:
            self.text((16, 16 + TITLE_FONT / 2), picture.title, TITLE_FONT, TEXT, anchor="lm")
        if not picture.nodes:
            self.text((16, picture.height / 2), "(no tasks)", NODE_FONT, MUTED_TEXT, anchor="lm")
        for edge in picture.edges:
            self.edge(edge)
        for edge in picture.edges:
            if edge.label_box:
                self.edge_label(edge, edge.label_box)
        for node in picture.nodes:
            self.node(node)
        for item in picture.legend:
            sw = item.swatch
            if item.group == "edge":
                y = sw.y + sw.height / 2
                self.line([(sw.x, y), (sw.right, y)], item.key)
            elif item.group == "severity":
                self.disc((sw.x + 11, sw.y + 6), 6, SEVERITY_COLORS[item.key])
            else:
                paint = NODE_PAINTS[item.key]
                self.box(sw, 3, paint.fill, paint.stroke, 1.5, paint.dashed)
            self.text(
                (item.text_x, item.text_y), item.caption, LEGEND_FONT, MUTED_TEXT, anchor="lm"
            )

    def node(self, node: PlacedNode) -> None:
        paint = NODE_PAINTS[node.kind]
        stroke = SEVERITY_COLORS[node.severity] if node.severity else paint.stroke
        width = 2.5 if node.severity else 1.5
        self.box(node.box, 7, paint.fill, stroke, width, paint.dashed)
        cx, cy = node.box.center
        room = node.box.width - 20
        if node.severity:
            cx -= 9
            room -= 18
            self.disc((node.box.right - 14, cy), 7, stroke)
            self.text((node.box.right - 14, cy), "!", 11, "#ffffff", anchor="mm")
        if node.detail:
            self.text((cx, cy - 6), node.label, NODE_FONT, TEXT, room=room)
            self.text((cx, cy + 9), node.detail, DETAIL_FONT, MUTED_TEXT, room=room)
        else:
            self.text((cx, cy), node.label, NODE_FONT, TEXT, room=room)

    def edge(self, edge: PlacedEdge) -> None:
        self.line(simplify(sample_curve(list(edge.curve))), edge.style)
        color = EDGE_PAINTS[edge.style].color
        self.draw_.polygon([self.p(p) for p in edge.arrow], fill=color)

    def edge_label(self, edge: PlacedEdge, box: Rect) -> None:
        color = EDGE_PAINTS[edge.style].color
        self.box(box, 4, BACKGROUND, color, 1.0, False)
        self.text(box.center, edge.label, EDGE_FONT, color, room=box.width - 4)

    def line(self, points: list[Point], style: str) -> None:
        paint = EDGE_PAINTS[style]
        width = max(1, round(1.6 * self.f))
        pieces = dashed(points, *paint.dash) if paint.dash else [points]
        for piece in pieces:
            self.draw_.line([self.p(p) for p in piece], fill=paint.color, width=width)

    def box(
        self, rect: Rect, radius: float, fill: str, stroke: str, width: float, dash: bool
    ) -> None:
        xy = (self.p((rect.x, rect.y)), self.p((rect.right, rect.bottom)))
        line_width = max(1, round(width * self.f))
        if not dash:
            self.draw_.rounded_rectangle(
                xy, round(radius * self.f), fill=fill, outline=stroke, width=line_width
            )
            return
        self.draw_.rounded_rectangle(xy, round(radius * self.f), fill=fill)
        for piece in dashed(rounded_outline(rect, radius), 5.0, 3.0):
            self.draw_.line([self.p(p) for p in piece], fill=stroke, width=line_width)

    def disc(self, centre: Point, radius: float, color: str) -> None:
        x, y = self.p(centre)
        r = radius * self.f
        self.draw_.ellipse((x - r, y - r, x + r, y + r), fill=color)

    def text(
        self,
        at: Point,
        text: str,
        size: float,
        color: str,
        anchor: str = "mm",
        room: float | None = None,
    ) -> None:
        font = self.font(size)
        if room is not None:
            # Pillow's bundled face is not Helvetica: shrink rather than spill out of the box.
            length = font.getlength(text) / self.f
            if length > room > 0:
                font = self.font(size * room / length)
        self.draw_.text(self.p(at), text, fill=color, font=font, anchor=anchor)

    def font(self, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        from PIL import ImageFont

        key = round(size * self.f, 1)
        if key not in self.fonts:
            self.fonts[key] = ImageFont.load_default(size=key)
        return self.fonts[key]

    def p(self, point: Point) -> tuple[float, float]:
        return (point[0] * self.f, point[1] * self.f)
