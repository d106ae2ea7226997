"""jupyterlab-lsp: one virtual `file:///…/nb.ipynb` text document (languageId python) holding
every code cell joined by "\\n\\n\\n", a full-text didChange per keystroke, no snippets, push only,
and `workspace/didChangeConfiguration {settings: {}}` at start."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import barrier, change_full, codes, completion_items, doc, open_text, pos, rng
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

CELLS = [
    "#%job(name=JB)\n#%task(name=T0, export=[x])\nimport os\nx = 1",
    "#%task(name=T1, dep=[T0, TZ], import=[x])\nprint(x)",
    "print('plain')",
]
VIRTUAL = "\n\n\n".join(CELLS)
URI = "file:///jlab_ws/nb.ipynb"


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def jupyterlab(lsp_client: Client) -> AsyncIterator[None]:
    result = await start(lsp_client, "jupyterlab")
    assert result.capabilities.diagnostic_provider is None
    assert result.capabilities.notebook_document_sync is None
    assert result.capabilities.position_encoding in (None, types.PositionEncodingKind.Utf16)
    lsp_client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
    yield
    await lsp_client.shutdown_session()


async def test_did_change_configuration_with_empty_settings_is_accepted(jupyterlab: Client) -> None:
    uri = "file:///jlab_ws/config.ipynb"
    open_text(jupyterlab, uri, VIRTUAL)
    await barrier(jupyterlab)
    before = len(jupyterlab.published)
    jupyterlab.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))
    await barrier(jupyterlab)
    assert jupyterlab.published[before:] == []  # nothing changed, nothing re-sent
    assert not [m for m in jupyterlab.log_messages if m.type == types.MessageType.Error]
    assert jupyterlab.error is None


async def test_diagnostics_land_on_the_virtual_lines(jupyterlab: Client) -> None:
    open_text(jupyterlab, URI, VIRTUAL)
    await barrier(jupyterlab)
    found = jupyterlab.diagnostics[URI]
    assert codes(found) == ["PA301"]
    [unknown] = [d for d in found if d.code == "PA301"]
    line = VIRTUAL.split("\n").index(CELLS[1].split("\n")[0])  # cell 1 starts on line 6
    assert line == 6
    start_col = CELLS[1].index("TZ")
    assert unknown.range == rng(line, start_col, line, start_col + 2)
    # Cell boundaries are not sent: like a .py file, the plain cell is part of T1's body.
    symbols = await jupyterlab.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(URI))
    )
    assert [s.name for s in symbols or [] if isinstance(s, types.DocumentSymbol)] == [
        "JB",
        "T0",
        "T1",
    ]


async def test_every_keystroke_is_a_full_text_change_with_one_publish(jupyterlab: Client) -> None:
    uri = "file:///jlab_ws/typing.ipynb"
    open_text(jupyterlab, uri, VIRTUAL)
    await barrier(jupyterlab)
    before = len(jupyterlab.published)
    typed = "\n\n\n#%task(name=T2, dep=[T1])"
    for count in range(1, len(typed) + 1):
        change_full(jupyterlab, uri, VIRTUAL + typed[:count], version=count + 1)
    await barrier(jupyterlab)
    sent = [p for p in jupyterlab.published[before:] if p.uri == uri]
    assert [p.version for p in sent] == list(range(2, len(typed) + 2))
    assert codes(sent[-1].diagnostics) == ["PA301"]  # only the old TZ remains


async def test_completion_items_have_the_shape_jupyterlab_needs(jupyterlab: Client) -> None:
    uri = "file:///jlab_ws/complete.ipynb"
    text = VIRTUAL + "\n\n\n#%ta"
    open_text(jupyterlab, uri, text)
    await barrier(jupyterlab)
    last = text.count("\n")
    items = completion_items(
        await jupyterlab.text_document_completion_async(
            types.CompletionParams(text_document=doc(uri), position=pos(last, 4))
        )
    )
    assert [i.label for i in items][:1] == ["task"]
    for item in items:
        assert item.insert_text_format in (None, types.InsertTextFormat.PlainText)
        assert item.insert_text == item.filter_text
        assert item.insert_text is not None and item.insert_text.startswith("#%")
        assert isinstance(item.text_edit, types.TextEdit)
        assert item.text_edit.range == rng(last, 0, last, 4)  # the whole `#%ta`
        assert item.text_edit.new_text == item.insert_text
        assert "$" not in item.insert_text
    assert items[0].insert_text == "#%task("


async def test_dep_completion_offers_tasks_of_earlier_cells(jupyterlab: Client) -> None:
    uri = "file:///jlab_ws/deps.ipynb"
    text = VIRTUAL + "\n\n\n#%task(name=T3, dep=["
    open_text(jupyterlab, uri, text)
    await barrier(jupyterlab)
    last = text.split("\n")
    items = completion_items(
        await jupyterlab.text_document_completion_async(
            types.CompletionParams(
                text_document=doc(uri), position=pos(len(last) - 1, len(last[-1]))
            )
        )
    )
    assert {"T0", "T1"} <= {i.label for i in items}
    assert all(
        i.insert_text == i.filter_text and i.insert_text.startswith("#%task(name=T3, dep=[")
        for i in items
        if i.insert_text is not None
    )
