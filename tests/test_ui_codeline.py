"""The Charts page's code line through AppTest: the demo's chart and mark picker (the chosen mark's passage as
plain text, the Open button leading to the Code page), a group stacked, Bahasa Indonesia, and the empty states."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pyarrow as pa

from qualcode.project import Project
from qualcode.ui.i18n import t

from .conftest import one_document_project, open_page

FIRST = "SELECT name, text FROM documents ORDER BY id LIMIT 1"
CODINGS = """SELECT x.id, x.start, x.end, x.quote, k.key FROM codings x JOIN codes k ON k.id = x.code_id
             JOIN documents d ON d.id = x.document_id WHERE d.name = ? ORDER BY x.start, x.end, x.id"""


def query(path, sql, *args):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def codeline_page(path, lang="en", **state):
    return open_page("charts", path, lang, coder="rina", charts_kind="codeline", **state)


def vega_spec(at) -> dict:
    """The one Vega-Lite chart on the page, as Streamlit sends it."""
    charts = [node for node in at.get("vega_lite_chart")]
    assert len(charts) == 1
    return json.loads(charts[0].proto.spec)


def dataset(at, name: str) -> pd.DataFrame:
    """A data set of the chart, as Streamlit sends it beside the spec (Arrow)."""
    (chart,) = at.get("vega_lite_chart")
    (data,) = [d for d in chart.proto.datasets if d.name == name]
    return pa.ipc.open_stream(data.data.data).read_all().to_pandas()


def test_demo_draws_the_first_document_and_the_picker_shows_a_passage(demo_path):
    at = codeline_page(demo_path)
    assert not at.exception
    assert at.radio(key="charts_kind").value == "codeline"
    name, _ = query(demo_path, FIRST)[0]
    spec = vega_spec(at)
    assert [panel["title"]["text"].split(" (")[0] for panel in spec["vconcat"]] == [name]
    rows = query(demo_path, CODINGS, name)
    picker = at.selectbox(key="cline_mark")
    assert picker.options and len(picker.options) == len(rows)  # every coding of the document, reading order
    coding_id, start, _, quote, code = rows[2]
    picker.set_value(coding_id).run()
    assert not at.exception
    assert quote in [e.value for e in at.text]  # the passage, as plain text
    at.button(key="cline_open").click().run()
    assert not at.exception
    assert at.session_state["code_doc"] == name and at.session_state["code_focus"] == start
    assert any(h.value == t("code_page") for h in at.title)  # landed on the Code page


def test_a_group_stacks_its_documents(demo_path):
    at = codeline_page(demo_path, cline_scope="group", cline_group="community", cline_x="char")
    assert not at.exception
    expected = [n for (n,) in query(demo_path, """SELECT d.name FROM documents d JOIN informants i
                                                  ON i.id = d.informant_id JOIN groups g ON g.id = i.group_id
                                                  WHERE g.key = 'community' ORDER BY i.key, d.name""")]
    spec = vega_spec(at)
    assert [panel["title"]["text"].split(" (")[0] for panel in spec["vconcat"]] == expected
    assert spec["vconcat"][0]["layer"][1]["encoding"]["x"]["title"] == t("cline_axis_char")


def test_bahasa_titles(demo_path):
    at = codeline_page(demo_path, lang="id")
    assert not at.exception
    spec = vega_spec(at)
    assert spec["title"]["text"].startswith("Garis kode ")
    assert spec["vconcat"][0]["layer"][1]["encoding"]["x"]["title"] == "Giliran"
    assert {b.proto.label for b in at.get("download_button")} >= {"Unduh garis kode (PNG)", "Unduh garis kode (SVG)"}


def test_empty_project_says_so(tmp_path):
    Project.create(tmp_path / "e.qualcode").close()
    at = codeline_page(tmp_path / "e.qualcode")
    assert not at.exception
    assert [i.value for i in at.info] == [t("cline_no_documents")]
    assert not at.get("vega_lite_chart")


def test_a_document_without_codings_shows_its_turns(tmp_path):
    path = one_document_project(tmp_path / "p.qualcode", "P: Apa kabar?\nI: Baik.\nP: Lalu?\nI: Sudah.\n")
    at = codeline_page(path)
    assert not at.exception
    assert t("cline_no_codings") in [i.value for i in at.info]
    spec = vega_spec(at)
    band = spec["vconcat"][0]["layer"][0]
    assert list(dataset(at, band["data"]["name"])["speaker"]) == ["P", "I", "P", "I"]
    assert "no codings" in spec["vconcat"][0]["title"]["text"]


def test_no_document_chosen(demo_path):
    at = codeline_page(demo_path, cline_documents=[])
    assert not at.exception
    assert t("cline_pick_documents") in [i.value for i in at.info]
