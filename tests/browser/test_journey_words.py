"""Journey: on the Words page a coder clicks a word in the frequency table, its concordance opens below with
the same hits the Search page finds, and coding two ticked hits stores exactly those passages in SQLite; the
query-result scope then counts the words of those two passages."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.search import find_hits
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import ROW, WAIT, _grid_box, choose, click, grid_toggle, main, open_page, pick_coder, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

DOCS = {  # name: (informant, text)
    "lks": ("I-01", "Pewawancara: Bagaimana datanya?\n\nInforman: Data kami belum masuk DTKS. Data lama dipakai.\n"),
    "dinas": ("I-09", "Pewawancara: Soal DTKS?\n\nInforman: DTKS diperbarui tiap bulan, DTKS itu acuan.\n"),
}
WORD = "dtks"


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "words.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_group("leadership")
        p.add_informant("I-01", "community")
        p.add_informant("I-09", "leadership")
        p.load_codebook(Codebook("t", [Code("DAT", "Data quality")]))
        p.add_coder("tester")
        for name, (informant, text) in DOCS.items():
            file = tmp_path / f"{name}.txt"
            file.write_text(text, encoding="utf-8")
            p.import_document(file, informant=informant, name=name)
    return path


def test_click_a_word_see_its_concordance_and_code_hits(tmp_path):
    path = make_project(tmp_path)
    with Project.open(path) as p:
        table = p.word_frequencies()
        row = int(table.index[table["word"] == WORD][0])
    hits = [(name, s, e) for name, (_, text) in DOCS.items() for s, e, *_ in find_hits(text, WORD, whole_word=True)]
    assert len(hits) == 4 and table.loc[row, "count"] == 4
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "words")
        pick_coder(page, "tester")
        frequencies = main(page).locator('[data-testid="stDataFrame"]:visible').first
        frequencies.wait_for(timeout=WAIT)
        expect(frequencies.locator('[role="row"]')).to_have_count(len(table) + 1, timeout=WAIT)
        box = _grid_box(page, frequencies)  # a click on the row's selection box, left of the first column
        page.mouse.click(box["x"] + 14, box["y"] + ROW * (row + 1) + ROW / 2)
        settle(page)
        expect(main(page).get_by_label(t("words_word"), exact=True)).to_have_value(WORD, timeout=WAIT)
        main(page).get_by_text(f"{len(hits)} hits in 2 documents, 4 of them counted", exact=False) \
            .wait_for(timeout=WAIT)
        concordance = main(page).locator('[data-testid="stDataFrame"]:visible').nth(1)
        expect(concordance.locator('[role="row"]')).to_have_count(len(hits) + 1, timeout=WAIT)
        for hit in (0, 3):
            grid_toggle(page, concordance, hit, x=56)
        settle(page)
        choose(page, t("search_code"), "DAT · Data quality")
        click(page, t("search_autocode"))
        main(page).get_by_text("2 codings added", exact=False).wait_for(timeout=WAIT)
        # the words of a query's result passages: the two coded hits, so "dtks" twice, nothing else
        choose(page, t("words_scope"), t("words_scope_query"))
        box = main(page).get_by_label(t("words_scope_query"), exact=True)
        box.fill("DAT")
        box.press("Enter")
        settle(page)
        frequencies = main(page).locator('[data-testid="stDataFrame"]:visible').first
        expect(frequencies.locator('[role="row"]')).to_have_count(2, timeout=WAIT)
        expect(frequencies).to_contain_text(WORD, timeout=WAIT)
    with Project.open(path) as p:
        queried = p.word_frequencies(by="query", value="DAT")
    assert list(zip(queried["word"], queried["count"], strict=True)) == [(WORD, 2)]
    conn = sqlite3.connect(path)
    try:
        stored = conn.execute("SELECT d.name, x.start, x.end, x.quote, k.key, c.name FROM codings x "
                              "JOIN documents d ON d.id = x.document_id JOIN codes k ON k.id = x.code_id "
                              "JOIN coders c ON c.id = x.coder_id ORDER BY d.id, x.start").fetchall()
    finally:
        conn.close()
    texts = {name: text for name, (_, text) in DOCS.items()}
    assert stored == [(name, s, e, texts[name][s:e], "DAT", "tester") for name, s, e in (hits[0], hits[3])]
