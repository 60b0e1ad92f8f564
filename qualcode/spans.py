"""Small helpers on (start, end) spans of a document text: trimming and line numbers for citations."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a selected span so it neither starts nor ends with whitespace.

    A drag-selection in the browser often takes the neighbouring space or line
    break; the coded quote should not. Returns ``(start, start)`` when the span
    holds only whitespace.

    Example
    -------
    >>> trim_span("P: ya  data \\n", 2, 13)
    (3, 11)
    """
    start, end = max(0, start), min(len(text), end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def line_of(text: str, offset: int) -> int:
    """1-based line number of the character at ``offset`` (as the transcript view numbers lines)."""
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1


def lines_of(text: str, offsets: Iterable[int]) -> list[int]:
    """1-based line numbers of many offsets at once (one pass over the text, then binary search)."""
    breaks = [i for i, c in enumerate(text) if c == "\n"]
    return [bisect_right(breaks, max(0, min(o, len(text))) - 1) + 1 for o in offsets]


def find_occurrence(text: str, quote: str, occurrence: int = 1) -> int:
    """Start of the ``occurrence``-th appearance (1-based) of ``quote`` in ``text``, or -1 when there is none.

    How a coding is anchored by its quote rather than by offsets (the demo's codings, ``code_quote``).

    Example
    -------
    >>> find_occurrence("ya, ya, ya", "ya", 2), find_occurrence("ya", "ya", 2)
    (4, -1)
    """
    if not quote or occurrence < 1:
        return -1
    pos = -1
    for _ in range(occurrence):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            return -1
    return pos
