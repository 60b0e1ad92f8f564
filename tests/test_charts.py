"""The heat map of a triangulation matrix and its static export (PNG, SVG)."""

from __future__ import annotations

import pandas as pd
import pytest
from defusedxml import ElementTree

from qualcode.analysis.charts import heatmap, save_chart
from qualcode.errors import InputError

from .test_triangulation import build_hand_project

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def rows(spec: dict) -> list[dict]:
    """The data values of a chart spec (Altair moves inline data to top-level datasets)."""
    return spec["datasets"][spec["data"]["name"]]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    with build_hand_project(tmp_path_factory.mktemp("charts")) as p:
        return p.matrix(by="group", measure="segments")


def test_heatmap_layers_order_and_values(matrix):
    spec = heatmap(matrix, title="Segments by group").to_dict()
    assert spec["title"] == "Segments by group"
    rect, text = spec["layer"]
    assert rect["mark"]["type"] == "rect" and text["mark"]["type"] == "text"
    encoding = spec.get("encoding") or rect["encoding"]
    assert encoding["y"]["sort"] == ["P", "P.1", "P.2", "Q", "S"]
    assert encoding["x"]["sort"] == ["community", "agency", "leadership"]
    assert rect["encoding"]["color"]["field"] == "value"
    assert spec["params"][0]["name"] == "cell"  # Altair lifts the layer's selection to the top
    assert spec["params"][0]["select"]["fields"] == ["code", "column"]
    values = {(r["code"], r["column"]): r["value"] for r in rows(spec)}
    assert len(values) == 15
    assert values[("P.1", "community")] == 2 and values[("Q", "agency")] == 2 and values[("S", "leadership")] == 0


def test_heatmap_share_format_and_large_matrix():
    share = pd.DataFrame({"g1": [33.3, 100.0]}, index=["A", "B"])
    spec = heatmap(share, measure="share").to_dict()
    assert spec["layer"][1]["encoding"]["text"]["format"] == ".1f"
    jaccard = pd.DataFrame({"A": [1.0, 0.75], "B": [0.75, 1.0]}, index=["A", "B"])
    spec = heatmap(jaccard, measure="Jaccard").to_dict()
    assert spec["layer"][1]["encoding"]["text"]["format"] == ".2f"
    assert spec["layer"][0]["encoding"]["color"]["title"] == "Jaccard"
    assert heatmap(share.astype(int), measure="segments").to_dict()["layer"][1]["encoding"]["text"]["format"] == "d"
    big = pd.DataFrame(1, index=[f"C{i}" for i in range(40)], columns=[f"I-{j:03d}" for j in range(500)])
    assert len(rows(heatmap(big).to_dict())) == 20_000  # no 5,000-row limit


def test_save_png_and_svg(matrix, tmp_path):
    chart = heatmap(matrix, title="Segments by group")
    png = tmp_path / "m.png"
    save_chart(chart, png)
    assert png.read_bytes()[:8] == PNG_SIGNATURE
    svg = tmp_path / "m.svg"
    save_chart(chart, svg)
    root = ElementTree.fromstring(svg.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Segments by group", "community", "leadership", "P.1", "S"} <= texts


def test_other_suffix_refused(matrix, tmp_path):
    with pytest.raises(InputError, match=r"cannot save a chart as '.jpg'; use .png or .svg"):
        save_chart(heatmap(matrix), tmp_path / "m.jpg")
    assert not (tmp_path / "m.jpg").exists()
