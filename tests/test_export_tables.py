"""Table writers: CSV (UTF-8), XLSX (bold frozen header) and GitHub Markdown (pipes and newlines escaped)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from qualcode.errors import InputError
from qualcode.export.tables import markdown_table, write_table

from .markdown_reader import OWN_ELEMENTS
from .markdown_reader import read as read_markdown


def sample() -> pd.DataFrame:
    frame = pd.DataFrame({"community": [2, 0], "share": [33.3, None], "note": ["a | b", "line one\nline two"]},
                         index=pd.Index(["E1", "Ünïcode 😊"], name="code"))
    return frame


def test_csv_utf8_with_index(tmp_path):
    path = tmp_path / "t.csv"
    write_table(sample(), path, "csv")
    text = path.read_bytes().decode("utf-8")
    assert text.startswith("code,community,share,note\nE1,2,33.3,a | b\n")
    back = pd.read_csv(path, encoding="utf-8")
    assert list(back["code"]) == ["E1", "Ünïcode 😊"]
    assert back.loc[1, "note"] == "line one\nline two"


def test_csv_to_text_and_binary_files():
    text, raw = io.StringIO(), io.BytesIO()
    write_table(sample(), text, "csv")
    write_table(sample(), raw, "csv")
    assert raw.getvalue().decode("utf-8") == text.getvalue()
    plain = pd.DataFrame({"a": [1]})
    out = io.StringIO()
    write_table(plain, out, "csv")
    assert out.getvalue() == "a\n1\n"  # a default range index is not written


def test_xlsx_bold_frozen_header(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(sample(), path)  # format from the suffix
    book = openpyxl.load_workbook(path)
    ws = book.active
    assert ws.title == "table"
    assert [c.value for c in ws[1]] == ["code", "community", "share", "note"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[2]] == ["E1", 2, 33.3, "a | b"]
    assert ws["A3"].value == "Ünïcode 😊" and ws["C3"].value is None
    raw = io.BytesIO()
    write_table(sample(), raw, "xlsx")
    assert raw.getvalue()[:2] == b"PK"


def test_markdown_escapes_pipes_and_newlines():
    assert markdown_table(sample()) == (
        "| code | community | share | note |\n"
        "| --- | ---: | ---: | --- |\n"
        "| E1 | 2 | 33.3 | a \\| b |\n"
        "| Ünïcode 😊 | 0 |  | line one<br>line two |\n"
    )
    odd = pd.DataFrame({"a|b": ["x\r\ny"]})
    assert markdown_table(odd) == "| a\\|b |\n| --- |\n| x<br>y |\n"
    assert read_markdown(markdown_table(sample())).rows == [["code", "community", "share", "note"],
                                                            ["E1", "2", "33.3", "a | b"],
                                                            ["Ünïcode 😊", "0", "", "line one\nline two"]]


HOSTILE = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "_x_ dan *y* dan **z**",
           "[klik](javascript:alert(1)) ![gambar](x.png)", "`kode` ~~coret~~ &lt;b&gt; &amp;", "a \\| b \\\\ c",
           "# bukan judul", "- bukan daftar", "1. bukan daftar", "> bukan kutipan", "---", "<!-- komentar -->",
           "<https://contoh.id>", "Baik, 33.3% ya!"]


def test_markdown_renders_user_text_as_text_never_markup():
    """Rendered by markdown-it-py (CommonMark, GitHub tables, raw HTML on): the only elements are the
    writer's own, and every cell, title, caption and note reads back as the text that went in."""
    frame = pd.DataFrame({"quote": HOSTILE, "n": range(len(HOSTILE))})
    out = io.StringIO()
    write_table(frame, out, "md", title="# Tabel <b>1</b>", caption="_Kutipan_ <i>x</i>", notes="- catatan\n> dua")
    seen = read_markdown(out.getvalue())
    assert set(seen.elements) <= OWN_ELEMENTS, set(seen.elements) - OWN_ELEMENTS
    assert seen.rows[0] == ["quote", "n"]
    assert [row[0] for row in seen.rows[1:]] == HOSTILE
    assert seen.paragraphs == ["# Tabel <b>1</b>", "_Kutipan_ <i>x</i>", "- catatan\n> dua"]


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded():
    formulas = ['=HYPERLINK("http://x","klik")', "+62 812", "-- jawab", "@SUM(A1)", "\tx", "\rx", "\x01x"]
    frame = pd.DataFrame({"quote": [*formulas, "Baik", "-"], "kappa": [-0.25] * 9})
    out = io.StringIO()
    write_table(frame, out, "csv")
    back = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False)
    assert back["quote"].tolist() == ["'" + f.replace("\r", "\n") for f in formulas] + ["Baik", "'-"]
    assert back["kappa"].tolist() == [-0.25] * 9  # numbers stay numbers
    raw = io.StringIO()
    write_table(frame, raw, "csv", csv_guard=False)  # for reanalysis: exactly what is stored
    unguarded = pd.read_csv(io.StringIO(raw.getvalue()), keep_default_na=False)["quote"].tolist()
    assert unguarded == [f.replace("\r", "\n") for f in formulas] + ["Baik", "-"]


