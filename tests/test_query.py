"""Coding queries: each operator against a plain-Python computation on the demo project, WHERE filters,
precedence, errors with positions, the quote-table layout, counts, saved queries and coding the results."""

from __future__ import annotations

import re
from collections import defaultdict

import openpyxl
import pandas as pd
import pytest

from qualcode.analysis.query import parse
from qualcode.errors import DuplicateError, InputError, NotFoundError
from qualcode.export.quotes import quote_columns
from qualcode.export.tables import write_item
from qualcode.project import Project

from .conftest import copy_project


@pytest.fixture(scope="module")
def demo(demo_path):
    with Project.open(demo_path) as p:
        yield p


@pytest.fixture
def writable(demo_path, tmp_path):
    with Project.open(copy_project(demo_path, tmp_path / "demo.qualcode")) as p:
        yield p


@pytest.fixture(scope="module")
def data(demo):
    codings = demo.codings()
    units = demo.units()
    by_kind: dict[str, dict[int, list[tuple[int, int]]]] = {"sentence": defaultdict(list), "turn": defaultdict(list)}
    for row in units.itertuples():
        by_kind[row.kind][int(row.document_id)].append((int(row.start), int(row.end)))
    texts = {int(d): demo.document(int(d))["text"] for d in demo.documents()["id"]}
    return codings, by_kind, texts


def spans(frame: pd.DataFrame) -> set[tuple[int, int, int]]:
    return set(zip(frame["document_id"].astype(int), frame["start"].astype(int), frame["end"].astype(int),
                   strict=True))


def coded(codings: pd.DataFrame, key: str) -> set[tuple[int, int, int]]:
    part = codings[codings["code"] == key]
    return set(zip(part["document_id"].astype(int), part["start"].astype(int), part["end"].astype(int),
                   strict=True))


