"""Verdicts, summaries, the framework matrix, the triangulation table and the m002 schema step."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project
from qualcode.project.analysis import VERDICTS
from qualcode.store import SCHEMA_VERSION

from .conftest import assert_refused, snapshot
from .test_triangulation import ALL_CODES, GROUPS, INFORMANTS, build_hand_project


@pytest.fixture
def hand(tmp_path):
    with build_hand_project(tmp_path) as p:
        yield p


def recent(stamp: str) -> bool:
    return abs(datetime.fromisoformat(stamp) - datetime.now(UTC)) < timedelta(minutes=5)


# -- verdicts ----------------------------------------------------------------------------

def test_verdict_stored_with_supervisor_and_time(hand):
    assert VERDICTS == ("agreement", "partial_agreement", "silence", "dissonance")
    vid = hand.set_verdict("P", "agreement", supervisor="sari", rationale="  all groups describe it  ")
    rows = hand.verdicts()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row["id"] == vid
    assert (row["code"], row["verdict"], row["rationale"], row["supervisor"]) == (
        "P", "agreement", "all groups describe it", "sari")
    assert row["group_a"] is None and row["group_b"] is None
    assert recent(row["created_at"])
    coders = hand.coders().set_index("name")
    assert coders.loc["sari", "role"] == "supervisor"  # created on first use
    event = hand.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("verdict.set", "sari")


def test_latest_per_code_and_history_kept(hand):
    first = hand.set_verdict("P", "agreement", supervisor="sari")
    second = hand.set_verdict("P", "dissonance", supervisor="tono", rationale="community disagrees")
    other = hand.set_verdict("Q", "silence", supervisor="sari")
    latest = hand.verdicts()
    assert list(latest["id"]) == [second, other]
    assert list(latest["verdict"]) == ["dissonance", "silence"]
    history = hand.verdicts(latest=False)
    assert list(history["id"]) == [first, second, other]
    assert list(history.columns) == ["id", "code", "group_a", "group_b", "verdict", "rationale", "supervisor",
                                     "created_at"]
    hand.add_coder("kiki")  # an existing coder of another role may give verdicts too
    hand.set_verdict("Q", "agreement", supervisor="kiki")
    assert hand.coders().set_index("name").loc["kiki", "role"] == "coder"


def test_pair_verdicts(hand):
    pair = hand.set_verdict("P", "silence", supervisor="sari", groups=("leadership", "community"),
                            rationale="leadership says nothing")
    whole = hand.set_verdict("P", "partial_agreement", supervisor="sari")
    again = hand.set_verdict("P", "dissonance", supervisor="sari", groups=["community", "leadership"])
    other = hand.set_verdict("P", "agreement", supervisor="sari", groups=("agency", "community"))
    latest = hand.verdicts()
    assert list(latest["id"]) == [whole, other, again]  # whole code first, then pairs in group order
    rows = latest.set_index("id")
    assert (rows.loc[again, "group_a"], rows.loc[again, "group_b"]) == ("community", "leadership")  # group order
    assert (rows.loc[other, "group_a"], rows.loc[other, "group_b"]) == ("community", "agency")
    assert pair in set(hand.verdicts(latest=False)["id"]) and pair not in set(latest["id"])


@pytest.mark.parametrize(("kwargs", "error", "fragments"), [
    ({"code": "P", "verdict": "agree"}, InputError,
     ["unknown verdict 'agree'", "allowed: agreement, partial_agreement, silence, dissonance"]),
    ({"code": "Z", "verdict": "agreement"}, NotFoundError, ["unknown code 'Z'", "known: P, P.1, P.2, Q, S"]),
    ({"code": "P", "verdict": "agreement", "groups": ("community", "board")}, NotFoundError,
     ["unknown group 'board'", "known: community, agency, leadership"]),
    ({"code": "P", "verdict": "agreement", "groups": ("community", "community")}, InputError,
     ["two different group keys"]),
    ({"code": "P", "verdict": "agreement", "groups": ("community",)}, InputError, ["a pair of two group keys"]),
    ({"code": "P", "verdict": "agreement", "groups": "community"}, InputError, ["a pair of two group keys"]),
    ({"code": "P", "verdict": "agreement", "supervisor": "  "}, InputError, ["supervisor is empty"]),
])
def test_bad_verdicts_leave_the_file_unchanged(hand, kwargs, error, fragments):
    hand.set_verdict("Q", "agreement", supervisor="sari")
    args = {"supervisor": "newcomer", **kwargs}
    assert_refused(hand, lambda: hand.set_verdict(args.pop("code"), args.pop("verdict"), **args), error, *fragments)
    assert "newcomer" not in set(hand.coders()["name"])


def test_deleting_or_merging_a_code_takes_its_verdicts_and_summaries(hand):
    hand.set_verdict("Q", "agreement", supervisor="sari")
    hand.set_verdict("P.2", "silence", supervisor="sari")
    hand.set_summary("C1", "Q", "gamma only", author="sari")
    hand.delete_code("Q")
    hand.merge_codes("P.2", "P.1")
    assert hand.verdicts(latest=False).empty
    assert hand.summaries().empty
    assert hand.check() == []


def test_consensus_coders(hand):
    assert hand.consensus_coders() == []
    hand.add_coder("agreed", "consensus")
    assert hand.consensus_coders() == ["agreed"]


# -- the triangulation table -------------------------------------------------------------

def test_triangulation_table_puts_the_verdict_beside_the_pattern(hand):
    hand.set_verdict("P", "agreement", supervisor="sari", rationale="first look")
    hand.set_verdict("P", "partial_agreement", supervisor="tono", rationale="agency only in part")
    hand.set_verdict("Q", "dissonance", supervisor="sari", groups=("community", "agency"))
    table = hand.triangulation_table()
    assert list(table.columns) == [*GROUPS, "pattern", "label", "verdict", "rationale", "verdict_by", "verdict_at"]
    assert list(table.index) == ALL_CODES
    p = table.loc["P"]
    assert (p["community"], p["pattern"], p["label"]) == (1, "one", "one group only: community")
    assert (p["verdict"], p["rationale"], p["verdict_by"]) == ("partial_agreement", "agency only in part", "tono")
    assert p["verdict_at"] == hand.verdicts().set_index("code").loc["P", "created_at"]
    assert table.loc["Q", "verdict"] == "" and table.loc["Q", "pattern"] == "some"  # a pair verdict is not the code's
    assert table.loc["S", "pattern"] == "silent" and table.loc["S", "verdict_by"] == ""
    assert table.attrs["unassigned"] == 2
    rolled = hand.triangulation_table(rollup=True, measure="informants", coders=["rina"])
    assert list(rolled.index) == ["P", "Q", "S"]
    assert list(rolled.loc["P", GROUPS]) == [2, 1, 0]
    assert rolled.loc["P", "verdict"] == "partial_agreement"


# -- summaries and the framework matrix -----------------------------------------------------

def test_framework_matrix_defaults(hand):
    fw = hand.framework_matrix()
    assert list(fw.index) == INFORMANTS and list(fw.columns) == ALL_CODES
    assert fw.loc["C1"].to_dict() == {"P": "", "P.1": "1× · “alpha beta”",
                                      "P.2": "1× · “delta epsilon zeta”", "Q": "1× · “gamma”", "S": ""}
    assert fw.loc["C2", "P"] == "1× · “one two three four”" and fw.loc["C2", "P.1"] == "1× · “five six”"
    assert set(fw.loc["C3"]) == {""} and set(fw.loc["L1"]) == {""}
    rolled = hand.framework_matrix(rollup=True)
    assert list(rolled.columns) == ["P", "Q", "S"]
    assert rolled.loc["C1", "P"] == "2× · “alpha beta” · “delta epsilon zeta”"
    assert rolled.loc["C2", "P"] == "2× · “one two three four” · “five six”"
    assert rolled.loc["A1"].to_dict() == {"P": "1× · “kappa lambda”", "Q": "1× · “mu nu xi”", "S": ""}
    assert rolled.loc["A2", "Q"] == "1× · “pi”"
    assert hand.framework_matrix(rollup=True, quotes=1).loc["C1", "P"] == "2× · “alpha beta”"
    assert hand.framework_matrix(rollup=True, quotes=0).loc["C1", "P"] == "2×"
    budi = hand.framework_matrix(rollup=True, coders=["budi"])
    assert (budi.loc["C1", "P"], budi.loc["C2", "P"], budi.loc["A1", "Q"]) == (
        "1× · “delta epsilon zeta”", "1× · “five six”", "1× · “mu nu xi”")
    assert budi.loc["A2", "Q"] == ""
    with pytest.raises(InputError, match="quotes must be"):
        hand.framework_matrix(quotes=-1)


def test_framework_matrix_shortens_long_quotes_and_shows_a_passage_once(hand, tmp_path):
    long = "abcdefghij" * 10
    path = tmp_path / "long.txt"
    path.write_text(f"{long}\n", encoding="utf-8")
    hand.import_document(path, informant="C3", name="long")
    hand.code_quote("long", long, "S", "rina")
    hand.code_quote("d1", "alpha beta", "P.1", "budi")  # the same passage as coding 1, by the other coder
    fw = hand.framework_matrix()
    assert fw.loc["C3", "S"] == "1× · “" + "abcdefghij" * 7 + "abcdefghi" + "…”"
    assert fw.loc["C1", "P.1"] == "2× · “alpha beta”"


def test_summaries_upsert_and_delete(hand):
    hand.set_summary("C1", "P", "  Talks about alpha  ", author="sari")
    hand.set_summary("C3", "S", "Says nothing about S", author="sari")
    rows = hand.summaries()
    assert list(rows.columns) == ["informant", "code", "summary", "author", "updated_at"]
    assert rows[["informant", "code", "summary", "author"]].values.tolist() == [
        ["C1", "P", "Talks about alpha", "sari"], ["C3", "S", "Says nothing about S", "sari"]]
    assert all(recent(t) for t in rows["updated_at"])
    hand.set_summary("C1", "P", "Alpha, revised", author="tono")
    rows = hand.summaries()
    assert len(rows) == 2 and rows.iloc[0][["summary", "author"]].tolist() == ["Alpha, revised", "tono"]
    fw = hand.framework_matrix(rollup=True)
    assert fw.loc["C1", "P"] == "Alpha, revised" and fw.loc["C3", "S"] == "Says nothing about S"
    assert hand.framework_matrix().loc["C1", "P.1"] == "1× · “alpha beta”"
    events = [e["action"] for e in hand.store.events(4)]
    assert events == ["summary.set", "coder.add", "summary.set", "summary.set"]  # tono is new
    hand.set_summary("C1", "P", "   ", author="tono")
    assert list(hand.summaries()["informant"]) == ["C3"]
    assert hand.framework_matrix(rollup=True).loc["C1", "P"] == "2× · “alpha beta” · “delta epsilon zeta”"
    assert hand.store.events(1)[0]["action"] == "summary.delete"
    before = snapshot(hand.path)
    hand.set_summary("C1", "P", "", author="tono")  # nothing to remove: nothing written
    assert snapshot(hand.path) == before


@pytest.mark.parametrize(("args", "error", "fragment"), [
    (("X9", "P", "text"), NotFoundError, "unknown informant 'X9'"),
    (("C1", "Z", "text"), NotFoundError, "unknown code 'Z'"),
])
def test_bad_summaries_leave_the_file_unchanged(hand, args, error, fragment):
    assert_refused(hand, lambda: hand.set_summary(*args, author="sari"), error, fragment)
    assert_refused(hand, lambda: hand.set_summary("C1", "P", "x", author=" "), InputError, "author is empty")


# -- schema step m002 ----------------------------------------------------------------------

def test_file_from_before_m002_gets_the_new_tables(tmp_path):
    path = tmp_path / "old.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.add_code("E1", "Element one")
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE verdicts")
    conn.execute("DROP TABLE summaries")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_verdicts_summaries'")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert "verdicts" not in tables and "summaries" not in tables
    with Project.open(path) as p:
        tables = {r[0] for r in p.store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"verdicts", "summaries"} <= tables
        assert p.store.schema_version() == SCHEMA_VERSION
        assert p.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert list(p.groups()["key"]) == ["community"]
        p.set_verdict("E1", "silence", supervisor="sari")
        p.set_summary("I-01", "E1", "nothing yet", author="sari")
    with Project.open(path) as p:
        assert list(p.verdicts()["verdict"]) == ["silence"] and len(p.summaries()) == 1
