"""OpenDocument and RTF import: text as written, safe XML parsing, clear errors for wrong files."""

from __future__ import annotations

import zipfile
from pathlib import Path

from qualcode.ingest import read_document

from .conftest import refused

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
)
BODY = """
<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Table"/></text:sequence-decls>
<text:h text:outline-level="1">Catatan Observasi</text:h>
<text:p>P: Bagaimana <text:span text:style-name="T1">pelayanan</text:span> dasar?<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>catatan kaki</text:p></text:note-body></text:note></text:p>
<text:p/>
<text:p>I:<text:s/>Sudah<text:s text:c="3"/>berjalan<text:tab/>😀 — “baik”<text:line-break/>baris   baru
  dengan spasi XML</text:p>
<text:list><text:list-item><text:p>butir satu</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>sel A</text:p></table:table-cell></table:table-row></table:table>
"""  # noqa: E501 (the XML as a word processor writes it: a line break inside <text:p> would be text)


def odt(path: Path, body: str = BODY, mimetype: str = "application/vnd.oasis.opendocument.text") -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {NS}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_odt_paragraphs_headings_and_spacing(tmp_path: Path) -> None:
    doc = read_document(odt(tmp_path / "observasi.odt"))
    assert doc.text == (
        "Catatan Observasi\n\n"
        "P: Bagaimana pelayanan dasar?\n\n"
        "I: Sudah   berjalan\t😀 — “baik”\nbaris baru dengan spasi XML\n\n"
        "butir satu\n\n"
        "sel A"
    )
    assert doc.metadata == {"paragraphs": 5}


def test_odt_entity_expansion_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.odt"
    content = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        f'<office:document-content {NS}><office:body><office:text><text:p>&b;</text:p>'
        "</office:text></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
    refused(path, "not valid or safe XML")


def test_odt_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "palsu.odt"
    path.write_text("bukan odt", encoding="utf-8")
    refused(path, "not a valid .odt file (not a zip archive)")


def test_odt_without_content(tmp_path: Path) -> None:
    path = tmp_path / "tanpa.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    refused(path, "no content.xml")


def test_spreadsheet_renamed_to_odt(tmp_path: Path) -> None:
    path = odt(tmp_path / "tabel.odt", mimetype="application/vnd.oasis.opendocument.spreadsheet")
    refused(path, "not an OpenDocument text file", "spreadsheet")


def test_odt_with_broken_xml(tmp_path: Path) -> None:
    refused(odt(tmp_path / "rusak.odt", body="<text:p>tidak ditutup"), "not valid or safe XML")


RTF = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}}{\colortbl;\red255\green0\blue0;}"
    "\r\n"
    r"\f0\fs24 P: Bagaimana \'93pelayanan dasar\'94?\par"
    "\r\n"
    r"I: Sudah berjalan \emdash  caf\'e9 \u-10179?\u-8694?.\par}"
)


def test_rtf_text(tmp_path: Path) -> None:
    path = tmp_path / "wawancara.rtf"
    path.write_text(RTF, encoding="ascii", newline="")
    doc = read_document(path)
    assert doc.text == "P: Bagaimana “pelayanan dasar”?\nI: Sudah berjalan — café 😊.\n"
    assert doc.metadata["encoding"] == "ascii"


def test_rtf_with_raw_cp1252_bytes(tmp_path: Path) -> None:
    path = tmp_path / "lama.rtf"
    path.write_bytes(r"{\rtf1\ansi Bu Andr".encode("ascii") + "é — ya}".encode("cp1252"))
    doc = read_document(path)
    assert doc.text == "Bu André — ya"
    assert doc.metadata["encoding"] == "cp1252"


def test_file_that_is_not_rtf(tmp_path: Path) -> None:
    path = tmp_path / "palsu.rtf"
    path.write_text("P: teks biasa, bukan RTF", encoding="utf-8")
    refused(path, "not an RTF file")


def test_rtf_with_broken_character_escape(tmp_path: Path) -> None:
    path = tmp_path / "rusak.rtf"
    path.write_text(r"{\rtf1\ansi halo \u-10179? saja}", encoding="ascii")  # lone surrogate half
    refused(path, "damaged RTF")
