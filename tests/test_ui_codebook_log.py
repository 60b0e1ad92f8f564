"""The codebook change log in the app through AppTest: the reason asked for in the merge and delete
confirmations reaches the audit event, and the Change log section shows the rows, or its empty state."""

from __future__ import annotations

import json
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import open_page

MERGE_WHY = "A.1 is the same experience as B"
DELETE_WHY = "no longer part of the research questions"


@pytest.fixture
def coded(project, transcript) -> Project:
    """The small project with one transcript: A.1 holds two codings, A one, B one (coder rina)."""
    project.import_document(transcript, informant="I-01")
    text = project.document("I-01_wawancara")["text"]
    for quote, code in (("Koordinasinya jarang", "A.1"), ("lewat WhatsApp saja", "A.1"),
                        ("Koordinasinya jarang", "B"), ("Banyak warga miskin", "A")):
        start = text.index(quote)
        project.add_coding("I-01_wawancara", start, start + len(quote), code, "rina")
    return project


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def payloads(path, action: str) -> list[dict]:
    conn = sqlite3.connect(path)
    found = [json.loads(p) for (p,) in conn.execute("SELECT payload FROM events WHERE action = ? ORDER BY id",
                                                    (action,))]
    conn.close()
    return found


def change_log(at: AppTest):
    """The change log table shown: the dataframe with a reason column."""
    return next(d.value for d in at.dataframe if "reason" in d.value.columns or "alasan" in d.value.columns)


def test_reason_typed_in_the_merge_confirmation_reaches_the_event_and_the_log(coded):
    at = open_page("codebook", coded.path, coder="rina")
    at.selectbox(key="cb_selected").set_value("A.1").run()
    at.selectbox(key="cb_merge_target").set_value("B").run()
    assert not [t for t in at.text_input if t.key == "cb_merge_reason"]  # asked in the confirmation only
    button(at, "Merge…").click().run()
    field = at.text_input(key="cb_merge_reason")
    assert field.label == "Reason (optional)" and "methods appendix" in field.help
    field.set_value(MERGE_WHY)
    button(at, "Yes, merge").click().run()
    assert not at.exception
    merge = payloads(coded.path, "code.merge")
    assert [(m["source"], m["target"], m.get("reason")) for m in merge] == [("A.1", "B", MERGE_WHY)]
    log = change_log(at)
    merged = log[log["change"] == "merged"]
    assert merged[["code (then)", "old", "new", "reason", "by"]].values.tolist() == [
        ["A.1", "A.1", "B", MERGE_WHY, "rina"]]


def test_reason_typed_in_the_delete_confirmation_reaches_the_event(coded):
    at = open_page("codebook", coded.path, coder="rina")
    at.selectbox(key="cb_selected").set_value("B").run()
    button(at, "Delete").click().run()
    at.text_input(key="cb_delete_reason").set_value(DELETE_WHY)
    button(at, "Yes, delete").click().run()
    assert not at.exception
    assert [(d["key"], d.get("reason")) for d in payloads(coded.path, "code.delete")] == [("B", DELETE_WHY)]
    log = change_log(at)
    assert log["change"].tolist() == ["loaded", "deleted"]
    assert log["reason"].tolist() == ["", DELETE_WHY]


def test_a_merge_without_a_reason_records_none(coded):
    at = open_page("codebook", coded.path, coder="rina")
    at.selectbox(key="cb_selected").set_value("A.1").run()
    at.selectbox(key="cb_merge_target").set_value("B").run()
    button(at, "Merge…").click().run()
    button(at, "Yes, merge").click().run()
    assert not at.exception
    assert "reason" not in payloads(coded.path, "code.merge")[0]


def test_change_log_rows_in_bahasa_indonesia(coded):
    coded.add_code("C", "Gamma", actor="budi")
    coded.edit_code("C", key="C2", actor="budi")
    at = open_page("codebook", coded.path, "id", coder="rina")
    assert not at.exception
    log = change_log(at)
    assert log["perubahan"].tolist() == ["dimuat", "ditambah", "diganti nama"]
    assert log["kode (saat itu)"].tolist() == ["", "C", "C"]
    assert log["kode (kini)"].tolist() == ["", "C2", "C2"]
    assert log["oleh"].tolist() == ["", "budi", "budi"]


def test_empty_state(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = open_page("codebook", path)
    assert not at.exception
    assert any("No changes yet" in i.value for i in at.info)
    assert not [d for d in at.dataframe if "reason" in d.value.columns]
