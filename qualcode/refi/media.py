"""Recordings in REFI-QDA: a document's recording as an ``<AudioSource>``/``<VideoSource>`` with its transcript.

Export: a document with a recording stays a ``<TextSource>`` (its codings are there, as for every document,
so every peer program reads them as before) and its recording is written next to it as an ``<AudioSource>``
or ``<VideoSource>`` whose file is in the archive (``sources/<guid>.<suffix>``, ``path="internal://…"``) and
whose ``<Transcript>`` is that document's text: ``plainTextPath`` names the TextSource's own text file, and
one ``<SyncPoint>`` per timed turn ties the turn's start (``position``, a code-point offset) to its time
(``timeStamp``, milliseconds). That is as far as the standard goes in linking a transcript to a recording
without moving the codings into ``<TranscriptSelection>``\\ s, which few programs read.

Import: an audio or video source whose file is in the archive and whose transcript is one of the file's text
sources (the same ``plainTextPath``, or the same text) is linked to the document made from that source, and
its sync points at a turn's start give that turn its time. Other audio and video sources are skipped and
counted as before.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, uuid5
from xml.etree.ElementTree import Element

from ..media import MEDIA_TYPES, media_folder, store_media_file, wav_duration
from ..store import now
from .archive import SafeArchive, _kid, _kids, guid

SOURCE_TAGS = {"audio": "AudioSource", "video": "VideoSource"}


@dataclass
class RefiMedia:
    """A recording: on export its ``path`` on disk, on import its ``data`` from the archive."""

    guid: str
    name: str  # the original file name
    kind: str  # "audio" or "video"
    suffix: str  # ".wav", ...
    transcript_of: str  # the guid of the TextSource holding its transcript
    sync: list[tuple[int, int]] = field(default_factory=list)  # (position, milliseconds) per timed turn
    path: Path | None = None
    data: bytes | None = None


def gather_media(project: Any, source_guids: dict[int, str], gid: Any) -> list[RefiMedia]:
    """The recordings of the exported documents (``source_guids``: document id -> TextSource guid) whose files
    are in the media folder."""
    out = []
    for row in project.store.media_rows():
        doc_id = int(row["document_id"])
        path = media_folder(project.path) / row["file"]
        if doc_id not in source_guids or not path.is_file():
            continue
        times = project.turn_times(doc_id)
        sync = [(int(t.start), round(float(t.time_start) * 1000)) for t in times.itertuples()
                if t.time_start == t.time_start]  # not NaN
        out.append(RefiMedia(guid=gid("media", row["document"]), name=row["original_name"], kind=row["kind"],
                             suffix=Path(row["file"]).suffix, transcript_of=source_guids[doc_id], sync=sync,
                             path=path))
    return out


def _child(parent: Element, tag: str, attrs: dict[str, str]) -> Element:
    """A new child of ``parent`` (built from Element alone: XML is parsed only with defusedxml)."""
    node = Element(tag, attrs)
    parent.append(node)
    return node


def media_entry(media: RefiMedia) -> str:
    return f"sources/{media.guid.lower()}{media.suffix}"


def write_media_source(sources: Element, media: RefiMedia) -> None:
    """Append ``media`` to ``<Sources>`` (after the TextSources, as the schema's choice allows any order)."""
    node = _child(sources, SOURCE_TAGS[media.kind], {"guid": media.guid.lower(), "name": media.name,
                                                         "path": f"internal://{media.guid.lower()}{media.suffix}"})
    transcript = _child(node, "Transcript", {
        "guid": _derived(media.guid, "transcript"), "name": media.name,
        "plainTextPath": f"internal://{media.transcript_of.lower()}.txt"})
    for position, stamp in media.sync:
        _child(transcript, "SyncPoint", {"guid": _derived(media.guid, f"sync-{position}"),
                                             "timeStamp": str(stamp), "position": str(position)})


def _derived(base: str, part: str) -> str:
    """A GUID made from another and a name: the same in every export of the project."""
    return str(uuid5(NAMESPACE_URL, f"qualcode:{base.lower()}:{part}"))


def read_media_source(archive: SafeArchive, node: Any, tag: str) -> tuple[RefiMedia, str | None, str] | None:
    """An audio or video source with its file in the archive and a transcript: the recording, the transcript's
    plainTextPath (None: given as PlainTextContent) and the transcript's text when it is inline; None otherwise.
    ``transcript_of`` is filled in by the caller, which knows the text sources."""
    ref = re.sub(r"^internal://", "", (node.get("path") or node.get("currentPath") or "").strip(), flags=re.I)
    suffix = Path(ref).suffix.lower()
    transcript = _kid(node, "Transcript")
    if not ref or "://" in ref or suffix not in MEDIA_TYPES or transcript is None:
        return None
    info = archive.find(f"sources/{ref}") or archive.find(ref)
    if info is None:
        return None
    sync = []
    for point in _kids(transcript, "SyncPoint"):
        try:
            sync.append((int(point.get("position")), int(point.get("timeStamp"))))
        except (TypeError, ValueError):
            continue
    kind = "video" if tag == "VideoSource" else "audio"
    name = (node.get("name") or "").strip() or Path(ref).name
    if not Path(name).suffix:
        name += suffix
    media = RefiMedia(guid=guid(node.get("guid")) or ref, name=name, kind=kind, suffix=suffix, transcript_of="",
                      sync=sync, data=archive.read(info))
    path = (transcript.get("plainTextPath") or "").strip() or None
    content = _kid(transcript, "PlainTextContent")
    return media, path, (content.text or "") if content is not None else ""


def apply_media(project: Any, recordings: list[RefiMedia], doc_of: dict[str, tuple[int, str]],
                actor: str | None) -> int:
    """Link each recording to the document made from its transcript's source, and time its turns from the sync
    points at their starts; returns how many were linked. Rows only (the import's one event claims them)."""
    store = project.store
    linked = 0
    folder = media_folder(project.path)
    for media in recordings:
        if media.transcript_of not in doc_of or media.data is None:
            continue
        doc_id = doc_of[media.transcript_of][0]
        if store.media_of_document(doc_id) is not None:
            continue
        with tempfile.TemporaryDirectory() as scratch:
            file = Path(scratch) / f"recording{media.suffix}"
            file.write_bytes(media.data)
            name = store_media_file(file, folder)
            duration = wav_duration(file)
        kind, mime = MEDIA_TYPES[media.suffix]
        store.insert_media({"document_id": doc_id, "file": name, "original_name": media.name,
                            "kind": "video" if media.kind == "video" else kind, "mime": mime,
                            "bytes": len(media.data), "sha256": name.rsplit(".", 1)[0], "duration": duration,
                            "linked_at": now(), "linked_by": actor})
        starts = {int(u["start"]): int(u["idx"]) for u in store.units(doc_id, "turn")}
        for position, stamp in media.sync:
            if position in starts and stamp >= 0:
                store.insert_turn_time({"document_id": doc_id, "idx": starts[position], "start_time": stamp / 1000,
                                        "end_time": None, "set_at": now(), "set_by": actor})
        linked += 1
    return linked
