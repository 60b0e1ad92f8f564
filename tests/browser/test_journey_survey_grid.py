"""Journey: on the Survey grid page a coder filters the respondents with a Where condition, sorts them by a
number attribute, clicks an answer's
cell, codes the whole answer, then types words of it and codes that part, and codes the answer again by
pressing a code's key; SQLite holds exactly the answer's
span and the words' span, found independently in the respondent's document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.project import Project
from qualcode.ui.i18n import t

from ..test_survey_grid import ROWS, answer_span, make_survey
from . import CHROMIUM, chromium_page, streamlit_server
from .journey import ROW, WAIT, choose, click, grid, grid_cell_click, main, open_page, pick_coder, selected, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

NORTH = [r[0] for r in ROWS if r[3] == "north"]  # R01, R03, R07
# sorted by age (a number attribute), highest first: 100, 34, 8 (as text, "8" would come first)
OLDEST_FIRST = [r[0] for r in sorted((r for r in ROWS if r[3] == "north"), key=lambda r: -float(r[1]))]
ANSWER = next(r[5] for r in ROWS if r[0] == "R03")  # "Staff were kind, the clinic is clean"


def stored(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT d.name, x.start, x."end", x.quote, k.key, c.name FROM codings x '
                            "JOIN documents d ON d.id = x.document_id JOIN codes k ON k.id = x.code_id "
                            "JOIN coders c ON c.id = x.coder_id ORDER BY x.id").fetchall()
    finally:
        conn.close()


def test_filter_code_a_whole_answer_and_part_of_one(tmp_path):
    path = make_survey(tmp_path)
    with Project.open(path) as p:
        whole = answer_span(p, "R03", "q1", ANSWER)
        text = p.document("survey clinic R03")["text"]
        p.edit_code("A", hotkey="K", actor="rina")
    part = (text.index("the clinic", whole[0]), text.index("the clinic", whole[0]) + len("the clinic"))
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "survey_grid")
        pick_coder(page, "rina")
        where = main(page).get_by_label(t("where_label"), exact=True)
        where.fill("region = north")
        where.press("Enter")
        settle(page)
        table = grid(page)
        expect(table.locator('[role="row"]')).to_have_count(len(NORTH) + 1, timeout=WAIT)
        main(page).get_by_text(f"Respondents 1–{len(NORTH)} of {len(NORTH)}", exact=False).wait_for(timeout=WAIT)
        choose(page, t("sg_sort"), "age")
        main(page).get_by_text(t("sg_descending"), exact=True).click()
        settle(page)
        table = grid(page)
        for i, respondent in enumerate(OLDEST_FIRST):
            expect(table.locator('[role="row"]').nth(i + 1)).to_contain_text(respondent, timeout=WAIT)
        # a click on R03's first cell, then right to its q1 answer: the cell picks respondent and question
        grid_cell_click(page, table, OLDEST_FIRST.index("R03"), column=5, x=ROW)
        settle(page)
        assert selected(page, t("sg_respondent")) == "R03"
        assert selected(page, t("sg_question")) == "q1"
        expect(main(page).locator('[data-testid="stText"]').filter(has_text=ANSWER)).to_have_count(1, timeout=WAIT)
        choose(page, t("sg_code"), "B · Beta")
        click(page, t("sg_code_whole"), exact=False)  # its name ends with the shortcut shown in it
        main(page).get_by_text("Coded the answer of R03 to q1 as B", exact=False).wait_for(timeout=WAIT)
        main(page).get_by_text(t("sg_part_title"), exact=True).click()
        words = main(page).get_by_label(t("sg_part_words"), exact=True)
        words.fill("the clinic")
        words.press("Enter")  # the form's submit
        settle(page)
        main(page).get_by_text("Coded part of the answer of R03 to q1", exact=False).wait_for(timeout=WAIT)
        codes_cell = grid(page).locator('[role="row"]').nth(OLDEST_FIRST.index("R03") + 1)
        expect(codes_cell).to_contain_text("B", timeout=WAIT)
        # a code's key codes the whole answer with that code (outside a text input)
        main(page).locator("h1").first.click()
        page.keyboard.press("k")
        main(page).get_by_text("Coded the answer of R03 to q1 as A", exact=False).wait_for(timeout=WAIT)
        settle(page)
    assert stored(path) == [("survey clinic R03", *whole, ANSWER, "B", "rina"),
                            ("survey clinic R03", *part, "the clinic", "B", "rina"),
                            ("survey clinic R03", *whole, ANSWER, "A", "rina")]
