"""Word (.docx) importer built on python-docx.

Body paragraphs and tables are read in document order (interview transcripts
often put the informant's details in a table above the conversation), one
block per paragraph separated by a blank line; a table gives one line per row
with its cells joined by " | ". Headers, footers and comments are not part of
the transcript and are skipped.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import ParsedDocument, normalize_text
from qualcode.ingest.decode import MAX_FILE_BYTES, read_bytes

_MAIN_PART = "word/document.xml"


def read_docx(path: Path) -> ParsedDocument:
    """Read a .docx file: paragraphs and table rows in order, blocks separated by "\\n\\n"."""
    path = Path(path)
    data = read_bytes(path)
    _check_package(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        n_tables = 0
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                block = item.text
            else:
                block = "\n".join(_table_rows(item))
                n_tables += bool(block)
            if block.strip():
                blocks.append(block)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ImportFormatError(path, f"not a valid .docx file ({exc})", key="err_docx_invalid",
                                detail=str(exc)) from None
    except ValueError as exc:  # python-docx: main part is not a plain document (.docm, .dotx renamed)
        content_type = str(exc).rpartition("content type is ")[2]
        raise ImportFormatError(
            path, f"not a plain Word document (content type {content_type}); save it as .docx in Word",
            key="err_docx_not_plain", content_type=content_type,
        ) from None
    except Exception as exc:  # lxml and python-docx errors from a damaged part
        raise ImportFormatError(path, f"damaged .docx file ({type(exc).__name__}: {exc})", key="err_docx_damaged",
                                detail=f"{type(exc).__name__}: {exc}") from None
    text = normalize_text("\n\n".join(blocks))
    return ParsedDocument(
        text=text,
        source=path,
        metadata={"paragraphs": len(blocks) - n_tables, "tables": n_tables},
    )


def _check_package(data: bytes, path: Path) -> None:
    """Give precise messages for the common wrong files before python-docx sees them."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFormatError(path, "an old Word .doc file renamed to .docx; save it as .docx in Word first",
                                key="err_docx_old_doc")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(_MAIN_PART)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):  # zipfile raises all for junk
        raise ImportFormatError(path, "not a valid .docx file (not a zip archive)", key="err_docx_not_zip") from None
    except KeyError:
        raise ImportFormatError(path, f"not a valid .docx file (no {_MAIN_PART} in the archive)") from None
    if info.file_size > MAX_FILE_BYTES:
        raise ImportFormatError(path, f"{_MAIN_PART} is too large to read ({info.file_size // 2**20} MB unpacked)")


def _table_rows(table: Table) -> list[str]:
    """One string per non-empty row; a merged cell's text appears once (in its first row and column)."""
    rows: list[str] = []
    earlier_rows: set[object] = set()  # <w:tc> elements already emitted (vertical merges)
    for row in table.rows:
        this_row: list[object] = []
        cells: list[str] = []
        for cell in row.cells:
            tc = cell._tc  # python-docx repeats a spanned cell; its element tells the repeats apart
            if any(tc is seen for seen in this_row):
                continue
            this_row.append(tc)
            cells.append("" if tc in earlier_rows else _cell_text(cell))
        earlier_rows.update(this_row)
        if any(cell.strip() for cell in cells):
            rows.append(" | ".join(cells))
    return rows


def _cell_text(cell: _Cell) -> str:
    """A cell's paragraphs (and nested tables) on one line, so each row stays one line."""
    parts: list[str] = []
    for item in cell.iter_inner_content():
        if isinstance(item, Paragraph):
            parts.append(item.text)
        else:
            parts.append(" / ".join(_table_rows(item)))
    return " ".join(part for part in parts if part.strip()).replace("\n", " ")
