"""The audit trail: every change recorded with who, when, before and after; per-user undo and redo that
refuse to overwrite someone else's later change."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import sqlite_utils
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.codebook import Code, Codebook
from qualcode.errors import CodingError, InputError, NotFoundError, UndoConflictError
from qualcode.history import describe
from qualcode.project import CodingSpec, Project
from qualcode.store import APPLICATION_ID, migrations
from qualcode.store.schema import audited_columns, create_audit_triggers

from .conftest import assert_refused, snapshot

AUDIT_TABLES = ("events", "changes")
OTHER_TRANSCRIPT = "Pewawancara: Apa tugas Bapak?\n\nInforman: Saya memimpin rapat koordinasi SPM.\n"


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the audit trail itself: what undo and redo must restore exactly."""
    return {t: rows for t, rows in snapshot(path).items() if t not in AUDIT_TABLES}


def sql(path: Path, query: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def unclaimed(path: Path) -> int:
    return sql(path, "SELECT count(*) FROM changes WHERE event_id IS NULL")[0][0]


def span(project: Project, words: str) -> tuple[int, int]:
    start = project.document("w")["text"].index(words)
    return start, start + len(words)


@pytest.fixture
def study(project, transcript):
    """The small project with a transcript, coders rina and budi, supervisor sari, and three codings:
    1 (A, rina) and 2 (A.1, budi) on the same span, 3 (B, rina)."""
    project.add_coder("rina")
    project.add_coder("budi")
    project.add_coder("sari", "supervisor")
    project.add_coder("consensus", "consensus")
    project.import_document(transcript, informant="I-01", name="w", actor="rina")
    start, end = span(project, "Koordinasinya jarang")
    project.add_coding("w", start, end, "A", "rina")
    project.add_coding("w", start, end, "A.1", "budi")
    project.add_coding("w", *span(project, "Belum"), "B", "rina")
    return project


def other_file(tmp_path: Path) -> Path:
    path = tmp_path / "I-09_wawancara.txt"
    path.write_text(OTHER_TRANSCRIPT, encoding="utf-8")
    return path


# label: (actor, the call, the (table, op) pairs its event must record)
CHANGES = {
    "add coding": ("rina", lambda p, tmp: p.add_coding("w", 0, 10, "B", "rina"), {("codings", "insert")}),
    "add codings": ("rina", lambda p, tmp: p.add_codings([CodingSpec("w", 0, 10, "B", "rina"),
                                                          CodingSpec("w", 5, 12, "A", "rina")]),
                    {("codings", "insert")}),
    "update coding": ("rina", lambda p, tmp: p.update_coding(1, code="B", memo="jarang", actor="rina"),
                      {("codings", "update")}),
    "remove coding": ("rina", lambda p, tmp: p.remove_coding(1, actor="rina"), {("codings", "delete")}),
    "add code": ("rina", lambda p, tmp: p.add_code("C", "Gamma", parent="A", actor="rina"),
                 {("codes", "insert"), ("codes", "update")}),
    "edit code": ("rina", lambda p, tmp: p.edit_code("B", key="B2", name="Beta two", color="#123456", actor="rina"),
                  {("codes", "update")}),
    "move code": ("rina", lambda p, tmp: p.move_code("A.1", "B", actor="rina"), {("codes", "update")}),
    "merge codes": ("rina", lambda p, tmp: p.merge_codes("A.1", "A", actor="rina"),
                    {("codings", "update"), ("codes", "delete"), ("codes", "update")}),
    "delete code": ("rina", lambda p, tmp: p.delete_code("A", actor="rina"),
                    {("codings", "delete"), ("codes", "delete"), ("codes", "update")}),
    "load codebook": ("rina", lambda p, tmp: p.load_codebook(Codebook("small", [Code("D", "Delta")]), actor="rina"),
                      {("codes", "insert"), ("meta", "update")}),
    "add group": ("rina", lambda p, tmp: p.add_group("observers", "Observers", actor="rina"), {("groups", "insert")}),
    "edit group": ("rina", lambda p, tmp: p.edit_group("agency", name="Agencies", actor="rina"),
                   {("groups", "update")}),
    "add informant": ("rina", lambda p, tmp: p.add_informant("I-05", "agency", role="Staf", actor="rina"),
                      {("informants", "insert")}),
    "edit informant": ("rina", lambda p, tmp: p.edit_informant("I-09", role="Sekretaris", group="agency",
                                                               actor="rina"), {("informants", "update")}),
    "verdict": ("sari", lambda p, tmp: p.set_verdict("A", "partial_agreement", supervisor="sari",
                                                     rationale="only the community speaks"), {("verdicts", "insert")}),
    "summary": ("rina", lambda p, tmp: p.set_summary("I-01", "A", "jarang koordinasi", author="rina"),
                {("summaries", "insert")}),
    "reconciliation": ("sari", lambda p, tmp: p.reconcile("w", *span(p, "Koordinasinya jarang"), "A", decision="a",
                                                          coders=["rina", "budi"], supervisor="sari"),
                       {("reconciliations", "insert"), ("codings", "insert")}),
    "import document": ("rina", lambda p, tmp: p.import_document(other_file(tmp), informant="I-09", name="w2",
                                                                 actor="rina"), {("documents", "insert")}),
    "blind coding": ("sari", lambda p, tmp: p.set_blind_coding(True, actor="sari"), {("meta", "insert")}),
}


@pytest.mark.parametrize("label", list(CHANGES))
def test_every_change_is_recorded_with_before_and_after(study, tmp_path, label):
    actor, call, expected = CHANGES[label]
    last = study.history(limit=1)["id"].iloc[0]
    call(study, tmp_path)
    events = study.history()
    new = events[events["id"] > last]
    assert len(new) == 1, new  # one call, one event
    event = new.iloc[0]
    assert event["actor"] == actor and event["at"] and not event["undone"]
    changes = study.history_changes(int(event["id"]))
    assert {(t, o) for t, o in zip(changes["table"], changes["op"], strict=True)} == expected
    for change in changes.itertuples():
        if change.op == "insert":
            assert change.before is None and change.after
        elif change.op == "delete":
            assert change.after is None and change.before
        else:
            assert change.before != change.after and set(change.before) == set(change.after)
    assert unclaimed(study.path) == 0  # every row change belongs to the event of its transaction


def test_recorded_states_are_the_rows(study):
    study.update_coding(1, code="B", memo="jarang", actor="rina")
    event = study.history(limit=1).iloc[0]
    assert (event["action"], event["description"], event["changes"]) == ("coding.update", "edit coding 1",
                                                                          "codings ~1")
    change = study.history_changes(int(event["id"])).iloc[0]
    codes = dict(zip(study.codes()["key"], study.codes()["id"], strict=True))
    assert (change["table"], change["row_id"], change["row"]) == ("codings", 1, "coding 1")
    assert change["before"]["code_id"] == codes["A"] and change["before"]["memo"] is None
    assert change["after"]["code_id"] == codes["B"] and change["after"]["memo"] == "jarang"
    assert change["after"]["quote"] == "Koordinasinya jarang"
    assert change["fields"] == f"code_id: {codes['A']} → {codes['B']}; memo: ∅ → jarang"


def test_document_text_is_left_out_but_its_hash_kept(study):
    event = study.history(action="document.import").iloc[0]
    after = study.history_changes(int(event["id"])).iloc[0]["after"]
    assert "text" not in after and after["sha256"] == study.document("w")["sha256"]
    assert after["name"] == "w"


def test_password_columns_are_never_recorded(study):
    conn = study.store.conn
    conn.execute("ALTER TABLE coders ADD COLUMN password_salt TEXT")
    create_audit_triggers(study.store.db)  # what a later schema step adding a column does
    assert "password_salt" not in audited_columns(study.store.db, "coders")
    triggers = " ".join(r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'"))
    assert "password" not in triggers
    with study.store.atomic():
        conn.execute("UPDATE coders SET password_salt = 'sekret' WHERE name = 'rina'")
        conn.execute("UPDATE coders SET role = 'admin', password_salt = 'sekret2' WHERE name = 'budi'")
        study.store.log_event("rina", "test.passwords", {})
    changes = study.history_changes(int(study.history(limit=1)["id"].iloc[0]))
    assert len(changes) == 1 and changes.iloc[0]["fields"] == "role: coder → admin"
    assert not sql(study.path, "SELECT 1 FROM changes WHERE before LIKE '%sekret%' OR after LIKE '%sekret%'")


def test_a_failing_write_leaves_no_change_rows_and_no_event(study, tmp_path):
    good = CodingSpec("w", 0, 10, "B", "rina")
    assert_refused(study, lambda: study.add_codings([good, CodingSpec("w", 5, 10_000, "B", "rina")]),
                   CodingError, "invalid")
    manifest = tmp_path / "manifest.csv"
    other_file(tmp_path)
    manifest.write_text("file,informant\nI-09_wawancara.txt,I-09\nmissing.txt,I-09\n", encoding="utf-8")
    assert_refused(study, lambda: study.import_manifest(manifest, actor="rina"), InputError, "line 3")
    assert unclaimed(study.path) == 0


@pytest.mark.parametrize("label", list(CHANGES))
def test_undo_then_redo_restores_every_table_exactly(study, tmp_path, label):
    actor, call, _ = CHANGES[label]
    before = tables(study.path)
    call(study, tmp_path)
    after = tables(study.path)
    assert after != before
    description = study.can_undo(actor).description
    assert study.undo(actor) == description
    assert tables(study.path) == before
    assert study.can_redo(actor).description == description
    assert study.redo(actor) == description
    assert tables(study.path) == after
    assert study.undo(actor) == description  # and again: a redone step can be undone
    assert tables(study.path) == before
    assert unclaimed(study.path) == 0


def test_undo_of_a_merge_restores_every_moved_coding(study):
    start, end = span(study, "Koordinasinya jarang")
    study.add_code("A.2", "Alpha two", parent="A.1", actor="rina")
    study.add_coding("w", start, end, "A", "budi")  # budi's A.1 coding at this span would duplicate it
    study.add_coding("w", *span(study, "Banyak warga"), "A.1", "budi")
    study.add_coding("w", *span(study, "WhatsApp"), "A.1", "rina")
    before = tables(study.path)
    moved = study.merge_codes("A.1", "A", actor="rina")
    assert moved == 2 and "A.1" not in set(study.codes()["key"])
    assert study.codes().set_index("key").loc["A.2", "parent"] == "A"
    study.undo("rina")
    assert tables(study.path) == before
    assert sorted(study.codings(codes=["A.1"])["id"]) == [2, 5, 6]


def test_undo_is_refused_when_someone_changed_the_row_later(study):
    study.update_coding(1, memo="menurut rina", actor="rina")
    study.update_coding(1, memo="menurut budi", actor="budi")
    message = assert_refused(study, lambda: study.undo("rina"), UndoConflictError,
                             "cannot undo 'edit coding 1': coding 1 was changed later by budi at ")
    at = study.history(actor="budi", limit=1)["at"].iloc[0]
    assert message.endswith(at)
    step = study.can_undo("rina")
    assert not step and step.event_id is not None and step.refusal == message
    assert study.codings().set_index("id").loc[1, "memo"] == "menurut budi"


def test_undo_is_refused_when_someone_deleted_the_row_later(study):
    study.update_coding(3, memo="belum", actor="rina")
    study.remove_coding(3, actor="budi")
    assert_refused(study, lambda: study.undo("rina"), UndoConflictError, "coding 3 was deleted later by budi")


def test_undo_is_allowed_when_later_changes_touched_other_rows(study):
    study.update_coding(1, memo="menurut rina", actor="rina")
    study.update_coding(2, memo="menurut budi", actor="budi")
    study.add_coding("w", 0, 10, "B", "budi")
    assert study.undo("rina") == "edit coding 1"
    memos = study.codings().set_index("id")["memo"]
    assert pd.isna(memos[1]) and memos[2] == "menurut budi" and len(memos) == 4


def test_undo_is_refused_while_others_use_what_it_would_remove(study):
    study.add_code("C", "Gamma", actor="rina")
    study.add_coding("w", 0, 10, "C", "budi")
    message = assert_refused(study, lambda: study.undo("rina"), UndoConflictError, "cannot undo 'add code C'",
                             "(C) is still used by coding 4", "budi")
    assert "last changed by budi at" in message


def test_undo_is_refused_when_what_a_row_needs_is_gone(study):
    study.remove_coding(3, actor="rina")
    study.delete_code("B", actor="budi")
    assert_refused(study, lambda: study.undo("rina"), UndoConflictError, "cannot undo 'remove coding 3'",
                   "coding 3 needs code 3, which no longer exists, deleted later by budi")


def test_undo_is_refused_when_a_unique_key_was_taken_meanwhile(study):
    study.edit_code("B", key="B2", actor="rina")
    study.add_code("B", "Another beta", actor="budi")
    assert_refused(study, lambda: study.undo("rina"), UndoConflictError, "cannot undo 'edit code B2'",
                   "UNIQUE constraint failed: codes.key", "nothing was changed")


def test_undo_goes_back_one_step_at_a_time_and_skips_others(study):
    study.add_coding("w", 0, 10, "B", "rina")
    study.update_coding(2, memo="budi", actor="budi")
    study.edit_group("agency", name="Agencies", actor="rina")
    assert study.undo("rina") == "edit group agency"
    assert study.undo("rina") == "code passage as B"
    assert study.undo("rina") == "code passage as B"  # coding 3 of the fixture
    assert study.codings().set_index("id").loc[2, "memo"] == "budi"
    history = study.history(actor="rina")
    assert history["undone"].sum() == 3 and list(history["action"][:3]) == ["undo"] * 3


def test_redo_is_refused_after_a_new_action(study):
    study.update_coding(1, memo="satu", actor="rina")
    study.undo("rina")
    study.add_coding("w", 0, 10, "B", "rina")  # a new change clears redo
    before = tables(study.path)
    step = study.can_redo("rina")
    assert step.event_id is None and "new change" in step.refusal
    with pytest.raises(UndoConflictError, match="cannot redo 'edit coding 1': rina made a new change since"):
        study.redo("rina")
    assert tables(study.path) == before


def test_redo_is_not_cleared_by_others_but_refused_when_they_changed_the_row(study):
    study.update_coding(1, memo="satu", actor="rina")
    study.undo("rina")
    study.add_coding("w", 0, 10, "B", "budi")
    assert study.can_redo("rina")
    study.update_coding(1, memo="dua", actor="budi")
    assert_refused(study, lambda: study.redo("rina"), UndoConflictError,
                   "cannot redo 'edit coding 1': coding 1 was changed later by budi")


def test_nothing_to_undo_or_redo(study):
    with pytest.raises(InputError, match="nothing to undo: tono has no change"):
        study.undo("tono")
    with pytest.raises(InputError, match="nothing to redo"):
        study.redo("rina")
    with pytest.raises(InputError, match="user is empty"):
        study.undo(" ")
    step = study.can_undo("tono")
    assert not step and step.event_id is None and step.description == "" and "nothing to undo" in step.refusal


def test_coder_creation_is_not_undone(project, transcript):
    project.import_document(transcript, informant="I-01", name="w", actor="admin")
    project.add_coding("w", 0, 10, "A", "tono")  # creates coder tono: its own event
    assert project.undo("tono") == "code passage as A"
    assert "tono" in set(project.coders()["name"])
    with pytest.raises(InputError, match="nothing to undo"):
        project.undo("tono")


def test_undo_and_redo_across_two_project_objects(study):
    path = study.path
    with Project.open(path) as first, Project.open(path) as second:
        first.update_coding(1, memo="dari proses pertama", actor="rina")
        assert second.can_undo("rina").description == "edit coding 1"
        assert second.undo("rina") == "edit coding 1"
        assert first.codings().set_index("id").loc[1, "memo"] is None
        assert first.redo("rina") == "edit coding 1"
        assert second.codings().set_index("id").loc[1, "memo"] == "dari proses pertama"
        second.update_coding(1, memo="budi", actor="budi")
        with pytest.raises(UndoConflictError, match="changed later by budi"):
            first.undo("rina")
    with Project.open(path) as again:  # what a reloaded app sees
        assert list(again.history(actor="rina", limit=2)["action"]) == ["redo", "undo"]


def test_as_one_step_is_one_event_undone_together(study):
    before = tables(study.path)
    with study.as_one_step("rina", "coding.quick", {"added": 2, "removed": 1}):
        study.add_coding("w", 0, 10, "B", "rina")
        study.add_coding("w", 3, 12, "A", "rina")
        study.remove_coding(3, actor="rina")
    event = study.history(limit=1).iloc[0]
    assert event["description"] == "quick coding: 2 added, 1 removed" and event["changes"] == "codings +2 -1"
    assert study.undo("rina") == "quick coding: 2 added, 1 removed"
    assert tables(study.path) == before


def test_history_filters(study):
    study.update_coding(1, memo="x", actor="rina")
    study.update_coding(2, memo="y", actor="budi")
    everyone = study.history()
    assert list(everyone["id"]) == sorted(everyone["id"], reverse=True)
    assert set(study.history(actor="budi")["action"]) == {"coding.update", "coding.add", "coder.add"}
    assert list(study.history(table="codings", row_id=1)["action"]) == ["coding.update", "coding.add"]
    assert set(study.history(table="documents")["action"]) == {"document.import"}
    assert list(study.history(action="coding.update")["actor"]) == ["budi", "rina"]
    assert len(study.history(limit=2)) == 2
    today = everyone["at"].iloc[0][:10]
    assert len(study.history(since=today, until=today)) == len(everyone)
    assert study.history(until="2000-01-01").empty
    assert study.history_users() == ["budi", "consensus", "rina", "sari"]
    with pytest.raises(InputError, match="unknown table 'units'"):
        study.history(table="units")
    with pytest.raises(InputError, match="row_id needs table"):
        study.history(row_id=1)
    with pytest.raises(NotFoundError, match="no event with id 999"):
        study.history_changes(999)


def test_descriptions():
    assert describe("coding.add", {"code": "E3.2"}) == "code passage as E3.2"
    assert describe("coding.add_many", {"count": 3, "codes": ["A", "B"]}) == "code 3 passages as A, B"
    assert describe("code.merge", json.dumps({"source": "E1", "target": "E2"})) == "merge code E1 into E2"
    assert describe("suggest.train", {}) == "suggest.train"
    assert describe("code.add", {}) == "code.add"  # a payload without the fields falls back to the action


def test_an_older_file_gains_the_audit_trail(tmp_path):
    path = tmp_path / "old.qualcode"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrations.apply(sqlite_utils.Database(conn), stop_before="m005_audit")
    conn.execute("INSERT INTO groups (key, name) VALUES ('g', 'G')")
    conn.execute("INSERT INTO events (at, actor, action) VALUES ('2025-01-01T00:00:00+00:00', 'rina', 'group.add')")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.history()["changes"].tolist() == [""]  # older events have no recorded rows
        with pytest.raises(InputError, match="nothing to undo"):
            p.undo("rina")
        p.edit_group("g", name="Group", actor="rina")
        assert p.undo("rina") == "edit group g"
        assert p.groups()["name"].tolist() == ["G"]


# -- the CLI -------------------------------------------------------------------------------

def run(*args, code: int = 0):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


def test_cli_history_undo_redo(study, tmp_path):
    path = study.path
    study.update_coding(1, memo="x", actor="rina")
    listing = run("history", path, "--user", "rina", "--limit", "2")
    lines = listing.strip().splitlines()
    assert len(lines) == 2 and "rina  edit coding 1  [codings ~1]" in lines[0]
    assert "undone: edit coding 1" in run("undo", path, "--user", "rina")
    assert "(undone)" in run("history", path, "--table", "codings", "--row", "1").splitlines()[1]
    assert "redone: edit coding 1" in run("redo", path, "--user", "rina")
    out = tmp_path / "history.csv"
    run("history", path, "-o", out)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["action"] == "redo" and rows[0]["description"] == "redo 'edit coding 1'"
    study.update_coding(1, memo="budi", actor="budi")
    before = snapshot(path)
    refused = run("undo", path, "--user", "rina", code=1)
    assert "cannot undo 'edit coding 1': coding 1 was changed later by budi" in refused
    assert snapshot(path) == before
    assert "nothing to redo" in run("redo", path, "--user", "tono", code=1)
    assert "no changes recorded for these filters" in run("history", path, "--user", "tono")
