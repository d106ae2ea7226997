"""PA503: exported variable never assigned in the (Python) body."""

from __future__ import annotations

import pytest

from proactive_lsp.diagnostics import Severity

from .helpers import check, codes, only, span


def test_export_never_assigned() -> None:
    found = only("PA503", '#%task(name=prep, export=[data])\nprint("loading")')
    check(
        found,
        severity=Severity.WARNING,
        cell=0,
        where=span(0, 26, 30),
        words=("'data'", "never assigned"),
    )


@pytest.mark.parametrize(
    "body",
    [
        "data = 1",
        "for data in range(3):\n    pass",
        "import data",
        "def data():\n    pass",
        "data, other = 1, 2",
    ],
)
def test_assigned(body: str) -> None:
    assert "PA503" not in codes(f"#%task(name=prep, export=[data])\n{body}")


def test_not_python() -> None:
    assert "PA503" not in codes("#%task(name=prep, language=Linux_Bash, export=[data])\necho hi")
