"""Plain-text search inside document texts: a pure function, no SQL, no Streamlit.

Offsets are 0-based, end-exclusive Unicode code points of the stored text, so
``text[start:end] == match`` holds for every hit (the offsets a coding uses).
"""

from __future__ import annotations

import re

from .errors import InputError

Hit = tuple[int, int, str, str, str]
"""(start, end, before, match, after)."""


def compile_query(query: str, *, whole_word: bool = False, case_sensitive: bool = False) -> re.Pattern[str]:
    """The regular expression that finds ``query`` literally.

    Parameters
    ----------
    query : str
        The text to look for, taken literally (``re.escape``d); must hold a non-space character.
    whole_word : bool
        Only matches not preceded or followed by a word character (Unicode letters,
        digits and ``_``).
    case_sensitive : bool
        Match case exactly; otherwise Unicode case-insensitive.

    Raises
    ------
    InputError
        For an empty or whitespace-only query.
    """
    if not isinstance(query, str) or not query.strip():
        raise InputError(f"search query is empty; give some text to look for, got {query!r}")
    pattern = re.escape(query)
    if whole_word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)


def find_hits(text: str, query: str, *, whole_word: bool = False, case_sensitive: bool = False,
              context: int = 60) -> list[Hit]:
    """Every (non-overlapping) occurrence of ``query`` in ``text``, with context.

    Parameters
    ----------
    text : str
        The document text.
    query : str
        Literal text to find (see :func:`compile_query`).
    whole_word, case_sensitive : bool
        See :func:`compile_query`.
    context : int
        Up to this many characters of ``before`` and ``after`` each (fewer at the
        text's edges); newlines in them become spaces.

    Returns
    -------
    list of (start, end, before, match, after)
        In text order; ``text[start:end] == match``.

    Example
    -------
    >>> find_hits("Data DTKS, bukan database.", "data", whole_word=True, context=5)
    [(0, 4, '', 'Data', ' DTKS')]
    """
    if isinstance(context, bool) or not isinstance(context, int) or context < 0:
        raise InputError(f"search context must be a whole number >= 0 of characters, got {context!r}")
    pattern = compile_query(query, whole_word=whole_word, case_sensitive=case_sensitive)
    hits: list[Hit] = []
    for found in pattern.finditer(text):
        start, end = found.span()
        before = _flat(text[max(0, start - context):start])
        after = _flat(text[end:end + context])
        hits.append((start, end, before, found.group(), after))
    return hits


def _flat(snippet: str) -> str:
    return snippet.replace("\r", " ").replace("\n", " ")