def overlap(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return a[0] == b[0] and a[1] < b[2] and b[1] < a[2]


def touched(span: tuple[int, int, int], units: dict[int, list[tuple[int, int]]]) -> set[tuple[int, int, int]]:
    """The units (document, start, end) with a character of ``span``."""
    return {(span[0], s, e) for s, e in units.get(span[0], []) if s < span[2] and span[1] < e}


# -- each operator against a plain computation ------------------------------------------

@pytest.mark.parametrize(("a", "b"), [("E6.1", "E6.2"), ("E1.4", "E2.3"), ("E4.4", "E7.4")])
def test_and_without_scope_is_the_overlap_of_codings(demo, data, a, b):
    codings = data[0]
    expected = {(x[0], max(x[1], y[1]), min(x[2], y[2]))
                for x in coded(codings, a) for y in coded(codings, b) if overlap(x, y)}
    assert expected  # the demo has such overlaps, so the comparison means something
    assert spans(demo.run_query(f"{a} AND {b}")) == expected


@pytest.mark.parametrize("kind", ["sentence", "turn"])
@pytest.mark.parametrize(("a", "b"), [("E6.1", "E6.2"), ("E1.3", "E8.3"), ("E4.4", "E7.4")])
def test_and_within_a_unit_is_the_units_holding_both(demo, data, kind, a, b):
    codings, units, _ = data
    with_a = set().union(*(touched(x, units[kind]) for x in coded(codings, a)))
    with_b = set().union(*(touched(y, units[kind]) for y in coded(codings, b)))
    assert with_a & with_b
    result = demo.run_query(f"{a} AND {b} WITHIN {kind}")
    assert spans(result) == with_a & with_b
    assert set(result["code"]) == {f"{a} + {b}"}


def test_and_within_document_keeps_both_codes_passages_in_documents_holding_both(demo, data):
    codings = data[0]
    a, b = coded(codings, "E3.1"), coded(codings, "E3.4")
    shared = {x[0] for x in a} & {y[0] for y in b}
    expected = {x for x in a | b if x[0] in shared}
    assert shared and expected != a | b
    assert spans(demo.run_query("E3.1 AND E3.4 WITHIN document")) == expected


def test_or_is_the_union_of_passages_and_within_turn_the_turns(demo, data):
    codings, units, _ = data
    union = coded(codings, "E8.5") | coded(codings, "E8.4")
    assert spans(demo.run_query("E8.5 OR E8.4")) == union
    turns = set().union(*(touched(x, units["turn"]) for x in union))
    assert spans(demo.run_query("E8.5 OR E8.4 WITHIN turn")) == turns


def test_not_without_scope_keeps_passages_overlapping_none(demo, data):
    codings = data[0]
    a, b = coded(codings, "E6.1"), coded(codings, "E6.2")
    expected = {x for x in a if not any(overlap(x, y) for y in b)}
    assert expected and expected != a
    assert spans(demo.run_query("E6.1 NOT E6.2")) == expected


@pytest.mark.parametrize("kind", ["sentence", "turn"])
def test_not_within_a_unit_drops_passages_sharing_a_unit_with_b(demo, data, kind):
    codings, units, _ = data
    a, b = coded(codings, "E4.4"), coded(codings, "E7.4")
    with_b = set().union(*(touched(y, units[kind]) for y in b))
    expected = {x for x in a if not touched(x, units[kind]) & with_b}
    assert expected and expected != a
    assert spans(demo.run_query(f"E4.4 NOT E7.4 WITHIN {kind}")) == expected


def test_not_within_document(demo, data):
    codings = data[0]
    a, b = coded(codings, "E3.1"), coded(codings, "E3.4")
    expected = {x for x in a if x[0] not in {y[0] for y in b}}
    assert expected and expected != a
    assert spans(demo.run_query("E3.1 NOT E3.4 WITHIN document")) == expected


@pytest.mark.parametrize(("a", "b", "n"), [("E3.1", "E3.4", 30), ("E8.5", "E8.4", 25), ("E6.1", "E6.2", 0)])
def test_near_spans_pairs_within_n_words(demo, data, a, b, n):
    codings, _, texts = data
    words = {d: [(m.start(), m.end()) for m in re.finditer(r"\w+", t)] for d, t in texts.items()}
    expected = set()
    for x in coded(codings, a):
        for y in coded(codings, b):
            if x[0] != y[0]:
                continue
            gap_start, gap_end = min(x[2], y[2]), max(x[1], y[1])
            between = sum(1 for s, e in words[x[0]] if s >= gap_start and e <= gap_end)
            if between <= n:
                expected.add((x[0], min(x[1], y[1]), max(x[2], y[2])))
    assert expected
    assert spans(demo.run_query(f"{a} NEAR {b} {n} WORDS")) == expected


# -- WHERE ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def enriched(demo, data):
    """Each coding with its informant's role, organisation and attributes, joined in plain pandas."""
    informants = demo.informants()
    extra = pd.DataFrame({"informant": informants["key"], "role": informants["role"],
                          "gender": [a.get("gender") for a in informants["attributes"]],
                          "interview_date": [a.get("interview_date") for a in informants["attributes"]]})
    return data[0].merge(extra, on="informant", how="left")


@pytest.mark.parametrize(("where", "keep"), [
    ('group = leadership AND role ~ "kepala"',
     lambda f: (f["group"] == "leadership") & f["role"].fillna("").str.lower().str.contains("kepala")),
    ("interview_date >= 2021-03-20 AND gender = P",
     lambda f: (f["interview_date"].fillna("") >= "2021-03-20") & (f["gender"] == "P")),
    ("group != community", lambda f: f["group"] != "community"),  # documents without a group too
    ("coder = rina AND source_type = interview", lambda f: (f["coder"] == "rina") & (f["source_type"] == "interview")),
    ("NOT (group = agency OR group = leadership)", lambda f: ~f["group"].isin(["agency", "leadership"])),
    ("informant = I-07 OR document ~ 'obs'",
     lambda f: (f["informant"] == "I-07") | f["document"].str.lower().str.contains("obs")),
])
def test_where_filters_the_codings_as_pandas_does(demo, enriched, where, keep):
    kept = enriched[keep(enriched)]
    expected = coded(kept, "E3.1") | coded(kept, "E3.4") | coded(kept, "E4.2")
    assert expected and expected != coded(enriched, "E3.1") | coded(enriched, "E3.4") | coded(enriched, "E4.2")
    assert spans(demo.run_query(f"(E3.1 OR E3.4) OR E4.2 WHERE {where}")) == expected


def test_numeric_attributes_compare_as_numbers(writable):
    for key, age in (("I-01", "9"), ("I-02", "40"), ("I-03", "120")):
        attributes = dict(writable.informants().set_index("key").at[key, "attributes"])
        writable.edit_informant(key, attributes={**attributes, "age": age})
    codings = writable.codings()
    # as text "9" > "40"; as numbers only I-03 (120) is above 40, and I-02 (40) is not above it
    expected = coded(codings[codings["informant"].isin(["I-03"])], "E4.2")
    assert spans(writable.run_query("E4.2 WHERE age > 40")) == expected
    expected = coded(codings[codings["informant"].isin(["I-01", "I-02"])], "E4.2")
    assert spans(writable.run_query("E4.2 WHERE age <= 40")) == expected


def test_date_is_the_day_a_coding_was_made(writable):
    from qualcode.project import CodingSpec

    old = writable.add_codings([CodingSpec(1, 0, 20, "E5", "sari", created_at="2021-05-02T08:00:00+00:00"),
                                CodingSpec(2, 0, 20, "E5", "sari", created_at="2021-06-30T23:59:00+00:00")])
    codings = writable.codings(codes=["E5"])
    day = codings["created_at"].str[:10]
    for where, keep in (("date < 2021-06-01", day < "2021-06-01"), ("date >= 2021-06-30", day >= "2021-06-30"),
                        ("date = 2021-05-02", day == "2021-05-02")):
        expected = coded(codings[keep], "E5")
        assert expected and spans(writable.run_query(f"E5 WHERE {where}")) == expected
    assert len(old) == 2


def test_coders_option_takes_only_their_codings(demo, data):
    codings = data[0]
    rina = codings[codings["coder"] == "rina"]
    result = demo.run_query("E4.4 OR E4.2", coders=["rina"])
    assert spans(result) == coded(rina, "E4.4") | coded(rina, "E4.2")
    assert set(result["coders"]) == {"rina"}


# -- precedence -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "tree"), [
    ("A OR B AND C", "(A OR (B AND C))"),
    ("A AND B NOT C", "(A AND (B NOT C))"),
    ("A NOT B NEAR C 5 words", "(A NOT (B NEAR C 5 WORDS))"),
    ("(A OR B) AND C", "((A OR B) AND C)"),
    ("A or b and not_a_keyword", "(A OR (b AND not_a_keyword))"),
    ('"AND" OR A', "(AND OR A)"),
])
def test_precedence(text, tree):
    assert str(parse(text).expr) == tree


