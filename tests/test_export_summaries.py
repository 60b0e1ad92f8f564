"""Summary tables for papers: code frequencies and code co-occurrence, checked against computations of their own
on the demo's codings and units, and read back from every format by the format's reader."""

from __future__ import annotations

import math
import re
import sqlite3
from contextlib import closing

import docx
import numpy as np
import openpyxl
import pandas as pd
import pytest
from docx.table import _Cell

from qualcode.analysis.frequencies import code_frequencies
from qualcode.errors import InputError
from qualcode.export.tables import write_table
from qualcode.project import Project
from qualcode.project.catalog import export_table

from .conftest import one_document_project
from .markdown_reader import read as read_markdown


@pytest.fixture(scope="module")
def demo(demo_path):
    p = Project.open(demo_path)
    yield p
    p.close()


def counted(codings: pd.DataFrame) -> pd.DataFrame:
    """Codings, documents and informants per code by a plain groupby (missing informants not counted)."""
    return codings.groupby("code").agg(codings=("id", "size"), documents=("document", "nunique"),
                                       informants=("informant", "nunique"))


# -- frequencies ----------------------------------------------------------------------------------------------

def test_frequencies_match_a_groupby_of_the_codings(demo):
    table = export_table(demo, "frequencies")
    frame = table.frame.set_index("code")
    codes, groups, codings = demo.codes(), demo.groups()["key"].tolist(), demo.codings()
    assert list(frame.index) == codes["key"].tolist()  # every code, in codebook order, names beside keys
    assert frame["name"].tolist() == codes["name"].tolist()
    assert list(frame.columns) == ["name", "codings", "documents", "informants",
                                   *(f"{g} {m}" for g in groups for m in ("codings", "informants"))]
    overall = counted(codings).reindex(frame.index, fill_value=0)
    for column in ("codings", "documents", "informants"):
        assert frame[column].tolist() == overall[column].tolist(), column
    for group in groups:
        by_group = counted(codings[codings["group"] == group]).reindex(frame.index, fill_value=0)
        assert frame[f"{group} codings"].tolist() == by_group["codings"].tolist()
        assert frame[f"{group} informants"].tolist() == by_group["informants"].tolist()
    assert frame["codings"].sum() == len(codings)
    assert (frame.loc[frame["codings"] > 0, "documents"] > 0).all() and frame.at["E1", "codings"] == 0
    outside = int(codings["group"].isna().sum())
    assert outside and f"include {outside} codings of documents without an informant group" in table.notes
    assert table.title == "Code Frequencies by Informant Group"


def test_frequencies_roll_sub_codes_up_into_their_parents(demo):
    frame = export_table(demo, "frequencies", rollup=True).frame.set_index("code")
    codings = demo.codings()
    for parent in ("E1", "E5", "E7"):  # E5 and E7 also have codings of their own
        family = codings[(codings["code"] == parent) | (codings["parent_code"] == parent)]
        assert (frame.at[parent, "codings"], frame.at[parent, "documents"], frame.at[parent, "informants"]) == \
            (len(family), family["document"].nunique(), family["informant"].nunique())
        community = family[family["group"] == "community"]
        assert frame.at[parent, "community informants"] == community["informant"].nunique()
    plain = export_table(demo, "frequencies").frame.set_index("code")
    leaves = [k for k in frame.index if k.count(".") == 1]
    assert frame.loc[leaves].equals(plain.loc[leaves])  # sub-codes count as before
    one = export_table(demo, "frequencies", coders=["budi"]).frame
    assert one["codings"].sum() == (codings["coder"] == "budi").sum()


