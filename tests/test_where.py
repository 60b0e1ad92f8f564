"""The ``where`` filter and the informant-attribute axis: matrix, cell quotes, framework matrix, search, quote
table and report against plain pandas computations on the demo project; typed attributes; errors with positions."""

from __future__ import annotations

import pandas as pd
import pytest

from qualcode.analysis.query import condition_mask, document_mask, parse_condition
from qualcode.errors import InputError
from qualcode.project import Project
from qualcode.project.catalog import quote_frame, quotes_table
from qualcode.project.report import build_report

from .conftest import copy_project

#: Attributes the tests give some demo informants besides the demo's gender and interview_date.
AGES = {"I-01": 34, "I-02": 41, "I-05": 52, "I-08": 40, "I-09": 58, "I-13": 29}
SECTORS = {"I-01": "ngo", "I-05": "government", "I-08": "government", "I-13": "ngo"}


@pytest.fixture(scope="module")
def project(demo_path, tmp_path_factory):
    path = copy_project(demo_path, tmp_path_factory.mktemp("where") / "demo.qualcode")
    with Project.open(path) as p:
        for row in p.informants().to_dict("records"):
            attributes = dict(row["attributes"])
            if row["key"] in AGES:
                attributes["age"] = AGES[row["key"]]
            if row["key"] in SECTORS:
                attributes["sector"] = SECTORS[row["key"]]
            p.edit_informant(row["key"], attributes=attributes)
        yield p


@pytest.fixture(scope="module")
def codings(project):
    """Every coding with its informant's attributes as columns (the test's own join)."""
    frame = project.codings()
    informants = project.informants()
    attrs = pd.DataFrame([{"informant": k, **a} for k, a in zip(informants["key"], informants["attributes"],
                                                                    strict=True)])
    return frame.merge(attrs, on="informant", how="left")


def counts(frame: pd.DataFrame, column: str, codes: list[str], columns: list[str]) -> pd.DataFrame:
    """Codings per code x column value, by plain pandas."""
    table = pd.crosstab(frame["code"], frame[column]) if len(frame) else pd.DataFrame()
    return table.reindex(index=codes, columns=columns, fill_value=0).astype("int64")


def as_plain(matrix: pd.DataFrame) -> pd.DataFrame:
    out = matrix.copy()
    out.index = pd.Index([str(i) for i in out.index], dtype=object)
    out.columns = pd.Index([str(c) for c in out.columns], dtype=object)
    return out.astype("int64")


def test_matrix_where_document_level_equals_pandas(project, codings):
    codes = project.codes()["key"].tolist()
    groups = project.groups()["key"].tolist()
    got = project.matrix(where="group = leadership OR gender = P")
    kept = codings[(codings["group"] == "leadership") | (codings["gender"] == "P")]
    expected = counts(kept, "group", codes, groups)
    pd.testing.assert_frame_equal(as_plain(got), as_plain(expected))
    assert got.sum().sum() == len(kept) and 0 < len(kept) < len(codings)


def test_matrix_where_number_and_coder(project, codings):
    codes = project.codes()["key"].tolist()
    groups = project.groups()["key"].tolist()
    got = project.matrix(where="age >= 40 AND coder = rina")
    ages = pd.to_numeric(codings["age"], errors="coerce")
    kept = codings[(ages >= 40) & (codings["coder"] == "rina")]
    assert len(kept) > 0
    pd.testing.assert_frame_equal(as_plain(got), as_plain(counts(kept, "group", codes, groups)))
    # words on the coding-level path equal whitespace tokens of the kept quotes
    words = project.matrix(where="coder = budi", measure="words")
    budi = codings[codings["coder"] == "budi"]
    assert words.to_numpy().sum() == budi["quote"].str.split().str.len().sum()


def test_matrix_attribute_axis_equals_pandas(project, codings):
    codes = project.codes()["key"].tolist()
    got = project.matrix(by="attribute:gender")
    assert list(got.columns) == ["L", "P"] and got.columns.name == "attribute:gender"
    pd.testing.assert_frame_equal(as_plain(got), as_plain(counts(codings, "gender", codes, ["L", "P"])))
    assert got.attrs["unassigned"] == int(codings["gender"].isna().sum())
    # numbers sort by value; informants without an age are unassigned
    ages = project.matrix(by="attribute:age", where="source_type = interview")
    assert list(ages.columns) == ["29", "34", "40", "41", "52", "58"]
    interviews = codings[codings["source_type"] == "interview"]
    assert ages.attrs["unassigned"] == int(interviews["age"].isna().sum())
    aged = interviews.dropna(subset=["age"]).assign(age=lambda f: f["age"].astype(int).astype(str))
    pd.testing.assert_frame_equal(as_plain(ages), as_plain(counts(aged, "age", codes, list(ages.columns))))


