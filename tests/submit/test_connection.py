"""Where and as whom: flags, #%connect, proactive_config.ini, environment (first match wins)."""

from __future__ import annotations

from pathlib import Path

import pytest

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.load import load_document
from proactive_lsp.submit.connection import read_ini, resolve_target, server_root
from proactive_lsp.submit.errors import ConnectionSettingsError, PasswordNeeded

TASK = "#%task(name=hello)\nprint('hello')\n"


def document(folder: Path, text: str = TASK, ini: str | None = None):  # type: ignore[no-untyped-def]
    path = folder / "flow.py"
    path.write_text(text, encoding="utf-8")
    if ini is not None:
        (folder / "proactive_config.ini").write_text(ini, encoding="utf-8")
    return analyze(load_document(path))


def test_flags_win_over_everything(tmp_path: Path) -> None:
    analysis = document(tmp_path, "#%connect(url=https://doc:8443, login=bob)\n" + TASK,
                        ini="[proactive_server]\nurl = https://ini:8443\n")
    target = resolve_target(url="http://flag:8080/", login="alice", analysis=analysis,
                            environ={"PROACTIVE_URL": "http://env:1"})
    assert (target.url, target.login, target.source) == ("http://flag:8080", "alice", "--url")


def test_connect_pragma_follows_the_kernel_scheme_rules(tmp_path: Path) -> None:
    cases = {
        "#%connect(host=h, port=9000, login=bob)": "https://h:9000",
        "#%connect(host=h, login=bob)": "http://h:8080",
        "#%connect(port=8444, login=bob)": "https://try.activeeon.com:8444",
        "#%connect(url=http://u:8080/rest, login=bob)": "http://u:8080",
        "#%connect(login=bob)": "https://try.activeeon.com:8443",
    }
    for line, url in cases.items():
        target = resolve_target(analysis=document(tmp_path, line + "\n" + TASK), environ={})
        assert (target.url, target.login) == (url, "bob"), line
        assert target.source == "#%connect in cell 1"


def test_connect_path_reads_the_ini_relative_to_the_document(tmp_path: Path) -> None:
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "server.ini").write_text(
        "[proactive_server]\nprotocol = http\nhost = sched\nport = 8080\n"
        "[user]\nlogin = carol\npassword = s3cret\n", encoding="utf-8")
    target = resolve_target(analysis=document(tmp_path, "#%connect(path=conf/server.ini)\n" + TASK),
                            environ={"PROACTIVE_PASSWORD": "from-env"})
    assert (target.url, target.login, target.password) == ("http://sched:8080", "carol", "s3cret")
    assert "s3cret" not in repr(target)


def test_ini_next_to_the_document_then_environment(tmp_path: Path) -> None:
    analysis = document(tmp_path, ini="[proactive_server]\nurl = https://ini:8443/\n"
                        "[user]\nlogin = dave\n")
    env = {"PROACTIVE_URL": "http://env:1", "PROACTIVE_PASSWORD": "pw"}
    target = resolve_target(analysis=analysis, environ=env)
    assert (target.url, target.login, target.password) == ("https://ini:8443", "dave", "pw")
    assert target.source == "proactive_config.ini"

    bare = tmp_path / "bare"
    bare.mkdir()
    env = {"PROACTIVE_URL": "http://env:1", "PROACTIVE_LOGIN": "erin"}
    target = resolve_target(analysis=document(bare), environ=env)
    assert (target.url, target.login, target.source) == ("http://env:1", "erin", "PROACTIVE_URL")
    with pytest.raises(PasswordNeeded):
        target.complete()


def test_kernel_13_ini_needs_protocol_with_host(tmp_path: Path) -> None:
    ini = tmp_path / "proactive_config.ini"
    ini.write_text("[proactive_server]\nhost = h\nport = 8080\n", encoding="utf-8")
    with pytest.raises(ConnectionSettingsError, match="`host` needs `protocol`"):
        read_ini(ini)
    with pytest.raises(ConnectionSettingsError, match="No such file"):
        read_ini(tmp_path / "missing.ini")


def test_nothing_to_connect_to(tmp_path: Path) -> None:
    with pytest.raises(ConnectionSettingsError, match="no scheduler to connect to"):
        resolve_target(analysis=document(tmp_path), environ={})
    with pytest.raises(ConnectionSettingsError, match="not a server URL"):
        server_root("localhost:8080")


def test_explicit_password_wins_and_never_shows(tmp_path: Path) -> None:
    analysis = document(tmp_path, "#%connect(url=http://u:1, login=bob, password=written)\n" + TASK)
    target = resolve_target(analysis=analysis, password="typed", environ={})
    assert target.complete().password == "typed"
    assert "typed" not in repr(target) and "typed" not in target.describe()
    assert resolve_target(analysis=analysis, environ={}).password == "written"
