"""The kernel's session state and its task pipeline (`__create_task__`, kernel-13.0.4.md §3.2)."""

from __future__ import annotations

import bisect
import copy
import dataclasses
import itertools
from dataclasses import dataclass, field
from pathlib import Path

from proactive_lsp.checks.codes import make
from proactive_lsp.diagnostics import Diagnostic, Edit, Fix, Location, Related
from proactive_lsp.model.controls import ControlState
from proactive_lsp.model.edits import closest, export_from
from proactive_lsp.model.facts import facts_of
from proactive_lsp.model.replicate import straight_replicate
from proactive_lsp.model.task import Ref, Task, TaskKind
from proactive_lsp.model.workflow import (
    Connection,
    ControlBlock,
    Hint,
    Job,
    Occurrence,
    Role,
    Symbol,
    Workflow,
)
from proactive_lsp.syntax.tree import Pragma, Word
from proactive_lsp.text import Position, Range

_CONNECTION_FREE = ("connect", "help", "configure")


_generations = itertools.count(1)


def clone_task(task: Task, gen: int) -> Task:
    """A copy that may be changed in place (its lists are copied; scripts are immutable)."""
    return dataclasses.replace(
        task,
        deps=list(task.deps),
        exports=list(task.exports),
        imports=list(task.imports),
        generic_info=list(task.generic_info),
        variables=list(task.variables),
        defined_in=list(task.defined_in),
        body_cells=list(task.body_cells),
        gen=gen,
    )


