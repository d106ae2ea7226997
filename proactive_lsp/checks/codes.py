"""Every diagnostic code, defined once: severity and title here, documentation in ``docs.py``.

Codes are stable: scripts and editor settings refer to them. Never renumber one.
"""

from __future__ import annotations

from proactive_lsp.diagnostics import Diagnostic, Fix, Related, Severity
from proactive_lsp.text import Range

E, W, INFO, H = Severity.ERROR, Severity.WARNING, Severity.INFORMATION, Severity.HINT

CODES: dict[str, tuple[Severity, str]] = {
    "PA101": (E, "pragma parameters do not parse"),
    "PA102": (E, "unknown pragma"),
    "PA103": (E, "removed pragma get_result"),
    "PA104": (W, "malformed pragma the kernel tolerates"),
    "PA105": (W, "pragma the kernel ignores"),
    "PA106": (E, "required parameter missing"),
    "PA201": (W, "unknown parameter"),
    "PA202": (W, "duplicate parameter"),
    "PA203": (E, "invalid parameter value"),
    "PA204": (W, "scalar where a list is expected"),
    "PA205": (E, "unsupported language"),
    "PA206": (W, "hyphenated name"),
    "PA207": (E, "Python syntax error in the body"),
    "PA208": (H, "cell body ignored"),
    "PA301": (E, "dependency on an unknown task"),
    "PA302": (E, "dependency on a task defined later"),
    "PA303": (E, "dependency cycle"),
    "PA304": (W, "self or duplicate dependency"),
    "PA305": (W, "task redefined"),
    "PA306": (E, "pragma names an unknown task"),
    "PA307": (E, "default control-task name collides or cannot be derived"),
    "PA308": (E, "name rejected by ProActive's schema"),
    "PA401": (E, "control pragma out of order"),
    "PA402": (E, "control left unfinished"),
    "PA403": (W, "plain cell inside an open control"),
    "PA404": (E, "invalid replicate structure"),
    "PA405": (INFO, "replicate without a merge: the kernel adds DefaultMerge"),
    "PA406": (E, "workflow rejected by ProActive's FlowChecker"),
    "PA501": (E, "import of a variable nobody exported before"),
    "PA502": (E, "import from a task that is not an ancestor"),
    "PA503": (W, "exported variable never assigned"),
    "PA504": (H, "exported variable never imported"),
    "PA505": (W, "import/export ignored with path="),
    "PA506": (W, "variable of another task used without importing it"),
    "PA601": (E, "path= file does not exist"),
    "PA602": (W, "password written in the notebook"),
    "PA603": (E, "unusable proactive_config.ini"),
    "PA604": (H, "pragma needs a connection"),
}


def severity_of(code: str) -> Severity:
    return CODES[code][0]


def make(
    code: str,
    message: str,
    range: Range,
    *,
    cell: int | None = None,
    fixes: tuple[Fix, ...] = (),
    related: tuple[Related, ...] = (),
    tags: tuple[str, ...] = (),
) -> Diagnostic:
    """Build a diagnostic with the severity its code has in the spec table."""
    return Diagnostic(
        code=code,
        severity=severity_of(code),
        message=message,
        range=range,
        cell=cell,
        related=related,
        fixes=fixes,
        tags=tags,
    )
