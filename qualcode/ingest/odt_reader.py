"""OpenDocument Text (.odt) importer: paragraphs and headings from content.xml.

Parsed with defusedxml only, because the file comes from outside and plain
XML parsers expand entity bombs. Follows the ODF whitespace rules: runs of
spaces/newlines in the XML are one space, ``text:s`` adds extra spaces,
``text:tab`` is a tab and ``text:line-break`` a line break. Footnote and
comment bodies are not part of the running text and are skipped.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from qualcode.errors import ImportFormatError
from qualcode.ingest.base import ParsedDocument, normalize_text
from qualcode.ingest.decode import MAX_FILE_BYTES, read_bytes

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_BLOCKS = {f"{_TEXT}p", f"{_TEXT}h"}
_SKIPPED = {f"{_TEXT}note", f"{_OFFICE}annotation", f"{_TEXT}tracked-changes", f"{_TEXT}sequence-decls"}
_XML_SPACE = re.compile(r"[ \t\r\n]+")
_MAX_SPACES = 10_000  # a crafted text:c="2000000000" must not allocate gigabytes
# What zipfile raises for a bad CRC, corrupt deflate data or an encrypted member.
_DAMAGED_MEMBER = (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError, RuntimeError)
_MIMETYPE = "application/vnd.oasis.opendocument.text"


def read_odt(path: Path) -> ParsedDocument:
    """Read an .odt file: ``text:p``/``text:h`` in document order, separated by "\\n\\n"."""
    path = Path(path)
    content = _content_xml(read_bytes(path), path)
    try:
        root = fromstring(content)
    except (ParseError, DefusedXmlException) as exc:
        raise ImportFormatError(path, f"content.xml is not valid or safe XML ({exc})") from None
    except (LookupError, ValueError) as exc:  # expat: an unknown or multi-byte encoding in the XML declaration
        raise ImportFormatError(path, f"content.xml is in an encoding that cannot be read ({exc})") from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise ImportFormatError(path, "not an OpenDocument text (no office:text in content.xml)")
    blocks = [block for block in _blocks(body) if block.strip()]
    return ParsedDocument(text=normalize_text("\n\n".join(blocks)), source=path, metadata={"paragraphs": len(blocks)})


def _content_xml(data: bytes, path: Path) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise ImportFormatError(path, "not a valid .odt file (not a zip archive)") from None
    with archive:
        try:
            mimetype = None
            if _has(archive, "mimetype"):
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            info = archive.getinfo("content.xml")
            content = archive.read(info) if info.file_size <= MAX_FILE_BYTES else None
        except KeyError:
            raise ImportFormatError(path, "not a valid .odt file (no content.xml in the archive)") from None
        except _DAMAGED_MEMBER as exc:
            raise ImportFormatError(path, f"damaged .odt file ({exc})") from None
    if mimetype is not None and mimetype != _MIMETYPE:
        raise ImportFormatError(path, f"not an OpenDocument text file (mimetype '{mimetype}')")
    if content is None:
        raise ImportFormatError(path, f"content.xml is too large to read ({info.file_size // 2**20} MB unpacked)")
    return content


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    try:
        archive.getinfo(name)
    except KeyError:
        return False
    return True


def _blocks(element: Element) -> Iterator[str]:
    """Paragraph and heading texts below ``element``, in document order (lists, tables, sections)."""
    for child in element:
        if child.tag in _BLOCKS:
            yield _inline(child)
        elif child.tag not in _SKIPPED:
            yield from _blocks(child)


def _inline(element: Element) -> str:
    parts = [_XML_SPACE.sub(" ", element.text or "")]
    for child in element:
        if child.tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            parts.append(" " * (min(int(count), _MAX_SPACES) if count.isascii() and count.isdigit() else 1))
        elif child.tag == f"{_TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{_TEXT}line-break":
            parts.append("\n")
        elif child.tag not in _SKIPPED:
            parts.append(_inline(child))  # spans, links, fields: their text counts
        parts.append(_XML_SPACE.sub(" ", child.tail or ""))
    return "".join(parts)
