"""The SQLite file: settings, schema, version and migration path, immutability of document text."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.errors import ProjectFileError
from qualcode.project import Project
from qualcode.store import SCHEMA_VERSION, Store, migrations


def test_connection_settings(project):
    conn = project.store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_schema_tables_and_indexes(project):
    conn = project.store.conn
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"groups", "informants", "documents", "units", "codes", "coders", "codings", "events"} <= tables
    plan = " ".join(r[3] for r in conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM codings WHERE document_id = 1 ORDER BY start"))
    assert "codings_by_document" in plan
    for column, index in (("code_id", "codings_by_code"), ("coder_id", "codings_by_coder")):
        plan = " ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN SELECT * FROM codings WHERE {column} = 1"))
        assert index in plan


def test_schema_version_recorded(project):
    assert project.store.schema_version() == SCHEMA_VERSION
    assert project.store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_reopen_keeps_data(project):
    path = project.path
    project.close()
    with Project.open(path) as again:
        assert again.info()["groups"] == 3
        assert again.name == "Test study"


def test_migration_path_upgrades_older_file(tmp_path, monkeypatch):
    """A file made before a later schema step is upgraded in place when opened."""
    path = tmp_path / "old.qualcode"
    Project.create(path).close()

    @migrations(name="m999_test_added_column")
    def added(db):
        db.conn.execute("ALTER TABLE groups ADD COLUMN colour TEXT")

    try:
        with Project.open(path) as p:
            columns = [r[1] for r in p.store.conn.execute("PRAGMA table_info(groups)")]
            assert "colour" in columns
            assert p.store.schema_version() == SCHEMA_VERSION + 1
    finally:
        migrations._migrations.pop()


def test_file_from_newer_version_refused(tmp_path):
    path = tmp_path / "new.qualcode"
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('qualcode', 'm900_future', '2030-01-01')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match="newer qualcode"):
        Project.open(path)


def test_not_a_project_refused(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectFileError, match="not a qualcode project"):
        Project.open(other)
    garbage = tmp_path / "garbage.qualcode"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ProjectFileError, match="not a qualcode project"):
        Project.open(garbage)
    with pytest.raises(ProjectFileError, match="no such project file"):
        Project.open(tmp_path / "missing.qualcode")


def test_create_refuses_existing_file(project):
    with pytest.raises(ProjectFileError, match="already exists"):
        Store.create(project.path)


def test_document_text_is_immutable(project, transcript):
    doc = project.import_document(transcript, informant="I-01")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        project.store.conn.execute("UPDATE documents SET text = 'changed' WHERE id = ?", (doc.id,))


def test_atomic_rolls_back_everything(project):
    before = project.info()
    with pytest.raises(RuntimeError):
        with project.store.atomic():
            project.add_group("extra", "Extra")
            project.add_informant("I-99", "extra")
            raise RuntimeError("stop")
    assert project.info() == before
