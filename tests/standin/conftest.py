"""Fixtures for the stand-in's own tests (other suites import them from `standin.fixtures`)."""

from __future__ import annotations

from .fixtures import proactive_validate, scheduler, scheduler_factory

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]
