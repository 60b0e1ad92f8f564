"""The Project page's Exchange (REFI-QDA) tab through AppTest: import a .qdpx all or nothing (or the rest on
purpose), show how positions were read and what was left out, export the project as .qdpx and .qdc."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.refi.model import RefiCode, RefiCoding, RefiProject, RefiSelection, RefiSource
from qualcode.refi.write import write_qdpx
from qualcode.ui.exchange_parts import refi_bytes
from qualcode.ui.i18n import t
from qualcode.ui.state import WORD_JOINER, escape_md

from .conftest import TRANSCRIPT, open_page, snapshot

# A file as NVivo for Windows writes it: positions in UTF-16 code units, so the emoji before "WhatsApp" counts
# two. Source B's text can be left out of the archive (a missing source).
USER = "5b1e6d0c-0000-4000-8000-000000000001"
CODE = RefiCode(guid="5b1e6d0c-0000-4000-8000-0000000000c1", name="Koordinasi", color="#336699")
GUID_A = "5b1e6d0c-0000-4000-8000-0000000000a0"
GUID_B = "5b1e6d0c-0000-4000-8000-0000000000b0"
TEXT_A = "Informan: Koordinasinya jarang 😅, Pak. Biasanya lewat WhatsApp 🙏 saja."
TEXT_B = "Informan: Datanya belum terpadu dengan DTKS."
HOSTILE = "**B** [klik](http://evil.example) <b>x</b> :smile:"


def _utf16(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


def _selection(guid: str, text: str, word: str) -> RefiSelection:
    start = text.index(word)
    return RefiSelection(guid=guid, start=_utf16(text, start), end=_utf16(text, start + len(word)),
                         codings=[RefiCoding(code=CODE.guid, user=USER)])


def peer_qdpx(path: Path, *, missing: bool = False, name_b: str = "wawancara B") -> Path:
    """A .qdpx from NVivo with two sources, one coding each; with ``missing``, source B's text is not in it."""
    project = RefiProject(name="Studi mitra", origin="NVivo for Windows 12.6", users={USER: "ana"}, codes=[CODE],
                          sources=[
                              RefiSource(GUID_A, "wawancara A", TEXT_A,
                                         selections=[_selection(GUID_A[:-2] + "a1", TEXT_A, "WhatsApp")]),
                              RefiSource(GUID_B, name_b, TEXT_B,
                                         selections=[_selection(GUID_B[:-2] + "b1", TEXT_B, "terpadu")]),
                          ])
    buffer = io.BytesIO()
    write_qdpx(project, buffer)
    with zipfile.ZipFile(buffer) as full, zipfile.ZipFile(path, "w") as out:
        for info in full.infolist():
            if missing and GUID_B in info.filename.lower():
                continue
            out.writestr(info, full.read(info))
    with zipfile.ZipFile(path) as check:  # the file really lacks (or holds) source B's text
        assert any(GUID_B in n.lower() for n in check.namelist()) is not missing
    return path


