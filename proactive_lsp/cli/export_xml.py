"""`proactive-lsp export-xml PATH... [-o FILE|DIR] [--no-check]`: job XML through the SDK.

One input: `-o` is the file to write, or a folder to write `<title>.xml` into; without `-o` the
file goes next to the input, named as the kernel's `#%export_xml` names it (job name, else the
notebook's name). Several inputs: `-o` is a folder (created if needed) and each job is written
as `<input stem>.xml`. A workflow with errors is refused (its errors are printed as `check`
prints them) unless `--no-check`, which writes what the kernel would have built.

Exit 0 when every job was written, 1 when one was refused, 2 on a usage or I/O problem or when
Java or the ProActive SDK is missing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from proactive_lsp.analysis import Analysis, CellCache, analyze
from proactive_lsp.cli.check import _item
from proactive_lsp.diagnostics import Severity
from proactive_lsp.documents.cells import DocumentError
from proactive_lsp.documents.load import load_document


def add_export_xml_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `export-xml` on the `add_subparsers()` object of the main parser."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export-xml",
        help="write the ProActive job XML of notebooks and .py workflows",
        description="Export workflows as ProActive job XML through the ProActive SDK, as the "
        "kernel's #%export_xml does. Exit 0: written; 1: refused (errors found); "
        "2: usage or I/O problem, or Java / the SDK missing.",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="notebooks or .py workflows")
    parser.add_argument(
        "-o", "--output", metavar="FILE|DIR", default=None,
        help="output file (one input) or folder (several inputs: <input stem>.xml each)",
    )
    parser.add_argument(
        "--no-check", action="store_true",
        help="write the XML even when the workflow has errors",
    )
    return parser


def run_export_xml(paths: Sequence[str], output: str | None, no_check: bool) -> int:
    from proactive_lsp.sdk.errors import SdkError, SdkUnavailableError

    several = len(paths) > 1
    if several and output is not None and Path(output).is_file():
        print(f"{output}: error: with several inputs, -o must be a folder", file=sys.stderr)
        return 2
    cache = CellCache()
    status = 0
    for raw in paths:
        path = Path(raw)
        try:
            document = load_document(path)
        except DocumentError as error:
            print(f"{path}: error: {error}", file=sys.stderr)
            status = 2
            continue
        analysis = analyze(document, cache)
        if not no_check and _refused(path, analysis):
            status = max(status, 1)
            continue
        target = _target(path, analysis, output, several)
        try:
            xml = _export(analysis, document.folder)
        except SdkUnavailableError as error:
            print(f"error: cannot export XML: {error}", file=sys.stderr)
            return 2
        except SdkError as error:
            print(f"{path}: error: {error}", file=sys.stderr)
            status = 2
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(xml, encoding="utf-8")
        except OSError as error:
            print(f"{target}: error: {error}", file=sys.stderr)
            status = 2
            continue
        print(f"{path}: wrote {target}", file=sys.stderr)
    return status


def _refused(path: Path, analysis: Analysis) -> bool:
    errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        item = _item(path, analysis.document, diagnostic)
        where = f"{item['path']}:" + (f"{item['cell']}:" if item["cell"] is not None else "")
        print(f"{where}{item['line']}:{item['column']}: {item['severity']} {item['code']} "
              f"{item['message']}")
    if not analysis.workflow.tasks:
        print(f"{path}: error: no task to export (ProActive needs at least one)", file=sys.stderr)
        return True
    if errors:
        count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
        print(f"{path}: not exported: {count} (use --no-check to write it anyway)", file=sys.stderr)
        return True
    return False


def _target(path: Path, analysis: Analysis, output: str | None, several: bool) -> Path:
    """Several inputs: `<stem>.xml` in `-o`; otherwise `-o`, or the kernel's name beside it."""
    from proactive_lsp.sdk.jobbuild import output_file_name

    if several and output is not None:
        return Path(output) / f"{path.stem}.xml"
    if output is None:
        return path.parent / output_file_name(analysis.workflow)
    chosen = Path(output)
    if chosen.is_dir() or output.endswith(("/", "\\")):
        return chosen / output_file_name(analysis.workflow)
    return chosen


def _export(analysis: Analysis, folder: Path | None) -> str:
    from proactive_lsp.sdk.export import export_xml

    return export_xml(analysis.workflow, folder)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m proactive_lsp.cli.export_xml ...`, the same as `proactive-lsp export-xml ...`."""
    parser = argparse.ArgumentParser(prog="proactive-lsp")
    add_export_xml_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["export-xml", *(sys.argv[1:] if argv is None else argv)])
    return run_export_xml(args.paths, args.output, args.no_check)


if __name__ == "__main__":
    sys.exit(main())
