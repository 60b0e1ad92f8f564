"""Recordings linked to documents, and the times of a transcript's turns in them.

Storage: a linked recording is copied into the managed folder beside the project file,
``<project file>.media/``, named by the SHA-256 of its bytes and its suffix (see :mod:`qualcode.media`); the
project holds a ``media`` row per document (file name, original name, kind, MIME type, size, hash, duration
when known), never the recording itself, so the SQLite file and its backups stay small. Backups and restore
copy the folder too (:mod:`qualcode.backup`); merging brings a source document's recording along
(:mod:`qualcode.merge`).

Unlinking removes the row and keeps the file: undo then brings the link back with its recording, and a
backup taken before still finds it. :meth:`ProjectMedia.prune_media` deletes the files no document uses.

Turn times come from the import (subtitle cues; time markers at the start of a plain transcript's lines) and
stay in the turn units' metadata; a researcher sets or corrects a turn's time with
:meth:`ProjectMedia.set_turn_time`, kept in the audited ``turn_times`` table, which wins over the import.
A turn without an end time ends where the next timed turn starts (the last one: at the recording's end,
when its duration is known).

Linking, unlinking and setting a time are audited events: History shows them and undo reverts them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, NotFoundError, Term
from ..media import file_sha256, media_folder, media_type, store_media_file, wav_duration
from ..store import now
from .base import requires
from .core import ProjectCore

MEDIA_COLUMNS = ["document", "file", "original_name", "kind", "mime", "bytes", "sha256", "duration", "linked_at",
                 "linked_by", "present"]
TURN_TIME_COLUMNS = ["start", "end", "time_start", "time_end", "speaker"]


class ProjectMedia(ProjectCore):
    """Media methods of a Project."""

    @property
    def media_folder(self) -> Path:
        """The managed folder of this project's recordings, ``<project file>.media`` (made when first needed)."""
        return media_folder(self.path)

    @requires("import")
    def link_media(self, document: str | int, path: str | Path, *, actor: str | None = None) -> dict[str, Any]:
        """Copy the recording at ``path`` into the media folder and link it to ``document``; returns the link.

        A document has one recording: linking another replaces the link (the earlier file stays in the folder
        until :meth:`prune_media`). One event, undone as one step.

        Raises
        ------
        InputError
            The file's suffix is not one of mp3, m4a, wav, ogg, mp4, webm, or there is no such file (naming it).
        NotFoundError
            Unknown document.
        """
        path = Path(path)
        kind, mime = media_type(path)
        if not path.is_file():
            raise InputError(f"{path}: no such recording file", key="err_media_no_file", file=str(path))
        doc = self.document(_ref(document))
        sha = file_sha256(path)
        file = store_media_file(path, self.media_folder, sha)
        row = {"file": file, "original_name": path.name, "kind": kind, "mime": mime, "bytes": path.stat().st_size,
               "sha256": sha, "duration": wav_duration(path), "linked_at": now(), "linked_by": actor}
        with self.store.atomic():
            old = self.store.media_of_document(doc["id"])
            if old is None:
                self.store.insert_media({"document_id": doc["id"], **row})
            else:
                self.store.update_media(old["id"], row)
            self.store.log_event(actor, "media.link", {"document": doc["name"], "file": path.name})
        return self.media(doc["id"]) or {}

    @requires("import")
    def unlink_media(self, document: str | int, *, actor: str | None = None) -> bool:
        """Take the recording off ``document``; returns whether it had one. The file stays in the media folder
        (undo brings the link back), until :meth:`prune_media` when no document uses it."""
        doc = self.document(_ref(document))
        with self.store.atomic():
            row = self.store.media_of_document(doc["id"])
            if row is None:
                return False
            self.store.delete_media(row["id"])
            self.store.log_event(actor, "media.unlink", {"document": doc["name"], "file": row["original_name"]})
        return True

    def media(self, document: str | int) -> dict[str, Any] | None:
        """The recording linked to ``document`` (its ``media`` row, with ``path`` and ``present``), or None."""
        doc = self.document(_ref(document))
        row = self.store.media_of_document(doc["id"])
        if row is None:
            return None
        path = self.media_folder / row["file"]
        return {**row, "path": path, "present": path.is_file()}

    def media_list(self) -> pd.DataFrame:
        """Every linked recording, in document order: document, file (its name in the media folder),
        original_name, kind, mime, bytes, sha256, duration (seconds, when known), linked_at, linked_by and
        present (whether the file is in the media folder)."""
        folder = self.media_folder
        rows = [{**r, "present": (folder / r["file"]).is_file()} for r in self.store.media_rows()]
        return pd.DataFrame(rows, columns=MEDIA_COLUMNS)

    def media_path(self, document: str | int) -> Path:
        """Where the recording of ``document`` is on disk.

        Raises
        ------
        NotFoundError
            The document has no recording, or its file is missing from the media folder (naming both).
        """
        row = self.media(document)
        if row is None:
            name = self.document(_ref(document))["name"]
            raise NotFoundError(f"document '{name}' has no recording; link one with `qualcode media link`",
                                key="err_media_none", document=name)
        if not row["present"]:
            raise NotFoundError(f"the recording of '{row['document']}' ({row['original_name']}) is missing: "
                                f"{row['path']} is not there; restore the media folder or link the file again",
                                key="err_media_file_missing", document=row["document"],
                                file=row["original_name"], path=str(row["path"]))
        return Path(row["path"])

    @requires("import")
    def prune_media(self) -> list[str]:
        """Delete the files of the media folder no document links to; returns their names. Undoing an unlink
        after this finds the file missing (:meth:`media_path` says so)."""
        folder = self.media_folder
        if not folder.is_dir():
            return []
        used = self.store.media_files_in_use()
        removed = []
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name not in used:
                path.unlink()
                removed.append(path.name)
        return removed

    # -- turn times ----------------------------------------------------------------

    @requires("import")
    def set_turn_time(self, document: str | int, turn: int, start_seconds: float, end_seconds: float | None = None,
                      *, actor: str | None = None) -> None:
        """Set the time in the recording where turn ``turn`` (its index, from 0, as :meth:`turn_times` lists
        it) of ``document`` starts and, optionally, ends. It wins over a time from the import. One event.

        Raises
        ------
        InputError
            The document has no turns, ``turn`` is not one of them, a time is not a number >= 0, or the end
            is not after the start.
        """
        doc = self.document(_ref(document))
        count = len(self.store.units(doc["id"], "turn"))
        if isinstance(turn, bool) or not isinstance(turn, int) or not 0 <= turn < count:
            if count == 0:
                raise InputError(f"document '{doc['name']}' has no turns to time", key="err_turn_none",
                                 document=doc["name"])
            raise InputError(f"turn must be a turn index from 0 to {count - 1} of '{doc['name']}', got {turn!r}",
                             key="err_turn_index", document=doc["name"], last=count - 1, turn=repr(turn))
        start = _seconds(start_seconds, Term("start time", "term_start_time"))
        end = None if end_seconds is None else _seconds(end_seconds, Term("end time", "term_end_time"))
        if end is not None and end <= start:
            raise InputError(f"end time must be after the start time ({start:g} s), got {end:g} s",
                             key="err_turn_end", start=f"{start:g}", end=f"{end:g}")
        with self.store.atomic():
            old = self.store.turn_time(doc["id"], turn)
            row = {"start_time": start, "end_time": end, "set_at": now(), "set_by": actor}
            if old is None:
                self.store.insert_turn_time({"document_id": doc["id"], "idx": turn, **row})
            else:
                self.store.update_turn_time(old["id"], row)
            self.store.log_event(actor, "turn.time", {"document": doc["name"], "turn": turn,
                                                      "start": _clock(start)})

    def turn_times(self, document: str | int) -> pd.DataFrame:
        """The turns of ``document`` with their times: start and end (character offsets), time_start and
        time_end (seconds into the recording; NaN when not known) and speaker, indexed by turn index."""
        doc = self.document(_ref(document))
        units = self.store.units(doc["id"], "turn")
        overrides = self.store.turn_times_set(doc["id"])
        media = self.store.media_of_document(doc["id"])
        return _timed(units, overrides, media["duration"] if media else None)

    def passage_times(self, document_ids: Sequence[int], starts: Sequence[int],
                      ends: Sequence[int]) -> list[tuple[float | None, float | None]]:
        """The time range in the recording of each passage (document id, start, end offsets): from the start of
        the first timed turn it touches to the end of the last; (None, None) when it touches none.

        Each document's turns are read once and the passages placed among them by binary search (turns do not
        overlap and are in text order), so an export of every coding stays linear in the codings."""
        out: list[tuple[float | None, float | None]] = [(None, None)] * len(document_ids)
        by_document: dict[int, list[int]] = {}
        for i, doc_id in enumerate(document_ids):
            by_document.setdefault(int(doc_id), []).append(i)
        for doc_id, rows in by_document.items():
            units = self.store.units(doc_id, "turn")
            if not units:
                continue
            media = self.store.media_of_document(doc_id)
            turns = _timed(units, self.store.turn_times_set(doc_id), media["duration"] if media else None)
            turns = turns[turns["time_start"].notna()].sort_values("start")
            if turns.empty:
                continue
            turn_starts, turn_ends = turns["start"].to_numpy(), turns["end"].to_numpy()
            time_starts, time_ends = turns["time_start"].to_numpy(), turns["time_end"].to_numpy()
            for i in rows:
                start, end = int(starts[i]), int(ends[i])
                first = int(np.searchsorted(turn_ends, start, side="right"))  # first turn ending after start
                last = int(np.searchsorted(turn_starts, end, side="left")) - 1  # last turn beginning before end
                if first >= len(turn_starts) or last < first:
                    continue
                last_end = time_ends[last]
                out[i] = (float(time_starts[first]), None if np.isnan(last_end) else float(last_end))
        return out


