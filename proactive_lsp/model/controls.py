"""The control state machine: replicate, loop and branch (kernel-13.0.4.md §3.6)."""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Location, Related
from proactive_lsp.language.spec import Control
from proactive_lsp.model.task import FlowKind, FlowScript, TaskKind
from proactive_lsp.model.workflow import ControlBlock, Hint
from proactive_lsp.syntax.tree import Pragma
from proactive_lsp.text import Range

if TYPE_CHECKING:
    from proactive_lsp.model.cell import CellSyntax
    from proactive_lsp.model.kernel import KernelState

# The pragma each open state accepts next, and the state it leads to.
_NEXT: dict[str, tuple[str, str]] = {
    "": ("", ""),
    "split": ("runs", "runs"),
    "runs": ("process", "process"),
    "process": ("merge", ""),
    "start": ("condition", "loop_condition"),
    "loop_condition": ("loop", ""),
    "branch": ("condition", "branch_condition"),
    "branch_condition": ("if", "if"),
    "if": ("else", "else"),
    "else": ("continuation", ""),
}
_OPENERS = {"split": Control.REPLICATE, "start": Control.LOOP, "branch": Control.BRANCH}
_FOLLOWERS = {"runs", "process", "merge", "condition", "loop", "if", "else", "continuation"}
_IDLE_MESSAGES = {
    "runs": 'The "replicate" control should start with a \'split\' pragma.',
    "process": 'The "replicate" control should start with a \'split\' pragma.',
    "merge": 'The "replicate" control should start with a \'split\' pragma.',
    "loop": 'The "loop" control should start with a \'start\' pragma.',
    "if": 'The "branch" control should start with a \'branch\' pragma.',
    "else": 'The "branch" control should start with a \'branch\' pragma.',
    "continuation": 'The "branch" control should start with a \'branch\' pragma.',
    "condition": 'The "branch" control should start with a \'branch\' pragma, and the "loop" '
    "control should start with a 'start' pragma.",
}
# Default names from the last run of digits of the previous task's name.
_DIGIT_NAMED = {"process", "merge", "loop"}
# The task the pragma depends on by default: the previous task.
_DEFAULT_DEP = {"process", "merge", "loop"}
_FLOW_BLOCK = {"split": "start", "start": "start", "merge": "end", "loop": "end"}


