"""Code hotkeys on the Codebook page (AppTest): shown in the tree, set, cleared and refused in the forms."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.errors import CodebookError, DuplicateError
from qualcode.ui.i18n import error_message

from .conftest import open_page, snapshot


def stored_hotkeys(path: Path) -> dict[str, str | None]:
    conn = sqlite3.connect(str(path))
    try:
        return dict(conn.execute("SELECT key, hotkey FROM codes ORDER BY sort, id").fetchall())
    finally:
        conn.close()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def tree(at: AppTest):
    frame = at.dataframe[0].value
    return frame.data if hasattr(frame, "data") else frame


def test_the_tree_shows_each_codes_hotkey(project):
    project.edit_code("B", hotkey="b")
    at = open_page("codebook", project.path)
    assert not at.exception
    frame = tree(at)
    assert list(frame.columns[:2]) == ["Key", "Hotkey"]
    assert dict(zip(frame["Key"].str.strip(), frame["Hotkey"], strict=True)) == {"A": "", "A.1": "", "B": "B"}
    at = open_page("codebook", project.path, "id")
    assert "Tombol pintas" in tree(at).columns


def test_set_and_clear_a_hotkey_in_the_edit_form(project):
    at = open_page("codebook", project.path)
    at.selectbox(key="cb_selected").set_value("B").run()
    assert at.text_input(key="cb_edit_hotkey").value == ""
    at.text_input(key="cb_edit_hotkey").input("q")
    button(at, "Save").click().run()
    assert not at.exception
    assert any("Code B saved" in s.value for s in at.success)
    assert stored_hotkeys(project.path) == {"A": None, "A.1": None, "B": "Q"}
    assert at.text_input(key="cb_edit_hotkey").value == "Q"  # the form shows it as stored
    assert tree(at).set_index("Key").loc["B", "Hotkey"] == "Q"

    at.text_input(key="cb_edit_hotkey").input("")
    button(at, "Save").click().run()
    assert not at.exception
    assert stored_hotkeys(project.path)["B"] is None


def test_a_hotkey_another_code_holds_is_refused_and_nothing_changes(project):
    project.edit_code("A", hotkey="Q")
    before = snapshot(project.path)
    at = open_page("codebook", project.path)
    at.selectbox(key="cb_selected").set_value("B").run()
    at.text_input(key="cb_edit_name").input("Beta two")
    at.text_input(key="cb_edit_hotkey").input("q")
    button(at, "Save").click().run()
    assert not at.exception
    assert "code 'B': hotkey 'Q' is already the hotkey of code 'A'" in at.error[0].value.replace("\\", "")
    assert snapshot(project.path) == before  # the new name of the refused edit was not written either
    at.text_input(key="cb_edit_hotkey").input("!")
    button(at, "Save").click().run()
    assert "one letter (A-Z) or digit (0-9)" in at.error[0].value.replace("\\", "")
    assert snapshot(project.path) == before


def test_hotkey_errors_in_bahasa_indonesia(project):
    project.edit_code("A", hotkey="Q")
    with pytest.raises(DuplicateError) as taken:
        project.edit_code("B", hotkey="q")
    assert error_message(taken.value, "id") == \
        "kode 'B': tombol pintas 'Q' sudah dipakai kode 'A'; kosongkan di sana atau pilih yang lain"
    with pytest.raises(CodebookError) as bad:
        project.edit_code("B", hotkey="!")
    assert error_message(bad.value, "id") == \
        "kode 'B': tombol pintas harus satu huruf (A-Z) atau angka (0-9), diterima '!'"


def test_add_a_code_with_a_hotkey(project):
    at = open_page("codebook", project.path)
    at.text_input(key="cb_add_key").input("C")
    at.text_input(key="cb_add_name").input("Gamma")
    at.text_input(key="cb_add_hotkey").input("7")
    button(at, "Add code").click().run()
    assert not at.exception
    assert stored_hotkeys(project.path)["C"] == "7"
    assert at.text_input(key="cb_add_hotkey").value == ""  # emptied for the next code
