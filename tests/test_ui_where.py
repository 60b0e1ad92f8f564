"""The Where condition and the attribute axes on the Triangulation, Framework and Search pages through AppTest,
against plain pandas on the demo project; a bad condition shows its caret as plain text and the page goes on."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.analysis.query import parse_condition
from qualcode.project import Project
from qualcode.project.filters import document_ids
from qualcode.ui.where_parts import WHERE_EXAMPLE, where_example

from .conftest import open_page


@pytest.fixture(scope="module")
def codings(demo_path) -> pd.DataFrame:
    with Project.open(demo_path) as p:
        frame = p.codings()
        informants = p.informants()
    gender = {k: a.get("gender") for k, a in zip(informants["key"], informants["attributes"], strict=True)}
    return frame.assign(gender=frame["informant"].map(gender))


def coverage_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Coverage" in d.value.columns).set_index("Code")


def test_triangulation_where_and_attribute_axis(demo_path, codings):
    at = open_page("triangulation", demo_path, "en", coder="rina")
    assert not at.exception
    axes = at.selectbox(key="tri_by").options
    assert "Attribute: gender" in axes and "Attribute: interview_date" in axes
    at.selectbox(key="tri_by").set_value("attribute:gender").run()
    at.text_input(key="tri_where").set_value("group = leadership OR coder = budi").run()
    assert not at.exception and not at.error
    shown = coverage_table(at)
    kept = codings[(codings["group"] == "leadership") | (codings["coder"] == "budi")]
    expected = kept.dropna(subset=["gender"]).groupby(["code", "gender"]).size()
    for value in ("L", "P"):
        got = shown[value].astype(int)
        want = expected.xs(value, level="gender").reindex(got.index, fill_value=0)
        assert got.tolist() == want.tolist()
    # the cell's quotes follow the condition and the axis
    code = expected.xs("P", level="gender").idxmax()
    at.selectbox(key="tri_code").set_value(code).run()
    at.selectbox(key="tri_column").set_value("P").run()
    captions = " ".join(c.value.replace("\\", "") for c in at.caption)  # markdown escapes dropped
    assert f"{code} × P: {expected[(code, 'P')]}" in captions
    assert f"{expected[(code, 'P')]} quotes" in captions


def test_triangulation_bad_condition_shows_the_caret_and_goes_on(demo_path, codings):
    at = open_page("triangulation", demo_path, "en", coder="rina", tri_where="group = leadership AND colour = red")
    assert not at.exception
    assert at.error and "condition" in at.error[0].value
    caret = at.code[0].value.splitlines()
    assert caret[0].startswith("condition error at position 23")
    assert caret[2].index("^") - caret[1].index("group") == 23
    shown = coverage_table(at)  # every coding, as without a condition
    assert int(shown[["community", "agency", "leadership"]].astype(int).to_numpy().sum()) == \
        int(codings["group"].notna().sum())


def test_triangulation_where_in_bahasa_indonesia(demo_path):
    at = open_page("triangulation", demo_path, "id", coder="rina", tri_where="gender = X")
    assert not at.exception
    assert at.text_input(key="tri_where").label == "Dengan syarat"
    assert "tanda ^" in at.error[0].value and "unknown gender 'X'" not in at.error[0].value
    assert "position 9" in at.code[0].value


def test_framework_where_keeps_the_informants_it_holds_for(demo_path, codings):
    at = open_page("framework", demo_path, "en", coder="rina", fw_where="gender = P AND group = community")
    assert not at.exception
    frame = next(d.value for d in at.dataframe if "Informant" in d.value.columns)
    kept = codings[(codings["gender"] == "P") & (codings["group"] == "community")]
    assert set(frame["Informant"]) == set(kept["informant"])


def test_search_where_filters_hits(demo_path):
    at = open_page("search", demo_path, "en", coder="rina")
    at.text_input(key="search_query").set_value("program")
    at.text_input(key="search_where").set_value("gender = L")
    at.button(key="search_submit").click().run()
    assert not at.exception
    hits = at.session_state["_search_hits"]
    with Project.open(demo_path) as p:
        everything = p.search("program")
        gender = {k: a.get("gender") for k, a in zip(p.informants()["key"], p.informants()["attributes"],
                                                       strict=True)}
    expected = everything[[gender.get(i) == "L" for i in everything["informant"]]]
    assert 0 < len(hits) < len(everything)
    assert hits["document_id"].tolist() == expected["document_id"].tolist()
    at.text_input(key="search_where").set_value("coder = rina")
    at.button(key="search_submit").click().run()
    assert not at.exception and "coder is a coding's" in at.code[0].value


def test_the_placeholder_example_is_written_in_the_project_s_own_terms(demo_path, tmp_path):
    with Project.open(demo_path) as p:
        example = where_example(p)
        informants = p.informants()
        first = next(a for a in informants["attributes"] if a)
        name, value = next(iter(first.items()))
        assert example == f"group = {p.groups()['key'].iloc[0]} AND {name} = {value}"
        assert document_ids(p, example)  # it parses and some document meets it
    with Project.create(tmp_path / "other.qualcode") as p:
        assert where_example(p) == WHERE_EXAMPLE  # nothing of any study assumed
        p.add_group("Kelompok A")
        p.add_informant("X-1", "Kelompok A", attributes={"kota": "Bandar Lampung"})
        example = where_example(p)
        assert example == 'group = "Kelompok A" AND kota = "Bandar Lampung"'
        assert parse_condition(example) is not None
    with Project.open(demo_path) as p:
        demo_example = where_example(p)
    at = open_page("triangulation", demo_path, "en", coder="rina")
    assert at.text_input(key="tri_where").placeholder == demo_example
