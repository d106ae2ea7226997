"""Commands that produce files or pictures: draw, export XML, dot, import dot, validate.

Everything slow (the SDK's JVM, PNG rendering) runs on the thread pool; the analysis it works
on is immutable, so the event loop keeps serving edits meanwhile.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from proactive_lsp.analysis import Analysis
from proactive_lsp.diagnostics import Severity
from proactive_lsp.server.store import Entry, Store

T = TypeVar("T")
DRAW = "proactive.drawWorkflow"
WRITE_PICTURE = "proactive.writePicture"
EXPORT_XML = "proactive.exportXml"
EXPORT_DOT = "proactive.exportDot"
IMPORT_DOT = "proactive.importDot"
VALIDATE = "proactive.validateWithProActive"
_REQUEST_FAILED = -32803


def register(server: LanguageServer, store: Store) -> None:
    def entry(ls: LanguageServer, uri: str) -> Entry:
        found = store.entry_for(ls.workspace, uri)
        if found is None:
            raise JsonRpcException(
                f"{uri} is not an open notebook or Python file", code=_REQUEST_FAILED
            )
        return found

    async def off_loop(ls: LanguageServer, work: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(ls.thread_pool, work)

    @server.command(DRAW)
    async def draw(ls: LanguageServer, uri: str) -> dict[str, Any]:
        """The workflow's SVG, for a live preview."""
        analysis = entry(ls, uri).analysis
        from proactive_lsp.outputs.graph import drawing_graph
        from proactive_lsp.outputs.svg import render_svg

        svg = await off_loop(ls, lambda: render_svg(drawing_graph(analysis)))
        return {
            "svg": svg,
            "title": analysis.workflow.title(),
            "tasks": len(analysis.workflow.tasks),
        }

    @server.command(WRITE_PICTURE)
    async def write_picture(ls: LanguageServer, uri: str, format: str = "png") -> str:
        analysis = entry(ls, uri).analysis
        target = _beside(
            analysis, f"{analysis.workflow.title()}.{'svg' if format == 'svg' else 'png'}"
        )

        def work() -> None:
            from proactive_lsp.outputs.graph import drawing_graph

            graph = drawing_graph(analysis)
            if target.suffix == ".svg":
                from proactive_lsp.outputs.svg import render_svg

                target.write_text(render_svg(graph), encoding="utf-8")
            else:
                from proactive_lsp.outputs.png import render_png

                target.write_bytes(render_png(graph))

        await _run(ls, off_loop, work)
        return _written(ls, target)

    @server.command(EXPORT_XML)
    async def export_xml(ls: LanguageServer, uri: str) -> str:
        analysis = entry(ls, uri).analysis
        _refuse_errors(analysis, "export the job XML")
        from proactive_lsp.sdk.jobbuild import output_file_name

        target = _beside(analysis, output_file_name(analysis.workflow))

        def work() -> None:
            from proactive_lsp.sdk.export import export_xml as export

            target.write_text(export(analysis.workflow, analysis.document.folder), encoding="utf-8")

        await _run(ls, off_loop, work)
        return _written(ls, target)

    @server.command(EXPORT_DOT)
    def export_dot(ls: LanguageServer, uri: str) -> str:
        analysis = entry(ls, uri).analysis
        from proactive_lsp.outputs.dot import workflow_to_dot

        target = _beside(analysis, f"{analysis.workflow.title()}.dot")
        target.write_text(workflow_to_dot(analysis.workflow), encoding="utf-8")
        return _written(ls, target)

    @server.command(IMPORT_DOT)
    def import_dot(ls: LanguageServer, uri: str, dot_path: str) -> dict[str, Any]:
        """Append the dot file's pragma cells to a .py document (notebooks get them returned)."""
        found = entry(ls, uri)
        from proactive_lsp.outputs.dot import dot_to_cells

        source = Path(dot_path)
        if not source.is_absolute() and found.view.source.folder is not None:
            source = found.view.source.folder / source
        try:
            imported = dot_to_cells(source.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise JsonRpcException(f"{dot_path}: {error}", code=_REQUEST_FAILED) from None
        for warning in imported.warnings:
            ls.window_show_message(
                types.ShowMessageParams(type=types.MessageType.Warning, message=warning)
            )
        if found.view.key == uri and uri in ls.workspace.text_documents:
            document = ls.workspace.get_text_document(uri)
            end = types.Position(line=len(document.lines), character=0)
            text = (
                "\n" if document.source and not document.source.endswith("\n") else ""
            ) + "\n".join("\n" + cell for cell in imported.cells)
            ls.workspace_apply_edit(
                types.ApplyWorkspaceEditParams(
                    edit=types.WorkspaceEdit(
                        changes={
                            uri: [
                                types.TextEdit(range=types.Range(start=end, end=end), new_text=text)
                            ]
                        }
                    )
                )
            )
        return {"cells": list(imported.cells), "warnings": list(imported.warnings)}

    @server.command(VALIDATE)
    async def validate(ls: LanguageServer, uri: str) -> dict[str, Any]:
        """Run ProActive's own validator (schema, parser, FlowChecker) on the exported job."""
        analysis = entry(ls, uri).analysis

        def work() -> Any:
            from proactive_lsp.sdk.proactive_check import proactive_verdict

            return proactive_verdict(analysis)

        verdict = await _run(ls, off_loop, work)
        result = {
            "valid": verdict.valid,
            "stage": verdict.stage,
            "message": verdict.message,
            "task": verdict.task,
        }
        task = analysis.workflow.tasks.get(verdict.task or "")
        if task is not None:
            result["cell"] = task.cell
            result["line"] = task.name_range.start.line
        text = (
            "ProActive accepts the job."
            if verdict.valid
            else f"ProActive refuses the job: {verdict.describe()}"
        )
        ls.window_show_message(
            types.ShowMessageParams(
                type=types.MessageType.Info if verdict.valid else types.MessageType.Error,
                message=text,
            )
        )
        return result

    store.document_commands.extend([("Export XML", EXPORT_XML), ("Draw", WRITE_PICTURE)])
    store.source_commands.extend(
        [
            ("ProActive: export the job XML", EXPORT_XML),
            ("ProActive: draw the workflow (PNG next to the document)", WRITE_PICTURE),
            ("ProActive: validate with ProActive's own validator", VALIDATE),
        ]
    )


async def _run(ls: LanguageServer, off_loop: Any, work: Callable[[], T]) -> T:
    from proactive_lsp.outputs.png import PngUnavailable
    from proactive_lsp.sdk.errors import SdkError

    try:
        result: T = await off_loop(ls, work)
    except (SdkError, PngUnavailable, OSError) as error:
        ls.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=str(error))
        )
        raise JsonRpcException(str(error), code=_REQUEST_FAILED) from None
    return result


def _refuse_errors(analysis: Analysis, what: str) -> None:
    errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    if errors:
        first = errors[0]
        message = (
            f"cannot {what}: the workflow has {len(errors)} error(s); first: "
            f"{first.code} {first.message}"
        )
        raise JsonRpcException(message, code=_REQUEST_FAILED)


def _beside(analysis: Analysis, name: str) -> Path:
    folder = analysis.document.folder
    if folder is None:
        raise JsonRpcException(
            "the document has no folder on disk to write next to", code=_REQUEST_FAILED
        )
    return folder / name


def _written(ls: LanguageServer, target: Path) -> str:
    store = getattr(ls, "store", None)
    if store is not None and not store.settings.messages:
        return str(target)
    ls.window_show_message(
        types.ShowMessageParams(type=types.MessageType.Info, message=f"'{target}' written.")
    )
    return str(target)