def test_attribute_axis_informants_and_share(project, codings):
    got = project.matrix(by="attribute:sector", measure="informants")
    with_sector = codings.dropna(subset=["sector"])
    expected = with_sector.groupby(["code", "sector"])["informant"].nunique().unstack(fill_value=0)
    expected = expected.reindex(index=got.index, columns=got.columns, fill_value=0)
    pd.testing.assert_frame_equal(as_plain(got), as_plain(expected))
    share = project.matrix(by="attribute:sector", measure="share")
    sizes = pd.Series(SECTORS).value_counts()
    for code in got.index:
        for value in got.columns:
            assert share.at[code, value] == round(got.at[code, value] * 100.0 / sizes[value], 1)


def test_cell_quotes_and_table_with_where_and_attribute(project, codings):
    code = codings.loc[codings["gender"] == "P", "code"].value_counts().index[0]
    rows = project.cell_quotes(code, "P", by="attribute:gender", where="coder = rina")
    expected = codings[(codings["code"] == code) & (codings["gender"] == "P") & (codings["coder"] == "rina")]
    assert sorted(rows["id"]) == sorted(expected["id"]) and len(rows) > 0
    assert set(rows["group"]) == set(expected["group"])  # the informant's group, not the axis value
    table = project.triangulation_table(by="attribute:gender", where="group != agency")
    assert table.attrs["axis_label"] == "gender values"
    kept = codings[codings["group"] != "agency"]
    assert int(table[["L", "P"]].to_numpy().sum()) == int(kept["gender"].notna().sum())
    assert set(table.loc[table["pattern"] == "all"].index) == {
        c for c in table.index if (kept.loc[kept["code"] == c, "gender"].dropna().nunique() == 2)}


def test_framework_matrix_where(project, codings):
    frame = project.framework_matrix(where="sector = ngo")
    assert list(frame.index) == [k for k in project.axis_values("informant") if SECTORS.get(k) == "ngo"]
    kept = codings[codings["sector"] == "ngo"]
    for (informant, code), n in kept.groupby(["informant", "code"]).size().items():
        if code in frame.columns:
            assert frame.at[informant, code].startswith(f"{n}×")
    # a coder condition keeps that coder's codings only
    budi = project.framework_matrix(where="coder = budi")
    expected = codings[codings["coder"] == "budi"].groupby(["informant", "code"]).size()
    assert set(budi.index) == set(expected.index.get_level_values(0))
    for (informant, code), n in expected.items():
        assert budi.at[informant, code].startswith(f"{n}×")


def test_search_where_equals_pandas_filter(project):
    everything = project.search("program")
    informants = project.informants()
    gender = {k: a.get("gender") for k, a in zip(informants["key"], informants["attributes"], strict=True)}
    expected = everything[[gender.get(i) == "L" or s == "observation"
                           for i, s in zip(everything["informant"], everything["source_type"], strict=True)]]
    got = project.search("program", where="gender = L OR source_type = observation")
    assert len(got) > 0 and len(got) < len(everything)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


def test_quote_table_and_report_where(project, codings):
    everything = quote_frame(project)
    got = quote_frame(project, where="interview_date < 2021-03-20")
    dates = {k: a.get("interview_date") for k, a in
             zip(project.informants()["key"], project.informants()["attributes"], strict=True)}
    expected = everything[[isinstance(dates.get(i), str) and dates[i] < "2021-03-20" for i in everything["informant"]]]
    columns = ["code", "informant", "document", "quote", "citation"]
    assert len(got) > 0
    pd.testing.assert_frame_equal(got[columns].reset_index(drop=True), expected[columns].reset_index(drop=True))
    table = quotes_table(project, where="interview_date < 2021-03-20")
    assert len(table.frame) == len(got) and "interview_date < 2021-03-20" in table.notes
    report = build_report(project, where="group = community")
    community = codings[codings["group"] == "community"]
    assert dict(report.details)["Codings"] == str(len(community))
    assert "where group = community" in dict(report.details)["Filters"]


@pytest.mark.parametrize(("call", "text", "position", "words"), [
    ("matrix", "group = leadership AND colour = red", 23, "unknown field 'colour'"),
    ("search", "gender = L AND coder = rina", 15, "coder is a coding's"),
    ("matrix", "age < L", 6, "compares numbers or dates"),
    ("matrix", "group = leadership AND", 22, "a field expected"),
    ("matrix", "group = nobody", 8, "unknown group 'nobody'"),
    ("search", "(gender = L", 11, "')' expected"),
])
def test_errors_name_their_position(project, call, text, position, words):
    with pytest.raises(InputError) as caught:
        if call == "search":
            project.search("program", where=text)
        else:
            project.matrix(where=text)
    error = caught.value
    assert error.position == position
    message = str(error)
    assert words in message
    lines = message.splitlines()
    assert lines[1].strip() == text and lines[2].index("^") - 2 == position


