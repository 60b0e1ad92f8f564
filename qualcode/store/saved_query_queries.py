"""SQL for saved coding queries: a name and the query's text."""

from __future__ import annotations

from .base import StoreBase

_COLUMNS = "id, name, text, author, created_at, changed_at"


class SavedQueryQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def insert_saved_query(self, name: str, text: str, author: str | None, at: str) -> int:
        return self._insert("saved_queries", {"name": name, "text": text, "author": author, "created_at": at,
                                              "changed_at": at})

    def update_saved_query(self, query_id: int, text: str, at: str) -> None:
        self._update("saved_queries", query_id, {"text": text, "changed_at": at})

    def delete_saved_query(self, query_id: int) -> None:
        self.conn.execute("DELETE FROM saved_queries WHERE id = ?", (query_id,))

    def saved_query(self, name: str) -> dict | None:
        return self._one(f"SELECT {_COLUMNS} FROM saved_queries WHERE name = ?", (name,))

    def saved_queries(self) -> list[dict]:
        """Every saved query, by name (case-insensitive)."""
        return self._all(f"SELECT {_COLUMNS} FROM saved_queries ORDER BY name COLLATE NOCASE, name")
