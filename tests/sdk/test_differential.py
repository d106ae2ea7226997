"""Our structural diagnostics against ProActive's own validator, on hundreds of random notebooks.

For each notebook the kernel accepts cell by cell (`test_differential_generator`): our verdict is
"has an error among PA303, PA308, PA402, PA404, PA406"; the workflow is exported as `--no-check`
would (what the kernel would have built), and ProActive's verdict comes from its validator
(schema + FlowChecker) in one long-lived JVM. They must agree, case by case.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from test_differential_generator import COUNT, generate

from proactive_lsp.analysis import analyze
from proactive_lsp.checks.flowchecker import java_hashmap_order
from proactive_lsp.diagnostics import Diagnostic, Severity
from proactive_lsp.documents.notebook import notebook_from_cells
from proactive_lsp.model.task import FlowKind
from proactive_lsp.model.workflow import Workflow
from proactive_lsp.sdk import ValidatorProcess, Verdict
from proactive_lsp.sdk.export import export_xml
from proactive_lsp.sdk.gateway import SdkGateway

pytestmark = pytest.mark.requires_sdk

STRUCTURAL = {"PA303", "PA308", "PA402", "PA404", "PA406"}
COUNT_ENV = "PROACTIVE_LSP_DIFFERENTIAL_COUNT"  # run more (or fewer) random notebooks


@dataclass(frozen=True)
class Outcome:
    cells: list[str]
    ours: list[Diagnostic]
    theirs: Verdict

    @property
    def agree(self) -> bool:
        return bool(self.ours) == (not self.theirs.valid) or self.kernel_stricter

    @property
    def kernel_stricter(self) -> bool:
        """The kernel refuses to submit a job ProActive would accept: not a disagreement.

        `#%submit_job` re-checks every `runs=` task first (kernel-13.0.4.md §3.5) and raises
        `Job validation error` when its parent is gone or has gained dependencies, or it has
        gained children; we report that as PA404. ProActive only sees a plain task then.
        """
        return self.theirs.valid and bool(self.ours) and all(
            d.code == "PA404" and d.message.startswith("The replicated task") for d in self.ours
        )

    def explain(self, index: int) -> str:
        cells = "\n".join(f"  [{i}] {c!r}" for i, c in enumerate(self.cells))
        ours = "\n".join(f"  {d.code} cell {d.cell}: {d.message}" for d in self.ours) or "  (none)"
        return (f"notebook {index}: we say {'invalid' if self.ours else 'valid'}, ProActive says "
                f"{self.theirs.describe()}\ncells:\n{cells}\nour structural errors:\n{ours}")


# ProActive's FlowChecker never returns on these jobs (see `flowchecker_hangs`); the scheduler
# would spin on the submission forever, so the job is never accepted.
HANGS = Verdict(None, False, "flow", "FlowChecker never terminates (IF branch walk enters a cycle)")


def judge(cells: list[str], gateway: SdkGateway, validator: ValidatorProcess) -> Outcome:
    analysis = analyze(notebook_from_cells(cells))
    ours = [d for d in analysis.diagnostics
            if d.code in STRUCTURAL and d.severity is Severity.ERROR]
    xml = export_xml(analysis.workflow, gateway=gateway)
    if flowchecker_hangs(analysis.workflow):
        return Outcome(cells, ours, HANGS)
    return Outcome(cells, ours, validator.validate_xml(xml))


def flowchecker_hangs(workflow: Workflow, limit: int = 100_000) -> bool:
    """Would ProActive's `FlowChecker.createTaskTree` loop forever on this job?

    For every IF action with a continuation, it walks from the IF and ELSE targets to the end of
    each branch: first child (children in `HashMap` order), else the ELSE target of a task's flow
    script, else the last continuation it passed. There is no visited set, so a walk that enters
    a dependency cycle never ends (ProActive 13.0.3, `FlowChecker.java`, the `do ... while`).
    """
    tasks = workflow.tasks
    children: dict[str, list[str]] = {name: [] for name in tasks}
    for name in java_hashmap_order(tasks):
        for ref in tasks[name].deps:
            if ref.name in children and ref.name != name:
                children[ref.name].append(name)
    for task in tasks.values():
        script = task.flow_script
        if script is None or script.kind is not FlowKind.BRANCH or not script.target_continuation:
            continue
        for start in (script.target, script.target_else):
            current: str | None = start if start in tasks else None
            joins: list[str] = []
            steps = 0
            while current is not None:
                steps += 1
                if steps > limit:
                    return True
                flow = tasks[current].flow_script
                if flow is not None and flow.kind is FlowKind.BRANCH and flow.target_continuation:
                    joins.append(flow.target_continuation)
                following = children[current]
                nxt: str | None = following[0] if following else None
                if nxt is None and flow is not None and flow.kind is FlowKind.BRANCH:
                    nxt = flow.target_else if flow.target_else in tasks else None
                if nxt is None and joins:
                    popped = joins.pop()
                    nxt = popped if popped in tasks else None
                current = nxt
    return False


@pytest.fixture(scope="module")
def gateway() -> Iterator[SdkGateway]:
    with SdkGateway() as made:
        yield made


def test_structural_verdicts_equal_proactives(
    gateway: SdkGateway, validator: ValidatorProcess
) -> None:
    count = int(os.environ.get(COUNT_ENV, COUNT))
    outcomes = [judge(generate(i), gateway, validator) for i in range(count)]
    refused = sum(not o.theirs.valid for o in outcomes)
    # The generator must exercise both sides, or the comparison says little.
    assert refused >= count // 5 and count - refused >= count // 5, (refused, count)
    stricter = sum(o.kernel_stricter for o in outcomes)
    assert stricter <= count // 20, f"{stricter} jobs only the kernel refuses: generator drifted?"
    disagreements = [o.explain(i) for i, o in enumerate(outcomes) if not o.agree]
    assert not disagreements, (
        f"{len(disagreements)} of {count} disagree:\n\n" + "\n\n".join(disagreements[:5])
    )
