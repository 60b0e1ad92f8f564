"""Exemplar quotes: the schema step, flagging a coding (undoable, the coder's own or with edit_any_coding),
what carries the flag (remove and restore, merge, the CLI) and what does not (REFI-QDA has no such field),
and the Code page's Exemplar checkbox."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.backup import backup
from qualcode.cli import main
from qualcode.errors import InputError, NotFoundError, PermissionDeniedError
from qualcode.merge import merge_projects
from qualcode.project import CodingSpec, Project
from qualcode.refi import export_refi, import_refi
from qualcode.store import SCHEMA_VERSION, migrations

from .conftest import assert_refused, one_document_project, open_page

DOC = "I-01_wawancara"
TEXT = "Informan: Koordinasinya jarang, Pak.\n\nInforman: Data DTKS belum sesuai.\n"


def flags(path: Path) -> dict[int, int]:
    """Coding id -> exemplar column, read straight from the file."""
    conn = sqlite3.connect(str(path))
    try:
        return dict(conn.execute("SELECT id, exemplar FROM codings ORDER BY id").fetchall())
    finally:
        conn.close()


@pytest.fixture
def coded(project, transcript):
    project.import_document(transcript, informant="I-01")
    first = project.add_coding(DOC, 0, 10, "A", "rina", memo="first")
    second = project.add_coding(DOC, 20, 30, "B", "budi")
    return project, first, second


# -- the schema step ----------------------------------------------------------------------

def test_an_older_file_gains_the_exemplar_column_unflagged_and_its_history_still_undoes(tmp_path, transcript):
    path = tmp_path / "old.qualcode"
    index = next(i for i, m in enumerate(migrations._migrations) if m.name == "m010_coding_exemplar")
    step = migrations._migrations.pop(index)
    try:
        with Project.create(path) as p:
            p.add_group("g")
            p.add_informant("I-01", "g")
            p.add_code("A", "Alpha")
            p.import_document(transcript, informant="I-01")
            with p.store.atomic():  # a coding as the previous version wrote it
                cid = p.store.conn.execute(
                    'INSERT INTO codings (document_id, code_id, coder_id, start, "end", quote, memo, created_at) '
                    "VALUES (1, 1, ?, 0, 10, ?, 'before', '2026-01-01T00:00:00+00:00')",
                    (p.ensure_coder("rina"), p.document(DOC)["text"][:10])).lastrowid
                p.store.log_event("rina", "coding.add", {"id": cid, "code": "A"})
            p.update_coding(cid, memo="changed", actor="rina")
            assert "exemplar" not in [r[1] for r in p.store.conn.execute("PRAGMA table_info(codings)")]
    finally:
        migrations._migrations.insert(index, step)
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION
        assert flags(path) == {cid: 0}
        assert p.codings()["exemplar"].tolist() == [False]
        p.set_exemplar(cid, actor="rina")
        assert flags(path) == {cid: 1}
        p.undo("rina")  # the flag, recorded by the regenerated audit triggers
        assert flags(path) == {cid: 0}
        p.undo("rina")  # the memo edit, recorded before the file had the column
        assert p.coding(cid)["memo"] == "before"


def test_the_file_itself_refuses_a_flag_other_than_0_or_1(coded):
    project, first, _ = coded
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        project.store.conn.execute("UPDATE codings SET exemplar = 2 WHERE id = ?", (first,))


# -- flagging -----------------------------------------------------------------------------

def test_flag_and_unflag_one_step_each_undone_and_redone(coded):
    project, first, second = coded
    assert project.set_exemplar(first, actor="rina")["exemplar"] == 0  # returns the row before
    assert flags(project.path) == {first: 1, second: 0}
    frame = project.codings()
    assert frame["exemplar"].dtype == bool
    assert dict(zip(frame["id"], frame["exemplar"], strict=True)) == {first: True, second: False}
    assert project.coding(first)["exemplar"] is True and project.coding(second)["exemplar"] is False
    event = project.store.events(1)[0]
    assert (event["action"], event["actor"]) == ("coding.update", "rina")
    project.set_exemplar(first, False, actor="rina")
    assert flags(project.path)[first] == 0
    project.undo("rina")
    assert flags(project.path)[first] == 1
    project.undo("rina")
    assert flags(project.path)[first] == 0
    project.redo("rina")
    assert flags(project.path)[first] == 1


def test_memo_code_and_flag_change_together_in_one_step(coded):
    project, first, _ = coded
    project.update_coding(first, code="A.1", memo="kept", exemplar=True, actor="rina")
    row = project.coding(first)
    assert (row["code"], row["memo"], row["exemplar"]) == ("A.1", "kept", True)
    project.undo("rina")
    row = project.coding(first)
    assert (row["code"], row["memo"], row["exemplar"]) == ("A", "first", False)


def test_refusals_leave_the_file_unchanged(coded):
    project, first, _ = coded
    assert_refused(project, lambda: project.set_exemplar(999), NotFoundError, "no coding with id 999")
    assert_refused(project, lambda: project.set_exemplar(first, 1), InputError, "exemplar must be True or False")
    assert_refused(project, lambda: project.update_coding(first, exemplar="yes"), InputError, "True or False")


def test_a_coder_flags_only_their_own_codings_a_supervisor_any(tmp_path):
    path = one_document_project(tmp_path / "p.qualcode", TEXT)
    with Project.open(path) as p:
        p.add_user("rina", "rahasia-rina-1", "coder")
        p.add_user("sari", "rahasia-sari-1", "supervisor")
        mine = p.add_coding("w", 0, 8, "A", "rina")
        theirs = p.add_coding("w", 10, 20, "B", "budi")
    with Project.open(path, user="rina") as p:
        p.set_exemplar(mine, actor="rina")
        with pytest.raises(PermissionDeniedError, match="may not"):
            p.set_exemplar(theirs, actor="rina")
    with Project.open(path, user="sari") as p:
        p.set_exemplar(theirs, actor="sari")
    assert flags(path) == {mine: 1, theirs: 1}


def test_remove_and_restore_keeps_the_flag(coded):
    project, first, _ = coded
    project.set_exemplar(first)
    row = project.remove_coding(first)
    project.restore_coding(row)
    assert project.coding(first)["exemplar"] is True
    old = {k: v for k, v in row.items() if k != "exemplar"}  # a row read before the flag existed
    project.remove_coding(first)
    project.restore_coding(old)
    assert project.coding(first)["exemplar"] is False


def test_a_new_coding_can_be_flagged_at_once(coded):
    project, _, _ = coded
    cid = project.add_codings([CodingSpec(DOC, 40, 50, "B", "rina", exemplar=True)])[0]
    other = project.code_quote(DOC, project.document(DOC)["text"][60:70], "A", "rina", exemplar=True)
    assert project.coding(cid)["exemplar"] is True and project.coding(other)["exemplar"] is True


# -- what carries it ----------------------------------------------------------------------

def test_merge_carries_the_flag_of_new_codings_and_of_codings_both_have(coded, tmp_path):
    project, first, second = coded
    copy = backup(project.path, tmp_path / "offline.qualcode")
    with Project.open(copy) as p:
        p.set_exemplar(first)  # a coding the target has too, flagged offline
        new = p.add_codings([CodingSpec(DOC, 40, 50, "B", "budi", exemplar=True),
                             CodingSpec(DOC, 60, 70, "A", "budi")])
    report = merge_projects(project, copy, actor="lead")
    assert (report.codings_added, report.duplicates_skipped, report.exemplars_flagged) == (2, 2, 1)
    assert any("flagged as exemplars" in line for line in report.lines())
    merged = project.codings().set_index(["start", "end", "coder"])["exemplar"].to_dict()
    assert merged == {(0, 10, "rina"): True, (20, 30, "budi"): False, (40, 50, "budi"): True,
                      (60, 70, "budi"): False}
    assert len(new) == 2
    project.undo("lead")  # the merge, flag included, is one step
    assert flags(project.path) == {first: 0, second: 0}


def test_refi_exchange_still_works_without_the_flag(coded, tmp_path):
    """REFI-QDA (1.5) has no exemplar field: the project travels, the flag stays behind."""
    project, first, _ = coded
    project.set_exemplar(first)
    archive = tmp_path / "study.qdpx"
    export_refi(project, archive)
    with Project.create(tmp_path / "back.qualcode") as back:
        import_refi(back, archive)
        frame = back.codings()
        assert len(frame) == 2 and not frame["exemplar"].any()
        assert sorted(frame["quote"]) == sorted(project.codings()["quote"])


def test_cli_flags_unflags_and_codes_an_exemplar(coded):
    project, first, second = coded
    path = str(project.path)
    project.close()
    runner = CliRunner()
    result = runner.invoke(main, ["exemplar", path, str(first), str(second), "--coder", "lead"])
    assert result.exit_code == 0, result.output
    assert flags(Path(path)) == {first: 1, second: 1}
    result = runner.invoke(main, ["exemplar", path, str(second), "--unset"])
    assert result.exit_code == 0 and flags(Path(path)) == {first: 1, second: 0}
    before = flags(Path(path))
    result = runner.invoke(main, ["exemplar", path, str(second), "999"])  # all or nothing
    assert result.exit_code == 1 and "no coding with id 999" in result.output
    assert flags(Path(path)) == before
    result = runner.invoke(main, ["code", path, DOC, "B", "--coder", "rina", "--span", "40", "50", "--exemplar"])
    assert result.exit_code == 0, result.output
    with Project.open(path) as p:
        assert p.codings(codes=["B"]).set_index("start").loc[40, "exemplar"]
        steps = p.history(actor="lead")  # the two flags were one step
        assert steps["description"].tolist() == [f"edit coding {first}, {second}"]
        assert steps["changes"].tolist() == ["codings ~2"]


# -- the Code page ------------------------------------------------------------------------

def test_code_page_dialog_flags_and_unflags_a_coding(tmp_path):
    path = one_document_project(tmp_path / "code.qualcode", TEXT)
    with Project.open(path) as p:
        cid = p.add_coding("w", 0, 8, "A", "rina", memo="awal")
    at = open_page("code", path, coder="rina", tx_clicked=[cid])
    assert not at.exception
    box = at.checkbox(key="edit_exemplar")
    assert box.label == "Exemplar quote" and box.value is False
    box.check()
    at.button(key="edit_save").click().run()
    assert not at.exception
    with Project.open(path) as p:
        row = p.coding(cid)
        assert (row["exemplar"], row["memo"], row["code"]) == (True, "awal", "A")
    at.session_state["tx_clicked"] = [cid]
    at.run()
    assert at.checkbox(key="edit_exemplar").value is True  # the dialog shows the stored flag
    at.checkbox(key="edit_exemplar").uncheck()
    at.button(key="edit_save").click().run()
    with Project.open(path) as p:
        assert p.coding(cid)["exemplar"] is False
    bahasa = open_page("code", path, lang="id", coder="rina", tx_clicked=[cid])
    assert bahasa.checkbox(key="edit_exemplar").label == "Kutipan teladan"
