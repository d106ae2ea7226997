"""What can go wrong between us and a scheduler, each with a `kind` the editor can act on.

Messages name the server and the login, never the password.
"""

from __future__ import annotations


class SubmitError(Exception):
    """Base class: a submission, a status read or a result read failed."""

    kind = "error"


class ConnectionSettingsError(SubmitError):
    """No scheduler to connect to, or a `proactive_config.ini` the kernel could not use."""

    kind = "settings"


class PasswordNeeded(SubmitError):
    """We know where and as whom, but not the password (the client should ask for it)."""

    kind = "password-needed"


class JavaMissing(SubmitError):
    """No `java` on PATH or no `proactive` package: the SDK cannot run."""

    kind = "java-missing"


class Unreachable(SubmitError):
    """Connection refused, unknown host, or no TCP answer at all."""

    kind = "unreachable"


class SchedulerTimeout(SubmitError):
    """The server accepted the connection and did not answer before the deadline."""

    kind = "timeout"


class WrongCredentials(SubmitError):
    kind = "credentials"


class TlsError(SubmitError):
    kind = "tls"


class JobRejected(SubmitError):
    """The scheduler refused the job; the message is the scheduler's own."""

    kind = "rejected"


class UnknownJob(SubmitError):
    kind = "unknown-job"


class WorkflowHasErrors(SubmitError):
    """The document has errors: it is never submitted."""

    kind = "workflow-errors"


class InvalidOption(SubmitError):
    """A `submit_job` option the kernel would refuse (e.g. a node source the RM does not have)."""

    kind = "invalid-option"
