"""PA603: proactive_config.ini the kernel cannot use (`host` without `protocol`, no `[user]`)."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span

README_FORMAT = (
    "[proactive_server]\nhost=try.activeeon.com\nport=8443\n[user]\nlogin=a\npassword=b\n"
)
NO_USER = "[proactive_server]\nurl=https://try.activeeon.com:8443\n"
GOOD = "[proactive_server]\nprotocol=https\nhost=try.activeeon.com\nport=8443\n[user]\nlogin=\n"
TASK = "#%task(name=hello)\nx = 1"


def test_readme_format_breaks_start_up(tmp_path: Path) -> None:
    found = only("PA603", TASK, folder=tmp_path, files={"proactive_config.ini": README_FORMAT})
    check(
        found,
        severity=Severity.ERROR,
        cell=0,
        where=span(0, 0, 0),
        words=("`protocol`", "start-up"),
    )


def test_connect_path_needs_a_user_section(tmp_path: Path) -> None:
    found = only(
        "PA603", "#%connect(path=server.ini)", folder=tmp_path, files={"server.ini": NO_USER}
    )
    check(found, severity=Severity.ERROR, cell=0, where=span(0, 15, 25), words=("'user'",))


def test_neither_host_nor_url(tmp_path: Path) -> None:
    found = only(
        "PA603",
        TASK,
        folder=tmp_path,
        files={"proactive_config.ini": "[proactive_server]\nport=8443\n"},
    )
    assert "host and url not found" in found.message


def test_usable_files(tmp_path: Path) -> None:
    files = {"proactive_config.ini": GOOD, "server.ini": GOOD}
    assert "PA603" not in codes(TASK, "#%connect(path=server.ini)", folder=tmp_path, files=files)
    # The upstream sample: empty credentials are fine at start-up (no auto-login).
