"""PA604: pragma that needs a connection, with no `connect` before it and no config file."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

TASK = "#%task(name=hello)\nx = 1"
CONFIG = "[proactive_server]\nprotocol=https\nhost=try.activeeon.com\nport=8443\n"


def test_first_pragma_needing_a_connection() -> None:
    found = only("PA604", "#%help()", TASK, "#%submit_job()")
    check(found, severity=Severity.HINT, cell=1, where=span(0, 2, 6), words=("#%connect",))


def test_connect_first() -> None:
    assert "PA604" not in codes("#%connect(login=alice)", TASK, "#%submit_job()")


def test_config_next_to_the_notebook(tmp_path: Path) -> None:
    files = {"proactive_config.ini": CONFIG}
    assert "PA604" not in codes(TASK, "#%submit_job()", folder=tmp_path, files=files)


def test_connection_free_pragmas() -> None:
    assert "PA604" not in codes("#%help()", "#%configure(task=block)")
