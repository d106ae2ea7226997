"""Every source → cells with exact offsets; malformed sources give messages, never tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from proactive_lsp.documents.cells import DocumentError, SourceKind
from proactive_lsp.documents.load import load_document
from proactive_lsp.documents.notebook import notebook_from_cells, read_notebook_text
from proactive_lsp.documents.pyfile import split_python_text

UPSTREAM = Path(__file__).resolve().parents[2] / ".." / "shared" / "spec" / "upstream-examples"


def notebook_json(*cells: tuple[str, str], nbformat: int = 4) -> str:
    return json.dumps(
        {
            "nbformat": nbformat,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [
                {
                    "cell_type": kind,
                    "id": f"c{i}",
                    "metadata": {},
                    "source": text,
                    **({"outputs": [], "execution_count": None} if kind == "code" else {}),
                }
                for i, (kind, text) in enumerate(cells)
            ],
        }
    )


def test_notebook_skips_markdown_but_keeps_stored_indices() -> None:
    doc = read_notebook_text(
        notebook_json(
            ("markdown", "# title"), ("code", "#%task(name=a)"), ("raw", "x"), ("code", "print(1)")
        )
    )
    assert doc.kind is SourceKind.NOTEBOOK
    assert [(c.index, c.text, c.first_line) for c in doc.cells] == [
        (1, "#%task(name=a)", 0),
        (3, "print(1)", 0),
    ]


def test_notebook_source_as_list_of_lines() -> None:
    raw = json.loads(notebook_json(("code", "")))
    raw["cells"][0]["source"] = ["#%task(name=a)\n", "x = 1"]
    assert read_notebook_text(json.dumps(raw)).cells[0].text == "#%task(name=a)\nx = 1"


def test_notebook_without_code_cells_has_no_cells() -> None:
    assert read_notebook_text(notebook_json(("markdown", "only prose"))).cells == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "invalid JSON at line 1"),
        ('{"nbformat": 9, "cells": []}', "nbformat"),
        ("[1, 2]", "not a readable notebook"),
    ],
)
def test_malformed_notebooks_raise_document_error(text: str, words: str) -> None:
    with pytest.raises(DocumentError, match=words):
        read_notebook_text(text)


def test_python_file_cells_at_markers_and_pragma_lines() -> None:
    text = "import os\n#%task(name=a)\nx = 1\n\n# %% [markdown]\n# prose\n# %%\n#%task(name=b)\n"
    cells = split_python_text(text)
    assert [(c.first_line, c.text) for c in cells] == [
        (0, "import os"),
        (1, "#%task(name=a)\nx = 1\n"),
        (7, "#%task(name=b)\n"),
    ]


def test_python_file_crlf_and_bom() -> None:
    cells = split_python_text("\ufeff#%task(name=a)\r\nx = 1\r\n#%task(name=b)\r\n")
    assert [(c.first_line, c.text) for c in cells] == [
        (0, "#%task(name=a)\nx = 1"),
        (2, "#%task(name=b)\n"),
    ]


def test_double_percent_is_a_marker_in_python_files() -> None:
    cells = split_python_text("#%%\n#%task(name=a)\n#%% next\nprint(2)\n")
    assert [(c.first_line, c.text) for c in cells] == [(1, "#%task(name=a)"), (3, "print(2)\n")]


def test_cells_given_by_notebook_sync() -> None:
    doc = notebook_from_cells(["#%task(name=a)", ""])
    assert [(c.index, c.text) for c in doc.cells] == [(0, "#%task(name=a)"), (1, "")]


def test_load_document_reports_unreadable_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.py"
    binary.write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(DocumentError, match="UTF-8"):
        load_document(binary)
    with pytest.raises(DocumentError):
        load_document(tmp_path / "missing.ipynb")


@pytest.mark.parametrize(
    "name", ["DemoKernel.ipynb", "MLExample.ipynb", "TestPre_postScripts.ipynb"]
)
def test_upstream_notebooks_load(name: str) -> None:
    doc = load_document(UPSTREAM / name)
    assert doc.cells and all(
        c.text.startswith("#%") or c.text.strip() == "" or c.index is not None for c in doc.cells
    )
    assert doc.name == name.split(".")[0]
