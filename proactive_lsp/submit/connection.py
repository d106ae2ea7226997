"""Where and as whom to connect: flags/settings, `#%connect`, `proactive_config.ini`, environment.

The first source that names a server wins (kernel-13.0.4.md §6):

1. explicit values: CLI flags (`--url`/`--login`, or `--config INI`) or the LSP settings;
2. the last `#%connect` pragma of the document (`url=`, `host=`/`port=` with the kernel's scheme
   rules, or `path=` to an ini, relative to the document's folder);
3. `proactive_config.ini` next to the document (the kernel's format, `protocol` included);
4. the environment: `PROACTIVE_URL`, `PROACTIVE_LOGIN`, `PROACTIVE_PASSWORD`.

The login comes from the same source as the server, else from `PROACTIVE_LOGIN`. The password
is the one handed in (an LSP command argument, a prompt), else the same source's (an ini, a
`password=` written in the pragma), else `PROACTIVE_PASSWORD`. It is never read from the command
line, never logged and never part of `repr()`.

Pure: no SDK, no LSP.
"""

from __future__ import annotations

import configparser
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from proactive_lsp.analysis import Analysis
from proactive_lsp.checks.files import CONFIG_NAME, config_problem
from proactive_lsp.submit.errors import ConnectionSettingsError, PasswordNeeded

ENV_URL = "PROACTIVE_URL"
ENV_LOGIN = "PROACTIVE_LOGIN"
ENV_PASSWORD = "PROACTIVE_PASSWORD"


@dataclass(frozen=True)
class Target:
    """A scheduler and the account to use on it."""

    url: str  # the server root, as `ProActiveGateway` takes it (no `/rest`, no trailing `/`)
    login: str | None
    source: str  # where the URL came from, for messages ("--url", "#%connect in cell 2", ...)
    password: str | None = field(default=None, repr=False, compare=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.url, self.login or "")

    def with_password(self, password: str | None) -> Target:
        return replace(self, password=password) if password else self

    def complete(self) -> Target:
        """This target, else `PasswordNeeded` / `ConnectionSettingsError` for what is missing."""
        if not self.login:
            raise ConnectionSettingsError(
                f"no login for {self.url} (from {self.source}): give --login, the `login` "
                f"setting, login= in #%connect, [user] login in {CONFIG_NAME}, or {ENV_LOGIN}"
            )
        if not self.password:
            raise PasswordNeeded(f"password needed for {self.login} on {self.url}")
        return self

    def describe(self) -> str:
        who = f"{self.login}@" if self.login else ""
        return f"{who}{self.url}"


def server_root(url: str) -> str:
    """The URL the SDK wants: it appends `/rest` itself, and a trailing `/` gives `//rest`."""
    root = url.strip().rstrip("/")
    if root.endswith("/rest"):
        root = root[: -len("/rest")].rstrip("/")
    if "://" not in root:
        raise ConnectionSettingsError(f"{url!r} is not a server URL (expected http(s)://host:port)")
    return root


@dataclass(frozen=True)
class IniSettings:
    url: str
    login: str | None
    password: str | None = field(repr=False)


def read_ini(path: Path, *, needs_user: bool = False) -> IniSettings:
    """Read a `proactive_config.ini` as kernel 13.0.4 does (`host` needs `protocol`, `port`)."""
    if not path.is_file():
        raise ConnectionSettingsError(f"{path}: No such file.")
    problem = config_problem(path, needs_user=needs_user)
    if problem is not None:
        raise ConnectionSettingsError(f"{path}: {problem}")
    parser = configparser.ConfigParser()
    with path.open(encoding="utf-8") as handle:
        parser.read_file(handle)
    server = parser["proactive_server"]
    host_form = f"{server.get('protocol')}://{server.get('host')}:{server.get('port')}"
    url = host_form if "host" in server else server["url"]
    login = password = None
    if parser.has_section("user"):
        login = parser["user"].get("login") or None
        password = parser["user"].get("password") or None
    return IniSettings(server_root(url), login, password)


def resolve_target(
    *,
    url: str | None = None,
    login: str | None = None,
    config: str | Path | None = None,
    password: str | None = None,
    analysis: Analysis | None = None,
    environ: Mapping[str, str] | None = None,
    explicit_source: str = "--url",
) -> Target:
    """The first source naming a server (see the module doc). Raises `ConnectionSettingsError`.

    The result may still lack a password; `Target.complete()` says so.
    """
    env = os.environ if environ is None else environ
    env_login = env.get(ENV_LOGIN) or None
    env_password = env.get(ENV_PASSWORD) or None
    folder = analysis.document.folder if analysis is not None else None

    def target(found_url: str, found_login: str | None, found_password: str | None,
               source: str) -> Target:
        return Target(
            url=server_root(found_url),
            login=login or found_login or env_login,
            source=source,
            password=password or found_password or env_password,
        )

    if url:
        return target(url, None, None, explicit_source)
    if config:
        ini = read_ini(Path(config).expanduser(), needs_user=False)
        return target(ini.url, ini.login, ini.password, str(config))
    if analysis is not None and analysis.workflow.connections:
        connection = analysis.workflow.connections[-1]
        source = f"#%connect in cell {connection.cell + 1}"
        if connection.config_path:
            path = Path(connection.config_path).expanduser()
            if folder is not None and not path.is_absolute():
                path = folder / path
            ini = read_ini(path, needs_user=True)
            return target(ini.url, ini.login, ini.password, f"{source} ({connection.config_path})")
        if connection.url:
            written = _pragma_password(analysis, connection.cell)
            return target(connection.url, connection.login, written, source)
    if folder is not None and (folder / CONFIG_NAME).is_file():
        ini = read_ini(folder / CONFIG_NAME, needs_user=False)
        return target(ini.url, ini.login, ini.password, CONFIG_NAME)
    if env.get(ENV_URL):
        return target(env[ENV_URL], None, None, ENV_URL)
    raise ConnectionSettingsError(
        "no scheduler to connect to: give --url URL (or --config INI), set the scheduler URL in "
        f"the editor's settings, add #%connect(...) or a {CONFIG_NAME} next to the document, "
        f"or set {ENV_URL}"
    )


def _pragma_password(analysis: Analysis, cell: int) -> str | None:
    if cell >= len(analysis.cells):
        return None
    pragma = analysis.cells[cell].pragma
    return None if pragma is None else pragma.value("password")
