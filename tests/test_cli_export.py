"""`qualcode export`: every table in every format, read back with its own reader; one-line errors."""

from __future__ import annotations

import shutil

import docx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import one_document_project
from .markdown_reader import read as read_markdown

TABLES = {"codings": [], "quotes": [], "matrix": ["--by", "source-type", "--rollup"], "framework": [],
          "agreement": ["--coders", "rina,budi", "--unit", "turn"], "codebook": [],
          "transcript": ["--document", "I-01 Ketua LKS"], "frequencies": ["--rollup"],
          "cooccurrence": ["--measure", "jaccard"]}


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "demo.qualcode"
    shutil.copy(demo_path, path)
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.parametrize("table", list(TABLES))
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "tex", "md"])
def test_every_table_every_format(demo, tmp_path, table, fmt):
    out = tmp_path / f"{table}.{fmt}"
    result = run("export", demo, table, "-o", out, *TABLES[table])
    assert result.exit_code == 0, result.output
    if table == "transcript" and fmt == "docx":  # a document with numbered lines, not a table
        assert "wrote the transcript of I-01 Ketua LKS" in result.output
        assert not docx.Document(str(out)).tables
        return
    assert f"wrote {table} (" in result.output
    if fmt == "csv":
        frame = pd.read_csv(out, encoding="utf-8")
        assert len(frame) > 0
        if table == "quotes":
            assert frame["citation"].str.match(r"^\([^()]+, [^()]+, (s\. \d+|ss\. \d+\u2013\d+)\)$").all()
    elif fmt == "xlsx":
        ws = openpyxl.load_workbook(out).active
        assert ws.title == table and ws["A1"].font.bold and ws.freeze_panes == "A5"
        assert all(c.font.bold for c in ws[4] if c.value is not None)
    elif fmt == "docx":
        doc = docx.Document(str(out))  # a table too wide for a landscape page comes in parts
        assert doc.tables and all(len(t.rows) > 1 for t in doc.tables)
        assert len({len(t.rows) for t in doc.tables}) == 1
    elif fmt == "tex":
        text = out.read_text(encoding="utf-8")
        assert "\\toprule" in text and "\\caption{" in text
    else:
        text = out.read_text(encoding="utf-8")
        assert text.startswith("**") and "| --- |" in text.replace("---:", "---")


def test_quotes_with_options_and_bom(demo, tmp_path):
    out = tmp_path / "q.csv"
    result = run("export", demo, "quotes", "-o", out, "--coders", "rina", "--document", "I-02 TKSK Kecamatan",
                 "--citation", "{informant}:{line_start}", "--bom")
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(out, encoding="utf-8-sig")
    assert set(frame["coders"]) == {"rina"} and frame["citation"].str.match(r"^I-02:\d+$").all()


def test_quotes_reference_and_memos(demo, tmp_path):
    """--reference picks the unit the citations number, --memos adds the memos; the file holds one row per
    passage with its coders."""
    lines, sentences = tmp_path / "l.csv", tmp_path / "s.md"
    result = run("export", demo, "quotes", "-o", lines, "--reference", "line", "--memos")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(lines, keep_default_na=False)
    with Project.open(demo) as p:
        codings = p.codings()
    assert len(frame) == len({(r.code, r.document, r.start, r.end) for r in codings.itertuples()}) < len(codings)
    assert "memo" in frame and "sentence_start" not in frame and (frame["memo"] != "").any()
    assert frame["citation"].str.contains(r", ll?\. \d+(?:\u2013\d+)?\)$").all()
    assert set(frame["coders"]) == {"rina", "budi", "budi, rina"}
    result = run("export", demo, "quotes", "-o", sentences, "--citation", "{ref} ~ {lines}")
    assert result.exit_code == 0, result.output
    seen = read_markdown(sentences.read_text(encoding="utf-8"))
    header, *rows = seen.rows
    cited = [dict(zip(header, row, strict=True))["citation"] for row in rows]
    assert all(c.split(" ~ ")[0].startswith(("s. ", "ss. ")) for c in cited) and "memo" not in header
    assert any("s., ss. = sentence(s)" in p for p in seen.paragraphs)
    bad = CliRunner().invoke(main, ["export", str(demo), "quotes", "-o", str(lines), "--reference", "page"])
    assert bad.exit_code != 0 and "'page' is not one of 'sentence', 'line'" in bad.output


def test_frequencies_and_cooccurrence_options(demo, tmp_path):
    out = tmp_path / "f.csv"
    assert run("export", demo, "frequencies", "-o", out, "--coders", "budi").exit_code == 0
    frame = pd.read_csv(out)
    with Project.open(demo) as p:
        assert frame["codings"].sum() == len(p.codings(coders=["budi"]))
    rolled = tmp_path / "r.csv"
    assert run("export", demo, "frequencies", "-o", rolled, "--rollup").exit_code == 0
    top = pd.read_csv(rolled).set_index("code")
    subs = [k for k in top.index if k.startswith("E1.")]
    assert top.at["E1", "codings"] == top.loc[subs, "codings"].sum() > 0  # E1 has no codings of its own
    counts, jaccard = tmp_path / "c.csv", tmp_path / "j.docx"
    assert run("export", demo, "cooccurrence", "-o", counts).exit_code == 0
    assert run("export", demo, "cooccurrence", "-o", jaccard, "--measure", "jaccard").exit_code == 0
    matrix = pd.read_csv(counts).set_index("code")
    assert (matrix.drop(columns="name").to_numpy() >= 0).all() and list(matrix.columns[1:]) == list(matrix.index)
    doc = docx.Document(str(jaccard))
    cells = [c.text for t in doc.tables for c in t.rows[1].cells]
    assert "1.00" in cells and ".00" in cells and not any(c.startswith("0.") for c in cells)