def test_code_frequencies_pure_checks():
    codings = pd.DataFrame({"code": ["B", "B", "B"], "document": ["d1", "d1", "d2"], "informant": ["I-1", "I-1", None],
                            "group": ["g", "g", None]})
    frame = code_frequencies(codings, ["A", "B"], groups=["g", "h"])
    assert frame.values.tolist() == [["A", 0, 0, 0, 0, 0, 0, 0], ["B", 3, 2, 1, 2, 1, 0, 0]]
    with pytest.raises(InputError, match="needs the codes' parents"):
        code_frequencies(codings, ["B"], rollup=True)
    with pytest.raises(InputError, match="lack column\\(s\\) group"):
        code_frequencies(codings.drop(columns=["group"]), ["B"])
    loop = code_frequencies(codings, ["A", "B"], parents={"A": "B", "B": "A"}, rollup=True)  # a damaged codebook
    assert loop["codings"].tolist() == [3, 3]


# -- co-occurrence --------------------------------------------------------------------------------------------

def sentence_sets(project: Project, coders: list[str] | None = None) -> dict[str, set[int]]:
    """Code -> the ids of the sentence units one of its codings has a character in, by plain set comprehension."""
    units = project.units(kind="sentence")
    by_doc = {doc: list(zip(part["id"], part["start"], part["end"], strict=True))
              for doc, part in units.groupby("document_id")}
    sets: dict[str, set[int]] = {}
    for row in project.codings(coders=coders).itertuples():
        sets.setdefault(row.code, set()).update(
            uid for uid, s, e in by_doc.get(row.document_id, []) if s < row.end and row.start < e)
    return {code: ids for code, ids in sets.items() if ids}


def test_cooccurrence_counts_and_jaccard_match_sets_of_coded_sentences(demo):
    sets = sentence_sets(demo)
    order = [k for k in demo.codes()["key"] if k in sets]
    counts = export_table(demo, "cooccurrence")
    jaccard = export_table(demo, "cooccurrence", measure="jaccard")
    for table in (counts, jaccard):
        assert list(table.frame.index) == order and list(table.frame.columns) == ["name", *order]
        assert table.title == "Code Co-occurrence"
    names = dict(zip(demo.codes()["key"], demo.codes()["name"], strict=True))
    assert counts.frame["name"].tolist() == [names[k] for k in order]
    shared = 0
    for a in order:
        for b in order:
            both, either = len(sets[a] & sets[b]), len(sets[a] | sets[b])
            assert counts.frame.at[a, b] == both
            assert math.isclose(jaccard.frame.at[a, b], both / either)
            shared += a != b and both > 0
    assert shared  # some codes do share sentences: the off-diagonal is not all zero
    assert jaccard.frame.attrs["number_kinds"] == {k: "coefficient" for k in order}
    assert "number_kinds" not in counts.frame.attrs
    assert "sentences coded with both codes / sentences coded with either" in jaccard.notes
    rina = export_table(demo, "cooccurrence", coders=["rina"]).frame
    rina_sets = sentence_sets(demo, ["rina"])
    assert [int(rina.at[k, k]) for k in rina.index] == [len(rina_sets[k]) for k in rina.index]
    with pytest.raises(InputError, match="unknown co-occurrence measure 'dice'; allowed: count, jaccard"):
        export_table(demo, "cooccurrence", measure="dice")


# -- every format, read back ----------------------------------------------------------------------------------

def apa(value: float) -> str:
    """A coefficient as APA prints it, two decimals without the leading zero (written here for the test)."""
    text = f"{value:.2f}"
    return text[1:] if text.startswith("0.") else text


def docx_rows(path) -> list[list[str]]:
    """The cells of a Word table as text, parts (tables split by columns, each repeating the first) joined."""
    doc = docx.Document(str(path))
    parts = [[[_Cell(tc, t).text for tc in tr.tc_lst] for tr in t._tbl.tr_lst] for t in doc.tables]
    rows = parts[0]
    for part in parts[1:]:
        assert [r[0] for r in part] == [r[0] for r in rows]
        rows = [a + b[1:] for a, b in zip(rows, part, strict=True)]
    return rows


