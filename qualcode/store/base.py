"""The project connection: opening, settings, transactions, small helpers, meta and the audit log."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from ..errors import ProjectBusyError, ProjectFileError
from .schema import SCHEMA_VERSION, migrations

APPLICATION_ID = 0x51434F44  # "QCOD": marks a SQLite file as a qualcode project
BUSY_TIMEOUT_MS = 10_000
# Each BEGIN IMMEDIATE already waits BUSY_TIMEOUT_MS; the retries cover the busy cases SQLite
# reports without waiting (e.g. a WAL being recovered), after a short random pause.
BEGIN_ATTEMPTS = 3
BEGIN_RETRY_PAUSE_S = (0.01, 0.1)


def now() -> str:
    """The current UTC time as ISO 8601 with seconds, the format of every timestamp in a project."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a SQLite connection with the settings every project connection uses."""
    # isolation_level=None: no implicit DEFERRED transactions from the driver; StoreBase.atomic()
    # opens every write transaction itself, with BEGIN IMMEDIATE.
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
                           isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED, with any extended code (e.g. SQLITE_BUSY_RECOVERY)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(exc) or "busy" in str(exc)


class StoreBase:
    """Opening and settings of the SQLite file of one project, its transactions and small helpers."""

    actor: str | None = None  # the signed-in user: recorded as the actor of every event when set

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Self:
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path}: a file already exists there; choose a new project file name",
                                   key="err_project_exists", path=str(path))
        conn = connect(path)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        store = cls(conn, path)
        store.migrate()
        return store

    @classmethod
    def open(cls, path: str | Path) -> Self:
        path = Path(path)
        if not path.is_file():
            raise ProjectFileError(f"{path}: no such project file", key="err_no_project_file", path=str(path))
        try:
            conn = connect(path)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ProjectFileError(f"{path}: not a qualcode project ({exc})", key="err_not_a_project", path=str(path),
                                   problem=str(exc)) from None
        if app_id != APPLICATION_ID:
            conn.close()
            raise ProjectFileError(f"{path}: not a qualcode project (not made by qualcode)", key="err_not_qualcode",
                                   path=str(path))
        conn.execute("PRAGMA journal_mode = WAL")
        store = cls(conn, path)
        store.migrate()
        return store

    def migrate(self) -> None:
        """Bring the schema up to this version; refuse files written by a newer qualcode."""
        known = {m.name for m in migrations._migrations}
        applied = [m.name for m in migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise ProjectFileError(
                f"{self.path}: made by a newer qualcode (schema steps {', '.join(unknown)}); upgrade qualcode",
                key="err_newer_project", path=str(self.path), steps=", ".join(unknown),
            )
        if len(applied) < len(known):
            # Under the write lock: a second process opening the file meanwhile finds the steps done.
            with self.atomic():
                migrations.apply(self.db)
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested): all of it is written, or none of it.

        The outermost transaction starts with BEGIN IMMEDIATE, so it holds the write lock
        before its first read: in WAL mode a DEFERRED transaction that reads and then
        writes fails at once with "database is locked" when another process committed in
        between. Raises ProjectBusyError when another writer keeps the lock too long.
        """
        if self.conn.in_transaction:
            with self.db.atomic():  # a savepoint inside the caller's transaction
                yield
            return
        self._begin_immediate()
        try:
            yield
        except BaseException:
            self.db.rollback()  # a no-op when SQLite has already rolled back
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.db.rollback()
            raise

    def _begin_immediate(self) -> None:
        started = time.monotonic()
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise
                if attempt < BEGIN_ATTEMPTS:
                    time.sleep(random.uniform(*BEGIN_RETRY_PAUSE_S))
        waited = time.monotonic() - started
        raise ProjectBusyError(
            f"{self.path}: the project file is busy: another writer held it for more than {waited:.1f} s; try again",
            key="err_project_busy", path=str(self.path), seconds=round(waited, 1),
        )

    # -- small helpers -----------------------------------------------------------

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict | None:
        row = self.conn.execute(sql, params).fetchone()
        return dict(row) if row is not None else None

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        cols = ", ".join(f'"{c}"' for c in row)
        marks = ", ".join("?" for _ in row)
        cur = self.conn.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks})", list(row.values()))
        return _inserted_id(cur, table)

    def _update(self, table: str, row_id: int, fields: dict[str, Any]) -> None:
        if not fields:
            return
        sets = ", ".join(f'"{c}" = ?' for c in fields)
        self.conn.execute(f"UPDATE {table} SET {sets} WHERE id = ?", [*fields.values(), row_id])

    def count(self, table: str) -> int:
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def counts(self) -> dict[str, int]:
        tables = ("groups", "informants", "documents", "units", "codes", "coders", "codings", "events")
        return {t: self.count(t) for t in tables}

    # -- meta and source types ---------------------------------------------------

    def set_meta(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def get_meta(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return json.loads(row["value"]) if row else default

    def add_source_type(self, key: str, name: str, sort: int) -> None:
        self.conn.execute("INSERT INTO source_types (key, name, sort) VALUES (?, ?, ?)", (key, name, sort))

    def source_types(self) -> list[str]:
        return [r["key"] for r in self._all("SELECT key FROM source_types ORDER BY sort, key")]

    # -- audit -------------------------------------------------------------------

    def log_event(self, actor: str | None, action: str, payload: dict[str, Any], *,
                  undo_of: int | None = None, redo_of: int | None = None) -> int:
        """Record an event and claim the row changes the audit triggers wrote before it; returns its id."""
        actor = self.actor or actor
        event_id = _inserted_id(self.conn.execute(
            "INSERT INTO events (at, actor, action, payload, undo_of, redo_of) VALUES (?, ?, ?, ?, ?, ?)",
            (now(), actor, action, json.dumps(payload, ensure_ascii=False), undo_of, redo_of),
        ), "events")
        # SQLite has one writer at a time and every write logs its event in its own transaction,
        # so the unclaimed change rows are exactly the ones this event made.
        self.conn.execute("UPDATE changes SET event_id = ? WHERE event_id IS NULL", (event_id,))
        return event_id

    def events(self, limit: int = 100) -> list[dict]:
        return self._all("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))


def _inserted_id(cursor: sqlite3.Cursor, table: str) -> int:
    """The id of the row an INSERT just wrote (sqlite3 types ``lastrowid`` as optional)."""
    if cursor.lastrowid is None:
        raise ProjectFileError(f"inserting into {table} gave no row id")
    return int(cursor.lastrowid)