def test_precedence_changes_the_result(demo, data):
    codings = data[0]
    a, b, c = coded(codings, "E1.4"), coded(codings, "E6.2"), coded(codings, "E6.1")
    and_first = a | {(x[0], max(x[1], y[1]), min(x[2], y[2])) for x in b for y in c if overlap(x, y)}
    assert spans(demo.run_query("E1.4 OR E6.2 AND E6.1")) == and_first
    assert spans(demo.run_query("(E1.4 OR E6.2) AND E6.1")) != and_first


def test_where_precedence(demo, enriched):
    kept = enriched[(enriched["group"] == "agency") | ((enriched["group"] == "leadership")
                                                       & (enriched["coder"] == "budi"))]
    assert spans(demo.run_query("E4.2 WHERE group = agency OR group = leadership AND coder = budi")) == \
        coded(kept, "E4.2")


# -- errors with positions ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "position", "fragment"), [
    ("", 0, "empty"),
    ("E1 AND", 6, "code key or '(' expected"),
    ("E1 AND (E2", 10, "')' expected"),
    ("E1 WITHIN paragraph", 10, "scope expected"),
    ("E1 NEAR E2 ten WORDS", 11, "whole number"),
    ("E1 NEAR E2 10 lines", 14, "WORDS expected"),
    ("E1 E2", 3, "expected"),
    ("NOT E1", 0, "NOT needs a code before it"),
    ('E1 WHERE role ~ "kepala', 16, "quote not closed"),
    ("E1 WHERE group leadership", 15, "comparison expected"),
    ("E1 WHERE group = ", 16, "value expected"),
    ("E1 WHERE group ! x", 15, "'!' must be followed by '='"),
    ("E1 WHERE interview_date > soon", 26, "compares numbers or dates"),
])
def test_syntax_errors_point_at_the_position(demo, text, position, fragment):
    with pytest.raises(InputError) as info:
        demo.run_query(text)
    error = info.value
    assert error.position == position
    assert fragment in str(error)
    lines = str(error).split("\n")
    assert lines[1] == "  " + text and lines[2] == "  " + " " * position + "^"


