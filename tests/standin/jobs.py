"""Jobs the stand-in has accepted, and the JSON the scheduler returns about them.

Each job's tasks come from the submitted XML (task names only); results and outputs are
synthesized from those names so tests can predict them (`task_result`, `task_output`).
"""

from __future__ import annotations

import threading
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .wire import java_serialized_base64

JSON = dict[str, Any]

# Terminal job statuses, as `JobStatus.isJobAlive()` sees them.
TERMINAL = frozenset({"FINISHED", "CANCELED", "FAILED", "KILLED"})


def task_result(task: str) -> str:
    """The String value a successful task returns."""
    return f"result of {task}"


def task_output(task: str) -> str:
    """The stdout log of a task."""
    return f"output of {task}\n"


def task_error(task: str) -> str:
    """The exception message of a task that fails at run time."""
    return f"Task {task} raised: ValueError: boom"


def task_error_trace(task: str) -> str:
    """What the scheduler's `/result/value` gives for a failed task: the exception's stack trace."""
    return f"javax.script.ScriptException: {task_error(task)}\n\tat standin.Task.run(Task.java)\n"


class JobXmlError(ValueError):
    """The submitted bytes are not a job descriptor the stand-in can read."""


@dataclass(frozen=True)
class SubmittedXml:
    """What the stand-in reads from a job descriptor: its name and task names, in order."""

    name: str
    tasks: tuple[str, ...]


def read_job_xml(xml: bytes) -> SubmittedXml:
    """Read the job and task names, whatever the schema version (namespaces are ignored)."""
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise JobXmlError(f"Job descriptor is not well-formed XML: {error}") from error
    if _local(root.tag) != "job":
        raise JobXmlError(f"Root element is <{_local(root.tag)}>, not <job>")
    tasks = tuple(
        element.attrib["name"]
        for element in root.iter()
        if _local(element.tag) == "task" and "name" in element.attrib
    )
    return SubmittedXml(name=root.attrib.get("name", ""), tasks=tasks)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class Job:
    """One accepted job and how far it has progressed."""

    job_id: int
    name: str
    owner: str
    tasks: tuple[str, ...]
    failing: frozenset[str]
    variables: dict[str, str]
    xml: bytes
    polls_left: int
    failed_job_status: str
    failed_task_status: str
    submitted_ms: int = field(default_factory=lambda: int(time.time() * 1000))
    polls: int = 0

    @property
    def finished(self) -> bool:
        return self.polls_left <= 0

    def status(self) -> str:
        if not self.finished:
            return "PENDING" if self.polls == 0 else "RUNNING"
        return self.failed_job_status if self.failing else "FINISHED"

    def task_status(self, task: str) -> str:
        if not self.finished:
            return "PENDING" if self.polls == 0 else "RUNNING"
        return self.failed_task_status if task in self.failing else "FINISHED"

    def task_id(self, task: str) -> int:
        # The scheduler numbers tasks jobId * 10000 + index.
        return self.job_id * 10000 + self.tasks.index(task)


class JobStore:
    """Thread-safe job table; ids start at 1 like a fresh scheduler's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[int, Job] = {}
        self._next_id = 1

    def add(
        self,
        xml: bytes,
        parsed: SubmittedXml,
        owner: str,
        variables: dict[str, str],
        polls: int,
        failing: Iterable[str],
        failed_status: tuple[str, str],
    ) -> Job:
        with self._lock:
            job = Job(
                job_id=self._next_id,
                name=parsed.name,
                owner=owner,
                tasks=parsed.tasks,
                failing=frozenset(failing) & frozenset(parsed.tasks),
                variables=dict(variables),
                xml=xml,
                polls_left=polls,
                failed_job_status=failed_status[0],
                failed_task_status=failed_status[1],
            )
            self._jobs[job.job_id] = job
            self._next_id += 1
            return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(int(job_id)) if job_id.isdigit() else None

    def poll(self, job: Job) -> None:
        """Count one status read; the job advances by one step per read."""
        with self._lock:
            job.polls += 1
            job.polls_left -= 1

    def all(self) -> list[Job]:
        with self._lock:
            return list(self._jobs.values())


def job_id_json(job: Job) -> JSON:
    return {"id": job.job_id, "readableName": job.name}


def job_info_json(job: Job) -> JSON:
    finished = [t for t in job.tasks if job.finished and t not in job.failing]
    failed = [t for t in job.tasks if job.finished and t in job.failing]
    now = int(time.time() * 1000)
    return {
        "jobId": job_id_json(job),
        "jobOwner": job.owner,
        "status": job.status(),
        "priority": "NORMAL",
        "submittedTime": job.submitted_ms,
        "startTime": job.submitted_ms if job.polls else -1,
        "finishedTime": now if job.finished else -1,
        "removedTime": -1,
        "inErrorTime": -1,
        "totalNumberOfTasks": len(job.tasks),
        "numberOfPendingTasks": 0 if job.polls else len(job.tasks),
        "numberOfRunningTasks": len(job.tasks) if job.polls and not job.finished else 0,
        "numberOfFinishedTasks": len(finished),
        "numberOfFailedTasks": len(failed),
        "numberOfFaultyTasks": 0,
        "numberOfInErrorTasks": 0,
        "genericInformation": {},
        "variables": dict(job.variables),
    }


def task_id_json(job: Job, task: str) -> JSON:
    return {"id": job.task_id(task), "readableName": task}


def task_state_json(job: Job, task: str) -> JSON:
    return {
        "name": task,
        "description": "",
        "iterationIndex": 0,
        "replicationIndex": 0,
        "maxNumberOfExecution": 1,
        "maxNumberOfExecutionOnFailure": 1,
        "taskInfo": {
            "taskId": task_id_json(job, task),
            "jobId": job_id_json(job),
            "taskStatus": job.task_status(task),
            "startTime": -1,
            "finishedTime": -1,
            "inErrorTime": -1,
            "executionDuration": -1,
            "numberOfExecutionLeft": 1,
            "numberOfExecutionOnFailureLeft": 1,
            "progress": 100 if job.finished else 0,
        },
        "genericInformation": {},
    }


def job_state_json(job: Job) -> JSON:
    return {
        "name": job.name,
        "owner": job.owner,
        "priority": "NORMAL",
        "projectName": "",
        "genericInformation": {},
        "jobInfo": job_info_json(job),
        "tasks": {task: task_state_json(job, task) for task in job.tasks},
    }


def task_result_json(job: Job, task: str) -> JSON:
    logs = {"stdoutLogs": task_output(task), "stderrLogs": ""}
    if task in job.failing:
        # The client turns a serialized non-Throwable into TaskRestException(exceptionMessage),
        # so a serialized String is enough to carry the message.
        message = task_error(task)
        return {
            "id": task_id_json(job, task),
            "exceptionMessage": message,
            "serializedException": java_serialized_base64(message),
            "output": logs,
            "raw": False,
        }
    return {
        "id": task_id_json(job, task),
        "serializedValue": java_serialized_base64(task_result(task)),
        "output": logs,
        "raw": False,
    }


def job_result_json(job: Job) -> JSON:
    done = job.tasks if job.finished else ()
    return {
        "id": job_id_json(job),
        "jobInfo": job_info_json(job),
        "allResults": {task: task_result_json(job, task) for task in done},
        "preciousResults": {},
        "exceptionResults": {
            task: task_result_json(job, task) for task in done if task in job.failing
        },
    }


def revision_json(jobs: list[Job], revision: int) -> JSON:
    return {
        "map": {str(revision): [{"jobInfo": job_info_json(job)} for job in jobs]},
        "size": len(jobs),
    }