def test_matrix_measure_format_option(demo, tmp_path):
    out = tmp_path / "m.txt"
    result = run("export", demo, "matrix", "-o", out, "--format", "md", "--measure", "informants")
    assert result.exit_code == 0, result.output
    seen = read_markdown(out.read_text(encoding="utf-8"))
    header, *rows = seen.rows
    # code names beside the keys, the groups under their display names, no always-empty verdict columns
    assert header == ["code", "name", "Community and stakeholders", "Related agencies", "Dinas Sosial leadership",
                      "coverage"]
    cells = {row[0]: row for row in rows}
    assert cells["E1"][1:] == ["General antecedent conditions", "", "", "", "see sub-codes"]
    with Project.open(demo) as p:  # informants per code and group, counted here from the codings
        codings = p.codings().dropna(subset=["group"])
    spoke = codings.groupby(["code", "group"])["informant"].nunique()
    assert cells["E1.1"][2:5] == [str(spoke.get(("E1.1", g), 0)) for g in ("community", "agency", "leadership")]
    assert seen.paragraphs[-1].startswith("Note. Informants per code by informant group")
    assert "No verdicts have been recorded yet." in seen.paragraphs[-1]


@pytest.mark.parametrize("layout", ["inline", "margin"])
def test_transcript(demo, tmp_path, layout):
    for fmt in ("docx", "html"):
        out = tmp_path / f"t.{fmt}"
        result = run("export", demo, "transcript", "--document", "I-01 Ketua LKS", "-o", out, "--layout", layout)
        assert result.exit_code == 0, result.output
        assert "wrote the transcript of I-01 Ketua LKS" in result.output
    assert "[E" in (tmp_path / "t.html").read_text(encoding="utf-8") or layout == "margin"
    doc = docx.Document(str(tmp_path / "t.docx"))
    assert doc.paragraphs[0].text == "I-01 Ketua LKS"
    assert bool(doc.tables) == (layout == "margin")


@pytest.mark.parametrize("args, message", [
    (["nope", "-o", "x.csv"], "unknown table 'nope'; allowed: codings, quotes, matrix"),
    (["agreement", "-o", "x.csv"], "needs two or more coders"),
    (["codings", "-o", "x.csv", "--unit", "turn"], "option unit does not apply to table 'codings'"),
    (["codings", "-o", "x.csv", "--memos"], "option memos does not apply to table 'codings'"),
    (["cooccurrence", "-o", "x.csv", "--measure", "words"], "unknown co-occurrence measure 'words'"),
    (["codings", "-o", "x.csv", "--coders", "ghost"], "unknown coder"),
    (["codings", "-o", "x.pdf"], "cannot tell the format from 'x.pdf'"),
    (["codings", "-o", "x.xlsx", "--bom"], "--bom applies to csv only"),
    (["codings", "-o", "x.md", "--no-csv-guard"], "--no-csv-guard applies to csv only"),
    (["transcript", "-o", "x.html"], "the transcript needs a document"),
    (["transcript", "-o", "x.csv", "--document", "I-01 Ketua LKS", "--layout", "margin"], "--layout applies"),
    (["codings", "-o", "x.html"], "html is for the transcript only"),
])
def test_errors_are_one_line(demo, tmp_path, args, message):
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    result = CliRunner().invoke(main, ["export", str(demo), *args])
    assert result.exit_code != 0
    assert message in result.output, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and message in errors[0]  # one line (usage errors add the usage and a hint above)


def test_csv_guard_and_its_option(tmp_path):
    """A memo that starts like a formula: guarded in CSV by default, as stored with --no-csv-guard, and in XLSX
    a text cell either way (openpyxl reads back the value, not a formula)."""
    path = tmp_path / "guard.qualcode"
    one_document_project(path, "Informan: =SUM(A1) itu bukan rumus.\n")
    with Project.open(path) as p:
        p.add_coding("w", 10, 18, "A", "rina", memo="@penting -- cek")
    guarded, raw, sheet = tmp_path / "g.csv", tmp_path / "r.csv", tmp_path / "s.xlsx"
    for args in ([str(guarded)], [str(raw), "--no-csv-guard"], [str(sheet)]):
        result = CliRunner().invoke(main, ["export", str(path), "codings", "-o", *args])
        assert result.exit_code == 0, result.output
    guarded_rows = pd.read_csv(guarded, keep_default_na=False)
    raw_rows = pd.read_csv(raw, keep_default_na=False)
    assert (guarded_rows.loc[0, "quote"], guarded_rows.loc[0, "memo"]) == ("'=SUM(A1)", "'@penting -- cek")
    assert (raw_rows.loc[0, "quote"], raw_rows.loc[0, "memo"]) == ("=SUM(A1)", "@penting -- cek")
    ws = openpyxl.load_workbook(sheet).active
    header = [c.value for c in ws[4]]  # below the title, the caption and a blank row
    first = {h: c for h, c in zip(header, ws[5], strict=True)}
    assert first["quote"].value == "=SUM(A1)" and first["quote"].data_type == "s"
