"""Subtitle import: cues become speaker turns with exact offsets and times."""

from __future__ import annotations

import tempfile
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.ingest import read_document
from qualcode.ingest.base import ParsedDocument

from .conftest import refused

VTT = """WEBVTT
Kind: captions

NOTE dibuat oleh Teams
baris kedua catatan

STYLE
::cue { color: yellow }

1
00:00:01.000 --> 00:00:04.500 align:start position:10%
<v Pewawancara>Selamat pagi, Bu.</v>

2
00:00:04.500 --> 00:00:07.250
<v Pewawancara>Bagaimana <i>pelayanan</i> dasar?</v>

00:00:08.000 --> 00:00:12.000
<v.loud Informan I-07>Menurut saya &amp; tim,
sudah &lt;cukup&gt; <b>baik</b> 😀</v>

00:12.000 --> 00:15.500
<v Informan I-07><c.yellow>terima</c> kasih</v>

00:00:16.000 --> 00:00:18.000
<v Pewawancara>Baik, terima kasih.
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def assert_units_are_paragraphs(doc: ParsedDocument) -> None:
    """Each turn spans exactly its paragraph, label included, no trailing newline."""
    paragraphs = doc.text.split("\n\n")
    assert len(doc.units) == len(paragraphs)
    for unit, paragraph in zip(doc.units, paragraphs, strict=True):
        assert unit.kind == "turn"
        assert doc.text[unit.start : unit.end] == paragraph
        if unit.speaker:
            assert paragraph.startswith(f"{unit.speaker}: ")


def test_vtt_voice_tags_and_same_speaker_merging(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "wawancara.vtt", VTT))
    assert doc.text == (
        "Pewawancara: Selamat pagi, Bu. Bagaimana pelayanan dasar?\n\n"
        "Informan I-07: Menurut saya & tim, sudah <cukup> baik 😀 terima kasih\n\n"
        "Pewawancara: Baik, terima kasih."
    )
    assert [unit.speaker for unit in doc.units] == ["Pewawancara", "Informan I-07", "Pewawancara"]
    assert [unit.meta for unit in doc.units] == [
        {"start_time": 1.0, "end_time": 7.25, "cues": 2},
        {"start_time": 8.0, "end_time": 15.5, "cues": 2},
        {"start_time": 16.0, "end_time": 18.0, "cues": 1},
    ]
    assert_units_are_paragraphs(doc)
    assert doc.metadata == {"encoding": "utf-8", "format": "webvtt", "cues": 5}


def test_vtt_cues_without_speaker(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nHalo&nbsp;semua\n\n00:02.000 --> 00:03.000\n<v Ani>Halo.\n"
    doc = read_document(write(tmp_path, "tanpa.vtt", text))
    assert doc.text == "Halo\u00a0semua\n\nAni: Halo."
    assert [unit.speaker for unit in doc.units] == [None, "Ani"]
    assert_units_are_paragraphs(doc)


SRT = (
    "1\r\n00:00:01,000 --> 00:00:03,500\r\nPewawancara: Apa kabar?\r\n\r\n"
    "2\r\n00:00:03,500 --> 00:00:06,000\r\nInforman: Baik.\r\nTerima kasih.\r\n\r\n"
    "3\r\n00:00:06,000 --> 00:00:08,250\r\nInforman: Pelayanan dasar <i>sudah</i> jalan.\r\n\r\n"
    "4\r\n00:00:09,000 --> 00:00:10,000\r\nTanpa label.\r\n"
)


def test_srt_name_labels_and_comma_decimals(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "rekaman.srt", SRT))
    assert doc.text == (
        "Pewawancara: Apa kabar?\n\n"
        "Informan: Baik. Terima kasih. Pelayanan dasar sudah jalan.\n\n"
        "Tanpa label."
    )
    assert [(u.speaker, u.meta["start_time"], u.meta["end_time"], u.meta["cues"]) for u in doc.units] == [
        ("Pewawancara", 1.0, 3.5, 1),
        ("Informan", 3.5, 8.25, 2),
        (None, 9.0, 10.0, 1),
    ]
    assert_units_are_paragraphs(doc)
    assert doc.metadata["format"] == "srt"


def test_srt_in_cp1252(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nInforman: “Sudah baik” — kata Bu André.\n"
    doc = read_document(write(tmp_path, "lama.srt", text, encoding="cp1252"))
    assert doc.text == "Informan: “Sudah baik” — kata Bu André."
    assert doc.metadata["encoding"] == "cp1252"


def test_malformed_timestamp_names_the_line(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:03,500\nHalo.\n\n2\n00:00:04,000 --> 00:00:xx,500\nLagi.\n"
    refused(write(tmp_path, "salah.srt", text), "line 6", "malformed timestamp")


def test_timestamp_without_milliseconds_is_malformed(tmp_path: Path) -> None:
    refused(write(tmp_path, "salah.vtt", "WEBVTT\n\n00:00:01 --> 00:00:02\nHalo\n"), "line 3", "malformed timestamp")


def test_cue_ending_before_it_starts(tmp_path: Path) -> None:
    refused(write(tmp_path, "mundur.srt", "1\n00:00:05,000 --> 00:00:02,000\nHalo\n"), "line 2", "ends")


def test_text_outside_a_cue_names_the_line(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nHalo.\n\nteks nyasar\n"
    refused(write(tmp_path, "nyasar.srt", text), "line 5", "outside a cue")


def test_missing_blank_line_between_cues(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nHalo.\n2\n00:00:02,000 --> 00:00:03,000\nLagi.\n"
    refused(write(tmp_path, "rapat.srt", text), "line 5")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("catatan.srt", "Ini hanya catatan wawancara, bukan subtitle.\n"),
        ("kosong.vtt", "WEBVTT\n\nNOTE hanya catatan\n"),
        ("tanpa-teks.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n"),
    ],
)
def test_no_cues(tmp_path: Path, name: str, text: str) -> None:
    refused(write(tmp_path, name, text), "no subtitle cues were found")


_NAMES = st.sampled_from(["Ani", "Budi Santoso", "I-07", None])
_WORDS = st.text(st.characters(whitelist_categories=("L", "N", "So")), min_size=1, max_size=12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(_NAMES, st.lists(_WORDS, min_size=1, max_size=4)), min_size=1, max_size=12))
def test_turn_offsets_always_match_paragraphs(cues: list[tuple[str | None, list[str]]]) -> None:
    lines = ["WEBVTT", ""]
    for second, (speaker, words) in enumerate(cues):
        voice = f"<v {speaker}>" if speaker else ""
        lines += [f"00:00:{second:02d}.000 --> 00:00:{second:02d}.900", voice + " ".join(words), ""]
    with tempfile.TemporaryDirectory() as folder:
        doc = read_document(_write_in(folder, "\n".join(lines)))
    assert_units_are_paragraphs(doc)
    changes = 1 + sum(1 for a, b in pairwise(cues) if a[0] != b[0])
    assert len(doc.units) == changes
    assert sum(unit.meta["cues"] for unit in doc.units) == len(cues)


def _write_in(folder: str, text: str) -> Path:
    path = Path(folder) / "p.vtt"
    path.write_text(text, encoding="utf-8")
    return path
