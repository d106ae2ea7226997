"""Submitting a document and following its job: what the CLI and the language server share.

`#%submit_job` options (kernel-13.0.4.md §3.10): `name`, `input_path`/`output_path` (relative
to the document's folder, as the kernel's working directory is the notebook's), and
`nodesource`/`host`/`token`, which must be in the Resource Manager's lists.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from proactive_lsp.analysis import Analysis
from proactive_lsp.diagnostics import Severity
from proactive_lsp.submit.client import JobProgress, SchedulerSession, TaskOutcome
from proactive_lsp.submit.errors import InvalidOption, SubmitError, WorkflowHasErrors
from proactive_lsp.submit.record import JobRecord, JobRecords

DEFAULT_POLL_SECONDS = 1.0
DEFAULT_MAX_WAIT_SECONDS = 7 * 24 * 3600.0
_SELECTION_LANGUAGE = "groovy"
_RESOURCES = (
    # option, RM list, kernel's message
    ("nodesource", "nodesources", "Invalid node source name!"),
    ("host", "hosts", "Invalid host name!"),
    ("token", "tokens", "Invalid token name!"),
)


@dataclass(frozen=True)
class SubmitOptions:
    name: str | None = None
    input_path: str | None = None
    output_path: str | None = None
    nodesource: str | None = None
    host: str | None = None
    token: str | None = None

    @classmethod
    def from_document(cls, analysis: Analysis) -> SubmitOptions:
        """The options of the document's last `#%submit_job` pragma."""
        for cell in reversed(analysis.cells):
            pragma = cell.pragma
            if pragma is not None and not cell.rejected and pragma.name.text == "submit_job":
                return cls(**{f.name: pragma.value(f.name) or None for f in fields(cls)})
        return cls()

    def merged(self, overrides: Mapping[str, Any] | None) -> SubmitOptions:
        """These options with non-empty string overrides (CLI flags, LSP command options)."""
        if not overrides:
            return self
        known = {f.name for f in fields(self)}
        changes = {k: str(v) for k, v in overrides.items() if k in known and v not in (None, "")}
        return replace(self, **changes)


@dataclass(frozen=True)
class SubmittedJob:
    job_id: int
    name: str
    url: str
    started: float  # time.monotonic() at submission


@dataclass(frozen=True)
class JobSummary:
    job_id: int
    name: str
    status: str
    overall_s: float | None
    task_s: float | None
    failed_tasks: tuple[str, ...]
    portal: str
    tasks: tuple[tuple[str, str, float | None], ...]  # (task, status, seconds)

    @property
    def succeeded(self) -> bool:
        return self.status.upper() == "FINISHED" and not self.failed_tasks

    def text(self) -> str:
        overall = _seconds(self.overall_s)
        total = _seconds(self.task_s)
        failed = len(self.failed_tasks)
        names = f" ({', '.join(self.failed_tasks)})" if self.failed_tasks else ""
        return (f"Job {self.job_id} '{self.name}': {self.status} in {overall}; total task time "
                f"{total}; {failed} failed task{'s' if failed != 1 else ''}{names}. "
                f"Scheduler portal: {self.portal}")

    def as_dict(self) -> dict[str, Any]:
        return {
            "jobId": self.job_id, "name": self.name, "status": self.status,
            "overallSeconds": self.overall_s, "taskSeconds": self.task_s,
            "failedTasks": list(self.failed_tasks), "portal": self.portal,
            "tasks": [{"name": n, "status": s, "seconds": d} for n, s, d in self.tasks],
            "text": self.text(),
        }


