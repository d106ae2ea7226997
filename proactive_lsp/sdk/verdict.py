"""What ProActive's validator says about one job, as plain data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal, cast

from proactive_lsp.sdk.errors import ValidatorCrashedError

Stage = Literal["parse", "flow"]


@dataclass(frozen=True)
class Verdict:
    """ProActive's verdict on one job.

    `stage` is `"parse"` for the schema / StAX stage (`JobFactory.createJob`) and `"flow"` for
    `FlowChecker.validate`; both are `None` when the job is valid. `message` is ProActive's own
    text, without its "Error: ... at line L , column C." wrapping. `task` is the task ProActive
    names as the context of the error, when it names one. `path` is the file judged, `None` when
    the job did not come from a file of the caller.
    """

    path: str | None
    valid: bool
    stage: Stage | None = None
    message: str | None = None
    task: str | None = None

    def describe(self) -> str:
        """The wording the scheduler uses when it rejects a job."""
        if self.valid:
            return "Valid job"
        if self.stage == "flow":
            context = f"; context: {self.task}" if self.task else ""
            return f"Invalid taskflow: {self.message}{context}"
        return f"Invalid job: {self.message}"


def verdict_from_json(line: str) -> Verdict:
    """Read one line printed by `ValidateJobs`."""
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValidatorCrashedError(f"validator printed a line that is not JSON: {line!r}") from e
    if not isinstance(raw, dict) or not isinstance(raw.get("valid"), bool):
        raise ValidatorCrashedError(f"validator printed an unexpected object: {line!r}")
    stage = raw.get("stage")
    if stage not in ("parse", "flow", None):
        raise ValidatorCrashedError(f"validator printed an unknown stage: {line!r}")
    return Verdict(
        path=_optional_str(raw.get("path")),
        valid=raw["valid"],
        stage=cast("Stage | None", stage),
        message=_optional_str(raw.get("message")),
        task=_optional_str(raw.get("task")),
    )


def _optional_str(value: object) -> str | None:
    return value if isinstance(value, str) else None
