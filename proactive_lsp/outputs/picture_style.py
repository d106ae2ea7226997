"""Sizes, colours and text metrics of the workflow picture, shared by the SVG and PNG writers."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
NODE_FONT = 13.0
DETAIL_FONT = 11.0
EDGE_FONT = 11.0
TITLE_FONT = 15.0
LEGEND_FONT = 11.0

BACKGROUND = "#ffffff"
TEXT = "#1f2937"
MUTED_TEXT = "#4b5563"

# Helvetica advance widths (AFM, 1/1000 em) for printable ASCII, from space to tilde. A metric table
# lets the layout size boxes without any font file; viewers that fall back to a wider sans face
# (DejaVu is ~10% wider) are covered by WIDTH_SAFETY and the box padding.
_HELVETICA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
WIDTH_SAFETY = 1.12


def text_width(text: str, size: float) -> float:
    """Estimated rendered width of ``text`` at font ``size`` px, on the safe (wide) side."""
    units = 0
    for char in text:
        code = ord(char)
        if 32 <= code <= 126:
            units += _HELVETICA[code - 32]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            units += 1000
        elif unicodedata.combining(char):
            continue
        else:
            units += 620
    return units * size / 1000 * WIDTH_SAFETY


@dataclass(frozen=True)
class NodePaint:
    fill: str
    stroke: str
    dashed: bool
    caption: str


# Node kinds as the kernel's workflow has them: plain tasks, control-flow parts, the anonymous
# tasks the kernel adds for DT (data transfer), and the DefaultMerge it adds after a replicate.
NODE_PAINTS: dict[str, NodePaint] = {
    "task": NodePaint("#dbeafe", "#2563eb", False, "task"),
    "control": NodePaint("#ede9fe", "#7c3aed", False, "control part"),
    "anonymous": NodePaint("#f1f5f9", "#64748b", False, "anonymous (DT)"),
    "default_merge": NodePaint("#ffffff", "#64748b", True, "default merge"),
}
NODE_KINDS = tuple(NODE_PAINTS)

SEVERITY_COLORS: dict[str, str] = {"error": "#dc2626", "warning": "#d97706"}


@dataclass(frozen=True)
class EdgePaint:
    color: str
    dash: tuple[float, float] | None
    caption: str


EDGE_PAINTS: dict[str, EdgePaint] = {
    "dep": EdgePaint("#475569", None, "dependency"),
    "replicate": EdgePaint("#7c3aed", None, "replicate"),
    "loop": EdgePaint("#2563eb", (6.0, 4.0), "loop"),
    "if": EdgePaint("#15803d", None, "if"),
    "else": EdgePaint("#be185d", None, "else"),
    "continuation": EdgePaint("#0e7490", (2.0, 3.0), "continuation"),
}
EDGE_STYLES = tuple(EDGE_PAINTS)


def edge_style(kind: str, label: str) -> str:
    """The paint key of an edge: dep edges leaving a replicate parent get their own colour."""
    if kind == "dep" and label == "replicate":
        return "replicate"
    return kind if kind in EDGE_PAINTS else "dep"
