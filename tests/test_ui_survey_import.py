"""The Project page's "Import a survey" section through AppTest: upload a Qualtrics-style CSV, preview it, pick
the columns and kinds, import; the informants, attributes and answers in SQLite are what the test wrote; a
refused file leaves the project unchanged; Bahasa Indonesia; an XLSX with several sheets offers a sheet picker;
an SPSS file's value labels are what the preview shows and the import writes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page

HEADER = ["StartDate", "Status", "ResponseId", "Q1_age", "Q2_region", "Q3_open", "Q4_open"]
QUESTIONS = ["StartDate", "Response Type", "Response ID", "How old are you?", "Where do you live?",
             "What helps your village most?", "What should the office change?"]
RESPONDENTS = [
    ["2024-05-01 10:00:00", "IP Address", "R_001", "34", "urban",
     'Posyandu, karena "kader" rajin datang\ndan ramah.', "Jam buka lebih panjang."],
    ["2024-05-01 11:00:00", "IP Address", "R_002", "51", "rural", "Jalan desa, sekolah.", ""],
    ["2024-05-02 09:30:00", "IP Address", "R_003", "28", "urban", "Bantuan tunai; cepat cair.",
     "Informasi, lewat WA grup."],
    ["2024-05-02 12:15:00", "IP Address", "R_004", "45", "rural", "", "Petugas datang ke desa."],
]


def qualtrics_csv() -> bytes:
    """A Qualtrics export as its users download it: the header, the question texts, the ImportId row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerow(QUESTIONS)
    writer.writerow([json.dumps({"ImportId": f"QID{n}"}) for n in range(len(HEADER))])
    writer.writerows(RESPONDENTS)
    return out.getvalue().encode("utf-8")


def page(path: Path, lang: str = "en") -> AppTest:
    return open_page("project", path, lang, coder="rina")


def upload(at: AppTest, name: str, content: bytes, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="si_file_0").set_value((name, content, mime))
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def successes(at: AppTest) -> list[str]:
    return [s.value.replace("\\", "") for s in at.success]  # as read: the notices are Markdown-escaped


