"""ProActive's own verdict on a workflow, mapped back onto the pragma that caused it.

Backs `check --proactive` and the editor's "Validate with ProActive": the job is built with the
SDK exactly as the kernel builds it, exported by ProActive's `Job2XMLTransformer`, and judged by
ProActive's schema, parser and FlowChecker (the validator JVM).
"""

from __future__ import annotations

from proactive_lsp.analysis import Analysis
from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic
from proactive_lsp.sdk.verdict import Verdict
from proactive_lsp.text import Range


def proactive_verdict(analysis: Analysis) -> Verdict:
    """Raises SdkUnavailableError (what to install) or SdkError when the SDK cannot build it."""
    from proactive_lsp.sdk.export import export_xml
    from proactive_lsp.sdk.validator_process import shared_validator

    xml = export_xml(analysis.workflow, analysis.document.folder)
    return shared_validator().validate_xml(xml)


def verdict_diagnostic(analysis: Analysis, verdict: Verdict) -> Diagnostic | None:
    """PA406 on the task ProActive names (or the first cell), or None when the job is valid."""
    if verdict.valid:
        return None
    task = analysis.workflow.tasks.get(verdict.task or "")
    if task is not None:
        cell, where = task.cell, task.name_range
    else:
        cell, where = 0, Range.on_line(0, 0, 0)
    return make(
        "PA406",
        f"ProActive's validator refuses the job ({verdict.stage or 'unknown'} stage): "
        f"{verdict.describe()}",
        where,
        cell=cell,
    )
