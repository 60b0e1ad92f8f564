"""The Charts page's code map through AppTest: the map on the demo, the edge picker and its passages (equal to
edge_passages), the way to the Code page, and the empty states."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.project.codemap import codemap_data, edge_passages

from .conftest import open_page


def page(path: Path | str, lang: str = "en", **state) -> AppTest:
    return open_page("charts", path, lang, coder="rina", charts_kind="codemap", **state)


def vega_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_demo_map_picker_and_passages(demo_path):
    at = page(demo_path, cmap_mode="unit")
    assert not at.exception
    specs = vega_specs(at)
    assert len(specs) == 1 and specs[0]["title"].startswith("Code map: same sentence")
    with Project.open(demo_path) as p:
        nodes, edges = codemap_data(p, mode="unit")
        heaviest = edges.sort_values(["weight", "code_a", "code_b"], ascending=[False, True, True], kind="stable")
        picker = at.selectbox(key="cmap_edge")
        assert picker.options == [picker.format_func(f"{a}\t{b}") for a, b in
                                  zip(heaviest["code_a"], heaviest["code_b"], strict=True)]
        # the keyboard path: pick another edge, read its passages
        a, b = heaviest.iloc[1]["code_a"], heaviest.iloc[1]["code_b"]
        at = picker.set_value(f"{a}\t{b}").run()
        assert not at.exception
        expected = edge_passages(p, a, b, mode="unit")
    assert len(expected) == int(heaviest.iloc[1]["count"])
    shown = [t.value for t in at.text]
    assert shown == expected["quote"].tolist()
    assert any(f"{len(expected)} passage" in c.value for c in at.caption)
    opened = at.button(key="cmap_open_0").click().run()
    assert opened.session_state["code_doc"] == expected.iloc[0]["document"]
    assert opened.session_state["code_focus"] == int(expected.iloc[0]["start"])


def test_scope_and_minimum(demo_path):
    at = page(demo_path, cmap_mode="unit", cmap_group="community", cmap_coders=["rina", "budi"])
    assert not at.exception
    with Project.open(demo_path) as p:
        _, edges = codemap_data(p, mode="unit", group="community", coders=["rina", "budi"])
    assert len(at.selectbox(key="cmap_edge").options) == len(edges) > 0
    assert "group community" in vega_specs(at)[0]["title"]
    at = page(demo_path, cmap_mode="unit", cmap_min_count=50.0)
    assert not at.exception
    assert any("No two codes co-occur" in i.value for i in at.info)
    assert not [s for s in at.selectbox if s.key == "cmap_edge"]


def test_bad_query_is_shown_with_its_position(demo_path):
    at = page(demo_path, cmap_query="E3.1 AND (")
    assert not at.exception
    assert at.error and at.code and "^" in at.code[0].value


def test_empty_projects(project, tmp_path):
    at = page(project.path)  # codes, nothing coded
    assert not at.exception
    assert any("Nothing is coded yet" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")
    with Project.create(tmp_path / "empty.qualcode"):
        pass
    at = page(tmp_path / "empty.qualcode", lang="id")
    assert not at.exception
    assert any("belum memiliki buku kode" in i.value for i in at.info)


def test_bahasa_indonesia(demo_path):
    at = page(demo_path, lang="id", cmap_mode="unit", cmap_size="informants")
    assert not at.exception
    spec = vega_specs(at)[0]
    assert spec["title"].startswith("Peta kode: kalimat yang sama, garis menurut kemunculan bersama")
    circles = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "circle")
    assert circles["encoding"]["size"]["title"] == "Informan"
    assert at.selectbox(key="cmap_edge").label == "Garis"
