"""Uploaded files on disk: the importers read paths and name the file in their errors."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path


def safe_name(name: str) -> str:
    """The base name of an uploaded file (never a path: a browser may send 'C:\\x\\y.txt')."""
    base = Path(name.replace("\\", "/")).name.strip()
    return "" if base in (".", "..") else base


@contextlib.contextmanager
def saved_upload(name: str, content: bytes, fallback: str) -> Iterator[Path]:
    """The upload written under its own base name in a fresh temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="qualcode-upload-") as tmp:
        path = Path(tmp) / (safe_name(name) or fallback)
        path.write_bytes(content)
        yield path
