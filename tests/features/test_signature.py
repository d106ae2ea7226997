"""Signature help: the usage line, parameter offsets, and the active parameter."""

from __future__ import annotations

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.features.items import SignatureInfo
from proactive_lsp.features.signature import signature_help
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.text import Position


def at(text: str) -> SignatureInfo | None:
    column = text.index("|")
    document = notebook_from_cells([text.replace("|", "")])
    return signature_help(analyze(document), 0, Position(0, column))


def names(info: SignatureInfo) -> list[str]:
    return [info.label[p.label[0] : p.label[1]] for p in info.parameters]


def active(info: SignatureInfo | None) -> str | None:
    assert info is not None
    index = info.active_parameter
    return None if index is None else names(info)[index]


def test_label_is_the_usage_line_with_one_entry_per_documented_parameter() -> None:
    info = at("#%pre_script(|")
    assert info is not None
    assert info.label == PRAGMAS["pre_script"].usage
    assert names(info) == ["name=TASK_NAME", "language=SCRIPT_LANGUAGE",
                           "[path=./PRE_SCRIPT_FILE.py]"]
    assert info.parameters[0].documentation.startswith("**required**. The task that gets")
    task = at("#%task(|")
    assert task is not None
    assert len(task.parameters) == 10  # every #%task parameter is in its usage


def test_active_parameter_is_the_key_under_the_cursor() -> None:
    assert active(at("#%task(name=a, dep=[x, |")) == "[dep=[TASK_NAME1,TASK_NAME2,...]]"
    assert active(at("#%task(name=a, lang|uage=R)")) == "[language=SCRIPT_LANGUAGE]"
    assert active(at("#%task(name=a|)")) == "name=TASK_NAME"
    assert active(at("#%task(name=a, prec|")) == "[precious_result=true/false]"


def test_between_parameters_the_next_missing_required_one_is_active() -> None:
    assert active(at("#%pre_script(path=a.sh, |")) == "name=TASK_NAME"
    assert active(at("#%pre_script(name=a, |")) == "language=SCRIPT_LANGUAGE"
    assert active(at("#%task(name=a, |")) == "[dep=[TASK_NAME1,TASK_NAME2,...]]"
    assert active(at("#%task(name=a, foo=|")) is None  # an unknown key


def test_parameters_missing_from_the_usage_are_appended_to_the_label() -> None:
    info = at("#%split(|")
    assert info is not None
    assert info.label.endswith("[path=./FORK_ENV_FILE.py], [export=...], [import=...])")
    assert names(info)[-2:] == ["[export=...]", "[import=...]"]


def test_connect_form_follows_the_keys_written() -> None:
    info = at("#%connect(url=https://x, |")
    assert info is not None
    assert info.label == "#%connect([url=YOUR_URL], [login=YOUR_LOGIN], [password=YOUR_PASSWORD])"
    assert active(info) == "[login=YOUR_LOGIN]"  # the next one not written yet
    path = at("#%connect(path=|")
    assert path is not None and path.label == "#%connect(path=PATH_TO/YOUR_CONFIG_FILE.ini)"


def test_no_signature_outside_the_parentheses_or_for_unknown_pragmas() -> None:
    assert at("#%ta|sk(name=a)") is None
    assert at("#%task(name=a)|") is None
    assert at("#%nosuch(|") is None
    empty = at("#%list_hosts(|")
    assert empty is not None and empty.parameters == () and empty.active_parameter is None
