"""The generated diagnostics page is up to date, and every documented example is true."""

from __future__ import annotations

from pathlib import Path

import pytest

from proactive_lsp.checks.codes import CODES
from proactive_lsp.checks.docs import DOCS, render_markdown

from .codes.helpers import codes

PAGE = Path(__file__).resolve().parents[2] / "docs" / "diagnostics.md"


def test_the_committed_page_is_generated_from_the_docs() -> None:
    assert PAGE.read_text(encoding="utf-8") == render_markdown(), (
        "docs/diagnostics.md is stale: regenerate it with "
        "`python -m proactive_lsp.checks.docs > docs/diagnostics.md`"
    )


def test_every_code_has_exactly_one_doc() -> None:
    assert list(DOCS) == list(CODES)


@pytest.mark.parametrize("code", list(CODES))
def test_every_doc_is_complete(code: str) -> None:
    doc = DOCS[code]
    assert doc.what and doc.why and doc.fix
    assert doc.example and doc.fixed
    assert f"## {code}" in render_markdown()


@pytest.mark.parametrize("code", list(CODES))
def test_the_example_triggers_the_code(code: str, tmp_path: Path) -> None:
    doc = DOCS[code]
    found = codes(*doc.example, folder=tmp_path, files=doc.files)
    assert code in found, f"{code} example gives {sorted(found)}"


@pytest.mark.parametrize("code", list(CODES))
def test_the_fixed_example_does_not(code: str, tmp_path: Path) -> None:
    doc = DOCS[code]
    found = codes(*doc.fixed, folder=tmp_path, files=doc.files_of_fixed)
    assert code not in found, f"{code} fixed example still gives {code}"


@pytest.mark.parametrize("code", list(CODES))
def test_the_fixed_example_has_no_error(code: str, tmp_path: Path) -> None:
    """A "use instead" that the kernel or ProActive refuses for another reason is no advice."""
    from proactive_lsp.diagnostics import Severity

    from .codes.helpers import diagnostics

    doc = DOCS[code]
    errors = [
        d
        for d in diagnostics(*doc.fixed, folder=tmp_path, files=doc.files_of_fixed)
        if d.severity is Severity.ERROR
    ]
    assert errors == []
