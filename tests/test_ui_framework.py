"""The Framework page through AppTest: informants x codes, a cell's quotes and its summary, downloads."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page, snapshot
from .test_ui_triangulation import coded, downloads, independent_cell, quote_ids  # noqa: F401 (fixtures)


def page(path: Path | str, coder: str | None = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("framework", path, lang, **({"coder": coder} if coder else {}), **state)


def matrix(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if "Informant" in d.value.columns).set_index("Informant")


# -- rendering -------------------------------------------------------------------------------

def test_codes_but_no_informants(tmp_path, project):
    path = tmp_path / "codes_only.qualcode"
    with Project.create(path) as p:
        p.load_codebook(project.codebook())
    at = page(path, coder=None)
    assert not at.exception
    assert "No informants yet" in at.info[0].value


def test_nothing_coded(project):
    at = page(project.path, coder=None)
    assert not at.exception
    assert any("Nothing coded yet" in i.value for i in at.info)
    shown = matrix(at)
    assert list(shown.index) == ["I-01", "I-09"] and list(shown["Group"]) == ["community", "leadership"]
    assert (shown[["A", "A.1", "B"]] == "").all().all()


def test_demo(demo_path):
    at = page(demo_path)
    assert not at.exception
    with Project.open(demo_path) as p:
        expected = p.framework_matrix()
    shown = matrix(at)
    assert list(shown.index) == list(expected.index)
    assert list(shown.columns) == ["Group", *expected.columns]
    assert (shown[list(expected.columns)].to_numpy() == expected.to_numpy()).all()
    # the default cell is the first one with codings, so the page opens on quotes
    informant, code = at.selectbox(key="fw_informant").value, at.selectbox(key="fw_code").value
    assert expected.loc[informant, code] and quote_ids(at, "fw")


def test_rollup_and_coders(coded):  # noqa: F811 (fixture)
    at = page(coded.path, fw_rollup=True, fw_coders=["budi"])
    assert not at.exception
    shown = matrix(at)
    assert [c for c in shown.columns if c != "Group"] == ["A", "B"]
    assert shown.loc["I-01", "A"].startswith("1× · “Banyak warga miskin”")
    assert shown.loc["I-09", "A"].startswith("1× · “Rapat koordinasi")
    assert shown.loc["I-09", "B"] == ""  # rina's coding, filtered out


# -- a cell ----------------------------------------------------------------------------------

def test_choosing_a_cell_lists_exactly_its_quotes(demo_path):
    with Project.open(demo_path) as p:
        codings, codes = p.codings(), p.codes()
        counts = codings.groupby(["informant", "code"]).size()
        informant, code = counts[counts > 1].index[-1]
        expected = [int(i) for i in p.cell_quotes(code, informant, by="informant")["id"]]
    at = page(demo_path, fw_informant=informant, fw_code=code)
    assert not at.exception
    assert quote_ids(at, "fw") == expected == independent_cell(codings, codes, code, informant, "informant", False)
    assert len(expected) > 1


def test_summary_saved_with_author_shown_and_removed(coded):  # noqa: F811 (fixture)
    at = page(coded.path, coder="budi", fw_informant="I-01", fw_code="A.1")
    assert at.text_area(key="fw_summary").value == ""
    assert matrix(at).loc["I-01", "A.1"].startswith("2× · “Koordinasinya jarang”")
    at.text_area(key="fw_summary").input("Coordination is rare and informal (WhatsApp).")
    at.button(key="fw_save").click().run()
    assert not at.exception
    stored = coded.summaries()
    assert list(stored[["informant", "code", "summary", "author"]].itertuples(index=False, name=None)) == \
        [("I-01", "A.1", "Coordination is rare and informal (WhatsApp).", "budi")]
    assert matrix(at).loc["I-01", "A.1"] == "Coordination is rare and informal (WhatsApp)."
    assert at.text_area(key="fw_summary").value == "Coordination is rare and informal (WhatsApp)."
    assert any("Written by budi" in c.value for c in at.caption)
    assert "saved" in at.success[0].value
    # another cell starts empty; coming back shows the stored text
    at.selectbox(key="fw_code").set_value("B").run()
    assert at.text_area(key="fw_summary").value == ""
    at.selectbox(key="fw_code").set_value("A.1").run()
    assert at.text_area(key="fw_summary").value.startswith("Coordination is rare")
    # saving an empty text removes the summary: the cell shows the quotes again
    at.text_area(key="fw_summary").input("")
    at.button(key="fw_save").click().run()
    assert coded.summaries().empty
    assert matrix(at).loc["I-01", "A.1"].startswith("2× · “Koordinasinya jarang”")
    assert "removed" in at.success[0].value


def test_summary_needs_a_coder(coded):  # noqa: F811 (fixture)
    before = snapshot(coded.path)
    at = page(coded.path, coder=None, fw_informant="I-01", fw_code="A.1")
    assert any("every summary records its author" in i.value for i in at.info)
    assert at.button(key="fw_save").disabled
    assert snapshot(coded.path) == before


def test_open_in_code_page(coded):  # noqa: F811 (fixture)
    quote = coded.cell_quotes("A.1", "I-01", by="informant").iloc[1]
    at = page(coded.path, fw_informant="I-01", fw_code="A.1")
    at.button(key=f"fw_open_{quote['id']}").click().run()
    assert not at.exception
    assert at.title[0].value == "Code"
    assert (at.session_state["code_doc"], at.session_state["code_focus"]) == ("I-01_wawancara", quote["start"])


# -- downloads -------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_matrix_download(coded, downloads, fmt):  # noqa: F811 (fixture)
    coded.set_summary("I-09", "B", "Data updated with the villages.", author="sari")
    at = page(coded.path)
    assert not at.exception
    data = io.BytesIO(downloads[f"framework_matrix.{fmt}"])
    # the sheet opens with "Table 1" and the title (as `qualcode export framework` writes it)
    frame = (pd.read_csv(data, keep_default_na=False) if fmt == "csv"
             else pd.read_excel(data, keep_default_na=False, skiprows=3).iloc[:len(coded.informants())])
    expected = coded.framework_matrix()
    parents = set(coded.codes()["parent"].dropna())
    empty = [c for c in expected.columns if c in parents and (expected[c] == "").all()]  # shown through sub-codes
    assert list(frame.columns) == ["informant", "group", *[c for c in expected.columns if c not in empty]]
    assert list(frame["informant"]) == list(expected.index)
    names = dict(zip(coded.groups()["key"], coded.groups()["name"], strict=True))
    assert list(frame["group"]) == [names["community"], names["leadership"]]
    assert frame.set_index("informant").loc["I-09", "B"] == "Data updated with the villages."
    assert frame.set_index("informant").loc["I-01", "A.1"] == expected.loc["I-01", "A.1"]
