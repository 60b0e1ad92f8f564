"""Editing the codebook inside a project: add, edit (incl. renaming keys), move, usage, merge, delete."""

from __future__ import annotations

import pytest

from qualcode.errors import CodebookError, DuplicateError, InputError, NotFoundError
from qualcode.project import CodingSpec

from .conftest import assert_refused, snapshot

DOC = "I-01_wawancara"


@pytest.fixture
def coded(project, transcript):
    """The small project (codes A > A.1, B) with one document and nothing coded yet."""
    project.import_document(transcript, informant="I-01")
    return project


def tree(project):
    """[(key, parent)] in the project's display order."""
    codes = project.codes()
    return [(k, p if isinstance(p, str) else None) for k, p in zip(codes["key"], codes["parent"], strict=True)]


def assert_parents_first(project):
    seen = set()
    for key, parent in tree(project):
        assert parent is None or parent in seen, (key, parent, tree(project))
        seen.add(key)


def code_of(project, coding_id):
    return project.codings().set_index("id").loc[coding_id, "code"]


# -- add_code -----------------------------------------------------------------------

def test_add_code_top_level_and_sub_code_sorts_after_siblings(project):
    cid = project.add_code("C", "Gamma", definition=" When gamma ", actor="rina")
    assert isinstance(cid, int)
    project.add_code("A.2", "Alpha two", parent="A", name_alt="Alfa dua")
    assert tree(project) == [("A", None), ("A.1", "A"), ("A.2", "A"), ("B", None), ("C", None)]
    codes = project.codes().set_index("key")
    assert codes.loc["C", "color"] == "#999999"  # default without parent
    assert codes.loc["C", "definition"] == "When gamma"
    assert codes.loc["A.2", "color"] == "#336699"  # the parent's colour
    assert codes.loc["A.2", "name_alt"] == "Alfa dua"
    project.add_code("B.1", "Beta one", parent="B", color="#0f0")
    assert project.codes().set_index("key").loc["B.1", "color"] == "#0f0"
    assert [c.key for c in project.codebook().children_of("A")] == ["A.1", "A.2"]
    assert_parents_first(project)
    event = project.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("code.add", None)
    assert [e["actor"] for e in project.store.events(10) if e["action"] == "code.add"][-1] == "rina"


def test_add_code_refusals_leave_file_unchanged(project):
    assert_refused(project, lambda: project.add_code("a b", "x"), CodebookError, "'a b'", "letters, digits")
    assert_refused(project, lambda: project.add_code("  ", "x"), CodebookError, "code key is empty")
    assert_refused(project, lambda: project.add_code("A", "again"), DuplicateError, "code 'A' already exists")
    assert_refused(project, lambda: project.add_code("C", "x", parent="Z"), NotFoundError,
                   "unknown parent code 'Z'", "A, A.1, B")
    assert_refused(project, lambda: project.add_code("C", "x", color="red"), CodebookError,
                   "code 'C'", "#RGB or #RRGGBB", "'red'")
    assert_refused(project, lambda: project.add_code("C", "x", color="#12345"), CodebookError, "'#12345'")
    assert_refused(project, lambda: project.add_code("C", " "), InputError, "code 'C'", "name is empty")
    assert_refused(project, lambda: project.add_code("C", "x", definition=["list"]), InputError,
                   "field 'definition' must be text", "list")


# -- edit_code ----------------------------------------------------------------------

def test_edit_code_fields(project):
    project.edit_code("B", name="Beta (edited)", definition="Def", include="", color="#abcdef", actor="rina")
    row = project.codes().set_index("key").loc["B"]
    assert (row["name"], row["definition"], row["include"], row["color"]) == ("Beta (edited)", "Def", None, "#abcdef")
    event = project.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("code.edit", "rina")


