"""The Code page through AppTest: codings made through its session-state keys and callbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.codebook import Code
from qualcode.project import Project
from qualcode.ui.quick_coding import edits_to_changes

from .conftest import one_document_project, open_page

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "qualcode/ui/pages/code.py"
TEXT = "Pewawancara: Apa kabar? 😀\n\nInforman: Baik 👩🏽‍⚕️. Data DTKS belum sesuai.\n\nPewawancara: Oke.\n"


@pytest.fixture
def small(tmp_path) -> Path:
    return one_document_project(tmp_path / "code.qualcode", TEXT,
                                codes=(Code("A", "Alpha"), Code("A.1", "Alpha one", parent="A"), Code("B", "Beta")))


def page(path: Path | str, coder: str | None = "rina", **state) -> AppTest:
    return open_page("code", path, **({"coder": coder} if coder else {}), **state)


def select(at: AppTest, start: int, end: int) -> None:
    """What the transcript component's select callback does, then the rerun it causes."""
    at.session_state["tx_selection"] = {"start": start, "end": end}
    at.run()


def codings(path: Path):
    with Project.open(path) as p:
        return p.codings()


def test_renders_without_a_project():
    at = page("", coder=None)
    assert not at.exception
    assert "No project is open" in at.info[0].value


def test_renders_on_an_empty_project(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = page(path, coder=None)
    assert not at.exception
    assert any("coder name" in i.value for i in at.info)
    with Project.open(path) as p:
        p.add_coder("rina")
    at = page(path, coder="rina")
    assert not at.exception
    assert any("no documents yet" in i.value for i in at.info)


def test_asks_for_a_coder_first(small):
    at = page(small, coder=None)
    assert not at.exception
    assert any("Pick or create your coder name" in i.value for i in at.info)


def test_renders_on_the_demo(demo_path):
    at = page(demo_path, coder="rina")
    assert not at.exception
    assert at.selectbox(key="code_doc").value == "I-01 Ketua LKS"
    assert not [d for d in at.dataframe if "Coder" in d.value.columns]  # the codings table is built only on demand
    at.toggle(key="code_table_on").set_value(True).run()
    table = at.dataframe[-1].value
    assert len(table) > 10 and set(table["Coder"]) == {"rina"}


def test_apply_codes_to_a_selection_after_emoji(small):
    start = TEXT.index("Data DTKS")
    at = page(small)
    select(at, start - 1, start + len("Data DTKS belum sesuai.") + 2)  # with spaces around: trimmed
    at.multiselect(key="apply_codes").set_value(["A.1", "B"])
    at.text_area(key="apply_memo").input("data tidak akurat")
    at.button(key="apply").click().run()
    assert not at.exception
    rows = codings(small).sort_values("code")
    assert list(rows["code"]) == ["A.1", "B"]
    assert set(rows["coder"]) == {"rina"}
    assert set(rows["start"]) == {start} and set(rows["end"]) == {start + len("Data DTKS belum sesuai.")}
    assert set(rows["quote"]) == {"Data DTKS belum sesuai."} and set(rows["memo"]) == {"data tidak akurat"}
    assert "Coded 2" in at.success[0].value
    assert at.text_area(key="apply_memo").value == ""


def test_apply_without_code_or_text_is_refused(small):
    at = page(small)
    select(at, 0, 5)
    at.button(key="apply").click().run()
    assert "Choose at least one code" in at.warning[0].value
    select(at, TEXT.index("\n\n"), TEXT.index("\n\n") + 2)
    at.multiselect(key="apply_codes").set_value(["A"])
    at.button(key="apply").click().run()
    assert "holds no text" in at.warning[0].value
    assert codings(small).empty


def test_undo_last_coding(small):
    at = page(small)
    select(at, 0, 11)
    at.multiselect(key="apply_codes").set_value(["B"])
    at.button(key="apply").click().run()
    assert len(codings(small)) == 1
    assert any(c.value == "Undo would revert: code passage as B" for c in at.caption)
    at.button(key="undo").click().run()
    assert codings(small).empty
    assert "Undone" in at.info[0].value
    assert at.button(key="undo").disabled  # rina has nothing else to undo; redo brings the coding back
    at.button(key="redo").click().run()
    assert list(codings(small)["code"]) == ["B"]


def test_band_click_dialog_edits_and_deletes_with_confirmation(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", 0, 11, "A", "rina", memo="awal")
    at = page(small, tx_clicked=[cid])
    assert not at.exception
    at.selectbox(key="edit_code").set_value("B")
    at.text_area(key="edit_memo").input("ganti")
    at.button(key="edit_save").click().run()
    row = codings(small).iloc[0]
    assert (row["code"], row["memo"], row["start"], row["end"]) == ("B", "ganti", 0, 11)
    # delete: nothing happens before the confirmation
    at.session_state["tx_clicked"] = [cid]
    at.run()
    at.button(key="edit_delete").click().run()
    assert len(codings(small)) == 1
    at.button(key="edit_delete_confirm").click().run()
    assert codings(small).empty
    # and undo brings it back with the same id and span
    at.button(key="undo").click().run()
    back = codings(small)
    assert list(back["id"]) == [cid] and back.iloc[0]["quote"] == TEXT[0:11]


def test_filter_shows_mine_or_others(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "A", "budi")
    at = page(small, code_table_on=True)
    assert any("No codings shown yet" in i.value for i in at.info)
    at.selectbox(key="code_filter").set_value("budi").run()
    assert list(at.dataframe[-1].value["Coder"]) == ["budi"]


def test_quick_coding_table_and_edits(small):
    at = page(small, quick_on=True)
    assert not at.exception
    frame = at.session_state["_quick_frame"]
    assert list(frame["text"])[:2] == ["Apa kabar?", "😀"] or list(frame["text"])[0] == "Apa kabar? 😀"
    for row in frame.itertuples():
        assert TEXT[row.start:row.end] == row.text
    with Project.open(small) as p:
        doc_id = p.document("w")["id"]
        add, remove = edits_to_changes(frame, {0: {"codes": ["A", "B"]}}, doc_id, "rina")
        p.add_codings(add)
    assert remove == []
    rows = codings(small)
    assert set(rows["quote"]) == {frame.iloc[0]["text"]} and sorted(rows["code"]) == ["A", "B"]
    at.run()  # the table now shows my codes on that unit, and unticking one removes it
    frame = at.session_state["_quick_frame"]
    assert frame.iloc[0]["codes"] == ["A", "B"]
    add, remove = edits_to_changes(frame, {0: {"codes": ["B"]}}, doc_id, "rina")
    assert add == [] and remove == [(frame.iloc[0]["start"], frame.iloc[0]["end"], "A")]


def test_quick_coding_turns_exclude_speaker_labels(small):
    at = page(small, quick_on=True, quick_kind="turn")
    frame = at.session_state["_quick_frame"]
    assert list(frame["speaker"]) == ["Pewawancara", "Informan", "Pewawancara"]
    assert frame.iloc[2]["text"] == "Oke."
