"""Malicious REFI-QDA files are refused with a clear error and the project is left unchanged:
zip slip, absolute paths, too many entries, zip bombs, billion laughs, external entities."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qualcode.errors import ImportFormatError
from qualcode.refi import archive as refi_archive
from qualcode.refi import import_refi, import_refi_path

from .conftest import assert_refused

GOOD_QDE = ('<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="urn:QDA-XML:project:1.0" name="x">'
            '<CodeBook><Codes><Code guid="BBBBBBBB-0000-0000-0000-000000000001" name="A" isCodable="true"/>'
            '</Codes></CodeBook></Project>')

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&lol4;"/>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>"""


def archive(path: Path, entries: dict[str, bytes | str], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name)  # ZipInfo keeps names such as ../x or /etc/x as given
            info.compress_type = compression
            zf.writestr(info, data)
    return path


def refused(project, path: Path, *fragments: str) -> str:
    return assert_refused(project, lambda: import_refi(project, path), ImportFormatError, str(path), *fragments)


def test_zip_slip_refused(project, tmp_path):
    bad = archive(tmp_path / "slip.qdpx", {"project.qde": GOOD_QDE, "sources/../../evil.txt": "x"})
    refused(project, bad, "sources/../../evil.txt", "outside the archive")


def test_absolute_path_refused(project, tmp_path):
    bad = archive(tmp_path / "abs.qdpx", {"project.qde": GOOD_QDE, "/etc/evil.txt": "x"})
    refused(project, bad, "/etc/evil.txt", "absolute path")
    drive = archive(tmp_path / "drive.qdpx", {"project.qde": GOOD_QDE, "C:/evil.txt": "x"})
    refused(project, drive, "absolute path")


def test_too_many_entries_refused(project, tmp_path, monkeypatch):
    monkeypatch.setattr(refi_archive, "MAX_ENTRIES", 50)  # the real limit is 10,000; same check, smaller file
    bad = archive(tmp_path / "many.qdpx", {"project.qde": GOOD_QDE, **{f"sources/{n}.txt": "x" for n in range(60)}})
    refused(project, bad, "61 entries", "at most 50")


def test_real_entry_limit_is_ten_thousand():
    assert refi_archive.MAX_ENTRIES == 10_000 and refi_archive.MAX_TOTAL_BYTES == 500 * 1024 * 1024


def test_zip_bomb_refused(project, tmp_path):
    bad = archive(tmp_path / "bomb.qdpx", {"project.qde": GOOD_QDE, "sources/zeros.txt": b"\0" * (20 * 2**20)})
    message = refused(project, bad, "sources/zeros.txt", "possible zip bomb")
    assert "more than 100x" in message


def test_oversized_total_refused(project, tmp_path, monkeypatch):
    monkeypatch.setattr(refi_archive, "MAX_TOTAL_BYTES", 100_000)
    text = bytes(range(256)) * 500  # 128,000 bytes that barely compress
    bad = archive(tmp_path / "big.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": text})
    refused(project, bad, "unpacks to more than")


def test_billion_laughs_refused(project, tmp_path):
    bad = archive(tmp_path / "laughs.qdpx", {"project.qde": BILLION_LAUGHS})
    refused(project, bad, "project.qde", "refused unsafe XML")
    qdc = tmp_path / "laughs.qdc"
    qdc.write_text(BILLION_LAUGHS.replace("Project", "CodeBook"), encoding="utf-8")
    refused(project, qdc, "laughs.qdc", "refused unsafe XML")


def test_external_entity_refused(project, tmp_path):
    bad = archive(tmp_path / "xxe.qdpx", {"project.qde": EXTERNAL_ENTITY})
    refused(project, bad, "project.qde", "refused unsafe XML")


def test_refused_file_creates_no_project(tmp_path):
    bad = archive(tmp_path / "slip.qdpx", {"project.qde": GOOD_QDE, "../evil.txt": "x"})
    target = tmp_path / "new.qualcode"
    with pytest.raises(ImportFormatError, match="outside the archive"):
        import_refi_path(target, bad)
    assert not target.exists()
    assert not (tmp_path.parent / "evil.txt").exists()


def test_cli_reports_refusal(tmp_path):
    from click.testing import CliRunner

    from qualcode.cli import main

    bad = archive(tmp_path / "xxe.qdpx", {"project.qde": EXTERNAL_ENTITY})
    result = CliRunner().invoke(main, ["refi-import", str(tmp_path / "p.qualcode"), str(bad)])
    assert result.exit_code == 1
    assert "refused unsafe XML" in result.output and "Traceback" not in result.output
