"""The Triangulation page through AppTest: the matrix as heat map and table, a cell's quotes, verdicts,
co-occurrence and the downloads, on real project files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from qualcode.analysis.charts import heatmap
from qualcode.project import Project

from .conftest import open_page, snapshot

LEADER = (
    "Transkrip Wawancara\nInforman: I-09\n\n"
    "Pewawancara: Bagaimana koordinasi antarinstansi?\n\n"
    "Informan: Rapat koordinasi kami adakan tiap bulan. Data DTKS kami mutakhirkan bersama desa.\n"
)


@pytest.fixture
def coded(project, transcript, tmp_path) -> Project:
    """The small project with I-01 (community) and I-09 (leadership) interviews coded by rina, budi and a
    consensus coder; nothing in the agency group."""
    project.import_document(transcript, informant="I-01")
    leader = tmp_path / "I-09_wawancara.txt"
    leader.write_text(LEADER, encoding="utf-8")
    project.import_document(leader, informant="I-09")
    project.add_coder("agreed", role="consensus")
    for doc, quote, code, coder in (
        ("I-01_wawancara", "Koordinasinya jarang", "A.1", "rina"),
        ("I-01_wawancara", "lewat WhatsApp saja", "A.1", "rina"),
        ("I-01_wawancara", "Koordinasinya jarang", "B", "rina"),
        ("I-01_wawancara", "Banyak warga miskin", "A", "budi"),
        ("I-09_wawancara", "Rapat koordinasi kami adakan tiap bulan", "A.1", "budi"),
        ("I-09_wawancara", "Data DTKS kami mutakhirkan bersama desa", "B", "rina"),
        ("I-09_wawancara", "Rapat koordinasi kami adakan tiap bulan", "A.1", "agreed"),
    ):
        project.code_quote(doc, quote, code, coder)
    return project


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """What the page hands to its download buttons, by file name: bytes of eager downloads, and the callable
    of deferred ones (AppTest drops its media store after each run, so the data are recorded on the way in)."""
    seen: dict[str, object] = {}
    eager, deferred = MemoryMediaFileStorage.load_and_get_id, MediaFileManager.add_deferred

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        seen[filename] = path_or_data
        return eager(self, path_or_data, mimetype, kind, filename)

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        seen[file_name] = data_callable
        return deferred(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return seen


def page(path: Path | str, coder: str | None = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("triangulation", path, lang, **({"coder": coder} if coder else {}), **state)


def frame_with(at: AppTest, column: str) -> pd.DataFrame:
    """The table on the page that has ``column``."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def table(at: AppTest) -> pd.DataFrame:
    return frame_with(at, "Coverage").set_index("Code")


def quote_ids(at: AppTest, prefix: str = "tri") -> list[int]:
    """Coding ids of the listed quotes, read off their "Open in Code page" buttons, in page order."""
    return [int(b.key.rsplit("_", 1)[1]) for b in at.button if b.key and b.key.startswith(f"{prefix}_open_")]


def independent_cell(codings: pd.DataFrame, codes: pd.DataFrame, code: str, column: str, by: str,
                     rollup: bool) -> list[int]:
    """The ids of a cell's codings by plain pandas: the code (and, rolled up, every code below it) x column."""
    wanted = {code}
    if rollup:
        parents = dict(zip(codes["key"], codes["parent"], strict=True))
        wanted |= {k for k in codes["key"] if _under(k, code, parents)}
    rows = codings[codings["code"].isin(wanted) & (codings[by] == column)]
    return [int(i) for i in rows.sort_values(["document_id", "start", "end", "id"])["id"]]


def _under(key: str, ancestor: str, parents: dict) -> bool:
    node = parents.get(key)
    while isinstance(node, str):
        if node == ancestor:
            return True
        node = parents.get(node)
    return False


# -- rendering -------------------------------------------------------------------------------

def test_nothing_coded_still_shows_the_zero_matrix(project):
    at = page(project.path, coder=None)
    assert not at.exception
    assert any("Nothing coded yet" in i.value for i in at.info)
    shown = table(at)
    assert list(shown.index) == ["A", "A.1", "B"]
    assert (shown[["community", "agency", "leadership"]] == 0).all().all()
    assert set(shown["Coverage"]) == {"silent"} and set(shown["Verdict"]) == {""}
    assert any("No coded passages" in i.value for i in at.info)
    assert any("Pick your name" in i.value for i in at.info)  # verdicts need a coder
    assert at.button(key="tri_verdict_save").disabled


