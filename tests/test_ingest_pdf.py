"""PDF import: the text layer per page, and clear errors for scanned, encrypted and corrupt PDFs."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from qualcode.ingest import read_document

from .conftest import refused


def text_pdf(path: Path, **encryption: str) -> Path:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, "Informan: pelayanan dasar\nPewawancara: terima kasih")
    pdf.add_page()
    pdf.cell(0, 10, "Halaman dua")
    pdf.output(str(path))
    return path


def test_text_layer_of_each_page(tmp_path: Path) -> None:
    doc = read_document(text_pdf(tmp_path / "lkip.pdf"))
    first = "Informan: pelayanan dasar\nPewawancara: terima kasih"
    assert doc.text == first + "\n\nHalaman dua"
    assert doc.metadata["pages"] == 2
    assert doc.metadata["page_starts"] == [0, len(first) + 2]
    assert doc.text[doc.metadata["page_starts"][1] :] == "Halaman dua"


def test_image_only_pdf_has_no_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 60, style="F")  # a "scan": drawing only, no text
    path = tmp_path / "pindaian.pdf"
    pdf.output(str(path))
    refused(path, "no text layer", "OCR")


def test_corrupt_pdf(tmp_path: Path) -> None:
    data = text_pdf(tmp_path / "asli.pdf").read_bytes()
    path = tmp_path / "rusak.pdf"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "damaged or unreadable PDF")


def test_pdf_header_with_garbage(tmp_path: Path) -> None:
    path = tmp_path / "sampah.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    refused(path, "damaged or unreadable PDF")


def test_text_file_renamed_to_pdf(tmp_path: Path) -> None:
    path = tmp_path / "palsu.pdf"
    path.write_text("Informan: bukan PDF", encoding="utf-8")
    refused(path, "not a PDF file")


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "rahasia.pdf", owner_password="pemilik", user_password="rahasia")
    refused(path, "password-protected")


def test_pdf_encrypted_only_against_editing_is_read(tmp_path: Path) -> None:
    path = text_pdf(tmp_path / "terkunci.pdf", owner_password="pemilik")
    assert read_document(path).text.startswith("Informan: pelayanan dasar")
