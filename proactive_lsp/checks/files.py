"""Files the pragmas name and the connection settings: PA601, PA602, PA603."""

from __future__ import annotations

import configparser
from collections.abc import Iterable, Sequence
from pathlib import Path

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import SECRET_PLACEHOLDER, Diagnostic, Edit, Fix, NewFile
from proactive_lsp.documents.cells import SourceDocument
from proactive_lsp.model.cell import CellSyntax
from proactive_lsp.syntax.tree import Pragma
from proactive_lsp.text import Range

CONFIG_NAME = "proactive_config.ini"
# Pragmas whose `path=` names a file read when the cell runs (connect's is checked as an ini).
_FILE_PRAGMAS = {
    "task",
    "split",
    "process",
    "merge",
    "start",
    "loop",
    "branch",
    "if",
    "else",
    "continuation",
    "pre_script",
    "post_script",
    "selection_script",
    "fork_env",
    "job_selection_script",
    "job_fork_env",
    "import_dot",
}


def config_file(folder: Path | None) -> Path | None:
    """The `proactive_config.ini` next to the document, if there is one."""
    if folder is None:
        return None
    config = folder / CONFIG_NAME
    return config if config.is_file() else None


def reads_files(cell: CellSyntax) -> bool:
    """Whether the checks read the disk for this cell: only such cells can have findings here,
    and theirs can change without an edit (a file is created)."""
    pragma = cell.pragma
    return (
        pragma is not None
        and not cell.rejected
        and (pragma.name.text == "connect" or pragma.param("path") is not None)
    )


def check_files(
    document: SourceDocument,
    cells: Sequence[CellSyntax],
    config: Path | None,
    file_cells: Iterable[int],
) -> list[Diagnostic]:
    """``config``: the document's :func:`config_file`, looked up once per analysis;
    ``file_cells``: the cells that :func:`reads_files` (no other cell has findings here)."""
    found: list[Diagnostic] = []
    folder = document.folder
    for index in file_cells:
        cell = cells[index]
        pragma = cell.pragma
        if pragma is None or cell.rejected:
            continue
        name = pragma.name.text
        path = pragma.param("path")
        named = path.value.text if path is not None and name in _FILE_PRAGMAS else ""
        if path is not None and folder is not None and named and not (folder / named).exists():
            where = f"{folder.name or '.'}/"
            message = f"file '{named}' does not exist (relative to {where})"
            found.append(make("PA601", message, path.value.range, cell=index))
        if name == "connect":
            found.extend(_connect_problems(document, index, pragma))
    if config is not None and cells:
        problem = config_problem(config, needs_user=False)
        if problem is not None:
            found.append(
                make(
                    "PA603",
                    f"{CONFIG_NAME} next to the notebook: {problem}; the kernel reads it at start-up "
                    "and then fails every cell",
                    Range.on_line(0, 0, 0),
                    cell=0,
                )
            )
    return found


def _connect_problems(document: SourceDocument, index: int, pragma: Pragma) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    folder = document.folder
    path = pragma.param("path")
    if path is not None and path.value.text and folder is not None:
        ini = folder / path.value.text
        if not ini.is_file():
            found.append(
                make("PA601", f"{path.value.text}: No such file.", path.value.range, cell=index)
            )
        else:
            problem = config_problem(ini, needs_user=True)
            if problem is not None:
                found.append(
                    make("PA603", f"{path.value.text}: {problem}", path.value.range, cell=index)
                )
    password = pragma.param("password")
    if password is not None:
        found.append(
            make(
                "PA602",
                "password written in the notebook: anyone who gets the file gets the account; keep it "
                f"in {CONFIG_NAME} (or let the kernel prompt for it)",
                password.value.range,
                cell=index,
                fixes=(_move_credentials(pragma),),
            )
        )
    return found


def _move_credentials(pragma: Pragma) -> Fix:
    params = pragma.params
    password = pragma.param("password")
    assert password is not None
    position = params.index(password)
    # Remove `, password=...` (or `password=..., ` when it is first) so the line still parses.
    if position > 0:
        start = params[position - 1].range.end
        end = password.range.end
    elif len(params) > 1:
        start, end = password.range.start, params[1].range.start
    else:
        start, end = password.range.start, password.range.end
    url = pragma.value("url") or ""
    host = pragma.value("host")
    server = (
        f"url = {url}\n"
        if url
        else (
            f"protocol = https\nhost = {host}\nport = {pragma.value('port') or '8443'}\n"
            if host
            else "url = https://try.activeeon.com:8443\n"
        )
    )
    content = (
        f"[proactive_server]\n{server}\n[user]\nlogin = {pragma.value('login') or ''}\n"
        f"password = {SECRET_PLACEHOLDER}\n"
    )
    return Fix(
        f"Move the credentials to {CONFIG_NAME}",
        (Edit(Range(start, end), ""),),
        new_file=NewFile(CONFIG_NAME, content, secret=password.value.range),
    )


def config_problem(path: Path, *, needs_user: bool) -> str | None:
    """Why the kernel cannot use this ini, in its own terms, or None when it can."""
    parser = configparser.ConfigParser()
    try:
        with path.open(encoding="utf-8") as handle:
            parser.read_file(handle)
    except (OSError, UnicodeDecodeError, configparser.Error) as error:
        return f"cannot be read ({type(error).__name__}: {error})".replace("\n", " ")
    if not parser.has_section("proactive_server"):
        return "no [proactive_server] section"
    server = parser["proactive_server"]
    if "host" in server:
        for key in ("protocol", "port"):
            if key not in server:
                return f"`host` needs `{key}` too (kernel 13.x: Proactive config error: '{key}')"
    elif "url" not in server:
        return "Activeeon server host and url not found in the config file."
    if needs_user and not parser.has_section("user"):
        return "no [user] section (kernel: Proactive config error: 'user')"
    return None
