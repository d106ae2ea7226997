"""What a task pragma says, read once per (pragma, cell) instead of on every replay.

A keystroke re-reads one cell, but the replay runs over every cell; the parts of a pragma the
replay needs (its refs and the occurrences they produce) do not depend on the kernel's state,
so they are built once and shared by every later replay.
"""

from __future__ import annotations

from dataclasses import dataclass

from proactive_lsp.model.task import Ref
from proactive_lsp.model.workflow import Occurrence, Role, Symbol
from proactive_lsp.syntax.tree import Pragma, Word
from proactive_lsp.text import Position

_LIMIT = 50_000


@dataclass(frozen=True, slots=True)
class PragmaFacts:
    language: str | None
    precious_result: bool
    has_dep: bool
    deps: tuple[Word, ...]
    # For each dep item: its Ref and its Occurrence, used when the task exists (the usual case).
    dep_refs: tuple[tuple[Ref, Occurrence], ...]
    generic_info: tuple[tuple[str, str], ...]
    variables: tuple[tuple[str, str], ...]
    exports: tuple[Ref, ...]
    imports: tuple[Ref, ...]
    occurrences: tuple[Occurrence, ...]  # the exported and imported variables
    exported_names: frozenset[str]
    path: Ref | None
    runs: Ref | None
    params_end: Position | None  # after the last parameter (or the `(`); None without parens
    params_empty: bool


_cache: dict[tuple[int, int], tuple[Pragma, PragmaFacts]] = {}


def facts_of(pragma: Pragma, cell: int) -> PragmaFacts:
    key = (id(pragma), cell)
    hit = _cache.get(key)
    if hit is not None and hit[0] is pragma:
        return hit[1]
    facts = _read(pragma, cell)
    if len(_cache) >= _LIMIT:
        _cache.clear()  # cells are re-read lazily; a full clear is simpler than an LRU here
    _cache[key] = (pragma, facts)  # keeping the pragma alive keeps its id unique
    return facts


def _read(pragma: Pragma, cell: int) -> PragmaFacts:
    exports = tuple(Ref(w.text, cell, w.range) for w in pragma.names("export"))
    imports = tuple(Ref(w.text, cell, w.range) for w in pragma.names("import"))
    occurrences = tuple(
        Occurrence(Symbol.VARIABLE, Role.DEFINITION, r.name, cell, r.range) for r in exports
    ) + tuple(Occurrence(Symbol.VARIABLE, Role.REFERENCE, r.name, cell, r.range) for r in imports)
    path = pragma.param("path")
    runs = pragma.param("runs")
    deps = pragma.names("dep")
    return PragmaFacts(
        language=pragma.value("language"),
        precious_result=(pragma.value("precious_result") or "").lower() == "true",
        has_dep=pragma.param("dep") is not None,
        deps=deps,
        dep_refs=tuple(
            (
                Ref(w.text, cell, w.range),
                Occurrence(Symbol.TASK, Role.REFERENCE, w.text, cell, w.range),
            )
            for w in deps
        ),
        generic_info=pairs_of(pragma, "generic_info"),
        variables=pairs_of(pragma, "variables"),
        exports=exports,
        imports=imports,
        occurrences=occurrences,
        exported_names=frozenset(r.name for r in exports),
        path=Ref(path.value.text, cell, path.value.range) if path is not None else None,
        runs=Ref(runs.value.text, cell, runs.value.range) if runs is not None else None,
        params_end=(
            pragma.params[-1].range.end
            if pragma.params
            else (pragma.open_paren.end if pragma.open_paren is not None else None)
        ),
        params_empty=not pragma.params,
    )


def pairs_of(pragma: Pragma, key: str) -> tuple[tuple[str, str], ...]:
    param = pragma.param(key)
    if param is None:
        return ()
    return tuple((pair.key.text, pair.value.text) for pair in param.value.pairs)
