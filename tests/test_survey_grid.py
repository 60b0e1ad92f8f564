"""The survey grid's logic (qualcode.project.survey_grid) on a survey imported with Project.import_survey:
typed sorting, the code, "not coded yet" and Where filters and paging, each against a pandas computation on
the CSV the test wrote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qualcode.errors import InputError
from qualcode.project import Project
from qualcode.project.survey_grid import codes_column, page_of, part_span, survey_files, survey_grid

from .conftest import SMALL_CODEBOOK

ROWS = [  # id, age, joined, region, note, q1, q2
    ("R01", "34", "2021-03-01", "north", "first", "The clinic is far, very far.", "Transport costs"),
    ("R02", "9", "2020-01-15", "south", "", "Nothing to add", ""),
    ("R03", "100", "2022-07-30", "north", "x", "Staff were kind, the clinic is clean", "Shorter queues"),
    ("R04", "34", "", "east", "later", "Queues, queues and queues", "More nurses"),
    ("R05", "", "2019-12-31", "south", "", "Fine", "Open on Sundays"),
    ("R06", "71", "2021-03-02", "east", "q", "\"Quoted\" answer, with a comma", "Cheaper medicine"),
    ("R07", "8", "2021-02-28", "north", "", "", "Nothing"),
    ("R08", "12.5", "2020-06-01", "south", "a", "Too far for the elderly", "A bus"),
]
QUESTIONS = ["q1", "q2"]


def write_csv(folder: Path) -> Path:
    frame = pd.DataFrame(ROWS, columns=["id", "age", "joined", "region", "note", *QUESTIONS])
    path = folder / "clinic.csv"
    frame.to_csv(path, index=False)
    return path


def make_survey(folder: Path, *, coders: tuple[str, ...] = ("rina", "budi")) -> Path:
    """A project with the survey imported (age a number, joined a date, region a category, note text),
    the small codebook and the coders."""
    path = folder / "survey.qualcode"
    book = folder / "small.yaml"
    book.write_text(SMALL_CODEBOOK, encoding="utf-8")
    with Project.create(path) as p:
        p.add_group("respondents")
        p.load_codebook(book)
        for coder in coders:
            p.add_coder(coder)
        p.import_survey(write_csv(folder), id_column="id", questions=QUESTIONS, group="respondents",
                        attributes={"age": "number", "joined": "date", "region": "category", "note": None})
    return path


def csv_frame(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "clinic.csv", dtype=str, keep_default_na=False)


def answer_span(p: Project, respondent: str, question: str, answer: str) -> tuple[int, int]:
    """Where the answer is in the respondent's document, found by its text after "question: "."""
    doc = p.document(f"survey clinic {respondent}")  # one document per respondent, named after the file
    at = doc["text"].index(f"{question}: {answer}") + len(question) + 2
    return at, at + len(answer)


def all_pages(p: Project, size: int = 3, **options) -> list[str]:
    first = survey_grid(p, "clinic.csv", size=size, **options)
    respondents = list(first.frame["respondent"])
    for page in range(2, first.pages + 1):
        respondents += list(survey_grid(p, "clinic.csv", size=size, page=page, **options).frame["respondent"])
    return respondents


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    return make_survey(tmp_path)


def test_the_grid_shows_every_respondent_attribute_and_answer(survey, tmp_path):
    csv = csv_frame(tmp_path)
    with Project.open(survey) as p:
        assert survey_files(p) == ["clinic.csv"]
        grid = survey_grid(p, "clinic.csv", size=100)
    assert grid.questions == QUESTIONS and grid.attributes == ["age", "joined", "region", "note"]
    shown = grid.frame.set_index("respondent")
    for row in csv.itertuples():
        for column in ("age", "joined", "region", "note", *QUESTIONS):
            assert shown.loc[row.id, column] == getattr(row, column), (row.id, column)
    assert (grid.frame[[codes_column(q) for q in QUESTIONS]] == "").all().all()


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_a_number_and_by_a_date(survey, tmp_path, descending):
    csv = csv_frame(tmp_path)
    with Project.open(survey) as p:
        by_age = all_pages(p, sort_by="age", descending=descending)
        by_date = all_pages(p, sort_by="joined", descending=descending)
        by_text = all_pages(p, sort_by="note", descending=descending)
    for column, got, convert in (("age", by_age, lambda s: pd.to_numeric(s.replace("", None))),
                                 ("joined", by_date, lambda s: pd.to_datetime(s.replace("", None))),
                                 ("note", by_text, lambda s: s.replace("", None).str.casefold())):
        frame = csv.assign(value=convert(csv[column]))
        expected = frame.sort_values("value", ascending=not descending, kind="stable", na_position="last")["id"]
        assert got == list(expected), column
    assert by_age.index("R05") == len(ROWS) - 1  # no age: last, whichever the direction
    # numbers by value: 8 before 9 before 12.5 before 100 (as text "100" < "12.5" < "8" < "9")
    assert [r for r in by_age if r in ("R07", "R02", "R08", "R03")] == \
        (["R03", "R08", "R02", "R07"] if descending else ["R07", "R02", "R08", "R03"])