def test_rename_key_keeps_codings_and_children_attached(coded):
    cid = coded.add_coding(DOC, 0, 10, "A", "rina")
    sub = coded.add_coding(DOC, 20, 30, "A.1", "rina")
    coded.edit_code("A", key="ALPHA")
    assert tree(coded) == [("ALPHA", None), ("A.1", "ALPHA"), ("B", None)]
    assert code_of(coded, cid) == "ALPHA"
    frame = coded.codings().set_index("id")
    assert (frame.loc[sub, "code"], frame.loc[sub, "parent_code"]) == ("A.1", "ALPHA")
    assert coded.code_usage("ALPHA")["codings_with_subcodes"] == 2
    coded.edit_code("ALPHA", key="ALPHA")  # renaming to itself is fine
    assert coded.check() == []


def test_edit_code_refusals_leave_file_unchanged(project):
    assert_refused(project, lambda: project.edit_code("B", colour="#fff"), InputError,
                   "code 'B'", "cannot edit colour", "editable: key, name, name_alt, definition", "color")
    assert_refused(project, lambda: project.edit_code("B", key="A"), DuplicateError,
                   "cannot rename code 'B' to 'A'", "already exists")
    assert_refused(project, lambda: project.edit_code("B", key="B B"), CodebookError, "'B B'", "letters, digits")
    assert_refused(project, lambda: project.edit_code("B", color="blue"), CodebookError, "#RGB or #RRGGBB", "'blue'")
    assert_refused(project, lambda: project.edit_code("B", color=None), CodebookError, "None")
    assert_refused(project, lambda: project.edit_code("B", name=""), InputError, "name is empty")
    assert_refused(project, lambda: project.edit_code("Q", name="x"), NotFoundError, "unknown code 'Q'", "A, A.1, B")
    before = snapshot(project.path)
    project.edit_code("B")  # nothing to change: nothing written
    assert snapshot(project.path) == before


# -- move_code ----------------------------------------------------------------------

def test_move_code_under_parent_and_back_to_top(project):
    project.add_code("B.1", "Beta one", parent="B")
    project.move_code("B", "A", actor="rina")
    assert tree(project) == [("A", None), ("A.1", "A"), ("B", "A"), ("B.1", "B")]
    event = project.store.events(1)[0]
    assert event["action"] == "code.move" and '"to": "A"' in event["payload"]
    project.move_code("A.1", None)
    assert tree(project) == [("A", None), ("B", "A"), ("B.1", "B"), ("A.1", None)]
    assert_parents_first(project)
    before = snapshot(project.path)
    project.move_code("B", "A")  # already there: nothing written
    assert snapshot(project.path) == before


def test_move_code_refuses_cycles(project):
    project.add_code("A.1.x", "Deep", parent="A.1")
    assert_refused(project, lambda: project.move_code("A", "A"), CodebookError,
                   "cannot move code 'A' under itself", "cycle (A -> A)")
    assert_refused(project, lambda: project.move_code("A", "A.1"), CodebookError,
                   "under its own sub-code 'A.1'", "(A -> A.1 -> A)")
    assert_refused(project, lambda: project.move_code("A", "A.1.x"), CodebookError,
                   "(A -> A.1 -> A.1.x -> A)")
    assert_refused(project, lambda: project.move_code("A", "Z"), NotFoundError, "unknown parent code 'Z'")
    assert_refused(project, lambda: project.move_code("Z", None), NotFoundError, "unknown code 'Z'")


# -- code_usage, merge_codes, delete_code ------------------------------------------

def test_code_usage(coded):
    coded.add_code("A.1.x", "Deep", parent="A.1")
    coded.add_codings([CodingSpec(DOC, 0, 5, "A", "rina"), CodingSpec(DOC, 5, 9, "A.1", "rina"),
                       CodingSpec(DOC, 5, 9, "A.1.x", "budi"), CodingSpec(DOC, 9, 12, "B", "rina")])
    assert coded.code_usage("A") == {"codings": 1, "codings_with_subcodes": 3, "subcodes": ["A.1", "A.1.x"]}
    assert coded.code_usage("B") == {"codings": 1, "codings_with_subcodes": 1, "subcodes": []}
    with pytest.raises(NotFoundError, match="unknown code 'Z'"):
        coded.code_usage("Z")


