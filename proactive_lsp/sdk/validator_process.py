"""One long-lived validator JVM answering paths on stdin, for many requests at low latency.

Start-up costs ~0.5 s per JVM; a running one answers a file in a few milliseconds. Use it for a
test suite or the language server; `validate_xml_files` is simpler for a one-off batch.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import IO

from proactive_lsp.sdk.errors import SdkUnavailableError, ValidatorCrashedError
from proactive_lsp.sdk.validator import validator_command, write_job_file
from proactive_lsp.sdk.verdict import Verdict, verdict_from_json

# Paths are sent in chunks and answered before the next chunk, so neither pipe can fill up
# while both sides are writing (which would deadlock).
_CHUNK = 64
_TIMEOUT_PER_FILE_S = 10.0


class ValidatorProcess:
    """A validator JVM kept alive between calls. Thread-safe; close it (or use `with`)."""

    def __init__(self) -> None:
        command = validator_command()
        # A file, not a pipe: the JVM may write lots to stderr (Xerces reports fatal errors
        # there) and nobody reads stderr until something goes wrong.
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        try:
            self._proc = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as e:
            self._stderr.close()
            raise SdkUnavailableError(f"Could not start the validator JVM: {e}") from e
        self._lock = threading.Lock()

    def validate(self, path: str | os.PathLike[str]) -> Verdict:
        return self.validate_many([path])[0]

    def validate_many(self, paths: Iterable[str | os.PathLike[str]]) -> list[Verdict]:
        """Verdicts in order; each `path` as given."""
        given = [os.fspath(p) for p in paths]
        for p in given:
            if "\n" in p or "\r" in p:
                raise ValueError(f"a job path cannot contain a line break: {p!r}")
        verdicts: list[Verdict] = []
        with self._lock:
            for start in range(0, len(given), _CHUNK):
                chunk = given[start : start + _CHUNK]
                verdicts.extend(self._exchange(chunk))
        return verdicts

    def validate_xml(self, text: str | bytes) -> Verdict:
        with tempfile.TemporaryDirectory(prefix="proactive-lsp-") as folder:
            verdict = self.validate(write_job_file(Path(folder), text))
        return replace(verdict, path=None)

    @property
    def alive(self) -> bool:
        return self._proc.poll() is None

    def close(self) -> None:
        """Ask the JVM to finish (EOF on stdin), killing it if it does not."""
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            with contextlib.suppress(OSError):
                self._proc.stdin.close()
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._stderr.close()

    def __enter__(self) -> ValidatorProcess:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _exchange(self, chunk: list[str]) -> list[Verdict]:
        stdin, stdout = self._proc.stdin, self._proc.stdout
        assert stdin is not None and stdout is not None
        # If the JVM hangs, killing it turns the blocked readline into an EOF we report.
        watchdog = threading.Timer(_TIMEOUT_PER_FILE_S * len(chunk), self._proc.kill)
        watchdog.start()
        try:
            stdin.write("".join(os.path.abspath(p) + "\n" for p in chunk))
            stdin.flush()
            lines = [stdout.readline() for _ in chunk]
        except OSError as e:
            raise self._crashed(f"pipe to the validator JVM broke: {e}") from e
        finally:
            watchdog.cancel()
        if not all(line.endswith("\n") for line in lines):
            raise self._crashed("validator JVM stopped answering")
        verdicts = [verdict_from_json(line) for line in lines]
        return [replace(v, path=p) for v, p in zip(verdicts, chunk, strict=True)]

    def _crashed(self, what: str) -> ValidatorCrashedError:
        self._stderr.seek(0)
        tail = self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
        return ValidatorCrashedError(f"{what} (exit code {self._proc.poll()}):\n{tail}")


_shared: ValidatorProcess | None = None
_shared_lock = threading.Lock()


def shared_validator() -> ValidatorProcess:
    """A process-wide validator JVM, started on first use, restarted if it died."""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.alive:
            if _shared is not None:
                _shared.close()
            else:
                atexit.register(_close_shared)
            _shared = ValidatorProcess()
        return _shared


def _close_shared() -> None:
    with _shared_lock:
        if _shared is not None:
            _shared.close()