def db_rows(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    tables = ["groups", "informants", "documents", "survey_answers", "attribute_types", "events"]
    return {t: db_rows(path, f"SELECT * FROM {t} ORDER BY id") for t in tables}


@pytest.fixture
def study(tmp_path) -> Path:
    path = tmp_path / "survei.qualcode"
    with Project.create(path, name="Survei") as p:
        p.add_group("warga", "Warga desa")
        p.add_coder("rina")
    return path


def test_empty_state_before_a_file(study):
    at = page(study)
    assert not at.exception
    assert "Upload a survey file to preview it and pick its columns." in [i.value for i in at.info]
    assert "Import survey" not in [b.label for b in at.button]


def test_import_a_qualtrics_csv_with_picked_columns_and_kinds(study):
    at = upload(page(study), "kuesioner.csv", qualtrics_csv())
    assert not at.exception
    assert any(c.value.startswith("Qualtrics export: 4 respondents, 7 columns") for c in at.caption)
    preview = next(d.value for d in at.dataframe if "ResponseId" in d.value.columns)
    assert list(preview.index) == [4, 5, 6, 7]  # the rows as the spreadsheet numbers them, below 3 header rows
    assert list(preview["ResponseId"]) == [r[2] for r in RESPONDENTS]
    assert preview.iloc[0]["Q3_open"] == RESPONDENTS[0][5]

    assert at.selectbox(key="si_id").value == "ResponseId"  # guessed: distinct values, named as an ID
    assert at.radio(key="si_group_mode").value == "fixed"  # the project has a group to offer
    at.multiselect(key="si_questions").set_value(["Q3_open", "Q4_open"])
    at.multiselect(key="si_attributes").set_value(["Q1_age", "Q2_region"]).run()
    # the kinds are suggested from the values: all numbers, and two values used twice each
    assert at.selectbox(key="si_kind_Q1_age").value == "number"
    assert at.selectbox(key="si_kind_Q2_region").value == "category"
    at.selectbox(key="si_kind_Q2_region").set_value("text")
    at.radio(key="si_group_mode").set_value("fixed").run()
    at.selectbox(key="si_group").set_value("warga")
    button(at, "Import survey").click().run()
    assert not at.exception
    assert not at.error
    assert "Survey kuesioner.csv imported: 4 respondents added, 6 answers." in successes(at)
    counts = next(d.value for d in at.dataframe if "Count" in d.value.columns).set_index("What")["Count"]
    assert counts["Respondents added"] == 4 and counts["Answers added"] == 6 and counts["Groups created"] == 0
    assert "Upload a survey file to preview it and pick its columns." not in [i.value for i in at.info]
    assert at.file_uploader(key="si_file_1").value is None  # emptied: a second click imports nothing twice

    informants = db_rows(study, "SELECT i.key, g.key, i.attributes FROM informants i JOIN groups g ON g.id = i.group_id"
                                " ORDER BY i.key")
    assert [(k, g, json.loads(a)) for k, g, a in informants] == [
        (r[2], "warga", {"Q1_age": r[3], "Q2_region": r[4]}) for r in RESPONDENTS]
    assert dict(db_rows(study, "SELECT name, kind FROM attribute_types")) == {"Q1_age": "number", "Q2_region": "text"}
    answers = db_rows(study, "SELECT i.key, a.question, substr(d.text, a.start + 1, a.\"end\" - a.start) "
                             "FROM survey_answers a JOIN documents d ON d.id = a.document_id "
                             "JOIN informants i ON i.id = d.informant_id ORDER BY i.key, a.position")
    expected = [(r[2], q, r[5 + n].strip()) for r in RESPONDENTS for n, q in enumerate(["Q3_open", "Q4_open"])
                if r[5 + n].strip()]
    assert answers == expected
    assert db_rows(study, "SELECT DISTINCT source_file FROM survey_answers") == [("kuesioner.csv",)]


def test_group_from_a_column_creates_groups_and_reimport_lists_changed_answers(study):
    at = upload(page(study), "kuesioner.csv", qualtrics_csv())
    at.multiselect(key="si_questions").set_value(["Q3_open"])
    at.radio(key="si_group_mode").set_value("column").run()
    assert at.selectbox(key="si_group_column").value is None  # no guess: a wrong one would make many groups
    button(at, "Import survey").click().run()
    assert len(at.error) == 1 and db_rows(study, "SELECT count(*) FROM informants") == [(0,)]
    at.selectbox(key="si_group_column").set_value("Q2_region")
    button(at, "Import survey").click().run()
    assert not at.exception and not at.error
    assert sorted(db_rows(study, "SELECT key FROM groups")) == [("rural",), ("urban",), ("warga",)]
    assert dict(db_rows(study, "SELECT i.key, g.key FROM informants i JOIN groups g ON g.id = i.group_id")) == {
        r[2]: r[4] for r in RESPONDENTS}

    changed = [list(r) for r in RESPONDENTS]
    changed[1][5] = "Jalan desa diperbaiki."
    at.file_uploader(key="si_file_1").set_value(("kuesioner.csv", _csv(changed), "text/csv")).run()
    at.multiselect(key="si_questions").set_value(["Q3_open"])
    at.radio(key="si_group_mode").set_value("column").run()
    at.selectbox(key="si_group_column").set_value("Q2_region")
    button(at, "Import survey").click().run()
    assert not at.exception and not at.error
    counts = next(d.value for d in at.dataframe if "Count" in d.value.columns).set_index("What")["Count"]
    assert counts["Respondents added"] == 0 and counts["Skipped (already imported from this file)"] == 3
    # R_004 answered no question imported: no document, so nothing of theirs was imported from this file
    table = next(d.value for d in at.dataframe if "Imported before" in d.value.columns)
    assert table.values.tolist() == [["R_002", "Q3_open", RESPONDENTS[1][5], "Jalan desa diperbaiki."]]
    assert ("Jalan desa, sekolah.",) in db_rows(
        study, "SELECT substr(d.text, a.start + 1, a.\"end\" - a.start) FROM survey_answers a "
               "JOIN documents d ON d.id = a.document_id")  # the coded text is kept


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([HEADER, QUESTIONS, [json.dumps({"ImportId": f"QID{n}"}) for n in range(len(HEADER))], *rows])
    return out.getvalue().encode("utf-8")


def test_a_refused_value_names_row_and_column_and_leaves_the_project_unchanged(study):
    rows = [list(r) for r in RESPONDENTS]
    rows[2][3] = "twenty-eight"  # not a number, in the file's row 6
    before = snapshot(study)
    at = upload(page(study), "kuesioner.csv", _csv(rows))
    at.selectbox(key="si_id").set_value("ResponseId")
    at.multiselect(key="si_questions").set_value(["Q3_open"])
    at.multiselect(key="si_attributes").set_value(["Q1_age"]).run()
    assert at.selectbox(key="si_kind_Q1_age").value == "text"  # not all numbers: text is suggested
    at.selectbox(key="si_kind_Q1_age").set_value("number")
    at.radio(key="si_group_mode").set_value("fixed").run()
    button(at, "Import survey").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 1
    shown = errors[0].replace("\\", "")  # Markdown-escaped
    assert "kuesioner.csv" in shown and "row 6" in shown and "'Q1_age'" in shown
    assert "twenty-eight" in shown and "/tmp" not in shown
    assert snapshot(study) == before
    assert at.file_uploader(key="si_file_0").value is not None  # kept, to fix the choice and try again


def test_a_file_that_cannot_be_read_is_reported_in_place(study):
    at = upload(page(study), "kosong.csv", b"")
    assert not at.exception
    assert len(at.error) == 1
    assert at.error[0].value.replace("\\", "") == "kosong.csv: file is empty (0 bytes)"
    assert "Import survey" not in [b.label for b in at.button]


def test_an_xlsx_with_several_sheets_offers_the_sheet(study, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["note"])
    book.active.append(["exported on Monday"])
    data = book.create_sheet("Responses")
    data.append(["id", "umur", "jawaban"])
    data.append(["A1", 30, "Cukup baik."])
    data.append(["A2", 41, "Perlu perbaikan."])
    target = tmp_path / "survei.xlsx"
    book.save(target)
    at = upload(page(study), "survei.xlsx", target.read_bytes(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert at.selectbox(key="si_sheet").options == ["Notes", "Responses"]
    at.selectbox(key="si_sheet").set_value("Responses").run()
    assert any(c.value.startswith("Excel workbook: 2 respondents, 3 columns") for c in at.caption)
    at.selectbox(key="si_id").set_value("id")
    at.multiselect(key="si_questions").set_value(["jawaban"])
    at.radio(key="si_group_mode").set_value("fixed").run()
    button(at, "Import survey").click().run()
    assert not at.exception and not at.error
    assert db_rows(study, "SELECT key FROM informants ORDER BY key") == [("A1",), ("A2",)]


def test_bahasa_indonesia(study):
    at = upload(page(study, "id"), "kuesioner.csv", qualtrics_csv())
    assert not at.exception
    assert "Impor survei" in [s.value for s in at.subheader]
    assert any(c.value.startswith("Ekspor Qualtrics: 4 responden, 7 kolom") for c in at.caption)
    at.selectbox(key="si_id").set_value("ResponseId")
    at.multiselect(key="si_questions").set_value(["Q3_open"])
    at.radio(key="si_group_mode").set_value("fixed").run()
    assert at.radio(key="si_group_mode").options == ["Dari sebuah kolom", "Satu kelompok yang ada untuk semua"]
    button(at, "Impor survei").click().run()
    assert not at.exception
    assert "Survei kuesioner.csv diimpor: 4 responden ditambahkan, 3 jawaban." in successes(at)


def test_an_spss_file_shows_value_labels_and_imports_them(study, tmp_path):
    frame = pd.DataFrame({"resp": ["S1", "S2", "S3", "S4"], "gender": [1.0, 2.0, 2.0, 1.0],
                          "q1": ["Cepat.", "Lambat, berbelit.", "", "Ramah sekali."]})
    target = tmp_path / "bansos.sav"
    pyreadstat.write_sav(frame, str(target), column_labels=["Respondent", "Gender", "What works well?"],
                         variable_value_labels={"gender": {1.0: "Female", 2.0: "Male"}})
    at = upload(page(study), "bansos.sav", target.read_bytes(), "application/octet-stream")
    assert not at.exception
    assert any(c.value.startswith("SPSS file: 4 respondents, 3 columns") for c in at.caption)
    preview = next(d.value for d in at.dataframe if "gender" in d.value.columns)
    assert list(preview["gender"]) == ["Female", "Male", "Male", "Female"]  # the labels, not the codes
    assert at.selectbox(key="si_id").value == "resp"  # distinct values and a respondent's name
    at.multiselect(key="si_questions").set_value(["q1"])
    at.multiselect(key="si_attributes").set_value(["gender"]).run()
    assert at.selectbox(key="si_kind_gender").value == "category"
    button(at, "Import survey").click().run()
    assert not at.exception and not at.error
    rows = db_rows(study, "SELECT key, attributes FROM informants ORDER BY key")
    assert [(k, json.loads(a)) for k, a in rows] == [("S1", {"gender": "Female"}), ("S2", {"gender": "Male"}),
                                                     ("S3", {"gender": "Male"}), ("S4", {"gender": "Female"})]
    assert [(n, json.loads(c)) for n, c in db_rows(study, "SELECT name, categories FROM attribute_types")] == [
        ("gender", ["Female", "Male"])]
