"""Word import: document order of paragraphs and tables, and clear errors for files that are not .docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from qualcode.ingest import read_document
from qualcode.ingest.docx_reader import read_docx

from .conftest import refused


def make_interview(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Transkrip Wawancara I-07", level=1)
    document.add_paragraph("P: Bagaimana pelayanan dasar di Dinas Sosial?")
    document.add_paragraph("")  # empty paragraphs are skipped
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(table.rows, [("Informan", "I-07"), ("Kelompok", "LKS"), ("", "")], strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    document.add_paragraph("I: Sudah berjalan 😀 — “cukup baik”, kata Bu André.")
    paragraph = document.add_paragraph("Baris satu")
    paragraph.add_run().add_break()
    paragraph.add_run("baris dua\tdengan tab")
    document.save(str(path))
    return path


def test_paragraphs_and_tables_in_document_order(tmp_path: Path) -> None:
    doc = read_document(make_interview(tmp_path / "i07.docx"))
    assert doc.text == (
        "Transkrip Wawancara I-07\n\n"
        "P: Bagaimana pelayanan dasar di Dinas Sosial?\n\n"
        "Informan | I-07\n"
        "Kelompok | LKS\n\n"
        "I: Sudah berjalan 😀 — “cukup baik”, kata Bu André.\n\n"
        "Baris satu\nbaris dua\tdengan tab"
    )
    assert doc.metadata == {"paragraphs": 4, "tables": 1}
    assert doc.units == []


def test_merged_cells_appear_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Kelompok 1"
    table.cell(0, 2).text = "LKS"
    table.cell(1, 0).text = "Dinas"
    table.cell(1, 1).merge(table.cell(1, 2)).text = "Bidang rehabilitasi"
    cell = table.cell(1, 0)
    cell.add_paragraph("sosial")  # a second paragraph in a cell stays on the row's line
    path = tmp_path / "gabung.docx"
    document.save(str(path))
    assert read_docx(path).text == "Kelompok 1 | LKS\nDinas sosial | Bidang rehabilitasi"


def test_vertically_merged_cell_is_not_repeated(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "Informan"
    table.cell(0, 1).text = "I-01"
    table.cell(1, 1).text = "I-02"
    path = tmp_path / "vertikal.docx"
    document.save(str(path))
    assert read_docx(path).text == "Informan | I-01\n | I-02"


def test_text_file_renamed_to_docx(tmp_path: Path) -> None:
    path = tmp_path / "palsu.docx"
    path.write_text("P: ini sebenarnya teks biasa\n", encoding="utf-8")
    refused(path, "not a valid .docx file (not a zip archive)")


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "arsip.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "halo")
    refused(path, "word/document.xml")


def test_damaged_document_part(tmp_path: Path) -> None:
    source = make_interview(tmp_path / "asli.docx")
    path = tmp_path / "rusak.docx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as damaged:
        for item in original.infolist():
            data = original.read(item)
            damaged.writestr(item, b"<w:document><w:body><w:p>" if item.filename == "word/document.xml" else data)
    refused(path, "damaged .docx file")


def test_truncated_docx(tmp_path: Path) -> None:
    data = make_interview(tmp_path / "asli.docx").read_bytes()
    path = tmp_path / "terpotong.docx"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "not a valid .docx file")


def test_old_doc_renamed(tmp_path: Path) -> None:
    path = tmp_path / "lama.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    refused(path, ".doc")


def test_document_without_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    path = tmp_path / "kosong.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    refused(path, "contains no text")


def test_macro_enabled_document_renamed(tmp_path: Path) -> None:
    source = make_interview(tmp_path / "asli.docx")
    path = tmp_path / "makro.docx"
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as renamed:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(main, b"application/vnd.ms-word.document.macroEnabled.main+xml")
            renamed.writestr(item, data)
    refused(path, "not a plain Word document", "macroEnabled")
