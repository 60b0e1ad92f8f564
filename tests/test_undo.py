"""UndoStack: undo of added, removed and updated codings, through the Project API."""

from __future__ import annotations

import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.project import CodingSpec
from qualcode.undo import MAX_ENTRIES, UndoStack

from .conftest import snapshot

DOC = "I-01_wawancara"


@pytest.fixture
def coded(project, transcript):
    project.import_document(transcript, informant="I-01")
    return project


def state(project):
    """Codings as comparable tuples: id, code, memo, span."""
    frame = project.codings()
    return sorted(zip(frame["id"], frame["code"], frame["memo"].fillna(""), frame["start"], frame["end"], strict=True))


def test_empty_stack():
    stack = UndoStack()
    assert not stack.can_undo and stack.last_label is None and len(stack) == 0
    with pytest.raises(InputError, match="nothing to undo"):
        stack.undo(None)


def test_undo_add(coded):
    stack = UndoStack()
    before = state(coded)
    ids = coded.add_codings([CodingSpec(DOC, 0, 5, "A", "rina"), CodingSpec(DOC, 6, 9, "B", "rina")])
    stack.push_added(ids, "code 2 passages")
    assert stack.can_undo and stack.last_label == "code 2 passages"
    assert stack.undo(coded, actor="rina") == "code 2 passages"
    assert state(coded) == before
    assert not stack.can_undo
    with pytest.raises(InputError, match="nothing to undo"):
        stack.undo(coded)


def test_undo_remove_restores_same_ids(coded):
    ids = coded.add_codings([CodingSpec(DOC, 0, 5, "A", "rina", memo="m"), CodingSpec(DOC, 6, 9, "B", "budi")])
    before = state(coded)
    stack = UndoStack()
    stack.push_removed([coded.remove_coding(i) for i in ids], "remove 2 codings")
    assert coded.codings().empty
    assert stack.undo(coded) == "remove 2 codings"
    assert state(coded) == before
    assert sorted(coded.codings()["id"]) == ids


def test_undo_update_puts_back_code_and_memo(coded):
    with_memo = coded.add_coding(DOC, 0, 5, "A", "rina", memo="old")
    without = coded.add_coding(DOC, 6, 9, "A.1", "rina")
    before = state(coded)
    stack = UndoStack()
    stack.push_updated([coded.update_coding(with_memo, code="B", clear_memo=True),
                        coded.update_coding(without, code="B", memo="new")], "recode as B")
    assert state(coded) != before
    assert stack.undo(coded) == "recode as B"
    assert state(coded) == before


def test_undo_is_last_in_first_out(coded):
    stack = UndoStack()
    first = coded.add_coding(DOC, 0, 5, "A", "rina")
    stack.push_added([first], "add A")
    stack.push_updated([coded.update_coding(first, memo="note")], "memo")
    stack.push_removed([coded.remove_coding(first)], "remove")
    assert stack.last_label == "remove"
    assert stack.undo(coded) == "remove"
    assert state(coded) == [(first, "A", "note", 0, 5)]
    assert stack.undo(coded) == "memo"
    assert state(coded) == [(first, "A", "", 0, 5)]
    assert stack.undo(coded) == "add A"
    assert state(coded) == [] and not stack.can_undo


def test_keeps_at_most_fifty_entries():
    stack = UndoStack()
    for n in range(MAX_ENTRIES + 10):
        stack.push_added([n + 1], f"action {n}")
    assert MAX_ENTRIES == 50 and len(stack) == 50
    assert stack.last_label == "action 59"
    stack.push_added([], "nothing happened")  # an empty action is not recorded
    assert stack.last_label == "action 59"
    stack.clear()
    assert not stack.can_undo


def test_refused_undo_changes_neither_project_nor_stack(coded):
    stack = UndoStack()
    ids = coded.add_codings([CodingSpec(DOC, 0, 5, "A", "rina"), CodingSpec(DOC, 6, 9, "B", "rina")])
    stack.push_added(ids, "code 2 passages")
    coded.remove_coding(ids[0])  # removed meanwhile by another route
    before = snapshot(coded.path)
    with pytest.raises(NotFoundError, match=f"no coding with id {ids[0]}"):
        stack.undo(coded)
    assert snapshot(coded.path) == before  # ids[1] was not removed either: one transaction
    assert stack.last_label == "code 2 passages"


def test_refused_undo_of_update_when_code_deleted(coded):
    cid = coded.add_coding(DOC, 0, 5, "A.1", "rina")
    stack = UndoStack()
    stack.push_updated([coded.update_coding(cid, code="B")], "recode")
    coded.delete_code("A.1")
    before = snapshot(coded.path)
    with pytest.raises(NotFoundError, match="cannot undo 'recode'.*no longer exists"):
        stack.undo(coded)
    assert snapshot(coded.path) == before and stack.can_undo
