"""`proactive-lsp [serve|check|...]`: argument parsing and dispatch only."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from proactive_lsp import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="proactive-lsp",
        description="Language server and checker for ProActive Jupyter Kernel workflow pragmas.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the language server (the default)")
    serve.add_argument(
        "--stdio", action="store_true", help="accepted and ignored: stdio is the default"
    )
    serve.add_argument("--tcp", metavar="HOST:PORT", help="listen on TCP instead (for debugging)")

    check = commands.add_parser(
        "check",
        help="report the diagnostics of notebooks and .py workflows",
        description="Check notebooks (.ipynb) and .py workflows as kernel 13.0.4 and ProActive "
        "would run them. Exit 0: no error; 1: errors found; 2: usage or I/O problem.",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to check")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--proactive", action="store_true",
        help="also judge each job with ProActive's own validator (needs Java and the SDK)",
    )

    from proactive_lsp.cli.export_xml import add_export_xml_parser
    from proactive_lsp.cli.jobs import add_submit_parsers
    from proactive_lsp.cli.outputs import add_output_parsers

    add_export_xml_parser(commands)
    add_output_parsers(commands)
    add_submit_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (
        args_list[0].startswith("--") and args_list[0] not in ("--help", "--version")
    ):
        args_list.insert(0, "serve")  # `proactive-lsp`, `proactive-lsp --stdio`: the server
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command == "serve":
        from proactive_lsp.server.main import serve

        return serve(args.tcp)
    if args.command == "check":
        from proactive_lsp.cli.check import run_check

        return run_check(args.paths, args.format, proactive=args.proactive)
    if args.command == "export-xml":
        from proactive_lsp.cli.export_xml import run_export_xml

        return run_export_xml(args.paths, args.output, args.no_check)
    if args.command in ("dot", "draw", "import-dot"):
        from proactive_lsp.cli.outputs import run_output_command

        return run_output_command(args)
    if args.command in ("submit", "results", "jobs"):
        from proactive_lsp.cli.jobs import run_job_command

        return run_job_command(args)
    parser.print_help(sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
