"""PA602: password written in `#%connect`; fix: move it to proactive_config.ini."""

from __future__ import annotations

import configparser

from proactive_lsp.diagnostics import Severity

from .helpers import apply, check, codes, fix_titled, only, span

LINE = "#%connect(host=try.activeeon.com, port=8443, login=alice, password=secret)"


def test_password_in_the_notebook() -> None:
    found = only("PA602", LINE)
    check(found, severity=Severity.WARNING, cell=0, where=span(0, 67, 73), words=("password",))
    assert "secret" not in found.message


def test_fix_moves_the_credentials() -> None:
    found = only("PA602", LINE)
    fix = fix_titled(found, "proactive_config.ini")
    assert apply([LINE], found, fix) == [
        "#%connect(host=try.activeeon.com, port=8443, login=alice)"
    ]
    assert fix.new_file is not None and fix.new_file.relative_path == "proactive_config.ini"
    ini = configparser.ConfigParser()
    assert "secret" not in fix.new_file.content  # the data travelling with the diagnostic
    ini.read_string(fix.new_file.resolved(LINE))
    assert ini["user"]["login"] == "alice" and ini["user"]["password"] == "secret"
    assert ini["proactive_server"]["protocol"] == "https"


def test_fix_when_the_password_comes_first() -> None:
    line = "#%connect(password=secret, login=alice)"
    found = only("PA602", line)
    assert apply([line], found, found.fixes[0]) == ["#%connect(login=alice)"]


def test_no_password() -> None:
    assert "PA602" not in codes("#%connect(host=try.activeeon.com, port=8443, login=alice)")
