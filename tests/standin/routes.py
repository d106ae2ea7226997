"""What each REST path of the scheduler answers. Plain functions from a `Request` to a `Reply`;
the HTTP mechanics (sockets, framing, keep-alive) are in `handler.py`.

Paths are relative to `<base_url>/rest`, with JAX-RS matrix parameters (`;a=b`) removed.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import Message
from typing import TYPE_CHECKING, Any

from . import jobs
from .behaviour import BAD_CREDENTIALS_MESSAGE
from .wire import (
    JOB_CREATION_EXCEPTION,
    LOGIN_EXCEPTION,
    NOT_CONNECTED_EXCEPTION,
    UNKNOWN_JOB_EXCEPTION,
    UNKNOWN_TASK_EXCEPTION,
    error_json,
    parse_form,
    parse_multipart,
)

if TYPE_CHECKING:
    from .scheduler import StandinScheduler

# The REST server's ExceptionMappers: LoginException and unknown job/task map to 404, a
# missing session to 401. A rejected job is answered 500 with JobCreationException, the shape
# recorded in the spec (§4) for a job the scheduler's validator refuses.
LOGIN_FAILED_STATUS = 404
NOT_FOUND_STATUS = 404
NOT_CONNECTED_STATUS = 401
JOB_REJECTED_STATUS = 500

USERSPACE = "file:/standin/userspace"


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Message
    body: bytes
    params: tuple[str, ...] = ()

    @property
    def session(self) -> str:
        return self.headers.get("sessionid", "") or ""

    def fields(self) -> dict[str, str]:
        """Form fields from either a multipart or an url-encoded body."""
        content_type = self.headers.get("Content-Type", "") or ""
        if content_type.startswith("multipart/"):
            parts = parse_multipart(content_type, self.body)
            return {name: data.decode("utf-8") for name, data in parts.items()}
        return parse_form(self.body)


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[["StandinScheduler", Request], Reply]


def json_reply(payload: Any, status: int = 200) -> Reply:
    return Reply(status, json.dumps(payload).encode("utf-8"))


def text_reply(text: str, status: int = 200) -> Reply:
    return Reply(status, text.encode("utf-8"), "text/plain")


def error_reply(status: int, message: str, exception_class: str) -> Reply:
    return Reply(status, error_json(status, message, exception_class))


def login(standin: StandinScheduler, request: Request) -> Reply:
    form = request.fields()
    user, password = form.get("username", ""), form.get("password", "")
    standin.seen.logins.append(user)
    if standin.behaviour.users.get(user) != password or not user:
        return error_reply(LOGIN_FAILED_STATUS, BAD_CREDENTIALS_MESSAGE, LOGIN_EXCEPTION)
    session = secrets.token_hex(16)
    with standin.sessions_lock:
        standin.sessions[session] = user
    return text_reply(session)


def user_of(standin: StandinScheduler, request: Request) -> str | None:
    with standin.sessions_lock:
        return standin.sessions.get(request.session)


def connected(standin: StandinScheduler, request: Request) -> Reply:
    return text_reply("true" if user_of(standin, request) else "false")


def logout(standin: StandinScheduler, request: Request) -> Reply:
    with standin.sessions_lock:
        standin.sessions.pop(request.session, None)
    return Reply(204, content_type="text/plain")


def disconnect(standin: StandinScheduler, request: Request) -> Reply:
    with standin.sessions_lock:
        standin.sessions.pop(request.session, None)
    return Reply(200, content_type="text/plain")


def submit(standin: StandinScheduler, request: Request) -> Reply:
    owner = user_of(standin, request) or ""
    content_type = request.headers.get("Content-Type", "") or ""
    parts = parse_multipart(content_type, request.body)
    xml = parts.get("file", b"")
    variables = json.loads(parts["variables"]) if parts.get("variables") else {}
    try:
        parsed = jobs.read_job_xml(xml)
    except jobs.JobXmlError as error:
        return _reject(standin, str(error))
    validate = standin.behaviour.validate
    complaint = validate(xml) if validate is not None else None
    if complaint is not None:
        return _reject(standin, complaint)
    job = standin.jobs.add(
        xml,
        parsed,
        owner,
        {str(k): str(v) for k, v in variables.items()},
        standin.behaviour.polls_until_finished,
        standin.behaviour.failing_tasks,
        standin.behaviour.failed_status,
    )
    return json_reply(jobs.job_id_json(job))


def _reject(standin: StandinScheduler, message: str) -> Reply:
    standin.seen.rejected.append(message)
    return error_reply(JOB_REJECTED_STATUS, message, JOB_CREATION_EXCEPTION)


def _job_or_error(standin: StandinScheduler, request: Request) -> jobs.Job | Reply:
    job = standin.jobs.get(request.params[0])
    if job is None:
        message = f"Job {request.params[0]} does not exist"
        return error_reply(NOT_FOUND_STATUS, message, UNKNOWN_JOB_EXCEPTION)
    return job


def _task_or_error(job: jobs.Job, task: str) -> Reply | None:
    if task in job.tasks:
        return None
    message = f"Unknown task {task} in job {job.job_id}"
    return error_reply(NOT_FOUND_STATUS, message, UNKNOWN_TASK_EXCEPTION)


def job_info(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    reply = json_reply(jobs.job_info_json(job))
    standin.jobs.poll(job)  # after answering: the first read sees PENDING
    return reply


def job_state(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    reply = json_reply(jobs.job_state_json(job))
    standin.jobs.poll(job)  # after answering: the first read sees PENDING
    return reply


def job_result(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    return json_reply(jobs.job_result_json(job))


def task_state(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    task = request.params[1]
    return _task_or_error(job, task) or json_reply(jobs.task_state_json(job, task))


def task_result(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    task = request.params[1]
    return _task_or_error(job, task) or json_reply(jobs.task_result_json(job, task))


def task_value(standin: StandinScheduler, request: Request) -> Reply:
    """The result as text; the client asks for it when the result JSON carries no value."""
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    task = request.params[1]
    if (missing := _task_or_error(job, task)) is not None:
        return missing
    if task in job.failing:
        return text_reply(jobs.task_error_trace(task))
    return text_reply(jobs.task_result(task))


def task_log(standin: StandinScheduler, request: Request) -> Reply:
    job = _job_or_error(standin, request)
    if isinstance(job, Reply):
        return job
    task = request.params[1]
    return _task_or_error(job, task) or text_reply(jobs.task_output(task))


def revision_jobs(standin: StandinScheduler, request: Request) -> Reply:
    return json_reply(jobs.revision_json(standin.jobs.all(), revision=len(standin.jobs.all())))


def userspace(standin: StandinScheduler, request: Request) -> Reply:
    return json_reply([USERSPACE])


def data_ok(standin: StandinScheduler, request: Request) -> Reply:
    return text_reply("true")


def data_created(standin: StandinScheduler, request: Request) -> Reply:
    return text_reply("true", status=201)


def rm_model(standin: StandinScheduler, request: Request) -> Reply:
    """`GET /rm/model/<kind>`: the Resource Manager's list, in its `PA:LIST(...)` text form."""
    kind = request.path.rsplit("/", 1)[-1]
    names = standin.behaviour.resources.get(kind, ())
    return text_reply(f"PA:LIST({','.join(names)})")


