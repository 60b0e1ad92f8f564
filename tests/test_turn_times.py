"""Turn times: from the cues of a .vtt made for a recording spoken in the test, from time markers at the start of
a plain transcript's lines, and set by hand; and the time range codings carry into the exports."""

from __future__ import annotations

import wave

import pandas as pd
import pytest

from qualcode.errors import InputError
from qualcode.ingest import read_document
from qualcode.project import Project
from qualcode.project.catalog import export_table

from .conftest import assert_refused, one_document_project
from .recording import TURNS, needs_espeak, record, write_vtt

# The three marker forms of the issue, with and without a speaker label, and minutes:seconds alone.
MARKED = (
    "Wawancara 3 Maret\n\n"
    "[00:00:04] Pewawancara: Bagaimana koordinasinya?\n"
    "(00:00:09) Informan: Jarang sekali.\n"
    "Lewat WhatsApp saja.\n"
    "00:01:23 Pewawancara: Datanya sudah sesuai?\n"
    "[01:40] Belum, banyak yang tidak masuk.\n"
)
# written by hand from MARKED: (start, end, speaker, the turn's text)
EXPECTED = [
    (4.0, 9.0, "Pewawancara", "[00:00:04] Pewawancara: Bagaimana koordinasinya?"),
    (9.0, 83.0, "Informan", "(00:00:09) Informan: Jarang sekali.\nLewat WhatsApp saja."),
    (83.0, 100.0, "Pewawancara", "00:01:23 Pewawancara: Datanya sudah sesuai?"),
    (100.0, None, None, "[01:40] Belum, banyak yang tidak masuk."),
]


@pytest.fixture
def marked(tmp_path):
    path = one_document_project(tmp_path / "marked.qualcode", MARKED)
    with Project.open(path) as p:
        yield p


def test_markers_at_the_start_of_lines_give_the_turns_and_their_times(marked):
    times = marked.turn_times("w")
    text = marked.document("w")["text"]
    got = [(row.time_start, None if pd.isna(row.time_end) else row.time_end, row.speaker, text[row.start:row.end])
           for row in times.itertuples()]
    assert got == EXPECTED
    # the sentences of a timed turn leave out its marker and label
    sentences = marked.units("w", kind="sentence")
    assert [text[s:e] for s, e in zip(sentences["start"], sentences["end"], strict=True)][:3] == \
        ["Wawancara 3 Maret", "Bagaimana koordinasinya?", "Jarang sekali."]


def test_a_recording_s_length_ends_the_last_turn(marked, tmp_path):
    import math
    import struct

    path = tmp_path / "long.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(n / 5))) for n in range(8000 * 120)))
    marked.link_media("w", path)
    assert marked.turn_times("w")["time_end"].tolist() == [9.0, 83.0, 100.0, 120.0]


@pytest.mark.parametrize("text", [
    "10:30 we met at the office.\nP: And then?\nI: Nothing.\n",  # one marker: a time in the text, not a turn
    "[00:02:00] P: Later.\n[00:01:00] I: Earlier.\n",  # markers going back in time are not turn times
    "P: Tanpa waktu.\n\nI: Juga tanpa.\n",
])
def test_text_without_a_run_of_markers_keeps_its_label_turns(tmp_path, text):
    file = tmp_path / "t.txt"
    file.write_text(text, encoding="utf-8")
    assert read_document(file).units == []


@needs_espeak
def test_vtt_turn_times_match_the_recording_they_were_written_for(tmp_path, project):
    audio, times = record(tmp_path)
    with wave.open(str(audio), "rb") as sound:  # the recording's own length, from its header
        length = sound.getnframes() / sound.getframerate()
    assert times[-1][1] == pytest.approx(length, abs=1e-3)
    project.import_document(write_vtt(tmp_path / "interview.vtt", times), informant="I-01", name="rekaman")
    project.link_media("rekaman", audio, actor="ana")
    got = project.turn_times("rekaman")
    assert got["time_start"].tolist() == pytest.approx([s for s, _ in times], abs=1e-3)
    assert got["time_end"].tolist() == pytest.approx([e for _, e in times], abs=1e-3)
    assert got["speaker"].tolist() == [s for s, _ in TURNS]
    assert project.media("rekaman")["duration"] == pytest.approx(length, abs=1e-6)


