"""Plain-text and Markdown importer."""

from __future__ import annotations

from pathlib import Path

from qualcode.ingest.base import ParsedDocument
from qualcode.ingest.decode import decode_bytes, read_bytes
from qualcode.ingest.timestamps import timed_turns


def read_plaintext(path: Path) -> ParsedDocument:
    """Read a .txt or .md file; Markdown is kept as its source text (no rendering).

    A transcript whose lines start with time markers (``[00:01:23]``, ``(01:23)``, ``00:01:23``) gets one turn
    per marked line, timed (:func:`qualcode.ingest.timestamps.timed_turns`); any other text is left to
    :mod:`qualcode.segment`, which finds turns from speaker labels.
    """
    path = Path(path)
    text, encoding = decode_bytes(read_bytes(path), path)
    return ParsedDocument(text=text, source=path, units=timed_turns(text), metadata={"encoding": encoding})
