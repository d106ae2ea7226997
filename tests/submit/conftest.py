"""Fixtures for `tests/submit`: the stand-in, a private data folder, a clean environment.

Tests marked `requires_sdk` are skipped without `java` or the `proactive` package.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from standin.fixtures import proactive_validate, scheduler, scheduler_factory

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]


@pytest.fixture(autouse=True)
def private_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Our own data folder (job record, result views); no PROACTIVE_* from the outside."""
    for name in ("PROACTIVE_URL", "PROACTIVE_LOGIN", "PROACTIVE_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "data"
    monkeypatch.setenv("PROACTIVE_LSP_DATA_DIR", str(data))
    yield data
