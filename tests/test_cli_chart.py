"""`qualcode chart heatmap|profiles` (and `qualcode matrix-chart`) on the demo: the files read back as PNG (header
and size) and as SVG (the text Vega drew: code names beside keys, group names, empty cells in their grey)."""

from __future__ import annotations

import re
import sqlite3
import struct
from pathlib import Path

import pytest
from click.testing import CliRunner
from defusedxml import ElementTree

from qualcode.analysis.charts import ZERO_FILL
from qualcode.cli import main

SVG = "{http://www.w3.org/2000/svg}"


def run(*args: object, ok: bool = True):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert (result.exit_code == 0) == ok, result.output
    return result


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def svg_marks(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The SVG's texts, and the (aria-label, fill) of every rectangle mark."""
    root = ElementTree.parse(path).getroot()
    texts = []
    for text in root.iter(f"{SVG}text"):
        lines = [span.text or "" for span in text.iter(f"{SVG}tspan")]  # a title of several lines
        texts += lines or ["".join(text.itertext())]
    rects = [(p.get("aria-label", ""), p.get("fill", "")) for p in root.iter(f"{SVG}path")
             if p.get("aria-roledescription") in ("rect mark", "bar")]
    return texts, rects


def query(path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


@pytest.fixture(scope="module")
def demo(demo_path: Path) -> Path:
    return demo_path


def test_heatmap_png_and_svg(demo, tmp_path):
    png = tmp_path / "heat.png"
    run("chart", demo, "heatmap", "-o", png)
    width, height = png_size(png)
    codes = query(demo, "SELECT key, name FROM codes")
    assert width > 400 and height > 20 * len(codes)

    svg = tmp_path / "heat.svg"
    run("chart", demo, "heatmap", "-o", svg)
    texts, rects = svg_marks(svg)
    for key, name in codes:
        assert f"{key} {name}" in texts or any(t.startswith(f"{key} {name[:20]}") for t in texts)
    groups = [name for (name,) in query(demo, "SELECT name FROM groups")]
    assert set(groups) <= set(texts)
    assert "grey: none" in texts
    # the empty cells, counted from the codings: all in the zero fill, and no other cell in it
    coded = {(c, g) for c, g in query(demo, "SELECT DISTINCT k.key, g.name FROM codings x "
                                            "JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id "
                                            "JOIN informants i ON i.id = d.informant_id "
                                            "JOIN groups g ON g.id = i.group_id")}
    empty = {(f"{k} {n}", g) for k, n in codes for g in groups if (k, g) not in coded}
    grey = set()
    for label, fill in rects:
        column, code = re.match(r"[^:]+: (.*?); Code: (.*?);", label).groups()
        if fill == ZERO_FILL:
            grey.add((code, column))
    assert grey == empty and len(empty) > 10
    assert len(rects) == len(codes) * len(groups)


def test_matrix_chart_draws_the_same_heatmap(demo, tmp_path):
    run("chart", demo, "heatmap", "-o", tmp_path / "a.svg", "--by", "informant")
    run("matrix-chart", demo, "--by", "informant", "-o", tmp_path / "b.svg")
    def drawn(name: str) -> str:  # the renderer numbers its gradients, and Altair 5.0 its views, across calls
        return re.sub(r"(gradient|view)_\d+", r"\1", (tmp_path / name).read_text(encoding="utf-8"))

    assert drawn("a.svg") == drawn("b.svg")
    texts, _ = svg_marks(tmp_path / "a.svg")
    # informants with their group's name
    for key, group in query(demo, "SELECT i.key, g.name FROM informants i JOIN groups g ON g.id = i.group_id"):
        assert f"{key} ({group})" in texts


def test_profiles_png_and_svg(demo, tmp_path):
    png = tmp_path / "profiles.png"
    run("chart", demo, "profiles", "-o", png)
    width, height = png_size(png)
    assert width > 600 and height > 600

    svg = tmp_path / "profiles.svg"
    run("chart", demo, "profiles", "-o", svg, "--columns", "community,leadership")
    texts, bars = svg_marks(svg)
    name = dict(query(demo, "SELECT key, name FROM codes"))["E3.1"]
    assert any(t.startswith(f"E3.1 {name} · ") for t in texts)
    assert {"Community and stakeholders", "Dinas Sosial leadership"} <= set(texts)  # the legend
    assert "Related agencies" not in texts
    # each bar's share printed beside it with its group's name: readable without colour
    sizes = dict(query(demo, "SELECT g.key, count(*) FROM informants i JOIN groups g ON g.id = i.group_id "
                             "GROUP BY g.key"))
    who = query(demo, "SELECT count(DISTINCT i.id) FROM codings x JOIN codes k ON k.id = x.code_id "
                      "JOIN documents d ON d.id = x.document_id JOIN informants i ON i.id = d.informant_id "
                      "JOIN groups g ON g.id = i.group_id WHERE k.key = 'E3.1' AND g.key = 'leadership'")[0][0]
    assert f"{round(who * 100 / sizes['leadership'], 1):.1f} Dinas Sosial leadership" in texts
    assert len(bars) == 2 * len({t.split(" · ")[0] for t in texts if re.match(r"E\d", t) and " · " in t})


def test_profiles_difference_and_bad_input(demo, tmp_path):
    svg = tmp_path / "diff.svg"
    run("chart", demo, "profiles", "-o", svg, "--style", "difference", "--columns", "agency,community",
        "--share", "text")
    texts, bars = svg_marks(svg)
    assert any("Related agencies − Community and stakeholders" in t for t in texts)
    assert any(re.fullmatch(r"[+-]\d+\.\d", t) for t in texts)
    result = run("chart", demo, "profiles", "-o", tmp_path / "x.svg", "--columns", "agency,nowhere", ok=False)
    assert "nowhere" in result.output
    result = run("chart", demo, "profiles", "-o", tmp_path / "x.svg", "--style", "difference",
                 "--columns", "agency", ok=False)
    assert "two columns" in result.output
    result = run("chart", demo, "profiles", "-o", tmp_path / "x.gif", ok=False)
    assert ".gif" in result.output
