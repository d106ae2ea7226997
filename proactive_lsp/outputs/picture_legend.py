"""The picture's legend: one entry per node kind, diagnostic level and edge style in use."""

from __future__ import annotations

from dataclasses import dataclass

from proactive_lsp.outputs.picture_geometry import Rect
from proactive_lsp.outputs.picture_style import (
    EDGE_PAINTS,
    EDGE_STYLES,
    LEGEND_FONT,
    NODE_KINDS,
    NODE_PAINTS,
    text_width,
)

SWATCH_WIDTH = 22.0
SWATCH_HEIGHT = 12.0
ROW_HEIGHT = 20.0
ITEM_GAP = 16.0
MIN_ROW_WIDTH = 420.0


@dataclass(frozen=True)
class LegendItem:
    """``group`` is "node", "severity" or "edge"; ``key`` is the kind, level or edge style."""

    group: str
    key: str
    caption: str
    swatch: Rect
    text_x: float
    text_y: float  # baseline-centre of the caption (text is drawn vertically centred here)


def place_legend(
    node_kinds: list[str],
    severities: list[str],
    edge_styles: list[str],
    left: float,
    top: float,
    min_width: float,
) -> tuple[list[LegendItem], float, float]:
    """Lay the entries out in rows; returns them, the widest row's width and the bottom edge.

    Only what the picture uses is listed, in a fixed order, so a legend never explains a colour
    the reader cannot find.
    """
    entries: list[tuple[str, str, str]] = []
    entries += [("node", k, NODE_PAINTS[k].caption) for k in NODE_KINDS if k in node_kinds]
    entries += [("severity", s, f"has {s}s") for s in ("error", "warning") if s in severities]
    entries += [("edge", s, EDGE_PAINTS[s].caption) for s in EDGE_STYLES if s in edge_styles]
    if not entries:
        return [], 0.0, top
    row_limit = max(min_width, MIN_ROW_WIDTH)
    items: list[LegendItem] = []
    x, y, widest = left, top, 0.0
    for group, key, caption in entries:
        width = SWATCH_WIDTH + 6 + text_width(caption, LEGEND_FONT)
        if x > left and x + width - left > row_limit:
            x, y = left, y + ROW_HEIGHT
        swatch = Rect(x, y + (ROW_HEIGHT - SWATCH_HEIGHT) / 2, SWATCH_WIDTH, SWATCH_HEIGHT)
        items.append(
            LegendItem(group, key, caption, swatch, x + SWATCH_WIDTH + 6, y + ROW_HEIGHT / 2)
        )
        widest = max(widest, x + width - left)
        x += width + ITEM_GAP
    return items, widest, y + ROW_HEIGHT
