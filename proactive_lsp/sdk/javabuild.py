"""Compile the validator's Java sources once per (sources, SDK version) into a user cache.

Class files never live in the repository: they are built on first use against the installed
SDK jars and reused. Parallel test workers may race to build, so the build holds a file lock
and publishes the result with an atomic rename; a half-built folder is never visible.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from proactive_lsp.sdk.errors import SdkUnavailableError
from proactive_lsp.sdk.locate import javac_executable, sdk_lib_dir, sdk_version

JAVA_SOURCES = Path(__file__).with_name("java")
CACHE_ENV = "PROACTIVE_LSP_CACHE"
# Java 8 bytecode runs on every JVM the SDK supports, so the key need not name the JDK.
_JAVAC_RELEASE = "8"
_COMPILE_TIMEOUT_S = 120.0


def compiled_classes() -> Path:
    """The folder of compiled validator classes, building it if needed."""
    final = cache_dir() / f"validator-{_source_key()}"
    if final.is_dir():
        return final
    final.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(final.with_name(final.name + ".lock")):
        if final.is_dir():  # another process built it while we waited
            return final
        staging = Path(tempfile.mkdtemp(prefix=final.name + ".", dir=final.parent))
        try:
            _javac(staging)
            os.replace(staging, final)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return final


def cache_dir() -> Path:
    """`$PROACTIVE_LSP_CACHE`, else `$XDG_CACHE_HOME/proactive-lsp`, else `~/.cache/...`."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "proactive-lsp"


def java_source_files() -> list[Path]:
    return sorted(JAVA_SOURCES.rglob("*.java"))


def _source_key() -> str:
    digest = hashlib.sha256(f"sdk={sdk_version()}\n".encode())
    for source in java_source_files():
        digest.update(source.relative_to(JAVA_SOURCES).as_posix().encode() + b"\0")
        digest.update(source.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _javac(out_dir: Path) -> None:
    classpath = str(sdk_lib_dir() / "*")
    command = [
        javac_executable(),
        "--release",
        _JAVAC_RELEASE,
        "-nowarn",
        "-Xlint:-options",
        "-encoding",
        "UTF-8",
        "-cp",
        classpath,
        "-d",
        str(out_dir),
        *(str(p) for p in java_source_files()),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_COMPILE_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise SdkUnavailableError(f"Could not run javac to build the validator: {e}") from e
    if done.returncode != 0:
        raise SdkUnavailableError(
            "javac failed to build the validator against the installed SDK jars "
            f"(is the SDK {sdk_version()} complete?):\n{done.stderr.strip()}"
        )


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            # LK_LOCK retries for ~10 s then raises; a build takes ~1 s.
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
