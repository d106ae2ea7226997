"""The lark grammar of one pragma line, loaded once and only when first needed.

The grammar lives in ``grammar/pragma.lark``; the wheel ships it as
``proactive_lsp/grammar/pragma.lark`` (pyproject force-include), a source checkout has it at the
repository root.  Importing lark and building the LALR tables costs a few tens of milliseconds,
so nothing happens at import time: ``check`` on a notebook without pragmas never pays for it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lark import Lark

_PACKAGED = Path(__file__).resolve().parent.parent / "grammar" / "pragma.lark"
_CHECKOUT = Path(__file__).resolve().parents[2] / "grammar" / "pragma.lark"


def grammar_path() -> Path:
    """Where the grammar is: inside the installed package if present, else in the checkout."""
    return _PACKAGED if _PACKAGED.is_file() else _CHECKOUT


@cache
def pragma_parser() -> Lark:
    """The LALR parser of a pragma line (contextual lexer, so `)` and names lex by position)."""
    from lark import Lark

    return Lark(
        grammar_path().read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
    )
