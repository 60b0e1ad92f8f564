"""Word tables of the demo's exports read back with python-docx: each column as wide as its content needs (the
quote column the widest, short columns narrow), the widths fixed and adding up to the page's text width, and the
page turned only when the columns do not fit. Widths are read from both places a reader takes them: the table
grid (LibreOffice) and each cell (Word)."""

from __future__ import annotations

import shutil

import docx
import pytest
from click.testing import CliRunner
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.table import _Cell

from qualcode.cli import main
from qualcode.project import Project


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "demo.qualcode"
    shutil.copy(demo_path, path)
    return path


def export(demo, tmp_path, table: str, *args: str):
    out = tmp_path / f"{table}.docx"
    result = CliRunner().invoke(main, ["export", str(demo), table, "-o", str(out), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    return doc, doc.tables[0]


def cells(table) -> list[list]:
    """The table's cells, row by row, read once (python-docx before 1.2 rebuilds the whole grid for every
    ``row.cells``)."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def widths(table) -> dict[str, int]:
    """Header -> width (EMU) of the grid, after checking that every cell of the column says the same."""
    grid = [int(col.width) for col in table.columns]
    rows = cells(table)
    header = [c.text.replace("\u200b", "") for c in rows[0]]  # headers may break after "_"
    for row in rows:
        assert [int(c.width) for c in row] == grid
    return dict(zip(header, grid, strict=True))


def column_texts(table) -> list[list[str]]:
    """Each column's cell texts below the header."""
    rows = cells(table)[1:]
    return [[row[i].text for row in rows] for i in range(len(table.columns))]


def text_width(doc) -> int:
    section = doc.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def words_fit(table) -> None:
    """The longest word of every column's cells (up to 24 letters; 4.95 pt a letter of 9 pt type) fits its
    width: no word is broken in the middle, no column is a letter or two wide."""
    for (header, value), texts in zip(widths(table).items(), column_texts(table), strict=True):
        words = [w for text in texts for w in text.split()] or [""]
        longest = min(24, max(map(len, words)))
        assert longest * 4.95 * 12700 <= value, (header, longest, value)


def fixed(table) -> bool:
    layout = table._tbl.tblPr.find(qn("w:tblLayout"))
    return layout is not None and layout.get(qn("w:type")) == "fixed"


def test_quote_table_columns_follow_content(demo, tmp_path):
    doc, table = export(demo, tmp_path, "quotes")
    width = widths(table)
    assert fixed(table) and abs(sum(width.values()) - text_width(doc)) < 10
    assert max(width, key=width.get) == "quote"
    assert width["quote"] > 3 * width["sentence_start"] and width["code"] < width["code_name"]
    words_fit(table)


def test_codings_table_keeps_numbers_narrow_and_the_quote_wide(demo, tmp_path):
    """Fourteen columns do not fit one landscape page at their longest words: two parts, each repeating
    the id, the quote the widest column of all."""
    doc, _ = export(demo, tmp_path, "codings")
    width: dict[str, int] = {}
    for table in doc.tables:
        part = widths(table)
        assert next(iter(part)) == "id" and abs(sum(part.values()) - text_width(doc)) < 10
        width |= part
    assert max(width, key=width.get) == "quote"
    assert width["start"] < width["quote"] / 4 and width["id"] < width["document"]
    assert len(set(width.values())) > 3  # not one width for every column
    last = doc.tables[-1]
    created = column_texts(last)[list(widths(last)).index("created_at")]
    assert all(len(c) == 20 and c.endswith(" UTC") for c in created)  # "2026-12-03 03:11 UTC", to the minute


def test_framework_matrix_is_not_one_letter_wide(demo, tmp_path):
    """43 code columns of quotes do not fit any page: the matrix comes in parts on landscape pages, each
    with the informant column, and every column as wide as its longest word (equal shares of one portrait page
    gave about one letter)."""
    doc, _ = export(demo, tmp_path, "framework")
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    codes = []
    for table in doc.tables:
        width = widths(table)
        assert next(iter(width)) == "informant"
        assert abs(sum(width.values()) - text_width(doc)) < 10
        words_fit(table)
        assert column_texts(table)[0] == column_texts(doc.tables[0])[0]
        codes += list(width)[1:]
    with Project.open(demo) as p:
        codebook, coded = p.codes(), set(p.codings()["code"])
    # every code once, but for a parent without codings of its own (its sub-codes stand for it)
    shown = [k for k in codebook["key"] if k in coded or k not in set(codebook["parent"].dropna())]
    assert len(doc.tables) > 1 and codes == ["group", *shown] and len(shown) > 30  # the group beside the informant


def test_codebook_definition_is_the_widest(demo, tmp_path):
    _, table = export(demo, tmp_path, "codebook")
    width = widths(table)
    assert max(width, key=width.get) in {"definition", "include", "exclude", "example"}


def test_xlsx_rows_as_high_as_their_text_printed_to_the_width_with_dates(demo, tmp_path):
    """The demo's codings as XLSX read back with openpyxl: a row with a long quote is as many lines high as
    the quote takes at the column's width (LibreOffice and Excel do not grow a row themselves when the file
    says nothing, and the text ran over the rows below), the sheet prints one page wide with the header on
    every page, and the stored moments are dates."""
    import datetime

    import openpyxl

    out = tmp_path / "codings.xlsx"
    result = CliRunner().invoke(main, ["export", str(demo), "codings", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[4]]
    quote, created = header.index("quote") + 1, header.index("created_at") + 1
    width = ws.column_dimensions[openpyxl.utils.get_column_letter(quote)].width
    checked = 0
    for r in range(5, ws.max_row + 1):
        text = ws.cell(r, quote).value
        if not text:
            continue
        needed = sum(max(1, -(-len(line) // int(width))) for line in text.split("\n"))  # at least, by characters
        if needed > 2:
            assert ws.row_dimensions[r].height >= 15 * (needed - 1), (r, needed, ws.row_dimensions[r].height)
            checked += 1
        assert isinstance(ws.cell(r, created).value, datetime.datetime)
        assert ws.cell(r, created).is_date
    assert checked > 100
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$4:$4"  # the header row on every printed page
