"""Projection of codings onto units (majority and any rules) on a hand-built project."""

from __future__ import annotations

import pandas as pd
import pytest

from qualcode.analysis.units import (
    char_units,
    multi_valued,
    presence_table,
    project_codings,
)
from qualcode.codebook import Code, Codebook
from qualcode.errors import InputError
from qualcode.project import CodingSpec, Project

TEXT = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu.\n"
# spaCy's sentences of TEXT: S1 = [0, 23) (23 characters: majority needs 12), S2 = [24, 47) (23: 12),
# S3 = [48, 69) (21: 11).
CODINGS = [
    ("X", "rina", 0, 12),   # S1: 12 of 23 -> majority and any
    ("X", "budi", 0, 11),   # S1: 11 of 23 -> any only
    ("X", "rina", 40, 47),  # S2: 7 of 23 -> any only
    ("X", "budi", 24, 30),  # S2: two touching codings, 12 of 23 together -> majority and any
    ("X", "budi", 30, 36),
    ("Y", "rina", 20, 50),  # S1: 3 (any), S2: 23 (both), S3: 2 (any)
]
EXPECTED = {  # rule -> code -> coder -> presence on S1, S2, S3
    "majority": {"X": {"rina": [1, 0, 0], "budi": [0, 1, 0]}, "Y": {"rina": [0, 1, 0], "budi": [0, 0, 0]}},
    "any": {"X": {"rina": [1, 1, 0], "budi": [1, 1, 0]}, "Y": {"rina": [1, 1, 1], "budi": [0, 0, 0]}},
}


def build_units_project(folder) -> Project:
    p = Project.create(folder / "units.qualcode")
    p.load_codebook(Codebook(name="u", codes=[Code(key="X", name="Ex"), Code(key="Y", name="Why")]))
    path = folder / "d1.txt"
    path.write_text(TEXT, encoding="utf-8")
    p.import_document(path, language="en", name="d1")
    p.add_codings([CodingSpec("d1", s, e, code, coder) for code, coder, s, e in CODINGS])
    return p


@pytest.fixture
def hand(tmp_path):
    with build_units_project(tmp_path) as p:
        yield p


def test_sentences_are_what_the_table_assumes(hand):
    units = hand.units("d1", kind="sentence")
    assert list(zip(units["start"], units["end"], strict=True)) == [(0, 23), (24, 47), (48, 69)]


@pytest.mark.parametrize("rule", ["majority", "any"])
def test_presence_tables(hand, rule):
    units = hand.units("d1", kind="sentence")
    tables = presence_table(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Y"], rule=rule)
    assert list(tables) == ["X", "Y"]
    for code, table in tables.items():
        assert list(table.index) == ["rina", "budi"]
        assert list(table.columns) == list(units["id"])
        assert {c: table.loc[c].tolist() for c in table.index} == EXPECTED[rule][code]


def test_long_table_and_multi_valued(hand):
    units = hand.units("d1", kind="sentence")
    long = project_codings(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Y"])
    assert list(long.columns) == ["unit_id", "document_id", "start", "end", "coder", "code", "present"]
    assert len(long) == 3 * 2 * 2
    got = {(r.code, r.coder): [] for r in long.itertuples()}
    for r in long.itertuples():
        got[(r.code, r.coder)].append(r.present)
    assert got == {(code, coder): v for code, by in EXPECTED["majority"].items() for coder, v in by.items()}
    cells = multi_valued(hand.codings(), units, coders=["rina", "budi"], codes=["X", "Y"])
    assert cells.loc["rina"].tolist() == [frozenset({"X"}), frozenset({"Y"}), frozenset()]
    assert cells.loc["budi"].tolist() == [frozenset(), frozenset({"X"}), frozenset()]


def test_char_units_and_coders_without_codings(hand):
    units = char_units({1: 69})
    table = presence_table(hand.codings(), units, coders=["rina", "budi", "nobody"], codes=["X"])["X"]
    assert table.shape == (3, 69)
    assert table.loc["budi"].sum() == 11 + 12 and table.loc["nobody"].sum() == 0
    assert table.loc["rina"].iloc[:12].all() and not table.loc["rina"].iloc[12:40].any()


def test_documents_are_kept_apart():
    # a coding at the end of document 1 must not reach into document 2's first unit
    codings = pd.DataFrame({"document_id": [1], "coder": ["a"], "code": ["X"], "start": [5], "end": [10]})
    units = pd.DataFrame({"id": [1, 2, 3], "document_id": [1, 1, 2], "start": [0, 5, 0], "end": [5, 10, 5]})
    table = presence_table(codings, units, coders=["a", "b"], codes=["X"], rule="any")["X"]
    assert table.loc["a"].tolist() == [0, 1, 0]


def test_bad_rule_and_columns(hand):
    units = hand.units("d1", kind="sentence")
    with pytest.raises(InputError, match="unknown projection rule 'most'; allowed: majority, any"):
        presence_table(hand.codings(), units, coders=["rina"], codes=["X"], rule="most")
    with pytest.raises(InputError, match="units lack column 'start'"):
        presence_table(hand.codings(), units.drop(columns=["start"]), coders=["rina"], codes=["X"])
