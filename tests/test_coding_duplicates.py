"""The same coder cannot give the same code to exactly the same span twice; overlaps are kept."""

from __future__ import annotations

import pytest

from qualcode.errors import DuplicateError
from qualcode.project import CodingSpec, Project

from .conftest import assert_refused, snapshot

DOC = "I-01_wawancara"


@pytest.fixture
def coded(project, transcript):
    """The small project with one document and one coding (A by rina, 0:10)."""
    project.import_document(transcript, informant="I-01")
    project.add_coding(DOC, 0, 10, "A", "rina", memo="first")
    return project


def test_exact_duplicate_is_refused_and_nothing_changes(coded):
    message = assert_refused(coded, lambda: coded.add_coding(DOC, 0, 10, "A", "rina"), DuplicateError,
                             "rina", "'A'", "0:10", DOC)
    assert "already coded" in message
    assert len(coded.codings()) == 1


def test_duplicate_error_carries_a_message_key(coded):
    with pytest.raises(DuplicateError) as info:
        coded.add_coding(DOC, 0, 10, "A", "rina")
    assert info.value.key == "err_duplicate_coding"
    assert info.value.params == {"coder": "rina", "document": DOC, "start": 0, "end": 10, "code": "A",
                                 "id": int(coded.codings()["id"].iloc[0])}


def test_a_batch_with_one_duplicate_adds_nothing(coded):
    batch = [CodingSpec(DOC, 20, 30, "B", "rina"), CodingSpec(DOC, 0, 10, "A", "rina"),
             CodingSpec(DOC, 40, 50, "A", "budi")]
    assert_refused(coded, lambda: coded.add_codings(batch), DuplicateError, "rina", "0:10")
    assert list(coded.codings()["coder"]) == ["rina"]  # budi was not even created
    assert "budi" not in set(coded.coders()["name"])


def test_a_batch_naming_one_coding_twice_is_refused(coded):
    twice = [CodingSpec(DOC, 20, 30, "B", "rina"), CodingSpec(DOC, 20, 30, "B", "rina")]
    assert_refused(coded, lambda: coded.add_codings(twice), DuplicateError, "twice", "20:30", "'B'")


def test_same_span_other_code_coder_or_overlap_is_allowed(coded):
    coded.add_coding(DOC, 0, 10, "B", "rina")      # another code
    coded.add_coding(DOC, 0, 10, "A", "budi")      # another coder
    coded.add_coding(DOC, 0, 11, "A", "rina")      # overlapping, not identical: kept, not merged
    coded.add_coding(DOC, 5, 15, "A", "rina")
    rows = coded.codings(coders=["rina"], codes=["A"])
    assert sorted(zip(rows["start"], rows["end"], strict=True)) == [(0, 10), (0, 11), (5, 15)]


def test_recode_onto_an_identical_coding_is_refused(coded):
    coded.add_coding(DOC, 0, 10, "B", "rina")
    first = int(coded.codings(codes=["A"])["id"].iloc[0])
    assert_refused(coded, lambda: coded.update_coding(first, code="B", actor="rina"), DuplicateError,
                   "rina", "'B'", "0:10")
    coded.update_coding(first, code="A", memo="same code, new memo", actor="rina")  # keeping the code is fine
    assert coded.coding(first)["memo"] == "same code, new memo"


def test_restore_onto_an_identical_coding_is_refused(coded):
    first = int(coded.codings()["id"].iloc[0])
    coded.add_coding(DOC, 20, 30, "B", "rina")  # so that the next new coding does not take the removed id
    row = coded.remove_coding(first, actor="rina")
    coded.add_coding(DOC, 0, 10, "A", "rina")  # coded again meanwhile
    assert_refused(coded, lambda: coded.restore_coding(row, actor="rina"), DuplicateError, "0:10", "'A'")


def test_accepting_a_suggestion_for_a_span_already_coded_adds_no_second_coding(coded):
    unit = coded.units(DOC, kind="sentence").iloc[2]
    start, end = int(unit["start"]), int(unit["end"])
    with coded.store.atomic():  # suggest_run would need a trained model: one suggestion, stored directly
        coded.store.insert_suggestions([(int(unit["id"]), coded.store.code_by_key("B")["id"], 0.9, "v1")])
    suggestion = int(coded.suggestions()["id"].iloc[0])
    existing = coded.add_coding(DOC, start, end, "B", "rina")
    before = len(coded.codings())
    assert coded.review_suggestion(suggestion, "accept", reviewer="rina") == existing
    assert len(coded.codings()) == before
    assert coded.suggestions(status="accepted")["id"].tolist() == [suggestion]


def test_duplicate_refused_for_a_second_process(tmp_path, coded):
    """The check reads the file under the write lock: a second connection sees the first one's coding."""
    other = Project.open(coded.path)
    try:
        before = snapshot(coded.path)
        with pytest.raises(DuplicateError):
            other.add_coding(DOC, 0, 10, "A", "rina")
        assert snapshot(coded.path) == before
    finally:
        other.close()
