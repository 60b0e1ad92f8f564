"""Journey: on the Codebook page a researcher merges two codes and types why in the confirmation; the reason
is stored with the merge's audit event, and the Change log section shows the merge with that reason."""

from __future__ import annotations

import json
import sqlite3

import pytest
from playwright.sync_api import expect

from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, main, open_page, pick_coder, settle, shown, tab
from .test_journey_codebook import make_project

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

WHY = "B and C name the same coordination problem"


def merges(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return [(actor, json.loads(payload)) for actor, payload in
                conn.execute("SELECT actor, payload FROM events WHERE action = 'code.merge' ORDER BY id")]
    finally:
        conn.close()


def test_merge_with_a_reason_shows_in_the_change_log(tmp_path):
    path = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "codebook")
        pick_coder(page, "tester")
        choose(page, t("cb_which"), "B · Beta")
        tab(page, t("cb_tab_merge"))
        choose(page, t("cb_merge_into"), "C · Gamma")
        shown(page, t("cb_tab_merge"))
        click(page, t("cb_merge"))
        shown(page, t("cb_tab_merge"))
        reason = main(page).get_by_label(t("cblog_reason"), exact=True)
        reason.fill(WHY)
        reason.press("Tab")  # the value reaches the app before the button is pressed
        settle(page)
        assert merges(path) == []  # nothing merged before confirming
        click(page, t("cb_merge_yes"))
        settle(page)
        stored = merges(path)
        assert [(a, m["source"], m["target"], m["reason"]) for a, m in stored] == [("tester", "B", "C", WHY)]

        main(page).get_by_text(t("cblog_title"), exact=True).click()
        settle(page)
        log = main(page).locator('[data-testid="stExpander"]').filter(has_text=t("cblog_title")) \
            .locator('[data-testid="stDataFrame"]')
        expect(log.locator('[role="row"]')).to_have_count(3, timeout=WAIT)  # header, loaded, merged
        expect(log).to_contain_text(WHY, timeout=WAIT)
        expect(log).to_contain_text(t("cblog_kind_merged"), timeout=WAIT)