def _timed(units: list[dict], overrides: dict[int, dict], duration: float | None) -> pd.DataFrame:
    """Turn rows with their times: hand-set over imported; a missing end is the next timed turn's start."""
    rows = []
    for unit in units:
        meta = json.loads(unit["meta"] or "{}")
        set_by_hand = overrides.get(int(unit["idx"]))
        if set_by_hand is not None:
            start, end = set_by_hand["start_time"], set_by_hand["end_time"]
        else:
            start, end = meta.get("start_time"), meta.get("end_time")
        rows.append({"turn": int(unit["idx"]), "start": int(unit["start"]), "end": int(unit["end"]),
                     "time_start": start, "time_end": end, "speaker": unit["speaker"]})
    frame = pd.DataFrame(rows, columns=["turn", *TURN_TIME_COLUMNS]).set_index("turn")
    frame[["time_start", "time_end"]] = frame[["time_start", "time_end"]].astype(float)
    frame["speaker"] = frame["speaker"].astype(object).where(frame["speaker"].notna(), None)
    starts = frame["time_start"].tolist()
    ends = frame["time_end"].tolist()
    following = math.nan if duration is None else float(duration)  # where the turn after this one starts
    for i in range(len(starts) - 1, -1, -1):
        if math.isnan(ends[i]) and not math.isnan(starts[i]) and following > starts[i]:
            ends[i] = following
        if not math.isnan(starts[i]):
            following = starts[i]
    frame["time_end"] = ends
    return frame


def _seconds(value: Any, field: Term) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = math.nan
    if isinstance(value, bool) or not math.isfinite(seconds) or seconds < 0:
        raise InputError(f"{field} must be a number of seconds >= 0, got {value!r}", key="err_turn_seconds",
                         field=field, value=repr(value))
    return seconds


def _clock(seconds: float) -> str:
    """83.5 -> '00:01:23.5'."""
    whole = int(seconds)
    fraction = f"{seconds - whole:.3f}"[1:].rstrip("0").rstrip(".")
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}{fraction}"


def _ref(value: str | int) -> str | int:
    if isinstance(value, bool):
        return str(value)
    return int(value) if isinstance(value, int) else value


__all__ = ["MEDIA_COLUMNS", "TURN_TIME_COLUMNS", "ProjectMedia"]
