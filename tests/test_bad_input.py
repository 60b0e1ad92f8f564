"""Bad input: each case gives a clear error and leaves the project file exactly as it was."""

from __future__ import annotations

import zipfile

import pytest
from fpdf import FPDF

from qualcode.errors import (
    CodebookError,
    CodingError,
    DuplicateError,
    ImportFormatError,
    NotFoundError,
)
from qualcode.project import CodingSpec

from .conftest import assert_refused


@pytest.fixture
def coded(project, transcript):
    """The small project with one document and one coding in it."""
    project.import_document(transcript, informant="I-01")
    project.add_coding("I-01_wawancara", 0, 10, "A", "rina")
    return project


def test_unknown_extension(coded, tmp_path):
    path = tmp_path / "notes.xyz"
    path.write_text("P: halo", encoding="utf-8")
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "notes.xyz", ".xyz", ".docx")


def test_empty_file(coded, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "empty.txt", "empty")


def test_binary_garbage_named_txt(coded, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "garbage.txt", "binary")


def test_undecodable_bytes(coded, tmp_path):
    path = tmp_path / "broken.txt"
    # Valid UTF-8 start, then bytes that are neither UTF-8 nor plausible single-byte text.
    path.write_bytes("Informan: baik 😀 ".encode() + b"\xff\xfe\xfa\x81\x8d\x8f\x90\x9d" * 3)
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "broken.txt", "decode")


def test_docx_that_is_not_a_docx(coded, tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("I am plain text", encoding="utf-8")
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "fake.docx", "docx")
    zipped = tmp_path / "zip.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "no word document inside")
    assert_refused(coded, lambda: coded.import_document(zipped), ImportFormatError, "zip.docx")


def test_pdf_without_text_layer(coded, tmp_path):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    assert_refused(coded, lambda: coded.import_document(path), ImportFormatError, "scan.pdf", "text layer")


def test_unknown_informant_or_group(coded, transcript, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("P: lain\nI: ya", encoding="utf-8")
    assert_refused(coded, lambda: coded.import_document(other, informant="I-77"), NotFoundError,
                   "unknown informant 'I-77'", "I-01")
    assert_refused(coded, lambda: coded.add_informant("I-20", "pers"), NotFoundError,
                   "unknown group 'pers'", "community, agency, leadership")
    assert_refused(coded, lambda: coded.import_document(other, source_type="video"), NotFoundError,
                   "unknown source type 'video'", "interview")
    sheet = tmp_path / "informants.csv"
    sheet.write_text("key,group\nI-30,community\nI-31,nowhere\n", encoding="utf-8")
    assert_refused(coded, lambda: coded.import_informants(sheet), NotFoundError,
                   "informants.csv, line 3", "unknown group 'nowhere'")


def test_duplicate_document_same_content(coded, transcript, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(transcript.read_bytes().replace(b"\n", b"\r\n"))  # same text once normalised
    assert_refused(coded, lambda: coded.import_document(copy), DuplicateError,
                   "copy.txt", "same content as document 'I-01_wawancara'")


def test_bad_coding_spans(coded):
    n = len(coded.document("I-01_wawancara")["text"])
    for start, end in ((10, 10), (10, 5), (-1, 4), (0, n + 1)):
        assert_refused(coded, lambda s=start, e=end: coded.add_coding("I-01_wawancara", s, e, "A", "rina"),
                       CodingError, f"{start}:{end}", f"<= {n}")


def test_unknown_code_and_document(coded):
    assert_refused(coded, lambda: coded.add_coding("I-01_wawancara", 0, 3, "E9", "rina"), NotFoundError,
                   "unknown code 'E9'", "A, A.1, B")
    assert_refused(coded, lambda: coded.add_coding("nope", 0, 3, "A", "rina"), NotFoundError,
                   "unknown document 'nope'")


def test_a_bad_coding_in_a_batch_cancels_the_batch(coded):
    specs = [CodingSpec("I-01_wawancara", 0, 4, "A", "new-coder"), CodingSpec("I-01_wawancara", 0, 4, "ZZ", "rina")]
    assert_refused(coded, lambda: coded.add_codings(specs), NotFoundError, "unknown code 'ZZ'")


def test_malformed_codebook_yaml(coded, tmp_path):
    book = tmp_path / "bad.yaml"
    book.write_text("codes:\n  - key: X\n    name: [oops\n  - key: Y\n", encoding="utf-8")
    assert_refused(coded, lambda: coded.load_codebook(book), CodebookError, "bad.yaml", "malformed YAML at line")
    semantic = tmp_path / "semantic.yaml"
    semantic.write_text("codes:\n  - key: X\n    name: x\n    parent: nowhere\n", encoding="utf-8")
    assert_refused(coded, lambda: coded.load_codebook(semantic), CodebookError, "parent 'nowhere'")


def test_bad_manifest_line_imports_nothing(coded, tmp_path):
    (tmp_path / "a.txt").write_text("P: satu\nI: dua", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,informant,source_type\na.txt,I-01,interview\nb.txt,I-01,interview\n", encoding="utf-8")
    assert_refused(coded, lambda: coded.import_manifest(manifest), ImportFormatError, "manifest.csv, line 3", "b.txt")
