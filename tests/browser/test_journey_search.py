"""Journey e: on the Search page a coder types a query, narrows it to one informant group, ticks some hits
in the table and auto-codes only those; SQLite then holds exactly the ticked hits, at offsets computed
independently with Python's str.find on the stored texts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, choose_many, click, grid, grid_toggle, main, open_page, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

QUERY = "data"
DOCS = {  # name: (informant, text)
    "lks": ("I-01", "Informan: Data 📊 kami belum masuk DTKS.\n\nPewawancara: Kenapa datanya?\n"),
    "dinas": ("I-09", "Informan: Data DTKS diperbarui tiap bulan.\n"),
    "warga": ("I-02", "Informan: Pendataan 👩🏽‍🌾 ulang belum ada, data lama dipakai.\n"),
}


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "search.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_group("leadership")
        p.add_informant("I-01", "community")
        p.add_informant("I-02", "community")
        p.add_informant("I-09", "leadership")
        p.load_codebook(Codebook("t", [Code("COM", "Communication"), Code("DAT", "Data quality")]))
        p.add_coder("tester")
        for name, (informant, text) in DOCS.items():
            file = tmp_path / f"{name}.txt"
            file.write_text(text, encoding="utf-8")
            p.import_document(file, informant=informant, name=name)
    return path


def expected_hits(names: list[str]) -> list[tuple[str, int, int]]:
    """Every case-insensitive occurrence of QUERY in the named documents, in document then text order."""
    hits = []
    for name in names:
        text = DOCS[name][1].lower()
        at = text.find(QUERY)
        while at >= 0:
            hits.append((name, at, at + len(QUERY)))
            at = text.find(QUERY, at + 1)
    return hits


def codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT d.name, x.start, x.end, x.quote, k.key, c.name FROM codings x "
            "JOIN documents d ON d.id = x.document_id JOIN codes k ON k.id = x.code_id "
            "JOIN coders c ON c.id = x.coder_id ORDER BY d.id, x.start").fetchall()
    finally:
        conn.close()


def test_search_filter_tick_autocode(tmp_path):
    path = make_project(tmp_path)
    hits = expected_hits(["lks", "warga"])  # the community group's documents, in import order
    assert len(hits) == 4
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "search")
        form = main(page).locator('[data-testid="stForm"]')
        form.get_by_label(t("search_query"), exact=True).fill(QUERY)
        choose_many(page, t("groups"), ["community"], scope=form)
        click(page, t("search_button"), scope=form)
        table = grid(page, scope=main(page))
        # the hits table lists the community group's hits only (its cells are in the DOM for screen readers)
        shown = table.locator('[role="row"]')
        expect(shown).to_have_count(len(hits) + 1, timeout=WAIT)  # and the header row
        assert "dinas" not in table.inner_text()

        # tick the first and the third hit, then auto-code them
        for row in (0, 2):
            grid_toggle(page, table, row, x=56)  # on the box, drawn in the middle of the pinned column
        settle(page)
        choose(page, t("search_code"), "DAT · Data quality")
        click(page, t("search_autocode"))
        texts = {name: text for name, (_, text) in DOCS.items()}
        assert codings(path) == [(name, s, e, texts[name][s:e], "DAT", "tester") for name, s, e in (hits[0], hits[2])]
        assert [texts[name][s:e] for name, s, e in (hits[0], hits[2])] == ["Data", "data"]
