"""Shared fixtures for the SDK bridge tests; `requires_sdk` tests skip without Java or the SDK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from proactive_lsp.sdk import ValidatorProcess

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="session")
def validator() -> Iterator[ValidatorProcess]:
    """One validator JVM for the whole run: ~0.5 s to start, milliseconds per file after."""
    with ValidatorProcess() as process:
        yield process
