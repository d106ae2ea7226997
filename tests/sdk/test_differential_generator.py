"""Random notebooks that kernel 13.0.4 accepts cell by cell, for the differential test.

The generator keeps a small simulation of the kernel's state (task names in creation order,
`tasks_count`, the last task, each task's dependencies, the control state machine) so that every
cell it writes is one the kernel runs without a Parsing/Parameter/Pragma error: controls are
written in their fixed order, `runs=` is only put on a task whose single parent is a root at that
moment, default control names are only used when the kernel can derive them. What it does write
freely is everything the kernel accepts but ProActive may refuse: dependencies that close cycles
through redefinitions, later children and parents of replicated tasks, control tasks with extra
or missing dependencies, plain cells inside open controls, deletions, short job names.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from proactive_lsp.analysis import analyze
from proactive_lsp.documents.notebook import notebook_from_cells

SEED = 20240613
COUNT = 300


@dataclass
class _Sim:
    rng: random.Random
    names: list[str] = field(default_factory=list)
    deps: dict[str, list[str]] = field(default_factory=dict)
    count: int = 0
    last: str | None = None  # the kernel's previous_task_history name (kept after a delete)
    replicated: list[str] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    fresh: int = 0

    # -- kernel bookkeeping ------------------------------------------------------------------

    def define(self, name: str, deps: list[str]) -> None:
        kept: list[str] = []
        for dep in deps:
            if dep != name and dep in self.deps and dep not in kept:
                kept.append(dep)
        if name not in self.deps:
            self.names.append(name)
            self.count += 1
        self.deps[name] = kept
        self.last = name

    def unique(self, prefix: str) -> str | None:
        name = f"{prefix}{self.count}"
        return None if name in self.deps else name  # the kernel would pick a random number

    def new_name(self, prefix: str = "t") -> str:
        self.fresh += 1
        return f"{prefix}{self.fresh}x"

    def pick(self, k: int) -> list[str]:
        return self.rng.sample(self.names, min(k, len(self.names)))

    def dep_list(self, most: int = 3) -> list[str]:
        chosen = self.pick(self.rng.randint(0, most))
        if self.rng.random() < 0.08:
            chosen.append("ghost")  # unknown: the kernel drops it with a warning
        return chosen

    # -- cells -------------------------------------------------------------------------------

    def emit(self, pragma: str, body: str = "pass") -> None:
        self.cells.append(f"{pragma}\n{body}" if body else pragma)

    def task(self, name: str, deps: list[str], extra: str = "") -> None:
        dep = f", dep=[{', '.join(deps)}]" if deps else ""
        self.emit(f"#%task(name={name}{dep}{extra})")
        self.define(name, deps)

    def plain(self) -> None:
        name = f"DT{self.count}"
        if name in self.deps:
            return  # the kernel would pick a random name; keep the simulation exact
        self.cells.append("x = 1")
        self.define(name, [])

    def control_task(self, pragma: str, name: str | None, deps: list[str] | None) -> None:
        """A task-creating control pragma; `None` deps means the kernel's default."""
        params = []
        if name is not None:
            params.append(f"name={name}")
        if deps:  # `dep=[]` does not parse; no `dep` means the default
            params.append(f"dep=[{', '.join(deps)}]")
        elif deps is not None and pragma in ("process", "merge", "loop"):
            deps = None
        self.emit(f"#%{pragma}({', '.join(params)})")
        if name is None:
            name = self._default_name(pragma)
        if deps is None:
            deps = [self.last] if pragma in ("process", "merge", "loop") and self.last else []
        self.define(name, deps)

    def _default_name(self, pragma: str) -> str:
        if pragma in ("process", "merge", "loop"):
            digits = re.findall(r"\d+", self.last or "")
            return f"{pragma}{digits[-1]}"
        found = self.unique(pragma)
        assert found is not None
        return found

    def name_for(self, pragma: str) -> str | None:
        """None (the kernel's default name) when it is safe, else an explicit name."""
        roll = self.rng.random()
        if roll < 0.15 and self.names:
            return self.rng.choice(self.names)  # an explicit name that redefines a task
        if pragma in ("process", "merge", "loop"):
            digits = re.findall(r"\d+", self.last or "")
            if digits and f"{pragma}{digits[-1]}" not in self.deps and roll < 0.7:
                return None
            return self.new_name(pragma)
        if roll < 0.6 and self.unique(pragma) is not None:
            return None
        return self.new_name(pragma)

    def maybe_plain_inside(self) -> None:
        if self.rng.random() < 0.07:
            self.plain()  # bypasses the state machine and becomes the last task


