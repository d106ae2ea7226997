"""Shared fixtures for the SDK bridge tests; `requires_sdk` tests skip without Java or the SDK."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from proactive_lsp.sdk import ValidatorProcess
from proactive_lsp.sdk.locate import missing_prerequisite

FIXTURES = Path(__file__).with_name("fixtures")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "requires_sdk: needs java, javac and the ProActive SDK (proactive==13.0.3)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = missing_prerequisite()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"ProActive validator unavailable: {reason}")
    for item in items:
        if "requires_sdk" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def validator() -> Iterator[ValidatorProcess]:
    """One validator JVM for the whole run: ~0.5 s to start, milliseconds per file after."""
    with ValidatorProcess() as process:
        yield process
