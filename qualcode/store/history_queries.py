"""SQL of the audit trail: events with their row changes, and putting a row back to a recorded state.

Rows are named by table and rowid (the ``id`` where a table has one). Table and column names
come from callers only after a check against :data:`~qualcode.store.schema.AUDITED_TABLES` and
the table's own columns, so no name from a stored change reaches SQL unchecked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import InputError
from .base import StoreBase
from .schema import AUDITED_TABLES


class HistoryQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    conn: Any

    # -- events and their changes ------------------------------------------------

    def last_event_id(self) -> int:
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]

    def last_change_id(self) -> int:
        """The id of the newest recorded row change (0 for none)."""
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM changes").fetchone()[0]

    def changed_rows_since(self, change_id: int) -> list[tuple[int, str, int]]:
        """``(change id, table, row id)`` of every row change after ``change_id``, oldest first."""
        return [tuple(r) for r in self.conn.execute(
            "SELECT id, tbl, row_id FROM changes WHERE id > ? ORDER BY id", (int(change_id),))]

    def change_counter(self) -> int:
        """A number that grows with every committed write of any connection: the newest audited row change
        plus the newest event (both ids only grow; two primary-key lookups, whatever the file's size)."""
        return self.conn.execute("SELECT (SELECT coalesce(max(id), 0) FROM changes) "
                                 "+ (SELECT coalesce(max(id), 0) FROM events)").fetchone()[0]

    def history_events(self, *, actor: str | None = None, actions: Sequence[str] | None = None,
                       table: str | None = None, row_id: int | None = None, since: str | None = None,
                       until: str | None = None, limit: int = 200) -> list[dict]:
        """Events, newest first, that pass every given filter (``table``/``row_id``: events that changed it)."""
        where: list[str] = []
        params: list[Any] = []
        if actor is not None:
            where.append("e.actor = ?")
            params.append(actor)
        if actions:
            where.append(f"e.action IN ({','.join('?' * len(actions))})")
            params.extend(actions)
        if table is not None and row_id is not None:
            where.append("e.id IN (SELECT event_id FROM changes WHERE tbl = ? AND row_id = ?)")
            params += [self._audited(table), row_id]
        elif table is not None:
            where.append("EXISTS (SELECT 1 FROM changes c WHERE c.event_id = e.id AND c.tbl = ?)")
            params.append(self._audited(table))
        if since is not None:
            where.append("e.at >= ?")
            params.append(since)
        if until is not None:
            where.append("e.at <= ?")
            params.append(until)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._all(f"SELECT e.* FROM events e {clause} ORDER BY e.id DESC LIMIT ?", [*params, limit])

    def event_actors(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT actor FROM events WHERE actor IS NOT NULL ORDER BY actor")]

    def event_actions(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT action FROM events ORDER BY action")]

    def change_counts(self, event_ids: Sequence[int]) -> list[dict]:
        """How many rows of each table each event inserted, updated and deleted."""
        if not event_ids:
            return []
        return self._all(
            f"""SELECT event_id, tbl, op, count(*) AS n FROM changes
                WHERE event_id IN ({','.join('?' * len(event_ids))}) GROUP BY event_id, tbl, op""",
            list(event_ids),
        )

    def event_by_id(self, event_id: int) -> dict | None:
        return self._one("SELECT * FROM events WHERE id = ?", (event_id,))

    def event_changes(self, event_id: int, limit: int | None = None) -> list[dict]:
        """The row changes of one event in the order they were made (before/after as stored JSON); the first
        ``limit`` of them when given."""
        if limit is None:
            return self._all("SELECT * FROM changes WHERE event_id = ? ORDER BY id", (event_id,))
        return self._all("SELECT * FROM changes WHERE event_id = ? ORDER BY id LIMIT ?", (event_id, limit))

    def event_change_count(self, event_id: int) -> int:
        """How many rows one event changed."""
        return self.conn.execute("SELECT count(*) FROM changes WHERE event_id = ?", (event_id,)).fetchone()[0]

    def later_change(self, table: str, row_id: int, after_change_id: int = 0) -> dict | None:
        """The latest change of a row made after change ``after_change_id`` (0: the latest of all), with
        the actor, time and action of its event; None when there is none."""
        return self._one(
            """SELECT c.id, c.op, c.event_id, e.actor, e.at, e.action FROM changes c
               LEFT JOIN events e ON e.id = c.event_id
               WHERE c.tbl = ? AND c.row_id = ? AND c.id > ? ORDER BY c.id DESC LIMIT 1""",
            (self._audited(table), row_id, after_change_id),
        )

    def memo_changes(self) -> list[dict]:
        """Every recorded change of a coding's memo after the coding was added, oldest first: the coding
        ``id``, ``at`` and ``actor`` of its event, and whether the memo was empty before (``was_empty``) and
        is empty after it (``now_empty``)."""
        return self._all(
            """SELECT c.row_id AS id, e.at, e.actor,
                      coalesce(json_extract(c.before, '$.memo'), '') = '' AS was_empty,
                      coalesce(json_extract(c.after, '$.memo'), '') = '' AS now_empty
               FROM changes c JOIN events e ON e.id = c.event_id
               WHERE c.tbl = 'codings' AND c.op = 'update'
                 AND json_extract(c.before, '$.memo') IS NOT json_extract(c.after, '$.memo')
               ORDER BY c.id""",
            (),
        )

    def latest_event_with_changes(self, actor: str, *, skipped: Sequence[str], after: int = 0,
                                  undone: bool | None = None) -> dict | None:
        """The newest event by ``actor`` after event ``after`` that changed rows, is not one of ``skipped``
        actions and (when ``undone`` is given) has that undone flag."""
        sql = f"""SELECT e.* FROM events e WHERE e.actor = ? AND e.id > ?
                  AND e.action NOT IN ({','.join('?' * len(skipped))})
                  {'' if undone is None else 'AND e.undone = ?'}
                  AND EXISTS (SELECT 1 FROM changes c WHERE c.event_id = e.id)
                  ORDER BY e.id DESC LIMIT 1"""
        params = [actor, after, *skipped] + ([int(undone)] if undone is not None else [])
        return self._one(sql, params)

    def latest_undo(self, actor: str) -> dict | None:
        """The newest undo by ``actor`` whose event is still undone: that event's row, plus ``undo_id``
        and ``undo_payload`` of the undo."""
        return self._one(
            """SELECT e.*, x.id AS undo_id, x.payload AS undo_payload FROM events x JOIN events e ON e.id = x.undo_of
               WHERE x.actor = ? AND x.action = 'undo' AND e.undone = 1 ORDER BY x.id DESC LIMIT 1""",
            (actor,),
        )

    def set_undone(self, event_id: int, undone: bool) -> None:
        self.conn.execute("UPDATE events SET undone = ? WHERE id = ?", (int(undone), event_id))

    def fold_events(self, after_event_id: int, into_event_id: int) -> None:
        """Give the changes of the events between the two ids to ``into_event_id`` and drop those events:
        several calls of one transaction become one step of the history."""
        bounds = (after_event_id, into_event_id)
        self.conn.execute("UPDATE changes SET event_id = ? WHERE event_id > ? AND event_id < ?",
                          (into_event_id, *bounds))
        self.conn.execute("DELETE FROM events WHERE id > ? AND id < ?", bounds)

    # -- rows of audited tables --------------------------------------------------

    def table_columns(self, table: str) -> list[str]:
        return list(self._table_schema(table)["columns"])

    def row_state(self, table: str, row_id: int, columns: Iterable[str]) -> dict | None:
        """The given columns of a row (those the table still has), or None when the row is absent."""
        known = set(self.table_columns(table))
        wanted = [c for c in columns if c in known] or ["rowid"]
        return self._one(f'SELECT {", ".join(_quoted(wanted))} FROM "{table}" WHERE rowid = ?', (row_id,))

    def foreign_keys(self, table: str) -> list[dict]:
        """The references of a table: column, parent table and parent column ("rowid" for its key)."""
        return list(self._table_schema(table)["references"])

    def find_row(self, table: str, column: str, value: Any, *, excluding: Sequence[int] = ()) -> int | None:
        """The rowid of a row whose ``column`` holds ``value`` (not one of the rowids ``excluding``), or None."""
        column = _quoted([self._column(table, column)])[0]
        row = self.conn.execute(
            f'SELECT rowid FROM "{table}" WHERE {column} = ? AND rowid NOT IN (SELECT value FROM json_each(?)) LIMIT 1',
            (value, json.dumps(list(excluding))),
        ).fetchone()
        return row[0] if row else None

    def put_row(self, table: str, row_id: int, values: dict[str, Any] | None) -> None:
        """Make a row hold ``values`` (inserted with the same rowid when absent), or delete it (None)."""
        if values is None:
            self.conn.execute(f'DELETE FROM "{self._audited(table)}" WHERE rowid = ?', (row_id,))
            return
        known = set(self.table_columns(table))
        values = {c: v for c, v in values.items() if c in known}
        if self.conn.execute(f'SELECT 1 FROM "{table}" WHERE rowid = ?', (row_id,)).fetchone():
            sets = ", ".join(f"{c} = ?" for c in _quoted(values))
            self.conn.execute(f'UPDATE "{table}" SET {sets} WHERE rowid = ?', [*values.values(), row_id])
            return
        columns = ["rowid", *values] if "id" not in values else list(values)
        self.conn.execute(
            f'INSERT INTO "{table}" ({", ".join(_quoted(columns))}) VALUES ({", ".join("?" * len(columns))})',
            [row_id, *values.values()] if "id" not in values else list(values.values()),
        )

    def defer_foreign_keys(self) -> None:
        """Check references at commit, not after each statement: reverting rows one by one passes
        through states (a sub-code before its parent) that are fine once all are back."""
        self.conn.execute("PRAGMA defer_foreign_keys = ON")

    # -- units of a document (not audited: derived from its text) ---------------

    def units_of_document(self, document_id: int) -> list[dict]:
        return self._all("SELECT * FROM units WHERE document_id = ? ORDER BY id", (document_id,))

    def restore_units(self, rows: Sequence[dict]) -> None:
        """Put back units as :meth:`units_of_document` returned them, with their ids."""
        self.conn.executemany(
            'INSERT INTO units (id, document_id, kind, idx, start, "end", speaker, meta) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(u["id"], u["document_id"], u["kind"], u["idx"], u["start"], u["end"], u["speaker"], u["meta"])
             for u in rows],
        )

    # -- checks of names ---------------------------------------------------------

    def _table_schema(self, table: str) -> dict[str, list]:
        """Columns and references of an audited table, read once per connection (the schema changes
        only by migrations, which run when the file is opened)."""
        cache = self.__dict__.setdefault("_audited_schema", {})
        if table not in cache:
            name = self._audited(table)
            cache[table] = {
                "columns": [r[1] for r in self.conn.execute(f'PRAGMA table_info("{name}")')],
                "references": [{"column": r[3], "parent": r[2], "parent_column": r[4] or "rowid"}
                               for r in self.conn.execute(f'PRAGMA foreign_key_list("{name}")')],
            }
        return cache[table]

    @staticmethod
    def _audited(table: str) -> str:
        if table not in AUDITED_TABLES:
            raise InputError(f"'{table}' is not an audited table; audited: {', '.join(AUDITED_TABLES)}")
        return table

    def _column(self, table: str, column: str) -> str:
        if column != "rowid" and column not in self.table_columns(table):
            raise InputError(f"table '{table}' has no column '{column}'")
        return column


def _quoted(columns: Iterable[str]) -> list[str]:
    return [c if c == "rowid" else f'"{c}"' for c in columns]
