"""Journey g: on the Framework matrix page of the demo a supervisor picks an informant x code cell, writes a
summary and saves it; SQLite has it, and after a reload the page (editor and downloaded matrix) shows it."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from pathlib import Path

import docx
import pytest

from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, copy_demo, main, open_page, pick_coder, selected, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

INFORMANT, CODE = "I-02", "E3.2"
SUMMARY = "Koordinasi lewat WhatsApp 😅; rapat *jarang* — lihat [notulen](x).\nBaris kedua."
STORED = """SELECT i.key, k.key, s.summary, c.name FROM summaries s JOIN informants i ON i.id = s.informant_id
            JOIN codes k ON k.id = s.code_id JOIN coders c ON c.id = s.author_id"""


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_framework"))


def stored(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(STORED).fetchall()
    finally:
        conn.close()


def pick_cell(page) -> None:
    choose(page, t("col_informant"), INFORMANT)
    choose(page, t("col_code"), re.compile(rf"^{re.escape(CODE)} · "), search=CODE)
    assert selected(page, t("col_informant")) == INFORMANT
    assert selected(page, t("col_code")).startswith(f"{CODE} · ")


def summary_box(page):
    return widget(page, "stTextArea", t("fw_summary")).locator("textarea")


def test_framework_journey(demo):
    assert stored(demo) == []
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "framework")
        pick_coder(page, "rina")
        pick_cell(page)
        summary_box(page).fill(SUMMARY)
        click(page, t("save"), scope=main(page).locator('[data-testid="stForm"]'))
        assert stored(demo) == [(INFORMANT, CODE, SUMMARY, "rina")]
        main(page).locator('[data-testid="stAlertContentSuccess"]').wait_for(timeout=WAIT)

        # a new session (reload): the cell's editor is refilled from the file, and the matrix holds the summary
        page.reload()
        main(page).locator("h1").first.wait_for(timeout=WAIT)
        settle(page)  # the new session's first run redraws the pickers: pick after it, not into it
        pick_cell(page)
        assert summary_box(page).input_value() == SUMMARY
        assert "rina" in main(page).inner_text()  # "written by rina, <time>"
        with page.expect_download(timeout=WAIT) as download:
            main(page).get_by_role("button", name=t("fw_download").format(fmt="CSV")).click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        row = next(r for r in rows if INFORMANT in r.values())
        assert row[CODE] == SUMMARY
        # the Word download is a table for a paper: "Table 1" (a SEQ field), the title in italics, the note
        with page.expect_download(timeout=WAIT) as download:
            main(page).get_by_role("button", name=t("fw_download").format(fmt="DOCX")).click()
        doc = docx.Document(download.value.path())
        number, title = doc.paragraphs[:2]
        assert number.text == "Table 1" and "SEQ Table" in number._p.xml
        assert title.text == "Framework Matrix of Informants by Code" and title.runs[0].italic
        assert doc.paragraphs[-1].text.startswith("Note. Informants by codes, all coders pooled.")
        assert "E3.2 = Communication" in doc.paragraphs[-1].text  # the legend of the code columns
        assert page.locator('[data-testid="stMain"] em, [data-testid="stMain"] a[href="x"]').count() == 0
