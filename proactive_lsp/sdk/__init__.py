"""The bridge to the ProActive SDK and to ProActive's own job validator.

Nothing here imports `proactive` (or py4j) at module import time: the SDK is optional,
slow to import and prints to stdout. Functions locate or import it when called.
"""

from __future__ import annotations

from proactive_lsp.sdk.errors import SdkError, SdkUnavailableError, ValidatorCrashedError
from proactive_lsp.sdk.in_jvm import flowcheck_in_sdk_jvm, validate_sdk_job
from proactive_lsp.sdk.locate import missing_prerequisite
from proactive_lsp.sdk.validator import validate_xml, validate_xml_files
from proactive_lsp.sdk.validator_process import ValidatorProcess, shared_validator
from proactive_lsp.sdk.verdict import Verdict

__all__ = [
    "SdkError",
    "SdkUnavailableError",
    "ValidatorCrashedError",
    "ValidatorProcess",
    "Verdict",
    "flowcheck_in_sdk_jvm",
    "missing_prerequisite",
    "shared_validator",
    "validate_sdk_job",
    "validate_xml",
    "validate_xml_files",
]
