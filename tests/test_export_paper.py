"""What a paper prints around the catalogue's tables: APA numbering, title and note, code names beside keys
or a legend, parent codes that point to their sub-codes, and no column that is always empty. Read back as
an author's reader shows them (python-docx, openpyxl, a Markdown renderer)."""

from __future__ import annotations

import io

import docx
import openpyxl
import pandas as pd
import pytest

from qualcode.analysis.charts import ZERO_FILL, heatmap
from qualcode.export.tables import write_table
from qualcode.project import Project
from qualcode.project.catalog import export_table
from qualcode.project.paper import code_labels

from .conftest import copy_project
from .markdown_reader import read as read_markdown


@pytest.fixture(scope="module")
def demo(demo_path):
    with Project.open(demo_path) as p:
        yield p


def codebook(project: Project) -> tuple[dict[str, str], set[str]]:
    codes = project.codes()
    names = dict(zip(codes["key"], codes["name"], strict=True))
    return names, {p for p in codes["parent"] if isinstance(p, str)}


def as_docx(item) -> docx.document.Document:
    raw = io.BytesIO()
    write_table(item.frame, raw, "docx", title=item.title, caption=item.caption, notes=item.notes)
    return docx.Document(io.BytesIO(raw.getvalue()))


def table_rows(table) -> list[list[str]]:
    from docx.table import _Cell
    return [[_Cell(tc, table).text.replace("\u200b", "") for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def test_matrix_in_word_reads_as_an_apa_table(demo):
    doc = as_docx(export_table(demo, "matrix"))
    number, title = doc.paragraphs[0], doc.paragraphs[1]
    assert number.text == "Table 1" and number._p.xpath(".//w:instrText")[0].text.strip().startswith("SEQ Table")
    assert title.text == "Triangulation Matrix of Codes by Informant Group" and title.runs[0].italic
    note = doc.paragraphs[-1]
    assert note.runs[0].text == "Note." and note.runs[0].italic
    assert note.text.startswith("Note. Coded segments per code by informant group, all coders pooled.")
    header, *rows = table_rows(doc.tables[0])
    groups = demo.groups()
    assert header == ["code", "name", *groups["name"], "coverage"]  # no verdict has been given in the demo
    names, parents = codebook(demo)
    cells = {row[0]: row for row in rows}
    assert [row[1] for row in rows] == [names[row[0]] for row in rows]
    codings = demo.codings().dropna(subset=["group"])
    own = codings.groupby("code").size()
    for parent in parents:  # a parent without codings of its own points to its sub-codes, not to "silent"
        if own.get(parent, 0) == 0:
            assert cells[parent][2:] == ["", "", "", "see sub-codes"], parent
        else:
            assert cells[parent][-1].endswith("(own codings only; see sub-codes)"), parent
    per_group = codings.groupby(["code", "group"]).size()
    assert cells["E3.2"][2:5] == [str(per_group.get(("E3.2", g), 0)) for g in groups["key"]]


def test_verdict_columns_appear_once_a_verdict_exists(demo_path, tmp_path):
    path = copy_project(demo_path, tmp_path / "verdict.qualcode")
    with Project.open(path) as p:
        before = export_table(p, "matrix")
        p.set_verdict("E3.2", "agreement", supervisor="sari", rationale="all three groups describe it")
        after = export_table(p, "matrix")
    assert "verdict" not in before.frame.columns and "No verdicts have been recorded yet." in before.notes
    assert after.frame.loc["E3.2", "verdict"] == "agreement"
    assert {"verdict", "rationale", "verdict_by", "verdict_at"} <= set(after.frame.columns)
    assert "No verdicts" not in after.notes


def test_framework_legend_names_every_code_column_and_drops_empty_parents(demo):
    item = export_table(demo, "framework")
    names, parents = codebook(demo)
    group, *columns = list(item.frame.columns)
    assert group == "group"  # each informant's group, by its display name
    informants = demo.informants().set_index("key")
    shown = dict(zip(demo.groups()["key"], demo.groups()["name"], strict=True))
    assert item.frame["group"].tolist() == [shown[informants.at[k, "group"]] for k in item.frame.index]
    empty = [c for c in names if c in parents and not (demo.codings()["code"] == c).any()]
    assert empty and not set(empty) & set(columns)
    assert f"({', '.join(empty)})" in item.notes
    legend = item.notes.split("Codes: ", 1)[1]
    assert legend == "; ".join(f"{k} = {names[k]}" for k in columns) + "."
    seen = read_markdown(_markdown(item))
    assert seen.rows[0] == ["informant", "group", *columns]
    assert seen.paragraphs[1] == "Framework Matrix of Informants by Code"


def _markdown(item) -> str:
    out = io.StringIO()
    write_table(item.frame, out, "md", title=item.title, caption=item.caption, notes=item.notes)
    return out.getvalue()


def test_agreement_table_names_codes_and_rolls_up_parents(demo):
    item = export_table(demo, "agreement", coders=["rina", "budi"])
    names, parents = codebook(demo)
    frame = item.frame
    assert list(frame.columns[:2]) == ["code", "name"]
    named = frame[~frame["code"].isin(["(all codes)", "(all codes, coded units)"])]
    assert named["name"].tolist() == [names[k] for k in named["code"]]
    # parents carry their sub-codes by default: figures of their own, and the note says how they were read
    rows = frame[frame["code"].isin(parents)]
    assert len(rows) == len(parents) and rows["kappa"].notna().all() and (rows["prevalence"] > 0).all()
    assert "see sub-codes" not in set(frame["kappa_band"]) | set(frame["alpha_band"])
    assert "Codes with sub-codes carry them: a unit carries such a code for a coder when the coder coded it or any " \
           "code below it there" in item.notes
    assert "Rule: a unit carries a code when a coder's codings cover at least half of it." in item.notes
    # by their own codings only: parents without any are marked and point to their sub-codes
    own = export_table(demo, "agreement", coders=["rina", "budi"], rollup=False)
    marked = set(own.frame.loc[own.frame["kappa_band"] == "see sub-codes", "code"])
    assert marked and marked <= parents
    assert all(own.frame.loc[own.frame["code"].isin(marked), "prevalence"] == 0)
    assert (own.frame.loc[own.frame["code"].isin(marked), "reason"] != "").all()  # and say why they are undefined
    assert "marked \u201csee sub-codes\u201d" in own.notes and "carry them" not in own.notes
    book = io.BytesIO()
    write_table(frame, book, "xlsx", title=item.title, caption=item.caption, notes=item.notes)
    rows = list(openpyxl.load_workbook(io.BytesIO(book.getvalue())).active.values)
    assert rows[0][0] == "Table 1" and rows[1][0] == "Intercoder Agreement" and rows[-1][0].startswith("Note. ")


def test_transcript_notes_carry_a_legend_of_the_codes_on_it(demo):
    item = export_table(demo, "transcript", document="I-01 Ketua LKS")
    names, _ = codebook(demo)
    used = sorted(set(demo.codings(document="I-01 Ketua LKS")["code"]), key=list(names).index)
    assert item.notes.endswith("Codes: " + "; ".join(f"{k} = {names[k]}" for k in used) + ".")


def test_heatmap_sets_empty_cells_apart_and_names_the_codes(demo):
    matrix = demo.matrix()
    spec = heatmap(matrix, code_labels=code_labels(demo)).to_dict()
    rect = spec["layer"][0]["encoding"]["color"]
    assert rect["condition"] == {"test": "(datum.value === 0)", "value": ZERO_FILL}
    data = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    zero = data[data["value"] == 0]
    assert len(zero) and (zero["ink"] != "black").all() and (zero["ink"] != "white").all()
    names, _ = codebook(demo)
    assert set(data["code_label"]) == {f"{k} {names[k]}" for k in matrix.index}
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == f"E1 {names['E1']}"
    assert {p["select"]["fields"] == ["code", "column"] for p in spec["params"]} == {True}  # clicks name keys
