"""Code co-occurrence by overlapping codings and by shared sentence units, on hand-worked cases."""

from __future__ import annotations

import pandas as pd
import pytest

from qualcode.analysis.cooccurrence import cooccurrence
from qualcode.errors import InputError

from .test_triangulation import build_hand_project

# name, document, coder, code, start, end
CODINGS = [
    ("a1", 1, "r", "A", 0, 10),
    ("b1", 1, "r", "B", 5, 15),    # overlaps a1: A-B
    ("c1", 1, "r", "C", 20, 30),
    ("b2", 1, "r", "B", 22, 25),   # overlaps c1: B-C
    ("a2", 1, "r", "A", 40, 50),
    ("c2", 1, "k", "C", 0, 10),    # overlaps a1 and b1, but another coder: no pair
    ("a3", 2, "r", "A", 0, 10),
    ("a4", 2, "r", "A", 2, 6),     # same code as a3: no pair
    ("b3", 2, "r", "B", 5, 8),     # overlaps a3 and a4: two A-B pairs
    ("c3", 2, "r", "C", 10, 20),   # touches a3 (end-exclusive): no overlap
]
UNITS = [(1, 0, 10), (1, 10, 20), (1, 20, 30), (1, 30, 40), (1, 40, 50), (2, 0, 10), (2, 10, 20)]


def codings_frame() -> pd.DataFrame:
    return pd.DataFrame(CODINGS, columns=["name", "document_id", "coder", "code", "start", "end"])


def units_frame() -> pd.DataFrame:
    return pd.DataFrame(UNITS, columns=["document_id", "start", "end"])


def table(frame: pd.DataFrame) -> dict:
    return {k: {c: v for c, v in row.items()} for k, row in frame.to_dict("index").items()}


def test_by_overlap():
    counts, jaccard = cooccurrence(codings_frame())
    assert list(counts.index) == list(counts.columns) == ["A", "B", "C"]
    # n_A = 4, n_B = 3, n_C = 3; pairs A-B = 3 (a1-b1, a3-b3, a4-b3), B-C = 1 (c1-b2), A-C = 0
    assert table(counts) == {"A": {"A": 4, "B": 3, "C": 0}, "B": {"A": 3, "B": 3, "C": 1},
                             "C": {"A": 0, "B": 1, "C": 3}}
    expected = {"A": {"A": 1.0, "B": 3 / 4, "C": 0.0}, "B": {"A": 3 / 4, "B": 1.0, "C": 1 / 5},
                "C": {"A": 0.0, "B": 1 / 5, "C": 1.0}}
    for a, row in expected.items():
        for b, value in row.items():
            assert jaccard.loc[a, b] == pytest.approx(value), (a, b)
    assert counts.dtypes.map(str).unique().tolist() == ["int64"]


def test_by_unit():
    counts, jaccard = cooccurrence(codings_frame(), by="unit", units=units_frame())
    # units carrying: u1 A B C, u2 B, u3 B C, u4 -, u5 A, u6 A B, u7 C
    assert table(counts) == {"A": {"A": 3, "B": 2, "C": 1}, "B": {"A": 2, "B": 4, "C": 2},
                             "C": {"A": 1, "B": 2, "C": 3}}
    expected = {("A", "B"): 2 / 5, ("A", "C"): 1 / 5, ("B", "C"): 2 / 5, ("A", "A"): 1.0, ("C", "C"): 1.0}
    for (a, b), value in expected.items():
        assert jaccard.loc[a, b] == pytest.approx(value)
        assert jaccard.loc[b, a] == pytest.approx(value)


def test_order_and_codes_that_occur():
    counts, jaccard = cooccurrence(codings_frame(), order=["C", "Z", "A", "B"])
    assert list(counts.index) == ["C", "A", "B"] == list(jaccard.columns)  # Z never occurs
    counts, _ = cooccurrence(codings_frame()[codings_frame()["code"] != "B"])
    assert list(counts.index) == ["A", "C"] and counts.loc["A", "C"] == 0


def test_jaccard_is_capped_when_one_coding_overlaps_many():
    codings = pd.DataFrame([(1, "r", "X", 0, 100), (1, "r", "Y", 0, 10), (1, "r", "Y", 20, 30)],
                           columns=["document_id", "coder", "code", "start", "end"])
    counts, jaccard = cooccurrence(codings)
    assert counts.loc["X", "Y"] == 2  # 2 / (1 + 2 - 2) would be 2.0
    assert jaccard.loc["X", "Y"] == 1.0


def test_unit_without_any_unit_carrying_a_code():
    codings = pd.DataFrame([(1, "r", "X", 0, 5), (9, "r", "Y", 0, 5)],
                           columns=["document_id", "coder", "code", "start", "end"])
    counts, jaccard = cooccurrence(codings, by="unit", units=units_frame())
    assert counts.loc["Y", "Y"] == 0 and jaccard.loc["Y", "Y"] == 0.0 and jaccard.loc["X", "X"] == 1.0


def test_errors():
    with pytest.raises(InputError, match=r"unknown co-occurrence mode \(by\) 'sentence'; allowed: overlap, unit"):
        cooccurrence(codings_frame(), by="sentence")
    with pytest.raises(InputError, match="needs the units"):
        cooccurrence(codings_frame(), by="unit")
    with pytest.raises(InputError, match="lack column"):
        cooccurrence(codings_frame().drop(columns=["coder"]))


def test_project_cooccurrence(tmp_path):
    with build_hand_project(tmp_path) as p:
        # d1: "first line here\nalpha beta gamma\ndelta epsilon zeta eta\n"; P.1 "alpha beta" (rina),
        # Q "gamma" (rina), P.2 "delta epsilon zeta" (budi). Add an overlapping Q by rina over "beta gamma".
        p.code_quote("d1", "beta gamma", "Q", "rina")
        counts, jaccard = p.cooccurrence()
        assert list(counts.index) == ["P", "P.1", "P.2", "Q"]  # codebook order; S never occurs
        assert counts.loc["P.1", "Q"] == 1 and counts.loc["Q", "Q"] == 5 and counts.loc["P.1", "P.1"] == 3
        assert jaccard.loc["P.1", "Q"] == pytest.approx(1 / (3 + 5 - 1))
        assert p.cooccurrence(coders=["budi"])[0].loc["P.1", "Q"] == 0
        units = p.units(kind="sentence")
        counts, _ = p.cooccurrence(by="unit")
        expected, _ = cooccurrence(p.codings(), by="unit", units=units, order=list(p.codes()["key"]))
        assert counts.equals(expected)
        line2 = units[(units["document_id"] == 1) & (units["start"] <= 16) & (units["end"] >= 26)]
        assert len(line2) == 1  # "alpha beta gamma" lies in one sentence unit, which carries P.1 and Q
        assert counts.loc["P.1", "Q"] >= 1
