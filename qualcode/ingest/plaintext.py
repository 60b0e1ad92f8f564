"""Plain-text and Markdown importer."""

from __future__ import annotations

from pathlib import Path

from qualcode.ingest.base import ParsedDocument
from qualcode.ingest.decode import decode_bytes, read_bytes


def read_plaintext(path: Path) -> ParsedDocument:
    """Read a .txt or .md file; Markdown is kept as its source text (no rendering)."""
    path = Path(path)
    text, encoding = decode_bytes(read_bytes(path), path)
    return ParsedDocument(text=text, source=path, metadata={"encoding": encoding})