@needs_espeak
def test_plain_transcript_markers_match_the_recording(tmp_path, project):
    audio, times = record(tmp_path)
    forms = ["[{}]", "({})", "{}", "[{}]"]
    lines = []
    for (start, _), form, (speaker, words) in zip(times, forms, TURNS, strict=True):
        whole = int(start)
        stamp = f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{round((start - whole) * 1000):03d}"
        lines.append(f"{form.format(stamp)} {speaker}: {words}")
    file = tmp_path / "interview.txt"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project.import_document(file, informant="I-01", name="ketikan")
    project.link_media("ketikan", audio)
    got = project.turn_times("ketikan")
    starts = [s for s, _ in times]
    assert got["time_start"].tolist() == pytest.approx(starts, abs=1e-3)
    # a marked turn ends where the next begins; the last where the recording ends
    assert got["time_end"].tolist() == pytest.approx(starts[1:] + [times[-1][1]], abs=1e-3)


def test_set_a_turn_s_time_by_hand_and_undo_it(marked):
    marked.set_turn_time("w", 3, 101.5, 110, actor="ana")
    marked.set_turn_time("w", 1, 10.0, actor="ana")
    times = marked.turn_times("w")
    assert times["time_start"].tolist() == [4.0, 10.0, 83.0, 101.5]
    # a hand-set start without an end ends where the next turn starts
    assert times["time_end"].tolist() == [9.0, 83.0, 100.0, 110.0]
    assert marked.history()["description"].iloc[0] == "set turn 1 of w to 00:00:10"
    marked.undo("ana")
    assert marked.turn_times("w")["time_start"].tolist() == [4.0, 9.0, 83.0, 101.5]
    marked.set_turn_time("w", 3, 102, actor="ana")  # again: replaces
    assert marked.turn_times("w").loc[3, ["time_start"]].tolist() == [102.0]
    assert pd.isna(marked.turn_times("w").loc[3, "time_end"])


@pytest.mark.parametrize("args, fragments", [
    ((7, 1.0), ["turn must be a turn index from 0 to 3", "got 7"]),
    ((-1, 1.0), ["turn must be", "got -1"]),
    ((1, -2.0), ["start time must be a number of seconds >= 0", "-2.0"]),
    ((1, "soon"), ["start time", "'soon'"]),
    ((1, float("nan")), ["start time"]),
    ((1, 5.0, 5.0), ["end time must be after the start time (5 s)"]),
    ((1, 5.0, float("inf")), ["end time must be a number"]),
])
def test_bad_turn_times_are_refused_and_change_nothing(marked, args, fragments):
    assert_refused(marked, lambda: marked.set_turn_time("w", *args), InputError, *fragments)


def test_codings_carry_their_passage_s_time_range_into_the_exports(marked, tmp_path):
    text = marked.document("w")["text"]
    one = text.index("Jarang sekali")
    two = text.index("Datanya sudah sesuai?") + len("Datanya")
    marked.add_coding("w", one, two, "A", coder="rina")  # turns 1 to 2
    header = text.index("Maret")
    marked.add_coding("w", header, header + 5, "B", coder="rina")  # the header: no turn, no time
    codings = export_table(marked, "codings").frame.sort_values("start")
    assert codings[["code", "time_start", "time_end"]].astype(object).where(codings.notna(), None).values.tolist() \
        == [["B", None, None], ["A", 9.0, 100.0]]
    assert "time_start" not in export_table(marked, "quotes").frame.columns  # only when asked
    quotes = export_table(marked, "quotes", times=True)
    rows = quotes.frame.astype(object).where(quotes.frame.notna(), None)
    assert rows[["code", "time_start", "time_end"]].values.tolist() == [["A", 9.0, 100.0], ["B", None, None]]
    assert "seconds into the recording" in quotes.notes
    transcript = export_table(marked, "transcript", document="w").frame
    # line by line, written out from MARKED: the header lines have no time, each turn's lines its turn's
    assert transcript["time_start"].astype(object).where(transcript["time_start"].notna(), None).tolist() == \
        [None, None, 4.0, 9.0, 9.0, 83.0, 100.0, None]
    # an untimed document: blank columns
    untimed = one_document_project(tmp_path / "plain.qualcode", "P: Halo.\n\nI: Ya.\n")
    with Project.open(untimed) as p:
        p.add_coding("w", 3, 8, "A", coder="rina")
        frame = export_table(p, "codings").frame
        assert frame["time_start"].isna().all() and frame["time_end"].isna().all()
        assert "time_start" not in export_table(p, "quotes", times=True).frame.columns  # no empty columns
        assert list(export_table(p, "transcript", document="w").frame.columns) == ["line", "text", "codes"]
