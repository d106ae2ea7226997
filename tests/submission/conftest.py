"""Fixtures for submission tests: the stand-in scheduler, and one SDK gateway per module.

Tests marked `requires_sdk` are skipped when `java` or the `proactive` package is missing.
"""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from standin import Behaviour, StandinScheduler
from standin.fixtures import proactive_validate, scheduler, scheduler_factory

from .sdk_session import open_gateway, stop_gateway

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]

ADMIN = ("admin", "admin")


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


@pytest.fixture(scope="module")
def shared_standin() -> Iterator[StandinScheduler]:
    """One stand-in for a whole module; `reset_standin` restores its behaviour after each test."""
    with StandinScheduler() as standin:
        yield standin


@pytest.fixture
def standin(shared_standin: StandinScheduler) -> Iterator[StandinScheduler]:
    yield shared_standin
    shared_standin.behaviour = Behaviour()


@pytest.fixture(scope="module")
def gateway(
    shared_standin: StandinScheduler, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """One JVM, connected as admin to the shared stand-in, for the whole module."""
    reason = sdk_missing()
    if reason:
        pytest.skip(reason)
    gateway = open_gateway(shared_standin.base_url, tmp_path_factory.mktemp("jvm"))
    try:
        gateway.connect(*ADMIN)
        yield gateway
    finally:
        stop_gateway(gateway)
