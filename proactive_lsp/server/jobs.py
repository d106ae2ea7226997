"""LSP commands to submit a document's workflow and follow its job, and to read results.

Commands (`workspace/executeCommand`):

* `proactive.submitJob(uri, [password], [options])` — `options`: the `#%submit_job` options
  (`name`, `input_path`, `output_path`, `nodesource`, `host`, `token`), `url`/`login` (else the
  settings, `#%connect`, `proactive_config.ini`, the environment), `deadline` (s, default 20),
  `pollSeconds` (default 1), `wait` (answer only when the job has ended). Answers at once after
  submission with `{"status": "submitted", "jobId", ...}` (or the summary with `wait`), or
  `{"status": "error", "kind", "message"}`; `kind == "password-needed"` asks the client to
  prompt and call again with the password. The password is only held in memory while the
  session logs in; it is never logged nor sent back.
* `proactive.showResults([jobId | options], [task], [password])` and `proactive.jobOutput(...)`
  — a job's (or a task's) results / stdout, the last submitted job by default; written to a
  text file under the user's data folder, shown with `window/showDocument` when the client
  supports it, and returned (`{"jobId", "task", "text", "uri"}`) for a virtual document.
* `proactive.listJobs()` — the jobs submitted from this machine (the local record).

While a job runs, a work-done progress reports its task counts; when it ends, the summary is
shown (`window/showMessage`) and each task pragma gets a code lens with its last status and
duration. Every SDK call runs on a worker thread: the event loop never waits on the network.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from proactive_lsp.analysis import Analysis, analyze
from proactive_lsp.server.convert import lsp_range
from proactive_lsp.server.requests import cells_of
from proactive_lsp.server.store import Entry, Store
from proactive_lsp.submit.client import DEFAULT_DEADLINE, JobProgress, SessionPool
from proactive_lsp.submit.connection import Target, resolve_target
from proactive_lsp.submit.errors import (
    PasswordNeeded,
    SchedulerTimeout,
    SubmitError,
    WorkflowHasErrors,
)
from proactive_lsp.submit.record import JobRecords, data_dir
from proactive_lsp.submit.run import (
    DEFAULT_POLL_SECONDS,
    JobSummary,
    SubmitOptions,
    SubmittedJob,
    follow,
    refusal,
    results_text,
    submit_document,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

SUBMIT = "proactive.submitJob"
SHOW_RESULTS = "proactive.showResults"
JOB_OUTPUT = "proactive.jobOutput"
LIST_JOBS = "proactive.listJobs"
SUBMIT_TITLE = "Submit job"


@dataclass
class TaskLens:
    job_id: int
    status: str
    seconds: float | None


@dataclass
class JobsState:
    pool: SessionPool = field(default_factory=SessionPool)
    records: JobRecords = field(default_factory=JobRecords)
    # Last status of each task, by document key (notebook or text URI).
    tasks: dict[str, dict[str, TaskLens]] = field(default_factory=dict)
    last: tuple[str, int, str | None] | None = None  # (url, job id, login)
    following: set[asyncio.Task[Any]] = field(default_factory=set)


def register(server: LanguageServer, store: Store) -> JobsState:

    state = JobsState()
    atexit.register(state.pool.close_all)
    store.document_commands.append((SUBMIT_TITLE, SUBMIT))
    store.source_commands.append((SUBMIT_TITLE, SUBMIT))
    _add_task_lenses(server, store, state)

    @server.command(SUBMIT)
    async def submit_job(ls: LanguageServer, uri: str, *rest: Any) -> dict[str, Any]:
        password = next((r for r in rest if isinstance(r, str) and r), None)
        options = next((r for r in rest if isinstance(r, dict)), {})
        return await _submit(ls, store, state, uri, password, options)

    @server.command(SHOW_RESULTS)
    async def show_results(ls: LanguageServer, *args: Any) -> dict[str, Any]:
        return await _results(ls, store, state, args, output=False)

    @server.command(JOB_OUTPUT)
    async def job_output(ls: LanguageServer, *args: Any) -> dict[str, Any]:
        return await _results(ls, store, state, args, output=True)

    @server.command(LIST_JOBS)
    async def list_jobs(ls: LanguageServer, *args: Any) -> list[dict[str, Any]]:
        records = await _off_loop(state.records.all)
        return [
            {"jobId": r.job_id, "name": r.name, "url": r.url, "login": r.login,
             "document": r.document, "submittedAt": r.submitted_at, "status": r.status,
             "finishedAt": r.finished_at, "summary": r.summary}
            for r in records
        ]

    return state


# -- running off the event loop -----------------------------------------------------------------


async def _off_loop(work: Callable[[], T]) -> T:
    """Run blocking work on a daemon thread (one that hangs never blocks exit or other work)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def deliver(value: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(value)  # type: ignore[arg-type]

    def run() -> None:
        try:
            value = work()
        except BaseException as error:
            loop.call_soon_threadsafe(deliver, None, error)
        else:
            loop.call_soon_threadsafe(deliver, value, None)

    threading.Thread(target=run, name="proactive-jobs", daemon=True).start()
    return await future


# -- submit ----------------------------------------------------------------------------------


def _analysis_for(ls: LanguageServer, store: Store, uri: str) -> tuple[str, Analysis] | None:
    entry = store.entry_for(ls.workspace, uri)
    if entry is not None:
        return entry.view.key, entry.analysis
    path = to_fs_path(uri)
    if path is None or not Path(path).is_file():
        return None
    from proactive_lsp.documents.load import load_document

    return uri, analyze(load_document(Path(path)))


def _target(store: Store, options: dict[str, Any], password: str | None,
            analysis: Analysis | None) -> Target:
    settings = store.settings
    url = options.get("url") or settings.scheduler_url
    login = options.get("login") or settings.scheduler_login
    return resolve_target(url=url if isinstance(url, str) else None,
                          login=login if isinstance(login, str) else None,
                          password=password, analysis=analysis,
                          explicit_source="the scheduler setting")


def _error(ls: LanguageServer, error: SubmitError, what: str) -> dict[str, Any]:
    kind = types.MessageType.Warning if isinstance(error, PasswordNeeded) else (
        types.MessageType.Error)
    ls.window_show_message(types.ShowMessageParams(type=kind, message=f"{what}: {error}"))
    return {"status": "error", "kind": error.kind, "message": str(error)}


def _number(options: dict[str, Any], key: str, default: float) -> float:
    value = options.get(key)
    return float(value) if isinstance(value, (int, float)) and value > 0 else default


async def _submit(ls: LanguageServer, store: Store, state: JobsState, uri: str,
                  password: str | None, options: dict[str, Any]) -> dict[str, Any]:
    found = _analysis_for(ls, store, uri)
    if found is None:
        return _error(ls, SubmitError(f"{uri}: no such document"), "Submit job")
    key, analysis = found
    refused = refusal(analysis)
    if refused is not None:
        return _error(ls, refused, "Submit job")
    deadline = _number(options, "deadline", DEFAULT_DEADLINE)
    poll = _number(options, "pollSeconds", DEFAULT_POLL_SECONDS)
    try:
        target = _target(store, options, password, analysis)
        if state.pool.connected(target) is None:
            target.complete()
    except SubmitError as error:
        return _error(ls, error, "Submit job")
    submit_options = SubmitOptions.from_document(analysis).merged(options)
    title = analysis.workflow.title(submit_options.name)
    progress = await _Progress.start(ls, f"Submitting {title}")
    progress.report(f"connecting to {target.describe()}")

    session = None

    def submit() -> SubmittedJob:
        nonlocal session
        session = state.pool.session(target, deadline)
        return submit_document(session, analysis, submit_options, state.records)

    try:
        job = await _off_loop(submit)
    except SubmitError as error:
        if session is not None and isinstance(error, SchedulerTimeout):
            state.pool.discard(session)
        progress.end(f"not submitted: {error}")
        return _error(ls, error, "Not submitted" if isinstance(
            error, WorkflowHasErrors) else "Submit job")
    except Exception as error:  # an SDK failure we did not foresee: say it, keep serving
        log.exception("submission failed")
        progress.end("not submitted")
        return _error(ls, SubmitError(f"{type(error).__name__}: {error}"), "Submit job")
    assert session is not None
    state.last = (job.url, job.job_id, target.login)
    state.tasks[key] = {}
    progress.report(f"job {job.job_id} submitted")
    submitted = {"status": "submitted", "jobId": job.job_id, "name": job.name, "url": job.url}
    following = asyncio.ensure_future(
        _follow(ls, state, key, session, job, progress, poll))
    state.following.add(following)
    following.add_done_callback(state.following.discard)
    if options.get("wait"):
        summary = await following
        return submitted | (summary if summary is not None else {"status": "error"})
    return submitted


async def _follow(ls: LanguageServer, state: JobsState, key: str, session: Any,
                  job: SubmittedJob, progress: _Progress, poll: float) -> dict[str, Any] | None:
    loop = asyncio.get_running_loop()

    def on_progress(seen: JobProgress) -> None:
        loop.call_soon_threadsafe(_seen, seen)

    def _seen(seen: JobProgress) -> None:
        progress.report(f"job {seen.job_id} {seen.status}: {seen.counts()}",
                        _percent(seen))
        _set_tasks(ls, state, key, seen.job_id,
                   [(t.name, t.status, None if t.duration_ms is None else t.duration_ms / 1000)
                    for t in seen.tasks])

    try:
        summary: JobSummary = await _off_loop(lambda: follow(
            session, job, on_progress=on_progress, poll_seconds=poll, records=state.records))
    except SubmitError as error:
        if isinstance(error, SchedulerTimeout):
            state.pool.discard(session)
        progress.end(f"job {job.job_id}: {error}")
        ls.window_show_message(types.ShowMessageParams(
            type=types.MessageType.Error, message=f"Job {job.job_id}: {error}"))
        return {"status": "error", "kind": error.kind, "message": str(error)}
    _set_tasks(ls, state, key, job.job_id, list(summary.tasks))
    progress.end(summary.text())
    kind = types.MessageType.Info if summary.succeeded else types.MessageType.Warning
    ls.window_show_message(types.ShowMessageParams(type=kind, message=summary.text()))
    return summary.as_dict()


def _percent(seen: JobProgress) -> int | None:
    if seen.total <= 0:
        return None
    return int(100 * (seen.finished + seen.failed) / seen.total)


class _Progress:
    """Work-done progress when the client supports it; otherwise nothing."""

    def __init__(self, ls: LanguageServer, token: str | None) -> None:
        self.ls = ls
        self.token = token

    @classmethod
    async def start(cls, ls: LanguageServer, title: str) -> _Progress:
        window = ls.client_capabilities.window
        if window is None or not window.work_done_progress:
            return cls(ls, None)
        token = f"proactive-submit-{uuid.uuid4().hex[:12]}"
        try:
            await asyncio.wait_for(ls.work_done_progress.create_async(token), 5.0)
        except Exception:  # the client refused or never answered: go on without progress
            return cls(ls, None)
        ls.work_done_progress.begin(token, types.WorkDoneProgressBegin(
            title=title, cancellable=False, percentage=0))
        return cls(ls, token)

    def report(self, message: str, percentage: int | None = None) -> None:
        if self.token is not None:
            self.ls.work_done_progress.report(self.token, types.WorkDoneProgressReport(
                message=message, percentage=percentage))

    def end(self, message: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, types.WorkDoneProgressEnd(message=message))
            self.token = None


# -- per-task status lenses ---------------------------------------------------------------------


def _set_tasks(ls: LanguageServer, state: JobsState, key: str, job_id: int,
               tasks: list[tuple[str, str, float | None]]) -> None:
    lenses = {name: TaskLens(job_id, status, seconds) for name, status, seconds in tasks}
    if state.tasks.get(key) == lenses:
        return
    state.tasks[key] = lenses
    workspace = ls.client_capabilities.workspace
    if workspace is not None and workspace.code_lens is not None and (
            workspace.code_lens.refresh_support):
        ls.workspace_code_lens_refresh(None)


def _task_lens_title(lens: TaskLens) -> str:
    mark = {"Finished": "✓", "Failed": "✗", "Faulty": "✗", "In error": "✗"}.get(lens.status, "⋯")
    seconds = f" · {lens.seconds:.1f} s" if lens.seconds is not None else ""
    return f"{mark} job {lens.job_id}: {lens.status}{seconds}"


def task_lenses(state: JobsState, entry: Entry, uri: str) -> list[types.CodeLens]:
    statuses = state.tasks.get(entry.view.key)
    if not statuses:
        return []
    shown = set(cells_of(entry, uri))
    found = []
    for task in entry.analysis.workflow.tasks.values():
        lens = statuses.get(task.name)
        if lens is None or task.cell not in shown or task.cell >= len(entry.view.targets):
            continue
        found.append(types.CodeLens(
            range=lsp_range(entry.view, task.cell, task.name_range),
            command=types.Command(title=_task_lens_title(lens), command=SHOW_RESULTS,
                                  arguments=[{"jobId": lens.job_id, "task": task.name}]),
        ))
    return found


def _add_task_lenses(server: LanguageServer, store: Store, state: JobsState) -> None:
    """Each task's last run status, as a lens above its pragma."""
    store.lens_providers.append(lambda entry, uri: task_lenses(state, entry, uri))


# -- results and outputs ------------------------------------------------------------------------


def _results_request(args: tuple[Any, ...]) -> dict[str, Any]:
    if args and isinstance(args[0], dict):
        return dict(args[0])
    names = ("jobId", "task", "password")
    return {name: value for name, value in zip(names, args, strict=False) if value is not None}


async def _results(ls: LanguageServer, store: Store, state: JobsState, args: tuple[Any, ...],
                   *, output: bool) -> dict[str, Any]:
    what = "Job output" if output else "Job results"
    request = _results_request(args)
    raw_id = request.get("jobId")
    task = request.get("task") or None
    password = request.get("password") if isinstance(request.get("password"), str) else None
    try:
        job_id = int(raw_id) if raw_id not in (None, "") else None
    except (TypeError, ValueError):
        return _error(ls, SubmitError(f"{raw_id!r} is not a job id"), what)
    url = login = None
    if job_id is None and state.last is not None:
        url, job_id, login = state.last
    if job_id is None or url is None:
        record = await _off_loop(lambda: state.records.find(job_id))
        if record is None and job_id is None:
            return _error(ls, SubmitError("no job submitted yet"), what)
        if record is not None:
            url, job_id, login = record.url, record.job_id, record.login
    assert job_id is not None
    try:
        target = resolve_target(url=url or request.get("url") or store.settings.scheduler_url,
                                login=login or request.get("login")
                                or store.settings.scheduler_login,
                                password=password, explicit_source="the job's record")
        if state.pool.connected(target) is None:
            target.complete()
    except SubmitError as error:
        return _error(ls, error, what)
    deadline = _number(request, "deadline", DEFAULT_DEADLINE)

    def read() -> str:
        session = state.pool.session(target, deadline)
        try:
            outcomes = session.results(job_id, task)
        except SchedulerTimeout:
            state.pool.discard(session)
            raise
        return results_text(outcomes, output=output, task=task)

    try:
        text = await _off_loop(read)
    except SubmitError as error:
        return _error(ls, error, what)
    file_uri = await _off_loop(lambda: _write_view(job_id, task, output, text))
    window = ls.client_capabilities.window
    if file_uri and window is not None and window.show_document is not None and (
            window.show_document.support):
        await ls.window_show_document_async(types.ShowDocumentParams(
            uri=file_uri, take_focus=False))
    return {"jobId": job_id, "task": task, "output": output, "text": text, "uri": file_uri}


def _write_view(job_id: int, task: str | None, output: bool, text: str) -> str | None:
    """The text in `<data dir>/results/` (read-only by intent), as a file: URI."""
    folder = data_dir() / "results"
    kind = "output" if output else "results"
    safe_task = "".join(c if c.isalnum() or c in "-_." else "_" for c in task) if task else ""
    name = f"job-{job_id}{'-' + safe_task if safe_task else ''}-{kind}.txt"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.unlink(missing_ok=True)  # the previous view is read-only
        path.write_text(text + "\n", encoding="utf-8")
        os.chmod(path, 0o444)
    except OSError:
        log.warning("cannot write %s under %s", name, folder)
        return None
    uri: str | None = from_fs_path(str(path))
    return uri
