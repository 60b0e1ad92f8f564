"""Recordings linked to documents: the managed folder beside the project, link, list, unlink, undo, refusals,
a missing file, backup and restore, merge."""

from __future__ import annotations

import hashlib
import math
import shutil
import struct
import wave
from pathlib import Path

import pytest

from qualcode.backup import backup, restore, rotate_backups
from qualcode.errors import InputError, NotFoundError, PermissionDeniedError
from qualcode.merge import merge_projects
from qualcode.project import Project

from .conftest import assert_refused, copy_project, one_document_project

TEXT = "P: Bagaimana koordinasinya?\n\nI: Jarang sekali, lewat WhatsApp.\n"


def tone(path: Path, seconds: float, pitch: float = 440.0, rate: int = 8000) -> Path:
    """A mono 16-bit WAV of a sine tone: a real recording's format, made without any audio tool."""
    frames = b"".join(struct.pack("<h", int(12000 * math.sin(2 * math.pi * pitch * n / rate)))
                      for n in range(int(seconds * rate)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


@pytest.fixture
def study(tmp_path):
    path = one_document_project(tmp_path / "study.qualcode", TEXT)
    with Project.open(path) as p:
        yield p


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_link_copies_the_file_into_the_folder_beside_the_project(study, tmp_path):
    source = tone(tmp_path / "Wawancara 1.wav", 1.5)
    row = study.link_media("w", source, actor="ana")
    folder = tmp_path / "study.qualcode.media"
    stored = folder / f"{sha(source)}.wav"
    assert row["path"] == stored and stored.read_bytes() == source.read_bytes()
    assert [p.name for p in folder.iterdir()] == [stored.name]
    assert row["original_name"] == "Wawancara 1.wav" and row["kind"] == "audio" and row["mime"] == "audio/wav"
    assert row["bytes"] == source.stat().st_size and row["sha256"] == sha(source)
    assert row["duration"] == pytest.approx(1.5, abs=1e-3)
    assert row["linked_by"] == "ana"
    listed = study.media_list()
    assert listed[["document", "original_name", "kind", "present"]].values.tolist() == \
        [["w", "Wawancara 1.wav", "audio", True]]
    assert study.media_path("w") == stored
    source.unlink()  # the project keeps its own copy
    assert study.media_path("w").read_bytes() == stored.read_bytes()


def test_the_project_file_stays_small(study, tmp_path):
    before = study.path.stat().st_size
    study.link_media("w", tone(tmp_path / "long.wav", 20.0), actor="ana")
    study.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert (tmp_path / "long.wav").stat().st_size > 300_000
    assert study.path.stat().st_size - before < 20_000


def test_relink_replaces_and_undo_brings_each_back(study, tmp_path):
    first = tone(tmp_path / "a.wav", 1.0)
    second = tone(tmp_path / "b.ogg.wav", 2.0, pitch=220)
    study.link_media("w", first, actor="ana")
    study.link_media("w", second, actor="ana")
    assert study.media("w")["original_name"] == "b.ogg.wav"
    assert study.media_path("w").read_bytes() == second.read_bytes()
    assert len(study.media_list()) == 1
    study.undo("ana")
    assert study.media("w")["original_name"] == "a.wav"
    assert study.media_path("w").read_bytes() == first.read_bytes()
    assert study.unlink_media("w", actor="ana") is True
    assert study.media("w") is None and study.media_list().empty
    assert study.unlink_media("w", actor="ana") is False
    history = study.history()
    assert history["description"].tolist()[:3] == ["unlink recording a.wav from w", "undo 'link recording b.ogg.wav "
                                                   "to w'", "link recording b.ogg.wav to w"]
    study.undo("ana")  # the unlink: the file stayed, so the link works again
    assert study.media_path("w").read_bytes() == first.read_bytes()


def test_unlinked_files_stay_until_pruned(study, tmp_path):
    first, second = tone(tmp_path / "a.wav", 1.0), tone(tmp_path / "b.wav", 1.0, pitch=300)
    study.link_media("w", first, actor="ana")
    study.link_media("w", second, actor="ana")
    folder = tmp_path / "study.qualcode.media"
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{sha(first)}.wav", f"{sha(second)}.wav"])
    assert study.prune_media() == [f"{sha(first)}.wav"]
    assert [p.name for p in folder.iterdir()] == [f"{sha(second)}.wav"]


@pytest.mark.parametrize("suffix", [".mp3", ".m4a", ".ogg", ".mp4", ".webm", ".WAV"])
def test_every_accepted_suffix(study, tmp_path, suffix):
    source = tmp_path / f"rec{suffix}"
    source.write_bytes(b"\x00\x01not decoded, only stored" * 10)
    row = study.link_media("w", source)
    kind = "video" if suffix in (".mp4", ".webm") else "audio"
    assert row["kind"] == kind and row["file"].endswith(suffix.lower()) and row["duration"] is None


@pytest.mark.parametrize("name", ["rec.flac", "rec.txt", "rec"])
def test_other_suffixes_are_refused_naming_the_file(study, tmp_path, name):
    source = tmp_path / name
    source.write_bytes(b"x" * 100)
    message = assert_refused(study, lambda: study.link_media("w", source), InputError, name, "mp3, ", "webm")
    assert "supported" in message
    assert not (tmp_path / "study.qualcode.media").exists()


def test_a_missing_source_or_document_is_refused(study, tmp_path):
    assert_refused(study, lambda: study.link_media("w", tmp_path / "gone.wav"), InputError, "gone.wav")
    source = tone(tmp_path / "a.wav", 0.5)
    assert_refused(study, lambda: study.link_media("nope", source), NotFoundError, "nope")


def test_a_document_without_a_recording_or_with_its_file_gone_is_named(study, tmp_path):
    with pytest.raises(NotFoundError, match="document 'w' has no recording"):
        study.media_path("w")
    study.link_media("w", tone(tmp_path / "a.wav", 0.5))
    shutil.rmtree(tmp_path / "study.qualcode.media")
    assert study.media_list()["present"].tolist() == [False]
    with pytest.raises(NotFoundError) as info:
        study.media_path("w")
    assert "a.wav" in str(info.value) and "study.qualcode.media" in str(info.value)


def test_linking_needs_the_import_permission(study, tmp_path):
    study.add_user("rina2", "rina-pass-12345", "coder")
    with Project.open(study.path, user="rina2") as coder:
        assert_refused(coder, lambda: coder.link_media("w", tone(tmp_path / "a.wav", 0.5)), PermissionDeniedError,
                       "import")
        assert_refused(coder, lambda: coder.unlink_media("w"), PermissionDeniedError, "import")


def test_backup_and_restore_keep_the_recording_byte_identical(study, tmp_path):
    source = tone(tmp_path / "a.wav", 1.0)
    study.link_media("w", source)
    original = study.media_path("w").read_bytes()
    saved = backup(study.path, tmp_path / "saved.qualcode")
    assert (tmp_path / "saved.qualcode.media" / f"{sha(source)}.wav").read_bytes() == original
    path = study.path
    study.close()
    shutil.rmtree(tmp_path / "study.qualcode.media")
    restore(saved, path)
    with Project.open(path) as p:
        assert p.media_path("w").read_bytes() == original
        assert sha(p.media_path("w")) == hashlib.sha256(source.read_bytes()).hexdigest()


def test_rotating_backups_carry_and_drop_their_recordings(study, tmp_path):
    study.link_media("w", tone(tmp_path / "a.wav", 0.5))
    folder = tmp_path / "backups"
    made = [rotate_backups(study.path, folder, keep=1) for _ in range(2)]
    assert not made[0].exists() and not Path(f"{made[0]}.media").exists()
    assert (Path(f"{made[1]}.media") / study.media("w")["file"]).read_bytes() == study.media_path("w").read_bytes()


def test_merge_brings_a_source_document_s_recording(study, tmp_path):
    (tmp_path / "offline").mkdir()
    offline = copy_project(study.path, tmp_path / "offline" / "copy.qualcode")
    with Project.open(offline) as p:
        p.link_media("w", tone(tmp_path / "offline.wav", 1.0))
        stored = p.media_path("w").read_bytes()
    assert not (tmp_path / "study.qualcode.media").exists()
    report = merge_projects(study, offline, actor="ana")
    assert report.media_linked == ["w"]
    assert study.media_path("w").read_bytes() == stored
    assert study.media_path("w").parent == tmp_path / "study.qualcode.media"
    assert "recordings linked as in the source: w" in report.lines()
    again = merge_projects(study, offline, actor="ana")  # the target has it now: nothing more
    assert again.media_linked == []
    study.undo("ana")  # the first merge, as one step (the second changed nothing)
    assert study.media("w") is None
