"""ProActive's FlowChecker rules, applied to our model (PA406).

The scheduler validates a job's control flow with FlowChecker (checkNames, checkRecursion,
checkReachable, checkBlocks, checkReplicate, checkLoop, checkIf) and refuses the job on the
first rule that fails. Our verdict must equal ProActive's on the exported job, so this module
follows the same rules and the same traversal order: the scheduler walks tasks in
``java.util.HashMap`` order, which decides which start block an end block closes when several
roots meet, so :func:`java_hashmap_order` reproduces it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from proactive_lsp.model.task import FlowKind, Task


@dataclass(frozen=True, slots=True)
class FlowError:
    message: str
    task: str  # the task ProActive names as the context of the error
    rule: str  # recursion | reachable | block | replicate | loop | if | name


@dataclass(eq=False)
class _Node:
    task: Task
    children: list[_Node] = field(default_factory=list)
    parents: list[_Node] = field(default_factory=list)
    targets: list[_Node] = field(default_factory=list)  # if/else targets of a branch
    target_of: _Node | None = None
    target_join: _Node | None = None
    joins: list[_Node] = field(default_factory=list)
    joined_by: _Node | None = None
    join_trigger: bool = False

    @property
    def name(self) -> str:
        return self.task.name

    @property
    def block(self) -> str | None:
        return self.task.flow_block

    def flow(self, kind: FlowKind) -> bool:
        return self.task.flow_script is not None and self.task.flow_script.kind is kind


class _Failed(Exception):
    def __init__(self, error: FlowError) -> None:
        self.error = error


def check_flow(tasks: Mapping[str, Task]) -> FlowError | None:
    """The first error ProActive's FlowChecker would report, or None for a valid flow."""
    try:
        checker = _Checker(tasks)
        checker.check_names()
        checker.check_recursion()
        checker.check_reachable()
        checker.check_blocks()
        checker.check_replicate()
        checker.check_loop()
        checker.check_if()
    except _Failed as failed:
        return failed.error
    return None


@functools.lru_cache(maxsize=65536)
def java_string_hash(text: str) -> int:
    """`String.hashCode()`, over UTF-16 code units, as an unsigned 32-bit value."""
    data = text.encode("utf-16-le")
    value = 0
    for i in range(0, len(data), 2):
        value = (31 * value + (data[i] | data[i + 1] << 8)) & 0xFFFFFFFF
    return value


def java_hashmap_order(names: Iterable[str]) -> list[str]:
    """The iteration order of a java.util.HashMap filled with these keys in this order."""
    ordered = list(names)
    capacity = 16
    while len(ordered) > capacity * 3 // 4:
        capacity *= 2

    def bucket(name: str) -> int:
        h = java_string_hash(name)
        return (h ^ (h >> 16)) & (capacity - 1)

    return sorted(ordered, key=lambda name: bucket(name))  # sorted() is stable: insertion order


def _fail(message: str, task: str, rule: str) -> _Failed:
    return _Failed(FlowError(message, task, rule))