def test_markdown_file(tmp_path):
    path = tmp_path / "t.md"
    write_table(sample(), path, "md")
    assert path.read_text(encoding="utf-8") == markdown_table(sample())


def test_errors(tmp_path):
    with pytest.raises(InputError, match="unknown table format 'pdf'; allowed: csv, xlsx, docx, tex, md"):
        write_table(sample(), tmp_path / "t.pdf", "pdf")
    with pytest.raises(InputError, match="cannot tell the table format"):
        write_table(sample(), tmp_path / "t.txt")
    with pytest.raises(InputError, match="binary file"):
        write_table(sample(), io.StringIO(), "xlsx")


# -- every format with Indonesian text, special characters and emoji -------------------------------

import re  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402

import docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402

from qualcode.export.tables import Table, latex_escape, latex_table, write_workbook  # noqa: E402

QUOTE = 'Koordinasinya jarang, Pak — 50% & "data_DTKS" #1 it\'s ~{x}^2 $5 \\ 😅'


def rich(rows: int = 2) -> pd.DataFrame:
    return pd.DataFrame({
        "code": [f"E{i % 8 + 1}" for i in range(rows)],
        "informan": ["I-01 (Ketua LKS)"] * rows,
        "count": list(range(rows)),
        "quote": [QUOTE + f" baris {i}" for i in range(rows)],
    })


def test_csv_round_trip_with_and_without_bom(tmp_path):
    for bom in (False, True):
        path = tmp_path / f"t{bom}.csv"
        write_table(rich(), path, "csv", title="ignored in CSV", bom=bom)
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == bom
        back = pd.read_csv(path, encoding="utf-8-sig" if bom else "utf-8")
        pd.testing.assert_frame_equal(back, rich())
    raw = io.BytesIO()
    write_table(rich(), raw, "csv", bom=True)
    assert raw.getvalue().decode("utf-8-sig") == rich().to_csv(index=False, lineterminator="\n")


def test_xlsx_title_caption_notes_wrapped_quotes(tmp_path):
    path = tmp_path / "t.xlsx"
    frame = rich()
    frame.loc[0, "informan"] = "=HYPERLINK(\"x\")"  # stays text, never a formula
    write_table(frame, path, title="Tabel 1 & 😅", caption="Kutipan per kode", notes="Catatan: n = 2 (50%)")
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "Tabel 1 & 😅" and ws["A1"].font.bold
    assert ws["A2"].value == "Kutipan per kode"
    assert [c.value for c in ws[4]] == ["code", "informan", "count", "quote"]
    assert all(c.font.bold for c in ws[4])
    assert ws.freeze_panes == "A5"
    assert ws["D5"].value == QUOTE + " baris 0" and ws["D5"].alignment.wrap_text
    assert not ws["A5"].alignment.wrap_text
    assert ws["B5"].value == '=HYPERLINK("x")' and ws["B5"].data_type == "s"
    assert ws["C6"].value == 1
    assert ws["A8"].value == "Catatan: n = 2 (50%)"
    assert ws.column_dimensions["D"].width == 60  # capped
    assert ws.column_dimensions["A"].width == 6


