"""SQLite storage of a project: connection settings, schema, migrations and every SQL statement.

One project is one SQLite file. The connection runs in WAL mode with foreign keys
on and a busy timeout, and every write goes through :meth:`Store.atomic`, so a
failed import or coding leaves the file exactly as it was.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlite_utils
from sqlite_utils import Migrations

from .errors import ProjectFileError

APPLICATION_ID = 0x51434F44  # "QCOD": marks a SQLite file as a qualcode project
BUSY_TIMEOUT_MS = 10_000

migrations = Migrations("qualcode")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    # One statement at a time: executescript() would commit the migration's transaction.
    for statement in _split_statements(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE source_types (key TEXT PRIMARY KEY, name TEXT NOT NULL, sort INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE groups (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            name_alt TEXT,
            description TEXT,
            sort INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE informants (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            group_id INTEGER NOT NULL REFERENCES groups(id),
            role TEXT,
            organisation TEXT,
            attributes TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            informant_id INTEGER REFERENCES informants(id),
            source_type TEXT NOT NULL REFERENCES source_types(key),
            language TEXT NOT NULL,
            text TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            original_name TEXT,
            imported_at TEXT NOT NULL,
            metadata TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TRIGGER documents_text_immutable BEFORE UPDATE OF text ON documents
        BEGIN SELECT RAISE(ABORT, 'document text is immutable after import'); END;
        CREATE TABLE units (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('turn', 'sentence')),
            idx INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker TEXT,
            meta TEXT NOT NULL DEFAULT '{}',
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX units_by_document ON units(document_id, kind, idx);
        CREATE TABLE codes (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            parent_id INTEGER REFERENCES codes(id),
            name TEXT NOT NULL,
            name_alt TEXT,
            definition TEXT,
            include TEXT,
            exclude TEXT,
            example TEXT,
            color TEXT NOT NULL DEFAULT '#999999',
            sort INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE coders (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL DEFAULT 'coder'
                CHECK (role IN ('coder', 'supervisor', 'admin', 'consensus'))
        );
        CREATE TABLE codings (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            code_id INTEGER NOT NULL REFERENCES codes(id),
            coder_id INTEGER NOT NULL REFERENCES coders(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            quote TEXT NOT NULL,
            memo TEXT,
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX codings_by_document ON codings(document_id, start);
        CREATE INDEX codings_by_code ON codings(code_id);
        CREATE INDEX codings_by_coder ON codings(coder_id, document_id);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT,
            action TEXT NOT NULL,
            payload TEXT NOT NULL DEFAULT '{}'
        );
        """
    ):
        db.conn.execute(statement)


@migrations()
def m002_verdicts_summaries(db: sqlite_utils.Database) -> None:
    """Supervisor triangulation verdicts (history kept) and framework-matrix cell summaries."""
    for statement in _split_statements(
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            group_a_id INTEGER REFERENCES groups(id),
            group_b_id INTEGER REFERENCES groups(id),
            verdict TEXT NOT NULL
                CHECK (verdict IN ('agreement', 'partial_agreement', 'silence', 'dissonance')),
            rationale TEXT NOT NULL DEFAULT '',
            supervisor_id INTEGER NOT NULL REFERENCES coders(id),
            created_at TEXT NOT NULL,
            CHECK ((group_a_id IS NULL) = (group_b_id IS NULL)),
            CHECK (group_a_id IS NULL OR group_a_id != group_b_id)
        );
        CREATE INDEX verdicts_by_code ON verdicts(code_id, group_a_id, group_b_id, id);
        CREATE TABLE summaries (
            informant_id INTEGER NOT NULL REFERENCES informants(id) ON DELETE CASCADE,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            summary TEXT NOT NULL,
            author_id INTEGER NOT NULL REFERENCES coders(id),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (informant_id, code_id)
        );
        """
    ):
        db.conn.execute(statement)


@migrations()
def m003_reconciliations(db: sqlite_utils.Database) -> None:
    """Supervisor reconciliations of intercoder disagreements (every decision kept)."""
    for statement in _split_statements(
        """
        CREATE TABLE reconciliations (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            code_id INTEGER NOT NULL REFERENCES codes(id) ON DELETE CASCADE,
            decision TEXT NOT NULL CHECK (decision IN ('a', 'b', 'both', 'neither')),
            coder_a_id INTEGER NOT NULL REFERENCES coders(id),
            coder_b_id INTEGER NOT NULL REFERENCES coders(id),
            consensus_id INTEGER NOT NULL REFERENCES coders(id),
            supervisor_id INTEGER NOT NULL REFERENCES coders(id),
            codings TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            CHECK (start >= 0 AND "end" > start)
        );
        CREATE INDEX reconciliations_by_document ON reconciliations(document_id, start);
        """
    ):
        db.conn.execute(statement)


def _split_statements(script: str) -> list[str]:
    """Split a schema script on ';' at line ends, keeping trigger bodies (ending in 'END;') whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        stripped = line.strip()
        if stripped.endswith(";") and (not current[0].lstrip().startswith("CREATE TRIGGER") or stripped.endswith("END;")):
            statements.append("\n".join(current))
            current = []
    return statements


