"""The triangulation matrix: hand-worked numbers on a small project, and the demo against plain pandas."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qualcode.analysis.triangulation import (
    AXES,
    MEASURES,
    cell_codings,
    code_matrix,
    coverage,
)
from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project

# Five documents. d5 has no informant: its codings have no group and no informant.
TEXTS = {
    "d1": ("C1", "interview", "first line here\nalpha beta gamma\ndelta epsilon zeta eta\n"),
    "d2": ("C2", "interview", "one two three four\nfive six\n"),
    "d3": ("A1", "interview", "kappa lambda\nmu nu xi\n"),
    "d4": ("A2", "observation", "omicron pi rho sigma\n"),
    "d5": (None, "document", "tau upsilon phi\nchi psi omega\n"),
}
# (code, document, coder, quote): ids 1..10 in this order.
CODINGS = [
    ("P.1", "d1", "rina", "alpha beta"),          # 1  C1 community interview, line 2, 2 words
    ("P.2", "d1", "budi", "delta epsilon zeta"),  # 2  C1, line 3, 3 words
    ("P", "d2", "rina", "one two three four"),    # 3  C2 community interview, line 1, 4 words
    ("P.1", "d3", "rina", "kappa lambda"),        # 4  A1 agency interview, line 1, 2 words
    ("Q", "d3", "budi", "mu nu xi"),              # 5  A1, line 2, 3 words
    ("Q", "d4", "rina", "pi"),                    # 6  A2 agency observation, line 1, 1 word
    ("P.2", "d5", "rina", "chi psi"),             # 7  no informant, document, line 2, 2 words
    ("Q", "d1", "rina", "gamma"),                 # 8  C1, line 2, 1 word
    ("P.1", "d2", "budi", "five six"),            # 9  C2, line 2, 2 words
    ("Q", "d5", "budi", "tau upsilon phi"),       # 10 no informant, document, line 1, 3 words
]
GROUPS = ["community", "agency", "leadership"]
SOURCES = ["interview", "observation", "document"]
INFORMANTS = ["C1", "C2", "C3", "A1", "A2", "L1"]
ALL_CODES = ["P", "P.1", "P.2", "Q", "S"]
TOP = ["P", "Q", "S"]


def build_hand_project(folder: Path) -> Project:
    """Three groups (leadership has an informant but no codings), codes P > P.1, P.2, Q and the
    silent S, two coders, five documents (d5 without informant) and the ten codings above."""
    p = Project.create(folder / "hand.qualcode", name="Hand-worked")
    for key in GROUPS:
        p.add_group(key, key.capitalize())
    for key, group in (("C1", "community"), ("C2", "community"), ("C3", "community"),
                       ("A1", "agency"), ("A2", "agency"), ("L1", "leadership")):
        p.add_informant(key, group)
    p.load_codebook(Codebook(name="hand", codes=[
        Code(key="P", name="Parent"), Code(key="P.1", name="Sub one", parent="P"),
        Code(key="P.2", name="Sub two", parent="P"), Code(key="Q", name="Other"), Code(key="S", name="Silent"),
    ]))
    for name, (informant, source, text) in TEXTS.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        p.import_document(path, informant=informant, source_type=source, language="en", name=name)
    for code, doc, coder, quote in CODINGS:
        p.code_quote(doc, quote, code, coder)
    return p


@pytest.fixture
def hand(tmp_path):
    with build_hand_project(tmp_path) as p:
        yield p


def frame(rows: dict[str, list], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns)


def same(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(actual.index) == list(expected.index)
    assert list(actual.columns) == list(expected.columns)
    assert actual.to_numpy().tolist() == expected.to_numpy().tolist(), f"\n{actual}\n!=\n{expected}"


# -- worked by hand ----------------------------------------------------------------------

def test_setup_is_what_the_hand_numbers_assume(hand):
    codings = hand.codings()
    assert list(codings.sort_values("id")["quote"]) == [c[3] for c in CODINGS]
    assert hand.axis_values("group") == GROUPS
    assert hand.axis_values("source_type") == SOURCES
    assert hand.axis_values("informant") == INFORMANTS


@pytest.mark.parametrize(("measure", "rows"), [
    ("segments", {"P": [1, 0, 0], "P.1": [2, 1, 0], "P.2": [1, 0, 0], "Q": [1, 2, 0], "S": [0, 0, 0]}),
    ("informants", {"P": [1, 0, 0], "P.1": [2, 1, 0], "P.2": [1, 0, 0], "Q": [1, 2, 0], "S": [0, 0, 0]}),
    # community has 3 informants, agency 2, leadership 1
    ("share", {"P": [33.3, 0.0, 0.0], "P.1": [66.7, 50.0, 0.0], "P.2": [33.3, 0.0, 0.0],
               "Q": [33.3, 100.0, 0.0], "S": [0.0, 0.0, 0.0]}),
    ("words", {"P": [4, 0, 0], "P.1": [4, 2, 0], "P.2": [3, 0, 0], "Q": [1, 4, 0], "S": [0, 0, 0]}),
])
def test_by_group_every_code(hand, measure, rows):
    matrix = hand.matrix(by="group", measure=measure)
    same(matrix, frame(rows, GROUPS))
    assert matrix.attrs["unassigned"] == 2  # codings 7 and 10, in d5 without informant
    assert matrix.attrs["axis_label"] == "groups"


@pytest.mark.parametrize(("measure", "rows"), [
    ("segments", {"P": [4, 1, 0], "Q": [1, 2, 0], "S": [0, 0, 0]}),
    ("informants", {"P": [2, 1, 0], "Q": [1, 2, 0], "S": [0, 0, 0]}),
    ("share", {"P": [66.7, 50.0, 0.0], "Q": [33.3, 100.0, 0.0], "S": [0.0, 0.0, 0.0]}),
    ("words", {"P": [11, 2, 0], "Q": [1, 4, 0], "S": [0, 0, 0]}),
])
def test_by_group_rolled_up(hand, measure, rows):
    matrix = hand.matrix(by="group", measure=measure, rollup=True)
    same(matrix, frame(rows, GROUPS))
    assert matrix.attrs["unassigned"] == 2


@pytest.mark.parametrize(("coder", "rollup", "rows", "unassigned"), [
    ("rina", False, {"P": [1, 0, 0], "P.1": [1, 1, 0], "P.2": [0, 0, 0], "Q": [1, 1, 0], "S": [0, 0, 0]}, 1),
    ("budi", False, {"P": [0, 0, 0], "P.1": [1, 0, 0], "P.2": [1, 0, 0], "Q": [0, 1, 0], "S": [0, 0, 0]}, 1),
    ("budi", True, {"P": [2, 0, 0], "Q": [0, 1, 0], "S": [0, 0, 0]}, 1),
])
def test_one_coder_against_pooled(hand, coder, rollup, rows, unassigned):
    matrix = hand.matrix(by="group", coders=[coder], rollup=rollup)
    same(matrix, frame(rows, GROUPS))
    assert matrix.attrs["unassigned"] == unassigned
    pooled = hand.matrix(by="group", rollup=rollup)
    both = hand.matrix(by="group", coders=["rina", "budi"], rollup=rollup)
    same(both, pooled)
    assert hand.matrix(coders=[], rollup=rollup).equals(pooled)  # an empty selection pools every coder


@pytest.mark.parametrize(("measure", "rollup", "rows"), [
    ("segments", False, {"P": [1, 0, 0], "P.1": [3, 0, 0], "P.2": [1, 0, 1], "Q": [2, 1, 1], "S": [0, 0, 0]}),
    # the codings of d5 count for 'document' but bring no informant
    ("informants", False, {"P": [1, 0, 0], "P.1": [3, 0, 0], "P.2": [1, 0, 0], "Q": [2, 1, 0], "S": [0, 0, 0]}),
    ("words", False, {"P": [4, 0, 0], "P.1": [6, 0, 0], "P.2": [3, 0, 2], "Q": [4, 1, 3], "S": [0, 0, 0]}),
    ("segments", True, {"P": [5, 0, 1], "Q": [2, 1, 1], "S": [0, 0, 0]}),
    ("informants", True, {"P": [3, 0, 0], "Q": [2, 1, 0], "S": [0, 0, 0]}),
])
def test_by_source_type(hand, measure, rollup, rows):
    matrix = hand.matrix(by="source_type", measure=measure, rollup=rollup)
    same(matrix, frame(rows, SOURCES))
    assert matrix.attrs["unassigned"] == 0


@pytest.mark.parametrize(("measure", "rollup", "rows"), [
    ("segments", True, {"P": [2, 2, 0, 1, 0, 0], "Q": [1, 0, 0, 1, 1, 0], "S": [0] * 6}),
    ("informants", True, {"P": [1, 1, 0, 1, 0, 0], "Q": [1, 0, 0, 1, 1, 0], "S": [0] * 6}),
    ("words", False, {"P": [0, 4, 0, 0, 0, 0], "P.1": [2, 2, 0, 2, 0, 0], "P.2": [3, 0, 0, 0, 0, 0],
                      "Q": [1, 0, 0, 3, 1, 0], "S": [0] * 6}),
    ("segments", False, {"P": [0, 1, 0, 0, 0, 0], "P.1": [1, 1, 0, 1, 0, 0], "P.2": [1, 0, 0, 0, 0, 0],
                         "Q": [1, 0, 0, 1, 1, 0], "S": [0] * 6}),
])
def test_by_informant(hand, measure, rollup, rows):
    matrix = hand.matrix(by="informant", measure=measure, rollup=rollup)
    same(matrix, frame(rows, INFORMANTS))
    assert matrix.attrs["unassigned"] == 2


def test_share_only_by_group(hand):
    for by in ("source_type", "informant"):
        with pytest.raises(InputError, match="needs by='group'"):
            hand.matrix(by=by, measure="share")


def test_types_index_and_attrs(hand):
    segments = hand.matrix()
    assert segments.index.name == "code" and segments.columns.name == "group"
    assert all(dtype == np.int64 for dtype in segments.dtypes)
    assert all(dtype == np.float64 for dtype in hand.matrix(measure="share").dtypes)
    assert segments.attrs == {"axis": "group", "measure": "segments", "rollup": False, "axis_label": "groups",
                              "unassigned": 2, "outside": 0}


def test_coverage_patterns_and_labels(hand):
    by_group = coverage(hand.matrix(by="group"))
    assert by_group.to_dict("index") == {
        "P": {"pattern": "one", "with": 1, "total": 3, "label": "one group only: community"},
        "P.1": {"pattern": "some", "with": 2, "total": 3, "label": "2 of 3 groups"},
        "P.2": {"pattern": "one", "with": 1, "total": 3, "label": "one group only: community"},
        "Q": {"pattern": "some", "with": 2, "total": 3, "label": "2 of 3 groups"},
        "S": {"pattern": "silent", "with": 0, "total": 3, "label": "silent"},
    }
    by_source = coverage(hand.matrix(by="source_type"))
    assert list(by_source["pattern"]) == ["one", "one", "some", "all", "silent"]
    assert list(by_source["label"]) == ["one source type only: interview", "one source type only: interview",
                                        "2 of 3 source types", "all 3 source types", "silent"]
    by_informant = coverage(hand.matrix(by="informant", rollup=True))
    assert list(by_informant["label"]) == ["3 of 6 informants", "3 of 6 informants", "silent"]
    bare = pd.DataFrame({"x": [1, 0], "y": [2, 0]}, index=["a", "b"])
    assert list(coverage(bare)["label"]) == ["all 2 groups", "silent"]  # default word: groups


def test_cell_quotes_rows_context_and_lines(hand):
    quotes = hand.cell_quotes("P", "community", rollup=True)
    assert list(quotes.columns) == ["id", "document", "document_id", "informant", "group", "source_type", "coder",
                                    "code", "start", "end", "line", "quote", "before", "after"]
    assert list(quotes["id"]) == [1, 2, 3, 9]
    assert list(quotes["code"]) == ["P.1", "P.2", "P", "P.1"]
    assert list(quotes["line"]) == [2, 3, 1, 2]
    assert list(quotes["informant"]) == ["C1", "C1", "C2", "C2"]
    first = quotes.iloc[0]
    assert (first["document"], first["start"], first["end"]) == ("d1", 16, 26)
    assert first["quote"] == "alpha beta"
    assert first["before"] == "first line here "
    assert first["after"] == " gamma delta epsilon zeta eta "
    short = hand.cell_quotes("P", "community", rollup=True, context=5)
    assert short.iloc[0]["before"] == "here " and short.iloc[0]["after"] == " gamm"
    assert list(hand.cell_quotes("P", "community")["id"]) == [3]
    assert list(hand.cell_quotes("P", "community", rollup=True, coders=["budi"])["id"]) == [2, 9]
    assert list(hand.cell_quotes("Q", "agency")["id"]) == [5, 6]
    assert hand.cell_quotes("P", "leadership", rollup=True).empty
    doc = hand.cell_quotes("P.2", "document", by="source_type")
    assert list(doc["id"]) == [7] and doc.iloc[0]["line"] == 2
    assert doc.iloc[0]["informant"] is None or pd.isna(doc.iloc[0]["informant"])
    assert list(hand.cell_quotes("P", "A1", by="informant", rollup=True)["id"]) == [4]


def test_cell_quotes_errors(hand):
    with pytest.raises(NotFoundError, match="unknown group 'board'; known: community, agency, leadership"):
        hand.cell_quotes("P", "board")
    with pytest.raises(NotFoundError, match="unknown code 'Z'"):
        hand.cell_quotes("Z", "community")
    with pytest.raises(NotFoundError, match="unknown coder 'zed'"):
        hand.cell_quotes("P", "community", coders=["zed"])
    with pytest.raises(InputError, match="context"):
        hand.cell_quotes("P", "community", context=-1)


def test_cell_codings_pure(hand):
    codings, codes = hand.codings(), hand.codes()
    assert list(cell_codings(codings, codes, "P", "community", rollup=True)["id"]) == [1, 2, 3, 9]
    assert list(cell_codings(codings, codes, "Q", "document", by="source_type")["id"]) == [10]
    assert list(cell_codings(codings, codes, "P", "C2", by="informant", rollup=True)["id"]) == [3, 9]
    assert list(cell_codings(codings, codes, "P", "C2", by="informant")["id"]) == [3]
    assert list(cell_codings(codings, codes, "P", "community").columns) == list(codings.columns)
    with pytest.raises(NotFoundError, match="unknown code 'Z'; known: P, P.1, P.2, Q, S"):
        cell_codings(codings, codes, "Z", "community")


def test_code_matrix_pure_with_unassigned_and_outside():
    codes = pd.DataFrame({"key": ["A", "A.1", "A.1.a", "B"], "parent": [None, "A", "A.1", None]})
    codings = pd.DataFrame({
        "code": ["A.1.a", "A.1", "B", "A", "B"],
        "group": ["g1", "g2", None, "g1", "g9"],
        "informant": ["i1", "i2", None, "i1", "i9"],
        "quote": ["a b", "c", "d e f", "g", "h"],
    })
    matrix = code_matrix(codings, codes, columns=["g1", "g2"], rollup=True)
    same(matrix, frame({"A": [2, 1], "B": [0, 0]}, ["g1", "g2"]))  # grandchild rolls up to A
    assert (matrix.attrs["unassigned"], matrix.attrs["outside"]) == (1, 1)
    informants = pd.DataFrame({"key": ["i1", "i2", "i3"], "group": ["g1", "g2", "g2"]})
    share = code_matrix(codings, codes, columns=["g1", "g2", "g3"], measure="share", informants=informants)
    same(share, frame({"A": [100.0, 0.0, 0.0], "A.1": [0.0, 50.0, 0.0], "A.1.a": [100.0, 0.0, 0.0],
                       "B": [0.0, 0.0, 0.0]}, ["g1", "g2", "g3"]))  # g3 has no informant: 0, not a division error
    weighted = code_matrix(codings.assign(n=[3, 1, 5, 2, 1]), codes, columns=["g1", "g2"], weight="n")
    same(weighted, frame({"A": [2, 0], "A.1": [0, 1], "A.1.a": [3, 0], "B": [0, 0]}, ["g1", "g2"]))
    assert weighted.attrs["unassigned"] == 5


def test_code_matrix_errors():
    codes = pd.DataFrame({"key": ["A"], "parent": [None]})
    codings = pd.DataFrame({"code": ["A"], "group": ["g1"], "informant": ["i"], "quote": ["x"]})
    with pytest.raises(InputError, match=r"unknown axis \(by\) 'region'; allowed: group, source_type, informant"):
        code_matrix(codings, codes, by="region", columns=["g1"])
    with pytest.raises(InputError, match="unknown measure 'count'; allowed: segments, informants, share, words"):
        code_matrix(codings, codes, measure="count", columns=["g1"])
    with pytest.raises(InputError, match="needs the informants"):
        code_matrix(codings, codes, measure="share", columns=["g1"])
    with pytest.raises(InputError, match="lack column"):
        code_matrix(codings.drop(columns=["quote"]), codes, measure="words", columns=["g1"])
    with pytest.raises(InputError, match="not in the codebook: Z"):
        code_matrix(codings.assign(code="Z"), codes, columns=["g1"])
    with pytest.raises(InputError, match="weight is not allowed"):
        code_matrix(codings.assign(n=1), codes, measure="words", columns=["g1"], weight="n")


def test_project_errors_name_allowed_values(hand):
    with pytest.raises(InputError, match="allowed: group, source_type, informant"):
        hand.matrix(by="region")
    with pytest.raises(InputError, match="allowed: segments, informants, share, words"):
        hand.matrix(measure="codings")
    with pytest.raises(NotFoundError, match="unknown coder 'zed'; known: budi, rina"):
        hand.matrix(coders=["zed"])


def test_empty_project_matrix(tmp_path):
    with Project.create(tmp_path / "e.qualcode") as p:
        matrix = p.matrix(by="source_type")
        assert matrix.shape == (0, 3) and list(matrix.columns) == SOURCES
        assert p.matrix().shape == (0, 0) and p.matrix().attrs["unassigned"] == 0


# -- the demo against an independent pandas computation -------------------------------

def independent(codings: pd.DataFrame, codes: pd.DataFrame, informants: pd.DataFrame, columns: list[str],
                by: str, measure: str, rollup: bool) -> tuple[pd.DataFrame, int]:
    """The matrix with plain pandas groupby/pivot, and the number of codings with no value on the axis."""
    parent = {k: (None if not isinstance(v, str) else v) for k, v in zip(codes["key"], codes["parent"], strict=True)}

    def top(key):
        while parent[key] is not None:
            key = parent[key]
        return key

    data = codings.copy()
    data["row"] = data["code"].map(top) if rollup else data["code"]
    unassigned = int(data[by].isna().sum())
    data = data[data[by].notna()]
    rows = [k for k in codes["key"] if not rollup or parent[k] is None]
    if measure == "segments":
        table = data.groupby(["row", by])["id"].count().unstack()
    elif measure in ("informants", "share"):
        table = data.groupby(["row", by])["informant"].nunique().unstack()
    else:
        data["words"] = data["quote"].map(lambda q: len(q.split()))
        table = data.pivot_table(index="row", columns=by, values="words", aggfunc="sum")
    table = table.reindex(index=rows, columns=columns).fillna(0)
    if measure == "share":
        sizes = informants.groupby("group")["key"].count().reindex(columns).fillna(0)
        table = (table / sizes.replace(0, np.nan) * 100).fillna(0).round(1)
    return table, unassigned


@pytest.fixture(scope="module")
def demo(demo_path):
    with Project.open(demo_path) as p:
        yield p


@pytest.mark.parametrize("rollup", [False, True])
@pytest.mark.parametrize(("by", "measure"), [(b, m) for b in AXES for m in MEASURES if m != "share" or b == "group"])
@pytest.mark.parametrize("coders", [None, ["budi"]])
def test_demo_matches_plain_pandas(demo, by, measure, rollup, coders):
    codings = demo.codings(coders=coders)
    expected, unassigned = independent(codings, demo.codes(), demo.informants(),
                                       demo.axis_values(by), by, measure, rollup)
    actual = demo.matrix(by=by, measure=measure, rollup=rollup, coders=coders)
    assert list(actual.index) == list(expected.index)
    assert list(actual.columns) == list(expected.columns)
    if measure == "share":
        assert np.allclose(actual.to_numpy(), expected.to_numpy(), atol=1e-9)
    else:
        assert actual.to_numpy().tolist() == expected.to_numpy().astype(int).tolist()
    assert actual.attrs["unassigned"] == unassigned
    assert actual.to_numpy().sum() > 0
    if measure == "segments":
        assert actual.to_numpy().sum() + unassigned == len(codings)


def test_demo_axis_values(demo):
    assert demo.axis_values("group") == list(demo.groups()["key"])
    assert demo.axis_values("informant") == list(demo.informants()["key"])
    assert demo.axis_values("source_type") == demo.store.source_types()
    assert not math.isnan(demo.matrix(measure="share").to_numpy().max())