def test_library_error_is_a_message_not_a_traceback(project):
    project.add_group("label", "A group whose key clashes with the table's label column")
    at = page(project.path, coder=None)
    assert not at.exception
    assert "clash" in at.error[0].value


def test_demo_matrix_table_and_heatmap(demo_path):
    at = page(demo_path)
    assert not at.exception
    with Project.open(demo_path) as p:
        expected = p.triangulation_table()
        codes = p.codes()
    shown = table(at)
    assert list(shown.index) == list(codes["key"])
    groups = ["community", "agency", "leadership"]
    assert (shown[groups].to_numpy() == expected[groups].to_numpy()).all()
    assert list(shown["Coverage"]) == list(expected["label"])
    assert shown.loc["E3.1", "Name"] == codes.set_index("key").loc["E3.1", "name"]
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith("tri_heatmap"))
    assert list(chart.proto.selection_mode) == ["cell"]  # a click on a cell reruns with the selection
    spec = json.loads(chart.proto.spec)
    param = next(p for p in spec["params"] if p["name"] == "cell")
    assert param["select"]["fields"] == ["code", "column"]
    # the default cell is the first one coded, so the page opens on quotes
    assert at.selectbox(key="tri_code").value == next(
        k for k in expected.index if (expected.loc[k, groups] > 0).any())
    assert quote_ids(at)


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id")
    assert not at.exception
    assert at.title[0].value == "Triangulasi"
    assert "Sepakat sebagian" in at.radio(key="tri_verdict").options
    assert "Cakupan" in at.dataframe[0].value.columns


# -- pickers and the cell's quotes -----------------------------------------------------------

@pytest.mark.parametrize(("by", "rollup"), [("group", False), ("group", True), ("source_type", False),
                                            ("informant", True)])
def test_choosing_a_cell_lists_exactly_its_quotes(demo_path, by, rollup):
    with Project.open(demo_path) as p:
        matrix = p.matrix(by=by, rollup=rollup)
        codings, codes = p.codings(), p.codes()
        stacked = matrix.stack()
        code, column = stacked[stacked > 1].index[-1]  # a cell with several quotes, not the default one
        expected = [int(i) for i in p.cell_quotes(code, column, by=by, rollup=rollup)["id"]]
    at = page(demo_path, tri_by=by, tri_rollup=rollup, tri_code=code, tri_column=column)
    assert not at.exception
    assert at.selectbox(key="tri_code").value == code and at.selectbox(key="tri_column").value == column
    assert quote_ids(at) == expected == independent_cell(codings, codes, code, column, by, rollup)
    assert len(expected) == matrix.loc[code, column] > 1
    assert any(f"{code} × {column}: {len(expected)}" in c.value.replace("\\", "") for c in at.caption)


def test_cell_quotes_show_source_and_context_as_plain_text(coded):
    at = page(coded.path, tri_code="A.1", tri_column="community")
    quotes = coded.cell_quotes("A.1", "community")
    assert quote_ids(at) == list(quotes["id"])
    texts = [t.value for t in at.text]
    for row in quotes.itertuples():
        assert any(f"⟦{row.quote}⟧" in t and row.before[-10:] in t for t in texts)
    assert any("I-01_wawancara" in c.value.replace("\\", "") and "rina" in c.value for c in at.caption)


def test_measure_share_only_for_groups(demo_path):
    at = page(demo_path, tri_measure="share")
    assert "Share of the group's informants (%)" in at.selectbox(key="tri_measure").options
    with Project.open(demo_path) as p:
        share = p.matrix(measure="share")
        informants = p.axis_values("informant")
    assert (table(at)[["community", "agency"]].to_numpy() == share[["community", "agency"]].to_numpy()).all()
    at.selectbox(key="tri_by").set_value("informant").run()
    assert not at.exception
    assert at.selectbox(key="tri_measure").value == "segments"
    assert "Share of the group's informants (%)" not in at.selectbox(key="tri_measure").options
    assert [c for c in table(at).columns if c in informants] == informants


def test_coders_filter_and_consensus_coder(coded):
    at = page(coded.path)
    options = at.multiselect(key="tri_coders").options
    assert options[0] == "agreed (consensus)" and set(options) == {"agreed (consensus)", "rina", "budi"}
    assert table(at).loc["A.1", "leadership"] == 2  # budi's and the consensus coding, pooled
    at.multiselect(key="tri_coders").set_value(["agreed"]).run()
    shown = table(at)
    assert shown.loc["A.1", "leadership"] == 1 and shown.loc["A.1", "community"] == 0
    assert (shown[["community", "agency", "leadership"]].to_numpy()
            == coded.matrix(coders=["agreed"]).to_numpy()).all()


