"""PA103: removed pragma `get_result`; fix: `get_job_result(job_id=...)`."""

from __future__ import annotations

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span


def test_get_result_is_removed() -> None:
    cells = ["#%get_result(id=1193)"]
    found = only("PA103", *cells)
    check(found, severity=Severity.ERROR, cell=0, where=span(0, 2, 12), words=("get_result",))
    assert "PA102" not in codes(*cells)
    fix = fix_titled(found, "get_job_result")
    assert apply(cells, found, fix)[0] == "#%get_job_result(job_id=1193)"


def test_get_job_result_is_fine() -> None:
    assert "PA103" not in codes("#%get_job_result(job_id=1193)")
