"""Survey import: real-shaped files made here (Qualtrics CSV, XLSX with merged headers, SPSS .sav and Stata .dta
with value labels, a cp1252 CSV with quotes and newlines in answers), read back exactly; bad files refused with
the row and column named and the project unchanged; re-import; answers in the matrix and the agreement report."""

from __future__ import annotations

import csv
import datetime as dt
import json

import krippendorff
import openpyxl
import pandas as pd
import pyreadstat
import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.codebook import Code, Codebook
from qualcode.errors import ImportFormatError, InputError, NotFoundError
from qualcode.ingest.survey import read_survey
from qualcode.merge import merge_projects
from qualcode.project import Project
from qualcode.project.surveys import ChangedAnswer

from .conftest import assert_refused

CODES = Codebook("t", [Code("A", "Alpha"), Code("B", "Beta")])


@pytest.fixture
def p(tmp_path):
    with Project.create(tmp_path / "survey.qualcode") as project:
        project.load_codebook(CODES)
        yield project


def frames(project: Project) -> list[pd.DataFrame]:
    return [project.informants(), project.documents(), project.codings(), project.groups(),
            project.attribute_types(), project.survey_answers()]


def assert_unchanged(project: Project, call, error, *fragments: str) -> str:
    """Refused with every fragment in the message; every row of the file, and the API's frames, as before."""
    before = frames(project)
    message = assert_refused(project, call, error, *fragments)
    for old, new in zip(before, frames(project), strict=True):
        pd.testing.assert_frame_equal(old, new)
    return message


def check_answers(project: Project, expected: dict[tuple[str, str], str], labels: dict[str, str]) -> None:
    """The answers the project holds are exactly ``expected`` ((respondent, question) -> text), each the span
    ``text[start:end]`` of its respondent's document, in a turn whose speaker is the question's label."""
    answers = project.survey_answers()
    got = {(r.respondent, r.question): r.answer for r in answers.itertuples()}
    assert got == expected
    for r in answers.itertuples():
        document = project.document(int(r.document_id))
        assert document["text"][r.start:r.end] == expected[(r.respondent, r.question)]
        assert document["source_type"] == "survey"
        turns = project.units(int(r.document_id), kind="turn")
        turn = turns[(turns["start"] <= r.start) & (turns["end"] >= r.end)]
        assert turn["speaker"].tolist() == [labels[r.question]]
        assert (int(turn["start"].iloc[0]), int(turn["end"].iloc[0])) == (r.start, r.end)  # the turn is the answer
        assert document["text"][:r.start].endswith("\n\n" + labels[r.question] + ": ")


def attributes_of(project: Project) -> dict[str, dict[str, str]]:
    return {r.key: r.attributes for r in project.informants().itertuples()}


# -- Must-show 1: real-shaped files ------------------------------------------------------------------------

QUALTRICS_ANSWERS = {
    "R_1a": ("Pelayanan cepat, ramah.", 'Antrian "panjang" sekali\ndi pagi hari', "F", "34"),
    "R_2b": ("Petugasnya sabar; jelas.", "", "M", "51"),
    "R_3c": ("", "Tidak ada", "F", "29"),
}
QUALTRICS_TEXT = {"Q1": "What works well in the service?", "Q2": "What should change?"}


def write_qualtrics(path):
    header = ["StartDate", "EndDate", "Status", "ResponseId", "Finished", "Q1", "Q2", "gender", "age"]
    texts = ["Start Date", "End Date", "Response Type", "Response ID", "Finished", QUALTRICS_TEXT["Q1"],
             QUALTRICS_TEXT["Q2"], "Gender", "Age"]
    ids = [json.dumps({"ImportId": name}) for name in ("startDate", "endDate", "status", "_recordId", "finished",
                                                       "QID1_TEXT", "QID2_TEXT", "QID3", "QID4_TEXT")]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerows([header, texts, ids])
        for rid, (q1, q2, gender, age) in QUALTRICS_ANSWERS.items():
            out.writerow(["2024-03-01 10:00:00", "2024-03-01 10:05:00", "IP Address", rid, "True", q1, q2, gender, age])