def _seconds(value: float | None) -> str:
    if value is None:
        return "unknown"
    if value < 60:
        return f"{value:.1f} s"
    minutes, seconds = divmod(round(value), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {seconds:02d} s"


def portal_url(url: str) -> str:
    """The scheduling portal, as `#%show_scheduling_portal` opens it (§5.6)."""
    return f"{url.rstrip('/')}/scheduler/"


def refusal(analysis: Analysis) -> WorkflowHasErrors | None:
    """Why this document is not submitted: its errors, or it has no task."""
    errors = [d for d in analysis.diagnostics if d.severity is Severity.ERROR]
    if errors:
        lines = [
            f"  cell {(d.cell or 0) + 1}, line {d.range.start.line + 1}: {d.code} {d.message}"
            for d in errors[:20]
        ]
        more = f"\n  ... and {len(errors) - 20} more" if len(errors) > 20 else ""
        count = len(errors)
        return WorkflowHasErrors(
            f"not submitted: the workflow has {count} error{'s' if count != 1 else ''}\n"
            + "\n".join(lines) + more
        )
    if not analysis.workflow.tasks:
        return WorkflowHasErrors("not submitted: the document defines no task")
    return None


def check_resources(session: SchedulerSession, options: SubmitOptions) -> None:
    """`nodesource`/`host`/`token` must be in the Resource Manager's lists (the kernel's check)."""
    for option, kind, message in _RESOURCES:
        wanted = getattr(options, option)
        if wanted is None:
            continue
        available = session.resource_names(kind)
        if wanted not in available:
            listed = ", ".join(available) if available else "none"
            raise InvalidOption(f"{message} {option}={wanted!r} is not in the Resource "
                                f"Manager's {kind} (available: {listed})")


def build_job(session: SchedulerSession, analysis: Analysis, options: SubmitOptions) -> Any:
    """The SDK job the kernel would submit, with the resource options applied (§3.10 step 5)."""
    from proactive_lsp.sdk.jobbuild import build_job as build_sdk_job

    sdk = session.sdk
    job = build_sdk_job(sdk, analysis.workflow, analysis.document.folder, options.name)
    selection = None
    if options.nodesource is not None:
        job.addGenericInformation("NODESOURCENAME", options.nodesource)
        selection = ("selected = (System.getProperty('proactive.node.nodesource') == "
                     f"{_groovy_string(options.nodesource)})")
    if options.host is not None:  # host overrides nodesource's selection script
        selection = ("selected = (nodehost.toLowerCase() == "
                     f"{_groovy_string(options.host.lower())})")
    if options.token is not None:
        job.addGenericInformation("NODE_ACCESS_TOKEN", options.token)
    if selection is not None:
        for task in job.getTasks():
            script = sdk.createSelectionScript(language=_SELECTION_LANGUAGE)
            script.setImplementation(selection)
            task.setSelectionScript(script)
    return job


def _groovy_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _local_path(value: str | None, folder: Path | None) -> str | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_absolute() and folder is not None:
        path = folder / path
    return str(path)


def submit_document(
    session: SchedulerSession,
    analysis: Analysis,
    options: SubmitOptions,
    records: JobRecords | None = None,
) -> SubmittedJob:
    """Refuse a workflow with errors; else check the options, build, submit and record the job."""
    refused = refusal(analysis)
    if refused is not None:
        raise refused
    check_resources(session, options)
    job = build_job(session, analysis, options)
    name = str(job.getJobName())
    folder = analysis.document.folder
    job_id = session.submit(job, _local_path(options.input_path, folder),
                            _local_path(options.output_path, folder))
    submitted = SubmittedJob(job_id, name, session.target.url, time.monotonic())
    if records is not None:
        path = analysis.document.path
        records.add(JobRecord(
            url=session.target.url, job_id=job_id, login=session.target.login, name=name,
            document=str(path) if path is not None else None, submitted_at=time.time(),
            status="Submitted",
        ))
    return submitted


def follow(
    session: SchedulerSession,
    job: SubmittedJob,
    *,
    on_progress: Callable[[JobProgress], None] | None = None,
    poll_seconds: float = DEFAULT_POLL_SECONDS,
    max_wait_seconds: float = DEFAULT_MAX_WAIT_SECONDS,
    stop: threading.Event | None = None,
    records: JobRecords | None = None,
) -> JobSummary:
    """Poll the job's state until it ends; `SubmitError` if it does not end in time or `stop`."""
    stop = stop or threading.Event()
    ends = time.monotonic() + max_wait_seconds
    while True:
        progress = session.progress(job.job_id)
        if on_progress is not None:
            on_progress(progress)
        if progress.ended:
            summary = summarize(progress, session.target.url, job.started)
            if records is not None:
                records.update(job.url, job.job_id, summary.status, finished_at=time.time(),
                               summary=summary.text())
            return summary
        if records is not None:
            records.update(job.url, job.job_id, progress.status)
        if time.monotonic() >= ends:
            raise SubmitError(f"job {job.job_id} still {progress.status} after "
                              f"{max_wait_seconds:g} s; it keeps running on the scheduler")
        if stop.wait(poll_seconds):
            raise SubmitError(f"stopped following job {job.job_id} ({progress.status})")


def summarize(progress: JobProgress, url: str, started: float | None = None) -> JobSummary:
    overall: float | None = None
    if progress.finished_ms > 0 and progress.submitted_ms > 0:
        overall = max(0.0, (progress.finished_ms - progress.submitted_ms) / 1000)
    elif started is not None:
        overall = time.monotonic() - started
    durations = [t.duration_ms for t in progress.tasks if t.duration_ms is not None]
    task_total = sum(durations) / 1000 if durations else None
    failed = tuple(t.name for t in progress.tasks if t.failed)
    return JobSummary(
        job_id=progress.job_id, name=progress.name, status=progress.status, overall_s=overall,
        task_s=task_total, failed_tasks=failed, portal=portal_url(url),
        tasks=tuple((t.name, t.status, None if t.duration_ms is None else t.duration_ms / 1000)
                    for t in progress.tasks),
    )


def results_text(outcomes: list[TaskOutcome], *, output: bool, task: str | None) -> str:
    """Results (`get_job_result`/`get_task_result`) or stdout (`print_*_output`) as text.

    One task: its value (or stdout) alone, as the kernel prints it. A job: one `[task]` section
    per task, in name order.
    """
    def body(outcome: TaskOutcome) -> str:
        if output:
            return outcome.stdout.strip(" \n")
        if outcome.error is not None:
            return f"(failed) {outcome.error}"
        return "None" if outcome.value is None else outcome.value

    if task is not None:
        return "\n".join(body(o) for o in outcomes)
    ordered = sorted(outcomes, key=lambda o: o.name)
    return "\n\n".join(f"[{o.name}]\n{body(o)}" for o in ordered)
