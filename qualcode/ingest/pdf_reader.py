"""PDF importer built on pypdf: reads the text layer, never guesses text from images.

A scanned PDF has no text layer; we say so (and that OCR is needed) instead of
storing an empty document. ``metadata["page_starts"]`` keeps the offset where
each page begins, so a quote can be cited with its page number.
"""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PasswordType, PdfReader

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import ParsedDocument, normalize_text
from qualcode.ingest.decode import read_bytes

_PAGE_SEPARATOR = "\n\n"


def read_pdf(path: Path) -> ParsedDocument:
    """Read the text layer of every page; pages are separated by a blank line."""
    path = Path(path)
    data = read_bytes(path)
    if b"%PDF-" not in data[:1024]:
        raise ImportFormatError(path, "not a PDF file (no %PDF- header)", key="err_pdf_not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _unlock(reader, path)
        pages = [normalize_text(page.extract_text() or "").strip() for page in reader.pages]
    except ImportFormatError:
        raise
    except Exception as exc:  # pypdf raises many types (PdfReadError, ValueError, KeyError ...) for damaged files
        raise ImportFormatError(path, f"damaged or unreadable PDF ({type(exc).__name__}: {exc})", key="err_pdf_damaged",
                                detail=f"{type(exc).__name__}: {exc}") from None
    if not pages:
        raise ImportFormatError(path, "PDF has no pages", key="err_pdf_no_pages")
    if not any(pages):
        raise ImportFormatError(
            path, "PDF has no text layer (a scanned document?); run OCR first (e.g. ocrmypdf) and import the result",
            key="err_pdf_no_text",
        )
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(_PAGE_SEPARATOR)
    return ParsedDocument(
        text=_PAGE_SEPARATOR.join(pages),
        source=path,
        metadata={"pages": len(pages), "page_starts": starts},
    )


def _unlock(reader: PdfReader, path: Path) -> None:
    """Open PDFs that are encrypted only against editing (empty user password); refuse real passwords."""
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise ImportFormatError(path, "PDF is password-protected (encrypted); remove the password and import again",
                                key="err_pdf_encrypted")
