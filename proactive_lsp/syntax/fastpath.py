"""The kernel's own generic-params regex, used to accept well-formed lines quickly.

Lark's LALR parser costs ~5 µs per token, too slow to read every pragma of a 5000-cell notebook
at start-up.  Kernel 13.0.4 itself decides with one regular expression (`is_valid_for_parsing`,
kernel-13.0.4.md §1.3), transcribed here; a line it accepts is read with the kernel's
``extract_params`` (``lenient.py``).  Every line it rejects goes to the lark grammar, which
locates and explains the error.  ``tests/syntax/test_fastpath.py`` checks on random input that
this regex and ``grammar/pragma.lark`` accept exactly the same lines.
"""

from __future__ import annotations

import re

_IDENT = r"[a-zA-Z_](?:\w|\-)*"
_NAME_LIST = rf"\[ *{_IDENT} *(?: *, *{_IDENT})* *\]"
_TUPLE = r"\( *\w+ *, *\w+ *\)"
_TUPLE_LIST = rf"\[ *{_TUPLE}(?: *, *{_TUPLE})* *\]"
_PATH = r"[a-zA-Z0-9_\/\\:\.-]*"
_VALUE = rf"(?:{_IDENT}|{_TUPLE_LIST}|{_NAME_LIST}|{_PATH})"
_PARAM = rf"{_IDENT} *= *{_VALUE}"

# `^( *P)( *, *P *)*$` as in the kernel; `\Z` instead of `$` since a line has no `\n`.
GENERIC_PARAMS = re.compile(rf"(?: *{_PARAM})(?: *, *{_PARAM} *)*\Z")


def accepts(params: str) -> bool:
    """Whether the kernel's syntactic check passes for a non-empty params string."""
    return GENERIC_PARAMS.match(params) is not None
