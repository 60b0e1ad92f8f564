"""Journey b: on the Code page a coder drag-selects a passage that starts after an emoji and runs over two lines
and applies a code; opens the band of a coding with a memo and of one without (the pandas 3 crash), changes a
code and memos, deletes with the confirm step, then undoes and redoes the deletion. SQLite is checked after
each step against offsets computed with Python's str.index on the original text.

(Pressing Apply twice is tests/browser/test_apply_twice.py.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project
from qualcode.ui.i18n import t

from . import CHROMIUM, SELECT_TEXT_JS, chromium_page, streamlit_server
from .journey import WAIT, choose, choose_many, click, open_page, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasinya? 😀\n\n"
    "Informan: Jujur saja 👩🏽‍⚕️ koordinasi lewat\n"
    "WhatsApp saja, rapatnya jarang sekali.\n\n"
    "Pewawancara: Terima kasih.\n"
)
FROM, TO = "koordinasi lewat", "WhatsApp saja"  # the passage runs from FROM (line 3) to TO (line 4)
PASSAGE = TEXT[TEXT.index(FROM):TEXT.index(TO) + len(TO)]
MEMO_PASSAGE, MEMO = "rapatnya jarang sekali", "rapat jarang: lihat notulen"
CODES = [Code("COM", "Communication", color="#0072B2"), Code("TRU", "Trust", color="#D55E00"),
         Code("DAT", "Data", color="#009E73")]


def make_project(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "band.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", CODES))
        p.add_coder("tester")  # the only coder: the sidebar picks them
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
        start = TEXT.index(MEMO_PASSAGE)
        [memo_id] = p.add_codings([CodingSpec("wawancara", start, start + len(MEMO_PASSAGE), "TRU", "tester", MEMO)])
    return path, memo_id


def codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT x.id, x.start, x.end, x.quote, k.key, c.name, x.memo FROM codings x "
            "JOIN codes k ON k.id = x.code_id JOIN coders c ON c.id = x.coder_id ORDER BY x.id").fetchall()
    finally:
        conn.close()


def exemplars(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {i for (i,) in conn.execute("SELECT id FROM codings WHERE exemplar = 1")}
    finally:
        conn.close()


def drawn(page, n: int) -> None:
    page.wait_for_function("(n) => document.querySelector('.qc-transcript')?.dataset.codings === String(n)",
                           arg=n, timeout=WAIT)
    settle(page)


def drag_across(page, first: str, last: str) -> None:
    """A real mouse drag from the start of ``first`` to the end of ``last`` (on a later line)."""
    a, b = page.evaluate(SELECT_TEXT_JS, [first]), page.evaluate(SELECT_TEXT_JS, [last])
    assert a and b, "passage not shown in the transcript"
    page.mouse.move(a["x1"], a["y1"])
    page.mouse.down()
    page.mouse.move((a["x1"] + b["x2"]) / 2, (a["y1"] + b["y2"]) / 2, steps=5)
    page.mouse.move(b["x2"], b["y2"], steps=5)
    page.mouse.up()


def open_band(page, coding_id: int):
    """Click the band of coding ``coding_id``, then the code palette's "Memo…" entry; returns the dialog
    it opens (a band click opens the palette first when the coder may code)."""
    page.locator(f'.qc-transcript .qc-coded[data-ids="{coding_id}"]').first.click()
    page.locator(".qc-palette .qc-pal-memo").click(timeout=WAIT)
    dialog = page.locator('[role="dialog"]:not(.qc-palette)')
    dialog.wait_for(timeout=WAIT)
    settle(page)
    return dialog


def test_code_band_journey(tmp_path):
    path, memo_id = make_project(tmp_path)
    start = TEXT.index(FROM)  # code points: after 😀 and 👩🏽‍⚕️, which are 1 and 5 of them
    assert "\n" in PASSAGE
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "code")
        page.locator(".qc-transcript").wait_for(timeout=WAIT)
        drawn(page, 1)

        # select over two lines, after the emoji, and apply a code
        drag_across(page, FROM, TO)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the palette has one too)
        expect(apply).to_be_enabled(timeout=WAIT)
        choose_many(page, t("codes_to_apply"), ["COM · Communication"])
        apply.click()
        drawn(page, 2)
        rows = codings(path)
        assert len(rows) == 2
        new_id = rows[1][0]
        assert rows[1][1:] == (start, start + len(PASSAGE), PASSAGE, "COM", "tester", None)

        # the band of the coding WITH a memo: the memo is in the box; edit it and save
        dialog = open_band(page, memo_id)
        memo_box = widget(page, "stTextArea", t("memo"), scope=dialog).locator("textarea")
        expect(memo_box).to_have_value(MEMO)
        memo_box.fill(MEMO + " (dicek)")
        click(page, t("save"), scope=dialog)
        expect(dialog).to_be_hidden(timeout=WAIT)
        settle(page)
        assert codings(path)[0][4:] == ("TRU", "tester", MEMO + " (dicek)")

        # the band of the coding WITHOUT a memo: opens with an empty memo box; change its code, add a memo
        dialog = open_band(page, new_id)
        memo_box = widget(page, "stTextArea", t("memo"), scope=dialog).locator("textarea")
        expect(memo_box).to_have_value("")
        choose(page, t("change_code"), "DAT · Data", scope=dialog)
        memo_box.fill("lintas baris")
        exemplar = dialog.get_by_text(t("exemplar"), exact=True)  # and flag it as an exemplar quote
        exemplar.click()
        click(page, t("save"), scope=dialog)
        expect(dialog).to_be_hidden(timeout=WAIT)
        settle(page)
        assert codings(path)[1][1:] == (start, start + len(PASSAGE), PASSAGE, "DAT", "tester", "lintas baris")
        assert exemplars(path) == {new_id}

        # opened again, the box is ticked; unticked and saved, the flag is gone
        dialog = open_band(page, new_id)
        box = dialog.get_by_role("checkbox", name=t("exemplar"))
        expect(box).to_be_checked()
        dialog.get_by_text(t("exemplar"), exact=True).click()
        click(page, t("save"), scope=dialog)
        expect(dialog).to_be_hidden(timeout=WAIT)
        settle(page)
        assert exemplars(path) == set()

        # delete needs its confirm step
        dialog = open_band(page, memo_id)
        click(page, t("delete"), scope=dialog)
        assert [r[0] for r in codings(path)] == [memo_id, new_id]  # nothing deleted before confirming
        click(page, t("confirm_delete"), scope=dialog)
        drawn(page, 1)
        assert [r[0] for r in codings(path)] == [new_id]

        # undo brings the coding back as it was; redo deletes it again
        click(page, t("undo"))
        drawn(page, 2)
        assert codings(path)[0][1:] == (TEXT.index(MEMO_PASSAGE), TEXT.index(MEMO_PASSAGE) + len(MEMO_PASSAGE),
                                        MEMO_PASSAGE, "TRU", "tester", MEMO + " (dicek)")
        click(page, t("hist_redo"))
        drawn(page, 1)
        assert [r[0] for r in codings(path)] == [new_id]