def test_unknown_attribute_axis(project):
    with pytest.raises(InputError, match="unknown informant attribute 'colour'"):
        project.matrix(by="attribute:colour")


# -- typed conditions ------------------------------------------------------------------

DOCS = pd.DataFrame({"id": [1, 2, 3, 4], "name": ["a", "b", "c", "d"], "informant": ["x", "y", "z", None],
                     "group": ["g", "g", "h", None], "source_type": ["interview"] * 3 + ["document"]})
PEOPLE = pd.DataFrame({"key": ["x", "y", "z"], "role": ["kepala", "staf", None], "organisation": [None] * 3,
                       "attributes": [{"age": "9", "born": "1980-05-01", "sector": "ngo", "note": "b"},
                                      {"age": "10", "born": "1975-01-31", "sector": "gov", "note": "a"},
                                      {"age": "100", "sector": "ngo"}]})
TYPES = {"age": ("number", []), "born": ("date", []), "sector": ("category", ["gov", "ngo", "private"]),
         "note": ("text", [])}


def ids(text: str, types=TYPES) -> list[int]:
    mask = document_mask(text, DOCS, informants=PEOPLE, types=types)
    return DOCS.loc[mask, "id"].tolist()


def test_typed_numbers_and_dates_compare_by_value():
    assert ids("age >= 10") == [2, 3]  # "9" < "10" < "100" as numbers, not as text
    assert ids("age = 10.0") == [2]
    assert ids("born < 1980-01-01") == [2]
    assert ids("born = 1980-05-01") == [1]
    assert ids("sector = ngo AND NOT role ~ KEP") == [3]
    assert ids("sector != private") == [1, 2, 3, 4]


@pytest.mark.parametrize(("text", "position", "words"), [
    ("sector = charity", 9, "not a category of sector; categories: gov, ngo, private"),
    ("note > a", 0, "note is a text attribute"),
    ("sector <= gov", 0, "sector is a category attribute"),
    ("age = old", 6, "age is a number attribute"),
    ("born >= May", 8, "born is a date attribute"),
    ("coder = rina", 0, "applies to codings"),
])
def test_typed_errors_name_their_position(text, position, words):
    with pytest.raises(InputError) as caught:
        ids(text)
    assert caught.value.position == position and words in str(caught.value)
    assert str(caught.value).startswith(f"condition error at position {position}")


def test_condition_on_codings_keeps_coder_and_date():
    codings = pd.DataFrame({"document_id": [1, 1, 2, 4], "coder": ["a", "b", "a", "a"],
                            "created_at": ["2024-01-02T10:00", "2024-03-01T09:00", "2024-02-01T00:00", None]})
    mask = condition_mask(parse_condition("coder = a AND date < 2024-02-15 AND sector = ngo"), codings,
                          documents=DOCS, informants=PEOPLE, types=TYPES)
    assert mask.tolist() == [True, False, False, False]


def test_declared_category_orders_the_attribute_axis(demo_path, tmp_path):
    with Project.open(copy_project(demo_path, tmp_path / "demo.qualcode")) as p:
        if not hasattr(p, "set_attribute_type"):
            pytest.skip("attribute types are not declared in this project version")
        p.set_attribute_type("gender", "category", ["P", "L", "X"])
        matrix = p.matrix(by="attribute:gender")
        assert list(matrix.columns) == ["P", "L", "X"] and (matrix["X"] == 0).all()
        with pytest.raises(InputError) as caught:
            p.matrix(where="gender = F")
        assert caught.value.position == 9 and "categories: P, L, X" in str(caught.value)
        with pytest.raises(InputError) as caught:
            p.search("program", where="group = community AND gender < L")
        assert caught.value.position == 22 and "gender is a category attribute" in str(caught.value)
        p.set_attribute_type("interview_date", "date")
        on_date = p.matrix(where="interview_date >= 2021-04-01")
        codings = p.codings()
        dates = {k: a.get("interview_date") for k, a in zip(p.informants()["key"], p.informants()["attributes"],
                                                             strict=True)}
        late = codings[[isinstance(dates.get(i), str) and dates[i] >= "2021-04-01" for i in codings["informant"]]]
        assert int(on_date.to_numpy().sum()) == len(late) > 0