# Calls that work without a session (or establish one). Everything else under /scheduler needs
# a valid `sessionid` header, as on the real server.
_OPEN = frozenset({login, connected, logout})

ROUTES: list[tuple[str, re.Pattern[str], Route]] = [
    ("PUT", re.compile(r"/scheduler/session"), login),
    ("POST", re.compile(r"/scheduler/login"), login),
    ("POST", re.compile(r"/common/login"), login),
    ("GET", re.compile(r"/common/connected"), connected),
    ("PUT", re.compile(r"/common/logout"), logout),
    ("GET", re.compile(r"/scheduler/isconnected"), connected),
    ("PUT", re.compile(r"/scheduler/disconnect"), disconnect),
    ("POST", re.compile(r"/scheduler/submit"), submit),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/info"), job_info),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)"), job_state),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/result"), job_result),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/tasks/([^/]+)"), task_state),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/tasks/([^/]+)/result"), task_result),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/tasks/([^/]+)/result/value"), task_value),
    ("GET", re.compile(r"/scheduler/jobs/([^/]+)/tasks/([^/]+)/result/log/\w+"), task_log),
    ("GET", re.compile(r"/scheduler/revisionjobsinfo"), revision_jobs),
    ("GET", re.compile(r"/scheduler/userspace"), userspace),
    ("POST", re.compile(r"/data/user/.*"), data_ok),
    ("PUT", re.compile(r"/data/user/.*"), data_created),
    ("GET", re.compile(r"/rm/model/(nodesources|hosts|tokens)"), rm_model),
]


def route(standin: StandinScheduler, request: Request) -> Reply | None:
    """Answer a request, or None when the stand-in does not know the path."""
    for method, pattern, target in ROUTES:
        match = pattern.fullmatch(request.path)
        if method != request.method or match is None:
            continue
        needs_session = request.path.startswith("/scheduler/") and target not in _OPEN
        if needs_session and user_of(standin, request) is None:
            return error_reply(
                NOT_CONNECTED_STATUS,
                "you are not connected to the scheduler",
                NOT_CONNECTED_EXCEPTION,
            )
        bound = Request(
            request.method,
            request.path,
            request.query,
            request.headers,
            request.body,
            match.groups(),
        )
        return target(standin, bound)
    return None
