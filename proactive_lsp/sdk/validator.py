"""Validate job XML with ProActive's own code: the schema and parse stage, then FlowChecker.

One JVM judges a whole batch (`validate_xml_files`); start-up dominates, so batch whenever you
can. For many separate requests, `ValidatorProcess` (in `validator_process`) keeps one JVM alive.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from proactive_lsp.sdk.errors import SdkUnavailableError, ValidatorCrashedError
from proactive_lsp.sdk.javabuild import compiled_classes
from proactive_lsp.sdk.locate import java_executable, sdk_lib_dir
from proactive_lsp.sdk.verdict import Verdict, verdict_from_json

MAIN_CLASS = "proactivelsp.ValidateJobs"
# C1 only, small heap and the serial collector: the validator is short-lived and single-threaded,
# and these take ~35 % off a 27-file batch here (little off a single file).
JVM_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xmx256m", "-XX:+UseSerialGC")
_BASE_TIMEOUT_S = 60.0
_PER_FILE_TIMEOUT_S = 0.5


def validate_xml_files(
    paths: Iterable[str | os.PathLike[str]], *, timeout: float | None = None
) -> list[Verdict]:
    """ProActive's verdict on each file, in order, from one JVM.

    Each `Verdict.path` is the path as given. Raises `SdkUnavailableError` when Java or the SDK
    is missing and `ValidatorCrashedError` when the JVM fails or times out.
    """
    given = [os.fspath(p) for p in paths]
    if not given:
        return []
    absolute = [_checked_absolute(p) for p in given]
    limit = timeout if timeout is not None else _BASE_TIMEOUT_S + _PER_FILE_TIMEOUT_S * len(given)
    try:
        done = subprocess.run(
            validator_command(),
            input="".join(p + "\n" for p in absolute),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired as e:
        raise ValidatorCrashedError(f"validator JVM timed out after {limit:.0f} s") from e
    except OSError as e:
        raise SdkUnavailableError(f"Could not start the validator JVM: {e}") from e
    lines = done.stdout.splitlines()
    if done.returncode != 0 or len(lines) != len(given):
        raise ValidatorCrashedError(
            f"validator JVM exited with {done.returncode} after {len(lines)} of {len(given)} "
            f"answers:\n{done.stderr.strip()[-2000:]}"
        )
    return [replace(verdict_from_json(line), path=p) for line, p in zip(lines, given, strict=True)]


def validate_xml(text: str | bytes, *, timeout: float | None = None) -> Verdict:
    """ProActive's verdict on one job given as XML text (`path` is `None`).

    Bytes are written as they are, so an XML declaration's encoding is honoured; text is
    written as UTF-8.
    """
    with tempfile.TemporaryDirectory(prefix="proactive-lsp-") as folder:
        path = write_job_file(Path(folder), text)
        (verdict,) = validate_xml_files([path], timeout=timeout)
    return replace(verdict, path=None)


def validator_command() -> list[str]:
    """The command that starts the validator; reads paths on stdin, one per line."""
    classpath = os.pathsep.join([str(compiled_classes()), str(sdk_lib_dir() / "*")])
    # Our classes come first so our JobValidatorRegistry shadows the SDK's (Java 9+ fix).
    return [java_executable(), *JVM_OPTIONS, "-cp", classpath, MAIN_CLASS]


def write_job_file(folder: Path, text: str | bytes) -> Path:
    path = folder / "job.xml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _checked_absolute(path: str) -> str:
    # The protocol is one path per line; ProActive needs absolute paths.
    if "\n" in path or "\r" in path:
        raise ValueError(f"a job path cannot contain a line break: {path!r}")
    return os.path.abspath(path)