SCHEMA_VERSION = len(migrations._migrations)


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


class Store:
    """The SQLite file of one project. All SQL of qualcode lives in this class."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.path = path
        self.conn = conn
        self.db = sqlite_utils.Database(conn)

    # -- opening -----------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path) -> Store:
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
    def open(cls, path: str | Path) -> Store:
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

    # -- groups and informants ---------------------------------------------------

    def insert_group(self, row: dict[str, Any]) -> int:
        return self._insert("groups", row)

    def update_group(self, group_id: int, fields: dict[str, Any]) -> None:
        self._update("groups", group_id, fields)

    def group_by_key(self, key: str) -> dict | None:
        return self._one("SELECT * FROM groups WHERE key = ?", (key,))

    def groups(self) -> list[dict]:
        return self._all(
            """SELECT g.*, (SELECT count(*) FROM informants i WHERE i.group_id = g.id) AS informants
               FROM groups g ORDER BY g.sort, g.key"""
        )

    def insert_informant(self, row: dict[str, Any]) -> int:
        return self._insert("informants", row)

    def update_informant(self, informant_id: int, fields: dict[str, Any]) -> None:
        self._update("informants", informant_id, fields)

    def informant_by_key(self, key: str) -> dict | None:
        return self._one("SELECT * FROM informants WHERE key = ?", (key,))

    def informants(self) -> list[dict]:
        return self._all(
            """SELECT i.id, i.key, g.key AS "group", i.role, i.organisation, i.attributes,
                      (SELECT count(*) FROM documents d WHERE d.informant_id = i.id) AS documents
               FROM informants i JOIN groups g ON g.id = i.group_id ORDER BY g.sort, g.key, i.key"""
        )

    # -- documents and units -----------------------------------------------------

    def insert_document(self, row: dict[str, Any]) -> int:
        return self._insert("documents", row)

    def document_by_sha(self, sha256: str) -> dict | None:
        return self._one("SELECT id, name FROM documents WHERE sha256 = ?", (sha256,))

    def document_by_name(self, name: str) -> dict | None:
        return self._one("SELECT * FROM documents WHERE name = ?", (name,))

    def document_by_id(self, document_id: int) -> dict | None:
        return self._one("SELECT * FROM documents WHERE id = ?", (document_id,))

    def document_text(self, document_id: int) -> str:
        return self.conn.execute("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()[0]

    def documents(self) -> list[dict]:
        return self._all(
            """SELECT d.id, d.name, i.key AS informant, g.key AS "group", d.source_type, d.language,
                      length(d.text) AS characters, d.original_name, d.imported_at,
                      (SELECT count(*) FROM codings c WHERE c.document_id = d.id) AS codings
               FROM documents d
               LEFT JOIN informants i ON i.id = d.informant_id
               LEFT JOIN groups g ON g.id = i.group_id
               ORDER BY d.id"""
        )

    def document_texts(
        self,
        *,
        group_keys: Sequence[str] | None = None,
        informant_keys: Sequence[str] | None = None,
        source_types: Sequence[str] | None = None,
    ) -> list[dict]:
        """id, name, informant, group, source_type and text of the documents that pass every given filter.

        A filter left as None does not filter; documents without an informant pass
        only when no group or informant filter is given.
        """
        where, params = [], []
        for column, values in (("g.key", group_keys), ("i.key", informant_keys), ("d.source_type", source_types)):
            if values is not None:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._all(
            f"""SELECT d.id, d.name, i.key AS informant, g.key AS "group", d.source_type, d.text
                FROM documents d
                LEFT JOIN informants i ON i.id = d.informant_id
                LEFT JOIN groups g ON g.id = i.group_id
                {clause}
                ORDER BY d.id""",
            params,
        )

    def insert_units(self, document_id: int, units: Iterable[dict[str, Any]]) -> None:
        self.conn.executemany(
            'INSERT INTO units (document_id, kind, idx, start, "end", speaker, meta) VALUES (?, ?, ?, ?, ?, ?, ?)',
            (
                (document_id, u["kind"], u["idx"], u["start"], u["end"], u.get("speaker"), json.dumps(u.get("meta") or {}))
                for u in units
            ),
        )

    def units(self, document_id: int | None = None, kind: str | None = None) -> list[dict]:
        where, params = [], []
        if document_id is not None:
            where.append("document_id = ?")
            params.append(document_id)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._all(
            f'SELECT id, document_id, kind, idx, start, "end", speaker, meta FROM units {clause} '
            "ORDER BY document_id, kind, idx",
            params,
        )

    # -- codes and coders --------------------------------------------------------

    def code_by_key(self, key: str) -> dict | None:
        return self._one("SELECT * FROM codes WHERE key = ?", (key,))

    def code_by_id(self, code_id: int) -> dict | None:
        return self._one("SELECT * FROM codes WHERE id = ?", (code_id,))

    def insert_code(self, row: dict[str, Any]) -> int:
        return self._insert("codes", row)

    def update_code(self, code_id: int, fields: dict[str, Any]) -> None:
        self._update("codes", code_id, fields)

    def codes(self) -> list[dict]:
        return self._all(
            """SELECT c.*, p.key AS parent,
                      (SELECT count(*) FROM codings x WHERE x.code_id = c.id) AS codings
               FROM codes c LEFT JOIN codes p ON p.id = c.parent_id ORDER BY c.sort, c.id"""
        )

    def code_keys(self) -> list[str]:
        return [r["key"] for r in self._all("SELECT key FROM codes ORDER BY sort, id")]

    def code_tree(self) -> list[dict]:
        """Every code's id, key, parent_id and sort, in display order: the shape codebook edits work on."""
        return self._all("SELECT id, key, parent_id, sort FROM codes ORDER BY sort, id")

    def set_code_sorts(self, sorts: Iterable[tuple[int, int]]) -> None:
        """Write (sort, code id) pairs."""
        self.conn.executemany("UPDATE codes SET sort = ? WHERE id = ?", list(sorts))

    def reparent_codes(self, old_parent_id: int, new_parent_id: int | None) -> int:
        """Move every direct child of one code under another (None: top level); return how many moved."""
        return self.conn.execute(
            "UPDATE codes SET parent_id = ? WHERE parent_id = ?", (new_parent_id, old_parent_id)
        ).rowcount

    def count_codings_of_codes(self, code_ids: Sequence[int]) -> int:
        if not code_ids:
            return 0
        marks = ",".join("?" * len(code_ids))
        return self.conn.execute(f"SELECT count(*) FROM codings WHERE code_id IN ({marks})", list(code_ids)).fetchone()[0]

    def drop_duplicate_codings(self, source_id: int, target_id: int) -> int:
        """Delete codings of ``source_id`` that a coding of ``target_id`` already covers (same document,
        coder, start and end); return how many were deleted."""
        return self.conn.execute(
            """DELETE FROM codings WHERE code_id = ? AND EXISTS (
                   SELECT 1 FROM codings t WHERE t.code_id = ? AND t.document_id = codings.document_id
                   AND t.coder_id = codings.coder_id AND t.start = codings.start AND t."end" = codings."end")""",
            (source_id, target_id),
        ).rowcount

    def move_codings(self, source_id: int, target_id: int) -> int:
        """Give every coding of one code to another; return how many moved."""
        return self.conn.execute("UPDATE codings SET code_id = ? WHERE code_id = ?", (target_id, source_id)).rowcount

    def delete_codes(self, code_ids: Sequence[int]) -> int:
        """Delete codes and all their codings in one go; return the number of codings deleted."""
        if not code_ids:
            return 0
        marks = ",".join("?" * len(code_ids))
        deleted = self.conn.execute(f"DELETE FROM codings WHERE code_id IN ({marks})", list(code_ids)).rowcount
        self.conn.execute(f"DELETE FROM codes WHERE id IN ({marks})", list(code_ids))
        return deleted

    def coder_by_name(self, name: str) -> dict | None:
        return self._one("SELECT * FROM coders WHERE name = ?", (name,))

    def insert_coder(self, name: str, role: str) -> int:
        return self._insert("coders", {"name": name, "role": role})

    def coders(self) -> list[dict]:
        return self._all(
            """SELECT c.id, c.name, c.role, (SELECT count(*) FROM codings x WHERE x.coder_id = c.id) AS codings
               FROM coders c ORDER BY c.name"""
        )

    # -- codings -----------------------------------------------------------------

    def insert_codings(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert rows of (document_id, code_id, coder_id, start, end, quote, memo, created_at); return their ids.

        Must run inside :meth:`atomic`: once the first row is written this connection
        holds the write lock, so the new rows are exactly the highest ids.
        """
        if not self.conn.in_transaction:
            raise RuntimeError("insert_codings must run inside Store.atomic()")
        self.conn.executemany(
            'INSERT INTO codings (document_id, code_id, coder_id, start, "end", quote, memo, created_at) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        ids = [r[0] for r in self.conn.execute("SELECT id FROM codings ORDER BY id DESC LIMIT ?", (len(rows),))]
        return ids[::-1]

    def insert_coding(self, row: dict[str, Any]) -> int:
        return self._insert("codings", row)

    def coding_by_id(self, coding_id: int) -> dict | None:
        return self._one("SELECT * FROM codings WHERE id = ?", (coding_id,))

    def delete_coding(self, coding_id: int) -> None:
        self.conn.execute("DELETE FROM codings WHERE id = ?", (coding_id,))

    def update_coding(self, coding_id: int, fields: dict[str, Any]) -> None:
        self._update("codings", coding_id, fields)

    def recent_code_keys(self, coder_id: int, limit: int) -> list[str]:
        """Keys of the codes a coder used, most recently used first (by their latest coding id)."""
        return [r["key"] for r in self._all(
            """SELECT c.key, max(x.id) AS last FROM codings x JOIN codes c ON c.id = x.code_id
               WHERE x.coder_id = ? GROUP BY c.id ORDER BY last DESC LIMIT ?""",
            (coder_id, limit),
        )]

    def codings(
        self,
        *,
        document_id: int | None = None,
        coder_ids: Sequence[int] | None = None,
        code_ids: Sequence[int] | None = None,
    ) -> list[dict]:
        where, params = [], []
        if document_id is not None:
            where.append("x.document_id = ?")
            params.append(document_id)
        if coder_ids is not None:
            where.append(f"x.coder_id IN ({','.join('?' * len(coder_ids))})")
            params.extend(coder_ids)
        if code_ids is not None:
            where.append(f"x.code_id IN ({','.join('?' * len(code_ids))})")
            params.extend(code_ids)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._all(
            f"""SELECT x.id, d.name AS document, x.document_id, i.key AS informant, g.key AS "group",
                       d.source_type, c.key AS code, c.name AS code_name, p.key AS parent_code,
                       k.name AS coder, x.start, x."end", x.quote, x.memo, x.created_at
                FROM codings x
                JOIN documents d ON d.id = x.document_id
                JOIN codes c ON c.id = x.code_id
                LEFT JOIN codes p ON p.id = c.parent_id
                JOIN coders k ON k.id = x.coder_id
                LEFT JOIN informants i ON i.id = d.informant_id
                LEFT JOIN groups g ON g.id = i.group_id
                {clause}
                ORDER BY x.document_id, x.start, x."end", x.id""",
            params,
        )

    def document_codings(self, document_id: int) -> list[dict]:
        """The codings of one document, lean: what the transcript view draws."""
        return self._all(
            """SELECT x.id, x.start, x."end", c.key AS code, c.color, k.name AS coder, x.memo
               FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id
               WHERE x.document_id = ? ORDER BY x.start, x."end", x.id""",
            (document_id,),
        )

    # -- analysis: lean coding frames, verdicts, summaries ------------------------

    def coding_counts(self, coder_ids: Sequence[int] | None = None) -> pd.DataFrame:
        """Codings counted per code and document: columns code_id, document_id, n (ints).

        The lean read behind the triangulation matrix: a million codings come back as a
        few thousand rows, since the document fixes informant, group and source type.
        """
        where, params = self._coder_filter(coder_ids)
        # NOT INDEXED: one sequential scan of the table is 3x faster than walking codings_by_code
        # (or codings_by_coder) and fetching each row's document_id from the table.
        return self._frame(
            f"SELECT x.code_id, x.document_id, count(*) AS n FROM codings x NOT INDEXED {where} GROUP BY 1, 2",
            params, ["code_id", "document_id", "n"],
        )

    def coding_quotes(self, coder_ids: Sequence[int] | None = None) -> pd.DataFrame:
        """One row per coding with only code_id, document_id and quote (for word counts)."""
        where, params = self._coder_filter(coder_ids)
        return self._frame(
            f"SELECT x.code_id, x.document_id, x.quote FROM codings x NOT INDEXED {where}",
            params, ["code_id", "document_id", "quote"],
        )

    def document_axes(self) -> pd.DataFrame:
        """Every document's id with its informant key, group key and source type (None when unset)."""
        return self._frame(
            """SELECT d.id AS document_id, i.key AS informant, g.key AS "group", d.source_type
               FROM documents d LEFT JOIN informants i ON i.id = d.informant_id
               LEFT JOIN groups g ON g.id = i.group_id ORDER BY d.id""",
            (), ["document_id", "informant", "group", "source_type"],
        )

    @staticmethod
    def _coder_filter(coder_ids: Sequence[int] | None) -> tuple[str, list[Any]]:
        if coder_ids is None:
            return "", []
        return f"WHERE x.coder_id IN ({','.join('?' * len(coder_ids))})", list(coder_ids)

    def _frame(self, sql: str, params: Sequence[Any], columns: list[str]) -> pd.DataFrame:
        cursor = self.conn.cursor()
        cursor.row_factory = None  # plain tuples: much faster than sqlite3.Row for many rows
        return pd.DataFrame.from_records(cursor.execute(sql, params).fetchall(), columns=columns)

    def insert_verdict(self, row: dict[str, Any]) -> int:
        return self._insert("verdicts", row)

    def verdicts(self, *, latest: bool = True) -> list[dict]:
        """Verdicts with code, group and supervisor keys; ``latest`` keeps the newest per (code, pair).

        Ordered by code (codebook order), then the pair (whole-code verdict first, then by group
        order), then id.
        """
        newest = (
            """WHERE v.id IN (SELECT max(id) FROM verdicts
                              GROUP BY code_id, coalesce(group_a_id, 0), coalesce(group_b_id, 0))"""
            if latest else ""
        )
        return self._all(
            f"""SELECT v.id, c.key AS code, ga.key AS group_a, gb.key AS group_b, v.verdict, v.rationale,
                       k.name AS supervisor, v.created_at
                FROM verdicts v
                JOIN codes c ON c.id = v.code_id
                LEFT JOIN groups ga ON ga.id = v.group_a_id
                LEFT JOIN groups gb ON gb.id = v.group_b_id
                JOIN coders k ON k.id = v.supervisor_id
                {newest}
                ORDER BY c.sort, c.id, v.group_a_id IS NOT NULL, ga.sort, ga.key, gb.sort, gb.key, v.id"""
        )

    def upsert_summary(self, row: dict[str, Any]) -> None:
        self.conn.execute(
            """INSERT INTO summaries (informant_id, code_id, summary, author_id, updated_at)
               VALUES (:informant_id, :code_id, :summary, :author_id, :updated_at)
               ON CONFLICT (informant_id, code_id) DO UPDATE SET
                   summary = excluded.summary, author_id = excluded.author_id, updated_at = excluded.updated_at""",
            row,
        )

    def delete_summary(self, informant_id: int, code_id: int) -> int:
        return self.conn.execute(
            "DELETE FROM summaries WHERE informant_id = ? AND code_id = ?", (informant_id, code_id)
        ).rowcount

    def summaries(self) -> list[dict]:
        """Framework-matrix summaries with informant, code and author keys, in informant then code order."""
        return self._all(
            """SELECT i.key AS informant, c.key AS code, s.summary, k.name AS author, s.updated_at
               FROM summaries s
               JOIN informants i ON i.id = s.informant_id
               JOIN groups g ON g.id = i.group_id
               JOIN codes c ON c.id = s.code_id
               JOIN coders k ON k.id = s.author_id
               ORDER BY g.sort, g.key, i.key, c.sort, c.id"""
        )

    # -- reconciliations ---------------------------------------------------------

    def overlapping_codings(self, document_id: int, code_id: int, coder_id: int, start: int, end: int) -> list[dict]:
        """Codings of one code by one coder in a document that overlap [start, end), in text order."""
        return self._all(
            """SELECT id, start, "end", quote, memo FROM codings
               WHERE document_id = ? AND code_id = ? AND coder_id = ? AND start < ? AND "end" > ?
               ORDER BY start, "end", id""",
            (document_id, code_id, coder_id, end, start),
        )

    def insert_reconciliation(self, row: dict[str, Any]) -> int:
        return self._insert("reconciliations", row)

    def reconciliations(self) -> list[dict]:
        """Every reconciliation with document, code and coder names, oldest first."""
        return self._all(
            """SELECT r.id, d.name AS document, r.document_id, r.start, r."end", c.key AS code, r.decision,
                      a.name AS coder_a, b.name AS coder_b, k.name AS consensus, s.name AS supervisor,
                      r.codings, r.created_at
               FROM reconciliations r
               JOIN documents d ON d.id = r.document_id
               JOIN codes c ON c.id = r.code_id
               JOIN coders a ON a.id = r.coder_a_id
               JOIN coders b ON b.id = r.coder_b_id
               JOIN coders k ON k.id = r.consensus_id
               JOIN coders s ON s.id = r.supervisor_id
               ORDER BY r.id"""
        )

    def coders_of_documents(self) -> list[dict]:
        """Distinct (document_id, coder name) pairs: who coded which document."""
        return self._all(
            """SELECT DISTINCT x.document_id, k.name AS coder FROM codings x JOIN coders k ON k.id = x.coder_id
               ORDER BY x.document_id, k.name"""
        )

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
