"""Group profiles: each code's share of a column's informants or coded text, against the triangulation matrix
and against counts read from the project file with plain sqlite3."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from qualcode.analysis.profiles import difference, profiles
from qualcode.errors import InputError, NotFoundError
from qualcode.project import Project
from qualcode.project.profiles import profile_chart, profile_data

CODINGS = """
SELECT k.key, g.key, d.source_type, i.key, i.attributes, x.quote FROM codings x
JOIN codes k ON k.id = x.code_id JOIN documents d ON d.id = x.document_id
LEFT JOIN informants i ON i.id = d.informant_id LEFT JOIN groups g ON g.id = i.group_id
"""


@pytest.fixture
def demo(demo_copy: Path) -> Project:
    p = Project.open(demo_copy)
    yield p
    p.close()


def rows(path: Path, sql: str = CODINGS) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def gender(attributes: str | None) -> str | None:
    return json.loads(attributes or "{}").get("gender")


def informant_shares(path: Path, column_of, bases: dict[str, int]) -> dict[tuple[str, str], float]:
    """Per (code, column): distinct informants with the code / the column's informants, in %, 1 decimal."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, group, source_type, informant, attributes, _ in rows(path):
        column = column_of(group, source_type, attributes)
        if informant is not None and column is not None:
            seen[(code, column)].add(informant)
    return {cell: round(len(who) * 100 / bases[cell[1]], 1) for cell, who in seen.items()}


def text_shares(path: Path, column_of) -> dict[tuple[str, str], float]:
    """Per (code, column): words coded with the code / words of all the column's codings, in %, 1 decimal."""
    words: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for code, group, source_type, _, attributes, quote in rows(path):
        column = column_of(group, source_type, attributes)
        if column is not None:
            words[(code, column)] += len(quote.split())
            totals[column] += len(quote.split())
    return {cell: round(n * 100 / totals[cell[1]], 1) for cell, n in words.items() if n}


def bar_records(spec: dict) -> list[dict]:
    """The records the bars of a chart spec draw (inline, or in ``datasets`` when Altair hoisted them)."""
    data = spec["layer"][0].get("data") or spec["data"]
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def nonzero(data: pd.DataFrame) -> dict[tuple[str, str], float]:
    return {(c, k): v for c, k, v in zip(data["code"], data["column"], data["value"], strict=True) if v}


def test_informant_shares_by_group_equal_the_matrix_and_an_independent_count(demo, demo_copy):
    data = profile_data(demo)
    matrix = demo.matrix(by="group", measure="share")
    assert list(dict.fromkeys(data["code"])) == list(matrix.index)
    assert list(dict.fromkeys(data["column"])) == list(matrix.columns) == ["community", "agency", "leadership"]
    for code, column, value in zip(data["code"], data["column"], data["value"], strict=True):
        assert value == matrix.at[code, column]
    sizes = dict(rows(demo_copy, "SELECT g.key, count(*) FROM informants i JOIN groups g ON g.id = i.group_id "
                                 "GROUP BY g.key"))
    expected = informant_shares(demo_copy, lambda group, _, __: group, sizes)
    assert nonzero(data) == expected and len(expected) > 40
    assert set(data["base"]) == set(sizes.values())


def test_text_shares_equal_an_independent_word_count_and_add_up_to_100(demo, demo_copy):
    data = profile_data(demo, share="text")
    assert nonzero(data) == text_shares(demo_copy, lambda group, _, __: group)
    words = demo.matrix(by="group", measure="words")
    for column, part in data.groupby("column"):
        assert part["count"].sum() == part["base"].iloc[0] == words[column].sum()
        assert part["value"].sum() == pytest.approx(100, abs=0.05 * len(part))


