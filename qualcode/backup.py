"""Backups of a project file taken while people work in it, rotating backups, and restoring one.

Copies go through SQLite's online backup API, never a plain file copy: a file copy of a
project in WAL mode taken while someone codes can miss the changes still in the ``-wal``
file or catch a page half-written, while the backup API copies one consistent state.

Recordings are not in the project file but in its media folder, ``<project file>.media/``
(:mod:`qualcode.media`): a backup ``B`` gets ``B.media/`` beside it (hard links where the file system
allows, so rotating backups cost no space for recordings), restore copies the backup's recordings back
into the project's folder, and rotation deletes an old backup's folder with it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from .check import check_project
from .errors import InputError, ProjectFileError
from .media import copy_media_folder, media_folder
from .store import Store

STAMP_FORMAT = "%Y%m%dT%H%M%S.%fZ"  # UTC, so that names sort in time order across time zones and DST
DEFAULT_KEEP = 10


def backups_folder(project_path: str | Path) -> Path:
    """Where rotating backups and restore's safety copies of a project go: ``<project dir>/<stem>.backups/``."""
    path = Path(project_path)
    return path.parent / f"{path.stem}.backups"


def backup(project_path: str | Path, dest: str | Path) -> Path:
    """Copy the project at ``project_path`` to the new file ``dest``; returns ``dest``.

    Safe while the app and other processes read and write the project: the copy holds
    every change committed before it started and none after. The copy is written under
    a temporary name and renamed when complete, so ``dest`` never holds half a copy.

    Raises
    ------
    ProjectFileError
        ``dest`` exists or its folder does not; the source is missing or not a qualcode
        project. Nothing is written then.

    Example
    -------
    It needs a project file, so it is not run as a doctest:

    >>> backup("study.qualcode", "study-before-workshop.qualcode")  # doctest: +SKIP
    """
    dest = Path(dest)
    _refuse_existing(dest)
    with _opened(project_path) as store:
        _copy(store, dest)
    copy_media_folder(media_folder(project_path), media_folder(dest))
    return dest


def rotate_backups(project_path: str | Path, folder: str | Path | None = None, keep: int = DEFAULT_KEEP) -> Path:
    """Make a timestamped backup of the project and delete the oldest beyond the newest ``keep``.

    Backups are named ``<stem>-<UTC time>.qualcode`` in ``folder`` (default: see
    :func:`backups_folder`, created when needed). Only files of exactly that form are
    rotated: safety copies made by :func:`restore` and files of your own are kept.
    Returns the new backup's path.
    """
    if isinstance(keep, bool) or not isinstance(keep, int) or keep < 1:
        raise InputError(f"keep must be a whole number >= 1, got {keep!r}")
    source = Path(project_path)
    folder = Path(folder) if folder is not None else backups_folder(source)
    with _opened(source) as store:
        folder.mkdir(parents=True, exist_ok=True)
        dest = folder / f"{source.stem}-{_stamp()}.qualcode"
        _refuse_existing(dest)
        _copy(store, dest)
    copy_media_folder(media_folder(source), media_folder(dest))
    for old in list_backups(source, folder)[:-keep]:
        old.unlink()
        shutil.rmtree(media_folder(old), ignore_errors=True)
    return dest


def list_backups(project_path: str | Path, folder: str | Path | None = None) -> list[Path]:
    """The rotating backups of a project in ``folder`` (default: :func:`backups_folder`), oldest first."""
    source = Path(project_path)
    folder = Path(folder) if folder is not None else backups_folder(source)
    pattern = re.compile(rf"{re.escape(source.stem)}-\d{{8}}T\d{{6}}\.\d{{6}}Z\.qualcode")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file())