def test_workbook_one_sheet_per_table(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook([Table(rich(), name="codings"), Table(sample(), title="Matriks", name="codings"),
                    Table(rich(1), name="a/b:c" + "x" * 40)], path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["codings", "codings (2)", "a_b_c" + "x" * 26]
    assert book["codings"].freeze_panes == "A2"
    assert book["codings (2)"]["A1"].value == "Matriks"
    with pytest.raises(InputError, match="at least one table"):
        write_workbook([], path)


def test_docx_real_table_caption_notes(tmp_path):
    path = tmp_path / "t.docx"
    write_table(rich(), path, "docx", title="Tabel 1", caption="Kutipan & 😅", notes="Catatan: 50% _x_")
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["Tabel 1", "Kutipan & 😅", "Catatan: 50% _x_"]
    assert doc.paragraphs[1].style.name == "Caption"
    body = [child.tag.rsplit("}", 1)[1] for child in doc.element.body]
    assert body[:4] == ["p", "p", "tbl", "p"]  # caption above, notes below the table
    (table,) = doc.tables
    assert table.style.name == "Table Grid"
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["code", "informan", "count", "quote"]
    assert rows[1] == ["E1", "I-01 (Ketua LKS)", "0", QUOTE + " baris 0"]
    assert all(r.bold for c in table.rows[0].cells for r in c.paragraphs[0].runs)
    assert doc.sections[0].orientation == WD_ORIENT.PORTRAIT


def _docx(frame: pd.DataFrame) -> docx.document.Document:
    raw = io.BytesIO()
    write_table(frame, raw, "docx")
    return docx.Document(io.BytesIO(raw.getvalue()))


def test_docx_landscape_only_when_the_columns_do_not_fit(tmp_path):
    narrow = _docx(pd.DataFrame({f"k{i}": ["x"] for i in range(8)}))  # eight short columns fit a portrait page
    assert narrow.sections[0].orientation == WD_ORIENT.PORTRAIT
    wide = pd.DataFrame({f"kolom {i}": ["Kesejahteraan"] for i in range(8)})  # eight of 13 letters do not (6 in)
    doc = _docx(wide)
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    assert len(doc.tables[0].columns) == 8
    with pytest.raises(InputError, match="binary file"):
        write_table(wide, io.StringIO(), "docx")


_ESCAPES = re.compile(r"\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar)\{\}"
                      r"|\\[&%$#_{}]|\\newline |\\textbf\{|``|''")


def _bare_specials(cell: str) -> list[str]:
    rest = _ESCAPES.sub("", cell)
    if cell.startswith("\\textbf{"):
        rest = rest[:-1]  # the closing brace of \textbf{...}
    return re.findall(r"[\\&%$#_{}~^\"]", rest)


def _cells(tex: str) -> list[str]:
    lines = tex.splitlines()
    start = lines.index(r"\midrule") + 1
    while lines[start] in (r"\endfirsthead", r"\toprule") or lines[start].startswith(r"\textbf") \
            or lines[start] in (r"\midrule", r"\endhead", r"\bottomrule", r"\endfoot"):
        start += 1
    rows = []
    for line in lines[start:]:
        if not line.endswith(r" \\"):
            break
        rows.append(line[:-3])
    return [cell for row in rows for cell in row.split(" & ")]


def test_latex_escapes_every_special_and_keeps_emoji():
    escaped = latex_escape(QUOTE)
    assert _bare_specials(escaped) == []
    assert "😅" in escaped and "Koordinasinya" in escaped and "``data\\_DTKS''" in escaped
    tex = latex_table(rich(), title="Tabel 1", caption="Kutipan_x & 50%", notes="Catatan # 1")
    assert "\\begin{tabular}" in tex and "\\toprule" in tex and "\\bottomrule" in tex
    assert "\\caption{Tabel 1. Kutipan\\_x \\& 50\\%}" in tex
    assert "Catatan \\# 1" in tex
    cells = _cells(tex)
    assert len(cells) == 2 * 4
    for cell in cells:
        assert _bare_specials(cell) == [], cell
    assert "\\begin{tabular}{llrp{0.45\\linewidth}}" in tex  # the quote column wraps, numbers right


def test_latex_longtable_for_long_tables(tmp_path):
    path = tmp_path / "t.tex"
    write_table(rich(45), path, caption="Panjang")
    tex = path.read_text(encoding="utf-8")
    assert "\\begin{longtable}" in tex and "\\endhead" in tex and "\\begin{table}" not in tex
    cells = _cells(tex)
    assert len(cells) == 45 * 4
    assert all(_bare_specials(c) == [] for c in cells)


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex not installed")
def test_latex_compiles(tmp_path):
    frame = rich(45)
    frame["quote"] = frame["quote"].str.replace("😅", "", regex=False)  # pdflatex has no emoji font
    for rows, name in ((frame.head(3), "short"), (frame, "long")):
        doc = ("\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage[utf8]{inputenc}\n"
               "\\usepackage{booktabs,longtable}\n\\begin{document}\n" + latex_table(rows, caption="Ujian & 50%")
               + "\\end{document}\n")
        (tmp_path / f"{name}.tex").write_text(doc, encoding="utf-8")
        done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout[-2000:]


def test_markdown_with_title_caption_notes():
    out = io.StringIO()
    write_table(pd.DataFrame({"a": ["x|y 😅"]}), out, "md", title="Tabel", caption="Keterangan", notes="Catatan")
    assert out.getvalue() == "**Tabel**\n\nKeterangan\n\n| a |\n| --- |\n| x\\|y 😅 |\n\nCatatan\n"


def test_latex_line_breaks_wrap_and_xlsx_datetimes(tmp_path):
    frame = pd.DataFrame({"k": ["a\nb"], "when": [pd.Timestamp("2026-11-28 10:00", tz="Asia/Jakarta")]})
    tex = latex_table(frame)
    assert "\\begin{tabular}{p{0.45\\linewidth}l}" in tex and "a\\newline b" in tex
    write_table(frame, tmp_path / "d.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    assert str(ws["B2"].value) == "2026-11-28 03:00:00"  # UTC: Excel has no time zones
    assert ws["A2"].alignment.wrap_text
