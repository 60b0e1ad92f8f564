"""Table writers: CSV (UTF-8), XLSX (bold frozen header) and GitHub Markdown (pipes and newlines escaped)."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from qualcode.errors import InputError
from qualcode.export.tables import markdown_table, write_table


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


def test_markdown_file(tmp_path):
    path = tmp_path / "t.md"
    write_table(sample(), path, "md")
    assert path.read_text(encoding="utf-8") == markdown_table(sample())


def test_errors(tmp_path):
    with pytest.raises(InputError, match="unknown table format 'docx'; allowed: csv, xlsx, md"):
        write_table(sample(), tmp_path / "t.docx", "docx")
    with pytest.raises(InputError, match="cannot tell the table format"):
        write_table(sample(), tmp_path / "t.txt")
    with pytest.raises(InputError, match="binary file"):
        write_table(sample(), io.StringIO(), "xlsx")
