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
    assert seen.elements.count("em") == 2 and seen.elements.count("strong") == 1  # title and "Note." only
    assert seen.paragraphs == ["Table 1", "# Tabel <b>1</b>", "Note. _Kutipan_ <i>x</i> - catatan\n> dua"]


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

import docx  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

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
    write_table(frame, path, title="Tabel 1 & 😅", caption="kutipan per kode.", notes="Catatan: n = 2 (50%)")
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "Table 1" and ws["A1"].font.bold  # APA: the number in bold, the title in italics
    assert ws["A2"].value == "Tabel 1 & 😅" and ws["A2"].font.italic and not ws["A2"].font.bold
    assert [c.value for c in ws[4]] == ["code", "informan", "count", "quote"]
    assert all(c.font.bold for c in ws[4])
    assert ws.freeze_panes == "A5"
    assert ws["D5"].value == QUOTE + " baris 0" and ws["D5"].alignment.wrap_text
    assert not ws["A5"].alignment.wrap_text
    assert ws["B5"].value == '=HYPERLINK("x")' and ws["B5"].data_type == "s"
    assert ws["C6"].value == 1
    assert ws["A8"].value == "Note. Kutipan per kode. Catatan: n = 2 (50%)"  # the caption opens the note
    assert ws.column_dimensions["D"].width == 60  # capped
    assert ws.column_dimensions["A"].width == 6