@dataclass
class KernelState:
    """The kernel's session state while the cells are replayed.

    A state can be forked (a checkpoint before the edited cell, so the next keystroke replays
    only from there). Tasks are then shared, copy-on-write: a task is changed in place only by
    the state of its generation; any other state changes its own copy (:meth:`own`).
    """

    document_name: str | None
    later_names: dict[str, list[int]]  # explicit task name → defining cells, in order
    tasks: dict[str, Task] = field(default_factory=dict)
    tasks_count: int = 0
    exported_vars: dict[str, list[Ref]] = field(default_factory=dict)
    exported_count: dict[str, int] = field(default_factory=dict)  # variable → exporting tasks
    imports: dict[str, str] = field(default_factory=dict)
    multiblock: bool = False
    last_task: str | None = None  # the kernel's last_modified_task
    last_task_flag: bool = False  # may a multiblock plain cell append to it?
    replicated: dict[str, Ref] = field(default_factory=dict)  # task → its `runs=` value
    job: Job = field(default_factory=Job)
    job_up_to_date: bool = False
    submitted: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    occurrences: list[Occurrence] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    controls: list[ControlBlock] = field(default_factory=list)
    connections: list[Connection] = field(default_factory=list)
    connection_hint_given: bool = False
    controls_state: ControlState = field(default_factory=ControlState)
    cell_texts: list[str] = field(default_factory=list)
    movable_cells: bool = False  # True for .py text, where a cell can be moved by text edits
    document_folder: Path | None = None  # where `path=` files are read from
    gen: int = field(default_factory=lambda: next(_generations))

    def own(self, name: str) -> Task:
        """The task to change in place: this state's own copy of it."""
        task = self.tasks[name]
        if task.gen != self.gen:
            task = clone_task(task, self.gen)
            self.tasks[name] = task
        return task

    def fork(self) -> KernelState:
        """A copy of this state that evolves separately; both copy shared tasks on write."""
        child = copy.copy(self)
        child.gen, self.gen = next(_generations), next(_generations)
        child.tasks = dict(self.tasks)
        child.exported_vars = dict(self.exported_vars)
        child.exported_count = dict(self.exported_count)
        child.imports = dict(self.imports)
        child.replicated = dict(self.replicated)
        child.job = dataclasses.replace(self.job)
        child.diagnostics = list(self.diagnostics)
        child.occurrences = list(self.occurrences)
        child.hints = list(self.hints)
        child.connections = list(self.connections)
        child.controls = list(self.controls)
        child.controls_state = self.controls_state.fork(child.controls)
        return child

    def report(self, cell: int, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(
            Diagnostic(
                code=diagnostic.code,
                severity=diagnostic.severity,
                message=diagnostic.message,
                range=diagnostic.range,
                cell=cell,
                related=diagnostic.related,
                fixes=diagnostic.fixes,
                tags=diagnostic.tags,
            )
        )

    def occurrences_add(self, symbol: Symbol, role: Role, name: str, cell: int, where: Range) -> None:
        self.occurrences.append(Occurrence(symbol, role, name, cell, where))

    # -- the task pipeline -------------------------------------------------------------------

    def create_task(
        self,
        cell: int,
        pragma: Pragma | None,
        *,
        name: str,
        kind: TaskKind,
        pragma_name: str,
        name_range: Range,
        body: str,
        default_deps: list[str] | None = None,
        redefinition_reported: bool = False,
        name_written: bool = True,
    ) -> Task | None:
        """Create or modify a task; None when the kernel refuses (an import nobody exported)."""
        if pragma is not None and not self._imports_available(cell, pragma):
            return None
        name_written = name_written and bool(name)
        existing = self.tasks.get(name) if name else None
        if existing is not None:
            task = self.own(name)
            if not redefinition_reported:
                self._report_redefinition(cell, task, name_range)
            self.forget_exports(name)
            task.deps, task.generic_info, task.variables = [], [], []
            task.exports, task.imports = [], []
            task.cell = cell
            task.name_range = name_range
            task.defined_in.append(cell)
            task.pragma = pragma_name or task.pragma
        else:
            if not name:
                name = self.unique_name("DT")
                kind = TaskKind.ANONYMOUS
            task = Task(name=name, kind=kind, pragma=pragma_name, cell=cell, name_range=name_range,
                        name_is_default=not name_written, defined_in=[cell],
                        first_name_range=name_range, gen=self.gen)
            self.tasks[name] = task
            self.tasks_count += 1
        if name_written:
            self.occurrences_add(Symbol.TASK, Role.DEFINITION, name, cell, name_range)
        self._apply(task, cell, pragma, body, default_deps)
        self.last_task = name
        self.last_task_flag = True
        self.job_up_to_date = False
        return task

    def unique_name(self, prefix: str) -> str:
        """`<prefix><tasks_count>`; the kernel falls back to a random number when it is taken."""
        candidate = f"{prefix}{self.tasks_count}"
        bump = self.tasks_count
        while candidate in self.tasks:
            bump += 1
            candidate = f"{prefix}{bump}"
        return candidate

    def _imports_available(self, cell: int, pragma: Pragma) -> bool:
        ok = True
        for item in pragma.names("import"):
            if self.exported_count.get(item.text, 0) > 0:
                continue
            ok = False
            upstream = [self.tasks[w.text] for w in pragma.names("dep") if w.text in self.tasks]
            self.report(
                cell,
                make(
                    "PA501",
                    f"The variable '{item.text}' can't be imported: no task defined in an earlier "
                    "cell exports it (the kernel refuses this cell)",
                    item.range,
                    fixes=tuple(
                        fix for task in upstream[:3] if (fix := export_from(task, item.text))
                    ),
                ),
            )
        return ok

    def _report_redefinition(self, cell: int, task: Task, where: Range) -> None:
        first = task.defined_in[0]
        self.report(
            cell,
            make(
                "PA305",
                f"task '{task.name}' is redefined: the kernel resets its dependencies, variables, "
                "exports and language from the earlier definition",
                where,
                related=(
                    Related(Location(first, task.first_name_range or task.name_range),
                            f"'{task.name}' first defined here"),
                ),
            ),
        )

    def _apply(self, task: Task, cell: int, pragma: Pragma | None, body: str,
               default_deps: list[str] | None) -> None:
        facts = facts_of(pragma, cell) if pragma is not None else None
        task.params_end = facts.params_end if facts is not None else None
        task.params_empty = facts.params_empty if facts is not None else True
        task.language = facts.language if facts is not None else None
        task.precious_result = facts.precious_result if facts is not None else False
        if self.job.selection_script is not None:
            task.selection_script = self.job.selection_script
        if self.job.fork_env is not None:
            task.fork_env = self.job.fork_env
        if facts is not None and facts.has_dep:
            self._add_deps(task, cell, facts.deps, facts.dep_refs)
        elif default_deps:
            # The kernel skips the task's own name here too (a control named like the previous task).
            task.deps = [Ref(name, cell, task.name_range) for name in default_deps
                         if name in self.tasks and name != task.name]
        if facts is not None:
            task.generic_info = list(facts.generic_info)
            task.variables = list(facts.variables)
            task.exports = list(facts.exports)
            task.imports = list(facts.imports)
            self.occurrences.extend(facts.occurrences)
            if facts.exports:
                self.exported_vars[task.name] = task.exports
                for variable in facts.exported_names:
                    self.exported_count[variable] = self.exported_count.get(variable, 0) + 1
            task.path = facts.path
        task.import_prefix = self.imports.get(task.engine_language, "") if task.path is None else ""
        task.body = body
        task.body_cells = [cell]
        task.runs = None
        if facts is not None and facts.runs is not None and pragma is not None and pragma.name.text == "task":
            self._straight_replicate(task, cell, facts.runs)

    def _add_deps(self, task: Task, cell: int, names: tuple[Word, ...],
                  refs: tuple[tuple[Ref, Occurrence], ...] = ()) -> None:
        added: set[str] = set()
        for index, word in enumerate(names):
            name = word.text
            if name == task.name:
                self.report(cell, make("PA304", f"'{name}' depends on itself: the kernel skips it",
                                       word.range, tags=("unnecessary",)))
                continue
            if name in added:
                self.report(cell, make("PA304", f"duplicate dependency on '{name}': the kernel skips it",
                                       word.range, tags=("unnecessary",)))
                continue
            if name not in self.tasks:
                self._unknown_dependency(task, cell, word)
                continue
            added.add(name)
            if refs:
                ref, occurrence = refs[index]
            else:
                ref = Ref(name, cell, word.range)
                occurrence = Occurrence(Symbol.TASK, Role.REFERENCE, name, cell, word.range)
            self.occurrences.append(occurrence)
            task.deps.append(ref)

    def _unknown_dependency(self, task: Task, cell: int, word: Word) -> None:
        cells = self.later_names.get(word.text, [])
        at = bisect.bisect_right(cells, cell)
        later = cells[at] if at < len(cells) else None
        if later is not None:
            self.occurrences_add(Symbol.TASK, Role.REFERENCE, word.text, cell, word.range)
            self.report(cell, make(
                "PA302",
                f"task '{word.text}' is only defined in a later cell: run top to bottom, the "
                "kernel drops this dependency",
                word.range,
                related=(Related(Location(later, Range.on_line(0, 0, 0)), f"'{word.text}' is defined here"),),
                fixes=self._move_before(later, cell, word.text),
            ))
            return
        known = list(self.tasks)
        fixes = tuple(
            Fix(f"Change to '{c}'", (Edit(word.range, c),), preferred=i == 0)
            for i, c in enumerate(closest(word.text, known))
        )
        self.report(cell, make(
            "PA301",
            f"Task '{word.text}' does not exist: the kernel ignores this dependency",
            word.range,
            fixes=fixes,
        ))

    def _move_before(self, later: int, cell: int, name: str) -> tuple[Fix, ...]:
        """In a text file, move the defining cell above (notebook cells cannot be moved by edits)."""
        texts = self.cell_texts
        if not self.movable_cells or later >= len(texts):
            return ()
        text = texts[later]
        lines = text.split("\n")
        whole = Range(Position(0, 0), Position(len(lines) - 1, len(lines[-1])))
        moved = text if text.endswith("\n") else text + "\n"
        return (Fix(f"Move the definition of '{name}' above this cell", (
            Edit(Range(Position(0, 0), Position(0, 0)), moved + "\n", cell=cell),
            Edit(whole, "", cell=later),
        )),)

    def _straight_replicate(self, task: Task, cell: int, runs: Ref) -> None:
        straight_replicate(self, task, cell, runs)

    # -- other state changes -----------------------------------------------------------------

    def require_task(self, cell: int, name: str, where: Range, pragma_name: str) -> bool:
        if name in self.tasks:
            return True
        wording = f"Task '{name}' does not exist." if pragma_name == "delete_task" else (
            f"The task named '{name}' does not exist."
        )
        fixes = tuple(
            Fix(f"Change to '{c}'", (Edit(where, c),), preferred=i == 0)
            for i, c in enumerate(closest(name, list(self.tasks)))
        )
        self.report(cell, make("PA306", wording, where, fixes=fixes))
        return False

    def delete_task(self, name: str) -> None:
        task = self.tasks.pop(name)
        dependents = [t.name for t in self.tasks.values() if any(d.name == name for d in t.deps)]
        if name in self.replicated:
            del self.replicated[name]
            for ref in task.deps:
                if ref.name in self.tasks:
                    parent = self.own(ref.name)
                    parent.flow_block, parent.flow_script = None, None
            for child in dependents:
                self.own(child).flow_block = None
        for other in dependents:
            owned = self.own(other)
            owned.deps = [d for d in owned.deps if d.name != name]
        self.forget_exports(name)
        if self.last_task == name:
            self.last_task = None
        self.job_up_to_date = False

    def forget_exports(self, task: str) -> None:
        for variable in {ref.name for ref in self.exported_vars.pop(task, [])}:
            self.exported_count[variable] -= 1

    def name_job(self, cell: int, name: str, where: Range) -> None:
        self.job.name = name
        self.job.name_ref = Ref(name, cell, where)

    def note_connection_need(self, cell: int, pragma: Pragma, needs: bool) -> None:
        if pragma.name.text == "connect" or self.connection_hint_given or not needs:
            return
        if self.connections:
            return
        self.connection_hint_given = True
        self.report(cell, make(
            "PA604",
            f"`#%{pragma.name.text}` needs a connection to a ProActive server: add `#%connect(...)` "
            "before it or a proactive_config.ini next to the notebook",
            pragma.name.range,
        ))

    def runtime_env_script(self, pragma: Pragma) -> str:
        from proactive_lsp.model.runtime_env import runtime_env_script

        # As the kernel extracts them: the last of a duplicated key wins.
        return runtime_env_script({p.key.text: p.value.text for p in pragma.params})

    def workflow(self) -> Workflow:
        return Workflow(
            tasks=self.tasks,
            job=self.job,
            diagnostics=self.diagnostics,
            occurrences=self.occurrences,
            hints=self.hints,
            controls=self.controls,
            connections=self.connections,
            document_name=self.document_name,
        )
