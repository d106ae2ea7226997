"""Job XML of a workflow through the SDK's own `Job2XMLTransformer` (kernel-13.0.4.md §5.4)."""

from __future__ import annotations

from pathlib import Path

from proactive_lsp.model.workflow import Workflow
from proactive_lsp.sdk.errors import SdkError, java_message
from proactive_lsp.sdk.gateway import SdkGateway, sdk_stdout_to_stderr, shared_gateway
from proactive_lsp.sdk.jobbuild import build_job

XML_NAMESPACE = "urn:proactive:jobdescriptor:3.13"


def export_xml(
    workflow: Workflow,
    document_folder: Path | None = None,
    *,
    name: str | None = None,
    gateway: SdkGateway | None = None,
) -> str:
    """The job descriptor XML that `exportJob2XML` writes for this workflow.

    Uses the process-wide gateway unless one is given. Nothing is validated here: run the
    checks (or ProActive's validator) first. Raises `SdkUnavailableError` when Java or the SDK is
    missing and `SdkError` when the SDK fails to build or serialise the job.
    """
    sdk = (gateway or shared_gateway()).sdk  # raises SdkUnavailableError without the SDK
    from py4j.protocol import Py4JError  # installed with the SDK

    with sdk_stdout_to_stderr():
        job = build_job(sdk, workflow, document_folder, name)
        try:
            return str(sdk.exportJob2XML(job))
        except Py4JError as e:
            raise SdkError(f"the SDK could not export the job: {java_message(e)}") from e