@pytest.mark.parametrize(("text", "position", "fragment"), [
    ("E3.1 AND E99", 9, "unknown code 'E99'"),
    ("E3.1 WHERE grup = leadership", 11, "unknown field 'grup'"),
    ("E3.1 WHERE group = leadersip", 19, "unknown group 'leadersip'; known: community, agency, leadership"),
    ("E3.1 WHERE coder = nobody", 19, "unknown coder 'nobody'"),
    ("E3.1 WHERE source_type ~ x AND group > 3", 31, "group is text"),
])
def test_unknown_names_point_at_the_position(demo, text, position, fragment):
    with pytest.raises(InputError) as info:
        demo.run_query(text)
    assert info.value.position == position
    assert fragment in str(info.value)


# -- the result as a quote table, and counts ----------------------------------------------------

def test_result_is_a_quote_table_with_the_passages(demo, data, tmp_path):
    texts = data[2]
    result = demo.run_query("E6.1 NOT E6.2 WITHIN sentence")
    assert list(result.columns) == [*quote_columns(reference="sentence"), "document_id", "start", "end"]
    for row in result.itertuples():
        assert row.quote == texts[row.document_id][row.start:row.end]
        assert demo.document(row.document)["id"] == row.document_id
    table = demo.query_table("E6.1 NOT E6.2 WITHIN sentence")
    write_item(table, tmp_path / "query.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "query.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[:2] == ["code", "code_name"])
    assert values[header][:len(quote_columns(reference="sentence"))] == quote_columns(reference="sentence")
    column = values[header].index("quote")
    quotes = [row[column] for row in values[header + 1:] if row[column] is not None]
    assert quotes == result["quote"].tolist()


@pytest.mark.parametrize("by", ["group", "informant", "source_type"])
def test_matrix_counts_the_passages_per_axis(demo, by):
    passages = demo.query_passages("E4.4 OR E4.2 WITHIN sentence")
    matrix = demo.query_matrix("E4.4 OR E4.2 WITHIN sentence", by=by)
    expected = passages[by].value_counts()
    assert {k: int(v) for k, v in matrix.loc["all"].items() if v} == {k: int(v) for k, v in expected.items()}
    for code in ("E4.4", "E4.2"):
        mine = passages[[code in c for c in passages["codes"]]]
        assert {k: int(v) for k, v in matrix.loc[code].items() if v} == \
            {k: int(v) for k, v in mine[by].value_counts().items()}
    assert matrix.attrs["unassigned"] == int(passages[by].isna().sum())
    with pytest.raises(InputError, match="axis"):
        demo.query_matrix("E4.4", by="coder")


def test_matrix_by_an_informant_attribute(demo):
    text = "E4.4 OR E4.2 WITHIN sentence"
    passages = demo.query_passages(text)
    informants = demo.informants()
    gender = {k: (a or {}).get("gender") for k, a in zip(informants["key"], informants["attributes"], strict=True)}
    values = pd.Series([gender.get(i) if isinstance(i, str) else None for i in passages["informant"]])
    assert values.notna().any()
    matrix = demo.query_matrix(text, by="attribute:gender")
    assert {k: int(v) for k, v in matrix.loc["all"].items() if v} == \
        {k: int(v) for k, v in values.value_counts().items()}
    assert matrix.attrs["unassigned"] == int(values.isna().sum())
    with pytest.raises(InputError, match="attribute"):
        demo.query_matrix(text, by="attribute:no_such_thing")


