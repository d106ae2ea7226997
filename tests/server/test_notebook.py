"""Notebook documents synced cell by cell (notebookDocument/*), as VS Code sends them.

Push (`vscode-push`): diagnostics per cell URI echoed exactly, cross-cell updates, one
notification per edited cell plus the cells whose diagnostics really changed, cell add/remove.
Pull (`vscode`): per-cell reports and `workspace/diagnostic/refresh` on cross-cell changes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import barrier, codes, doc, open_notebook, rng, wait_diagnostics
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")

CELLS = [
    "#%task(name=prep, export=[df])\ndf = 1",
    "#%task(name=train, dep=[prep], import=[df])\nprint(df)",
    "#%task(name=report, dep=[train])\nprint('done')",
]


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def push(lsp_client: Client) -> AsyncIterator[None]:
    result = await start(lsp_client, "vscode-push")
    assert result.capabilities.notebook_document_sync is not None
    assert result.capabilities.diagnostic_provider is None
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def pull(lsp_client: Client) -> AsyncIterator[None]:
    result = await start(lsp_client, "vscode")
    assert result.capabilities.diagnostic_provider is not None
    yield
    await lsp_client.shutdown_session()


def since(client: Client, mark: int) -> dict[str, list[str]]:
    """URI -> codes for each notification published after `mark` (in order, one per URI)."""
    found: dict[str, list[str]] = {}
    for params in client.published[mark:]:
        assert params.uri not in found, f"{params.uri} published twice for one edit"
        found[params.uri] = codes(params.diagnostics)
    return found


async def test_cell_uris_are_echoed_exactly_and_each_cell_gets_its_diagnostics(
    push: Client,
) -> None:
    cells = [*CELLS, "#%task(name=late, dep=[ghost])\nx = 1"]
    nb = open_notebook(push, "file:///ws/echo.ipynb", cells, fragment="X")
    assert nb.uris[0] == "vscode-notebook-cell:/ws/echo.ipynb#X0sZmlsZQ%3D%3D"
    for uri in nb.uris:
        await wait_diagnostics(push, uri)
    published = {p.uri for p in push.published}
    assert set(nb.uris) <= published  # the encoded `%3D` comes back as sent, not decoded
    assert codes(push.diagnostics[nb.uris[3]]) == ["PA301"]
    nb.close()
    await barrier(push)
    assert all(not push.diagnostics[u] for u in nb.uris)


async def test_editing_a_cell_publishes_it_and_only_the_cells_that_changed(push: Client) -> None:
    nb = open_notebook(push, "file:///ws/cross.ipynb", CELLS)
    await barrier(push)
    assert all(codes(push.diagnostics[u]) == [] for u in nb.uris)

    mark = len(push.published)
    nb.edit(0, rng(0, 12, 0, 16), "prepare")  # rename the task prep -> prepare in its cell
    await barrier(push)
    changed = since(push, mark)
    assert set(changed) == {nb.uris[0], nb.uris[1]}  # cell 2 is unchanged: not published
    assert "PA301" in changed[nb.uris[1]]
    assert changed[nb.uris[0]] == []

    mark = len(push.published)
    nb.edit(2, rng(1, 0, 1, 0), "# a comment\n")  # typing in a body
    await barrier(push)
    assert since(push, mark) == {nb.uris[2]: []}

    mark = len(push.published)
    nb.edit(1, rng(0, 24, 0, 28), "prepare")  # follow the rename: cell 1 is clean again
    await barrier(push)
    assert since(push, mark) == {nb.uris[1]: []}
    nb.close()
    await barrier(push)


async def test_adding_and_removing_cells(push: Client) -> None:
    nb = open_notebook(push, "file:///ws/structure.ipynb", CELLS[2:])  # report needs train
    await barrier(push)
    assert codes(push.diagnostics[nb.uris[0]]) == ["PA301"]

    mark = len(push.published)
    [added] = nb.insert(0, ["#%task(name=train)\nx = 1"])
    await barrier(push)
    changed = since(push, mark)
    assert set(changed) == {added, nb.uris[1]}  # the new cell and the one it fixes
    assert changed[nb.uris[1]] == [] and changed[added] == []

    mark = len(push.published)
    removed = nb.remove(0)
    await barrier(push)
    changed = since(push, mark)
    assert changed[removed] == []  # a removed cell's diagnostics are cleared
    assert changed[nb.uris[0]] == ["PA301"]
    assert set(changed) == {removed, nb.uris[0]}
    nb.close()
    await barrier(push)


async def test_cell_diagnostics_carry_the_cell_version(push: Client) -> None:
    nb = open_notebook(push, "file:///ws/versions.ipynb", CELLS)
    await barrier(push)
    assert [push.published[-3 + i].version for i in range(3)] == [1, 1, 1]
    nb.edit(2, rng(1, 0, 1, 0), "# a comment\n")
    await barrier(push)
    assert push.published[-1].uri == nb.uris[2]
    assert push.published[-1].version == 2
    nb.close()


async def test_cell_versions_are_published_for_plain_cell_uris(push: Client) -> None:
    # The same with URIs that need no percent-decoding (the version lookup then works).
    nb = open_notebook(push, "file:///ws/plain.ipynb", CELLS, suffix="")
    await barrier(push)
    assert [push.published[-3 + i].version for i in range(3)] == [1, 1, 1]
    nb.edit(2, rng(1, 0, 1, 0), "# a comment\n")
    await barrier(push)
    assert (push.published[-1].uri, push.published[-1].version) == (nb.uris[2], 2)
    nb.close()
    await barrier(push)


async def test_markdown_cells_are_skipped(push: Client) -> None:
    nb_uri = "file:///ws/markdown.ipynb"
    code = "vscode-notebook-cell:/ws/markdown.ipynb#C0"
    text = "vscode-notebook-cell:/ws/markdown.ipynb#M1"
    push.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=nb_uri,
                notebook_type="jupyter-notebook",
                version=0,
                cells=[
                    types.NotebookCell(kind=types.NotebookCellKind.Markup, document=text),
                    types.NotebookCell(kind=types.NotebookCellKind.Code, document=code),
                ],
            ),
            cell_text_documents=[
                types.TextDocumentItem(
                    uri=text, language_id="markdown", version=1, text="#%task(name=x, dep=[nope])"
                ),
                types.TextDocumentItem(
                    uri=code, language_id="python", version=1, text="#%task(name=a)\nx = 1"
                ),
            ],
        )
    )
    await wait_diagnostics(push, code)
    assert codes(push.diagnostics[code]) == []
    assert not push.diagnostics.get(text)


async def test_pull_reports_per_cell_and_refresh_on_cross_cell_change(pull: Client) -> None:
    nb = open_notebook(pull, "file:///ws/pulled.ipynb", CELLS)
    await barrier(pull)
    assert pull.published == []  # pull client: nothing pushed

    async def report(index: int) -> list[str]:
        found = await pull.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=doc(nb.uris[index]))
        )
        assert isinstance(found, types.RelatedFullDocumentDiagnosticReport)
        return codes(found.items)

    assert [await report(i) for i in range(3)] == [[], [], []]
    refreshes = pull.diagnostic_refresh_count
    nb.edit(0, rng(0, 12, 0, 16), "prepare")
    await barrier(pull)
    assert pull.diagnostic_refresh_count > refreshes  # other cells changed: ask to pull again
    assert "PA301" in await report(1)
    assert await report(2) == []
    assert pull.published == []
    nb.close()