def test_workbook_one_sheet_per_table(tmp_path):
    path = tmp_path / "book.xlsx"
    write_workbook([Table(rich(), name="codings"), Table(sample(), title="Matriks", name="codings"),
                    Table(rich(1), name="a/b:c" + "x" * 40)], path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["codings", "codings (2)", "a_b_c" + "x" * 26]
    assert book["codings"].freeze_panes == "A2"
    assert [book["codings (2)"][f"A{n}"].value for n in (1, 2, 4)] == ["Table 1", "Matriks", "code"]
    with pytest.raises(InputError, match="at least one table"):
        write_workbook([], path)


def test_docx_real_table_caption_notes(tmp_path):
    path = tmp_path / "t.docx"
    write_table(rich(), path, "docx", title="Kutipan per kode", caption="kutipan & 😅", notes="Catatan: 50% _x_")
    doc = docx.Document(str(path))
    number, title, note = doc.paragraphs
    # APA 7: "Table N" in bold with N a SEQ field Word renumbers in a paper, the title in italics on its own line
    assert number.text == "Table 1" and all(r.bold for r in number.runs)
    instructions = number._p.xpath(".//w:instrText")
    assert [i.text.strip() for i in instructions] == ["SEQ Table \\* ARABIC"]
    assert [c.get(qn("w:fldCharType")) for c in number._p.xpath(".//w:fldChar")] == ["begin", "separate", "end"]
    assert number.paragraph_format.keep_with_next and title.paragraph_format.keep_with_next
    assert title.text == "Kutipan per kode" and all(r.italic for r in title.runs)
    assert title.style.name == "Normal"  # not a heading that would enter the paper's contents
    # below the table: an italic "Note." then the caption (capitalised) and the notes
    assert note.text == "Note. Kutipan & 😅 Catatan: 50% _x_"
    assert note.runs[0].text == "Note." and note.runs[0].italic and not note.runs[1].italic
    body = [child.tag.rsplit("}", 1)[1] for child in doc.element.body]
    assert body[:4] == ["p", "p", "tbl", "p"]
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


_ESCAPES = re.compile(r"\\(textbackslash|textasciitilde|textasciicircum|textless|textgreater|textbar|allowbreak)\{\}"
                      r"|\\[&%$#_{}]|\\newline |\\textbf\{|``|''|\{\[\}|\{\]\}|-\{\}")


def _bare_specials(cell: str) -> list[str]:
    rest = _ESCAPES.sub("", cell)
    if cell.startswith("\\textbf{"):
        rest = rest[:-1]  # the closing brace of \textbf{...}
    return re.findall(r"[\\&%$#_{}~^\"\[\]]", rest)


_SHARE = re.compile(r">\{\\(raggedleft|raggedright)\\arraybackslash\}"
                    r"p\{\\dimexpr ([01]\.\d{4})\\linewidth-2\\tabcolsep\\relax\}")


def _columns(tex: str) -> list[tuple[str, float]]:
    """Each column's alignment and share of the line width, read from the column specification(s)."""
    return [(align, float(share)) for align, share in _SHARE.findall(tex)]


def _rows(tex: str) -> list[list[str]]:
    """The body rows of a fragment (header, caption and note lines left out), as lists of cells."""
    rows = []
    for line in tex.splitlines():
        if line.startswith(("\\textbf{", "\\caption", "\\multicolumn", "%")) or not line.endswith(("\\\\", "\\\\*")):
            continue
        rows.append(line.removesuffix("*").removesuffix(" \\\\").split(" & "))
    return rows


def test_latex_escapes_every_special_and_replaces_what_pdflatex_cannot_typeset():
    escaped = latex_escape(QUOTE)
    assert _bare_specials(escaped) == []
    assert "Koordinasinya" in escaped and "``data\\_DTKS''" in escaped and "it's" in escaped
    assert "😅" not in escaped and "{[}U+1F605{]}" in escaped  # pdflatex: a visible placeholder
    assert latex_escape("ŋ é ü Œ — “x”") == "ŋ é ü Œ — “x”"  # what T1 fonts have is kept
    assert latex_escape("e\u0301 q\u0303") == "é q{[}U+0303{]}\\allowbreak{}"  # composed where a letter exists
    kept = latex_escape(QUOTE, engine="lualatex")
    assert "😅" in kept and _bare_specials(kept) == []
    assert latex_escape("a\tb\x07c\r\nd", engine="xelatex") == "a b{[}U+0007{]}\\allowbreak{}c\\newline d"
    assert latex_escape("'x' a--b ,,y") == "`x' a-{}-b ,{},y"
    assert latex_escape(None) == "" and latex_escape(float("nan")) == "" and latex_escape(3) == "3"
    with pytest.raises(InputError, match="unknown LaTeX engine 'context'; allowed: pdflatex, lualatex, xelatex"):
        latex_escape("x", engine="context")


def test_latex_table_apa_caption_label_note_and_widths_from_content():
    tex = latex_table(rich(), title="kutipan per kode", caption="kutipan_x & 50%.", notes="Catatan # 1")
    assert tex.startswith("% LaTeX table tab:table, written by qualcode for pdflatex.\n")
    assert "\\begin{table}[htbp]" in tex and "\\begin{threeparttable}" in tex and "\\toprule" in tex
    # APA: the title is the caption; the caption sentence opens the note under the table
    assert "\\caption{Kutipan per kode}\n\\label{tab:table}" in tex
    assert "\\begin{tablenotes}[flushleft]" in tex
    assert "\\item[] \\textit{Note.} Kutipan\\_x \\& 50\\%. Catatan \\# 1" in tex
    rows = _rows(tex)
    assert len(rows) == 2 and all(len(r) == 4 for r in rows)
    assert all(_bare_specials(cell) == [] for row in rows for cell in row)
    columns = _columns(tex)
    assert [align for align, _ in columns] == ["raggedright", "raggedright", "raggedleft", "raggedright"]
    shares = [share for _, share in columns]
    assert 0.99 <= sum(shares) <= 1  # the table is as wide as the text
    assert shares[3] == max(shares) and shares[1] > shares[2] > shares[0]  # the quote widest, the key narrowest
    assert latex_table(rich(), caption="only a caption.").count("\\caption{Only a caption}") == 1
    assert "\\label{tab:t-1}" in latex_table(rich(), name="t 1")
    assert "\\label{fig:x}" in latex_table(rich(), label="fig:x")
    with pytest.raises(InputError, match="label 'a b' may hold"):
        latex_table(rich(), label="a b")


def test_latex_longtable_for_long_tables(tmp_path):
    path = tmp_path / "t.tex"
    write_table(rich(45), path, title="Panjang", notes="Catatan.", sheet_name="quotes")
    tex = path.read_text(encoding="utf-8")
    assert "\\begin{longtable}" in tex and "\\begin{table}" not in tex
    assert "\\caption{Panjang}\\label{tab:quotes}\\\\" in tex and "\\caption[]{Panjang (continued)}\\\\" in tex
    assert tex.index("\\endfirsthead") < tex.index("\\endhead") < tex.index("\\endfoot") < tex.index("\\endlastfoot")
    rows = _rows(tex)
    assert len(rows) == 45 and all(_bare_specials(c) == [] for row in rows for c in row)
    assert "\\textit{Note.} Catatan." in tex.split("\\endlastfoot")[1]  # under the last row


def test_latex_wide_tables_turn_and_too_wide_ones_come_in_parts():
    narrow = latex_table(pd.DataFrame({f"k{i}": ["x"] for i in range(6)}))
    assert "landscape" not in narrow.split("\\begin{", 1)[1]
    wide = latex_table(pd.DataFrame({f"kolom {i}": ["Kesejahteraan sosial"] for i in range(8)}))
    assert "\\begin{landscape}" in wide and "\\end{landscape}" in wide and wide.count("\\begin{longtable}") == 1
    huge = pd.DataFrame({f"kolom {i}": ["Kesejahteraan"] for i in range(30)}, index=pd.Index(["I-01"], name="informan"))
    tex = latex_table(huge, title="Matriks")
    parts = tex.count("\\begin{longtable}")
    assert parts > 1 and tex.count("\\addtocounter{table}{-1}") == parts - 1  # one table number
    heads = [line for line in tex.splitlines() if line.startswith("\\textbf{informan}")]
    assert len(heads) == 2 * parts  # each part's first head and running head start with the informant column
    assert sum(len(line.split(" & ")) - 1 for line in heads[::2]) == 30  # every other column once
    for part in tex.split("\\begin{longtable}")[1:]:
        shares = [share for _, share in _columns(part.split("\\caption", 1)[0])]
        assert 0.99 <= sum(shares) <= 1


def test_markdown_with_title_caption_notes():
    out = io.StringIO()
    write_table(pd.DataFrame({"a": ["x|y 😅"]}), out, "md", title="Tabel", caption="Keterangan.", notes="Catatan")
    assert out.getvalue() == "**Table 1**\n\n*Tabel*\n\n| a |\n| --- |\n| x\\|y 😅 |\n\n*Note.* Keterangan. Catatan\n"
    untitled = io.StringIO()  # without a title the caption is the title
    write_table(pd.DataFrame({"a": [1]}), untitled, "md", caption="keterangan.")
    assert untitled.getvalue().startswith("**Table 1**\n\n*Keterangan*\n\n| a |")


def test_latex_line_breaks_wrap_and_xlsx_datetimes(tmp_path):
    frame = pd.DataFrame({"k": ["a\nb"], "when": [pd.Timestamp("2026-11-28 10:00", tz="Asia/Jakarta")]})
    tex = latex_table(frame)
    assert "a\\newline b" in tex and [a for a, _ in _columns(tex)] == ["raggedright", "raggedright"]
    write_table(frame, tmp_path / "d.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "d.xlsx").active
    assert str(ws["B2"].value) == "2026-11-28 03:00:00"  # UTC: Excel has no time zones
    assert ws["A2"].alignment.wrap_text
