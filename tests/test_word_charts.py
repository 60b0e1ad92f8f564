"""The word charts: the drawn data equals the table, and the cloud's words never overlap."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from qualcode.analysis.word_charts import bar_chart, cloud_layout, word_cloud
from qualcode.errors import InputError
from qualcode.project import Project


def drawn_values(spec: dict) -> list[dict]:
    """The rows a Vega-Lite spec draws, inline or in its consolidated datasets."""
    data = spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


@pytest.fixture(scope="module")
def table(demo_path):
    with Project.open(demo_path) as p:
        return p.word_frequencies()


def test_bar_chart_draws_the_table(table):
    spec = bar_chart(table, top=25).to_dict()
    drawn = [(v["word"], v["count"]) for v in drawn_values(spec)]
    assert drawn == list(zip(table["word"].head(25), table["count"].head(25), strict=True))
    assert spec["encoding"]["y"]["sort"] == list(table["word"].head(25))  # most frequent on top


def test_cloud_draws_the_table_without_overlap(table):
    layout = cloud_layout(table, top=80)
    assert layout.attrs["left_out"] == []
    assert sorted(zip(layout["word"], layout["count"], strict=True)) == \
        sorted(zip(table["word"].head(80), table["count"].head(80), strict=True))
    boxes = list(layout.itertuples())
    for a, b in itertools.combinations(boxes, 2):
        apart_x = abs(a.x - b.x) >= a.half_width + b.half_width
        apart_y = abs(a.y - b.y) >= a.half_height + b.half_height
        assert apart_x or apart_y, (a.word, b.word)
    width, height = layout.attrs["width"], layout.attrs["height"]
    assert ((layout["x"] - layout["half_width"]) >= 0).all() and ((layout["x"] + layout["half_width"]) <= width).all()
    assert ((layout["y"] - layout["half_height"]) >= 0).all()
    assert ((layout["y"] + layout["half_height"]) <= height).all()
    # a more frequent word is never drawn smaller
    assert list(layout.sort_values("count", ascending=False, kind="mergesort")["size"]) == \
        sorted(layout["size"], reverse=True)
    spec = word_cloud(table, top=80).to_dict()
    assert sorted((v["word"], v["count"]) for v in drawn_values(spec)) == \
        sorted(zip(layout["word"], layout["count"], strict=True))


def test_cloud_is_deterministic_and_seeded(table):
    first, again = cloud_layout(table, top=40), cloud_layout(table, top=40)
    pd.testing.assert_frame_equal(first, again)
    other = cloud_layout(table, top=40, seed=7)
    assert list(other["word"]) == list(first["word"])
    assert not (other["x"].to_numpy() == first["x"].to_numpy()).all()


def test_too_many_words_are_named_not_overlapped():
    many = pd.DataFrame({"word": [f"kata{n:03d}panjang" for n in range(400)], "count": range(400, 0, -1)})
    layout = cloud_layout(many, top=400)
    assert len(layout) + len(layout.attrs["left_out"]) == 400 and layout.attrs["left_out"]


def test_bad_top(table):
    with pytest.raises(InputError, match="top"):
        bar_chart(table, top=0)