@dataclass
class ControlState:
    state: str = ""  # "" is idle; otherwise the last accepted control pragma
    block: ControlBlock | None = None
    saved_script: FlowScript | None = None
    branch_task: str | None = None
    open_cell: int = 0
    open_pragma: Pragma | None = None

    def fork(self, controls: list[ControlBlock]) -> ControlState:
        """A copy for a forked kernel state; the open block and script are changed in place
        later, so they are copied (and the copy of the block replaces it in ``controls``)."""
        block = self.block
        if block is not None:
            copied = ControlBlock(block.kind, list(block.cells), list(block.tasks), block.complete)
            controls[:] = [copied if b is block else b for b in controls]
            block = copied
        script = copy.copy(self.saved_script) if self.saved_script is not None else None
        return dataclasses.replace(self, block=block, saved_script=script)

    def allows(self, kernel: KernelState, cell: int, pragma: Pragma) -> bool:
        name = pragma.name.text
        expected = _NEXT[self.state][0]
        if self.state and name != expected:
            article = "an" if expected[0] in "aeiou" else "a"
            message = f"Expected {article} '{expected}' pragma."
        elif not self.state and name in _FOLLOWERS:
            message = _IDLE_MESSAGES[name]
        else:
            return True
        related: tuple[Related, ...] = ()
        if self.block is not None and self.open_pragma is not None:
            message += f" (a {self.block.kind.value} control is open)"
            related = (Related(Location(self.open_cell, self.open_pragma.name.range),
                               f"the {self.block.kind.value} control opened here"),)
        kernel.report(cell, make("PA401", message, pragma.name.range, related=related))
        return False

    def plain_cell(self, kernel: KernelState, cell: int, syntax: CellSyntax) -> None:
        if not self.state or kernel.multiblock:
            return
        first = syntax.body.split("\n", 1)[0]
        target = "`runs`" if self.state == "split" else "`condition`" if self.state in (
            "start", "branch") else "the next control pragma"
        kernel.report(cell, make(
            "PA403",
            f"plain cell inside an open {self._kind_name()} control: it becomes a task of its own "
            f"and the last task, so {target} attaches to it instead of the control's task",
            _line_range(first),
        ))

    def _kind_name(self) -> str:
        return self.block.kind.value if self.block is not None else "control"

    def task_pragma(self, kernel: KernelState, cell: int, syntax: CellSyntax, pragma: Pragma) -> None:
        name = pragma.name.text
        explicit = pragma.value("name") or ""
        task_name = explicit
        collision_reported = False
        if not explicit:
            derived = self._default_name(kernel, cell, pragma)
            if derived is None:
                return  # the kernel crashes (pop from empty list) and stays in this state
            task_name = derived
            if task_name in kernel.tasks:
                collision_reported = True
                kernel.report(cell, make(
                    "PA307",
                    f"the default name '{task_name}' is already a task: the kernel silently "
                    f"redefines '{task_name}'; give this `#%{name}` a name=",
                    pragma.name.range,
                ))
        param = pragma.param("name")
        name_range = param.value.range if param is not None and explicit else pragma.name.range
        default_deps = [kernel.last_task] if name in _DEFAULT_DEP and kernel.last_task else None
        task = kernel.create_task(
            cell, pragma, name=task_name, kind=TaskKind.CONTROL, pragma_name=name,
            name_range=name_range, body=syntax.body, default_deps=default_deps,
            redefinition_reported=collision_reported, name_written=bool(explicit),
        )
        if task is None:
            return
        if not explicit:
            kernel.hints.append(Hint(cell, pragma.name.range, f" {task.name}", "the kernel's default name"))
        if default_deps and pragma.param("dep") is None:
            kernel.hints.append(Hint(cell, pragma.name.range, f" ← {default_deps[0]}",
                                     "implicit dependency on the previous task"))
        if name in _FLOW_BLOCK:
            task.flow_block = _FLOW_BLOCK[name]
        self._advance(kernel, cell, pragma, task.name)

    def _default_name(self, kernel: KernelState, cell: int, pragma: Pragma) -> str | None:
        name = pragma.name.text
        if name not in _DIGIT_NAMED:
            return kernel.unique_name(name)
        previous = kernel.last_task or ""
        digits = re.findall(r"\d+", previous)
        if not digits:
            kernel.report(cell, make(
                "PA307",
                f"the kernel derives this task's name from the digits of the previous task "
                f"'{previous}' and has none: `Proactive error: pop from empty list`; give it a name=",
                pragma.name.range,
            ))
            return None
        return f"{name}{digits[-1]}"

    def flow_pragma(self, kernel: KernelState, cell: int, syntax: CellSyntax, pragma: Pragma) -> None:
        name = pragma.name.text
        target = kernel.last_task
        if name == "runs":
            if target is not None and target in kernel.tasks:
                kernel.own(target).flow_script = FlowScript(
                    FlowKind.REPLICATE, syntax.body, cell, pragma.name.range
                )
        elif self.state == "start":
            self.saved_script = FlowScript(FlowKind.LOOP, syntax.body, cell, pragma.name.range,
                                           target=target)
        else:
            self.saved_script = FlowScript(FlowKind.BRANCH, syntax.body, cell, pragma.name.range)
        self._advance(kernel, cell, pragma, None)

    def _advance(self, kernel: KernelState, cell: int, pragma: Pragma, task_name: str | None) -> None:
        name = pragma.name.text
        if name in _OPENERS:
            self.block = ControlBlock(_OPENERS[name])
            kernel.controls.append(self.block)
            self.open_cell, self.open_pragma = cell, pragma
            self.saved_script = None
            self.branch_task = task_name if name == "branch" else None
            self.state = name
        else:
            self.state = _NEXT[self.state][1]
        if self.block is not None:
            self.block.cells.append(cell)
            if task_name is not None:
                self.block.tasks.append(task_name)
        if task_name is not None:
            self._place_flow(kernel, name, task_name)
        if not self.state and self.block is not None:
            self.block.complete = True
            self.block = None

    def _place_flow(self, kernel: KernelState, name: str, task_name: str) -> None:
        script = self.saved_script
        task = kernel.own(task_name)
        if name == "loop" and script is not None:
            task.flow_script = script
        elif name == "if" and script is not None:
            script.target = task_name
        elif name == "else" and script is not None:
            script.target_else = task_name
        elif name == "continuation" and script is not None:
            script.target_continuation = task_name
            if self.branch_task is not None and self.branch_task in kernel.tasks:
                kernel.own(self.branch_task).flow_script = script

    def finish(self, kernel: KernelState) -> None:
        if not self.state or self.open_pragma is None:
            return
        expected = _NEXT[self.state][0]
        kernel.report(self.open_cell, make(
            "PA402",
            f"this {self._kind_name()} control is never finished: the document ends where the "
            f"kernel expects a '{expected}' pragma, and every later pragma would be refused",
            self.open_pragma.name.range,
        ))


def _line_range(text: str) -> Range:
    return Range.on_line(0, 0, len(text))

