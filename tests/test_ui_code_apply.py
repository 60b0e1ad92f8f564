"""Code page through AppTest: Apply clears the selection and the codes (unless kept), a duplicate is
refused on the page, and the band dialog works for a coding without a memo."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qualcode.codebook import Code
from qualcode.project import Project
from qualcode.ui.cells import missing

from .conftest import one_document_project, open_page, snapshot

TEXT = "Pewawancara: Apa kabar? 😀\n\nInforman: Baik. Data DTKS belum sesuai.\n\nPewawancara: Oke.\n"
PASSAGE = "Data DTKS belum sesuai."


@pytest.fixture
def small(tmp_path) -> Path:
    return one_document_project(tmp_path / "code.qualcode", TEXT, codes=(Code("A", "Alpha"), Code("B", "Beta")))


def page(path: Path, **state):
    return open_page("code", path, coder="rina", **state)


def select(at, start: int, end: int) -> None:
    at.session_state["tx_selection"] = {"start": start, "end": end}
    at.run()


def codings(path: Path) -> pd.DataFrame:
    with Project.open(path) as p:
        return p.codings()


def test_apply_clears_selection_and_codes(small):
    start = TEXT.index(PASSAGE)
    at = page(small)
    select(at, start, start + len(PASSAGE))
    at.multiselect(key="apply_codes").set_value(["A"])
    at.button(key="apply").click().run()
    assert not at.exception
    assert len(codings(small)) == 1
    assert "tx_selection" not in at.session_state
    assert at.session_state["tx_cleared"] == 1  # tells the transcript component to drop the browser's selection
    assert at.multiselect(key="apply_codes").value == []
    assert at.button(key="apply").disabled  # nothing selected: a second press cannot code the passage again


def test_keep_these_codes_keeps_the_choice_for_the_next_passage(small):
    at = page(small)
    keep = at.checkbox(key="apply_keep")
    assert keep.label == "Keep these codes for the next passage" and not keep.value
    keep.check()
    select(at, 0, 11)
    at.multiselect(key="apply_codes").set_value(["A", "B"])
    at.button(key="apply").click().run()
    assert at.multiselect(key="apply_codes").value == ["A", "B"]
    assert "tx_selection" not in at.session_state  # the selection is cleared even when codes are kept
    start = TEXT.index(PASSAGE)
    select(at, start, start + len(PASSAGE))
    at.button(key="apply").click().run()
    rows = codings(small)
    assert sorted(zip(rows["quote"], rows["code"], strict=True)) == [
        (PASSAGE, "A"), (PASSAGE, "B"), ("Pewawancara", "A"), ("Pewawancara", "B")]


def test_keep_label_in_indonesian(small):
    at = open_page("code", small, lang="id", coder="rina")
    assert at.checkbox(key="apply_keep").label == "Pertahankan kode ini untuk kutipan berikutnya"


def test_duplicate_is_refused_on_the_page_and_changes_nothing(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "A", "rina")
    before = snapshot(small)
    at = page(small)
    select(at, 0, 11)
    at.multiselect(key="apply_codes").set_value(["A"])
    at.button(key="apply").click().run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]  # shown escaped for Markdown
    assert errors and "already coded" in errors[0], errors
    assert "rina" in errors[0] and "0:11" in errors[0] and "'A'" in errors[0]
    assert snapshot(small) == before
    assert at.session_state["tx_selection"] == {"start": 0, "end": 11}  # refused: the selection stays


def test_band_dialog_on_a_coding_without_memo(small):
    with Project.open(small) as p:
        cid = p.add_coding("w", 0, 11, "A", "rina")  # no memo: NaN in a DataFrame under pandas 3
    at = page(small, tx_clicked=[cid])
    assert not at.exception
    assert at.text_area(key="edit_memo").value == ""
    assert at.selectbox(key="edit_code").value == "A"
    at.text_area(key="edit_memo").input("catatan")
    at.button(key="edit_save").click().run()
    assert not at.exception
    assert codings(small).iloc[0]["memo"] == "catatan"


def test_band_dialog_with_two_codings_one_without_memo(small):
    with Project.open(small) as p:
        first = p.add_coding("w", 0, 11, "A", "rina", memo="ada memo")
        second = p.add_coding("w", 0, 11, "B", "rina")
    at = page(small, tx_clicked=[first, second])
    assert not at.exception
    assert at.text_area(key="edit_memo").value == "ada memo"
    at.radio(key="edit_which").set_value(second).run()
    assert not at.exception
    assert at.text_area(key="edit_memo").value == ""
    assert at.selectbox(key="edit_code").value == "B"


def test_recode_onto_an_existing_coding_is_refused_in_the_dialog(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "A", "rina")
        other = p.add_coding("w", 0, 11, "B", "rina")
    before = snapshot(small)
    at = page(small, tx_clicked=[other])
    at.selectbox(key="edit_code").set_value("A")
    at.button(key="edit_save").click().run()
    assert not at.exception
    assert at.error and "0:11" in at.error[0].value.replace("\\", "")
    assert snapshot(small) == before


def test_memo_column_shows_empty_not_none(small):
    with Project.open(small) as p:
        p.add_coding("w", 0, 11, "A", "rina")
        p.add_coding("w", 13, 16, "B", "rina", memo="m")
    at = page(small, code_table_on=True)  # the codings table is behind a toggle
    table = at.dataframe[-1]
    memos = list(table.value["Memo"])
    assert sum(isinstance(v, str) and v == "m" for v in memos) == 1 and sum(missing(v) for v in memos) == 1
    # the browser shows a missing cell as the placeholder: empty, not "None"
    assert table.proto.HasField("placeholder") and table.proto.placeholder == ""


def test_code_labels_skip_a_missing_indonesian_name(small):
    at = open_page("code", small, lang="id", coder="rina")
    assert not at.exception
    options = at.multiselect(key="apply_codes").options
    assert options == ["A · Alpha", "B · Beta"], options
    at = page(small)
    assert at.multiselect(key="apply_codes").options == ["A · Alpha", "B · Beta"]
