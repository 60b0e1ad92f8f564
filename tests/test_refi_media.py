"""REFI-QDA and recordings: a document with a recording exports an <AudioSource> whose file is in the archive and
whose <Transcript> is the document's text, with a <SyncPoint> per timed turn; the file validates against the
standard's schema; importing it links the recording back, byte for byte, with the turns' times."""

from __future__ import annotations

import zipfile

import pytest
from defusedxml.ElementTree import fromstring

from qualcode.project import Project
from qualcode.refi import export_refi, import_refi

from .conftest import one_document_project
from .test_media import tone
from .test_refi_export import schema

NS = "{urn:QDA-XML:project:1.0}"
TEXT = ("[00:00:01] Pewawancara: Bagaimana koordinasinya?\n"
        "[00:00:03.5] Informan: Jarang sekali, lewat WhatsApp.\n"
        "[00:00:06] Pewawancara: Oke.\n")
STARTS = [1000, 3500, 6000]  # the markers above, in milliseconds


@pytest.fixture
def exported(tmp_path):
    (tmp_path / "src").mkdir()
    path = one_document_project(tmp_path / "src" / "study.qualcode", TEXT)
    recording = tone(tmp_path / "I-01 wawancara.wav", 8.0)
    with Project.open(path) as p:
        p.add_coding("w", TEXT.index("Jarang"), TEXT.index("Jarang") + 13, "A", coder="rina")
        p.link_media("w", recording)
        export_refi(p, tmp_path / "study.qdpx")
    return tmp_path / "study.qdpx", recording


def test_the_recording_is_an_audio_source_with_the_transcript_linked(exported):
    qdpx, recording = exported
    with zipfile.ZipFile(qdpx) as archive:
        qde = archive.read("project.qde").decode("utf-8")
        schema("Project-mrt2019.xsd").validate(qde)
        root = fromstring(qde)
        text_source = root.find(f"{NS}Sources/{NS}TextSource")
        audio = root.find(f"{NS}Sources/{NS}AudioSource")
        assert audio is not None and audio.get("name") == "I-01 wawancara.wav"
        entry = audio.get("path").removeprefix("internal://")
        assert archive.read(f"sources/{entry}") == recording.read_bytes()
        transcript = audio.find(f"{NS}Transcript")
        assert transcript.get("plainTextPath") == text_source.get("plainTextPath")
        text_file = text_source.get("plainTextPath").removeprefix("internal://")
        assert archive.read(f"sources/{text_file}").decode("utf-8") == TEXT
        points = [(int(s.get("position")), int(s.get("timeStamp"))) for s in transcript.findall(f"{NS}SyncPoint")]
    # each turn's start (the start of its line in TEXT) at its marker's time
    line_starts = [0] + [i + 1 for i, ch in enumerate(TEXT) if ch == "\n"][:2]
    assert points == list(zip(line_starts, STARTS, strict=True))
    # the codings stay on the TextSource, where every program reads them
    spans = [(int(x.get("startPosition")), int(x.get("endPosition")))
             for x in text_source.findall(f"{NS}PlainTextSelection")]
    assert (TEXT.index("Jarang"), TEXT.index("Jarang") + 13) in spans


def test_import_links_the_recording_back_with_its_times(exported, tmp_path):
    qdpx, recording = exported
    with Project.create(tmp_path / "new.qualcode") as p:
        result = import_refi(p, qdpx, actor="ana")
        assert result.recordings == 1 and "1 recordings" in result.summary()
        assert "audio sources" not in result.skipped
        assert p.media_path("w").read_bytes() == recording.read_bytes()
        assert p.media("w")["original_name"] == "I-01 wawancara.wav"
        assert p.media("w")["duration"] == pytest.approx(8.0)
        times = p.turn_times("w")
        assert [round(t * 1000) for t in times["time_start"]] == STARTS
        assert p.codings()["quote"].tolist() == ["Jarang sekali"]
        p.undo("ana")  # the import as one step, the recording's link with it
        assert p.media_list().empty


def test_an_audio_source_without_a_transcript_is_still_skipped(exported, tmp_path):
    qdpx, _ = exported
    with zipfile.ZipFile(qdpx) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    qde = entries["project.qde"].decode("utf-8")
    start = qde.index("<Transcript")
    end = qde.index("</Transcript>") + len("</Transcript>")
    entries["project.qde"] = (qde[:start] + qde[end:]).encode("utf-8")
    edited = tmp_path / "edited.qdpx"
    with zipfile.ZipFile(edited, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    with Project.create(tmp_path / "other.qualcode") as p:
        result = import_refi(p, edited)
        assert result.recordings == 0 and result.skipped.get("audio sources") == 1
        assert p.media_list().empty
