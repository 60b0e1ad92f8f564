"""SQL of code suggestions and of the stored suggestion models."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import StoreBase, now


class SuggestQueries(StoreBase):
    """Suggestions (one row per unit and code) and trained models (one row per training)."""

    conn: Any

    # -- models ------------------------------------------------------------------

    def insert_model(self, coder_id: int, sklearn_version: str, summary: str, blob: bytes) -> int:
        version = self.conn.execute("SELECT coalesce(max(version), 0) + 1 FROM models").fetchone()[0]
        self.conn.execute(
            "INSERT INTO models (coder_id, version, sklearn_version, summary, blob, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (coder_id, version, sklearn_version, summary, blob, now()),
        )
        return int(version)

    def latest_model(self, coder_id: int) -> dict | None:
        row = self.conn.execute(
            "SELECT id, coder_id, version, sklearn_version, summary, blob, created_at FROM models "
            "WHERE coder_id = ? ORDER BY id DESC LIMIT 1", (coder_id,)).fetchone()
        return dict(row) if row is not None else None

    def set_model_sklearn_version(self, model_id: int, version: str) -> None:
        self.conn.execute("UPDATE models SET sklearn_version = ? WHERE id = ?", (version, model_id))

    # -- suggestions -------------------------------------------------------------

    def insert_suggestions(self, rows: Sequence[tuple[int, int, float, str]]) -> int:
        """Add (unit_id, code_id, score, model_version) rows as open; pairs already present are left alone."""
        created = now()
        before = self.conn.total_changes
        self.conn.executemany(
            "INSERT OR IGNORE INTO suggestions (unit_id, code_id, score, model_version, status, created_at) "
            "VALUES (?, ?, ?, ?, 'open', ?)", [(*r, created) for r in rows])
        return self.conn.total_changes - before

    def suggestion_pairs(self) -> set[tuple[int, int]]:
        return {(r[0], r[1]) for r in self.conn.execute("SELECT unit_id, code_id FROM suggestions")}

    def suggestion_by_id(self, suggestion_id: int) -> dict | None:
        row = self.conn.execute(
            'SELECT s.*, u.document_id, u.start, u."end", c.key AS code FROM suggestions s '
            "JOIN units u ON u.id = s.unit_id JOIN codes c ON c.id = s.code_id WHERE s.id = ?",
            (suggestion_id,)).fetchone()
        return dict(row) if row is not None else None

    def set_suggestion_status(self, suggestion_id: int, status: str, reviewer_id: int) -> None:
        self.conn.execute("UPDATE suggestions SET status = ?, reviewer_id = ?, reviewed_at = ? WHERE id = ?",
                          (status, reviewer_id, now(), suggestion_id))

    def suggestions(self, *, status: str | None = None, code_id: int | None = None,
                    document_id: int | None = None) -> list[dict]:
        where, params = [], []
        for clause, value in (("s.status = ?", status), ("s.code_id = ?", code_id), ("u.document_id = ?", document_id)):
            if value is not None:
                where.append(clause)
                params.append(value)
        sql = (
            'SELECT s.id, s.unit_id, d.name AS document, u.document_id, u.start, u."end", '
            'substr(d.text, u.start + 1, u."end" - u.start) AS text, c.key AS code, s.score, s.model_version, s.status '
            "FROM suggestions s JOIN units u ON u.id = s.unit_id JOIN documents d ON d.id = u.document_id "
            "JOIN codes c ON c.id = s.code_id "
            + (f"WHERE {' AND '.join(where)} " if where else "")
            + "ORDER BY s.score DESC, s.id"
        )
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]
