"""ProActive's verdicts on handcrafted job XML: every row of the table in
proactive-components.md §3, plus a few neighbours that show how messages are extracted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from proactive_lsp.sdk import ValidatorProcess, Verdict, validate_xml, validate_xml_files
from proactive_lsp.sdk.verdict import Stage

FIXTURES = Path(__file__).with_name("fixtures")

pytestmark = pytest.mark.requires_sdk


@dataclass(frozen=True)
class Case:
    fixture: str
    stage: Stage | None = None
    message: str | None = None
    task: str | None = None
    # The wording of the spec's table when it quotes only part of ProActive's message.
    table_phrase: str | None = None


CASES = [
    Case("valid_chain"),
    Case("valid_branch"),
    Case("valid_self_loop"),
    Case("valid_replicate_blocks"),
    Case("valid_loop_blocks"),
    Case("flow_end_without_start", "flow", "Unmatched end block", "T1"),
    Case("flow_start_without_end", "flow", "Unmatched start block", "T0"),
    Case("flow_cycle_with_root", "flow", "Infinite recursion detected", "A"),
    Case("flow_cycle_no_root", "flow", "Unreachable task", "A"),
    Case("flow_self_dependency", "flow", "Unreachable task", "A"),
    Case("flow_replicate_without_merge", "flow", "No merge point for REPLICATE block", "process"),
    Case(
        "flow_replicate_target_block_end",
        "flow",
        "The target of a REPLICATE cannot be the end of a task block",
        "process",
    ),
    Case(
        "flow_replicate_target_two_deps",
        "flow",
        "The Target of a REPLICATE must have only one dependency",
        "process",
    ),
    Case("flow_loop_not_block", "flow", "The scope of a LOOP action should be a Task Block", "T1"),
    Case("flow_loop_target_unknown", "flow", "LOOP action has no target", "last"),
    Case("flow_if_multiple_targets", "flow", "Task is target of multiple IF actions", "tgt"),
    # Without a continuation; with one, the same shape gives the next case's message.
    Case("flow_if_target_has_deps", "flow", "IF target task cannot have dependencies", "if_t"),
    Case("flow_if_block_has_deps", "flow", "IF task block cannot have dependencies", "if_t"),
    Case("flow_if_target_missing", "flow", "IF target is null", "br"),
    Case("parse_unknown_dependency", "parse", '"X" is referenced by an IDREF, but not defined.'),
    Case("parse_duplicate_task", "parse", '"T0" is used as an ID value more than once.'),
    Case(
        "parse_bad_task_name",
        "parse",
        'attribute "name" has a bad value: "1st" does not satisfy the "ID" type',
        "1st",
    ),
    Case(
        "parse_short_job_name",
        "parse",
        'attribute "name" has a bad value: the length of the value is 1, '
        "but the required minimum is 2.",
        table_phrase="the length of the value is 1, but the required minimum is 2",
    ),
    Case("parse_no_task", "parse", "At least one task must be defined."),
    Case("parse_no_executable", "parse", "At least the Executable element must be define."),
    Case(
        "parse_not_well_formed",
        "parse",
        'The element type "task" must be terminated by the matching end-tag "</task>".',
    ),
]


def fixture_path(name: str) -> Path:
    return FIXTURES / f"{name}.xml"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.fixture)
def test_verdict_matches_table(validator: ValidatorProcess, case: Case) -> None:
    verdict = validator.validate(fixture_path(case.fixture))
    assert verdict == Verdict(
        str(fixture_path(case.fixture)),
        valid=case.stage is None,
        stage=case.stage,
        message=case.message,
        task=case.task,
    )
    if case.message is not None:
        assert (case.table_phrase or case.message) in case.message


def test_unknown_namespace_is_a_parse_error(validator: ValidatorProcess) -> None:
    # 13.0.3 fails with a NullPointerException here; we report its text, whatever it is.
    verdict = validator.validate(fixture_path("parse_wrong_namespace"))
    assert (verdict.valid, verdict.stage) == (False, "parse")
    assert verdict.message


def test_every_fixture_has_a_case() -> None:
    named = {c.fixture for c in CASES} | {"parse_wrong_namespace"}
    assert {p.stem for p in FIXTURES.glob("*.xml")} == named


def test_one_batch_agrees_with_the_long_lived_process(validator: ValidatorProcess) -> None:
    paths = sorted(FIXTURES.glob("*.xml"))
    assert validate_xml_files(paths) == validator.validate_many(paths)


def test_verdict_paths_are_reported_as_given(
    validator: ValidatorProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert validator.validate("valid_chain.xml") == Verdict("valid_chain.xml", valid=True)


def test_missing_file_is_a_parse_error(validator: ValidatorProcess, tmp_path: Path) -> None:
    verdict = validator.validate(tmp_path / "absent.xml")
    assert verdict.stage == "parse"
    assert verdict.message == f"This file has not been found: {tmp_path / 'absent.xml'}"


def test_validate_xml_text_has_no_path() -> None:
    text = fixture_path("flow_replicate_without_merge").read_text(encoding="utf-8")
    verdict = validate_xml(text)
    assert verdict == Verdict(None, False, "flow", "No merge point for REPLICATE block", "process")
    assert verdict.describe() == (
        "Invalid taskflow: No merge point for REPLICATE block; context: process"
    )


def test_non_ascii_job_survives_the_round_trip(validator: ValidatorProcess) -> None:
    text = fixture_path("valid_chain").read_text(encoding="utf-8")
    text = text.replace('name="valid_chain"', 'name="données_été"')
    assert validator.validate_xml(text) == Verdict(None, valid=True)
    assert validator.validate_xml(text.encode("utf-8")) == Verdict(None, valid=True)


def test_line_breaks_in_paths_are_refused(validator: ValidatorProcess) -> None:
    with pytest.raises(ValueError, match="line break"):
        validator.validate("a\nb.xml")
    with pytest.raises(ValueError, match="line break"):
        validate_xml_files(["a\nb.xml"])
