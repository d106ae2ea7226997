"""PNG of the workflow picture: a real PNG, sized like the SVG, and a clear error without Pillow."""

from __future__ import annotations

import struct
import sys

import networkx as nx
import pytest

from proactive_lsp.outputs.layout import layout_graph
from proactive_lsp.outputs.png import PngUnavailable, render_png

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _size(png: bytes) -> tuple[int, int]:
    assert png.startswith(PNG_SIGNATURE)
    width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk comes first
    return int(width), int(height)


def _workflow() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(title="png")
    graph.add_node("start", kind="task", detail="Python")
    graph.add_node("end", kind="control", severity="error")
    graph.add_node("DefaultMerge", kind="default_merge")
    graph.add_edge("start", "end", key="dep", kind="dep", label="replicate")
    graph.add_edge("end", "start", key="loop", kind="loop")
    graph.add_edge("end", "DefaultMerge", key="continuation", kind="continuation")
    return graph


def test_png_has_the_signature_and_the_picture_size() -> None:
    pytest.importorskip("PIL")
    graph = _workflow()
    picture = layout_graph(graph)
    width, height = _size(render_png(graph, scale=1.0))
    assert (width, height) == (round(picture.width), round(picture.height))
    assert _size(render_png(graph)) == (2 * width, 2 * height)


def test_png_draws_something_in_the_error_colour() -> None:
    image_module = pytest.importorskip("PIL.Image")
    import io

    image = image_module.open(io.BytesIO(render_png(_workflow(), scale=1.0))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    assert (220, 38, 38) in colours  # SEVERITY_COLORS["error"], the error outline and marker


@pytest.mark.parametrize("size", [0, 1])
def test_tiny_pngs(size: int) -> None:
    pytest.importorskip("PIL")
    graph = nx.MultiDiGraph()
    for i in range(size):
        graph.add_node(f"t{i}", kind="task")
    width, height = _size(render_png(graph))
    assert width > 0 and height > 0


def test_missing_pillow_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "PIL", None)  # makes "from PIL import ..." fail
    with pytest.raises(PngUnavailable, match="pip install pillow"):
        render_png(_workflow())
