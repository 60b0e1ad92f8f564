"""Journey: on the Query page a coder writes a query with a mistake and sees where it is, corrects it, downloads
the result (equal to the library's), saves the query, reviews the results, unticks one and codes the rest as a
code; SQLite then holds exactly the reviewed passages; a passage opens on the Code page."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.project import Project
from qualcode.ui.i18n import t, tn

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, copy_demo, grid_toggle, main, open_page, pick_coder, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

QUERY = "E4.4 NOT E4.2 WITHIN turn WHERE group = leadership"


@pytest.fixture
def project(demo_path, tmp_path) -> Path:
    path = copy_demo(demo_path, tmp_path)
    with Project.open(path) as p:
        p.add_coder("sari")
    return path


def sari_codings(path: Path) -> set[tuple]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("SELECT x.document_id, x.start, x.end FROM codings x JOIN coders c "
                                "ON c.id = x.coder_id JOIN codes k ON k.id = x.code_id "
                                "WHERE c.name = 'sari' AND k.key = 'E5'").fetchall())
    finally:
        conn.close()


def test_query_error_download_save_and_code_as(project):
    with Project.open(project) as p:
        want = p.run_query(QUERY)
    assert len(want) >= 3
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url, "query")
        pick_coder(page, "sari")
        form = main(page).locator('[data-testid="stForm"]')
        box = form.get_by_label(t("qry_text"), exact=True)
        box.fill("E4.4 NOT (E4.2 WITHIN turn")
        click(page, t("qry_run"), scope=form)
        main(page).get_by_text("query error at position 15", exact=False).wait_for(timeout=WAIT)
        code = main(page).locator('[data-testid="stCode"]').first.inner_text()
        assert code.splitlines()[:2] == ["E4.4 NOT (E4.2 WITHIN turn", " " * 15 + "^"]

        box.fill(QUERY)
        click(page, t("qry_run"), scope=form)
        main(page).get_by_text(tn("qry_count", len(want)), exact=True).wait_for(timeout=WAIT)
        with page.expect_download(timeout=WAIT) as download:
            main(page).get_by_role("button", name=t("qry_download").format(fmt="CSV")).click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert [r["quote"] for r in rows] == want["quote"].tolist()
        assert [r["citation"] for r in rows] == want["citation"].tolist()

        main(page).get_by_label(t("qry_save_name"), exact=True).fill("leadership gaps")
        click(page, t("qry_save"))
        main(page).get_by_text("Saved as “leadership gaps”", exact=False).wait_for(timeout=WAIT)
        with Project.open(project) as p:
            assert p.saved_query("leadership gaps")["text"] == QUERY

        choose(page, t("qry_code_as"), "E5 · Endemic conflicts and tensions", search="E5 ")
        editors = main(page).locator('[data-testid="stDataFrame"]')
        review = editors.nth(2)  # the result table, the counts, then the review table
        expect(review.locator('[role="row"]')).to_have_count(len(want) + 1, timeout=WAIT)
        review.scroll_into_view_if_needed()
        grid_toggle(page, review, 1, x=60)  # on the box, drawn in the middle of the column
        settle(page)
        click(page, tn("qry_code_button", len(want) - 1))
        main(page).get_by_text(f"{len(want) - 1} passages coded as E5 by sari", exact=False).wait_for(timeout=WAIT)
        kept = want.drop(index=[1])
        assert sari_codings(project) == set(zip(kept["document_id"], kept["start"], kept["end"], strict=True))

        choose(page, t("qry_open"), f"{want.iloc[0]['citation']} · {want.iloc[0]['quote'][:80]}",
               search=want.iloc[0]["citation"])
        click(page, t("qry_open_code"))
        main(page).get_by_role("heading", name=t("code_page")).first.wait_for(timeout=WAIT)
