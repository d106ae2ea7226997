"""The long-lived validator JVM: failures are reported, and the shared one comes back."""

from __future__ import annotations

from pathlib import Path

import pytest

from proactive_lsp.sdk import ValidatorCrashedError, ValidatorProcess, shared_validator

FIXTURE = Path(__file__).with_name("fixtures") / "valid_chain.xml"

pytestmark = pytest.mark.requires_sdk


def test_a_dead_jvm_is_reported_not_awaited() -> None:
    with ValidatorProcess() as process:
        assert process.validate(FIXTURE).valid
        process._proc.kill()
        process._proc.wait()
        assert not process.alive
        with pytest.raises(ValidatorCrashedError):
            process.validate(FIXTURE)


def test_shared_validator_restarts_after_a_crash() -> None:
    first = shared_validator()
    assert shared_validator() is first
    first._proc.kill()
    first._proc.wait()
    second = shared_validator()
    assert second is not first and second.alive
    assert second.validate(FIXTURE).valid
