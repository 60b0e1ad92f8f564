"""The History page and the persistent undo and redo of the Code page through AppTest."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from qualcode.project import Project
from qualcode.store import APPLICATION_ID, migrations

from .conftest import one_document_project, open_page, snapshot

TEXT = "Pewawancara: Apa kabar?\n\nInforman: Baik. Data DTKS belum sesuai.\n"


@pytest.fixture
def small(tmp_path) -> Path:
    return one_document_project(tmp_path / "history.qualcode", TEXT)


def codings(path: Path):
    with Project.open(path) as p:
        return p.codings()


def test_renders_without_a_project():
    at = open_page("history")
    assert not at.exception
    assert at.title[0].value == "History"
    assert "No project is open" in at.info[0].value


def test_renders_on_a_new_project_and_asks_for_a_coder(tmp_path):
    path = tmp_path / "new.qualcode"
    Project.create(path, name="Baru").close()
    at = open_page("history", path)
    assert not at.exception
    assert any("Choose your coder name" in i.value for i in at.info)
    assert list(at.dataframe[0].value["What"]) == ["create project Baru"]


def test_empty_state_of_a_file_without_history(tmp_path):
    path = tmp_path / "old.qualcode"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(sqlite_utils.Database(conn), stop_before="m005_audit")
    conn.commit()
    conn.close()
    at = open_page("history", path)
    assert not at.exception
    assert any("No changes recorded yet" in i.value for i in at.info)


def test_renders_on_the_demo_in_both_languages(demo_path):
    at = open_page("history", demo_path, coder="rina")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) > 30 and list(table["#"]) == sorted(table["#"], reverse=True)
    assert "import document" in " ".join(table["What"])
    # the demo's codings were loaded in one batch of both coders: neither of them can undo it
    assert at.button(key="hist_undo").disabled and at.button(key="hist_redo").disabled
    at.selectbox(key="hist_actor").set_value("budi").run()
    assert set(at.dataframe[0].value["Who"]) == {"budi"}
    at = open_page("history", demo_path, lang="id", coder="rina")
    assert not at.exception
    assert at.title[0].value == "Riwayat"
    assert "Kapan (UTC)" in at.dataframe[0].value.columns


def test_details_show_before_and_after(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", 0, 11, "A", "rina")
        p.update_coding(cid, memo="salam", actor="rina")
    at = open_page("history", small, coder="rina")
    assert not at.exception
    assert at.selectbox(key="hist_event").value == at.dataframe[0].value["#"].iloc[0]
    changes = at.dataframe[1].value
    assert list(changes["Row"]) == [f"coding {cid}"] and list(changes["Fields"]) == ["memo: ∅ → salam"]
    assert any(c.value == f"Undo would revert: edit coding {cid}" for c in at.caption)


def test_filter_with_no_match_says_so(small):
    at = open_page("history", small, coder="rina")
    at.selectbox(key="hist_table_filter").set_value("verdicts").run()
    assert not at.exception
    assert any("No changes match these filters" in i.value for i in at.info)


def test_history_page_undo_and_redo_of_the_current_coder(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "B", "rina")
        p.add_coding("w", 0, 11, "A", "budi")
    at = open_page("history", small, coder="rina")
    assert "code passage as B" in at.caption[0].value
    at.button(key="hist_undo").click().run()
    assert not at.exception
    assert list(codings(small)["coder"]) == ["budi"]  # only rina's coding went, in the file itself
    assert "Undone: code passage as B" in at.info[0].value
    at.button(key="hist_redo").click().run()
    assert sorted(codings(small)["coder"]) == ["budi", "rina"]
    assert any("Redone" in i.value for i in at.info)


def test_a_refused_undo_shows_the_reason_and_changes_nothing(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", 0, 11, "B", "budi")
        p.update_coding(cid, memo="rina", actor="rina")
        p.update_coding(cid, memo="budi", actor="budi")
    before = snapshot(small)
    at = open_page("history", small, coder="rina")
    assert not at.button(key="hist_undo").disabled  # clickable, so the reason can show
    at.button(key="hist_undo").click().run()
    assert not at.exception
    assert "changed later by budi" in at.error[0].value
    assert snapshot(small) == before


def test_code_page_undo_survives_a_reload_and_redo(small):
    at = open_page("code", small, coder="rina")
    at.session_state["tx_selection"] = {"start": 0, "end": 11}
    at.run()
    at.multiselect(key="apply_codes").set_value(["A", "B"])
    at.button(key="apply").click().run()
    assert len(codings(small)) == 2
    again = open_page("code", small, coder="rina")  # a new session: the undo is in the file
    assert "Undo would revert: code 2 passages as A" in " ".join(c.value for c in again.caption)
    again.button(key="undo").click().run()
    assert not again.exception
    assert codings(small).empty
    again.button(key="redo").click().run()
    assert sorted(codings(small)["code"]) == ["A", "B"]


def test_code_page_undo_of_another_coder_is_not_mine(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "B", "budi")
    at = open_page("code", small, coder="rina")
    assert at.button(key="undo").disabled and at.button(key="redo").disabled
    assert len(codings(small)) == 1


def test_blind_coding_shows_a_coder_only_their_own_changes(small):
    with Project.open(small) as p:
        p.add_coder("sari", "supervisor")
        p.add_coding("w", 0, 11, "B", "budi")
        p.add_coding("w", 0, 11, "A", "rina")
        p.set_blind_coding(True, actor="sari")
    at = open_page("history", small, coder="rina")
    assert not at.exception
    assert set(at.dataframe[0].value["Who"]) == {"rina"} and at.selectbox(key="hist_actor").disabled
    at = open_page("history", small, coder="sari")
    assert {"budi", "rina", "sari"} <= set(at.dataframe[0].value["Who"])
