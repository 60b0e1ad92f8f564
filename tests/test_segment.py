"""Speaker turns from common transcript forms, and sentences from spaCy's sentencizer."""

from __future__ import annotations

import pytest

from qualcode.errors import InputError
from qualcode.segment import detect_turns, pipeline, segment


def turns_of(text):
    return [(t.speaker, text[t.start:t.end]) for t in detect_turns(text)]


def test_short_labels_p_i():
    text = "P: Apa peran Bapak?\nI: Saya TKSK.\nP: Sejak kapan?\nI: Sejak 2015."
    assert turns_of(text) == [("P", "P: Apa peran Bapak?"), ("I", "I: Saya TKSK."),
                              ("P", "P: Sejak kapan?"), ("I", "I: Sejak 2015.")]


def test_pewawancara_and_numbered_informan():
    text = "Pewawancara: Selamat pagi.\n\nInforman 3: Pagi, silakan.\n\nPewawancara: Terima kasih."
    assert [s for s, _ in turns_of(text)] == ["Pewawancara", "Informan 3", "Pewawancara"]


def test_timestamped_names():
    text = "[00:01:23] Pewawancara: Mulai ya.\n[00:01:40] Kepala Dinas: Silakan.\n(00:02:05) Kepala Dinas: Jadi..."
    turns = detect_turns(text)
    assert [t.speaker for t in turns] == ["Pewawancara", "Kepala Dinas", "Kepala Dinas"]
    assert [t.meta["start_time"] for t in turns] == [83.0, 100.0, 125.0]
    assert text[turns[1].meta["speech_start"]:turns[1].end] == "Silakan."


def test_q_and_a():
    text = "Q: How long have you worked here?\n\nA: About six years.\nI started in 2015.\n\nQ: And before?"
    turns = turns_of(text)
    assert turns[1] == ("A", "A: About six years.\nI started in 2015.")


def test_header_block_is_not_a_turn():
    text = "Transkrip Wawancara\nInforman: I-01\nTanggal: 1 Maret\n\nPewawancara: Halo.\n\nInforman: Halo juga."
    assert [s for s, _ in turns_of(text)] == ["Pewawancara", "Informan"]


def test_prose_without_labels_has_no_turns():
    text = "Catatan observasi.\n\nRapat dimulai pukul 09.00: peserta hadir 20 orang. Notulen dibacakan."
    assert detect_turns(text) == []
    units = segment(text, "id")
    assert all(u.kind == "sentence" for u in units)
    assert [text[u.start:u.end] for u in units][0] == "Catatan observasi."


def test_a_single_unknown_label_is_not_a_speaker():
    assert detect_turns("Catatan: ini bukan wawancara.\nTeks biasa di sini.") == []


def test_sentences_exclude_labels_and_carry_speaker():
    text = "P: Apa kabar? Semoga baik.\n\nI: Baik, Bu. Terima kasih."
    units = segment(text, "id")
    sentences = [(u.speaker, text[u.start:u.end]) for u in units if u.kind == "sentence"]
    assert sentences == [("P", "Apa kabar?"), ("P", "Semoga baik."), ("I", "Baik, Bu."), ("I", "Terima kasih.")]
    assert [u.idx for u in units if u.kind == "sentence"] == [0, 1, 2, 3]


@pytest.mark.parametrize("language", ["id", "en", "fr", "de", "nl"])
def test_pipelines_for_languages(language):
    nlp = pipeline(language)
    assert "sentencizer" in nlp.pipe_names
    assert len(list(nlp("One. Two.").sents)) == 2


def test_unknown_iso_code_falls_back_to_multilanguage():
    assert pipeline("zz").lang == "xx"


def test_invalid_language_is_an_error():
    with pytest.raises(InputError, match="ISO 639"):
        pipeline("Bahasa Indonesia")
