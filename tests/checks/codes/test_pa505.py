"""PA505: import/export on a task with `path=` (the kernel does not inject the code)."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

FILES = {"train.py": "model = 42\n", "t.py": "b = 1\n"}


def test_export_with_path(tmp_path: Path) -> None:
    found = only(
        "PA505", "#%task(name=train, path=train.py, export=[model])", folder=tmp_path, files=FILES
    )
    check(found, severity=Severity.WARNING, cell=0, where=span(0, 42, 47), words=("path=",))


def test_import_and_export_with_path(tmp_path: Path) -> None:
    found = only(
        "PA505",
        "#%task(name=prep, export=[a])\na = 1",
        "#%task(name=t, dep=[prep], path=t.py, import=[a], export=[b])",
        folder=tmp_path,
        files=FILES,
    )
    assert found.cell == 1 and found.range == span(0, 46, 59)


def test_code_in_the_cell(tmp_path: Path) -> None:
    assert "PA505" not in codes(
        "#%task(name=train, export=[model])\nmodel = 42",
        "#%task(name=t, path=t.py)",
        folder=tmp_path,
        files=FILES,
    )
