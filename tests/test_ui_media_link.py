"""Recordings on the Project page through AppTest: link an uploaded WAV to a document, the table of linked
recordings (checked against the file itself and the database), unlinking only after a confirmation, a missing
file flagged, and the transcript form's optional recording (linked to the one transcript imported; refused,
with nothing imported, for several transcripts or a file that is not a recording)."""

from __future__ import annotations

import hashlib
import sqlite3
import wave
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import TRANSCRIPT, one_document_project, open_page
from .test_media import tone

TEXT = "[00:00:01] P: Bagaimana koordinasinya?\n[00:00:03] I: Jarang sekali.\n"


@pytest.fixture
def study(tmp_path) -> Path:
    return one_document_project(tmp_path / "rekaman.qualcode", TEXT)


@pytest.fixture
def wav(tmp_path) -> Path:
    return tone(tmp_path / "Wawancara I-1.wav", 1.25)


def page(path: Path, lang: str = "en") -> AppTest:
    return open_page("project", path, lang, coder="rina")


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def db_rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def links(path: Path) -> list[tuple]:
    return db_rows(path, "SELECT d.name, m.original_name, m.sha256 FROM media m "
                         "JOIN documents d ON d.id = m.document_id ORDER BY d.name")


def recordings_table(at: AppTest, column: str = "Original name"):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def plain(elements) -> list[str]:
    return [e.value.replace("\\", "") for e in elements]  # the notices are Markdown-escaped


def link(at: AppTest, document: str, file: Path) -> AppTest:
    at.selectbox(key="rec_document").set_value(document)
    version = at.session_state["_rec_file_v"] if "_rec_file_v" in at.session_state else 0
    at.file_uploader(key=f"rec_file_{version}").set_value((file.name, file.read_bytes(), "audio/wav"))
    at.run()
    return at.button(key="rec_link").click().run()


def test_empty_states(tmp_path, study):
    at = page(study)
    assert not at.exception
    assert "No recordings linked yet." in [i.value for i in at.info]
    empty = tmp_path / "kosong.qualcode"
    Project.create(empty).close()
    at = page(empty)
    assert "Import a transcript first; a recording is linked to a document." in [i.value for i in at.info]


def test_link_list_and_unlink_after_confirmation(study, wav):
    at = link(page(study), "w", wav)
    assert not at.exception and not at.error
    assert "Recording Wawancara I-1.wav linked to w." in plain(at.success)
    assert links(study) == [("w", wav.name, hashlib.sha256(wav.read_bytes()).hexdigest())]
    stored = study.with_name(study.name + ".media") / f"{hashlib.sha256(wav.read_bytes()).hexdigest()}.wav"
    assert stored.read_bytes() == wav.read_bytes()

    table = recordings_table(at)
    with wave.open(str(wav)) as w:
        seconds = w.getnframes() / w.getframerate()
    row = table.iloc[0]
    assert (row["Document"], row["Original name"], row["Kind"], row["Missing"]) == ("w", wav.name, "audio", False)
    assert row["Size (bytes)"] == wav.stat().st_size
    assert row["Duration"] == pytest.approx(seconds, abs=1e-3)

    button(at, "Unlink…").click().run()
    assert not at.exception
    assert any("Unlink the recording of w?" in w for w in plain(at.warning))
    assert len(links(study)) == 1  # nothing yet: it waits for the confirmation
    button(at, "Cancel").click().run()
    assert not any("Unlink the recording" in w for w in plain(at.warning)) and len(links(study)) == 1

    button(at, "Unlink…").click().run()
    button(at, "Yes, unlink").click().run()
    assert not at.exception
    assert "Recording of w unlinked." in plain(at.success)
    assert links(study) == []
    assert stored.is_file()  # the file stays: undo brings the link back
    assert "No recordings linked yet." in [i.value for i in at.info]
    assert db_rows(study, "SELECT action FROM events WHERE action LIKE 'media.%' ORDER BY id") == [
        ("media.link",), ("media.unlink",)]


def test_a_missing_file_is_flagged(study, wav):
    at = link(page(study), "w", wav)
    for file in study.with_name(study.name + ".media").iterdir():
        file.unlink()
    at = page(study)
    assert bool(recordings_table(at).iloc[0]["Missing"]) is True


def test_a_file_that_is_not_a_recording_is_refused(study, tmp_path):
    # the uploader lets through what the browser calls the same type (.mpeg4 for .mp4); the link refuses it
    notes = tmp_path / "catatan.mpeg4"
    notes.write_bytes(b"bukan rekaman")
    at = link(page(study), "w", notes)
    assert not at.exception
    assert any(e.startswith("catatan.mpeg4: not a recording qualcode links") for e in plain(at.error))
    assert links(study) == []


def test_bahasa_indonesia(study, wav):
    at = link(page(study, "id"), "w", wav)
    assert "Rekaman" in [s.value for s in at.subheader]
    assert "Rekaman Wawancara I-1.wav ditautkan ke w." in plain(at.success)
    assert {"Nama asli", "Ukuran (bita)", "Durasi", "Hilang"} <= set(recordings_table(at, "Nama asli").columns)
    button(at, "Lepas tautan…").click().run()
    button(at, "Ya, lepas tautan").click().run()
    assert links(study) == []


# -- the transcript form's recording ------------------------------------------------------------

def upload_transcripts(at: AppTest, files: list[tuple[str, bytes]], recording: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key="proj_uploads_0").set_value([(n, c, "text/plain") for n, c in files])
    at.file_uploader(key="proj_up_recording_0").set_value((recording[0], recording[1], "audio/wav"))
    at.run()
    return at.button(key="proj_import").click().run()


def test_the_upload_form_links_a_recording_to_its_one_transcript(study, wav):
    at = upload_transcripts(page(study), [("I-1_kedua.txt", TRANSCRIPT.encode())], (wav.name, wav.read_bytes()))
    assert not at.exception and not at.error
    assert "Recording Wawancara I-1.wav linked to I-1_kedua." in plain(at.success)
    assert links(study) == [("I-1_kedua", wav.name, hashlib.sha256(wav.read_bytes()).hexdigest())]
    assert at.file_uploader(key="proj_up_recording_1").value is None  # emptied with the transcripts


@pytest.mark.parametrize("files, recording, message", [
    ([("a.txt", b"P: Satu.\n"), ("b.txt", b"P: Dua.\n")], ("rekaman.wav", None),
     "A recording is linked to one transcript"),
    ([("a.txt", b"P: Satu.\n")], ("rekaman.mpeg4", b"bukan audio"), "rekaman.mpeg4: not a recording qualcode links"),
])
def test_the_upload_form_refuses_before_importing(study, wav, files, recording, message):
    before = db_rows(study, "SELECT name FROM documents")
    content = recording[1] if recording[1] is not None else wav.read_bytes()
    at = upload_transcripts(page(study), files, (recording[0], content))
    assert not at.exception
    assert any(e.startswith(message) for e in plain(at.error))
    assert db_rows(study, "SELECT name FROM documents") == before and links(study) == []