def test_source_type_shares_count_the_informants_with_a_document_of_the_type(demo, demo_copy):
    data = profile_data(demo, by="source_type")
    bases = dict(rows(demo_copy, "SELECT source_type, count(DISTINCT informant_id) FROM documents "
                                 "WHERE informant_id IS NOT NULL GROUP BY source_type"))
    assert nonzero(data) == informant_shares(demo_copy, lambda _, source_type, __: source_type, bases)
    assert list(dict.fromkeys(data["column"])) == demo.axis_values("source_type")


def test_attribute_axis_equals_the_matrix_share_and_a_count(demo, demo_copy):
    data = profile_data(demo, by="attribute:gender")
    matrix = demo.matrix(by="attribute:gender", measure="share")
    assert list(dict.fromkeys(data["column"])) == list(matrix.columns) == ["L", "P"]
    for code, column, value in zip(data["code"], data["column"], data["value"], strict=True):
        assert value == matrix.at[code, column]
    bases: dict[str, int] = defaultdict(int)
    for (attributes,) in rows(demo_copy, "SELECT attributes FROM informants"):
        bases[gender(attributes)] += 1
    assert nonzero(data) == informant_shares(demo_copy, lambda _, __, attributes: gender(attributes), bases)
    text = profile_data(demo, by="attribute:gender", share="text")
    assert nonzero(text) == text_shares(demo_copy, lambda _, __, attributes: gender(attributes))


@pytest.mark.parametrize("by", ["group", "source_type", "attribute:gender"])
def test_coverage_patterns_are_the_triangulation_tables(demo, by):
    # a cell counts when it has an informant with the code, or coded text (codings without informant too)
    for share, measure in (("informants", "informants"), ("text", "segments")):
        table = demo.triangulation_table(by=by, measure=measure)
        data = profile_data(demo, by=by, share=share).drop_duplicates("code").set_index("code")
        assert data["pattern"].to_dict() == table["pattern"].to_dict()
        assert data["coverage"].to_dict() == table["label"].to_dict()
        assert len(set(table["pattern"])) >= 2


def test_columns_choose_and_order_and_the_pattern_follows_them(demo):
    full = profile_data(demo)
    data = profile_data(demo, columns=["leadership", "community"])
    assert list(dict.fromkeys(data["column"])) == ["leadership", "community"]
    values = full.set_index(["code", "column"])["value"]
    for code, column, value in zip(data["code"], data["column"], data["value"], strict=True):
        assert value == values[(code, column)]
    # the pattern over the two columns, counted here from the values
    for _, part in data.groupby("code", sort=False):
        present = [c for c, v in zip(part["column"], part["count"], strict=True) if v > 0]
        expected = {0: "silent", 2: "all"}.get(len(present), "one")
        assert part["pattern"].iloc[0] == expected and part["with"].iloc[0] == len(present)
        if expected == "one":
            assert part["coverage"].iloc[0] == f"one group only: {present[0]}"
    assert data.attrs["columns"] == ["leadership", "community"]


def test_difference_is_first_minus_second_in_percentage_points(demo):
    data = profile_data(demo)
    diff = difference(data, "community", "agency")
    matrix = demo.matrix(by="group", measure="share")
    expected = (matrix["community"] - matrix["agency"]).round(1)
    assert diff.set_index("code")["difference"].to_dict() == pytest.approx(expected.to_dict())
    leaning = diff.set_index("code")["column"]
    assert all(leaning[c] == ("community" if expected[c] >= 0 else "agency") for c in expected.index)
    with pytest.raises(InputError, match="two different columns"):
        difference(data, "agency", "agency")
    with pytest.raises(InputError, match="nowhere"):
        difference(data, "agency", "nowhere")


def test_where_keeps_the_condition_s_codings(demo, demo_copy):
    where = "gender = P"
    data = profile_data(demo, where=where)
    matrix = demo.matrix(by="group", measure="share", where=where)
    for code, column, value in zip(data["code"], data["column"], data["value"], strict=True):
        assert value == matrix.at[code, column]
    assert nonzero(data) != nonzero(profile_data(demo))
    text = profile_data(demo, share="text", where=where)
    assert nonzero(text) == text_shares(
        demo_copy, lambda group, _, attributes: group if gender(attributes) == "P" else None)