def test_merge_moves_codings_drops_exact_duplicates_and_reparents(coded):
    ids = coded.add_codings([
        CodingSpec(DOC, 0, 10, "B", "rina"),    # target's own coding
        CodingSpec(DOC, 0, 10, "A", "rina"),    # exact duplicate of it once merged: dropped
        CodingSpec(DOC, 0, 10, "A", "budi"),    # other coder: moved
        CodingSpec(DOC, 0, 11, "A", "rina"),    # other span: moved
        CodingSpec(DOC, 30, 40, "A.1", "rina"),  # sub-code's coding: stays with A.1
    ])
    coded.add_code("B.1", "Beta one", parent="B")
    assert coded.merge_codes("A", "B", actor="rina") == 2
    assert tree(coded) == [("B", None), ("B.1", "B"), ("A.1", "B")]
    frame = coded.codings().set_index("id")
    assert ids[1] not in frame.index
    assert list(frame.loc[[ids[0], ids[2], ids[3]], "code"]) == ["B", "B", "B"]
    assert (frame.loc[ids[4], "code"], frame.loc[ids[4], "parent_code"]) == ("A.1", "B")
    assert "A" not in set(coded.codes()["key"])
    event = coded.store.events(1)[0]
    assert event["action"] == "code.merge" and '"dropped_duplicates": 1' in event["payload"]
    assert coded.check() == []


def test_merge_child_into_parent(coded):
    cid = coded.add_coding(DOC, 0, 10, "A.1", "rina")
    assert coded.merge_codes("A.1", "A") == 1
    assert tree(coded) == [("A", None), ("B", None)]
    assert code_of(coded, cid) == "A"


def test_merge_refusals_leave_file_unchanged(coded):
    coded.add_coding(DOC, 0, 10, "A", "rina")
    assert_refused(coded, lambda: coded.merge_codes("A", "A"), CodebookError, "cannot merge code 'A' into itself")
    assert_refused(coded, lambda: coded.merge_codes("A", "A.1"), CodebookError,
                   "cannot merge code 'A' into its own sub-code 'A.1'", "(A -> A.1 -> A)")
    assert_refused(coded, lambda: coded.merge_codes("Z", "A"), NotFoundError, "unknown source code 'Z'")
    assert_refused(coded, lambda: coded.merge_codes("A", "Z"), NotFoundError, "unknown target code 'Z'", "A, A.1, B")


def test_delete_code_with_sub_codes_reports_codings(coded):
    coded.add_code("A.1.x", "Deep", parent="A.1")
    coded.add_codings([CodingSpec(DOC, 0, 5, "A", "rina"), CodingSpec(DOC, 5, 9, "A.1", "rina"),
                       CodingSpec(DOC, 5, 9, "A.1.x", "budi"), CodingSpec(DOC, 9, 12, "B", "rina")])
    usage = coded.code_usage("A")
    assert coded.delete_code("A", actor="rina") == usage["codings_with_subcodes"] == 3
    assert tree(coded) == [("B", None)]
    assert list(coded.codings()["code"]) == ["B"]
    event = coded.store.events(1)[0]
    assert event["action"] == "code.delete" and '"codes": ["A", "A.1", "A.1.x"]' in event["payload"]
    assert coded.delete_code("B") == 1
    assert coded.codes().empty and coded.codings().empty
    assert_refused(coded, lambda: coded.delete_code("B"), NotFoundError, "unknown code 'B'", "none yet")


def test_delete_leaf_code_without_codings(project):
    assert project.delete_code("A.1") == 0
    assert tree(project) == [("A", None), ("B", None)]
    assert project.codebook().children_of("A") == []


def test_key_is_positional_so_it_can_also_be_an_edited_field(project):
    project.edit_code("B", key="B2")
    project.edit_group("agency", key="agencies")  # edit_group had the same clash of 'key' names
    project.edit_informant("I-09", key="I-10")
    assert "B2" in set(project.codes()["key"])
    assert "agencies" in set(project.groups()["key"])
    assert "I-10" in set(project.informants()["key"])
