"""What every importer returns, and the text normalisation they all share."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ParsedUnit:
    """A span of the normalised text that the source format itself marks (e.g. a subtitle turn).

    Offsets are 0-based, end-exclusive code points into ``ParsedDocument.text``.
    """

    kind: str  # "turn" (sentences are always made by qualcode.segment)
    start: int
    end: int
    speaker: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedDocument:
    """A document as read from a file, before it is stored.

    ``text`` is already normalised (see :func:`normalize_text`). ``units`` holds
    the turns the format itself knows about (subtitle cues merged per speaker);
    when it is empty the importer leaves turn detection to ``qualcode.segment``.
    """

    text: str
    source: Path
    units: list[ParsedUnit] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


def normalize_text(text: str) -> str:
    """Strip a leading BOM and turn CRLF/CR into LF; leave every other character as it is.

    No Unicode normalisation (NFC) is applied: offsets must refer to exactly
    what the researcher imported.

    Example
    -------
    >>> normalize_text("\\ufeffP: halo\\r\\nI: ya\\r")
    'P: halo\\nI: ya\\n'
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
