"""The Charts page's group profiles through AppTest: the chart and its table on the demo against the triangulation
matrix, the passages of a chosen bar against Project.cell_quotes, the choices and their messages, an empty
project, Bahasa Indonesia and the downloads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page

GROUPS = {"community": "Community and stakeholders", "agency": "Related agencies",
          "leadership": "Dinas Sosial leadership"}


def page(path: Path | str, lang: str = "en", **state) -> AppTest:
    return open_page("charts", path, lang, charts_kind="profiles", **state)


def chart_spec(at: AppTest) -> dict:
    """The profile chart's spec, with the data sets Streamlit sends beside it (Arrow) put back under
    ``datasets``."""
    chart = next(c for c in at.get("vega_lite_chart") if c.proto.id.endswith("prof_chart"))
    assert list(chart.proto.selection_mode) == ["bar"]  # a click on a bar reruns with the selection
    spec = json.loads(chart.proto.spec)
    spec.setdefault("datasets", {}).update(
        {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas().to_dict("records")
         for d in chart.proto.datasets})
    return spec


def drawn(spec: dict) -> list[dict]:
    data = spec["layer"][0].get("data") or spec["data"]
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def values_table(at: AppTest) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if any(str(c).endswith("(%)") for c in d.value.columns))


def quote_ids(at: AppTest) -> list[int]:
    return [int(b.key.rsplit("_", 1)[1]) for b in at.button if b.key and b.key.startswith("prof_open_")]


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """What the page hands to its download buttons, by file name (eager bytes, or the deferred callable)."""
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


def test_demo_chart_and_table_equal_the_matrix_share(demo_path):
    at = page(demo_path)
    assert not at.exception
    with Project.open(demo_path) as p:
        matrix = p.matrix(by="group", measure="share")
        table = p.triangulation_table(by="group", measure="informants")
        names = dict(zip(p.codes()["key"], p.codes()["name"], strict=True))
    records = drawn(chart_spec(at))
    shown = {(r["code"], r["column"]): r["value"] for r in records}
    assert shown and all(matrix.at[code, column] == value for (code, column), value in shown.items())
    assert {r["column_label"] for r in records} == set(GROUPS.values())
    labels = {r["code"]: r["row_label"] for r in records}
    assert labels["E3.1"] == f"E3.1 {names['E3.1']} · {table.at['E3.1', 'label']}"
    frame = values_table(at).set_index("Code")
    for key, name in GROUPS.items():
        assert frame[f"{name} (%)"].to_dict() == {c: matrix.at[c, key] for c in frame.index}
    # the pattern as the triangulation table words it, a group named by its name
    expected = {c: table.at[c, "label"] for c in frame.index}
    for code, label in expected.items():
        for key, name in GROUPS.items():
            if label.endswith(f"only: {key}"):
                expected[code] = label.replace(key, name)
    assert frame["Coverage"].to_dict() == expected
    assert any(label.startswith("one group only: ") for label in expected.values())


def test_chosen_bar_lists_its_passages(demo_path):
    with Project.open(demo_path) as p:
        expected = [int(i) for i in p.cell_quotes("E3.4", "leadership", by="group")["id"]]
    at = page(demo_path, prof_code="E3.4", prof_column="leadership")
    assert not at.exception
    assert quote_ids(at) == expected and len(expected) > 1
    assert any("E3.4" in c.value and "Dinas Sosial leadership" in c.value for c in at.caption)


def test_bar_click_copies_the_code_and_column():
    def script():
        import streamlit as st

        from qualcode.ui.profile_parts import pick_from_chart
        st.session_state["prof_chart"] = {"selection": {"bar": [{"code": "E5.4", "column": "community"}]}}
        pick_from_chart()
        st.session_state["prof_chart"] = {"selection": {"bar": []}}  # a cleared selection keeps the bar
        pick_from_chart()

    at = AppTest.from_function(script).run()
    assert not at.exception
    assert (at.session_state["prof_code"], at.session_state["prof_column"]) == ("E5.4", "community")


def test_text_share_source_types_and_attribute_axes(demo_path):
    at = page(demo_path, prof_share="text", prof_by="source_type")
    assert not at.exception
    with Project.open(demo_path) as p:
        words = p.matrix(by="source_type", measure="words")
    shown = {(r["code"], r["column"]): r["value"] for r in drawn(chart_spec(at))}
    for (code, column), value in shown.items():
        assert value == round(words.at[code, column] * 100 / words[column].sum(), 1)
    at = page(demo_path, prof_by="attribute:gender")
    assert not at.exception
    with Project.open(demo_path) as p:
        matrix = p.matrix(by="attribute:gender", measure="share")
    shown = {(r["code"], r["column"]): r["value"] for r in drawn(chart_spec(at))}
    assert all(matrix.at[c, k] == v for (c, k), v in shown.items()) and {k for _, k in shown} == {"L", "P"}


def test_difference_needs_exactly_two_columns(demo_path):
    at = page(demo_path, prof_style="difference")
    assert not at.exception
    assert any("exactly two columns; 3 are chosen" in w.value for w in at.warning)
    assert not [c for c in at.get("vega_lite_chart") if c.proto.id.endswith("prof_chart")]
    at.multiselect(key="prof_columns").unselect("leadership").run()
    assert not at.exception and not at.warning
    with Project.open(demo_path) as p:
        matrix = p.matrix(by="group", measure="share")
    records = drawn(chart_spec(at))
    assert records and all(r["difference"] == round(matrix.at[r["code"], "community"] - matrix.at[r["code"], "agency"],
                                                    1) for r in records)
    at.multiselect(key="prof_columns").unselect("agency").unselect("community").run()
    assert any("at least one column" in i.value for i in at.info)


def test_where_and_a_bad_condition(demo_path):
    at = page(demo_path, prof_where="gender = P")
    assert not at.exception
    with Project.open(demo_path) as p:
        matrix = p.matrix(by="group", measure="share", where="gender = P")
    shown = {(r["code"], r["column"]): r["value"] for r in drawn(chart_spec(at))}
    assert all(matrix.at[c, k] == v for (c, k), v in shown.items())
    at = page(demo_path, prof_where="gender = = P")
    assert not at.exception
    assert at.error and any("without the condition" in c.value for c in at.caption)
    assert chart_spec(at)


def test_empty_project_and_nothing_coded(tmp_path, project):
    empty = Project.create(tmp_path / "empty.qualcode", name="Empty")
    empty.close()
    at = page(tmp_path / "empty.qualcode")
    assert not at.exception
    assert any("no codebook yet" in i.value for i in at.info)
    at = page(project.path)
    assert not at.exception
    assert any("Nothing is coded yet" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id")
    assert not at.exception
    assert at.selectbox(key="prof_by").label == "Bandingkan"
    spec = chart_spec(at)
    assert spec["title"] == "Bagian informan tiap kelompok informan per kode"
    assert any(r["coverage_label"].startswith("semua 3") for r in drawn(spec))
    assert "Cakupan" in values_table(at).columns


def test_downloads_render_png_and_svg_and_the_table(demo_path, downloads):
    at = page(demo_path)
    assert not at.exception
    png = downloads["profiles_group_informants_side.png"]()  # rendered only when clicked
    svg = downloads["profiles_group_informants_side.svg"]()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert svg.lstrip().startswith(b"<svg") and b"Dinas Sosial leadership" in svg
    csv = downloads["profiles_group_informants.csv"]
    frame = pd.read_csv(io.BytesIO(csv))
    assert list(frame.columns)[-1] == "Coverage" and len(frame) == len(values_table(at))
