"""pytest fixtures that start and stop the stand-in scheduler.

Import them into a `conftest.py` (`from standin.fixtures import *`). Knobs come from the
`standin` marker, e.g. `@pytest.mark.standin(polls_until_finished=3, failing_tasks={"b"})`, or
from `scheduler_factory(Behaviour(...))`. A running stand-in also reads `.behaviour` afresh on
every request, so a test may replace it (`dataclasses.replace`) between SDK calls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .behaviour import Behaviour
from .scheduler import StandinScheduler

__all__ = ["proactive_validate", "scheduler", "scheduler_factory"]

MARKER = "standin"


def behaviour_from_marker(node: pytest.Item | pytest.Collector) -> Behaviour:
    marker = node.get_closest_marker(MARKER)
    knobs: dict[str, Any] = dict(marker.kwargs) if marker else {}
    if "failing_tasks" in knobs:
        knobs["failing_tasks"] = frozenset(knobs["failing_tasks"])
    return Behaviour(**knobs)


@pytest.fixture
def scheduler(request: pytest.FixtureRequest) -> Iterator[StandinScheduler]:
    """A stand-in for this test only; `.base_url` is what `ProActiveGateway` takes."""
    with StandinScheduler(behaviour_from_marker(request.node)) as standin:
        yield standin


@pytest.fixture
def scheduler_factory() -> Iterator[Callable[[Behaviour], StandinScheduler]]:
    """Start any number of stand-ins with explicit behaviours; all are stopped afterwards."""
    started: list[StandinScheduler] = []

    def start(behaviour: Behaviour) -> StandinScheduler:
        standin = StandinScheduler(behaviour).start()
        started.append(standin)
        return standin

    yield start
    for standin in started:
        standin.stop()


@pytest.fixture(scope="session")
def proactive_validate() -> Iterator[Callable[[bytes], str | None]]:
    """A `Behaviour.validate` hook backed by ProActive's own validator (one JVM per session).

    It answers with the scheduler's wording (`Invalid taskflow: <msg>; context: <task>`).
    Skips when the project's validator, Java or the SDK is missing.
    """
    try:
        # Imported lazily: the validator needs the SDK and a JDK, which not every run has.
        from proactive_lsp.sdk import ValidatorProcess, missing_prerequisite
    except ImportError as error:
        pytest.skip(f"ProActive validator not importable: {error}")
    missing = missing_prerequisite()
    if missing:
        pytest.skip(missing)
    with ValidatorProcess() as validator:

        def validate(xml: bytes) -> str | None:
            verdict = validator.validate_xml(xml)
            return None if verdict.valid else verdict.describe()

        yield validate
