"""Editing codings: update_coding, restore_coding (after remove_coding) and codes_recent."""

from __future__ import annotations

import json

import pytest

from qualcode.errors import CodingError, InputError, NotFoundError
from qualcode.project import CodingSpec

from .conftest import assert_refused

DOC = "I-01_wawancara"
ROW_FIELDS = {"id", "document_id", "code_id", "coder_id", "start", "end", "quote", "memo", "created_at", "exemplar"}


@pytest.fixture
def coded(project, transcript):
    """The small project with one document and one coding (A by rina, 0:10, memo 'first')."""
    project.import_document(transcript, informant="I-01")
    project.add_coding(DOC, 0, 10, "A", "rina", memo="first")
    return project


def only_coding(project):
    return project.codings().iloc[0]


# -- update_coding ------------------------------------------------------------------

def test_update_code_returns_row_before(coded):
    cid = int(only_coding(coded)["id"])
    before_row = coded.store.coding_by_id(cid)
    returned = coded.update_coding(cid, code="B", actor="rina")
    assert returned == before_row and set(returned) == ROW_FIELDS
    assert returned["code_id"] == coded.store.code_by_key("A")["id"]
    row = only_coding(coded)
    assert (row["code"], row["memo"], row["quote"]) == ("B", "first", "Transkrip ")
    event = coded.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("coding.update", "rina")
    assert json.loads(event["payload"])["before"]["memo"] == "first"


def test_update_memo_and_clear_it(coded):
    cid = int(only_coding(coded)["id"])
    assert coded.update_coding(cid, memo="  second ")["memo"] == "first"
    assert only_coding(coded)["memo"] == "second"
    assert coded.update_coding(cid, clear_memo=True)["memo"] == "second"
    assert only_coding(coded)["memo"] is None
    coded.update_coding(cid, code="A.1", memo="third")
    assert (only_coding(coded)["code"], only_coding(coded)["memo"]) == ("A.1", "third")
    coded.update_coding(cid, memo="")  # an empty memo is no memo
    assert only_coding(coded)["memo"] is None


def test_update_coding_refusals_leave_file_unchanged(coded):
    cid = int(only_coding(coded)["id"])
    assert_refused(coded, lambda: coded.update_coding(999, code="B"), NotFoundError, "no coding with id 999")
    assert_refused(coded, lambda: coded.update_coding(cid, code="E9"), NotFoundError, "unknown code 'E9'", "A, A.1, B")
    assert_refused(coded, lambda: coded.update_coding(cid), InputError, f"coding {cid}", "nothing to change")
    assert_refused(coded, lambda: coded.update_coding(cid, memo="x", clear_memo=True), InputError,
                   "either a memo or clear_memo")


# -- restore_coding -----------------------------------------------------------------

def test_restore_puts_back_same_id_and_fields(coded):
    cid = coded.add_coding(DOC, 20, 40, "B", "budi", memo="m")
    row = coded.remove_coding(cid)
    assert coded.store.coding_by_id(cid) is None
    assert coded.restore_coding(row, actor="budi") == cid
    assert coded.store.coding_by_id(cid) == row
    event = coded.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("coding.restore", "budi")
    assert coded.check() == []


def test_restore_refusals_leave_file_unchanged(coded):
    cid = int(only_coding(coded)["id"])
    live = coded.store.coding_by_id(cid)
    assert_refused(coded, lambda: coded.restore_coding(live), CodingError,
                   f"cannot restore coding {cid}", "a coding with that id exists")
    row = coded.remove_coding(cid)
    assert_refused(coded, lambda: coded.restore_coding({**row, "quote": "Something else"}), CodingError,
                   "no longer matches", "'I-01_wawancara' at 0:10")
    assert_refused(coded, lambda: coded.restore_coding({**row, "start": 5, "end": 5}), CodingError, "5:5")
    partial = {k: v for k, v in row.items() if k not in ("quote", "memo")}
    assert_refused(coded, lambda: coded.restore_coding(partial), InputError, "row lacks quote, memo")
    assert_refused(coded, lambda: coded.restore_coding({**row, "document_id": 77}), NotFoundError,
                   "unknown document 77")
    assert_refused(coded, lambda: coded.restore_coding({**row, "code_id": 77}), NotFoundError,
                   f"cannot restore coding {cid}", "its code (id 77)")
    assert_refused(coded, lambda: coded.restore_coding({**row, "coder_id": 77}), NotFoundError,
                   "its coder (id 77)")
    coded.delete_code("A")
    assert_refused(coded, lambda: coded.restore_coding(row), NotFoundError, "its code")


# -- codes_recent -------------------------------------------------------------------

def test_codes_recent(coded):
    coded.add_codings([CodingSpec(DOC, 10, 12, "B", "rina"), CodingSpec(DOC, 12, 14, "A.1", "rina"),
                       CodingSpec(DOC, 14, 16, "B", "budi")])
    coded.add_coding(DOC, 16, 18, "A", "rina")
    assert coded.codes_recent("rina") == ["A", "A.1", "B"]
    assert coded.codes_recent("rina", limit=2) == ["A", "A.1"]
    assert coded.codes_recent("budi") == ["B"]
    assert coded.codes_recent("nobody") == []
    assert coded.codes_recent("") == []
    for bad in (0, -1, "3", True):
        with pytest.raises(InputError, match="limit must be a whole number >= 1"):
            coded.codes_recent("rina", limit=bad)
