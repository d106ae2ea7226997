"""The pragma table: every trigger of kernel 13.0.4 (42) plus the removed `get_result`.

The single source for validation, hover, completion, signature help and the generated docs.
Entries live in one module per family; this module only assembles them.
"""

from __future__ import annotations

from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.pragmas_controls import CONTROL_PRAGMAS
from proactive_lsp.language.pragmas_job import JOB_PRAGMAS
from proactive_lsp.language.pragmas_session import SESSION_PRAGMAS
from proactive_lsp.language.pragmas_tasks import TASK_PRAGMAS
from proactive_lsp.language.spec import PragmaSpec

PRAGMAS: dict[str, PragmaSpec] = {
    spec.name: spec
    for spec in (*TASK_PRAGMAS, *CONTROL_PRAGMAS, *JOB_PRAGMAS, *SESSION_PRAGMAS)
}

# The names `#%help(pragma=...)` knows: every live pragma except `help` itself.
HELP_TOPICS = frozenset(name for name, spec in PRAGMAS.items() if not spec.removed) - {"help"}

__all__ = ["HELP_TOPICS", "LANGUAGES", "PRAGMAS"]