class _Checker:
    def __init__(self, tasks: Mapping[str, Task]) -> None:
        self.order = java_hashmap_order(tasks)
        self.nodes = {name: _Node(tasks[name]) for name in self.order}
        self.roots: list[_Node] = []
        self.blocks: list[tuple[_Node, _Node]] = []
        self._link()

    def _link(self) -> None:
        for node in self._flat():
            deps = [d.name for d in node.task.deps if d.name in self.nodes]
            if not deps:
                self.roots.append(node)
            for dep in deps:
                parent = self.nodes[dep]
                parent.children.append(node)
                node.parents.append(parent)
            script = node.task.flow_script
            if script is not None and script.kind is FlowKind.BRANCH:
                for target, label in ((script.target, "IF"), (script.target_else, "ELSE")):
                    if target is None:
                        continue
                    other = self.nodes.get(target)
                    if other is None:
                        raise _fail(f"{label} target is null", node.name, "if")
                    if other.target_of is not None:
                        raise _fail("Task is target of multiple IF actions", target, "if")
                    other.target_of = node
                    node.targets.append(other)
                if script.target_continuation is not None:
                    node.target_join = self.nodes.get(script.target_continuation)
        for node in self._flat():
            script = node.task.flow_script
            if script is None or script.kind is not FlowKind.BRANCH or not script.target_continuation:
                continue
            join = self.nodes.get(script.target_continuation)
            for start in (self.nodes.get(script.target or ""), self.nodes.get(script.target_else or "")):
                if start is None:
                    continue
                last = self._branch_end(start)
                if join is not None:
                    join.joins.append(last)
                    last.joined_by = join

    def _branch_end(self, start: _Node) -> _Node:
        """Follow first children (and nested branches) to the task that ends a branch."""
        open_joins: list[str] = []
        current: _Node | None = start
        last = start
        seen: set[str] = set()
        while current is not None and current.name not in seen:
            seen.add(current.name)
            last = current
            script = last.task.flow_script
            if script is not None and script.target_continuation:
                open_joins.append(script.target_continuation)
            current = last.children[0] if last.children else None
            if current is None and script is not None and script.kind is FlowKind.BRANCH:
                current = self.nodes.get(script.target_else or "")
            if current is None and open_joins:
                current = self.nodes.get(open_joins.pop())
        return last

    def _flat(self) -> list[_Node]:
        return [self.nodes[name] for name in self.order]

    def check_names(self) -> None:
        for node in self._flat():
            for separator in ("#", "*"):
                if separator in node.name:
                    raise _fail(f"Task name cannot contain special character '{separator}'", node.name, "name")

    def check_recursion(self) -> None:
        # Same verdict as ProActive's path-by-path walk, in linear time: a cycle reachable
        # from a root through children, if/else targets or joins.
        state: dict[str, int] = {}
        for root in self.roots:
            stack: list[tuple[_Node, int]] = [(root, 0)]
            while stack:
                node, index = stack.pop()
                successors = self._down(node)
                if index == 0:
                    if state.get(node.name) == 2:
                        continue
                    state[node.name] = 1
                if index < len(successors):
                    stack.append((node, index + 1))
                    nxt = successors[index]
                    mark = state.get(nxt.name)
                    if mark == 1:
                        raise _fail("Infinite recursion detected", nxt.name, "recursion")
                    if mark is None:
                        stack.append((nxt, 0))
                else:
                    state[node.name] = 2

    @staticmethod
    def _down(node: _Node) -> list[_Node]:
        return node.children + node.targets + ([node.joined_by] if node.joined_by else [])

    @staticmethod
    def _up(node: _Node) -> list[_Node]:
        return node.parents + node.joins + ([node.target_of] if node.target_of else [])

    def check_reachable(self) -> None:
        # ProActive iterates to a fixpoint; counting unreached parents gives the same set in
        # linear time.
        waiting = {n.name: len(n.parents) for n in self._flat()}
        queue = [n for n in self._flat() if not n.parents]
        reached: set[str] = set()
        while queue:
            node = queue.pop()
            reached.add(node.name)
            for child in node.children:
                waiting[child.name] -= 1
                if waiting[child.name] == 0:
                    queue.append(child)
        for node in self._flat():
            if node.name not in reached:
                raise _fail("Unreachable task", node.name, "reachable")

    def check_blocks(self) -> None:
        done: set[str] = set()
        for root in self.roots:
            env: list[_Node] = []
            joins: list[_Node] = []
            self._dfs_blocks(root, done, env, joins)
            if env:
                raise _fail("Unmatched start block", env[0].name, "block")
        for start, end in self.blocks:
            self._block_down(end, start, set())
            self._block_up(start, end, set())

    def _dfs_blocks(self, root: _Node, done: set[str], env: list[_Node], joins: list[_Node]) -> None:
        work = [root]
        while work:
            node = work.pop()
            if node.joins and not node.join_trigger:
                continue
            if node.target_of is not None and node.target_of.name not in done:
                continue
            if node.name in done:
                continue
            done.add(node.name)
            if node.block == "start":
                env.append(node)
            elif node.block == "end":
                if not env:
                    raise _fail("Unmatched end block", node.name, "block")
                self.blocks.append((env.pop(), node))
            following = list(node.children)
            if not node.children:
                if node.flow(FlowKind.BRANCH):
                    if node.target_join is not None:
                        joins.append(node.target_join)
                    following.extend(node.targets)
                elif joins:
                    joined = joins.pop()
                    following.append(joined)
                    joined.join_trigger = True
            work.extend(reversed(following))  # depth first, children in order

    def _block_down(self, end: _Node, start: _Node, ok: set[str]) -> None:
        """Every flow leaving the block's start must reach its end."""
        self._walk(start, end.name, self._down,
                   f"Task Block ending at {end.name} does not join all its flows")

    def _block_up(self, start: _Node, end: _Node, ok: set[str]) -> None:
        """Every task in the block must be reached from its start only."""
        self._walk(end, start.name, self._up,
                   f"Task Block starting at {start.name} has external dependencies")

    @staticmethod
    def _walk(origin: _Node, stop: str, step: Callable[[_Node], list[_Node]], message: str) -> None:
        # ProActive recurses path by path; a visited set gives the same verdict without the
        # exponential blow-up (the graph has no cycle here: recursion was checked first).
        seen: set[str] = set()
        stack = [origin]
        while stack:
            node = stack.pop()
            if node.name == stop or node.name in seen:
                continue
            seen.add(node.name)
            following = step(node)
            if not following:
                raise _fail(message, node.name, "block")
            stack.extend(reversed(following))

    def _block_starting_at(self, node: _Node) -> tuple[_Node, _Node] | None:
        found = None
        for block in self.blocks:
            if block[0].name == node.name:
                found = block
        return found

    def check_replicate(self) -> None:
        for node in self._flat():
            if not node.flow(FlowKind.REPLICATE):
                continue
            for child in node.children:
                if len(child.parents) != 1:
                    raise _fail("The Target of a REPLICATE must have only one dependency", child.name, "replicate")
                if child.block == "end":
                    raise _fail("The target of a REPLICATE cannot be the end of a task block",
                                child.name, "replicate")
                block = self._block_starting_at(child)
                end = block[1] if block is not None else child
                if not end.children:
                    raise _fail("No merge point for REPLICATE block", end.name, "replicate")
                if end.flow(FlowKind.REPLICATE) or end.flow(FlowKind.BRANCH):
                    raise _fail("Last action of a REPLICATE block cannot perform IF or REPLICATE action",
                                end.name, "replicate")

    def check_loop(self) -> None:
        for node in self._flat():
            if not node.flow(FlowKind.LOOP):
                continue
            script = node.task.flow_script
            target = self.nodes.get(script.target or "") if script is not None else None
            if target is None:
                raise _fail("LOOP action has no target", node.name, "loop")
            is_block = any(s.name == target.name and e.name == node.name for s, e in self.blocks) or (
                target.name == node.name and target.block is None and node.block is None
            )
            if not is_block:
                raise _fail("The scope of a LOOP action should be a Task Block", node.name, "loop")
            if len(target.parents) > 1:
                raise _fail("The Target of a LOOP must have only one dependency", target.name, "loop")

    def check_if(self) -> None:
        for node in self._flat():
            script = node.task.flow_script
            if script is None or script.kind is not FlowKind.BRANCH:
                continue
            target_if = self.nodes.get(script.target or "")
            target_else = self.nodes.get(script.target_else or "")
            join = self.nodes.get(script.target_continuation or "")
            if target_if is None:
                raise _fail("IF action has no target", node.name, "if")
            if target_else is None:
                raise _fail("IF action has no ELSE target", node.name, "if")
            if target_if is target_else:
                raise _fail("IF and ELSE targets are the same", target_if.name, "if")
            if join is None:
                self._loose_if(target_if, target_else)
            else:
                self._joined_if(target_if, target_else, join)

    def _loose_if(self, target_if: _Node, target_else: _Node) -> None:
        if target_if.parents:
            raise _fail("IF target task cannot have dependencies", target_if.name, "if")
        if target_else.parents:
            raise _fail("IF target task ELSE cannot have dependencies", target_else.name, "if")
        for target in (target_if, target_else):
            inside: dict[str, _Node] = {}
            stack = [target]
            while stack:
                current = stack.pop()
                if current.name in inside:
                    continue
                inside[current.name] = current
                stack.extend(current.children + current.targets)
            for member in inside.values():
                if member.name == target.name:
                    continue
                try:
                    self._block_up(target, member, set())
                except _Failed as failed:
                    raise _fail(f"IF block at {target.name} has external dependencies",
                                failed.error.task, "if") from None

    def _joined_if(self, target_if: _Node, target_else: _Node, join: _Node) -> None:
        blocks = []
        for target, label in ((target_if, "IF action target"), (target_else, "IF action ELSE target")):
            block = self._block_starting_at(target)
            if block is None:
                if target.children or target.targets:
                    raise _fail(f"{label} is not a Task Block", target.name, "if")
                block = (target, target)
            blocks.append(block)
        (if_start, if_end), (else_start, else_end) = blocks
        for joined in join.joins:
            if joined.name not in (if_end.name, else_end.name):
                raise _fail("JOIN task merges multiple IF actions", join.name, "if")
        if if_start.parents:
            raise _fail("IF task block cannot have dependencies", if_start.name, "if")
        if if_end.children:
            raise _fail("IF task block cannot have children", if_end.name, "if")
        if else_start.parents:
            raise _fail("ELSE task block cannot have dependencies", else_start.name, "if")
        if else_end.children:
            raise _fail("ELSE task block cannot have children", else_end.name, "if")
        if join.parents:
            raise _fail("JOIN task cannot have dependencies", join.name, "if")
