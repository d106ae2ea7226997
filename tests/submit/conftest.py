"""Fixtures for `tests/submit`: the stand-in, a private data folder, a clean environment.

Tests marked `requires_sdk` are skipped without `java` or the `proactive` package.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from standin.fixtures import proactive_validate, scheduler, scheduler_factory

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requires_sdk: needs `java` and the `proactive` package")
    config.addinivalue_line("markers", "standin(**knobs): Behaviour knobs for `scheduler`")


def sdk_missing() -> str | None:
    if shutil.which("java") is None:
        return "no `java` on PATH"
    if importlib.util.find_spec("proactive") is None:
        return "the `proactive` package is not installed"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("requires_sdk") is not None:
        reason = sdk_missing()
        if reason:
            pytest.skip(reason)


@pytest.fixture(autouse=True)
def private_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Our own data folder (job record, result views); no PROACTIVE_* from the outside."""
    for name in ("PROACTIVE_URL", "PROACTIVE_LOGIN", "PROACTIVE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("PROACTIVE_LSP_DATA_DIR", str(data))
    yield data
