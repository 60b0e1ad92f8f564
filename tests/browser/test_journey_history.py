"""Journey j: a coder codes a passage on the Code page and renames a code on the Codebook page, then on the
History page undoes both (newest first) and redoes them; SQLite reflects each step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, drag_select, streamlit_server
from .journey import WAIT, choose_many, click, main, nav, open_page, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = "Pewawancara: Ada kendala? 🤔\n\nInforman: Anggaran terbatas 💸 dan SDM kurang.\n"
NEEDLE = "Anggaran terbatas"


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "history.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("RES", "Resources"), Code("COM", "Communication")]))
        p.add_coder("tester")
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
    return path


def state(path: Path) -> tuple[list[tuple], str]:
    """(the codings as (start, end, quote, code, coder), the name of code RES)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT x.start, x.end, x.quote, k.key, c.name FROM codings x JOIN codes k ON "
                            "k.id = x.code_id JOIN coders c ON c.id = x.coder_id ORDER BY x.id").fetchall()
        [(name,)] = conn.execute("SELECT name FROM codes WHERE key = 'RES'").fetchall()
        return rows, name
    finally:
        conn.close()


def test_history_undo_and_redo(tmp_path):
    path = make_project(tmp_path)
    start = TEXT.index(NEEDLE)
    coded = [(start, start + len(NEEDLE), NEEDLE, "RES", "tester")]
    with streamlit_server(path) as url, chromium_page() as page:
        # a coding made on the Code page
        open_page(page, url, "code")
        page.locator(".qc-transcript").wait_for(timeout=WAIT)
        drag_select(page, NEEDLE)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the code palette has one too)
        expect(apply).to_be_enabled(timeout=WAIT)
        choose_many(page, t("codes_to_apply"), ["RES · Resources"])
        apply.click()
        settle(page)
        assert state(path) == (coded, "Resources")

        # then a code renamed on the Codebook page
        nav(page, t("codebook"))
        edit = main(page).locator('[data-testid="stForm"]').filter(
            has=page.get_by_role("button", name=t("save"), exact=True))
        edit.get_by_label(t("cb_name"), exact=True).fill("Sumber daya")
        click(page, t("save"), scope=edit)
        assert state(path) == (coded, "Sumber daya")

        # History: undo takes back the newest change first, redo puts them back in order
        nav(page, t("hist_title"))
        click(page, t("undo"))
        assert state(path) == (coded, "Resources")
        click(page, t("undo"))
        assert state(path) == ([], "Resources")
        click(page, t("hist_redo"))
        assert state(path) == (coded, "Resources")
        click(page, t("hist_redo"))
        assert state(path) == (coded, "Sumber daya")
        expect(page.get_by_role("button", name=t("hist_redo"), exact=True)).to_be_disabled(timeout=WAIT)
