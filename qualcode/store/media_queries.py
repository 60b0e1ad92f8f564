"""SQL for recordings linked to documents and for turn times set by hand."""

from __future__ import annotations

from typing import Any

from .base import StoreBase

_MEDIA_ROWS = """
    SELECT m.id, m.document_id, d.name AS document, m.file, m.original_name, m.kind, m.mime, m.bytes, m.sha256,
           m.duration, m.linked_at, m.linked_by
    FROM media m JOIN documents d ON d.id = m.document_id
"""


class MediaQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def insert_media(self, row: dict[str, Any]) -> int:
        return self._insert("media", row)

    def update_media(self, media_id: int, fields: dict[str, Any]) -> None:
        self._update("media", media_id, fields)

    def delete_media(self, media_id: int) -> None:
        self.conn.execute("DELETE FROM media WHERE id = ?", (media_id,))

    def media_of_document(self, document_id: int) -> dict | None:
        return self._one(_MEDIA_ROWS + " WHERE m.document_id = ?", (document_id,))

    def media_rows(self) -> list[dict]:
        """Every media link with its document's name, in document order."""
        return self._all(_MEDIA_ROWS + " ORDER BY m.document_id")

    def media_files_in_use(self) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT DISTINCT file FROM media")}

    def media_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM media").fetchone()[0])

    def turn_time(self, document_id: int, idx: int) -> dict | None:
        return self._one("SELECT * FROM turn_times WHERE document_id = ? AND idx = ?", (document_id, idx))

    def turn_times_set(self, document_id: int) -> dict[int, dict]:
        """The hand-set times of a document's turns, by turn index."""
        rows = self._all("SELECT * FROM turn_times WHERE document_id = ? ORDER BY idx", (document_id,))
        return {int(r["idx"]): r for r in rows}

    def insert_turn_time(self, row: dict[str, Any]) -> int:
        return self._insert("turn_times", row)

    def update_turn_time(self, turn_time_id: int, fields: dict[str, Any]) -> None:
        self._update("turn_times", turn_time_id, fields)
