"""`qualcode media link|list|unlink|times|set-time`."""

from __future__ import annotations

import hashlib

import pandas as pd
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import one_document_project, snapshot
from .test_media import tone

TEXT = "[00:00:02] P: Bagaimana koordinasinya?\n[00:00:07] I: Jarang sekali, lewat WhatsApp.\n"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_link_list_unlink(tmp_path):
    path = one_document_project(tmp_path / "s.qualcode", TEXT)
    audio = tone(tmp_path / "Rekaman 1.wav", 2.5)
    result = run("media", "link", path, "w", audio, "--by", "ana")
    assert result.exit_code == 0, result.output
    stored = tmp_path / "s.qualcode.media" / (hashlib.sha256(audio.read_bytes()).hexdigest() + ".wav")
    assert stored.read_bytes() == audio.read_bytes()
    assert result.output.startswith("w: linked Rekaman 1.wav (audio, ") and str(stored) in result.output
    listed = run("media", "list", path)
    assert listed.output.splitlines() == ["w\tRekaman 1.wav\taudio\t40 kB\t2.5 s"]
    with Project.open(path) as p:
        assert p.history()[["actor", "description"]].iloc[0].tolist() == ["ana", "link recording Rekaman 1.wav to w"]
    stored.unlink()
    assert run("media", "list", path).output.splitlines() == [f"w\tRekaman 1.wav\taudio\t40 kB\t2.5 s\tMISSING "
                                                              f"{stored.name}"]
    result = run("media", "unlink", path, "w")
    assert (result.exit_code, result.output) == (0, "w: recording unlinked\n")
    assert run("media", "list", path).output == "no recordings linked\n"
    assert run("media", "unlink", path, "w").output == "w: had no recording\n"


def test_refusals_name_the_problem_and_change_nothing(tmp_path):
    path = one_document_project(tmp_path / "s.qualcode", TEXT)
    flac = tmp_path / "rekaman.flac"
    flac.write_bytes(b"fLaC" * 100)
    before = snapshot(path)
    result = run("media", "link", path, "w", flac)
    assert result.exit_code != 0
    assert "rekaman.flac: not a recording qualcode links (supported: .mp3, .m4a, .wav, .ogg, .mp4, .webm)" \
        in result.output
    result = run("media", "link", path, "nope", tone(tmp_path / "a.wav", 0.2))
    assert result.exit_code != 0 and "unknown document 'nope'" in result.output
    assert snapshot(path) == before


def test_times_and_set_time(tmp_path):
    path = one_document_project(tmp_path / "s.qualcode", TEXT)
    assert run("media", "times", path, "w").output.splitlines() == ["0\t2\t7\tP", "1\t7\t-\tI"]
    result = run("media", "set-time", path, "w", "1", "7.5", "9")
    assert (result.exit_code, result.output) == (0, "w: turn 1 starts at 7.5 s, ends at 9 s\n")
    assert run("media", "times", path, "w").output.splitlines() == ["0\t2\t7\tP", "1\t7.5\t9\tI"]
    result = run("media", "set-time", path, "w", "5", "1")
    assert result.exit_code != 0 and "turn must be a turn index from 0 to 1 of 'w', got 5" in result.output


def test_import_links_the_recording_of_one_transcript(tmp_path):
    path = tmp_path / "s.qualcode"
    assert run("init", path).exit_code == 0
    transcript = tmp_path / "wawancara.txt"
    transcript.write_text(TEXT, encoding="utf-8")
    audio = tone(tmp_path / "wawancara.wav", 1.0)
    flac = tmp_path / "wawancara.flac"
    flac.write_bytes(b"fLaC" * 10)
    before = snapshot(path)
    refused = run("import", path, transcript, "--media", flac)
    assert refused.exit_code != 0 and "wawancara.flac: not a recording" in refused.output
    assert snapshot(path) == before  # nothing imported when the recording is refused
    result = run("import", path, transcript, "--media", audio)
    assert result.exit_code == 0, result.output
    with Project.open(path) as p:
        assert p.media_path("wawancara").read_bytes() == audio.read_bytes()
        assert p.turn_times("wawancara")["time_start"].tolist() == [2, 7]


def test_quotes_export_with_times_reads_back(tmp_path):
    path = one_document_project(tmp_path / "s.qualcode", TEXT)
    with Project.open(path) as p:
        text = p.document("w")["text"]
        start = text.index("Jarang")
        p.add_coding("w", start, start + len("Jarang sekali"), "A", coder="rina")
    result = run("export", path, "quotes", "-o", tmp_path / "q.csv", "--times")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(tmp_path / "q.csv", comment="#")
    assert frame[["quote", "time_start"]].values.tolist() == [["Jarang sekali", 7.0]]
    assert pd.isna(frame["time_end"].iloc[0])  # the last turn, no recording to end it
