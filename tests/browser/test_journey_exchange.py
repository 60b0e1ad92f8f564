"""Journey: REFI-QDA exchange on the Project page's Exchange tab in Chromium. The project is downloaded as .qdpx
(a zip holding project.qde and the document's text); a .qdpx from NVivo with one source missing is refused with
every problem named and the project file unchanged; with the skip-missing box ticked the rest is imported, the
page says what was left out, and the project holds the imported document with its coding at the right words."""

from __future__ import annotations

import zipfile

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from ..conftest import TRANSCRIPT, snapshot
from ..test_ui_exchange import TEXT_A, peer_qdpx
from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, click, main, open_page, rows, settle, shown, tab, upload

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

EXCHANGE = t("proj_tab_exchange")


def alerts(page, kind: str) -> list[str]:
    """The texts of the shown alerts of one kind (Error, Warning, Info, Success) in the open tab."""
    return main(page).get_by_role("tabpanel").locator(f'[data-testid="stAlertContent{kind}"]').all_inner_texts()


def test_export_then_refused_import_then_skip_missing(tmp_path):
    path = tmp_path / "studi.qualcode"
    transcript = tmp_path / "I-01_wawancara.txt"
    transcript.write_text(TRANSCRIPT, encoding="utf-8")
    with Project.create(path, name="Studi SPM") as p:
        p.add_group("community", "Komunitas")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("A", "Koordinasi")]))
        p.import_document(transcript, informant="I-01", source_type="interview")
        p.code_quote("I-01_wawancara", "WhatsApp saja 😅", "A", "rina")
    missing = peer_qdpx(tmp_path / "mitra.qdpx", missing=True)

    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "project")
        tab(page, EXCHANGE)

        # export: the whole project as .qdpx, a zip with project.qde and the document's text
        with page.expect_download(timeout=WAIT) as download:
            main(page).get_by_role("button", name=t("xch_download_qdpx"), exact=True).click()
        assert download.value.suggested_filename == "studi.qdpx"
        exported = tmp_path / "export.qdpx"
        download.value.save_as(exported)
        with zipfile.ZipFile(exported) as archive:
            names = archive.namelist()
            assert "project.qde" in names
            texts = [archive.read(n).decode("utf-8") for n in names if n.startswith("sources/")]
            qde = archive.read("project.qde").decode("utf-8")
        assert texts == [TRANSCRIPT]
        assert 'name="I-01_wawancara"' in qde and "<PlainTextSelection" in qde
        settle(page)
        shown(page, EXCHANGE)

        # a file with one source missing: refused, every problem named, not one row written
        before = snapshot(path)
        upload(page, t("xch_file"), [missing])
        click(page, t("xch_import"))
        shown(page, EXCHANGE)
        main(page).get_by_role("tabpanel").locator('[data-testid="stAlertContentError"]').wait_for(timeout=WAIT)
        errors = alerts(page, "Error")
        assert len(errors) == 1, errors
        assert errors[0].startswith("mitra.qdpx: nothing was imported. Problems found (1): source 'wawancara B'")
        assert any(t("xch_unchanged") in info for info in alerts(page, "Info"))
        assert not alerts(page, "Success")
        assert snapshot(path) == before

        # tick the box and import the same upload again: the rest comes in, and what was left out is said
        box = main(page).locator('[data-testid="stCheckbox"]').filter(has_text=t("xch_skip_missing"))
        box.locator("label").click()
        settle(page)
        assert box.get_by_role("checkbox").is_checked()
        click(page, t("xch_import"))
        shown(page, EXCHANGE)
        main(page).get_by_role("tabpanel").locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=WAIT)
        assert alerts(page, "Success") == ["Imported mitra.qdpx."]
        assert not alerts(page, "Error")
        left_out = [w for w in alerts(page, "Warning") if w.startswith(t("xch_left_out"))]
        assert len(left_out) == 1 and "source 'wawancara B'" in left_out[0], alerts(page, "Warning")
        reading = [i for i in alerts(page, "Info") if i.startswith("Positions read as")]
        assert len(reading) == 1 and "UTF-16 code units" in reading[0]

    assert rows(path, "SELECT name FROM documents ORDER BY id") == [("I-01_wawancara",), ("wawancara A",)]
    start = TEXT_A.index("WhatsApp")
    assert rows(path, "SELECT c.start, c.end, c.quote FROM codings c JOIN documents d ON d.id = c.document_id "
                      "WHERE d.name = 'wawancara A'") == [(start, start + len("WhatsApp"), "WhatsApp")]
    assert rows(path, "SELECT count(*) FROM codings") == [(2,)]
