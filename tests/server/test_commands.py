"""workspace/executeCommand: draw, dot export/import, picture, XML export refusal.

Documents live on disk (tmp_path) so that the commands can write next to them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import barrier, open_notebook, open_text
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.uris import from_fs_path

pytestmark = pytest.mark.asyncio(loop_scope="module")

TEXT = (
    "#%job(name=demo_job)\n"
    "#%task(name=prep, export=[df])\ndf = 1\n\n"
    "#%task(name=train, dep=[prep], import=[df])\nprint(df)\n"
)


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def vscode(lsp_client: Client) -> AsyncIterator[None]:
    await start(lsp_client, "vscode-push")
    yield
    await lsp_client.shutdown_session()


async def run(client: Client, command: str, *arguments: Any) -> Any:
    return await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=command, arguments=list(arguments))
    )


def on_disk(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    assert uri is not None
    return str(uri)


async def test_unknown_command_is_a_json_rpc_error(vscode: Client) -> None:
    with pytest.raises(JsonRpcException, match=r"proactive\.noSuchThing"):
        await run(vscode, "proactive.noSuchThing", "file:///workspace/x.py")


async def test_draw_workflow_returns_an_svg_with_every_task(vscode: Client) -> None:
    nb = open_notebook(
        vscode,
        "file:///ws/draw.ipynb",
        ["#%task(name=prep)\nx = 1", "#%task(name=train, dep=[prep])\ny = 2", "print('plain')"],
    )
    await barrier(vscode)
    result = await run(vscode, "proactive.drawWorkflow", nb.uri)
    svg = result["svg"]
    assert svg.lstrip().startswith("<svg") or "<svg" in svg
    for task in ("prep", "train", "DT2"):
        assert f'data-task="{task}"' in svg
    assert result["tasks"] == 3
    nb.close()


async def test_export_dot_writes_next_to_the_document(vscode: Client, tmp_path: Path) -> None:
    uri = on_disk(tmp_path, "flow.py", TEXT)
    open_text(vscode, uri, TEXT)
    await barrier(vscode)
    written = Path(await run(vscode, "proactive.exportDot", uri))
    assert written == tmp_path / "demo_job.dot" and written.is_file()
    dot = written.read_text(encoding="utf-8")
    assert "prep" in dot and "train" in dot and "->" in dot
    assert any("written" in m.message for m in vscode.messages)


async def test_import_dot_appends_pragma_cells_to_a_python_file(
    vscode: Client, tmp_path: Path
) -> None:
    (tmp_path / "graph.dot").write_text("digraph G { a -> b; b -> c; }\n", encoding="utf-8")
    text = "#%task(name=first)\nx = 1\n"
    uri = on_disk(tmp_path, "target.py", text)
    open_text(vscode, uri, text)
    await barrier(vscode)
    before = len(vscode.applied_edits)
    result = await run(vscode, "proactive.importDot", uri, "graph.dot")
    assert [c.split("\n")[0] for c in result["cells"]][:1] == ["#%task(name=a)"]
    assert any("dep=[b]" in c for c in result["cells"])
    [applied] = vscode.applied_edits[before:]
    assert applied.edit.changes is not None
    [edit] = applied.edit.changes[uri]
    assert edit.range.start.line >= 2  # appended at the end
    assert "#%task(name=c, dep=[b])" in edit.new_text


async def test_write_picture_as_svg(vscode: Client, tmp_path: Path) -> None:
    uri = on_disk(tmp_path, "pic.py", TEXT)
    open_text(vscode, uri, TEXT)
    await barrier(vscode)
    written = Path(await run(vscode, "proactive.writePicture", uri, "svg"))
    assert written.suffix == ".svg" and "data-task" in written.read_text(encoding="utf-8")


async def test_export_xml_refuses_a_workflow_with_errors(vscode: Client, tmp_path: Path) -> None:
    text = "#%task(name=a, dep=[ghost])\nx = 1\n"
    uri = on_disk(tmp_path, "bad.py", text)
    open_text(vscode, uri, text)
    await barrier(vscode)
    with pytest.raises(JsonRpcException, match="PA301"):
        await run(vscode, "proactive.exportXml", uri)


async def test_a_command_on_a_document_that_is_not_open_is_refused(vscode: Client) -> None:
    with pytest.raises(JsonRpcException, match="not an open notebook or Python file"):
        await run(vscode, "proactive.exportDot", "file:///nowhere/closed.py")