def test_filter_by_code_and_by_not_coded(survey, tmp_path):
    csv = csv_frame(tmp_path)
    with Project.open(survey) as p:
        r01 = answer_span(p, "R01", "q1", csv.set_index("id").loc["R01", "q1"])
        r04 = answer_span(p, "R04", "q2", "More nurses")
        r06 = answer_span(p, "R06", "q1", csv.set_index("id").loc["R06", "q1"])
        doc = {r: int(p.document(f"survey clinic {r}")["id"]) for r in ("R01", "R04", "R06")}
        p.add_coding(doc["R01"], *r01, "A", "rina")  # a whole answer
        p.add_coding(doc["R04"], r04[0], r04[0] + 4, "A", "budi")  # part of an answer, by another coder
        p.add_coding(doc["R06"], r06[0] + 1, r06[0] + 7, "B", "rina")
        with_a = all_pages(p, code="A")
        with_a_rina = all_pages(p, code="A", shown=["rina"])
        with_a_q1 = all_pages(p, code="A", question="q1")
        open_rina = all_pages(p, not_coded=True, coder="rina")
        open_rina_q1 = all_pages(p, not_coded=True, coder="rina", question="q1")
        cells = survey_grid(p, "clinic.csv", size=100).frame.set_index("respondent")
    assert with_a == ["R01", "R04"] and with_a_rina == ["R01"] and with_a_q1 == ["R01"]
    # independently: the (respondent, question) answers rina coded, and every non-empty answer
    long = csv.melt(id_vars="id", value_vars=QUESTIONS, var_name="question", value_name="answer")
    long = long[long["answer"] != ""]
    coded = {("R01", "q1"), ("R06", "q1")}
    left = long[[(r, q) not in coded for r, q in zip(long["id"], long["question"], strict=True)]]
    assert open_rina == [r for r in csv["id"] if r in set(left["id"])]
    assert open_rina_q1 == [r for r in csv["id"] if r in set(left.loc[left["question"] == "q1", "id"])]
    assert "R01" not in open_rina_q1 and "R07" not in open_rina_q1  # coded / no answer to q1
    assert cells.loc["R01", codes_column("q1")] == "A" and cells.loc["R04", codes_column("q2")] == "A"
    assert cells.loc["R06", codes_column("q1")] == "B" and cells.loc["R01", codes_column("q2")] == ""
    with Project.open(survey) as p, pytest.raises(InputError, match="needs a coder"):
        survey_grid(p, "clinic.csv", not_coded=True)


def test_filter_by_where_and_then_sort(survey, tmp_path):
    csv = csv_frame(tmp_path)
    with Project.open(survey) as p:
        got = all_pages(p, where="region = north OR age >= 50", sort_by="age")
        with pytest.raises(InputError) as bad:
            survey_grid(p, "clinic.csv", where="region = = north")
    age = pd.to_numeric(csv["age"].replace("", None))
    expected = csv[(csv["region"] == "north") | (age >= 50)].assign(age=age)
    assert got == list(expected.sort_values("age", kind="stable", na_position="last")["id"])
    assert bad.value.position is not None


def test_paging(survey):
    with Project.open(survey) as p:
        pages = [survey_grid(p, "clinic.csv", size=3, page=n) for n in (1, 2, 3, 9, 0)]
    assert [g.pages for g in pages] == [3] * 5 and [g.respondents for g in pages] == [len(ROWS)] * 5
    assert [list(g.frame["respondent"]) for g in pages[:3]] == [["R01", "R02", "R03"], ["R04", "R05", "R06"],
                                                                 ["R07", "R08"]]
    assert pages[3].page == 3 and pages[4].page == 1  # out of range: clamped
    assert set(pages[1].answers["respondent"]) == {"R04", "R05", "R06"}  # only the page's answers are built
    assert page_of(0, 4) == (1, 1, 0) and page_of(101, 3, 50) == (3, 3, 100)
    with pytest.raises(InputError, match="page size"):
        page_of(10, 1, 0)


def test_part_span_finds_the_nth_occurrence():
    answer = "Queues, queues and queues"
    assert part_span(answer, 100, "queues") == (108, 114)
    assert part_span(answer, 100, " queues ", 2) == (119, 125)  # typed blanks around the words do not count
    for words, nth, message in (("", 1, "words"), ("queues", 3, "occurrence"), ("queues", 0, "occurrence"),
                                ("nurses", 1, "not in the answer")):
        with pytest.raises(InputError, match=message):
            part_span(answer, 100, words, nth)
