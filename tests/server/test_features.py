"""Editor features end to end, each at least once: completion, hover, signature help,
definition/references/rename across cells, symbols, folding, inlay hints, code lenses and
semantic tokens. A notebook under the VS Code profile, a `.py` file under Neovim's."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import (
    Notebook,
    barrier,
    codes,
    completion_items,
    decode_tokens,
    doc,
    open_notebook,
    open_text,
    pos,
    rng,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.asyncio(loop_scope="module")

NB = [
    "#%task(name=prep, export=[df])\ndf = 1",
    "#%task(name=train, dep=[prep], import=[df])\nprint(df)",
    "print('plain')",
    "#%split()",
    "#%runs()\nruns=2;",
    "#%process()",
    "#%merge()",
    "#%task\nx = 1",
    "#%task(name=report, dep=[train, prep])\nprint('done')",
]
PY_URI = "file:///workspace/flow.py"
PY = (
    "#%job(name=demo)\n"
    "#%task(name=t, export=[v])\n"
    "v = 1\n"
    "\n"
    "#%split(name=s)\n"
    "#%runs()\n"
    "runs=2;\n"
    "#%process(name=p)\n"
    "#%merge(name=m)\n"
    "print('x')\n"
)


def column(text: str, needle: str, offset: int = 0) -> int:
    return text.index(needle) + offset


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def vscode(lsp_client: Client) -> AsyncIterator[None]:
    await start(lsp_client, "vscode-push")
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def neovim(lsp_client: Client) -> AsyncIterator[None]:
    await start(lsp_client, "neovim")
    open_text(lsp_client, PY_URI, PY)
    await barrier(lsp_client)
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def nb(vscode: Client) -> Notebook:
    notebook = open_notebook(vscode, "file:///ws/features.ipynb", NB)
    await barrier(vscode)
    assert all(codes(vscode.diagnostics[u]) == [] for u in notebook.uris)
    return notebook


async def complete(
    client: Client, uri: str, line: int, character: int
) -> list[types.CompletionItem]:
    return completion_items(
        await client.text_document_completion_async(
            types.CompletionParams(text_document=doc(uri), position=pos(line, character))
        )
    )


# ---- completion ------------------------------------------------------------------------------


async def test_completion_of_pragma_names_parameters_and_values(
    vscode: Client, nb: Notebook
) -> None:
    vscode_items = await complete(vscode, nb.uris[2], 0, 0)  # a plain cell, start of line
    assert vscode_items == [] or all(i.kind is not None for i in vscode_items)

    scratch = open_notebook(
        vscode, "file:///ws/scratch.ipynb", [*NB[:2], "#%", "#%task(name=x, "], fragment="S"
    )
    await barrier(vscode)
    names = await complete(vscode, scratch.uris[2], 0, 2)
    assert names[0].label == "task" and len(names) == 42
    assert "get_result" not in [i.label for i in names]  # removed in 13.0.4
    assert names[0].text_edit is not None

    params = await complete(vscode, scratch.uris[3], 0, len("#%task(name=x, "))
    labels = [i.label for i in params]
    assert "dep" in labels and "language" in labels and "name" not in labels  # not yet used

    train = NB[1].split("\n")[0]
    deps = await complete(vscode, scratch.uris[1], 0, column(train, "[prep", 1))
    assert [i.label for i in deps][:1] == ["prep"]
    imports = await complete(vscode, scratch.uris[1], 0, column(train, "[df", 1))
    assert [i.label for i in imports] == ["df"]
    scratch.close()


async def test_completion_of_languages_and_of_task_names_across_cells(
    vscode: Client, nb: Notebook
) -> None:
    cells = [*NB, "#%task(name=late, language=", "#%task(name=late2, dep=["]
    scratch = open_notebook(vscode, "file:///ws/values.ipynb", cells, fragment="V")
    await barrier(vscode)
    languages = [i.label for i in await complete(vscode, scratch.uris[-2], 0, len(cells[-2]))]
    assert "Python" in languages and "Linux_Bash" in languages
    tasks = [i.label for i in await complete(vscode, scratch.uris[-1], 0, len(cells[-1]))]
    assert {"prep", "train", "report", "DT2"} <= set(tasks)  # from every earlier cell
    scratch.close()
    await barrier(vscode)


async def test_snippets_only_for_clients_that_support_them(neovim: Client) -> None:
    uri = "file:///workspace/snippets.py"
    open_text(neovim, uri, "#%ta")
    items = await complete(neovim, uri, 0, 4)
    assert items[0].label == "task"
    assert items[0].insert_text_format == types.InsertTextFormat.Snippet  # Neovim declares it


# ---- hover and signature help ----------------------------------------------------------------


async def test_hover_on_pragma_parameter_and_task(vscode: Client, nb: Notebook) -> None:
    async def hover(cell: int, character: int) -> str:
        found = await vscode.text_document_hover_async(
            types.HoverParams(text_document=doc(nb.uris[cell]), position=pos(0, character))
        )
        assert found is not None and isinstance(found.contents, types.MarkupContent)
        return found.contents.value

    train = NB[1].split("\n")[0]
    assert "**`#%task`**" in await hover(1, 3)
    assert "ependenc" in await hover(1, column(train, "dep", 1))  # the `dep` parameter
    summary = await hover(1, column(train, "[prep", 2))  # `prep` in another cell
    assert summary.startswith("**Task `prep`**") and "`df`" in summary


async def test_signature_help_marks_the_active_parameter(vscode: Client, nb: Notebook) -> None:
    train = NB[1].split("\n")[0]
    help_ = await vscode.text_document_signature_help_async(
        types.SignatureHelpParams(
            text_document=doc(nb.uris[1]), position=pos(0, column(train, "dep", 1))
        )
    )
    assert help_ is not None
    [signature] = help_.signatures
    assert signature.label.startswith("#%task(name=TASK_NAME")
    assert help_.active_parameter == 1
    parameters = signature.parameters or []
    label = parameters[1].label
    assert isinstance(label, tuple) and signature.label[label[0] : label[1]].startswith("[dep=")


# ---- navigation and rename -------------------------------------------------------------------


async def test_definition_and_references_across_cells(vscode: Client, nb: Notebook) -> None:
    train = NB[1].split("\n")[0]
    found = await vscode.text_document_definition_async(
        types.DefinitionParams(
            text_document=doc(nb.uris[1]), position=pos(0, column(train, "[prep", 2))
        )
    )
    assert isinstance(found, list)
    assert [(f.uri, f.range) for f in found] == [(nb.uris[0], rng(0, 12, 0, 16))]

    refs = await vscode.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(nb.uris[0]),
            position=pos(0, 13),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert refs is not None
    assert sorted((r.uri, r.range.start.line) for r in refs) == sorted(
        [(nb.uris[0], 0), (nb.uris[1], 0), (nb.uris[8], 0)]
    )
    without = await vscode.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(nb.uris[0]),
            position=pos(0, 13),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert without is not None and nb.uris[0] not in {r.uri for r in without}


async def test_call_hierarchy_is_the_workflow_up_and_downstream(
    vscode: Client, nb: Notebook
) -> None:
    items = await vscode.text_document_prepare_call_hierarchy_async(
        types.CallHierarchyPrepareParams(text_document=doc(nb.uris[1]), position=pos(0, 13))
    )
    assert items is not None and [i.name for i in items] == ["train"]
    downstream = await vscode.call_hierarchy_incoming_calls_async(
        types.CallHierarchyIncomingCallsParams(item=items[0])
    )
    assert downstream is not None and [c.from_.name for c in downstream] == ["report"]
    assert downstream[0].from_.uri == nb.uris[8]
    upstream = await vscode.call_hierarchy_outgoing_calls_async(
        types.CallHierarchyOutgoingCallsParams(item=items[0])
    )
    assert upstream is not None and [c.to.name for c in upstream] == ["prep"]
    assert upstream[0].from_ranges[0].start.line == 0  # the `prep` in train's dep list


async def test_rename_a_task_and_a_variable_across_cells(vscode: Client, nb: Notebook) -> None:
    prepared = await vscode.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc(nb.uris[0]), position=pos(0, 13))
    )
    assert prepared == rng(0, 12, 0, 16)

    edit = await vscode.text_document_rename_async(
        types.RenameParams(
            text_document=doc(nb.uris[1]),
            position=pos(0, column(NB[1], "[prep", 2)),
            new_name="load",
        )
    )
    assert edit is not None and edit.changes is not None
    report = NB[8].split("\n")[0]
    assert {uri: [(e.range, e.new_text) for e in edits] for uri, edits in edit.changes.items()} == {
        nb.uris[0]: [(rng(0, 12, 0, 16), "load")],  # name=
        nb.uris[1]: [(rng(0, column(NB[1], "[prep", 1), 0, column(NB[1], "[prep", 5)), "load")],
        nb.uris[8]: [(rng(0, column(report, "prep"), 0, column(report, "prep", 4)), "load")],
    }

    variable = await vscode.text_document_rename_async(
        types.RenameParams(
            text_document=doc(nb.uris[0]),
            position=pos(0, column(NB[0], "[df", 1)),
            new_name="frame",
        )
    )
    assert variable is not None and variable.changes is not None
    spots = sorted(
        (uri, e.range.start.character)
        for uri, edits in variable.changes.items()
        for e in edits
        if e.range.start.line == 0
    )
    assert spots == sorted(
        [
            (nb.uris[0], column(NB[0], "[df", 1)),  # export=
            (nb.uris[1], column(NB[1], "[df", 1)),
        ]
    )  # import=


@pytest.mark.parametrize("new_name", ["train", "bad name", "my-task", ""])
async def test_rename_refuses_existing_or_invalid_names(
    vscode: Client, nb: Notebook, new_name: str
) -> None:
    with pytest.raises(JsonRpcException) as refused:
        await vscode.text_document_rename_async(
            types.RenameParams(
                text_document=doc(nb.uris[0]), position=pos(0, 13), new_name=new_name
            )
        )
    assert str(refused.value)


# ---- outline: symbols, folding, inlay hints, code lenses ---------------------------------------


async def test_document_symbols_job_tasks_and_controls_as_containers(neovim: Client) -> None:
    found = await neovim.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(PY_URI))
    )
    assert found is not None
    symbols = [s for s in found if isinstance(s, types.DocumentSymbol)]
    by_name = {s.name: s for s in symbols}
    assert by_name["demo"].kind == types.SymbolKind.Module
    assert by_name["t"].kind == types.SymbolKind.Function
    [control] = [s for s in symbols if s.name.startswith("replicate")]
    assert control.kind == types.SymbolKind.Namespace
    assert [c.name for c in control.children or []] == ["s", "p", "m"]
    assert control.selection_range.start.line == 4


async def test_folding_ranges_of_a_python_file(neovim: Client) -> None:
    found = await neovim.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc(PY_URI))
    )
    assert found is not None
    spans = [(f.start_line, f.end_line) for f in found]
    assert (1, 2) in spans  # the task t and its body
    assert all(a < b for a, b in spans)


async def test_inlay_hints_for_what_the_kernel_fills_in(vscode: Client, nb: Notebook) -> None:
    async def labels(cell: int) -> list[str]:
        found = await vscode.text_document_inlay_hint_async(
            types.InlayHintParams(text_document=doc(nb.uris[cell]), range=rng(0, 0, 5, 0))
        )
        return [
            h.label if isinstance(h.label, str) else "".join(p.value for p in h.label)
            for h in found or []
        ]

    assert await labels(2) == ["DT2:"]  # a plain cell is an anonymous task
    assert await labels(3) == [" split3"]  # default control names
    assert " ← split3" in await labels(5)  # implicit dependencies
    assert await labels(7) == [" DT6"]
    assert await labels(0) == []


async def test_code_lenses_for_tasks_and_the_document(vscode: Client, nb: Notebook) -> None:
    async def lenses(cell: int) -> list[tuple[str, str, list[object]]]:
        found = await vscode.text_document_code_lens_async(
            types.CodeLensParams(text_document=doc(nb.uris[cell]))
        )
        return [
            (lens.command.title, lens.command.command, list(lens.command.arguments or []))
            for lens in found or []
            if lens.command is not None
        ]

    first = await lenses(0)
    assert ("exports df", "", []) in first
    assert ("Export XML", "proactive.exportXml", [nb.uri]) in first
    assert ("Draw", "proactive.writePicture", [nb.uri]) in first
    assert await lenses(1) == [("after prep", "", [])]
    assert ("after train, prep", "", []) in await lenses(8)


async def test_semantic_tokens_color_pragma_lines(neovim: Client) -> None:
    found = await neovim.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc(PY_URI))
    )
    assert found is not None
    assert neovim.init_result is not None
    provider = neovim.init_result.capabilities.semantic_tokens_provider
    assert isinstance(provider, types.SemanticTokensOptions)
    legend = provider.legend
    tokens = decode_tokens(found.data, legend)
    line1 = {(start, length): kind for line, start, length, kind in tokens if line == 1}
    text = PY.split("\n")[1]  # #%task(name=t, export=[v])
    assert line1[(0, 6)] == "macro"  # `#%task`
    assert line1[(column(text, "name"), 4)] == "parameter"
    assert line1[(column(text, "=t", 1), 1)] == "class"  # the task name
    assert line1[(column(text, "[v", 1), 1)] == "variable"
    assert not any(line in (2, 3, 6, 9) for line, *_ in tokens)  # bodies are left to Python
