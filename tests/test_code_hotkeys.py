"""Per-code hotkeys: the schema step, setting and clearing them (undoable), their refusals, codebook files and
REFI-QDA exchange (which has no hotkey field)."""

from __future__ import annotations

import json
import sqlite3

import pytest

from qualcode.codebook import Code, Codebook, hotkey_value, load_codebook, parse_codebook, save_codebook
from qualcode.errors import CodebookError, DuplicateError, InputError, PermissionDeniedError, UndoConflictError
from qualcode.project import Project
from qualcode.refi import export_refi, import_refi
from qualcode.store import SCHEMA_VERSION, migrations

from .conftest import assert_refused, snapshot


def hotkeys(project: Project) -> dict[str, str | None]:
    """Code key -> hotkey, read straight from the file's codes table."""
    conn = sqlite3.connect(str(project.path))
    try:
        return dict(conn.execute("SELECT key, hotkey FROM codes ORDER BY sort, id").fetchall())
    finally:
        conn.close()


# -- the schema step ----------------------------------------------------------------------

def test_an_older_file_gains_the_hotkey_column_and_keeps_its_codes_and_history(tmp_path):
    """A file made before hotkeys (without the step) is upgraded on open; an edit made before still undoes."""
    path = tmp_path / "old.qualcode"
    index = next(i for i, m in enumerate(migrations._migrations) if m.name == "m009_code_hotkeys")
    step = migrations._migrations.pop(index)
    try:
        with Project.create(path) as p:
            p.add_code("A", "Alpha", actor="rina")
            p.add_code("B", "Beta", actor="rina")
            p.edit_code("B", name="Beta (renamed)", actor="rina")
            assert "hotkey" not in [r[1] for r in p.store.conn.execute("PRAGMA table_info(codes)")]
    finally:
        migrations._migrations.insert(index, step)
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION
        assert hotkeys(p) == {"A": None, "B": None}
        assert list(p.codes()["key"]) == ["A", "B"]
        p.edit_code("A", hotkey="a", actor="rina")
        assert hotkeys(p) == {"A": "A", "B": None}
        p.undo("rina")  # the hotkey, recorded by the regenerated audit triggers
        assert hotkeys(p) == {"A": None, "B": None}
        p.undo("rina")  # the rename, recorded before the file had hotkeys
        assert p.code("B")["name"] == "Beta"


def test_the_file_itself_refuses_a_second_code_with_the_same_hotkey_or_a_bad_one(project):
    """The unique index and the check hold even for a writer that bypasses the Project API."""
    project.edit_code("A", hotkey="Q")
    conn = project.store.conn
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute("UPDATE codes SET hotkey = 'Q' WHERE key = 'B'")
    for bad in ("q", "QQ", "-", ""):
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE codes SET hotkey = ? WHERE key = 'B'", (bad,))
    conn.execute("UPDATE codes SET hotkey = NULL WHERE key = 'A.1'")  # many codes without a hotkey
    assert hotkeys(project) == {"A": "Q", "A.1": None, "B": None}


# -- setting, clearing, refusing ----------------------------------------------------------

def test_hotkey_value():
    assert [hotkey_value(v) for v in ("q", "Q", " 7 ", 3, "", "  ", None)] == ["Q", "Q", "7", "3", None, None, None]
    for bad in ("QQ", "ä", "é", "-", "Alt+Q", True, 12, 1.5, ["Q"]):
        with pytest.raises(ValueError, match="one letter"):
            hotkey_value(bad)


def test_set_change_and_clear_a_hotkey(project):
    project.add_code("C", "Gamma", hotkey="g", actor="rina")
    project.edit_code("A", hotkey="1", actor="rina")
    assert hotkeys(project) == {"A": "1", "A.1": None, "B": None, "C": "G"}  # stored upper-case
    codes = project.codes().set_index("key")
    assert (codes.loc["A", "hotkey"], codes.loc["C", "hotkey"]) == ("1", "G")
    assert project.code("C")["hotkey"] == "G" and project.code("B")["hotkey"] is None
    event = project.store.events(1)[0]
    assert (event["action"], json.loads(event["payload"])) == ("code.edit", {"key": "A", "hotkey": "1"})
    project.edit_code("A", hotkey="2")
    project.edit_code("C", hotkey=None)
    project.edit_code("B", hotkey="g")  # free again
    project.edit_code("A", hotkey="")  # blank clears too
    assert hotkeys(project) == {"A": None, "A.1": None, "B": "G", "C": None}
    project.edit_code("B", key="B2", hotkey="b")  # rename and hotkey in one edit
    assert hotkeys(project)["B2"] == "B"