def _op_task(sim: _Sim) -> None:
    sim.task(sim.new_name(), sim.dep_list())


def _op_redefine(sim: _Sim) -> None:
    if not sim.names:
        return _op_task(sim)
    sim.task(sim.rng.choice(sim.names), sim.dep_list())  # may close a cycle


def _op_runs(sim: _Sim) -> None:
    roots = [n for n in sim.names if not sim.deps[n]]
    if not roots:
        return _op_task(sim)
    name = sim.new_name("r")
    sim.task(name, [sim.rng.choice(roots)], extra=", runs=3")
    sim.replicated.append(name)


def _op_child(sim: _Sim) -> None:
    live = [n for n in sim.replicated if n in sim.deps]
    if not live:
        return _op_runs(sim)
    deps = [sim.rng.choice(live), *sim.pick(sim.rng.choice((0, 0, 1)))]
    sim.task(sim.new_name("c"), deps)


def _op_replicate(sim: _Sim) -> None:
    deps = sim.dep_list(2) if sim.rng.random() < 0.5 else None
    sim.control_task("split", sim.name_for("split"), deps)
    sim.maybe_plain_inside()
    sim.emit("#%runs()", "runs=2")
    sim.maybe_plain_inside()
    odd = sim.rng.random() < 0.2
    sim.control_task("process", sim.name_for("process"), sim.dep_list(2) if odd else None)
    sim.maybe_plain_inside()
    odd = sim.rng.random() < 0.2
    sim.control_task("merge", sim.name_for("merge"), sim.dep_list(2) if odd else None)


def _op_loop(sim: _Sim) -> None:
    deps = sim.dep_list(2) if sim.rng.random() < 0.5 else None
    sim.control_task("start", sim.name_for("start"), deps)
    sim.maybe_plain_inside()
    sim.emit("#%condition()", "loop = false")
    sim.maybe_plain_inside()
    odd = sim.rng.random() < 0.2
    sim.control_task("loop", sim.name_for("loop"), sim.dep_list(2) if odd else None)


def _op_branch(sim: _Sim) -> None:
    deps = sim.dep_list(2) if sim.rng.random() < 0.5 else None
    sim.control_task("branch", sim.name_for("branch"), deps)
    sim.maybe_plain_inside()
    sim.emit("#%condition()", "branch = 'if'")
    for pragma in ("if", "else", "continuation"):
        sim.maybe_plain_inside()
        odd = sim.rng.random() < 0.2
        sim.control_task(pragma, sim.name_for(pragma), sim.dep_list(1) if odd else None)


def _op_delete(sim: _Sim) -> None:
    if not sim.names:
        return
    name = sim.rng.choice(sim.names)
    sim.emit(f"#%delete_task(name={name})", "")
    sim.names.remove(name)
    del sim.deps[name]
    for deps in sim.deps.values():
        if name in deps:
            deps.remove(name)


def _op_job(sim: _Sim) -> None:
    sim.emit(f"#%job(name={sim.rng.choice(('J', 'job', 'my_job'))})", "")


_OPS = (
    (_op_task, 6), (_op_redefine, 3), (_op_runs, 2), (_op_child, 2), (_op_replicate, 2),
    (_op_loop, 2), (_op_branch, 2), (_op_delete, 1), (_op_job, 0.3), (_Sim.plain, 1),
)


def generate(index: int, seed: int = SEED) -> list[str]:
    """The cells of random notebook number `index` (deterministic)."""
    rng = random.Random(seed * 1_000_003 + index)
    sim = _Sim(rng)
    ops, weights = zip(*_OPS, strict=True)
    for _ in range(rng.randint(1, 9)):
        rng.choices(ops, weights)[0](sim)
    if not sim.names:
        _op_task(sim)
    return sim.cells


# Codes that mean the kernel itself refuses a cell (or the default name cannot be derived).
_KERNEL_REFUSES = re.compile(r"^PA(1\d\d|203|205|207|307|401|501)$")


def test_generator_is_deterministic() -> None:
    assert [generate(i) for i in range(20)] == [generate(i) for i in range(20)]


def test_the_kernel_accepts_every_generated_cell() -> None:
    for index in range(COUNT):
        cells = generate(index)
        refused = [d for d in analyze(notebook_from_cells(cells)).diagnostics
                   if _KERNEL_REFUSES.match(d.code) or "can't be replicated" in d.message]
        assert refused == [], f"notebook {index}: {cells}\n{refused}"
