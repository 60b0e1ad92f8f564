"""Plain-text import: encodings, line endings, binary and empty files, dispatch by extension."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.errors import ImportFormatError
from qualcode.ingest import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    normalize_text,
    read_document,
)

TRANSCRIPT = "P: Bagaimana pelayanan dasar di sini?\nI: Sudah berjalan, café — “cukup baik”.\n"


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(path: Path, *fragments: str) -> ImportFormatError:
    """Assert reading ``path`` fails with ImportFormatError naming the file and saying ``fragments``."""
    with pytest.raises(ImportFormatError) as info:
        read_document(path)
    message = str(info.value)
    assert str(path) in message
    assert info.value.path == str(path)
    for fragment in fragments:
        assert fragment in message
    return info.value


def test_utf8(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "i07.txt", TRANSCRIPT.encode("utf-8")))
    assert doc.text == TRANSCRIPT
    assert doc.metadata["encoding"] == "utf-8"
    assert doc.units == []
    assert doc.source == tmp_path / "i07.txt"


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "bom.txt", codecs.BOM_UTF8 + TRANSCRIPT.encode("utf-8")))
    assert doc.text == TRANSCRIPT
    assert doc.metadata["encoding"] == "utf-8-sig"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_bom(tmp_path: Path, bom: bytes, codec: str) -> None:
    original = "P: Halo 😀\r\nI: café — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\r\n"
    doc = read_document(write(tmp_path, f"{codec}.txt", bom + original.encode(codec)))
    assert doc.text == "P: Halo 😀\nI: café — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\n"
    assert doc.metadata["encoding"] == codec


def test_crlf_and_lone_cr_become_lf(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path, "mixed.txt", b"P: satu\r\nI: dua\rP: tiga\r\n\r\nI: empat"))
    assert doc.text == "P: satu\nI: dua\nP: tiga\n\nI: empat"


def test_cp1252_is_decoded_not_mojibake(tmp_path: Path) -> None:
    original = "Informan: “pelayanan dasar” sudah berjalan — kata Pak André di café.\r\n"
    doc = read_document(write(tmp_path, "lama.txt", original.encode("cp1252")))
    assert doc.text == "Informan: “pelayanan dasar” sudah berjalan — kata Pak André di café.\n"
    assert doc.metadata["encoding"] == "cp1252"
    assert "â€" not in doc.text and "Ã" not in doc.text


@pytest.mark.parametrize(
    "line", ["I: “Ya” — kata Bu André.", "é", "naïve — ok", "Straße Ärger Öl — “quote”"]
)
def test_short_cp1252_lines(tmp_path: Path, line: str) -> None:
    doc = read_document(write(tmp_path, "pendek.txt", line.encode("cp1252")))
    assert doc.text == line
    assert doc.metadata["encoding"] == "cp1252"


def test_non_bmp_and_combining_characters_kept_as_they_are(tmp_path: Path) -> None:
    original = "I: 😀👍🏽 𝔘𝔫𝔦 中文 e\u0301 (not NFC) \u00a0end"
    doc = read_document(write(tmp_path, "emoji.txt", original.encode("utf-8")))
    assert doc.text == original
    assert doc.text.index("中文") == original.index("中文")  # code-point offsets
    assert len(doc.text) == len(original)


def test_markdown_is_kept_as_source_text(tmp_path: Path) -> None:
    original = "# Catatan observasi\n\n**Rapat** koordinasi _LKS_:\n\n- butir satu\n"
    doc = read_document(write(tmp_path, "obs.md", original.encode("utf-8")))
    assert doc.text == original
    assert doc.metadata["encoding"] == "utf-8"


def test_uppercase_extension(tmp_path: Path) -> None:
    assert read_document(write(tmp_path, "I07.TXT", b"P: halo")).text == "P: halo"


def test_binary_garbage_named_txt_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    refused(write(tmp_path, "foto.txt", png), "binary data, not text")


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 65, 66]) * 50
    refused(write(tmp_path, "ctrl.txt", data), "binary data, not text")


def test_undecodable_bytes_are_refused(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "rusak.txt", b"\x81\x8d\x8f\x90\x9d\x81\x8d"), "cannot decode text")
    assert "UTF-8" in error.problem and "UTF-16" in error.problem and "cp1252" in error.problem


def test_broken_utf16_after_bom_is_refused(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "halo".encode("utf-16-le") + b"\x00\xd8"  # lone high surrogate
    refused(write(tmp_path, "u16.txt", data), "utf-16-le", "byte-order mark")


def test_empty_file(tmp_path: Path) -> None:
    refused(write(tmp_path, "kosong.txt", b""), "file is empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    refused(write(tmp_path, "spasi.md", b" \r\n\t\n  "), "contains no text")


def test_unknown_extension(tmp_path: Path) -> None:
    error = refused(write(tmp_path, "data.xyz", b"halo"), "'.xyz'")
    for extension in SUPPORTED_EXTENSIONS:
        assert extension in error.problem


def test_no_extension(tmp_path: Path) -> None:
    refused(write(tmp_path, "README", b"halo"), "no extension", ".txt")


def test_missing_file(tmp_path: Path) -> None:
    refused(tmp_path / "hilang.txt", "file not found")


def test_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    refused(folder, "not a regular file")


@pytest.mark.parametrize("extension", SUPPORTED_EXTENSIONS)
def test_oversized_file_is_refused_before_reading(tmp_path: Path, extension: str) -> None:
    path = tmp_path / f"besar{extension}"
    with path.open("wb") as handle:  # sparse: no 200 MB are actually written
        handle.truncate(MAX_FILE_BYTES + 1)
    refused(path, "too large", "200 MB")


_TEXT_CHARS = st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\r\t")


@settings(max_examples=60, deadline=None)
@given(st.text(_TEXT_CHARS, min_size=1).filter(lambda s: s.strip() and not s.startswith("\ufeff")))
def test_any_utf8_text_round_trips_normalised(original: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.txt"
        path.write_bytes(original.encode("utf-8"))
        assert read_document(path).text == normalize_text(original)