def test_rollup_counts_sub_codes_under_the_top_code(coded):
    at = page(coded.path, tri_rollup=True)
    shown = table(at)
    assert list(shown.index) == ["A", "B"]
    assert shown.loc["A", "community"] == 3 and shown.loc["A", "leadership"] == 2
    assert shown.loc["A", "Coverage"] == "2 of 3 groups"


def test_heatmap_click_copies_the_cell():
    """The chart's on_select callback turns the selected point into the two picker keys."""
    def script():
        import streamlit as st

        from qualcode.ui.triangulation_parts import pick_from_chart
        st.session_state["tri_heatmap"] = {"selection": {"cell": [{"code": "E3.3", "column": "leadership"}]}}
        pick_from_chart()
        st.session_state["tri_heatmap"] = {"selection": {"cell": []}}  # a cleared selection keeps the cell
        pick_from_chart()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert (at.session_state["tri_code"], at.session_state["tri_column"]) == ("E3.3", "leadership")


# -- opening a quote in the Code page --------------------------------------------------------

def test_open_in_code_page(coded):
    quote = coded.cell_quotes("B", "leadership").iloc[0]
    at = page(coded.path, tri_code="B", tri_column="leadership")
    at.button(key=f"tri_open_{quote['id']}").click().run()
    assert not at.exception
    assert at.title[0].value == "Code"
    assert at.session_state["code_doc"] == quote["document"] == "I-09_wawancara"
    assert at.session_state["code_focus"] == quote["start"]
    assert at.selectbox(key="code_doc").value == "I-09_wawancara"


def test_open_in_code_page_keeps_the_coder(coded):
    """st.switch_page drops every widget's value; the coder picked in the sidebar stays picked."""
    quote = coded.cell_quotes("B", "leadership").iloc[0]
    at = page(coded.path, coder=None, tri_code="B", tri_column="leadership")
    at.selectbox(key="coder").select("rina").run()
    at.button(key=f"tri_open_{quote['id']}").click().run()
    assert not at.exception
    assert at.session_state["coder"] == "rina"
    assert at.selectbox(key="code_doc").value == quote["document"]  # the transcript, not "pick your name"


# -- verdicts --------------------------------------------------------------------------------

def test_verdict_saved_with_the_coder_as_supervisor(coded):
    at = page(coded.path, coder="budi", tri_code="A.1", tri_column="community")
    assert "No verdict on this code yet." in [c.value for c in at.caption]
    at.radio(key="tri_verdict").set_value("partial_agreement")
    at.text_area(key="tri_rationale").input("Community and leadership both raise coordination; agency silent.")
    at.button(key="tri_verdict_save").click().run()
    assert not at.exception
    stored = coded.verdicts()
    assert len(stored) == 1
    row = stored.iloc[0]
    assert (row["code"], row["verdict"], row["supervisor"], row["group_a"]) == \
        ("A.1", "partial_agreement", "budi", None)
    assert row["rationale"].startswith("Community and leadership")
    assert "Partial agreement" in at.success[0].value
    shown = table(at)
    assert list(shown.columns[shown.columns.get_loc("Coverage"):][:3]) == ["Coverage", "Verdict", "Supervisor"]
    assert (shown.loc["A.1", "Coverage"], shown.loc["A.1", "Verdict"], shown.loc["A.1", "Supervisor"]) == \
        ("2 of 3 groups", "Partial agreement", "budi")
    assert shown.loc["B", "Verdict"] == ""
    assert at.text_area(key="tri_rationale").value == ""  # ready for the next one
    assert at.radio(key="tri_verdict").value == "partial_agreement"
    # a pairwise verdict adds to the history; the table keeps the whole-code verdict
    at.radio(key="tri_verdict").set_value("dissonance")
    at.multiselect(key="tri_verdict_groups").set_value(["leadership", "community"])
    at.button(key="tri_verdict_save").click().run()
    history = coded.verdicts(latest=False)
    assert len(history) == 2
    pair = history[history["verdict"] == "dissonance"].iloc[0]
    assert (pair["group_a"], pair["group_b"], pair["supervisor"]) == ("community", "leadership", "budi")
    assert table(at).loc["A.1", "Verdict"] == "Partial agreement"
    shown_history = frame_with(at, "Group A")
    assert list(shown_history["Verdict"]) == ["Dissonance", "Partial agreement"]  # newest first


