"""Backups taken while people write, rotating backups, and restore (with its safety copy)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.backup import backup, backups_folder, list_backups, restore, rotate_backups
from qualcode.check import check_project
from qualcode.cli import main
from qualcode.errors import InputError, ProjectFileError
from qualcode.project import CodingSpec, Project

from .conftest import ROOT, open_page, snapshot


@pytest.fixture
def work(demo_path: Path, tmp_path: Path) -> Path:
    """A copy of the demo project that a test may change (the demo file is closed, so one file is all of it)."""
    path = tmp_path / "work" / "study.qualcode"
    path.parent.mkdir()
    shutil.copyfile(demo_path, path)
    return path


def codings_count(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT count(*) FROM codings").fetchone()[0]
    finally:
        conn.close()


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# -- backup while others write ---------------------------------------------------------

def test_backup_while_a_write_transaction_is_open(work: Path, tmp_path: Path):
    committed = codings_count(work)
    with Project.open(work) as p:
        doc = p.documents().iloc[0]["name"]
        with p.store.atomic():
            p.add_coding(doc, 0, 5, "E1", "rina")
            p.add_coding(doc, 5, 9, "E2", "rina")
            # This connection holds the write lock with two codings not yet committed.
            dest = backup(work, tmp_path / "during-write.qualcode")
        assert codings_count(work) == committed + 2
    assert check_project(dest) == []
    assert codings_count(dest) == committed  # the committed state, none of the open transaction


WRITER = textwrap.dedent(
    """\
    import sys
    from qualcode.project import CodingSpec, Project

    path, rounds = sys.argv[1], int(sys.argv[2])
    with Project.open(path) as p:
        doc = p.document(p.documents().iloc[0]["name"])
        size = len(doc["text"])
        for i in range(rounds):
            start = (i * 7) % (size - 20)
            p.add_codings([CodingSpec(doc["id"], start, start + 1 + j, "E3", "writer") for j in range(10)])
            if i == 0:
                print("writing", flush=True)
    """
)


def test_backup_while_another_process_inserts_codings(work: Path, tmp_path: Path):
    before = codings_count(work)
    rounds = 400
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(work), str(rounds)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "writing"
        copies, during = [], 0
        for n in range(5):
            running = writer.poll() is None
            copies.append(backup(work, tmp_path / f"copy-{n}.qualcode"))
            during += running and writer.poll() is None
            time.sleep(0.05)
        assert writer.wait(timeout=120) == 0
    finally:
        if writer.poll() is None:
            writer.kill()
    assert during >= 1, "the writer finished before any backup ran; make it write longer"
    counts = []
    for copy in copies:
        assert check_project(copy) == [], copy
        counts.append(codings_count(copy))
        assert (counts[-1] - before) % 10 == 0  # whole transactions only
    assert all(before <= c <= before + rounds * 10 for c in counts)
    assert counts == sorted(counts)
    assert codings_count(work) == before + rounds * 10


# -- backup, change, restore -----------------------------------------------------------

def test_restore_brings_back_every_table_as_it_was_at_backup(work: Path, tmp_path: Path):
    at_backup = snapshot(work)
    saved = backup(work, tmp_path / "saved.qualcode")
    with Project.open(work) as p:
        doc = p.documents().iloc[0]["name"]
        p.add_codings([CodingSpec(doc, 0, 12, "E1", "rina"), CodingSpec(doc, 3, 30, "E4", "sari")])
        for coding_id in p.codings()["id"].head(3):
            p.remove_coding(int(coding_id))
        p.edit_code("E2", name="Renamed after the backup")
        p.add_group("late", "Added after the backup")
        assert snapshot(work) != at_backup
        # The app may keep the project open (idle) while it is restored.
        safety = restore(saved, work)
        assert p.codes().set_index("key").loc["E2", "name"] != "Renamed after the backup"
    assert snapshot(work) == at_backup
    assert check_project(work) == []
    assert safety is not None and safety.parent == backups_folder(work)
    assert safety.name.startswith("study-before-restore-")
    assert codings_count(safety) == codings_count(saved) + 2 - 3
    with Project.open(safety) as kept:
        assert kept.codes().set_index("key").loc["E2", "name"] == "Renamed after the backup"


def test_restore_leaves_the_backup_file_untouched(work: Path, tmp_path: Path):
    saved = backup(work, tmp_path / "saved.qualcode")
    data = saved.read_bytes()
    restore(saved, work)
    assert saved.read_bytes() == data


def test_restore_into_a_missing_project_file_creates_it(work: Path, tmp_path: Path):
    saved = backup(work, tmp_path / "saved.qualcode")
    fresh = tmp_path / "fresh.qualcode"
    assert restore(saved, fresh) is None
    assert snapshot(fresh) == snapshot(work)
    assert not backups_folder(fresh).exists()


def test_restore_refuses_a_backup_that_fails_the_check(work: Path, tmp_path: Path):
    saved = backup(work, tmp_path / "saved.qualcode")
    conn = sqlite3.connect(str(saved))
    conn.execute("UPDATE codings SET quote = 'not what the text says' WHERE id = (SELECT min(id) FROM codings)")
    conn.commit()
    conn.close()
    data, before = saved.read_bytes(), snapshot(work)
    with pytest.raises(ProjectFileError, match="fails the check.*quote"):
        restore(saved, work)
    assert snapshot(work) == before
    assert saved.read_bytes() == data
    assert files_in(work.parent) == {"study.qualcode"}  # no safety copy, no leftovers


def test_restore_refuses_to_overwrite_a_file_that_is_not_a_project(work: Path, tmp_path: Path):
    notes = tmp_path / "notes.qualcode"
    notes.write_text("my field notes", encoding="utf-8")
    with pytest.raises(ProjectFileError, match=f"{notes}: not a qualcode project"):
        restore(work, notes)
    assert notes.read_text(encoding="utf-8") == "my field notes"


def test_restore_refuses_a_missing_backup_and_the_project_itself(work: Path, tmp_path: Path):
    before = snapshot(work)
    with pytest.raises(ProjectFileError, match="no such project file"):
        restore(tmp_path / "nothing.qualcode", work)
    with pytest.raises(ProjectFileError, match="same file"):
        restore(work, work)
    assert snapshot(work) == before


# -- refusals of backup ----------------------------------------------------------------

def test_backup_refuses_an_existing_destination(work: Path, tmp_path: Path):
    dest = tmp_path / "taken.qualcode"
    dest.write_bytes(b"something else")
    before = snapshot(work)
    with pytest.raises(ProjectFileError, match=f"{dest}: a file already exists"):
        backup(work, dest)
    assert dest.read_bytes() == b"something else"
    assert snapshot(work) == before
    assert files_in(tmp_path) == {"taken.qualcode", "work"}


def test_backup_refuses_a_file_that_is_not_a_project(tmp_path: Path):
    text = tmp_path / "interview.txt"
    text.write_text("Pewawancara: Selamat pagi.\n", encoding="utf-8")
    with pytest.raises(ProjectFileError, match=f"{text}: not a qualcode project"):
        backup(text, tmp_path / "copy.qualcode")
    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(ProjectFileError, match="not made by qualcode"):
        backup(other, tmp_path / "copy.qualcode")
    with pytest.raises(ProjectFileError, match="no such project file"):
        backup(tmp_path / "missing.qualcode", tmp_path / "copy.qualcode")
    with pytest.raises(ProjectFileError, match="no such folder"):
        backup(other, tmp_path / "no" / "copy.qualcode")
    assert files_in(tmp_path) == {"interview.txt", "other.sqlite"}
    assert text.read_text(encoding="utf-8") == "Pewawancara: Selamat pagi.\n"


# -- rotating backups ------------------------------------------------------------------

def test_rotate_keeps_only_the_newest(work: Path):
    folder = backups_folder(work)
    folder.mkdir()
    (folder / "study-before-restore-20240101T000000.000000Z.qualcode").write_bytes(b"kept")
    (folder / "my own copy.qualcode").write_bytes(b"kept")
    made = [rotate_backups(work, keep=3) for _ in range(5)]
    assert list_backups(work) == made[-3:]
    assert all(p.parent == folder for p in made)
    assert files_in(folder) == {p.name for p in made[-3:]} | {
        "study-before-restore-20240101T000000.000000Z.qualcode", "my own copy.qualcode"}
    assert snapshot(made[-1]) == snapshot(work)


def test_rotate_into_another_folder(work: Path, tmp_path: Path):
    folder = tmp_path / "elsewhere"
    made = rotate_backups(work, folder, keep=1)
    assert made.parent == folder and list_backups(work, folder) == [made]
    assert not backups_folder(work).exists()


def test_rotate_refuses_bad_keep_and_non_projects(work: Path, tmp_path: Path):
    with pytest.raises(InputError, match="keep must be a whole number >= 1, got 0"):
        rotate_backups(work, keep=0)
    text = tmp_path / "notes.txt"
    text.write_text("x", encoding="utf-8")
    with pytest.raises(ProjectFileError, match="not a qualcode project"):
        rotate_backups(text)
    assert not backups_folder(text).exists()
    assert not backups_folder(work).exists()


# -- command line ----------------------------------------------------------------------

def test_cli_backup_and_restore(work: Path, tmp_path: Path):
    runner = CliRunner()
    dest = tmp_path / "cli.qualcode"
    result = runner.invoke(main, ["backup", str(work), str(dest)])
    assert result.exit_code == 0, result.output
    assert f"backed up {work} to {dest}" in result.output
    again = runner.invoke(main, ["backup", str(work), str(dest)])
    assert again.exit_code == 1 and "a file already exists" in again.output

    at_backup = snapshot(work)
    with Project.open(work) as p:
        p.remove_coding(int(p.codings()["id"].iloc[0]))
    changed = snapshot(work)
    declined = runner.invoke(main, ["restore", str(dest), str(work)], input="n\n")
    assert declined.exit_code == 1 and "Aborted" in declined.output
    assert snapshot(work) == changed
    accepted = runner.invoke(main, ["restore", str(dest), str(work)], input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "safety copy of the previous project" in accepted.output
    assert snapshot(work) == at_backup
    quiet = runner.invoke(main, ["restore", "--yes", str(dest), str(work)])
    assert quiet.exit_code == 0 and "restored" in quiet.output
    assert len([p for p in os.listdir(backups_folder(work)) if "before-restore" in p]) == 2


# -- automatic backups when the app opens a project ------------------------------------

def test_the_app_backs_up_a_project_once_when_it_opens_it(work: Path):
    at = open_page(None, work)
    assert not at.exception
    made = list_backups(work)
    assert len(made) == 1 and snapshot(made[0]) == snapshot(work)
    assert not at.warning
    again = open_page(None, work)  # another session of the same server process
    assert not again.exception
    assert list_backups(work) == made


def test_the_app_warns_once_when_the_automatic_backup_fails(work: Path):
    backups_folder(work).write_text("a file where the backups folder should be", encoding="utf-8")
    at = open_page(None, work)
    assert not at.exception
    assert len(at.warning) == 1 and "automatic backup of this project failed" in at.warning[0].value
    assert str(backups_folder(work)) in at.warning[0].value.replace("\\", "")
    at.run()
    assert not at.warning