def test_a_coder_s_codings_only(demo):
    data = profile_data(demo, coders=["rina"])
    matrix = demo.matrix(by="group", measure="share", coders=["rina"])
    assert nonzero(data) == {(c, k): v for (c, k), v in matrix.stack().items() if v}


def test_pure_profiles_of_a_column_without_informants():
    counts = pd.DataFrame({"a": [1, 0], "empty": [0, 0]}, index=pd.Index(["A", "B"], name="code"))
    data = profiles(counts, {"a": 3})
    assert data["value"].tolist() == [33.3, 0.0, 0.0, 0.0]
    assert data["coverage"].tolist()[::2] == ["one group only: a", "silent"]


def test_bad_input_names_the_field(demo):
    with pytest.raises(InputError, match="share"):
        profile_data(demo, share="words")
    with pytest.raises(InputError, match="axis"):
        profile_data(demo, by="informant")
    with pytest.raises(InputError, match="nowhere"):
        profile_data(demo, columns=["community", "nowhere"])
    with pytest.raises(InputError, match="distinct"):
        profile_data(demo, columns=["agency", "agency"])
    with pytest.raises(InputError, match="columns is empty"):
        profile_data(demo, columns=[])
    with pytest.raises(InputError, match="attribute"):
        profile_data(demo, by="attribute:shoe_size")
    with pytest.raises(InputError) as caught:
        profile_data(demo, where="gender = = P")
    assert getattr(caught.value, "position", None) is not None
    with pytest.raises(NotFoundError):
        profile_data(demo, coders=["nobody"])
    with pytest.raises(InputError, match="style"):
        profile_chart(demo, style="pie")
    with pytest.raises(InputError, match="two columns"):
        profile_chart(demo, style="difference", columns=["agency"])


def test_the_chart_draws_the_data_with_names_patterns_and_a_selection(demo):
    spec = profile_chart(demo, columns=["community", "agency"]).to_dict()
    records = bar_records(spec)
    drawn = {(r["code"], r["column"]): r["value"] for r in records}
    matrix = demo.matrix(by="group", measure="share")
    # every code but the parents without codings of their own (their codings are on the sub-codes)
    codes = demo.codes()
    empty_parents = {p for p in codes["parent"].dropna() if (matrix.loc[p] == 0).all()}
    assert empty_parents and not empty_parents & {c for c, _ in drawn}
    assert drawn == {(c, k): matrix.at[c, k] for c in matrix.index if c not in empty_parents
                     for k in ("community", "agency")}
    names = dict(zip(codes["key"], codes["name"], strict=True))
    assert f"E3.1 {names['E3.1']} · all 2 groups" in {r["row_label"] for r in records}
    assert spec["params"][0]["name"] == "bar" and spec["params"][0]["select"]["fields"] == ["code", "column"]
    assert spec["title"].startswith("Share of each informant group's informants")
    diff = profile_chart(demo, style="difference", columns=["agency", "leadership"]).to_dict()
    values = {r["code"]: r["difference"] for r in bar_records(diff)}
    pair = matrix[["agency", "leadership"]]
    shown = [c for c in pair.index if c not in set(codes["parent"].dropna()) or (pair.loc[c] > 0).any()]
    expected = (pair["agency"] - pair["leadership"]).round(1)[shown]
    assert values == pytest.approx(expected.to_dict())


def test_two_groups_of_one_name_stay_two_columns(project):
    """Columns are drawn by what they show: two groups named alike are told apart by their keys."""
    project.edit_group("agency", name="Community and stakeholders")  # the community group's name too
    spec = profile_chart(project).to_dict()
    shown = {(r["column"], r["column_label"]) for r in bar_records(spec)}
    assert shown == {("community", "Community and stakeholders (community)"),
                     ("agency", "Community and stakeholders (agency)"),
                     ("leadership", "Leadership of the office")}
