"""Plain geometry shared by the workflow picture's layout and its two renderers.

The layout computes every coordinate once; the SVG and PNG writers only draw what is here, so the
two pictures cannot drift apart.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

Point = tuple[float, float]

# An edge's curve is a chain of cubic Bézier segments: (start, control 1, control 2, end).
Cubic = tuple[Point, Point, Point, Point]

ARROW_LENGTH = 9.0
ARROW_HALF_WIDTH = 4.5


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box given by its top-left corner and its size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)

    def overlaps(self, other: Rect, margin: float = 0.0) -> bool:
        """True when the two boxes share area (touching edges do not count)."""
        return (
            self.x < other.right + margin
            and other.x < self.right + margin
            and self.y < other.bottom + margin
            and other.y < self.bottom + margin
        )


def centered_rect(center: Point, width: float, height: float) -> Rect:
    return Rect(center[0] - width / 2, center[1] - height / 2, width, height)


def vertical_curve(points: list[Point]) -> list[Cubic]:
    """A smooth curve through the points that leaves the first and enters the last vertically.

    Layered pictures read top to bottom: ends are vertical so edges meet boxes square on, and
    in between the tangent follows the neighbouring points (Catmull-Rom), so a long edge bends
    once instead of zig-zagging at every dummy point.
    """
    if len(points) < 2:
        return []
    tangents: list[Point] = []
    for i, (_, y) in enumerate(points):
        if i == 0 or i == len(points) - 1:
            other = points[1] if i == 0 else points[-2]
            tangents.append((0.0, abs(y - other[1]) * (1 if points[-1][1] >= points[0][1] else -1)))
        else:
            (x0, y0), (x1, y1) = points[i - 1], points[i + 1]
            tangents.append(((x1 - x0) / 2, (y1 - y0) / 2))
    segments: list[Cubic] = []
    for i, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(points)):
        (tx0, ty0), (tx1, ty1) = tangents[i], tangents[i + 1]
        segments.append(
            ((x0, y0), (x0 + tx0 / 3, y0 + ty0 / 3), (x1 - tx1 / 3, y1 - ty1 / 3), (x1, y1))
        )
    return segments


def shorten_end(points: list[Point], length: float) -> list[Point]:
    """Pull the last point back along the last segment, leaving room for the arrowhead."""
    if len(points) < 2:
        return points
    (_, y0), (x1, y1) = points[-2], points[-1]
    if abs(y1 - y0) <= length:
        return points
    # Our curves end vertically, so the arrow sits on a vertical line.
    step = length if y1 > y0 else -length
    return [*points[:-1], (x1, y1 - step)]


def arrowhead(tip: Point, direction: Point) -> list[Point]:
    """The triangle of an arrow ending at ``tip`` and pointing along the unit ``direction``."""
    x, y = tip
    dx, dy = direction
    bx, by = x - dx * ARROW_LENGTH, y - dy * ARROW_LENGTH
    nx, ny = -dy * ARROW_HALF_WIDTH, dx * ARROW_HALF_WIDTH
    return [(x, y), (bx + nx, by + ny), (bx - nx, by - ny)]


def sample_cubic(segment: Cubic, steps: int = 12) -> list[Point]:
    """Points along a cubic, for rasterisers that only draw straight lines."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = segment
    out: list[Point] = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
        out.append((a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3))
    return out


def sample_curve(segments: list[Cubic], steps: int = 12) -> list[Point]:
    points: list[Point] = []
    for segment in segments:
        sampled = sample_cubic(segment, steps)
        points.extend(sampled if not points else sampled[1:])
    return points


def simplify(points: list[Point], tolerance: float = 0.05) -> list[Point]:
    """Drop points lying on the line through their neighbours.

    Rasterisers draw each segment of a thick polyline as its own rounded-off quadrilateral, so a
    straight edge sampled into many short segments comes out with bumps at every joint.
    """
    if len(points) < 3:
        return points
    kept = [points[0]]
    for point, following in itertools.pairwise(points[1:]):
        (ax, ay), (bx, by), (cx, cy) = kept[-1], point, following
        cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        length = ((cx - ax) ** 2 + (cy - ay) ** 2) ** 0.5
        if length == 0 or abs(cross) / length > tolerance:
            kept.append(point)
    kept.append(points[-1])
    return kept


def dashed(points: list[Point], on: float, off: float) -> list[list[Point]]:
    """Cut a polyline into dashes, for rasterisers without dash support."""
    dashes: list[list[Point]] = []
    current: list[Point] = [points[0]] if points else []
    drawing, left = True, on
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        pos = 0.0
        while length - pos > left:
            pos += left
            t = pos / length
            cut = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
            if drawing:
                current.append(cut)
                dashes.append(current)
            current = [cut]
            drawing = not drawing
            left = on if drawing else off
        left -= length - pos
        if drawing:
            current.append((x1, y1))
    if drawing and len(current) > 1:
        dashes.append(current)
    return dashes


def rounded_outline(rect: Rect, radius: float, steps: int = 6) -> list[Point]:
    """The closed outline of a rounded box, for drawing it dashed in a raster."""
    import math

    corners = [
        (rect.right - radius, rect.y + radius, -90.0),
        (rect.right - radius, rect.bottom - radius, 0.0),
        (rect.x + radius, rect.bottom - radius, 90.0),
        (rect.x + radius, rect.y + radius, 180.0),
    ]
    points: list[Point] = []
    for cx, cy, start in corners:
        for i in range(steps + 1):
            angle = math.radians(start + 90.0 * i / steps)
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    points.append(points[0])
    return points
