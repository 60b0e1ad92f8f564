"""SQL of keeping a project safe: consistent copies (SQLite's online backup), the consistency check
(what SQLite itself reports, and rows whose offsets, quotes or references no longer fit their
documents) and the lookups of merging projects."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self

from ..errors import ProjectFileError
from .base import APPLICATION_ID, StoreBase, connect


class MaintenanceQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    conn: Any

    # -- copies ------------------------------------------------------------------

    @classmethod
    def open_as_is(cls, path: str | Path) -> Self:
        """Open a qualcode project file without upgrading or otherwise changing it: for copying it.

        Raises ProjectFileError when there is no such file or it is not a qualcode project.
        """
        path = Path(path)
        if not path.is_file():
            raise ProjectFileError(f"{path}: no such project file")
        conn = connect(path)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ProjectFileError(f"{path}: not a qualcode project ({exc})") from None
        if app_id != APPLICATION_ID:
            conn.close()
            raise ProjectFileError(f"{path}: not a qualcode project (not made by qualcode)")
        return cls(conn, path)  # type: ignore[call-arg]

    def copy_to_file(self, path: Path) -> None:
        """Write a consistent snapshot of this file into the new SQLite file ``path``.

        SQLite's online backup copies every page in one step under one read transaction,
        so writers on other connections (WAL) neither block it nor leave half a change in it.
        """
        target = sqlite3.connect(str(path))
        try:
            self.conn.backup(target)
        finally:
            target.close()

    def copy_over(self, other: Any) -> None:
        """Replace every page of the open project ``other`` by this file's, in one write transaction
        of ``other``: its readers see the old file or the new one, never a mix."""
        self.conn.backup(other.conn)

    # -- SQLite's own checks -----------------------------------------------------

    def integrity_check(self) -> list[str]:
        """What ``PRAGMA integrity_check`` finds wrong in the file's pages and indexes ([] when it says ok)."""
        return [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]

    def foreign_key_violations(self) -> list[dict]:
        """Rows whose reference points to a row that does not exist (``PRAGMA foreign_key_check``).

        Each: table, rowid, column, value (the missing id) and parent (the table it should be in).
        """
        columns: dict[tuple[str, int], str] = {}
        found = []
        for table, rowid, parent, fkid in self.conn.execute("PRAGMA foreign_key_check").fetchall():
            if (table, fkid) not in columns:
                for ref in self.conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                    columns[(table, ref["id"])] = ref["from"]
            column = columns.get((table, fkid), "?")
            value = None
            if rowid is not None and column != "?":
                value = self.conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()[0]
            found.append({"table": table, "rowid": rowid, "column": column, "value": value, "parent": parent})
        return found

    # -- rows that no longer fit their document ----------------------------------
    # The comparisons with the text are made in Python, one document at a time: SQLite's
    # length() and substr() walk a text from its start on every call, which on long
    # transcripts with thousands of units costs minutes instead of milliseconds.

    def documents_to_check(self) -> Iterator[dict]:
        """id, name, text and stored sha256 of every document, one at a time (texts can be large)."""
        for row in self.conn.execute("SELECT id, name, text, sha256 FROM documents ORDER BY id"):
            yield dict(row)

    def unit_spans(self, document_id: int) -> list[tuple[int, int, int]]:
        """(id, start, end) of a document's units."""
        return [tuple(r) for r in self.conn.execute(
            'SELECT id, start, "end" FROM units WHERE document_id = ? ORDER BY id', (document_id,))]

    def coding_spans(self, document_id: int) -> list[tuple[int, int, int, str]]:
        """(id, start, end, quote) of a document's codings."""
        return [tuple(r) for r in self.conn.execute(
            'SELECT id, start, "end", quote FROM codings WHERE document_id = ? ORDER BY id', (document_id,))]

    # -- merging -----------------------------------------------------------------

    def coding_identities(self) -> set[tuple[int, str, str, int, int]]:
        """(document id, code key, coder name, start, end) of every coding: what makes two codings the same."""
        return {
            tuple(r) for r in self.conn.execute(
                """SELECT x.document_id, c.key, k.name, x.start, x."end"
                   FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id"""
            )
        }

    def coding_ids(self) -> dict[tuple[int, str, str, int, int], int]:
        """The id of every coding by its identity (as :meth:`coding_identities`)."""
        return {
            tuple(r[:5]): int(r[5]) for r in self.conn.execute(
                """SELECT x.document_id, c.key, k.name, x.start, x."end", x.id
                   FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id"""
            )
        }

    def unflagged_exemplars(self) -> dict[tuple[int, str, str, int, int], int]:
        """The id of every coding not flagged as an exemplar, by its identity (as :meth:`coding_identities`)."""
        return {
            tuple(r[:5]): int(r[5]) for r in self.conn.execute(
                """SELECT x.document_id, c.key, k.name, x.start, x."end", x.id
                   FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id
                   WHERE x.exemplar = 0"""
            )
        }
