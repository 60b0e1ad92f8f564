"""Journey d: on the Codebook page a researcher adds a code, renames it, recolours it, moves it under another
code, merges two codes (their codings follow) and deletes a code after confirming; the codes table in SQLite
is checked after each step."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import choose, click, main, open_page, pick_color, shown, tab

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = "Informan: Koordinasi lewat WhatsApp saja 😅, datanya belum sesuai.\n"


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "codebook.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("A", "Alpha", color="#336699"), Code("B", "Beta", color="#993333"),
                                       Code("C", "Gamma", color="#339933")]))
        p.add_coder("tester")
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
        spans = [(TEXT.index(w), TEXT.index(w) + len(w)) for w in ("Koordinasi", "WhatsApp", "datanya")]
        p.add_codings([CodingSpec("wawancara", *span, code, "tester") for span, code in zip(spans, "BBC", strict=True)])
    return path


def codes(path: Path) -> dict[str, tuple]:
    """key -> (name, colour, parent key) as stored."""
    conn = sqlite3.connect(path)
    try:
        return {k: (n, c, p) for k, n, c, p in conn.execute(
            "SELECT c.key, c.name, c.color, p.key FROM codes c LEFT JOIN codes p ON p.id = c.parent_id")}
    finally:
        conn.close()


def codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT x.id, k.key FROM codings x JOIN codes k ON k.id = x.code_id ORDER BY x.id").fetchall()
    finally:
        conn.close()


def form(page, button: str):
    """The form whose submit button is called ``button``."""
    return main(page).locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name=button, exact=True))


def test_codebook_journey(tmp_path):
    path = make_project(tmp_path)
    before = codes(path)
    coded = codings(path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "codebook")

        # add a top-level code
        add = form(page, t("cb_add_button"))
        add.get_by_label(t("col_key"), exact=True).fill("N1")
        add.get_by_label(t("cb_name"), exact=True).fill("Jejaring 🤝")
        click(page, t("cb_add_button"), scope=add)
        assert codes(path) == {**before, "N1": ("Jejaring 🤝", "#999999", None)}  # the picker's grey
        added_color = "#999999"

        # rename it (key and name: the page selected the new code)
        edit = form(page, t("save"))
        edit.get_by_label(t("col_key"), exact=True).fill("NET")
        edit.get_by_label(t("cb_name"), exact=True).fill("Jejaring kerja")
        click(page, t("save"), scope=edit)
        assert codes(path) == {**before, "NET": ("Jejaring kerja", added_color, None)}

        # recolour it
        edit = form(page, t("save"))
        pick_color(page, t("col_color"), "#aa3377", scope=edit)
        click(page, t("save"), scope=edit)
        assert codes(path)["NET"][1].lower() == "#aa3377"

        # move it under A
        tab(page, t("cb_tab_move"))
        choose(page, t("cb_new_parent"), "A · Alpha")  # drops the last step's message above the tabs
        shown(page, t("cb_tab_move"))
        click(page, t("cb_move"))
        shown(page, t("cb_tab_move"))  # the message about the move is above the tabs now
        assert codes(path)["NET"][2] == "A"
        assert {k: v for k, v in codes(path).items() if k != "NET"} == before

        # merge B into C, after confirming; B's codings now carry C
        choose(page, t("cb_which"), "B · Beta")
        tab(page, t("cb_tab_merge"))
        choose(page, t("cb_merge_into"), "C · Gamma")
        shown(page, t("cb_tab_merge"))
        click(page, t("cb_merge"))
        assert "B" in codes(path)  # nothing merged before confirming
        shown(page, t("cb_tab_merge"))
        click(page, t("cb_merge_yes"))
        shown(page, t("cb_tab_merge"))
        assert "B" not in codes(path) and "C" in codes(path)
        assert codings(path) == [(i, "C") for i, _ in coded]

        # delete NET, after confirming
        choose(page, t("cb_which"), "NET · Jejaring kerja")
        tab(page, t("delete"))
        click(page, t("delete"), scope=main(page).get_by_role("tabpanel"))
        assert "NET" in codes(path)  # nothing deleted before confirming
        shown(page, t("delete"))
        click(page, t("cb_delete_yes"))
        shown(page, t("delete"))
        assert set(codes(path)) == {"A", "C"}
        assert codings(path) == [(i, "C") for i, _ in coded]