# -- saved queries -----------------------------------------------------------------------------------

def test_saved_queries_are_audited_and_undone(writable):
    writable.save_query("trust in leadership", "E3.1 WHERE group = leadership", actor="rina")
    saved = writable.saved_queries()
    assert saved[["name", "text", "author"]].values.tolist() == [
        ["trust in leadership", "E3.1 WHERE group = leadership", "rina"]]
    with pytest.raises(DuplicateError):
        writable.save_query("trust in leadership", "E3.2", actor="rina")
    writable.save_query("trust in leadership", "E3.2", actor="rina", replace=True)
    assert writable.saved_query("trust in leadership")["text"] == "E3.2"
    with pytest.raises(InputError) as info:
        writable.save_query("broken", "E3.2 AND", actor="rina")
    assert info.value.position == 8 and len(writable.saved_queries()) == 1
    writable.delete_saved_query("trust in leadership", actor="rina")
    assert writable.saved_queries().empty
    assert writable.history()["description"].iloc[0] == "delete saved query 'trust in leadership'"
    writable.undo("rina")
    assert writable.saved_query("trust in leadership")["text"] == "E3.2"
    with pytest.raises(NotFoundError, match="trust in leadership"):
        writable.delete_saved_query("nothing like it")


# -- code the results as -----------------------------------------------------------------------------

def test_code_results_as_adds_exactly_the_reviewed_passages_in_one_step(writable):
    text = "E4.4 NOT E4.2 WITHIN turn"
    preview = writable.code_as_preview(text, "E5", "sari")
    assert not preview["coded"].any() and len(preview) > 4
    reviewed = preview.iloc[[0, 2, 4]]  # the coder unticked the others
    before = writable.codings()
    ids, skipped = writable.code_results_as(text, "E5", "sari", passages=reviewed)
    after = writable.codings()
    added = after[~after["id"].isin(before["id"])]
    assert sorted(added["id"]) == sorted(ids) and skipped == 0
    assert spans(added) == spans(reviewed)
    assert set(added["code"]) == {"E5"} and set(added["coder"]) == {"sari"}
    assert (added["quote"].tolist() == [writable.document(int(d))["text"][s:e]
                                        for d, s, e in zip(added["document_id"], added["start"], added["end"],
                                                           strict=True)])
    assert writable.history()["description"].iloc[0] == "code 3 query results as E5"
    # the same again: nothing added twice; the preview marks them
    assert writable.code_results_as(text, "E5", "sari", passages=reviewed) == ([], 3)
    assert writable.code_as_preview(text, "E5", "sari")["coded"].sum() == 3
    writable.undo("sari")
    assert len(writable.codings()) == len(before)


def test_code_results_as_refuses_a_passage_the_query_did_not_return(writable):
    before = len(writable.codings())
    stranger = pd.DataFrame({"document_id": [1], "start": [0], "end": [5]})
    with pytest.raises(InputError, match="not results of the query"):
        writable.code_results_as("E4.4 NOT E4.2 WITHIN turn", "E5", "sari", passages=stranger)
    assert len(writable.codings()) == before
    with pytest.raises(NotFoundError):
        writable.code_results_as("E4.4", "E404", "sari")


def test_a_file_from_before_saved_queries_gets_the_table(demo_path, tmp_path):
    import sqlite3

    from qualcode.store import SCHEMA_VERSION

    path = copy_project(demo_path, tmp_path / "old.qualcode")
    conn = sqlite3.connect(path)
    for op in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER audit_saved_queries_{op}")
    conn.execute("DROP TABLE saved_queries")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm013_saved_queries'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION and p.saved_queries().empty
        p.save_query("q", "E3.1 OR E3.2", actor="sri")
        p.undo("sri")  # the new table is in the audit trail
        assert p.saved_queries().empty