def test_refused_hotkeys_name_the_code_and_the_hotkey_and_change_nothing(project):
    project.edit_code("A", hotkey="Q")
    assert_refused(project, lambda: project.edit_code("B", hotkey="q"), DuplicateError,
                   "code 'B'", "hotkey 'Q'", "hotkey of code 'A'")
    assert_refused(project, lambda: project.add_code("C", "Gamma", hotkey="Q"), DuplicateError,
                   "code 'C'", "hotkey 'Q'", "code 'A'")
    for bad in ("QQ", "ä", "-", "F1", 12):
        assert_refused(project, lambda bad=bad: project.edit_code("B", hotkey=bad), InputError,
                       "code 'B'", "hotkey must be one letter (A-Z) or digit (0-9)", repr(bad))
    assert_refused(project, lambda: project.edit_code("B", name="Beta two", hotkey="!"), CodebookError, "'!'")
    assert project.code("B")["name"] == "Beta"  # the other field of the refused edit was not written either
    project.edit_code("A", hotkey="q")  # its own hotkey again, in another case: fine
    assert hotkeys(project)["A"] == "Q"


def test_hotkeys_follow_the_rule_of_every_codebook_edit(project):
    """A coder may not set a hotkey on a served project; an admin may."""
    project.add_user("ana", "ana-secret-1", "admin")
    project.add_user("rina", "rina-secret", "coder")
    path = project.path
    project.close()
    before = snapshot(path)
    with Project.open(path, user="rina") as p, pytest.raises(PermissionDeniedError, match="may not"):
        p.edit_code("A", hotkey="Q")
    with Project.open(path, user="rina") as p, pytest.raises(PermissionDeniedError, match="may not"):
        p.add_code("C", "Gamma", hotkey="Q")
    assert snapshot(path) == before
    with Project.open(path, user="ana") as p:
        p.edit_code("A", hotkey="Q")
        assert hotkeys(p)["A"] == "Q"


def test_undo_and_redo_a_hotkey_change(project):
    project.edit_code("A", hotkey="Q", actor="rina")
    project.edit_code("A", hotkey="W", actor="rina")
    assert project.undo("rina") == "edit code A"
    assert hotkeys(project)["A"] == "Q"
    project.undo("rina")
    assert hotkeys(project)["A"] is None
    project.redo("rina")
    assert hotkeys(project)["A"] == "Q"


def test_undo_refused_when_another_code_took_the_hotkey_meanwhile(project):
    project.edit_code("A", hotkey="Q", actor="rina")
    project.edit_code("A", hotkey=None, actor="rina")
    project.edit_code("B", hotkey="Q", actor="budi")
    before = snapshot(project.path)
    with pytest.raises(UndoConflictError, match="cannot undo"):
        project.undo("rina")  # would give A the hotkey B holds now
    assert snapshot(project.path) == before


def test_deleting_a_code_frees_its_hotkey(project):
    project.edit_code("B", hotkey="B")
    project.delete_code("B")
    project.edit_code("A", hotkey="b")
    assert hotkeys(project) == {"A": "B", "A.1": None}


# -- codebook files -----------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_codebook_file_round_trip_with_hotkeys(project, tmp_path, suffix):
    project.edit_code("A", hotkey="a")
    project.edit_code("B", hotkey="7")
    book = project.codebook()
    assert [(c.key, c.hotkey) for c in book.codes] == [("A", "A"), ("A.1", None), ("B", "7")]
    path = tmp_path / f"book{suffix}"
    save_codebook(book, path)
    text = path.read_text(encoding="utf-8")
    assert text.count("hotkey") == 2  # only codes that have one carry the field
    again = load_codebook(path)
    assert again == book
    with Project.create(tmp_path / "other.qualcode") as other:
        other.load_codebook(path)
        assert hotkeys(other) == {"A": "A", "A.1": None, "B": "7"}


