"""Code actions: quick fixes carried by diagnostics (applied, then checked again by the
server) and the source actions offered on pragma lines."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence

import pytest
import pytest_lsp
from conftest import CONFIG, Client, start
from lspkit import barrier, change_full, codes, doc, open_notebook, open_text, rng
from lsprotocol import types

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(config=CONFIG, scope="module")  # type: ignore[untyped-decorator]
async def vscode(lsp_client: Client) -> AsyncIterator[None]:
    await start(lsp_client, "vscode-push")
    yield
    await lsp_client.shutdown_session()


def apply(text: str, edits: Sequence[types.TextEdit]) -> str:
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        return sum(len(line) + 1 for line in lines[: position.line]) + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


async def fixes_for(client: Client, uri: str, code: str) -> list[types.CodeAction]:
    diagnostics = [d for d in client.diagnostics[uri] if d.code == code]
    assert diagnostics, f"{code} not published: {codes(client.diagnostics[uri])}"
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=diagnostics[0].range,
            context=types.CodeActionContext(
                diagnostics=diagnostics, only=[types.CodeActionKind.QuickFix]
            ),
        )
    )
    actions = [a for a in found or [] if isinstance(a, types.CodeAction)]
    return [a for a in actions if a.kind == types.CodeActionKind.QuickFix]


FIXES = [
    # (code, text, title fragment, fixed first line of the pragma)
    (
        "PA204",
        "#%task(name=abc)\nx = 1\n\n#%task(name=b, dep=abc)\ny = 2\n",
        "",
        "#%task(name=b, dep=[abc])",
    ),
    ("PA102", "#%tsak(name=a)\nx = 1\n", "task", "#%task(name=a)"),
    ("PA104", "#%task(name=train\nprint('training')\n", ")", "#%task(name=train)"),
    (
        "PA301",
        "#%task(name=prep)\nx = 1\n\n#%task(name=b, dep=[prepp])\ny = 2\n",
        "prep",
        "#%task(name=b, dep=[prep])",
    ),
    ("PA201", "#%task(name=a, lenguage=R)\nx <- 1\n", "language", "#%task(name=a, language=R)"),
]


@pytest.mark.parametrize(("code", "text", "title", "fixed"), FIXES, ids=[f[0] for f in FIXES])
async def test_quick_fix_resolves_the_diagnostic(
    vscode: Client, code: str, text: str, title: str, fixed: str
) -> None:
    uri = f"file:///workspace/fix_{code}.py"
    open_text(vscode, uri, text)
    await barrier(vscode)
    [action, *_] = await fixes_for(vscode, uri, code)
    assert title in action.title
    assert action.diagnostics and action.diagnostics[0].code == code
    assert action.edit is not None and action.edit.changes is not None
    new_text = apply(text, action.edit.changes[uri])
    assert fixed in new_text.split("\n")
    change_full(vscode, uri, new_text, version=2)
    await barrier(vscode)
    assert code not in codes(vscode.diagnostics[uri])


async def test_credentials_move_to_proactive_config_ini(vscode: Client) -> None:
    uri = "file:///workspace/secret/flow.py"
    text = "#%connect(host=try.example.com, port=8443, login=alice, password=s3cret)\n"
    open_text(vscode, uri, text)
    await barrier(vscode)
    [action] = await fixes_for(vscode, uri, "PA602")
    assert action.edit is not None and action.edit.document_changes is not None
    changes = list(action.edit.document_changes)
    creates = [c for c in changes if isinstance(c, types.CreateFile)]
    assert [c.uri for c in creates] == ["file:///workspace/secret/proactive_config.ini"]
    edits = {c.text_document.uri: c.edits for c in changes if isinstance(c, types.TextDocumentEdit)}
    ini = "".join(e.new_text for e in edits[creates[0].uri] if isinstance(e, types.TextEdit))
    assert "s3cret" in ini and "alice" in ini
    fixed = apply(text, [e for e in edits[uri] if isinstance(e, types.TextEdit)])
    assert "s3cret" not in fixed and fixed.startswith("#%connect(")


async def test_split_cell_fix_for_a_second_pragma_in_a_notebook_cell(vscode: Client) -> None:
    nb = open_notebook(
        vscode,
        "file:///ws/split.ipynb",
        [
            "#%task(name=prep, export=[data])\ndata = [1, 2, 3]\n#%task(name=train, dep=[prep])\nprint(1)",
        ],
    )
    await barrier(vscode)
    assert "PA105" in codes(vscode.diagnostics[nb.uris[0]])
    actions = await fixes_for(vscode, nb.uris[0], "PA105")
    commands = [a.command for a in actions if a.command is not None]
    assert [(c.command, list(c.arguments or [])) for c in commands] == [
        ("proactive.client.splitCell", [nb.uris[0], 2])
    ]
    nb.close()


async def test_indented_pragma_in_a_python_file_is_fixed_by_an_edit(vscode: Client) -> None:
    uri = "file:///workspace/indent.py"
    text = "#%task(name=a)\nx = 1\n  #%task(name=b)\ny = 2\n"
    open_text(vscode, uri, text)
    await barrier(vscode)
    if "PA105" not in codes(vscode.diagnostics[uri]):
        pytest.skip("an indented pragma in a .py file is not reported")
    actions = await fixes_for(vscode, uri, "PA105")
    assert all(a.command is None for a in actions)  # no cells to split in a file


async def test_source_actions_on_a_pragma_line(vscode: Client) -> None:
    uri = "file:///workspace/source.py"
    open_text(vscode, uri, "#%task(name=a)\nx = 1\n")
    await barrier(vscode)
    found = await vscode.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=rng(0, 3, 0, 3),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    actions = [a for a in found or [] if isinstance(a, types.CodeAction)]
    commands = {a.command.command for a in actions if a.command is not None}
    assert all(a.kind == types.CodeActionKind.Source for a in actions)
    assert {
        "proactive.exportXml",
        "proactive.writePicture",
        "proactive.validateWithProActive",
    } <= commands
    assert all(list(a.command.arguments or []) == [uri] for a in actions if a.command)
    body = await vscode.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(uri),
            range=rng(1, 0, 1, 0),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert not body  # not on a body line


PA502 = [
    pytest.param(
        "task",
        "#%task(name=a, export=[v])\nv = 1\n\n#%task(name=b)\nx = 1\n\n"
        "#%task(name=c, import=[v])\nprint(v)\n",
        id="task",
    ),
]


async def test_no_add_dependency_fix_inside_a_replicate(vscode: Client) -> None:
    # Adding a parent to a replicated task would break the replicate (one parent only).
    uri = "file:///workspace/pa502_process.py"
    text = (
        "#%task(name=t, export=[v])\nv = 1\n\n#%split(name=s)\n#%runs()\nruns=2;\n"
        "#%process(name=p, import=[v])\n#%merge(name=m)\nprint('x')\n"
    )
    open_text(vscode, uri, text)
    await barrier(vscode)
    assert "PA502" in codes(vscode.diagnostics[uri])
    assert await fixes_for(vscode, uri, "PA502") == []


@pytest.mark.parametrize(("where", "text"), PA502)
async def test_add_dependency_fix_for_an_import_from_a_non_ancestor(
    vscode: Client, where: str, text: str
) -> None:
    uri = f"file:///workspace/pa502_{where}.py"
    open_text(vscode, uri, text)
    await barrier(vscode)
    [action, *_] = await fixes_for(vscode, uri, "PA502")
    assert action.edit is not None and action.edit.changes is not None
    new_text = apply(text, action.edit.changes[uri])
    change_full(vscode, uri, new_text, version=2)
    await barrier(vscode)
    assert codes(vscode.diagnostics[uri]) == [], new_text
