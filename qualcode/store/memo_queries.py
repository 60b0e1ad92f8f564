"""SQL for memos: the analyst's notes on the project, a document, a code, an informant, a group or a coding,
and their links to passages and to other memos."""

from __future__ import annotations

from typing import Any

from .base import StoreBase

# Each memo with what its target leads to: the document (of a document or coding memo), the code (of a code
# or coding memo), the informant (of an informant memo, or of the document a document or coding memo is on)
# and the group (of a group memo, or of that informant). A target deleted since leaves these NULL.
_MEMO_ROWS = """
    SELECT m.id, m.kind, m.target_id, m.title, m.text, m.author, m.created_at, m.changed_at,
           d.id AS document_id, d.name AS document, k.id AS code_id, k.key AS code,
           i.id AS informant_id, i.key AS informant, g.id AS group_id, g.key AS "group",
           c.id AS coding_id, c.start AS coding_start, c."end" AS coding_end,
           (SELECT name FROM coders WHERE id = c.coder_id) AS coding_coder,
           (SELECT count(*) FROM memo_links l WHERE l.memo_id = m.id) AS links
    FROM memos m
    LEFT JOIN codings c ON m.kind = 'coding' AND c.id = m.target_id
    LEFT JOIN documents d ON d.id = CASE m.kind WHEN 'document' THEN m.target_id WHEN 'coding' THEN c.document_id END
    LEFT JOIN codes k ON k.id = CASE m.kind WHEN 'code' THEN m.target_id WHEN 'coding' THEN c.code_id END
    LEFT JOIN informants i ON i.id = CASE m.kind WHEN 'informant' THEN m.target_id ELSE d.informant_id END
    LEFT JOIN groups g ON g.id = CASE m.kind WHEN 'group' THEN m.target_id ELSE i.group_id END
"""

_LINK_ROWS = """
    SELECT l.id, l.memo_id, l.document_id, d.name AS document, d.informant_id, l.start, l."end",
           substr(d.text, l.start + 1, l."end" - l.start) AS quote, l.linked_memo_id, o.title AS linked_title
    FROM memo_links l
    LEFT JOIN documents d ON d.id = l.document_id
    LEFT JOIN memos o ON o.id = l.linked_memo_id
"""


class MemoQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def insert_memo(self, row: dict[str, Any]) -> int:
        return self._insert("memos", row)

    def update_memo(self, memo_id: int, fields: dict[str, Any]) -> None:
        self._update("memos", memo_id, fields)

    def delete_memo(self, memo_id: int) -> None:
        """Delete a memo with every link from it and to it (links first, so undo puts the memo back first)."""
        self.conn.execute("DELETE FROM memo_links WHERE memo_id = ? OR linked_memo_id = ?", (memo_id, memo_id))
        self.conn.execute("DELETE FROM memos WHERE id = ?", (memo_id,))

    def memo(self, memo_id: int) -> dict | None:
        return self._one(_MEMO_ROWS + " WHERE m.id = ?", (memo_id,))

    def memos(self) -> list[dict]:
        """Every memo, newest first (by creation, then id)."""
        return self._all(_MEMO_ROWS + " ORDER BY m.created_at DESC, m.id DESC")

    def insert_memo_link(self, row: dict[str, Any]) -> int:
        return self._insert("memo_links", row)

    def delete_memo_link(self, link_id: int) -> None:
        self.conn.execute("DELETE FROM memo_links WHERE id = ?", (link_id,))

    def memo_link(self, link_id: int) -> dict | None:
        return self._one(_LINK_ROWS + " WHERE l.id = ?", (link_id,))

    def memo_links(self, memo_id: int | None = None) -> list[dict]:
        """Links of one memo (or of all), passage links in document order first, then memo links."""
        where, params = ("", []) if memo_id is None else (" WHERE l.memo_id = ?", [memo_id])
        return self._all(_LINK_ROWS + where + " ORDER BY l.memo_id, l.linked_memo_id IS NOT NULL, l.document_id, "
                         "l.start, l.linked_memo_id, l.id", params)

    def find_memo_link(self, memo_id: int, *, document_id: int | None = None, start: int | None = None,
                       end: int | None = None, linked_memo_id: int | None = None) -> int | None:
        """The id of the same link when the memo already has it."""
        row = self.conn.execute(
            'SELECT id FROM memo_links WHERE memo_id = ? AND document_id IS ? AND start IS ? AND "end" IS ? '
            "AND linked_memo_id IS ?", (memo_id, document_id, start, end, linked_memo_id)).fetchone()
        return int(row[0]) if row else None

    def memo_counts(self) -> tuple[int, int]:
        """How many memos and the last change to any memo or link (what a page keys its cache on)."""
        row = self.conn.execute(
            "SELECT (SELECT count(*) FROM memos), "
            "(SELECT coalesce(max(id), 0) FROM changes WHERE tbl IN ('memos', 'memo_links'))").fetchone()
        return int(row[0]), int(row[1])