def test_codebook_file_hotkeys_are_checked():
    good = parse_codebook({"name": "x", "codes": [{"key": "A", "name": "Alpha", "hotkey": "q"},
                                                   {"key": "B", "name": "Beta", "hotkey": 1},
                                                   {"key": "C", "name": "Gamma", "hotkey": ""}]})
    assert [c.hotkey for c in good.codes] == ["Q", "1", None]
    with pytest.raises(CodebookError, match=r"book\.yaml: code 'B': field 'hotkey' must be one letter .* got 'QQ'"):
        parse_codebook({"codes": [{"key": "B", "name": "Beta", "hotkey": "QQ"}]}, source="book.yaml")
    with pytest.raises(CodebookError, match="code 'B': hotkey 'Q' is already the hotkey of code 'A'") as info:
        parse_codebook({"codes": [{"key": "A", "name": "Alpha", "hotkey": "Q", "children": [
            {"key": "B", "name": "Beta", "hotkey": "q"}]}]}, source="book.yaml")
    assert info.value.key == "err_codebook_hotkey_duplicate" and info.value.params["other"] == "A"


def test_loading_a_codebook_sets_swaps_and_keeps_hotkeys(project):
    project.edit_code("A", hotkey="1")
    project.edit_code("B", hotkey="2")
    project.edit_code("A.1", hotkey="X")
    book = Codebook("swap", [Code("A", "Alpha", hotkey="2"), Code("A.1", "Alpha one", parent="A"),
                             Code("B", "Beta", hotkey="1")])
    project.load_codebook(book, actor="rina")
    # A and B swap; A.1, given without a hotkey, keeps its own
    assert hotkeys(project) == {"A": "2", "A.1": "X", "B": "1"}
    project.undo("rina")
    assert hotkeys(project) == {"A": "1", "A.1": "X", "B": "2"}


def test_loading_a_codebook_whose_hotkey_another_code_holds_changes_nothing(project):
    project.edit_code("A.1", hotkey="X")
    book = Codebook("clash", [Code("B", "Beta (new)", hotkey="x"), Code("C", "Gamma")])
    assert_refused(project, lambda: project.load_codebook(book), DuplicateError,
                   "code 'B'", "hotkey 'X'", "hotkey of code 'A.1'")
    twice = Codebook("twice", [Code("B", "Beta", hotkey="Y"), Code("C", "Gamma", hotkey="y")])  # built in code
    assert_refused(project, lambda: project.load_codebook(twice), DuplicateError, "code 'C'", "code 'B'")
    bad = Codebook("bad", [Code("B", "Beta", hotkey="F1")])
    assert_refused(project, lambda: project.load_codebook(bad), CodebookError, "code 'B'", "'F1'")


def test_shipped_codebook_has_no_hotkeys_and_loading_it_keeps_the_projects(tmp_path):
    from qualcode.codebook import shipped_codebooks

    book = load_codebook(shipped_codebooks()["bryson_cross_sector"])
    assert all(c.hotkey is None for c in book.codes)
    with Project.create(tmp_path / "p.qualcode") as p:
        p.load_codebook(book)
        p.edit_code("E3.1", hotkey="c")
        p.load_codebook(book)  # loading it again keeps the researcher's own hotkeys
        assert p.code("E3.1")["hotkey"] == "C"


# -- REFI-QDA: no hotkey field, exchange still works ----------------------------------------

@pytest.mark.parametrize("suffix", [".qdc", ".qdpx"])
def test_refi_export_and_import_leave_hotkeys_out(project, tmp_path, suffix):
    project.edit_code("A", hotkey="Q")
    path = tmp_path / f"out{suffix}"
    export_refi(project, path)
    with Project.create(tmp_path / "fresh.qualcode") as fresh:
        import_refi(fresh, path)
        assert set(fresh.codes()["key"]) == {"A", "A.1", "B"}
        assert set(hotkeys(fresh).values()) == {None}
    import_refi(project, path)  # back into the project it came from: its codes, hotkeys included, are kept
    assert hotkeys(project)["A"] == "Q"
