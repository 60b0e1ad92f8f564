"""The code map: nodes, edges and weights against a computation written here from the raw rows of the project
file, its scopes against filters written here, the layout (seeded, no circles overlapping), the drill-down and
the GraphML a reader opens."""

from __future__ import annotations

import sqlite3
from collections import Counter
from itertools import combinations
from pathlib import Path

import defusedxml.ElementTree as DET
import networkx as nx
import numpy as np
import pandas as pd
import pytest

from qualcode.analysis.codemap import MAX_RADIUS, MIN_RADIUS, SELECTION, overlaps, radii, separate
from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project
from qualcode.project.codemap import codemap_chart, codemap_data, edge_passages, write_graphml


def raw_codings(path: Path) -> list[dict]:
    """Every coding with its code key, coder name, informant and group key, read with sqlite3."""
    db = sqlite3.connect(path)
    rows = db.execute(
        'SELECT x.id, x.document_id, c.key, k.name, x.start, x."end", i.key, g.key, x.created_at '
        "FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id "
        "JOIN documents d ON d.id = x.document_id LEFT JOIN informants i ON i.id = d.informant_id "
        "LEFT JOIN groups g ON g.id = i.group_id").fetchall()
    db.close()
    names = ["id", "doc", "code", "coder", "start", "end", "informant", "group", "created_at"]
    return [dict(zip(names, r, strict=True)) for r in rows]


def raw_units(path: Path) -> list[tuple[int, int, int]]:
    db = sqlite3.connect(path)
    rows = db.execute("SELECT document_id, start, \"end\" FROM units WHERE kind = 'sentence'").fetchall()
    db.close()
    return rows


def overlap_pairs(codings: list[dict]) -> Counter:
    """Pairs of overlapping codings of different codes by the same coder in the same document."""
    pairs: Counter = Counter()
    for a, b in combinations(codings, 2):
        if (a["doc"], a["coder"]) == (b["doc"], b["coder"]) and a["code"] != b["code"] \
                and a["start"] < b["end"] and b["start"] < a["end"]:
            pairs[tuple(sorted((a["code"], b["code"])))] += 1
    return pairs


def unit_pairs(codings: list[dict], units: list[tuple[int, int, int]]) -> Counter:
    """Sentence units touched by codings of both codes (any coder)."""
    pairs: Counter = Counter()
    for doc, start, end in units:
        codes = {c["code"] for c in codings if c["doc"] == doc and c["start"] < end and start < c["end"]}
        for pair in combinations(sorted(codes), 2):
            pairs[pair] += 1
    return pairs


def edge_counts(edges: pd.DataFrame) -> dict:
    return {tuple(sorted((a, b))): int(n) for a, b, n in zip(edges["code_a"], edges["code_b"], edges["count"],
                                                                 strict=True)}


@pytest.fixture(scope="module")
def demo(demo_path: Path):
    with Project.open(demo_path) as p:
        yield p


@pytest.mark.parametrize("mode", ["overlap", "unit"])
def test_edges_equal_an_independent_count_and_the_cooccurrence_table(demo, demo_path, mode):
    raw = raw_codings(demo_path)
    expected = overlap_pairs(raw) if mode == "overlap" else unit_pairs(raw, raw_units(demo_path))
    nodes, edges = codemap_data(demo, mode=mode, minimum=1)
    assert edge_counts(edges) == dict(expected)
    assert len(expected) >= 1
    counts, jaccard = demo.cooccurrence(by=mode)
    table = {(a, b): int(counts.loc[a, b]) for a, b in combinations(counts.index, 2) if counts.loc[a, b] > 0}
    assert edge_counts(edges) == {tuple(sorted(k)): v for k, v in table.items()}
    for a, b, j in zip(edges["code_a"], edges["code_b"], edges["jaccard"], strict=True):
        assert j == pytest.approx(float(jaccard.loc[a, b]))


