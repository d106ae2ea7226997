"""Fixtures for submission tests: the stand-in scheduler, and one SDK gateway per module.

Tests marked `requires_sdk` are skipped when `java` or the `proactive` package is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from standin import Behaviour, StandinScheduler
from standin.fixtures import proactive_validate, scheduler, scheduler_factory

from proactive_lsp.sdk.locate import missing_prerequisite

from .sdk_session import open_gateway, stop_gateway

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]

ADMIN = ("admin", "admin")


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
    reason = missing_prerequisite()
    if reason:
        pytest.skip(reason)
    gateway = open_gateway(shared_standin.base_url, tmp_path_factory.mktemp("jvm"))
    try:
        gateway.connect(*ADMIN)
        yield gateway
    finally:
        stop_gateway(gateway)
