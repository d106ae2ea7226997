"""Turn the lark tree of an accepted pragma line into our syntax tree, with exact ranges.

For a line the grammar accepts, kernel 13.0.4's ``extract_params`` yields exactly the tokens
the grammar saw with the spaces removed (tokens never contain spaces), so each value is read
straight from its token.  Columns are lark's character offsets: the line has no newline, and
Python string offsets are code points, as ``proactive_lsp.text`` wants.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from proactive_lsp.syntax.tree import Pair, Param, Value, ValueKind, Word
from proactive_lsp.text import Range

if TYPE_CHECKING:
    from lark import Token, Tree


def params_of(tree: Tree[Token], text: str, line: int) -> tuple[Param, ...]:
    """The parameters of a parsed line, in source order (duplicates kept; the last one wins)."""
    for child in tree.children:
        if not isinstance(child, str) and child.data == "call":
            for part in child.children:
                if not isinstance(part, str) and part.data == "params":
                    return tuple(
                        _param(p, text, line) for p in part.children if not isinstance(p, str)
                    )
    return ()


def _param(tree: Tree[Token], text: str, line: int) -> Param:
    key_token, eq_token = tree.children[0], tree.children[1]
    assert isinstance(key_token, str) and isinstance(eq_token, str)
    key = _word(key_token, line)
    if len(tree.children) < 3:
        # `key=` with nothing after: the kernel reads ''; the value sits right after `=`.
        at = _end(eq_token)
        value = Value(ValueKind.SCALAR, "", Range.on_line(line, at, at))
    else:
        value = _value(tree.children[2], text, line)
    return Param(key, value, Range(key.range.start, value.range.end))


def _value(node: Tree[Token] | Token, text: str, line: int) -> Value:
    if isinstance(node, str):
        return Value(ValueKind.SCALAR, str(node), _range(node, line))
    first, last = node.children[0], node.children[-1]
    assert isinstance(first, str) and isinstance(last, str)
    start, end = _start(first), _end(last)
    whole = Range.on_line(line, start, end)
    if node.data == "name_list":
        items = tuple(
            _word(t, line) for t in node.children if isinstance(t, str) and t.type == "NAME"
        )
        return Value(ValueKind.NAME_LIST, text[start:end], whole, items=items)
    pairs = tuple(_pair(p, line) for p in node.children if not isinstance(p, str))
    return Value(ValueKind.TUPLE_LIST, text[start:end], whole, pairs=pairs)


def _pair(tree: Tree[Token], line: int) -> Pair:
    words = [t for t in tree.children if isinstance(t, str) and t.type == "WORD"]
    first, last = tree.children[0], tree.children[-1]
    assert isinstance(first, str) and isinstance(last, str)
    return Pair(
        _word(words[0], line),
        _word(words[1], line),
        Range.on_line(line, _start(first), _end(last)),
    )


def _word(token: Token, line: int) -> Word:
    return Word(str(token), _range(token, line))


def _range(token: Token, line: int) -> Range:
    return Range.on_line(line, _start(token), _end(token))


def _start(token: Token) -> int:
    return token.start_pos or 0


def _end(token: Token) -> int:
    return token.end_pos or 0
