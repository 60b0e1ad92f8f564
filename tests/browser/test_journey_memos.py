"""Journey: a coder selects a passage on the Code page with the mouse and writes a memo on it in the memo panel;
the memo is stored on the document, linked to exactly the selected passage, and the Memos page lists it and shows
its Markdown as typed (plain text, no markup, no link)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, drag_select, streamlit_server
from .journey import WAIT, click, expand, main, open_page, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasinya?\n\n"
    "Informan: Jujur saja koordinasi lewat WhatsApp saja, rapatnya jarang sekali.\n\n"
    "Pewawancara: Data DTKS belum sesuai dengan kondisi lapangan.\n"
)
PASSAGE = "koordinasi lewat WhatsApp saja"
MEMO_TEXT = "**Informal** channels [here](http://evil.example) <b>replace</b> meetings."


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "memo.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication")]))
        p.add_coder("tester")  # the only coder: the sidebar picks them
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
    return path


def test_write_a_memo_on_a_selected_passage(tmp_path):
    path = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "code")
        page.locator(".qc-transcript").wait_for(timeout=WAIT)
        settle(page)
        drag_select(page, PASSAGE)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        settle(page)
        panel = main(page).locator('[data-testid="stExpander"]').filter(
            has_text=t("memo_panel").format(n=0))
        expand(page, panel)
        start = TEXT.index(PASSAGE)
        end = start + len(PASSAGE)
        expect(panel.get_by_text(t("memo_on_selection").format(start=start, end=end))).to_be_visible(timeout=WAIT)
        widget(page, "stTextInput", t("memo_title"), scope=panel).locator("input").fill("WhatsApp, not meetings")
        widget(page, "stTextArea", t("memo_text"), scope=panel).locator("textarea").fill(MEMO_TEXT)
        click(page, t("memo_write"), scope=panel)
        main(page).get_by_text("WhatsApp, not meetings", exact=False).first.wait_for(timeout=WAIT)

        with Project.open(path) as p:
            memos = p.memos()
            assert len(memos) == 1
            memo = memos.iloc[0]
            assert (memo["kind"], memo["target"], memo["title"], memo["text"], memo["author"]) == \
                ("document", "wawancara", "WhatsApp, not meetings", MEMO_TEXT, "tester")
            links = p.memo_links(int(memo["id"]))
        assert [(r.document, r.start, r.end, r.quote) for r in links.itertuples()] == \
            [("wawancara", start, end, PASSAGE)]

        open_page(page, url, "memos")
        shown = main(page).locator('[data-testid="stText"]').filter(has_text="Informal")
        expect(shown.first).to_have_text(MEMO_TEXT, timeout=WAIT)  # the Markdown as typed
        assert main(page).locator('a[href="http://evil.example"]').count() == 0
        assert main(page).locator("b", has_text="replace").count() == 0
        expect(main(page).get_by_text(PASSAGE).first).to_be_visible(timeout=WAIT)  # the linked passage
