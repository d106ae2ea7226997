from __future__ import annotations

import asyncio

from lsprotocol import types
from pytest_lsp import LanguageClient


async def wait_for(client: LanguageClient, uri: str, predicate, timeout: float = 5.0):  # type: ignore[no-untyped-def]
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and predicate(found):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"no matching diagnostics for {uri}: {client.diagnostics.get(uri)}")


async def test_text_document_diagnostics(client: LanguageClient) -> None:
    uri = "file:///workspace/flow.py"
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="python", version=1,
        text="#%task(name=a)\nx = 1\n\n#%task(name=b, dep=[zz])\ny = 2\n")))
    found = await wait_for(client, uri, lambda d: len(d) > 0)
    assert [d.code for d in found if d.code != "PA604"] == ["PA301"]
