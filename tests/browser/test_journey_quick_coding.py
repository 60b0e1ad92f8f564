"""Journey c: on the Code page a coder switches quick coding on, gives codes to a sentence and to a speaker
turn in the grid, and takes one back; each coding in SQLite spans exactly its unit (the units table; a turn
without its speaker label), checked against Python's str.index on the original text."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, click, grid, grid_cell_click, grid_pick_many, main, open_page, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasinya? 😀\n\n"
    "Informan: Koordinasi jarang. Lewat WhatsApp saja 😅.\n\n"
    "Pewawancara: Terima kasih.\n"
)
SENTENCE = "Lewat WhatsApp saja 😅."
TURN = "Koordinasi jarang. Lewat WhatsApp saja 😅."  # the informant's turn after "Informan: "
CODES_COLUMN = 3  # line, speaker, text, codes


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "quick.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication"), Code("TRU", "Trust")]))
        p.add_coder("tester")
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
    return path


def query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def codings(path: Path) -> list[tuple]:
    return query(path, "SELECT x.start, x.end, x.quote, k.key, c.name FROM codings x JOIN codes k ON k.id = x.code_id "
                       "JOIN coders c ON c.id = x.coder_id ORDER BY x.start, k.key")


def unit_rows(path: Path, kind: str) -> list[tuple[int, int]]:
    """The grid's rows for ``kind``: each unit's (start, end), a turn from its speech start, empty units left out."""
    rows = []
    for start, end, meta in query(path, f"SELECT start, end, meta FROM units WHERE kind = '{kind}' ORDER BY idx"):
        if kind == "turn":
            start = json.loads(meta or "{}").get("speech_start", start)
        if end > start:
            rows.append((start, end))
    return rows


def test_quick_coding_sentences_and_turns(tmp_path):
    path = make_project(tmp_path)
    s_start = TEXT.index(SENTENCE)
    sentence = (s_start, s_start + len(SENTENCE))
    t_start = TEXT.index(TURN)
    turn = (t_start, t_start + len(TURN))
    sentences, turns = unit_rows(path, "sentence"), unit_rows(path, "turn")
    assert sentence in sentences and turn in turns  # the units table agrees with str.index
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "code")
        page.locator(".qc-transcript").wait_for(timeout=WAIT)
        main(page).get_by_text(t("quick_coding"), exact=True).click()
        settle(page)

        # a sentence: two codes in its cell
        grid_cell_click(page, grid(page, scope=main(page)), sentences.index(sentence), CODES_COLUMN)
        grid_pick_many(page, ["COM · Communication", "TRU · Trust"])
        settle(page)
        quote = TEXT[slice(*sentence)]
        assert codings(path) == [(*sentence, quote, "COM", "tester"), (*sentence, quote, "TRU", "tester")]

        # a speaker turn, without its label
        main(page).get_by_text(t("unit_turn"), exact=True).click()
        settle(page)
        grid_cell_click(page, grid(page, scope=main(page)), turns.index(turn), CODES_COLUMN)
        grid_pick_many(page, ["COM · Communication"])
        settle(page)
        assert codings(path) == [(*turn, TURN, "COM", "tester"), (*sentence, quote, "COM", "tester"),
                                 (*sentence, quote, "TRU", "tester")]

        # one undo takes back the whole grid edit
        click(page, t("undo"))
        assert codings(path) == [(*sentence, quote, "COM", "tester"), (*sentence, quote, "TRU", "tester")]