def restore(backup_path: str | Path, project_path: str | Path, *, folder: str | Path | None = None) -> Path | None:
    """Put the backup at ``backup_path`` in place of the project file at ``project_path``.

    Do not run this while others are writing to the project (stop the app, or make sure
    nobody codes): whatever they write after the safety copy is lost, and a write that
    holds the file makes restore wait. Open readers, such as an idle app, are fine: they
    see the old project or the restored one, never a mix, since the backup is written
    into the project file through SQLite (one transaction), not over it by the file system.

    Steps: the backup is copied (it is never changed itself), the copy must be a qualcode
    project that passes :func:`~qualcode.check.check_project`; then a safety copy of the
    current project goes to ``folder`` (default: :func:`backups_folder`) as
    ``<stem>-before-restore-<UTC time>.qualcode``; then the copy replaces the project's
    contents. A missing ``project_path`` is created. Returns the safety copy's path
    (None when there was no project file).

    Raises
    ------
    ProjectFileError
        The backup is missing, not a qualcode project or fails the check; the project path
        holds a file that is not a qualcode project; both paths are the same file.
        The project is unchanged then.
    """
    backup_path, project = Path(backup_path), Path(project_path)
    if project.exists() and backup_path.exists() and backup_path.samefile(project):
        raise ProjectFileError(f"{backup_path}: the backup and the project are the same file; nothing to restore")
    if not project.parent.is_dir():
        raise ProjectFileError(f"{project.parent}: no such folder for the project {project.name}")
    if project.exists():
        with _opened(project):  # refuse early a file that is not a project (arguments swapped?)
            pass
    with tempfile.TemporaryDirectory(prefix=f".{project.stem}-restore-", dir=project.parent) as scratch:
        candidate = Path(scratch) / "candidate.qualcode"
        with _opened(backup_path) as store:
            _copy(store, candidate)
        try:
            problems = check_project(candidate)
        except ProjectFileError as exc:  # e.g. made by a newer qualcode; name the backup, not the scratch copy
            raise ProjectFileError(str(exc).replace(str(candidate), str(backup_path))) from None
        if problems:
            listed = "; ".join(str(p) for p in problems[:3]).replace(str(candidate), str(backup_path))
            more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
            raise ProjectFileError(f"{backup_path}: not restored, the backup fails the check: {listed}{more}; "
                                   f"run `qualcode check {backup_path}`")
        # the recordings first: a restored project never names a file its media folder lacks
        copy_media_folder(media_folder(backup_path), media_folder(project))
        if not project.exists():
            with _opened(candidate) as source:
                _copy(source, project)
            return None
        with _opened(project) as current, _opened(candidate) as source:
            safety_folder = Path(folder) if folder is not None else backups_folder(project)
            safety_folder.mkdir(parents=True, exist_ok=True)
            safety = safety_folder / f"{project.stem}-before-restore-{_stamp()}.qualcode"
            _refuse_existing(safety)
            try:
                _copy(current, safety)
            except ProjectFileError as exc:
                raise ProjectFileError(f"{exc}; to restore anyway, move {project} elsewhere (keep it) and "
                                       "restore again") from None
            try:
                source.copy_over(current)
            except sqlite3.Error as exc:
                raise ProjectFileError(f"{project}: restore failed ({exc}); the project is as it was, and a copy "
                                       f"of it is in {safety}") from None
    return safety


# -- helpers ---------------------------------------------------------------------------


@contextlib.contextmanager
def _opened(path: str | Path) -> Iterator[Store]:
    """The project file as it is (not upgraded: a backup copies what is there), closed afterwards."""
    store = Store.open_as_is(path)
    try:
        yield store
    finally:
        store.close()


def _refuse_existing(dest: Path) -> None:
    if dest.exists():
        raise ProjectFileError(f"{dest}: a file already exists there; choose a new backup file name")
    if not dest.parent.is_dir():
        raise ProjectFileError(f"{dest.parent}: no such folder for the backup {dest.name}")


def _copy(store: Store, dest: Path) -> None:
    """Copy into a temporary file next to ``dest``, then rename it to ``dest`` once complete."""
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".partial", dir=dest.parent)
    os.close(fd)
    partial = Path(name)
    try:
        store.copy_to_file(partial)
        _refuse_existing(dest)
        os.replace(partial, dest)
    except sqlite3.Error as exc:
        raise ProjectFileError(f"{dest}: the copy of {store.path} failed ({exc})") from None
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _stamp() -> str:
    return datetime.now(UTC).strftime(STAMP_FORMAT)

