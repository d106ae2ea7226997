"""One rule for the whole suite: tests marked `requires_sdk` skip, with the reason, when Java, javac
or the ProActive SDK is missing (markers are registered in pyproject.toml)."""

from __future__ import annotations

import pytest

from proactive_lsp.sdk.locate import missing_prerequisite


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    reason = missing_prerequisite()
    if reason is None:
        return
    skip = pytest.mark.skip(reason=f"the ProActive SDK cannot run here: {reason}")
    for item in items:
        if "requires_sdk" in item.keywords:
            item.add_marker(skip)
