"""Offsets: for every unit and coding, text[start:end] is exactly its text, whatever the input bytes.

Random texts mix ASCII, Indonesian words, emoji and other non-BMP characters, CRLF and lone CR line
ends and a BOM; they are written as UTF-8, UTF-8 with BOM or UTF-16, imported through the real
importer, spaCy segmentation and SQLite, then read back.
"""

from __future__ import annotations

import itertools
import sqlite3

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from qualcode.codebook import Code, Codebook
from qualcode.ingest.base import normalize_text
from qualcode.project import CodingSpec, Project

PIECES = st.sampled_from([
    "P: ", "I: ", "Pewawancara: ", "Informan 2: ", "[00:01:23] Kepala Dinas: ", "Q: ", "A: ",
    "data", "DTKS", "warga", "belum", "sesuai.", "Ya.", "kenapa?", "koordinasi!", " ", "  ", "\t",
    "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "😀", "👩🏽‍⚕️", "𝔘𝔫𝔦", "𠜎", "é", "e\u0301", "ñ", "—", "“kutip”",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(min_size=1, max_size=6)), min_size=1, max_size=60).map("".join)
counter = itertools.count()


def _encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        return text.encode("utf-16")  # with BOM
    return text.encode("utf-8")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXTS, encoding=st.sampled_from(["utf-8", "utf-8-bom", "utf-16"]), data=st.data())
def test_units_and_codings_slice_exactly(tmp_path, text, encoding, data):
    # The importer refuses texts that hold no words or look binary; keep what a transcript could be.
    assume(text.strip() and "\ufeff" not in text)
    assume(not any((ord(c) < 32 and c not in "\t\n\r") or c == "\x7f" for c in text))
    assume(not any(0xD800 <= ord(c) <= 0xDFFF for c in text))
    n = next(counter)
    project = Project.create(tmp_path / f"p{n}.qualcode")
    project.load_codebook(Codebook("c", [Code("A", "Alpha")]))
    path = tmp_path / f"doc{n}.txt"
    path.write_bytes(_encode(text, encoding))
    doc = project.import_document(path, source_type="document", language="id", name=f"doc{n}")
    stored = project.document(doc.id)["text"]
    assert stored == normalize_text(text)

    units = project.units(doc.id)
    for unit in units.itertuples():
        piece = stored[unit.start:unit.end]
        assert piece and piece == piece.strip(), (unit.kind, piece)
    sentences = units[units.kind == "sentence"]
    assert sentences["start"].is_monotonic_increasing

    spans = data.draw(st.lists(
        st.tuples(st.integers(0, len(stored) - 1), st.integers(1, len(stored))).map(sorted).filter(
            lambda s: s[0] < s[1]), min_size=1, max_size=5, unique_by=tuple))  # a repeated span is refused
    project.add_codings([CodingSpec(doc.id, s, e, "A", "rina") for s, e in spans])
    codings = project.codings(document=doc.id)
    for row in codings.itertuples():
        assert row.quote == stored[row.start:row.end]
    # SQLite's substr() counts the same code points as Python's slicing.
    assert project.check() == []
    project.close()


def test_crlf_bom_and_emoji_example(project, tmp_path):
    raw = "\ufeffPewawancara: Apa kabar? 😀\r\nInforman: Baik 👩🏽‍⚕️. Data 𠜎 belum sesuai.\rP: Oke."
    path = tmp_path / "crlf.txt"
    path.write_bytes(raw.encode("utf-8"))
    doc = project.import_document(path, informant="I-01")
    text = project.document(doc.id)["text"]
    assert text == "Pewawancara: Apa kabar? 😀\nInforman: Baik 👩🏽‍⚕️. Data 𠜎 belum sesuai.\nP: Oke."
    sentences = [text[u.start:u.end] for u in project.units(doc.id, kind="sentence").itertuples()]
    assert sentences[0] == "Apa kabar?" and sentences[-1] == "Oke."
    assert any(s.endswith("Data 𠜎 belum sesuai.") for s in sentences)
    start = text.index("Data 𠜎")
    cid = project.add_coding(doc.id, start, start + len("Data 𠜎"), "B", "rina")
    assert project.store.coding_by_id(cid)["quote"] == "Data 𠜎"
    # The same offsets read through a plain SQLite connection (code points, not bytes or UTF-16 units).
    conn = sqlite3.connect(project.path)
    assert conn.execute('SELECT substr(d.text, c.start + 1, c."end" - c.start) FROM codings c '
                        "JOIN documents d ON d.id = c.document_id").fetchone()[0] == "Data 𠜎"
    conn.close()


def test_reopened_project_keeps_offsets(project, tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Q: 𝔘𝔫𝔦 code?\r\n\r\nA: Yes 😀 indeed.".encode("utf-16-be").join([b"\xfe\xff", b""]))
    doc = project.import_document(path, source_type="document", language="en")
    text = project.document(doc.id)["text"]
    start = text.index("😀")
    project.add_coding(doc.id, start, start + 1, "A", "rina")
    project.close()
    with Project.open(project.path) as again:
        assert again.codings()["quote"].tolist() == ["😀"]
