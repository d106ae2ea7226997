"""User settings: from `initializationOptions` and `workspace/didChangeConfiguration`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from proactive_lsp.diagnostics import Severity

_SEVERITIES = {s.label: s for s in Severity} | {"info": Severity.INFORMATION}


@dataclass
class Settings:
    """Settings under the `proactive` section (or at the root of the object sent)."""

    # Per-code severity overrides, e.g. {"PA504": "information"}.
    severity: dict[str, Severity] = field(default_factory=dict)
    # Codes never reported, e.g. ["PA604"].
    disabled: frozenset[str] = field(default_factory=frozenset)
    # The scheduler to submit to, e.g. "https://try.activeeon.com:8443".
    scheduler_url: str | None = None
    # The login for the scheduler (the password never travels in settings).
    scheduler_login: str | None = None
    # Whether the server reports written files with window/showMessage; a client that shows its
    # own notification (our VS Code extension) turns it off.
    messages: bool = True

    def update(self, raw: Any) -> None:
        """Apply what a client sent; unknown or ill-typed entries are ignored, never fatal."""
        if not isinstance(raw, dict):
            return
        section = raw.get("proactive", raw)
        if not isinstance(section, dict):
            return
        severity = section.get("severity")
        if isinstance(severity, dict):
            self.severity = {
                str(code).upper(): _SEVERITIES[str(level).lower()]
                for code, level in severity.items()
                if str(level).lower() in _SEVERITIES
            }
        disabled = section.get("disabled")
        if isinstance(disabled, list):
            self.disabled = frozenset(str(code).upper() for code in disabled)
        messages = section.get("messages")
        if isinstance(messages, bool):
            self.messages = messages
        scheduler = section.get("scheduler")
        if isinstance(scheduler, dict):
            url, login = scheduler.get("url"), scheduler.get("login")
            self.scheduler_url = url if isinstance(url, str) and url else self.scheduler_url
            self.scheduler_login = (
                login if isinstance(login, str) and login else self.scheduler_login
            )
