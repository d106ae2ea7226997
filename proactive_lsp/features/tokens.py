"""Semantic tokens for the pragma line of a cell, so it is not drawn as a plain comment.

Only the first line of a cell is a pragma (the kernel reads `#%` nowhere else), so only that
line gets tokens. The legend is fixed: the LSP layer advertises ``TOKEN_TYPES`` and
``TOKEN_MODIFIERS`` in this order and encodes each token's type and modifiers by index.
"""

from __future__ import annotations

from proactive_lsp.analysis import Analysis
from proactive_lsp.documents.cells import SourceKind
from proactive_lsp.features.items import Token
from proactive_lsp.features.meaning import Meaning, cell_text, meaning
from proactive_lsp.language.languages import LANGUAGES
from proactive_lsp.language.pragmas import PRAGMAS
from proactive_lsp.syntax.lexer import Piece, Role, lex

TOKEN_TYPES: tuple[str, ...] = (
    "macro",  # `#%` and the pragma name; a pragma named in `help(pragma=...)`
    "parameter",  # parameter keys
    "class",  # task names
    "variable",  # exported and imported variables, `runs=` variables
    "string",  # paths, hosts, job names and other free values, tuple values
    "enumMember",  # languages, on/off, true/false, block/multiblock, docker/podman/...
    "number",  # digits
    "operator",  # `=`, `,`, parentheses and brackets
    "property",  # keys of `(KEY, VALUE)` pairs
)
TOKEN_MODIFIERS: tuple[str, ...] = (
    "declaration",  # a task defined here (`name=` of a task-creating pragma), an export
    "deprecated",  # the removed `get_result`
    "defaultLibrary",  # a pragma or language the kernel knows
)

_PUNCTUATION = frozenset({
    Role.OPEN, Role.CLOSE, Role.EQUALS, Role.COMMA, Role.LIST_OPEN, Role.LIST_CLOSE,
    Role.LIST_COMMA, Role.TUPLE_OPEN, Role.TUPLE_CLOSE, Role.TUPLE_COMMA,
})
_BY_MEANING: dict[Meaning, tuple[str, tuple[str, ...]]] = {
    Meaning.TASK_DEFINITION: ("class", ("declaration",)),
    Meaning.TASK_REFERENCE: ("class", ()),
    Meaning.EXPORT: ("variable", ("declaration",)),
    Meaning.IMPORT: ("variable", ()),
    Meaning.LANGUAGE: ("enumMember", ("defaultLibrary",)),
    Meaning.CHOICE: ("enumMember", ()),
    Meaning.PATH: ("string", ()),
    Meaning.NUMBER: ("number", ()),
    Meaning.PRAGMA: ("macro", ()),
    Meaning.TEXT: ("string", ()),
}


def semantic_tokens(analysis: Analysis, cell: int) -> list[Token]:
    """The tokens of the cell's pragma line, sorted and non-overlapping (cell-relative)."""
    text = cell_text(analysis, cell)
    if text is None or not text.startswith("#%"):
        return []
    if analysis.document.kind is SourceKind.PYTHON_FILE and text.startswith("#%%"):
        return []
    lexed = lex(text.split("\n", 1)[0])
    spec = PRAGMAS.get(lexed.trigger)
    head_end = lexed.trigger_end if lexed.trigger else lexed.trigger_start
    modifiers: tuple[str, ...] = ()
    if spec is not None:
        modifiers = ("deprecated",) if spec.removed else ("defaultLibrary",)
    tokens = [Token(0, 0, head_end, "macro", modifiers)] if head_end > 0 else []
    for piece in lexed.pieces:
        if piece.role in (Role.PREFIX, Role.NAME) or piece.end <= piece.start:
            continue
        found = _classify(lexed.trigger, piece)
        if found is not None:
            kind, mods = found
            tokens.append(Token(0, piece.start, piece.end - piece.start, kind, mods))
    return tokens


def _classify(pragma: str, piece: Piece) -> tuple[str, tuple[str, ...]] | None:
    role = piece.role
    if role in _PUNCTUATION:
        return "operator", ()
    if role is Role.KEY:
        return "parameter", ()
    if role is Role.TUPLE_KEY:
        return "property", ()
    if role is Role.TUPLE_VALUE:
        return ("number" if piece.text.isdigit() else "string"), ()
    if role not in (Role.VALUE, Role.ITEM):
        return None  # junk after the closing parenthesis stays a comment
    kind = meaning(pragma, piece.key)
    if kind is Meaning.EXPRESSION:
        return ("number" if piece.text.isdigit() else "variable"), ()
    if kind is Meaning.LANGUAGE and piece.text not in LANGUAGES:
        return "string", ()
    return _BY_MEANING[kind]
