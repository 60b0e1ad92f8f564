"""Reading a file's bytes and decoding text safely: shared by every importer.

Why the decoding is careful: transcripts come from many machines. Old Windows
files are cp1252, some editors write UTF-16, and a wrongly guessed encoding
would silently store mojibake that every coding offset then refers to. So we
decode only when we are sure and otherwise tell the researcher what was tried.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes
from charset_normalizer.utils import is_multi_byte_encoding

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import normalize_text

MAX_FILE_BYTES = 200 * 1024 * 1024
"""Largest file any importer reads (200 MB); bigger files are refused before reading."""

# UTF-32 before UTF-16: the UTF-32 LE mark starts with the UTF-16 LE mark.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls and DEL, except tab, LF, CR and form feed, which real text uses.
_CONTROL_BYTES = bytes(b for b in [*range(0x20), 0x7F] if b not in b"\t\n\r\f")
_MAX_CONTROL_SHARE = 0.05
# The largest mess ratio (charset_normalizer "chaos") we accept for a legacy decoding.
_MAX_CHAOS = 0.1
# Candidates that decode identically are grouped by charset_normalizer; among equally
# plausible decodings we prefer the encodings Western/Indonesian Windows and Mac machines wrote.
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15", "mac_roman")
# A non-preferred legacy encoding is accepted only when the text reads as a language.
_MIN_COHERENCE = 0.2
_TRIED = (
    "tried UTF-8, UTF-16 and UTF-32 (with a byte-order mark) and legacy single-byte "
    "encodings (cp1252, latin-1, mac-roman and others)"
)


def read_bytes(path: Path) -> bytes:
    """Return the bytes of ``path``, refusing missing, oversized and empty files.

    The size is checked with ``stat`` first so a huge file is never read into memory.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFormatError(path, "file not found", key="err_file_not_found") from None
    except OSError as exc:
        raise ImportFormatError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not path.is_file():
        raise ImportFormatError(path, "not a regular file (a folder?)", key="err_file_not_regular")
    if size > MAX_FILE_BYTES:
        raise ImportFormatError(
            path, f"file is too large ({size / 2**20:.0f} MB); the limit is {MAX_FILE_BYTES // 2**20} MB",
            key="err_file_too_large", size=f"{size / 2**20:.0f}", limit=MAX_FILE_BYTES // 2**20,
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(path, f"cannot read file ({exc.strerror or exc})") from None
    if not data:
        raise ImportFormatError(path, "file is empty (0 bytes)", key="err_file_empty")
    return data


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Decode text bytes and return ``(normalised text, encoding name)``.

    Order: byte-order mark, binary check, strict UTF-8, then a legacy single-byte
    encoding detected by charset_normalizer, accepted only when it is unambiguous.

    Example
    -------
    >>> decode_bytes("caf\\u00e9 \\u2014 ok".encode("cp1252"), Path("a.txt"))
    ('café — ok', 'cp1252')
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalize_text(data[len(bom) :].decode(encoding.removesuffix("-sig"))), encoding
            except UnicodeDecodeError as exc:
                raise ImportFormatError(
                    path, f"cannot decode text as {encoding} (declared by its byte-order mark): "
                    f"invalid bytes at position {exc.start + len(bom)}"
                ) from None
    if _looks_binary(data):
        raise ImportFormatError(path, "binary data, not text (is it really a text file?)", key="err_file_binary")
    try:
        return normalize_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    legacy = _detect_legacy(data)
    if legacy is not None:
        text = data.decode(legacy)
        if not any(0x80 <= ord(c) <= 0x9F for c in text):  # C1 controls mean a wrong guess
            return normalize_text(text), legacy
    raise ImportFormatError(path, f"cannot decode text: {_TRIED}; none fits. Save it as UTF-8 and import again")


def _looks_binary(data: bytes) -> bool:
    """NUL bytes (without a UTF-16 mark) or many control bytes: not a text file."""
    if b"\x00" in data:
        return True
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls / len(data) > _MAX_CONTROL_SHARE


def _detect_legacy(data: bytes) -> str | None:
    """The single-byte encoding charset_normalizer finds clearly best, or None when unsure."""
    matches = [m for m in from_bytes(data) if not is_multi_byte_encoding(m.encoding) and m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + 1e-6]
    for preferred in _PREFERRED_LEGACY:
        if any(preferred in m.could_be_from_charset for m in tied) and _decodes(data, preferred):
            return preferred
    confident = [m for m in tied if m.coherence >= _MIN_COHERENCE]
    return confident[0].encoding if len(confident) == 1 else None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
