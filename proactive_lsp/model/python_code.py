"""What the checks need from a Python body, from one parse, cached by the body's text.

The syntax check (PA207), the exported-but-unassigned check (PA503) and the used-but-not-imported
check (PA506) all read the same bodies; a keystroke re-reads only the edited one.
"""

from __future__ import annotations

import ast
import functools
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    message: str
    line: int  # 1-based, as Python counts (a lone `\r` is a line break for it)
    offset: int  # 1-based character offset, 0 when unknown
    compiles: bool = False  # False: the code cannot be compiled at all (null bytes, nesting)


@dataclass(frozen=True, slots=True)
class PythonFacts:
    problem: SyntaxProblem | None
    bound: frozenset[str] = frozenset()  # names the code binds
    # The first place each name is read: (1-based line, column in UTF-8 bytes, as ast gives it).
    read: dict[str, tuple[int, int]] = field(default_factory=dict)


@functools.lru_cache(maxsize=32768)
def python_facts(code: str) -> PythonFacts:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarning for odd escapes is not our business
            tree = ast.parse(code)
    except SyntaxError as error:
        return PythonFacts(SyntaxProblem(str(error.msg), error.lineno or 1, error.offset or 0, True))
    except (ValueError, RecursionError, MemoryError) as error:
        return PythonFacts(SyntaxProblem(f"Python cannot compile this code: {error}", 1, 0))
    bound: set[str] = set()
    read: dict[str, tuple[int, int]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, ast.Load):
                place = (node.lineno, node.col_offset)
                if node.id not in read or place < read[node.id]:
                    read[node.id] = place
            else:
                bound.add(node.id)
        else:
            bound.update(_binds(node))
    return PythonFacts(None, frozenset(bound), read)


def _binds(node: ast.AST) -> Iterator[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        yield node.name
    elif isinstance(node, (ast.Import, ast.ImportFrom)):
        for alias in node.names:
            yield (alias.asname or alias.name).split(".")[0]
    elif isinstance(node, ast.Global):
        yield from node.names
