"""The knobs a test turns to make the stand-in behave like a particular scheduler."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

# Given the uploaded job XML, return the scheduler's complaint, or None to accept the job.
Validator = Callable[[bytes], "str | None"]

DEFAULT_USERS: Mapping[str, str] = {"admin": "admin"}

# Wording of the scheduler's LoginException for bad credentials.
BAD_CREDENTIALS_MESSAGE = "Authentication failed"


@dataclass(frozen=True)
class Behaviour:
    """How the stand-in answers. The defaults give a healthy scheduler with one user."""

    users: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_USERS))
    """Accepted `login → password` pairs; anything else gets the scheduler's LoginException."""

    polls_until_finished: int = 1
    """Status reads (`/info` or the job state) a job answers as PENDING/RUNNING before it ends."""

    failing_tasks: frozenset[str] = frozenset()
    """Names of tasks that fail at run time with an exception result (`jobs.task_error`)."""

    failed_status: tuple[str, str] = ("FAILED", "FAILED")
    """(job status, task status) once a failing task has run. A real scheduler with the default
    `onTaskError="continueJobExecution"` reports ("FINISHED", "FAULTY"); both are terminal."""

    silent: bool = False
    """Accept TCP connections and never answer: for deadline tests (the SDK sets no timeouts)."""

    resources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The Resource Manager's lists by kind (`nodesources`, `hosts`, `tokens`), for the checks of
    `#%submit_job(nodesource=..., host=..., token=...)`; a missing kind is an empty list."""

    validate: Validator | None = None
    """Called with each uploaded job XML; a message rejects the job with JobCreationException."""
