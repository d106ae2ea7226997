"""`.py` text documents under the Neovim profile (push): incremental and full-text changes,
versioned diagnostics, closing clears them, position encodings."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import (
    barrier,
    change_full,
    change_range,
    close_text,
    codes,
    open_text,
    rng,
    wait_diagnostics,
)
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

TEXT = "#%task(name=a)\nx = 1\n\n#%task(name=b, dep=[zz])\ny = 2\n"


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def neovim(lsp_client: Client) -> AsyncIterator[None]:
    result = await start(lsp_client, "neovim")
    assert result.capabilities.diagnostic_provider is None
    yield
    await lsp_client.shutdown_session()


def last_for(client: Client, uri: str) -> tuple[int | None, list[str]]:
    params = [p for p in client.published if p.uri == uri][-1]
    return params.version, codes(params.diagnostics)


async def test_incremental_and_full_changes_publish_versioned_diagnostics(neovim: Client) -> None:
    uri = "file:///workspace/sync.py"
    open_text(neovim, uri, TEXT, version=1)
    await wait_diagnostics(neovim, uri)
    assert last_for(neovim, uri) == (1, ["PA301"])

    change_range(neovim, uri, rng(3, 20, 3, 22), "a", version=2)  # dep=[zz] -> dep=[a]
    await barrier(neovim)
    assert last_for(neovim, uri) == (2, [])

    change_range(neovim, uri, rng(4, 0, 4, 0), "#%task(name=c, dep=[b, q])\n", version=3)
    await barrier(neovim)
    assert last_for(neovim, uri) == (3, ["PA301"])
    diagnostic = next(d for d in neovim.diagnostics[uri] if d.code == "PA301")
    assert diagnostic.range == rng(4, 23, 4, 24)  # `q` on the inserted line

    change_full(neovim, uri, "#%task(name=only, dep=abc)\n", version=7)
    await barrier(neovim)
    assert last_for(neovim, uri) == (7, ["PA204", "PA301", "PA301", "PA301"])
    assert all(p.version is not None for p in neovim.published if p.uri == uri)


async def test_every_change_publishes_the_edited_document_once(neovim: Client) -> None:
    uri = "file:///workspace/once.py"
    open_text(neovim, uri, TEXT)
    await barrier(neovim)
    before = len(neovim.published)
    for version in range(2, 6):  # typing in a body: diagnostics unchanged, still one each
        change_range(neovim, uri, rng(1, 5, 1, 5), "1", version=version)
    await barrier(neovim)
    sent = [p for p in neovim.published[before:] if p.uri == uri]
    assert [p.version for p in sent] == [2, 3, 4, 5]


async def test_typing_in_a_pragma_line_ends_as_a_fresh_open_of_the_text(neovim: Client) -> None:
    """Keystrokes re-split one cell and stop the replay after it (converge.py): the result must
    be what the whole text gives."""
    chain = "".join(
        f"#%task(name=t{i}{f', dep=[t{i - 1}], import=[v{i - 1}]' if i else ''}, export=[v{i}])\n"
        f"v{i} = {i}\n\n"
        for i in range(6)
    )
    uri, fresh = "file:///workspace/typed.py", "file:///workspace/fresh.py"
    open_text(neovim, uri, chain)
    await barrier(neovim)
    line = 6  # the pragma of t2
    text = chain.split("\n")[line]
    after_name = text.index("name=t2") + len("name=t2")
    # Blanks after the name's comma (nothing changes but positions), then a rename of t2.
    typed = [(after_name + 1, " "), (after_name + 1, "  "), (after_name, "x"), (after_name + 1, "y")]
    for version, (column, insert) in enumerate(typed, start=2):
        change_range(neovim, uri, rng(line, column, line, column), insert, version=version)
        text = text[:column] + insert + text[column:]
    await barrier(neovim)
    lines = chain.split("\n")
    lines[line] = text
    open_text(neovim, fresh, "\n".join(lines))
    await barrier(neovim)
    assert last_for(neovim, uri)[1] == last_for(neovim, fresh)[1]
    assert "PA301" in last_for(neovim, uri)[1]  # t3's dependency on t2 is gone
    assert [d.range for d in neovim.diagnostics[uri]] == [d.range for d in neovim.diagnostics[fresh]]


async def test_closing_clears_the_diagnostics(neovim: Client) -> None:
    uri = "file:///workspace/closed.py"
    open_text(neovim, uri, TEXT)
    await wait_diagnostics(neovim, uri, lambda d: len(codes(d)) > 0)
    close_text(neovim, uri)
    await wait_diagnostics(neovim, uri, lambda d: len(d) == 0)
    await barrier(neovim)
    assert neovim.published[-1].uri == uri and not neovim.published[-1].diagnostics


async def test_non_python_documents_are_left_alone(neovim: Client) -> None:
    uri = "file:///workspace/notes.md"
    item = types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text="#%task(name=b, dep=[zz])\n"
    )
    neovim.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    await barrier(neovim)
    assert uri not in neovim.diagnostics


async def test_columns_follow_the_negotiated_position_encoding(neovim: Client) -> None:
    uri = "file:///workspace/accents.py"
    line = "#%task(name=café, dep=[zz])"
    open_text(neovim, uri, line + "\nx = 1\n")
    found = await wait_diagnostics(neovim, uri, lambda d: len(codes(d)) > 0)
    [diagnostic] = [d for d in found if d.code == "PA301"]
    start = len(line[: line.index("zz")].encode("utf-8"))  # 'é' is two UTF-8 code units
    assert diagnostic.range == rng(0, start, 0, start + 2)