def test_verdict_needs_a_coder(coded):
    before = snapshot(coded.path)
    at = page(coded.path, coder=None, tri_code="A.1")
    assert any("every verdict records its supervisor" in i.value for i in at.info)
    assert at.button(key="tri_verdict_save").disabled
    assert snapshot(coded.path) == before


@pytest.mark.parametrize(("verdict", "groups", "message"), [
    (None, [], "Choose a verdict first"),
    ("agreement", ["community"], "Pick two groups"),
])
def test_incomplete_verdict_is_refused(coded, verdict, groups, message):
    before = snapshot(coded.path)
    at = page(coded.path, tri_code="B")
    if verdict:
        at.radio(key="tri_verdict").set_value(verdict)
    at.multiselect(key="tri_verdict_groups").set_value(groups)
    at.button(key="tri_verdict_save").click().run()
    assert not at.exception
    assert message in at.warning[0].value
    assert snapshot(coded.path) == before


# -- co-occurrence ---------------------------------------------------------------------------

def test_cooccurrence_by_overlap_and_by_sentence(coded):
    at = page(coded.path)
    counts = frame_with(at, "A.1")
    counts = counts if "A.1" in counts.index else counts.set_index(counts.columns[0])
    expected, jaccard = coded.cooccurrence(by="overlap")
    assert counts.loc["A.1", "B"] == expected.loc["A.1", "B"] == 1  # "Koordinasinya jarang": A.1 and B by rina
    shown = [d.value for d in at.dataframe if "A.1" in d.value.columns]
    assert shown[1].loc["A.1", "B"] == round(jaccard.loc["A.1", "B"], 3)
    at.radio(key="tri_cooc_by").set_value("unit").run()
    assert not at.exception
    by_unit, _ = coded.cooccurrence(by="unit")
    assert [d.value for d in at.dataframe if "A.1" in d.value.columns][0].equals(by_unit)


def test_cooccurrence_empty(project):
    at = page(project.path, coder=None)
    assert any("No codes occur yet" in i.value for i in at.info)


# -- downloads -------------------------------------------------------------------------------

def test_table_downloads_are_readable_csv_and_xlsx(coded, downloads):
    coded.set_verdict("A.1", "agreement", supervisor="sari", rationale="all; said alike")
    at = page(coded.path, tri_measure="informants")
    assert not at.exception
    expected = coded.triangulation_table(measure="informants")
    names = dict(zip(coded.groups()["key"], coded.groups()["name"], strict=True))
    csv = pd.read_csv(io.BytesIO(downloads["triangulation_group_informants.csv"]), keep_default_na=False)
    # the sheet as `qualcode export matrix` writes it: "Table 1" and the title above the table
    xlsx = pd.read_excel(io.BytesIO(downloads["triangulation_group_informants.xlsx"]), keep_default_na=False,
                         skiprows=3).iloc[:len(csv)]
    groups = [names[g] for g in coded.groups()["key"]]
    for frame in (csv, xlsx):
        assert list(frame.columns) == ["code", "name", *groups, "coverage", "verdict", "rationale", "verdict_by",
                                       "verdict_at"]
        assert list(frame["code"]) == list(expected.index)
        coded_rows = frame["coverage"] != "see sub-codes"
        assert list(frame.loc[coded_rows, names["community"]]) == list(expected.loc[coded_rows.values, "community"])
        assert all(c.startswith(label) for c, label in zip(frame["coverage"], expected["label"], strict=True)
                   if c != "see sub-codes")
        row = frame.set_index("code").loc["A.1"]
        assert (row["verdict"], row["verdict_by"], row["rationale"]) == ("agreement", "sari", "all; said alike")


def test_heatmap_downloads_render_png_and_svg(coded, downloads):
    at = page(coded.path)
    labels = [b.label for b in at.get("download_button")]
    assert "Download the heat map (PNG)" in labels and "Download the heat map (SVG)" in labels
    png = downloads["triangulation_group_segments.png"]()  # rendered only when clicked
    svg = downloads["triangulation_group_segments.svg"]()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert svg.lstrip().startswith(b"<svg")
    # as `qualcode chart heatmap` draws it: groups by their names, codes by key and name, empty cells explained
    groups, codes = coded.groups(), coded.codes()
    assert all(name.encode() in svg for name in groups["name"])
    assert all(f"{k} {n}".encode() in svg for k, n in zip(codes["key"], codes["name"], strict=True))
    assert b"grey: none" in svg
    heatmap(coded.matrix()).to_dict()  # the chart the page draws is a valid spec