@pytest.mark.parametrize("name, options", [("frequencies", {"rollup": True}), ("cooccurrence", {}),
                                           ("cooccurrence", {"measure": "jaccard"})])
def test_summary_tables_in_every_format(demo, tmp_path, name, options):
    table = export_table(demo, name, **options)
    flat = table.frame.reset_index() if name == "cooccurrence" else table.frame
    header = [str(c) for c in flat.columns]
    coefficient = options.get("measure") == "jaccard"

    def shown(value) -> str:
        return apa(value) if coefficient and isinstance(value, float) else str(value)

    expected = [header] + [[shown(v) for v in row] for row in flat.itertuples(index=False)]
    paths = {}
    for fmt in ("csv", "xlsx", "docx", "tex", "md"):
        paths[fmt] = tmp_path / f"{name}.{fmt}"
        write_table(table.frame, paths[fmt], fmt, title=table.title, caption=table.caption, notes=table.notes,
                    sheet_name=table.name)
    back = pd.read_csv(paths["csv"])  # raw values, for reanalysis
    assert list(back.columns) == header
    assert np.allclose(back[header[2:]].to_numpy(float), flat[header[2:]].to_numpy(float))
    assert back[header[0]].tolist() == flat[header[0]].tolist()
    ws = openpyxl.load_workbook(paths["xlsx"]).active
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    start = rows.index(header)  # below the table number, title and a blank row
    body = rows[start + 1:start + 1 + len(flat)]
    assert [r[0] for r in body] == flat[header[0]].tolist()
    assert np.allclose([r[2:] for r in body], flat[header[2:]].to_numpy(float))  # values kept
    if coefficient:
        assert ws.cell(start + 2, 3).number_format == ".00"  # shown as a paper prints them
    assert docx_rows(paths["docx"]) == expected
    word = "\n".join(p.text for p in docx.Document(str(paths["docx"])).paragraphs)
    assert table.title in word and table.notes.split(".")[0] in word
    markdown = read_markdown(paths["md"].read_text(encoding="utf-8"))
    assert markdown.rows == expected
    assert any(table.title in p for p in markdown.paragraphs)
    lines = paths["tex"].read_text(encoding="utf-8").splitlines()
    rows_tex: dict[str, list[str]] = {}
    for line in lines:  # a wide table comes in parts, each repeating the first column
        row_end = re.search(r" \\\\\*?$", line)  # "\\" ends a row, "\\*" one that keeps with the next
        if row_end and " & " in line:
            first, *cells = line[:row_end.start()].split(" & ")
            rows_tex.setdefault(first, [first]).extend(cells)
    for row in expected[1:]:  # the key and the numbers of every row (names may carry break hints)
        assert rows_tex[row[0]][2:] == row[2:]


def test_a_document_without_sentence_units_is_named_and_cited_by_lines(tmp_path):
    """A file whose document has no sentence units: the co-occurrence note
    names the document, and its quotes cite lines, as the quote table's note says."""
    path = one_document_project(tmp_path / "u.qualcode", "I: Data kami lengkap. Forum jalan.\n\nP: Baik.\n")
    with Project.open(path) as p:
        p.add_coding("w", 3, 20, "A", "rina")
        p.add_coding("w", 3, 33, "B", "rina")
        assert export_table(p, "cooccurrence").frame.at["A", "B"] == 1
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DELETE FROM units WHERE kind = 'sentence'")
    with Project.open(path) as p:
        table = export_table(p, "cooccurrence")
        quotes = export_table(p, "quotes")
    assert (table.frame[["A", "B"]] == 0).all().all()  # coded, but in no sentence
    assert "Documents without sentence units are not counted: w." in table.notes
    assert quotes.frame["citation"].tolist() == ["(I-1, g, l. 1)", "(I-1, g, l. 1)"]
    assert "l., ll. = line(s)" in quotes.notes and "s., ss." not in quotes.notes
