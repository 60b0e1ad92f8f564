"""Rich Text Format (.rtf) importer built on striprtf.

RTF is 7-bit ASCII with escapes (``\\'e9``, ``\\u8212?``); older writers put raw
cp1252 bytes in the text, so the bytes are read as ASCII or else cp1252.
Characters outside the Basic Multilingual Plane (emoji) arrive as two
``\\u`` escapes (a UTF-16 surrogate pair) and are joined back into one character.
"""

from __future__ import annotations

from pathlib import Path

from striprtf.striprtf import rtf_to_text

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import ParsedDocument, normalize_text
from qualcode.ingest.decode import read_bytes


def read_rtf(path: Path) -> ParsedDocument:
    """Read an .rtf file as its plain text (paragraph marks become line breaks)."""
    path = Path(path)
    data = read_bytes(path)
    if not data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{\\rtf"):
        raise ImportFormatError(path, "not an RTF file (it does not start with '{\\rtf')")
    for encoding in ("ascii", "cp1252"):
        try:
            source = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFormatError(path, "cannot decode RTF: tried ASCII and cp1252")
    try:
        text = rtf_to_text(source, encoding="cp1252", errors="strict")
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le")  # join surrogate pairs
    except (UnicodeError, LookupError, ValueError, OverflowError) as exc:
        raise ImportFormatError(path, f"damaged RTF: a character escape cannot be decoded ({exc})") from None
    return ParsedDocument(text=normalize_text(text), source=path, metadata={"encoding": encoding})
