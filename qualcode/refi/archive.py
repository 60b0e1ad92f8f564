"""Open an untrusted REFI-QDA archive and parse its XML safely.

A .qdpx is an untrusted zip and its XML untrusted markup. The archive is
refused (ImportFormatError naming the file) when an entry escapes it (``../``)
or has an absolute path, when it holds more than :data:`MAX_ENTRIES` entries or
more than :data:`MAX_TOTAL_BYTES` uncompressed, or when a large entry is
compressed more than :data:`MAX_RATIO` times (a zip bomb). Every XML document
is parsed with defusedxml, so entity declarations (billion laughs) and
external entities are refused too.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ..errors import ImportFormatError

MAX_ENTRIES = 10_000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_RATIO = 100
LARGE_ENTRY = 1024 * 1024  # entries at least this large (uncompressed) must not exceed MAX_RATIO


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _kids(node: Any, name: str) -> list[Any]:
    return [c for c in node if _local(c.tag) == name]


def _kid(node: Any, name: str) -> Any | None:
    return next((c for c in node if _local(c.tag) == name), None)


def guid(value: str | None) -> str | None:
    """A GUID in one spelling: upper case, no braces (REFI allows both cases and ``{...}``)."""
    if value is None:
        return None
    value = value.strip().strip("{}").upper()
    return value or None


def parse_xml(data: bytes, source: str, entry: str) -> Any:
    """Parse untrusted XML with defusedxml; every refusal becomes an ImportFormatError naming the file."""
    try:
        return SafeET.fromstring(data)
    except DefusedXmlException as exc:
        raise ImportFormatError(source, f"{entry}: refused unsafe XML ({type(exc).__name__}: entity declarations "
                                        "and external entities are not allowed)") from None
    except SafeET.ParseError as exc:
        raise ImportFormatError(source, f"{entry}: malformed XML ({exc})") from None
    except (LookupError, ValueError) as exc:  # expat: an unknown or multi-byte encoding in the XML declaration
        raise ImportFormatError(source, f"{entry}: XML in an encoding that cannot be read ({exc})") from None


class SafeArchive:
    """A zip opened for reading after checking every entry's path and size (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.zip = zipfile.ZipFile(path)
        # zipfile raises all of these for a damaged central directory (e.g. "zip file version 8.4")
        except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
            raise ImportFormatError(path, f"not a readable .qdpx (zip) archive ({exc})") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ImportFormatError(path, f"archive holds {len(infos)} entries; at most {MAX_ENTRIES} allowed")
        total = 0
        self.names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename.replace("\\", "/")
            if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
                raise ImportFormatError(path, f"archive entry '{info.filename}' has an absolute path; refused")
            if ".." in name.split("/"):
                raise ImportFormatError(path, f"archive entry '{info.filename}' points outside the archive (..); "
                                              "refused")
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ImportFormatError(path, f"archive unpacks to more than {MAX_TOTAL_BYTES // 2**20} MB; refused")
            if info.file_size >= LARGE_ENTRY and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise ImportFormatError(path, f"archive entry '{info.filename}' is compressed "
                                              f"{info.file_size // max(info.compress_size, 1)}x (more than "
                                              f"{MAX_RATIO}x): possible zip bomb; refused")
            if not info.is_dir():
                self.names[posixpath.normpath(name).lower()] = info

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.names.get(posixpath.normpath(name.replace("\\", "/")).lower())

    def read(self, info: zipfile.ZipInfo) -> bytes:
        try:
            with self.zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        # zlib.error and EOFError: corrupt or cut-off deflate data in an entry whose header is intact
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError,
                NotImplementedError) as exc:
            raise ImportFormatError(self.path, f"cannot read archive entry '{info.filename}' ({exc})") from None
        if len(data) > info.file_size:
            raise ImportFormatError(self.path, f"archive entry '{info.filename}' is larger than its header says")
        return data

    def close(self) -> None:
        self.zip.close()
