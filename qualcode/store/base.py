"""The project connection: opening, settings, transactions, small helpers, meta and the audit log."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from ..errors import ProjectFileError
from .schema import SCHEMA_VERSION, migrations

APPLICATION_ID = 0x51434F44  # "QCOD": marks a SQLite file as a qualcode project
BUSY_TIMEOUT_MS = 10_000


def now() -> str:
    """The current UTC time as ISO 8601 with seconds, the format of every timestamp in a project."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def connect(path: str | Path) -> sqlite3.Connection:
    """Open a SQLite connection with the settings every project connection uses."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


class StoreBase:
    """Opening and settings of the SQLite file of one project, its transactions and small helpers."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Self:
        path = Path(path)
        if path.exists():
            raise ProjectFileError(f"{path}: a file already exists there; choose a new project file name")
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
            raise ProjectFileError(f"{path}: no such project file")
        try:
            conn = connect(path)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise ProjectFileError(f"{path}: not a qualcode project ({exc})") from None
        if app_id != APPLICATION_ID:
            conn.close()
            raise ProjectFileError(f"{path}: not a qualcode project (not made by qualcode)")
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
                f"{self.path}: made by a newer qualcode (schema steps {', '.join(unknown)}); upgrade qualcode"
            )
        if len(applied) < len(known):
            migrations.apply(self.db)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        return len(migrations.applied(self.db))

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction (a savepoint when nested): all of it is written, or none of it."""
        with self.db.atomic():
            yield

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
        return int(cur.lastrowid)

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

    def log_event(self, actor: str | None, action: str, payload: dict[str, Any]) -> None:
        self.conn.execute(
            "INSERT INTO events (at, actor, action, payload) VALUES (?, ?, ?, ?)",
            (now(), actor, action, json.dumps(payload, ensure_ascii=False)),
        )

    def events(self, limit: int = 100) -> list[dict]:
        return self._all("SELECT * FROM events ORDER BY id DESC LIMIT ?", (limit,))

    def integrity_problems(self) -> list[str]:
        """Rows whose stored quote no longer matches the document text, and SQLite's own check."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"coding {r['id']}: quote does not match the text at {r['start']}:{r['end']}"
            for r in self._all(
                """SELECT x.id, x.start, x."end" FROM codings x JOIN documents d ON d.id = x.document_id
                   WHERE substr(d.text, x.start + 1, x."end" - x.start) != x.quote"""
            )
        ]
        return problems