def test_jaccard_weight_and_the_minimum(demo, demo_path):
    raw = raw_codings(demo_path)
    units = raw_units(demo_path)
    pairs = unit_pairs(raw, units)
    carrying = Counter()
    for doc, start, end in units:
        for code in {c["code"] for c in raw if c["doc"] == doc and c["start"] < end and start < c["end"]}:
            carrying[code] += 1
    expected = {p: n / (carrying[p[0]] + carrying[p[1]] - n) for p, n in pairs.items()}
    _, edges = codemap_data(demo, mode="unit", weight="jaccard", minimum=0)
    got = {tuple(sorted((a, b))): w for a, b, w in zip(edges["code_a"], edges["code_b"], edges["weight"],
                                                         strict=True)}
    assert got.keys() == expected.keys()
    for pair, value in expected.items():
        assert got[pair] == pytest.approx(value)
    cut = sorted(expected.values())[len(expected) // 2]
    _, kept = codemap_data(demo, mode="unit", weight="jaccard", minimum=cut)
    assert set(edge_counts(kept)) == {p for p, v in expected.items() if v >= cut - 1e-12}
    _, counted = codemap_data(demo, mode="unit", minimum=2)
    assert edge_counts(counted) == {p: n for p, n in pairs.items() if n >= 2}
    assert len(counted) < len(pairs)


@pytest.mark.parametrize("size", ["codings", "informants"])
def test_node_sizes_parents_and_colours(demo, demo_path, size):
    raw = raw_codings(demo_path)
    db = sqlite3.connect(demo_path)
    codes = {key: (parent, color) for key, parent, color in db.execute(
        "SELECT c.key, p.key, c.color FROM codes c LEFT JOIN codes p ON p.id = c.parent_id")}
    db.close()
    nodes, _ = codemap_data(demo, mode="unit", size=size)
    if size == "codings":
        expected = Counter(c["code"] for c in raw)
    else:
        # distinct informants; a document without an informant adds none
        expected = Counter(code for code, who in {(c["code"], c["informant"]) for c in raw} if who is not None)
        expected.update({c["code"]: 0 for c in raw})
    coded = set(expected)
    above = {codes[k][0] for k in coded if codes[k][0]}
    assert set(nodes["key"]) == coded | above  # every coded code and its parent
    for row in nodes.itertuples(index=False):
        assert row.size == expected.get(row.key, 0)
        assert row.parent == codes[row.key][0]
        assert row.color == codes[row.key][1]
    assert nodes["radius"].max() == pytest.approx(MAX_RADIUS)
    assert nodes.loc[nodes["size"] == 0, "radius"].tolist() == pytest.approx([MIN_RADIUS] * (nodes["size"] == 0).sum())


def test_scopes_against_filters_written_here(demo, demo_path):
    raw = raw_codings(demo_path)
    units = raw_units(demo_path)
    group = "community"
    _, edges = codemap_data(demo, mode="unit", group=group)
    assert edge_counts(edges) == dict(unit_pairs([c for c in raw if c["group"] == group], units))
    _, edges = codemap_data(demo, mode="unit", where=f"group = {group}")
    assert edge_counts(edges) == dict(unit_pairs([c for c in raw if c["group"] == group], units))
    _, edges = codemap_data(demo, mode="unit", coders=["budi"])
    assert edge_counts(edges) == dict(unit_pairs([c for c in raw if c["coder"] == "budi"], units))
    _, edges = codemap_data(demo, mode="unit", where="coder = rina")  # a coding-level condition
    assert edge_counts(edges) == dict(unit_pairs([c for c in raw if c["coder"] == "rina"], units))
    # a query: the codings touching one of its result passages (for a single code, that code's codings)
    anchors = [c for c in raw if c["code"] == "E3.2"]
    touching = [c for c in raw if any(a["doc"] == c["doc"] and a["start"] < c["end"] and c["start"] < a["end"]
                                      for a in anchors)]
    nodes, edges = codemap_data(demo, mode="unit", query="E3.2")
    assert edge_counts(edges) == dict(unit_pairs(touching, units))
    assert {k for k, s in zip(nodes["key"], nodes["size"], strict=True) if s} == {c["code"] for c in touching}
    assert len(touching) < len(raw)
    nodes, edges = codemap_data(demo, mode="overlap", group="agency", coders=["rina"])
    scoped = [c for c in raw if c["group"] == "agency" and c["coder"] == "rina"]
    assert edge_counts(edges) == dict(overlap_pairs(scoped))
    assert dict(zip(nodes["key"], nodes["size"], strict=True)) == {
        k: Counter(c["code"] for c in scoped).get(k, 0) for k in nodes["key"]}


def test_bad_options_name_the_field(demo):
    with pytest.raises(InputError, match="group"):
        codemap_data(demo, group="nobody")
    with pytest.raises(InputError, match="mode"):
        codemap_data(demo, mode="paragraph")
    with pytest.raises(InputError, match="weight"):
        codemap_data(demo, weight="pmi")
    with pytest.raises(InputError, match="size"):
        codemap_data(demo, size="words")
    with pytest.raises(InputError, match="minimum"):
        codemap_data(demo, minimum=float("nan"))
    with pytest.raises(InputError) as caught:
        codemap_data(demo, query="E3.2 AND (")
    assert getattr(caught.value, "position", None) is not None
    with pytest.raises(NotFoundError):
        codemap_data(demo, coders=["ghost"])


def test_layout_is_seeded_and_no_circles_overlap_on_the_demo(demo):
    for mode in ("overlap", "unit"):
        first, _ = codemap_data(demo, mode=mode)
        second, _ = codemap_data(demo, mode=mode)
        assert first[["x", "y"]].to_numpy().tolist() == second[["x", "y"]].to_numpy().tolist()
        points, radius = first[["x", "y"]].to_numpy(), first["radius"].to_numpy()
        for i, j in combinations(range(len(first)), 2):  # written out here, not overlaps() of the module
            assert np.hypot(*(points[i] - points[j])) >= radius[i] + radius[j]
        assert overlaps(first) == []
    other, _ = codemap_data(demo, mode="unit", seed=7)
    assert other[["x", "y"]].to_numpy().tolist() != first[["x", "y"]].to_numpy().tolist()


def test_separation_parts_crowded_and_coinciding_circles():
    rng = np.random.default_rng(3)
    points = np.vstack([np.zeros((6, 2)), rng.normal(0, 2, (30, 2))])  # six on one spot, thirty crowded
    radius = rng.uniform(5, 25, len(points))
    moved = separate(points, radius, gap=2.0, rounds=3)  # too few rounds: the spreading must finish the job
    for i, j in combinations(range(len(moved)), 2):
        assert np.hypot(*(moved[i] - moved[j])) >= radius[i] + radius[j] + 2.0 - 1e-6
    assert np.array_equal(moved, separate(points, radius, gap=2.0, rounds=3))
    assert radii(np.array([0, 25, 100])) == pytest.approx([MIN_RADIUS, np.sqrt((4 * MIN_RADIUS ** 2 * 3 + 4 *
                                                                                MAX_RADIUS ** 2) / 4) / 2,
                                                           MAX_RADIUS])


def test_edge_passages_match_the_edge(demo, demo_path):
    raw = raw_codings(demo_path)
    _, edges = codemap_data(demo, mode="unit")
    db = sqlite3.connect(demo_path)
    texts = dict(db.execute("SELECT id, text FROM documents"))
    db.close()
    for row in edges.head(5).itertuples(index=False):
        passages = edge_passages(demo, row.code_a, row.code_b, mode="unit")
        assert len(passages) == row.count
        for p in passages.itertuples(index=False):
            assert p.quote == texts[p.document_id][p.start:p.end]
            here = [c for c in raw if c["doc"] == p.document_id and c["start"] < p.end and p.start < c["end"]]
            assert {row.code_a, row.code_b} <= {c["code"] for c in here}
    _, edges = codemap_data(demo, mode="overlap")
    a, b = edges.iloc[0]["code_a"], edges.iloc[0]["code_b"]
    passages = edge_passages(demo, a, b, mode="overlap")
    expected = sorted((c["doc"], min(c["start"], d["start"]), max(c["end"], d["end"]), c["coder"])
                      for c in raw if c["code"] == a for d in raw if d["code"] == b and d["doc"] == c["doc"]
                      and d["coder"] == c["coder"] and c["start"] < d["end"] and d["start"] < c["end"])
    assert sorted(zip(passages["document_id"], passages["start"], passages["end"], passages["coder"],
                      strict=True)) == expected
    assert set(passages.columns) >= {"document", "informant", "group", "quote", "start", "end"}
    with pytest.raises(InputError):
        edge_passages(demo, a, a)
    with pytest.raises(NotFoundError):
        edge_passages(demo, a, "Z9")


def test_graphml_read_back_by_networkx_and_as_plain_xml(demo, tmp_path):
    path = tmp_path / "map.graphml"
    write_graphml(demo, path, mode="unit", minimum=2)
    nodes, edges = codemap_data(demo, mode="unit", minimum=2)
    graph = nx.read_graphml(path)
    assert set(graph.nodes) == set(nodes["key"])
    for row in nodes.itertuples(index=False):
        data = graph.nodes[row.key]
        assert (data["name"], int(data["size"]), data["colour"]) == (row.name, row.size, row.color)
        assert (float(data["x"]), float(data["y"])) == pytest.approx((row.x, row.y))
    assert {tuple(sorted((a, b))): float(d["weight"]) for a, b, d in graph.edges(data=True)} == {
        tuple(sorted((a, b))): float(w) for a, b, w in zip(edges["code_a"], edges["code_b"], edges["weight"],
                                                           strict=True)}
    root = DET.parse(path).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    names = {k.get("id"): k.get("attr.name") for k in root.findall("g:key", ns)}
    found_nodes = {n.get("id"): {names[d.get("key")]: d.text for d in n.findall("g:data", ns)}
                   for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    assert set(found_nodes) == set(nodes["key"])
    assert {k: int(v["size"]) for k, v in found_nodes.items()} == dict(zip(nodes["key"], nodes["size"], strict=True))
    found_edges = {tuple(sorted((e.get("source"), e.get("target")))):
                   float(next(d.text for d in e.findall("g:data", ns) if names[d.get("key")] == "weight"))
                   for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")}
    assert found_edges == edge_counts(edges)
    assert len(found_edges) == len(edges) > 0


def test_chart_draws_the_data_with_an_edge_selection(demo):
    chart = codemap_chart(demo, mode="unit", labels={"code": "Kode"})
    spec = chart.to_dict()
    nodes, edges = codemap_data(demo, mode="unit")
    assert "Code map" in spec["title"]
    layers = spec["layer"]
    params = [p for layer in layers for p in layer.get("params", [])] + spec.get("params", [])
    assert [p["name"] for p in params] == [SELECTION]  # Altair may lift a layer's selection to the top
    assert params[0]["select"]["fields"] == ["code_a", "code_b"]

    def values(layer: dict) -> list[dict]:  # inline data, or lifted into the spec's datasets by name
        data = layer["data"]
        return data["values"] if "values" in data else spec["datasets"][data["name"]]

    drawn_edges = values(next(layer for layer in layers if "strokeWidth" in layer.get("encoding", {})))
    assert {(e["code_a"], e["code_b"]): e["weight"] for e in drawn_edges} == {
        (a, b): w for a, b, w in zip(edges["code_a"], edges["code_b"], edges["weight"], strict=True)}
    circles = next(layer for layer in layers if layer["mark"]["type"] == "circle")
    assert circles["encoding"]["color"]["title"] == "Kode"
    assert circles["encoding"]["color"]["scale"]["range"] == nodes["color"].tolist()
    assert [r["label"] for r in values(circles)] == [f"{k} {n}" for k, n in zip(nodes["key"], nodes["name"],
                                                                                           strict=True)]


def test_an_empty_project_draws_an_empty_map(tmp_path):
    with Project.create(tmp_path / "empty.qualcode") as p:
        nodes, edges = codemap_data(p)
        assert nodes.empty and edges.empty
        codemap_chart(p).to_dict()
        write_graphml(p, tmp_path / "empty.graphml")
        assert nx.read_graphml(tmp_path / "empty.graphml").number_of_nodes() == 0
