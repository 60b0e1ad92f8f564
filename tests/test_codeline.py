"""Code lines: the marks drawn are the project's codings (read here with sqlite3), placed on turns found here
from the document's text, with the right speakers; a group stacks exactly its documents; coders and bad input."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from qualcode.analysis.codeline import family_colors, first_words, place_codings, turn_numbers
from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project
from qualcode.project.codeline import codeline_chart, codeline_data, codeline_documents, codeline_turns

from .conftest import one_document_project

CODINGS = """
SELECT x.id, k.key, c.name, x.start, x.end, d.name FROM codings x JOIN codes k ON k.id = x.code_id
JOIN coders c ON c.id = x.coder_id JOIN documents d ON d.id = x.document_id WHERE d.name = ? ORDER BY x.id
"""
LABEL = re.compile(r"^(Pewawancara|Informan|P|I|Q|A|Interviewer|Informant):", re.MULTILINE)


def query(path: Path, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def text_turns(text: str) -> list[tuple[int, str]]:
    """(start, speaker) of each turn, found from the text: a line beginning with a speaker's label, after the
    header (a first paragraph giving the date: its "Informan:" line names the informant, it is no turn)."""
    head = text.split("\n\n", 1)[0]
    body = len(head) if re.search(r"^(Tanggal|Date):", head, re.MULTILINE) else 0
    return [(m.start(), m.group(1)) for m in LABEL.finditer(text, body)]


def turn_at(turns: list[tuple[int, str]], position: int) -> tuple[int, str | None]:
    """The turn (from 1; 0 before the first) whose label comes last at or before ``position``, and its speaker."""
    number, speaker = 0, None
    for n, (start, who) in enumerate(turns, 1):
        if start <= position:
            number, speaker = n, who
    return number, speaker


@pytest.fixture(scope="module")
def demo(demo_path) -> Project:
    with Project.open(demo_path) as p:
        yield p


def test_marks_are_the_codings_on_turns_found_from_the_text(demo, demo_path):
    name = "I-05 Bappeda"
    marks = codeline_data(demo, documents=[name])
    rows = query(demo_path, CODINGS, name)
    assert len(rows) > 20
    assert sorted(marks["coding_id"]) == [r[0] for r in rows]
    by_id = marks.set_index("coding_id")
    (text,) = query(demo_path, "SELECT text FROM documents WHERE name = ?", name)[0]
    turns = text_turns(text)
    assert len(turns) == len(codeline_turns(demo, documents=[name])) > 10
    for coding_id, code, coder, start, end, document in rows:
        mark = by_id.loc[coding_id]
        assert (mark["code"], mark["coder"], mark["start"], mark["end"], mark["document"]) == \
            (code, coder, start, end, document)
        first, speaker = turn_at(turns, start)
        last, _ = turn_at(turns, end - 1)
        assert (mark["start_turn"], mark["end_turn"], mark["speaker"]) == (first, last, speaker)
    # the marks come in reading order
    assert list(marks["start"]) == sorted(marks["start"])


def test_turns_and_their_speakers_as_the_text_has_them(demo, demo_path):
    name = "I-01 Ketua LKS"
    (text,) = query(demo_path, "SELECT text FROM documents WHERE name = ?", name)[0]
    turns = codeline_turns(demo, documents=[name])
    expected = text_turns(text)
    assert list(turns["turn"]) == list(range(1, len(expected) + 1))
    assert list(zip(turns["start"], turns["speaker"], strict=True)) == expected
    assert set(turns["speaker"]) == {"Pewawancara", "Informan"}  # the interviewer's turns and the informant's


def test_colours_are_the_codebooks(demo, demo_path):
    marks = codeline_data(demo, documents=["I-02 TKSK Kecamatan"])
    colours = dict(query(demo_path, "SELECT key, color FROM codes"))
    assert all(colour == colours[code] for code, colour in zip(marks["code"], marks["color"], strict=True))
    names = dict(query(demo_path, "SELECT key, name FROM codes"))
    assert all(label == f"{code} {names[code]}" for code, label in zip(marks["code"], marks["code_label"],
                                                                        strict=True))


def test_a_group_stacks_exactly_its_documents(demo, demo_path):
    expected = query(demo_path, """SELECT d.name FROM documents d JOIN informants i ON i.id = d.informant_id
                                   JOIN groups g ON g.id = i.group_id WHERE g.key = 'agency'
                                   ORDER BY i.key, d.name""")
    chosen = codeline_documents(demo, group="agency")
    assert list(chosen["name"]) == [r[0] for r in expected]
    marks = codeline_data(demo, group="agency")
    all_ids = query(demo_path, """SELECT x.id FROM codings x JOIN documents d ON d.id = x.document_id
                                  JOIN informants i ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
                                  WHERE g.key = 'agency'""")
    assert sorted(marks["coding_id"]) == sorted(r[0] for r in all_ids)
    # stacked in the group's order, each document's marks together
    order = [r[0] for r in expected]
    assert list(dict.fromkeys(marks["document"])) == order
    chart = codeline_chart(demo, group="agency").to_dict()
    titles = [panel["title"]["text"] for panel in chart["vconcat"]]
    assert [t.split(" (")[0] for t in titles] == order
    assert all("Related agencies" in t for t in titles)


def test_documents_in_the_order_given_and_the_first_by_default(demo, demo_path):
    names = ["I-09 Kepala Dinas", "I-02 TKSK Kecamatan"]
    assert list(dict.fromkeys(codeline_data(demo, documents=names)["document"])) == names
    first = query(demo_path, "SELECT name FROM documents ORDER BY id LIMIT 1")[0][0]
    assert set(codeline_data(demo)["document"]) == {first}


def test_coder_filter(demo, demo_path):
    name = "I-01 Ketua LKS"
    budi = codeline_data(demo, documents=[name], coders=["budi"])
    rows = [r for r in query(demo_path, CODINGS, name) if r[2] == "budi"]
    assert sorted(budi["coding_id"]) == [r[0] for r in rows] and rows
    assert set(budi["coder"]) == {"budi"}


def test_a_document_without_turns(demo, demo_path):
    name = "OBS-01 Rapat koordinasi SPM"
    marks = codeline_data(demo, documents=[name])
    assert len(marks) == len(query(demo_path, CODINGS, name)) > 0
    assert marks["start_turn"].isna().all() and marks["speaker"].isna().all()
    assert codeline_turns(demo, documents=[name]).empty
    title = codeline_chart(demo, documents=[name]).to_dict()["vconcat"][0]["title"]["text"]
    assert "no speaker turns" in title


def test_a_document_without_codings_shows_its_turns(tmp_path):
    text = "P: Apa kabar?\nI: Baik sekali.\nP: Lalu?\nI: Sudah.\n"
    path = one_document_project(tmp_path / "p.qualcode", text)
    with Project.open(path) as p:
        assert codeline_data(p).empty
        turns = codeline_turns(p)
        assert list(turns["speaker"]) == ["P", "I", "P", "I"]
        assert list(turns["start"]) == [m.start() for m in LABEL.finditer(text)]
        spec = codeline_chart(p).to_dict()
        assert "no codings" in spec["vconcat"][0]["title"]["text"]
        p.add_coding("w", text.index("Baik"), text.index("Lalu"), "B", "rina")  # spans turns 2 and 3
        mark = codeline_data(p).iloc[0]
        assert (mark["start_turn"], mark["end_turn"], mark["speaker"]) == (2, 3, "I")


def test_bad_input_names_the_value(demo):
    with pytest.raises(NotFoundError, match="nope"):
        codeline_data(demo, documents=["nope"])
    with pytest.raises(NotFoundError, match="'elders'"):
        codeline_data(demo, group="elders")
    with pytest.raises(NotFoundError, match="zed"):
        codeline_data(demo, coders=["zed"])
    with pytest.raises(InputError, match="'page'"):
        codeline_data(demo, x="page")
    with pytest.raises(InputError, match="not both"):
        codeline_data(demo, documents=["I-01 Ketua LKS"], group="agency")
    with pytest.raises(InputError, match="named twice"):
        codeline_data(demo, documents=["I-01 Ketua LKS", "I-01 Ketua LKS"])


def test_an_empty_project(tmp_path):
    with Project.create(tmp_path / "e.qualcode") as p:
        assert codeline_data(p).empty and codeline_turns(p).empty
        with pytest.raises(InputError, match="no documents"):
            codeline_chart(p)


def test_the_chart_draws_every_mark_and_turn(demo, demo_path):
    name = "I-03 Karang Taruna"
    spec = codeline_chart(demo, documents=[name], title="T").to_dict()
    band, marks = spec["vconcat"][0]["layer"]
    values = lambda layer: spec["datasets"][layer["data"]["name"]]  # noqa: E731 - Altair keeps data apart
    drawn = {v["coding_id"]: v for v in values(marks)}
    rows = query(demo_path, CODINGS, name)
    assert sorted(drawn) == [r[0] for r in rows]
    (text,) = query(demo_path, "SELECT text FROM documents WHERE name = ?", name)[0]
    turns = text_turns(text)
    for coding_id, code, _, start, end, _ in rows:
        # by turn, a mark covers its first to its last turn
        assert drawn[coding_id]["x"] == pytest.approx(turn_at(turns, start)[0] - 0.45)
        assert drawn[coding_id]["x2"] == pytest.approx(turn_at(turns, end - 1)[0] + 0.45)
        assert drawn[coding_id]["code"] == code
    assert [v["speaker"] for v in values(band)] == [s for _, s in turns]
    assert spec["params"][0]["name"] == "mark" and spec["params"][0]["select"]["fields"] == ["coding_id"]
    assert spec["title"]["text"] == "T"


def test_pure_helpers():
    assert turn_numbers([5, 9], [0, 5, 8, 9, 100]).tolist() == [0, 1, 1, 2, 2]
    assert first_words("a b c d", 2) == "a b…" and first_words(None) == ""
    colours = family_colors(["A", "A.1", "B", "B.1"], {"A.1": "A", "B.1": "B"}, {"A": "#111111", "B.1": "#222222"})
    assert colours == {"A": "#111111", "A.1": "#111111", "B": "#56B4E9", "B.1": "#222222"}
    placed = place_codings(pd.DataFrame({"document_id": [1, 1, 2], "start": [0, 12, 3], "end": [4, 30, 5]}),
                           pd.DataFrame({"document_id": [1, 1], "start": [10, 20], "speaker": ["P", "I"]}))
    assert placed["start_turn"].tolist()[:2] == [0, 1] and placed["end_turn"].tolist()[:2] == [0, 2]
    assert placed["speaker"].isna().tolist() == [True, False, True]
