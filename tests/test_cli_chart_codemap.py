"""`qualcode chart PROJECT codemap`: PNG, SVG and GraphML written and read back by their readers."""

from __future__ import annotations

import struct
import zlib

import networkx as nx
import pytest
from click.testing import CliRunner
from defusedxml import ElementTree

from qualcode.cli import main
from qualcode.project import Project
from qualcode.project.codemap import codemap_data


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, its CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16:29]
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(kind + body)
    return struct.unpack(">II", body[:8])


def test_png(demo_path, tmp_path):
    out = tmp_path / "map.png"
    result = CliRunner().invoke(main, ["chart", str(demo_path), "codemap", "-o", str(out), "--mode", "unit"])
    assert result.exit_code == 0, result.output
    width, height = png_size(out.read_bytes())
    assert width > 600 and height > 400


def test_svg_names_the_codes(demo_path, tmp_path):
    out = tmp_path / "map.svg"
    result = CliRunner().invoke(main, ["chart", str(demo_path), "codemap", "-o", str(out), "--mode", "unit",
                                       "--size", "informants", "--group", "community"])
    assert result.exit_code == 0, result.output
    root = ElementTree.parse(out).getroot()
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    with Project.open(demo_path) as p:
        nodes, _ = codemap_data(p, mode="unit", size="informants", group="community")
        codes = p.codes().set_index("key")
    assert "group community" in texts  # the title says the scope
    for key in nodes["key"]:
        assert f"{key} {codes.at[key, 'name']}" in texts  # the legend: key and name


@pytest.mark.parametrize("weight, minimum", [("count", "2"), ("jaccard", "0.05")])
def test_graphml_opens_in_networkx(demo_path, tmp_path, weight, minimum):
    out = tmp_path / "map.graphml"
    result = CliRunner().invoke(main, ["chart", str(demo_path), "codemap", "-o", str(out), "--mode", "unit",
                                       "--weight", weight, "--min", minimum, "--coders", "rina,budi"])
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(out)
    with Project.open(demo_path) as p:
        counts, jaccard = p.cooccurrence(by="unit", coders=["rina", "budi"])
    table = counts if weight == "count" else jaccard
    expected = {tuple(sorted((a, b))): float(table.loc[a, b]) for a in table.index for b in table.columns
                if a < b and counts.loc[a, b] > 0 and table.loc[a, b] >= float(minimum)}
    got = {tuple(sorted((a, b))): float(d["weight"]) for a, b, d in graph.edges(data=True)}
    assert got.keys() == expected.keys() and len(got) > 0
    for pair, value in expected.items():
        assert got[pair] == pytest.approx(value)


def test_bad_options_are_reported(demo_path, tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["chart", str(demo_path), "codemap", "-o", str(tmp_path / "m.png"),
                                  "--group", "nobody"])
    assert result.exit_code != 0 and "nobody" in result.output
    result = runner.invoke(main, ["chart", str(demo_path), "codemap", "-o", str(tmp_path / "m.png"),
                                  "--query", "E3.2 AND ("])
    assert result.exit_code != 0 and "^" in result.output  # the position is shown
    result = runner.invoke(main, ["chart", str(demo_path), "heatmap", "-o", str(tmp_path / "m.graphml")])
    assert result.exit_code != 0 and "GraphML" in result.output