def plain(markdown: str) -> str:
    """Escaped Markdown back to the text the reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def exchange_page(path: Path, lang: str = "en") -> AppTest:
    at = open_page("project", path, lang)
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes, version: int = 0) -> None:
    at.file_uploader(key=f"proj_refi_file_{version}").set_value((name, data, "application/zip")).run()


def press_import(at: AppTest) -> None:
    at.button(key="proj_refi_import").click().run()
    assert not at.exception


def counts(at: AppTest) -> dict[str, int] | None:
    wanted = [t(k) for k in ("codes", "documents", "groups", "informants", "coders", "codings")]
    for frame in at.dataframe:
        if list(frame.value.columns) == wanted:
            return {k: int(v) for k, v in frame.value.iloc[0].items()}
    return None


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "kosong.qualcode"
    Project.create(path, name="Kosong").close()
    return path


# -- the tab and its empty state ----------------------------------------------------------------

def test_tab_on_an_empty_project_offers_import_and_both_exports(empty):
    at = exchange_page(empty)
    assert t("proj_tab_exchange") in [tab.label for tab in at.tabs]
    assert at.file_uploader(key="proj_refi_file_0").value in (None, [])
    assert at.checkbox(key="proj_refi_skip_missing").label == t("xch_skip_missing")
    assert at.checkbox(key="proj_refi_skip_missing").value is False
    assert at.selectbox(key="proj_refi_language").value == "id"
    assert at.selectbox(key="proj_refi_source_type").value == "document"
    infos = [i.value for i in at.info]
    assert t("xch_no_documents") in infos and t("xch_no_codes") in infos
    labels = {b.label for b in at.get("download_button")}
    assert {t("xch_download_qdpx"), t("xch_download_qdc")} <= labels
    # what the buttons hand out: an empty project still exports, and the files read back
    with Project.open(empty) as project:
        qdpx, qdc = refi_bytes(project, ".qdpx"), refi_bytes(project, ".qdc")
    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        assert "project.qde" in archive.namelist()
    assert b"<CodeBook" in qdc and b"<Codes" in qdc


def test_tab_in_indonesian(empty):
    at = exchange_page(empty, "id")
    assert "Pertukaran (REFI-QDA)" in [tab.label for tab in at.tabs]
    assert at.button(key="proj_refi_import").label == "Impor berkas REFI-QDA"
    assert {"Unduh proyek (.qdpx)", "Unduh buku kode (.qdc)"} <= {b.label for b in at.get("download_button")}


def test_import_without_a_file_warns(empty):
    at = exchange_page(empty)
    before = snapshot(empty)
    press_import(at)
    assert t("proj_no_file") in [w.value for w in at.warning]
    assert snapshot(empty) == before


# -- all or nothing, or the rest on purpose --------------------------------------------------------

def test_missing_source_refuses_everything_then_skip_missing_imports_the_rest(empty, tmp_path):
    data = peer_qdpx(tmp_path / "mitra.qdpx", missing=True).read_bytes()
    at = exchange_page(empty)
    before = snapshot(empty)
    upload(at, "mitra.qdpx", data)
    press_import(at)

    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1, errors
    assert errors[0].startswith("mitra.qdpx: nothing was imported. Problems found (1): source 'wawancara B'")
    assert "qualcode-upload" not in errors[0]  # the temporary copy is named as the uploaded file
    assert t("xch_unchanged") + " " + t("xch_skip_hint") in [i.value for i in at.info]
    assert not at.success and counts(at) is None
    assert snapshot(empty) == before  # not one row written

    # the uploaded file stays; tick the box and import again
    assert at.file_uploader(key="proj_refi_file_0").value
    at.checkbox(key="proj_refi_skip_missing").check().run()
    press_import(at)
    assert not at.error
    assert [plain(s.value) for s in at.success] == ["Imported mitra.qdpx."]
    assert counts(at) == {"Codes": 1, "Documents": 1, "Informant groups": 0, "Informants": 0, "Coders": 1,
                          "Codings": 1}
    reading = plain(next(i.value for i in at.info if i.value.startswith("Positions read as")))
    assert "UTF-16 code units" in reading and "NVivo" in reading
    assert "1 of 1 selections start and end on word boundaries." in reading
    left_out = [plain(w.value) for w in at.warning if w.value.startswith(t("xch_left_out"))]
    assert len(left_out) == 1 and "source 'wawancara B'" in left_out[0], [w.value for w in at.warning]
    assert at.file_uploader(key="proj_refi_file_1").value in (None, [])  # emptied: imported once

    with Project.open(empty) as project:
        assert list(project.documents()["name"]) == ["wawancara A"]
        codings = project.codings()
        assert list(codings["quote"]) == ["WhatsApp"]  # UTF-16 positions landed on the word
        assert list(codings["coder"]) == ["ana"]


def test_refusal_in_indonesian(empty, tmp_path):
    at = exchange_page(empty, "id")
    upload(at, "mitra.qdpx", peer_qdpx(tmp_path / "mitra.qdpx", missing=True).read_bytes())
    press_import(at)
    errors = [plain(e.value) for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("mitra.qdpx: tidak ada yang diimpor. Masalah yang ditemukan (1)")
    hint = next(i.value for i in at.info if i.value.startswith("Tidak ada yang diimpor: proyek tidak berubah."))
    assert "Impor sisanya jika ada yang hilang" in hint
    with Project.open(empty) as project:
        assert project.documents().empty
    at.session_state["lang"] = "en"  # the refusal is kept, not its text: it follows the language
    at.run()
    assert [plain(e.value) for e in at.error][0].startswith("mitra.qdpx: nothing was imported.")


def test_a_complete_file_imports_without_the_box(empty, tmp_path):
    at = exchange_page(empty)
    upload(at, "mitra.qdpx", peer_qdpx(tmp_path / "mitra.qdpx").read_bytes())
    press_import(at)
    assert not at.error
    assert counts(at)["Documents"] == 2 and counts(at)["Codings"] == 2
    assert not [w for w in at.warning if w.value.startswith(t("xch_left_out"))]
    with Project.open(empty) as project:
        assert sorted(project.codings()["quote"]) == ["WhatsApp", "terpadu"]
    # the same file again: refused as a duplicate, shown as an error, nothing changed
    before = snapshot(empty)
    upload(at, "mitra.qdpx", peer_qdpx(tmp_path / "mitra.qdpx").read_bytes(), version=1)
    press_import(at)
    assert len(at.error) == 1 and "already" in plain(at.error[0].value)
    assert t("xch_unchanged") in [i.value for i in at.info]  # no skip hint: skipping would not help
    assert snapshot(empty) == before


def test_names_from_the_file_are_shown_literally(empty, tmp_path):
    """A source name and an upload name full of Markdown and HTML reach the page escaped, in the refusal and
    in what was left out."""
    data = peer_qdpx(tmp_path / "x.qdpx", missing=True, name_b=HOSTILE).read_bytes()
    at = exchange_page(empty)
    upload(at, "[mitra](http://evil.example).qdpx", data)
    press_import(at)
    error = at.error[0].value
    assert escape_md(HOSTILE) in error and escape_md("[mitra](http://evil.example).qdpx") in error
    assert plain(error).startswith("[mitra](http://evil.example).qdpx: nothing was imported.")
    at.checkbox(key="proj_refi_skip_missing").check().run()
    press_import(at)
    left_out = next(w.value for w in at.warning if w.value.startswith(t("xch_left_out")))
    assert escape_md(HOSTILE) in left_out and "**B**" not in left_out


# -- export ------------------------------------------------------------------------------------------

def test_export_of_a_project_imports_back_through_the_tab(project, transcript, tmp_path):
    """What the download buttons hand out: the .qdpx brings documents, codes and codings into a new project
    through the tab, every quote at its place; the .qdc brings the codebook."""
    project.import_document(transcript, informant="I-01", source_type="interview")
    project.code_quote("I-01_wawancara", "WhatsApp saja 😅", "A.1", "rina")
    project.code_quote("I-01_wawancara", "Banyak warga miskin", "B", "budi", memo="penting")
    qdpx, qdc = refi_bytes(project, ".qdpx"), refi_bytes(project, ".qdc")

    target = tmp_path / "baru.qualcode"
    Project.create(target).close()
    at = exchange_page(target)
    upload(at, "study.qdpx", qdpx)
    press_import(at)
    assert not at.error and [plain(s.value) for s in at.success] == ["Imported study.qdpx."]
    with Project.open(target) as copy:
        assert copy.document("I-01_wawancara")["text"] == TRANSCRIPT
        quotes = copy.codings()[["code", "coder", "quote"]].sort_values("code").values.tolist()
        assert quotes == [["A.1", "rina", "WhatsApp saja 😅"], ["B", "budi", "Banyak warga miskin"]]
        assert list(copy.codes()["key"]) == list(project.codes()["key"])

    codebook_only = tmp_path / "buku.qualcode"
    Project.create(codebook_only).close()
    at = exchange_page(codebook_only)
    upload(at, "study.qdc", qdc)
    press_import(at)
    assert not at.error and counts(at)["Codes"] == len(project.codes())
    with Project.open(codebook_only) as copy:
        assert list(copy.codes()["key"]) == ["A", "A.1", "B"] and copy.documents().empty


# -- roles -------------------------------------------------------------------------------------------

def _exchange_tab() -> None:
    from qualcode.ui.exchange_parts import exchange
    from qualcode.ui.state import current_project

    project = current_project()
    if project is not None:
        exchange(project)


def test_a_supervisor_may_export_but_not_import(empty, tmp_path, monkeypatch):
    """With sign-in, import_refi refuses a role without "import"; the tab shows the refusal (no traceback)."""
    with Project.open(empty) as p:
        p.add_user("sri", "sri-secret-1", "supervisor")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(empty))
    at = AppTest.from_function(_exchange_tab, default_timeout=60)
    at.session_state["user"] = "sri"
    at.run()
    assert not at.exception
    assert {t("xch_download_qdpx"), t("xch_download_qdc")} <= {b.label for b in at.get("download_button")}
    before = snapshot(empty)
    upload(at, "mitra.qdpx", peer_qdpx(tmp_path / "mitra.qdpx").read_bytes())
    press_import(at)
    assert [plain(e.value) for e in at.error] == [
        "sri (supervisor) may not import documents, informants or groups; ask a supervisor or an admin"]
    assert snapshot(empty) == before