def test_qualtrics_csv_extra_header_rows_are_skipped_and_question_texts_label_the_answers(p, tmp_path):
    path = tmp_path / "kepuasan.csv"
    write_qualtrics(path)
    table = read_survey(path)
    assert table.format == "qualtrics" and [r.row for r in table.rows] == [4, 5, 6]

    report = p.import_survey(path, id_column="ResponseId", questions=["Q1", "Q2"],
                             attributes={"gender": "category", "age": "number"}, group_column="gender")

    assert sorted(report.respondents_added) == sorted(QUALTRICS_ANSWERS)
    assert report.answers_added == 4 and len(report.documents_added) == 3 and report.groups_added == ["F", "M"]
    assert attributes_of(p) == {rid: {"gender": v[2], "age": v[3]} for rid, v in QUALTRICS_ANSWERS.items()}
    assert dict(zip(p.informants()["key"], p.informants()["group"], strict=True)) == \
        {rid: v[2] for rid, v in QUALTRICS_ANSWERS.items()}
    expected = {(rid, q): v[i] for rid, v in QUALTRICS_ANSWERS.items() for i, q in enumerate(("Q1", "Q2")) if v[i]}
    check_answers(p, expected, QUALTRICS_TEXT)
    types = p.attribute_types().set_index("name")
    assert types.at["gender", "kind"] == "category" and types.at["gender", "categories"] == ["F", "M"]
    assert types.at["age", "kind"] == "number"
    assert p.check() == []


def test_merge_brings_survey_documents_with_their_questions(p, tmp_path):
    path = tmp_path / "kepuasan.csv"
    write_qualtrics(path)
    p.import_survey(path, id_column="ResponseId", questions=["Q1", "Q2"], attributes=["gender"],
                    group_column="gender")
    with Project.create(tmp_path / "target.qualcode") as target:
        target.load_codebook(CODES)
        for key in p.groups()["key"]:
            target.add_group(key)
        for row in p.informants().itertuples():
            target.add_informant(row.key, row.group, attributes=row.attributes)
        report = merge_projects(target, p.path, include_documents=True)
        assert len(report.documents_imported) == 3
        mine = target.survey_answers().drop(columns=["document_id"])
        theirs = p.survey_answers().drop(columns=["document_id"])
        pd.testing.assert_frame_equal(mine.reset_index(drop=True), theirs.reset_index(drop=True))
        assert len(mine) == 4


