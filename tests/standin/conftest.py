"""Fixtures for the stand-in's own tests (other suites import them from `standin.fixtures`)."""

from __future__ import annotations

import pytest

from .fixtures import proactive_validate, scheduler, scheduler_factory

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "standin(**knobs): Behaviour knobs for `scheduler`")
