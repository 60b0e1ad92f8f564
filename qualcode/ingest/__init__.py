"""Read a document file into a :class:`ParsedDocument`, choosing the reader by extension.

Every reader raises :class:`~qualcode.errors.ImportFormatError` for a file it
cannot read, so callers need to handle exactly one error type.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qualcode.errors import ImportFormatError, Term
from qualcode.ingest.base import ParsedDocument, ParsedUnit, normalize_text
from qualcode.ingest.decode import MAX_FILE_BYTES
from qualcode.ingest.docx_reader import read_docx
from qualcode.ingest.odt_reader import read_odt
from qualcode.ingest.pdf_reader import read_pdf
from qualcode.ingest.plaintext import read_plaintext
from qualcode.ingest.rtf_reader import read_rtf
from qualcode.ingest.subtitles import read_subtitles

_READERS: dict[str, Callable[[Path], ParsedDocument]] = {
    ".txt": read_plaintext,
    ".md": read_plaintext,
    ".docx": read_docx,
    ".pdf": read_pdf,
    ".vtt": read_subtitles,
    ".srt": read_subtitles,
    ".odt": read_odt,
    ".rtf": read_rtf,
}
SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(_READERS))

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "ParsedDocument",
    "ParsedUnit",
    "normalize_text",
    "read_document",
]


def read_document(path: str | Path) -> ParsedDocument:
    """Read ``path`` with the reader for its (case-insensitive) extension.

    Raises
    ------
    ImportFormatError
        Unknown extension, missing, oversized, empty or unreadable file.

    Example
    -------
    It needs a transcript file, so it is not run as a doctest:

    >>> read_document("interview.txt").text  # doctest: +SKIP
    'P: Bagaimana pelayanan dasar?\\nI: Sudah berjalan.\\n'
    """
    path = Path(path)
    extension = path.suffix.lower()
    reader = _READERS.get(extension)
    if reader is None:
        shown = f"'{extension}'" if extension else Term("no extension", "err_no_extension")
        raise ImportFormatError(
            path, f"unsupported file type ({shown}); supported: {', '.join(SUPPORTED_EXTENSIONS)}",
            key="err_file_type", shown=shown, supported=", ".join(SUPPORTED_EXTENSIONS),
        )
    document = reader(path)
    if not document.text.strip():
        raise ImportFormatError(path, "file is empty: it contains no text", key="err_file_no_text")
    return document