def write_merged_xlsx(path):
    """A two-row header: ID and Gender merged down, "Q5 Services" merged across three sub-headers; a second
    sheet whose merged "Q5" has no sub-header."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Responses"
    ws["A1"], ws["B1"], ws["C1"], ws["F1"] = "ID", "Gender", "Q5 Services", "Comment"
    ws["C2"], ws["D2"], ws["E2"] = "Health", "Education", "Roads"
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("C1:E1")
    ws.merge_cells("F1:F2")
    ws.append(["X-01", "F", "Puskesmas jauh", "Sekolah bagus", None, "Terima kasih"])
    ws.append(["X-02", "M", None, None, "Jalan rusak\nparah", None])
    other = book.create_sheet("Wave 2")
    other["A1"], other["B1"] = "ID", "Q5"
    other.merge_cells("B1:C1")
    other.append(["Y-01", "Baik", "Cukup"])
    book.save(path)


def test_xlsx_with_merged_header_cells_names_every_column(p, tmp_path):
    path = tmp_path / "layanan.xlsx"
    write_merged_xlsx(path)
    table = read_survey(path)
    assert table.columns == ["ID", "Gender", "Q5 Services - Health", "Q5 Services - Education", "Q5 Services - Roads",
                             "Comment"]
    assert [r.row for r in table.rows] == [3, 4]
    assert read_survey(path, sheet="Wave 2").columns == ["ID", "Q5", "Q5 (2)"]

    questions = ["Q5 Services - Health", "Q5 Services - Education", "Q5 Services - Roads", "Comment"]
    p.add_group("warga")
    report = p.import_survey(path, id_column="ID", questions=questions, attributes=["Gender"], group="warga")
    assert report.respondents_added == ["X-01", "X-02"] and report.answers_added == 4
    check_answers(p, {("X-01", questions[0]): "Puskesmas jauh", ("X-01", questions[1]): "Sekolah bagus",
                      ("X-01", "Comment"): "Terima kasih", ("X-02", questions[2]): "Jalan rusak\nparah"},
                  {q: q for q in questions})
    assert attributes_of(p) == {"X-01": {"Gender": "F"}, "X-02": {"Gender": "M"}}

    second = p.import_survey(path, id_column="ID", questions=["Q5", "Q5 (2)"], group="warga", sheet="Wave 2")
    assert second.answers_added == 2
    assert p.survey_answers(respondent="Y-01")["answer"].tolist() == ["Baik", "Cukup"]


SAV_FRAME = pd.DataFrame({
    "resp": ["S1", "S2", "S3", "S4"],
    "gender": [1.0, 2.0, 2.0, 1.0],
    "district": [2.0, 1.0, 2.0, 2.0],
    "age": [34.0, 51.0, 29.0, 60.0],
    "visit": [dt.date(2024, 3, 1), dt.date(2024, 3, 2), dt.date(2024, 2, 29), dt.date(2024, 12, 31)],
    "q1": ["Bantuan datang tepat waktu.", "Datanya tidak sesuai. Banyak yang terlewat.", "", "Cukup baik"],
    "q2": ["Perlu sosialisasi", "", "Tidak tahu", "Ya"],
})
SAV_LABELS = {"resp": "Respondent", "gender": "Gender", "district": "District", "age": "Age in years",
              "visit": "Date of the visit",
              "q1": "How was the aid delivered?", "q2": "What would you improve?"}
VALUE_LABELS = {"gender": {1.0: "Female", 2.0: "Male"}, "district": {1.0: "Sleman", 2.0: "Bantul", 3.0: "Kulon Progo"}}


@pytest.mark.parametrize("extension", [".sav", ".dta"])
def test_spss_and_stata_files_keep_value_labels_and_variable_labels(p, tmp_path, extension):
    path = tmp_path / f"bansos{extension}"
    frame = SAV_FRAME.copy()
    if extension == ".sav":
        pyreadstat.write_sav(frame, str(path), column_labels=list(SAV_LABELS.values()),
                             variable_value_labels=VALUE_LABELS)
    else:  # Stata labels whole numbers
        frame[["gender", "district", "age"]] = frame[["gender", "district", "age"]].astype(int)
        labels = {c: {int(k): v for k, v in m.items()} for c, m in VALUE_LABELS.items()}
        pyreadstat.write_dta(frame, str(path), column_labels=list(SAV_LABELS.values()), variable_value_labels=labels)

    # q2 named by its variable label
    report = p.import_survey(path, id_column="resp", questions=["q1", "What would you improve?"],
                             attributes={"gender": "category", "district": "category", "age": "number",
                                         "visit": "date"},
                             group_column="district")

    assert report.respondents_added == ["S1", "S2", "S3", "S4"] and report.groups_added == ["Bantul", "Sleman"]
    assert attributes_of(p) == {
        r.resp: {"gender": VALUE_LABELS["gender"][r.gender], "district": VALUE_LABELS["district"][r.district],
                 "age": str(int(r.age)), "visit": r.visit.isoformat()} for r in SAV_FRAME.itertuples()}
    types = p.attribute_types().set_index("name")
    assert types.at["district", "categories"] == ["Sleman", "Bantul", "Kulon Progo"]  # the value labels' order
    assert types.at["gender", "categories"] == ["Female", "Male"]
    assert types.at["visit", "kind"] == "date" and types.at["age", "kind"] == "number"
    expected = {(r.resp, q): getattr(r, q) for r in SAV_FRAME.itertuples() for q in ("q1", "q2") if getattr(r, q)}
    check_answers(p, expected, {"q1": SAV_LABELS["q1"], "q2": SAV_LABELS["q2"]})
    assert report.answers_added == len(expected)


CP1252_ROWS = [
    ("W1", "Sleman", "Bagus—“sangat” membantu; terima kasih", 'Ia bilang "cukup"\nlalu pergi'),
    ("W2", "Bantul", "Café di kantor desa… ya", ""),
    ("W3", "Sleman", "", "Ñ ok; 50% selesai"),
]


def write_cp1252(path, rows=CP1252_ROWS):
    with path.open("w", encoding="cp1252", newline="") as fh:
        out = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        out.writerow(["nomor", "kabupaten", "pendapat", "saran"])
        out.writerows(rows)


def test_cp1252_csv_with_semicolons_quotes_and_newlines_inside_answers(p, tmp_path):
    path = tmp_path / "warga.csv"
    write_cp1252(path)
    assert path.read_bytes().count(b"\x93") == 1  # really cp1252 (a curly quote), not UTF-8
    table = read_survey(path)
    assert table.metadata["delimiter"] == ";" and table.metadata["encoding"] == "cp1252"
    assert [(r.row, r.line) for r in table.rows] == [(2, 2), (3, 4), (4, 5)]  # W1's answer spans two lines

    report = p.import_survey(path, id_column="nomor", questions=["pendapat", "saran"], group_column="kabupaten")
    assert report.respondents_added == ["W1", "W2", "W3"] and report.answers_added == 4
    expected = {(rid, q): text for rid, _g, *answers in CP1252_ROWS
                for q, text in zip(("pendapat", "saran"), answers, strict=True) if text}
    check_answers(p, expected, {"pendapat": "pendapat", "saran": "saran"})
    assert dict(zip(p.informants()["key"], p.informants()["group"], strict=True)) == \
        {rid: group for rid, group, *_ in CP1252_ROWS}


def test_limesurvey_and_google_forms_headers_are_recognised(tmp_path):
    lime = tmp_path / "lime.csv"
    lime.write_text('"id","submitdate","lastpage","startlanguage","Q1"\n"1","2024-01-01","2","id","Baik"\n',
                    encoding="utf-8")
    forms = tmp_path / "forms.csv"
    forms.write_text("Timestamp\tEmail\tSaran\n2024/01/01 10:00:00\ta@b.id\tLebih cepat\n", encoding="utf-8")
    assert read_survey(lime).format == "limesurvey"
    table = read_survey(forms)
    assert table.format == "google-forms" and table.metadata["delimiter"] == "\t"
    assert table.rows[0].values == {"Timestamp": "2024/01/01 10:00:00", "Email": "a@b.id", "Saran": "Lebih cepat"}


# -- bad files: refused with the row and column named, the project unchanged -------------------------------


def test_bad_files_are_refused_naming_row_and_column_and_nothing_changes(p, tmp_path):
    good = tmp_path / "first.csv"
    write_cp1252(good)
    p.import_survey(good, id_column="nomor", questions=["pendapat", "saran"], group_column="kabupaten")

    duplicate = tmp_path / "dup.csv"
    write_cp1252(duplicate, [*CP1252_ROWS[:2], ("W9", "Sleman", "x", "y"), ("W2", "Bantul", "z", "")])
    assert_unchanged(p, lambda: p.import_survey(duplicate, id_column="nomor", questions=["pendapat"],
                                                group_column="kabupaten"),
                     InputError, "'W2'", "row 3 (line 4)", "row 5 (line 6)", "column 'nomor'")

    bad_number = tmp_path / "age.csv"
    bad_number.write_text("id,age,q\nN1,34,ya\nN2,3,5 tahun,tidak\n", encoding="utf-8")
    assert_unchanged(p, lambda: p.import_survey(bad_number, id_column="id", questions=["q"], group="Sleman",
                                                attributes={"age": "number"}),
                     ImportFormatError, str(bad_number), "row 3", "column 4")

    not_a_number = tmp_path / "age2.csv"
    not_a_number.write_text("id,age,q\nN1,34,ya\nN2,tiga puluh,tidak\n", encoding="utf-8")
    assert_unchanged(p, lambda: p.import_survey(not_a_number, id_column="id", questions=["q"], group="Sleman",
                                                attributes={"age": "number"}),
                     InputError, str(not_a_number), "row 3", "column 'age'", "'tiga puluh'")

    empty_id = tmp_path / "noid.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "kab", "q"])
    book.active.append(["E1", "Sleman", "ya"])
    book.active.append([None, "Bantul", "tidak"])
    book.save(empty_id)
    assert_unchanged(p, lambda: p.import_survey(empty_id, id_column="id", questions=["q"], group_column="kab"),
                     InputError, "row 3", "column 'id'", "empty")

    assert_unchanged(p, lambda: p.import_survey(good, id_column="nomor", questions=["opini"], group="Sleman"),
                     NotFoundError, "question column", "'opini'", "nomor, kabupaten, pendapat, saran")
    corrupt = tmp_path / "broken.sav"
    corrupt.write_bytes(b"$FL2 this is not really SPSS")
    assert_unchanged(p, lambda: p.import_survey(corrupt, id_column="id", questions=["q"], group="Sleman"),
                     ImportFormatError, str(corrupt))
    # an attribute named like an informant column
    clash = tmp_path / "clash.csv"
    clash.write_text("id,role,q\nC1,x,ya\n", encoding="utf-8")
    assert_unchanged(p, lambda: p.import_survey(clash, id_column="id", questions=["q"], group="Sleman",
                                                attributes=["role"]),
                     InputError, "'role' is an informant column")


def test_a_failure_while_writing_rolls_back_every_respondent_before_it(p, tmp_path):
    """Two respondents are written before the third one's document clashes with a document name the project
    has: nothing of the import remains."""
    path = tmp_path / "late.csv"
    path.write_text("id,q\nL1,satu\nL2,dua\nL3,tiga\n", encoding="utf-8")
    p.add_group("g")
    taken = tmp_path / "x.txt"
    taken.write_text("Dokumen lain.\n", encoding="utf-8")
    p.import_document(taken, name="survey late L3")
    assert_unchanged(p, lambda: p.import_survey(path, id_column="id", questions=["q"], group="g"),
                     InputError, "row 4", "survey late L3")


# -- re-import ----------------------------------------------------------------------------------------------


def test_reimport_adds_new_respondents_and_reports_changed_answers_without_overwriting(p, tmp_path):
    path = tmp_path / "warga.csv"
    write_cp1252(path)
    p.import_survey(path, id_column="nomor", questions=["pendapat", "saran"], group_column="kabupaten", actor="sri")
    w1 = p.survey_answers(respondent="W1").set_index("question")
    start, end = int(w1.at["pendapat", "start"]), int(w1.at["pendapat", "end"])
    p.add_coding("survey warga W1", start, end, "A", "rina")
    text_before = p.document("survey warga W1")["text"]

    changed = ("W1", "Sleman", "Sekarang kurang membantu", CP1252_ROWS[0][3])
    write_cp1252(path, [changed, *CP1252_ROWS[1:], ("W4", "Kulon Progo", "Baru", "")])
    report = p.import_survey(path, id_column="nomor", questions=["pendapat", "saran"], group_column="kabupaten")

    assert report.respondents_added == ["W4"] and report.skipped == ["W1", "W2", "W3"]
    assert report.groups_added == ["Kulon Progo"] and report.answers_added == 1
    assert report.changed == [ChangedAnswer("W1", "pendapat", CP1252_ROWS[0][2], "Sekarang kurang membantu")]
    assert p.document("survey warga W1")["text"] == text_before
    assert p.codings()["quote"].tolist() == [CP1252_ROWS[0][2]]
    assert p.survey_answers(respondent="W1").set_index("question").at["pendapat", "answer"] == CP1252_ROWS[0][2]
    assert "changed answers, NOT overwritten: 1" in report.lines()


def test_the_import_is_one_step_of_the_history_and_undo_removes_it(p, tmp_path):
    path = tmp_path / "warga.csv"
    write_cp1252(path)
    p.add_coder("sri")
    before = frames(p)
    p.import_survey(path, id_column="nomor", questions=["pendapat", "saran"], group_column="kabupaten", actor="sri")
    assert p.history().iloc[0]["action"] == "survey.import"
    p.undo("sri")
    for old, new in zip(before, frames(p), strict=True):
        pd.testing.assert_frame_equal(old.reset_index(drop=True), new.reset_index(drop=True), check_dtype=False)
    p.redo("sri")
    assert len(p.survey_answers()) == 4 and p.check() == []


# -- Must-show 2: survey answers in the matrix and in the agreement report ----------------------------------

def coded_survey(p: Project, tmp_path) -> tuple[dict[str, str], dict[str, str]]:
    """The SPSS survey imported, its answers coded by rina and budi; returns the test's own tables
    respondent -> group and respondent -> gender."""
    path = tmp_path / "bansos.sav"
    pyreadstat.write_sav(SAV_FRAME, str(path), column_labels=list(SAV_LABELS.values()),
                         variable_value_labels=VALUE_LABELS)
    p.import_survey(path, id_column="resp", questions=["q1", "q2"], attributes={"gender": "category"},
                    group_column="district")
    answers = p.survey_answers()
    plan = {  # (respondent, question) -> (rina's codes, budi's codes)
        ("S1", "q1"): ("A", "A"), ("S1", "q2"): ("B", "B"), ("S2", "q1"): ("AB", "A"),
        ("S3", "q2"): ("", "B"), ("S4", "q1"): ("A", "A"), ("S4", "q2"): ("B", ""),
    }
    for r in answers.itertuples():
        for coder, codes in zip(("rina", "budi"), plan.get((r.respondent, r.question), ("", "")), strict=True):
            for code in codes:
                p.add_coding(int(r.document_id), int(r.start), int(r.end), code, coder)
    group = {r.resp: VALUE_LABELS["district"][r.district] for r in SAV_FRAME.itertuples()}
    gender = {r.resp: VALUE_LABELS["gender"][r.gender] for r in SAV_FRAME.itertuples()}
    return group, gender


def pandas_counts(p: Project, axis: dict[str, str], measure: str) -> pd.DataFrame:
    codings = p.codings()[["informant", "code"]].copy()
    codings["value"] = codings["informant"].map(axis)
    grouped = codings.groupby(["code", "value"])["informant"]
    counts = grouped.size() if measure == "segments" else grouped.nunique()
    return counts.unstack(fill_value=0)


def test_survey_answers_in_the_matrix_by_group_and_by_attribute(p, tmp_path):
    group, gender = coded_survey(p, tmp_path)
    for by, axis in (("group", group), ("attribute:gender", gender)):
        for measure in ("segments", "informants"):
            matrix = p.matrix(by=by, measure=measure)
            expected = pandas_counts(p, axis, measure)
            for code in ("A", "B"):
                for value in set(axis.values()):
                    assert matrix.at[code, value] == expected.at[code, value], (by, measure, code, value)
    # by hand: A is coded twice on S1's and S4's q1 (Bantul) and twice on S2's (Sleman)
    assert p.matrix(by="group").loc["A"].to_dict() == {"Bantul": 4, "Sleman": 2}


def test_survey_answers_in_the_agreement_report(p, tmp_path):
    coded_survey(p, tmp_path)
    answers = p.survey_answers()
    report = p.agreement(coders=["rina", "budi"], unit="turn", n_boot=0,
                         documents=sorted(set(answers["document"]))).set_index("code")
    codings = p.codings()
    for code in ("A", "B"):
        table = [[int(((codings["document_id"] == r.document_id) & (codings["start"] == r.start)
                       & (codings["code"] == code) & (codings["coder"] == coder)).any())
                  for r in answers.itertuples()] for coder in ("rina", "budi")]
        assert report.at[code, "units"] == len(answers)  # every answer is one turn, and only answers are turns
        assert report.at[code, "alpha"] == pytest.approx(krippendorff.alpha(table, level_of_measurement="nominal"))
        assert report.at[code, "kappa"] == pytest.approx(cohen_kappa_score(table[0], table[1], labels=[0, 1]))


def test_an_import_error_reads_in_indonesian_with_file_row_and_column(p, tmp_path):
    from qualcode.ui.i18n import error_message

    path = tmp_path / "umur.csv"
    path.write_text('id,age,q\nN1,34,"ya\nbetul"\nN2,tiga puluh,tidak\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        p.import_survey(path, id_column="id", questions=["q"], attributes={"age": "number"}, group_column="id")
    assert str(info.value).startswith(f"{path}: row 3 (line 4), column 'age': 'tiga puluh' is not a number")
    assert error_message(info.value, "id").startswith(f"{path}: baris 3 (baris teks 4), kolom 'age': 'tiga puluh' "
                                                      "bukan ")
    with pytest.raises(NotFoundError) as info:
        p.import_survey(path, id_column="nomor", questions=["q"], group_column="id")
    assert error_message(info.value, "id") == f"{path}: kolom ID 'nomor' tidak dikenal; kolom berkas ini: id, age, q"
