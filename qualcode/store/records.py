"""SQL of the project's own records: groups, informants, documents, units, codes, coders and codings."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from .base import StoreBase

# One coding row as the front ends read it: names and keys instead of ids (codings() and coding_detail()).
_CODING_COLUMNS = """x.id, d.name AS document, x.document_id, i.key AS informant, g.key AS "group",
    d.source_type, c.key AS code, c.name AS code_name, p.key AS parent_code,
    k.name AS coder, x.start, x."end", x.quote, x.memo, x.created_at, x.exemplar"""
_CODING_JOINS = """FROM codings x
    JOIN documents d ON d.id = x.document_id
    JOIN codes c ON c.id = x.code_id
    LEFT JOIN codes p ON p.id = c.parent_id
    JOIN coders k ON k.id = x.coder_id
    LEFT JOIN informants i ON i.id = d.informant_id
    LEFT JOIN groups g ON g.id = i.group_id"""


class ProjectQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

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
            # documents counted in one pass: a count per informant would read every document row (texts
            # and all) once per informant
            """SELECT i.id, i.key, g.key AS "group", i.role, i.organisation, i.attributes,
                      coalesce(n.documents, 0) AS documents
               FROM informants i JOIN groups g ON g.id = i.group_id
               LEFT JOIN (SELECT informant_id, count(*) AS documents FROM documents GROUP BY informant_id) n
                      ON n.informant_id = i.id
               ORDER BY g.sort, g.key, i.key"""
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
        where: list[str] = []
        params: list[Any] = []
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
                (document_id, u["kind"], u["idx"], u["start"], u["end"], u.get("speaker"),
                 json.dumps(u.get("meta") or {}))
                for u in units
            ),
        )

    def units(self, document_id: int | None = None, kind: str | None = None) -> list[dict]:
        where: list[str] = []
        params: list[Any] = []
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

    def code_by_hotkey(self, hotkey: str) -> dict | None:
        return self._one("SELECT * FROM codes WHERE hotkey = ?", (hotkey,))

    def clear_code_hotkeys(self, keys: list[str]) -> None:
        self.conn.executemany("UPDATE codes SET hotkey = NULL WHERE key = ? AND hotkey IS NOT NULL",
                              [(k,) for k in keys])

    def code_hotkeys(self) -> dict[str, str]:
        """Every hotkey in use, with the key of its code."""
        return {r["hotkey"]: r["key"] for r in self._all("SELECT hotkey, key FROM codes WHERE hotkey IS NOT NULL")}

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
        sql = f"SELECT count(*) FROM codings WHERE code_id IN ({marks})"
        return self.conn.execute(sql, list(code_ids)).fetchone()[0]

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
        return self._one("SELECT id, name, role FROM coders WHERE name = ?", (name,))

    def insert_coder(self, name: str, role: str) -> int:
        return self._insert("coders", {"name": name, "role": role})

    def coders(self) -> list[dict]:
        return self._all(
            """SELECT c.id, c.name, c.role, (SELECT count(*) FROM codings x WHERE x.coder_id = c.id) AS codings
               FROM coders c ORDER BY c.name"""
        )

    # -- codings -----------------------------------------------------------------

    def insert_codings(self, rows: Sequence[Sequence[Any]]) -> list[int]:
        """Insert rows of (document_id, code_id, coder_id, start, end, quote, memo, created_at[, exemplar]);
        return their ids. A row without ``exemplar`` is not an exemplar.

        Must run inside :meth:`atomic`: once the first row is written this connection
        holds the write lock, so the new rows are exactly the highest ids.
        """
        if not self.conn.in_transaction:
            raise RuntimeError("insert_codings must run inside Store.atomic()")
        self.conn.executemany(
            'INSERT INTO codings (document_id, code_id, coder_id, start, "end", quote, memo, created_at, exemplar) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((*row, 0) if len(row) == 8 else row for row in rows),
        )
        ids = [r[0] for r in self.conn.execute("SELECT id FROM codings ORDER BY id DESC LIMIT ?", (len(rows),))]
        return ids[::-1]

    def insert_coding(self, row: dict[str, Any]) -> int:
        return self._insert("codings", row)

    def coding_by_id(self, coding_id: int) -> dict | None:
        return self._one("SELECT * FROM codings WHERE id = ?", (coding_id,))

    def coding_detail(self, coding_id: int) -> dict | None:
        """One coding with its document name, code key and name, coder name: a row of :meth:`codings` plus ids."""
        return self._one(
            f"""SELECT {_CODING_COLUMNS}, x.code_id, x.coder_id {_CODING_JOINS} WHERE x.id = ?""",
            (coding_id,),
        )

    def same_coding(self, document_id: int, code_id: int, coder_id: int, start: int, end: int) -> int | None:
        """The id of a coding with exactly this document, code, coder and span, or None."""
        # INDEXED BY: (document, start) finds the few codings at that spot; the planner would otherwise
        # pick codings_by_coder and scan all of the coder's codings of the document for every new one
        row = self.conn.execute(
            'SELECT id FROM codings INDEXED BY codings_by_document WHERE document_id = ? AND start = ? '
            'AND "end" = ? AND code_id = ? AND coder_id = ? ORDER BY id LIMIT 1',
            (document_id, start, end, code_id, coder_id),
        ).fetchone()
        return None if row is None else int(row[0])

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
        where: list[str] = []
        params: list[Any] = []
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
            f"""SELECT {_CODING_COLUMNS} {_CODING_JOINS}
                {clause}
                ORDER BY x.document_id, x.start, x."end", x.id""",
            params,
        )

    def document_codings(self, document_id: int, ids: Sequence[int] | None = None) -> list[dict]:
        """The codings of one document, lean: what the transcript view draws (only those of ``ids`` if given)."""
        among = f" AND x.id IN ({','.join('?' * len(ids))})" if ids is not None else ""
        return self._all(
            f"""SELECT x.id, x.start, x."end", c.key AS code, c.color, k.name AS coder, x.memo
               FROM codings x JOIN codes c ON c.id = x.code_id JOIN coders k ON k.id = x.coder_id
               WHERE x.document_id = ?{among} ORDER BY x.start, x."end", x.id""",
            (document_id, *(ids or ())),
        )
