"""A `.py` view updated from one incremental change equals the view of the whole new text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pygls.workspace import Workspace

from proactive_lsp.server.views import text_view, with_text_edit

URI = "file:///work/flow.py"
TEXT = (
    "#%task(name=a, export=[x])\nx = 'é😀'\n\n"
    "# %%\nplain = 1\n\n"
    "#%task(name=b, dep=[a], import=[x])\nprint(x)\n"
)
INSERTED = st.sampled_from(["", "y", " ", "#", "\n", "#%", "%%", "😀", "\nz = 2"])


def _workspace(text: str) -> Workspace:
    workspace = Workspace(None, types.TextDocumentSyncKind.Incremental)
    workspace.put_text_document(types.TextDocumentItem(URI, "python", 1, text))
    return workspace


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 8), st.integers(0, 40), st.integers(0, 1), st.integers(0, 40), INSERTED
)
def test_one_change_inside_a_cell_gives_the_view_of_the_whole_text(
    line: int, character: int, more: int, end_character: int, inserted: str
) -> None:
    workspace = _workspace(TEXT)
    before = text_view(workspace, URI)
    end_line = line + more
    start = types.Position(line, character)
    end = types.Position(end_line, end_character)
    if (end.line, end.character) < (start.line, start.character):
        start, end = end, start
    change = types.TextDocumentContentChangePartial(types.Range(start, end), inserted)
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(version=2, uri=URI), change)
    updated = with_text_edit(before, workspace, change)
    if updated is None:
        return  # the server splits the whole text again
    whole = text_view(workspace, URI)
    assert updated.source == whole.source
    assert updated.targets == whole.targets
    assert [updated.locate(URI, n) for n in range(12)] == [whole.locate(URI, n) for n in range(12)]


def test_a_keystroke_keeps_the_other_cells_objects() -> None:
    workspace = _workspace(TEXT)
    before = text_view(workspace, URI)
    change = types.TextDocumentContentChangePartial(
        types.Range(types.Position(0, 13), types.Position(0, 13)), "2"
    )
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(version=2, uri=URI), change)
    updated = with_text_edit(before, workspace, change)
    assert updated is not None
    assert updated.source.cells[0].text.startswith("#%task(name=a2,")
    assert updated.source.cells[1] is before.source.cells[1]
    full_change = types.TextDocumentContentChangeWholeDocument(TEXT)
    assert with_text_edit(before, workspace, full_change) is None


def test_a_failed_analysis_makes_the_next_change_read_the_whole_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from proactive_lsp.server import store as store_module

    workspace = _workspace(TEXT)
    store = store_module.Store()
    store.refresh_text(workspace, URI)
    first = types.TextDocumentContentChangePartial(
        types.Range(types.Position(0, 13), types.Position(0, 13)), "2"
    )
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(version=2, uri=URI), first)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("analysis failed")

    with monkeypatch.context() as patched:
        patched.setattr(store_module, "analyze", broken)
        with pytest.raises(RuntimeError):
            store.refresh_text(workspace, URI, [first])
    assert URI not in store.entries
    second = types.TextDocumentContentChangePartial(
        types.Range(types.Position(0, 14), types.Position(0, 14)), "3"
    )
    workspace.update_text_document(types.VersionedTextDocumentIdentifier(version=3, uri=URI), second)
    entry = store.refresh_text(workspace, URI, [second])
    assert entry.view.source == text_view(workspace, URI).source
    assert entry.view.source.cells[0].text.startswith("#%task(name=a23,")
