"""FlowChecker inside the SDK's own py4j JVM, on a job built from SDK model objects.

This judges the flow stage only: the model never goes through XML, so there is no schema
stage (a task named `1st` passes). It needs no compiled classes of ours, because FlowChecker does
not touch the JobValidatorRegistry that Java 9+ breaks. `validate_sdk_job` judges both stages:
it exports the job with the SDK and hands the XML to the validator JVM.

The caller owns the gateway: create it with `javaopts` as a fresh list and never with
`debug=True`, and keep stdout away from protocol traffic (the SDK prints there).
"""

from __future__ import annotations

from typing import Any

from proactive_lsp.sdk.errors import java_message
from proactive_lsp.sdk.validator_process import ValidatorProcess, shared_validator
from proactive_lsp.sdk.verdict import Verdict

_FLOW_CHECKER = "org.ow2.proactive.scheduler.common.job.factories.FlowChecker"


def flowcheck_in_sdk_jvm(gateway: Any, job: Any) -> Verdict:
    """`FlowChecker.validate(gateway.buildJob(job))` as a `Verdict` (`path` is `None`).

    `gateway` is a `proactive.ProActiveGateway`, `job` a `ProactiveJob`. A job the SDK cannot
    build (a Java error while converting the model) is reported with stage `"parse"`.
    """
    from py4j.protocol import Py4JError, Py4JJavaError

    try:
        java_job = gateway.buildJob(job)
    except Py4JJavaError as e:
        return Verdict(None, False, "parse", java_message(e), None)
    checker = _java_class(gateway, _FLOW_CHECKER)
    try:
        error = checker.validate(java_job)
    except Py4JError as e:
        return Verdict(None, False, "flow", java_message(e), None)
    if error is None:
        return Verdict(None, True)
    return Verdict(None, False, "flow", str(error.getMessage()), _optional(error.getTask()))


def validate_sdk_job(gateway: Any, job: Any, validator: ValidatorProcess | None = None) -> Verdict:
    """Both stages on an SDK job: `exportJob2XML` (no server) then ProActive's validator.

    Uses the process-wide validator JVM unless one is given. `path` is `None`.
    """
    xml = gateway.exportJob2XML(job)
    return (validator or shared_validator()).validate_xml(str(xml))


def _java_class(gateway: Any, dotted: str) -> Any:
    node = gateway.runtime_gateway.jvm
    for part in dotted.split("."):
        node = getattr(node, part)
    return node


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
