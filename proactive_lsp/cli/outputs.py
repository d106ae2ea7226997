"""`proactive-lsp dot`, `draw` and `import-dot`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from proactive_lsp.documents.cells import DocumentError


def add_output_parsers(subparsers: Any) -> None:
    dot = subparsers.add_parser("dot", help="write the workflow as a dot file (like #%%write_dot)")
    dot.add_argument("path", metavar="PATH")
    dot.add_argument(
        "-o", "--output", metavar="FILE", help="default: <title>.dot next to PATH; - for stdout"
    )
    draw = subparsers.add_parser("draw", help="draw the workflow as SVG or PNG (like #%%draw_job)")
    draw.add_argument("path", metavar="PATH")
    draw.add_argument("-o", "--output", metavar="FILE.svg|FILE.png", required=True)
    imported = subparsers.add_parser("import-dot", help="turn a dot file into pragma cells")
    imported.add_argument("path", metavar="FILE.dot")
    imported.add_argument("-o", "--output", metavar="OUT.py|OUT.ipynb", required=True)


def run_output_command(args: argparse.Namespace) -> int:
    try:
        if args.command == "import-dot":
            return _import_dot(Path(args.path), Path(args.output))
        from proactive_lsp.analysis import analyze
        from proactive_lsp.documents.load import load_document

        path = Path(args.path)
        analysis = analyze(load_document(path))
        if args.command == "dot":
            return _dot(path, analysis, args.output)
        return _draw(analysis, Path(args.output))
    except DocumentError as error:
        print(f"{args.path}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error.strerror or error}", file=sys.stderr)
        return 2


def _dot(path: Path, analysis: Any, output: str | None) -> int:
    from proactive_lsp.outputs.dot import workflow_to_dot

    text = workflow_to_dot(analysis.workflow)
    if output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(output) if output else path.parent / f"{analysis.workflow.title()}.dot"
    target.write_text(text, encoding="utf-8")
    print(f"'{target}' file created.", file=sys.stderr)
    return 0


def _draw(analysis: Any, target: Path) -> int:
    from proactive_lsp.outputs.graph import drawing_graph

    graph = drawing_graph(analysis)
    if target.suffix == ".png":
        from proactive_lsp.outputs.png import PngUnavailable, render_png

        try:
            target.write_bytes(render_png(graph))
        except PngUnavailable as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
    elif target.suffix == ".svg":
        from proactive_lsp.outputs.svg import render_svg

        target.write_text(render_svg(graph), encoding="utf-8")
    else:
        print(f"error: {target.name}: the picture must be .svg or .png", file=sys.stderr)
        return 2
    print(f"'{target}' file created.", file=sys.stderr)
    return 0


def _import_dot(source: Path, target: Path) -> int:
    from proactive_lsp.outputs.dot import dot_to_cells

    try:
        imported = dot_to_cells(source.read_text(encoding="utf-8"))
    except ValueError as error:
        print(f"{source}: error: {error}", file=sys.stderr)
        return 2
    for warning in imported.warnings:
        print(f"{source}: warning: {warning}", file=sys.stderr)
    if target.suffix == ".ipynb":
        import nbformat
        from nbformat.v4 import new_code_cell, new_notebook

        notebook = new_notebook(
            metadata={
                "kernelspec": {
                    "name": "proactive",
                    "display_name": "ProActive",
                    "language": "python",
                }
            }
        )
        notebook.cells = [new_code_cell(cell.rstrip("\n")) for cell in imported.cells]
        nbformat.write(notebook, str(target))
    elif target.suffix == ".py":
        target.write_text("\n".join(imported.cells), encoding="utf-8")
    else:
        print(f"error: {target.name}: the output must be .py or .ipynb", file=sys.stderr)
        return 2
    print(f"'{target}' file created with {len(imported.cells)} task(s).", file=sys.stderr)
    return 0
