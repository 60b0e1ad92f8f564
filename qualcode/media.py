"""The managed folder of a project's recordings, and the files in it.

Storage decision: a recording linked to a document is copied into the folder beside the project file named
after it, ``<project file>.media/`` (``study.qualcode.media/`` for ``study.qualcode``), under the SHA-256 of
its bytes and its original suffix (``3f5a….wav``). It is never stored inside the SQLite file: interview
recordings run to hundreds of MB, and the project file, which every backup copies, stays small. Content
names make a file immutable: the same recording linked twice is stored once, a copy can be taken by
hard link, and a backup's folder and the project's can share files without ever disagreeing.

Only this module and :mod:`qualcode.project.media` touch the folder; :mod:`qualcode.backup` and
:mod:`qualcode.merge` copy it with :func:`copy_media_folder` and :func:`store_media_file`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import wave
from pathlib import Path

from .errors import InputError

#: Accepted suffixes: (kind, MIME type). By suffix, as browsers play them; a webm is taken as video.
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    ".mp3": ("audio", "audio/mpeg"),
    ".m4a": ("audio", "audio/mp4"),
    ".wav": ("audio", "audio/wav"),
    ".ogg": ("audio", "audio/ogg"),
    ".mp4": ("video", "video/mp4"),
    ".webm": ("video", "video/webm"),
}
MEDIA_SUFFIXES: tuple[str, ...] = tuple(MEDIA_TYPES)
_CHUNK = 1 << 20


def media_folder(project_path: str | Path) -> Path:
    """The managed folder of a project file's recordings: ``<project file>.media`` beside it.

    Example
    -------
    >>> media_folder("/data/study.qualcode").as_posix()
    '/data/study.qualcode.media'
    """
    path = Path(project_path)
    return path.with_name(path.name + ".media")


def media_type(path: str | Path) -> tuple[str, str]:
    """(kind, MIME type) of a recording by its suffix.

    Raises
    ------
    InputError
        The suffix is not one of :data:`MEDIA_SUFFIXES` (naming the file).
    """
    path = Path(path)
    found = MEDIA_TYPES.get(path.suffix.lower())
    if found is None:
        supported = ", ".join(MEDIA_SUFFIXES)
        raise InputError(f"{path.name}: not a recording qualcode links (supported: {supported})",
                         key="err_media_suffix", file=path.name, supported=supported)
    return found


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def wav_duration(path: Path) -> float | None:
    """The length in seconds of a WAV file from its header; None for any other file or an unreadable header."""
    if path.suffix.lower() != ".wav":
        return None
    try:
        with wave.open(str(path), "rb") as sound:
            rate = sound.getframerate()
            return sound.getnframes() / rate if rate else None
    except (wave.Error, EOFError, OSError):
        return None


def store_media_file(source: Path, folder: Path, sha256: str | None = None) -> str:
    """Put a copy of ``source`` into ``folder`` under its content name; returns that name.

    A file of that name already there has the same content (the name is its hash) and is kept. The copy is
    written under a temporary name and renamed when complete, so the folder never holds half a file.
    """
    sha256 = sha256 or file_sha256(source)
    name = sha256 + source.suffix.lower()
    target = folder / name
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return name
    folder.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
    os.close(fd)
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
    return name


def copy_media_folder(source: Path, dest: Path, names: set[str] | None = None) -> list[str]:
    """Copy the files of the media folder ``source`` that ``dest`` lacks (all, or those in ``names``).

    Files are hard-linked when both folders are on one file system (safe: a content-named file is never
    changed), else copied. Returns the names copied.
    """
    if not source.is_dir():
        return []
    copied = []
    for path in sorted(source.iterdir()):
        if not path.is_file() or path.name.startswith(".") or (names is not None and path.name not in names):
            continue
        target = dest / path.name
        if target.is_file() and target.stat().st_size == path.stat().st_size:
            continue
        dest.mkdir(parents=True, exist_ok=True)
        try:
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
            os.link(path, target)
        except OSError:
            store_media_file(path, dest, sha256=path.name.rsplit(".", 1)[0])
        copied.append(path.name)
    return copied


__all__ = ["MEDIA_SUFFIXES", "MEDIA_TYPES", "copy_media_folder", "file_sha256", "media_folder", "media_type",
           "store_media_file", "wav_duration"]
