"""SQL for assignments: which coder is to code which document, and whether they marked it done."""

from __future__ import annotations

from collections.abc import Sequence

from .base import StoreBase

_ASSIGNMENT_ROWS = """
    SELECT a.id, a.document_id, d.name AS document, a.coder_id, k.name AS coder, a.assigned_by, a.assigned_at,
           a.done_at,
           (SELECT count(*) FROM codings x WHERE x.document_id = a.document_id AND x.coder_id = a.coder_id)
               AS codings
    FROM assignments a JOIN documents d ON d.id = a.document_id JOIN coders k ON k.id = a.coder_id
"""


class AssignmentQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def insert_assignment(self, document_id: int, coder_id: int, assigned_by: str | None, at: str) -> int:
        return self._insert("assignments", {"document_id": document_id, "coder_id": coder_id,
                                            "assigned_by": assigned_by, "assigned_at": at})

    def delete_assignment(self, assignment_id: int) -> None:
        self.conn.execute("DELETE FROM assignments WHERE id = ?", (assignment_id,))

    def set_assignment_done(self, assignment_id: int, done_at: str | None) -> None:
        self._update("assignments", assignment_id, {"done_at": done_at})

    def assignment(self, document_id: int, coder_id: int) -> dict | None:
        return self._one(_ASSIGNMENT_ROWS + " WHERE a.document_id = ? AND a.coder_id = ?", (document_id, coder_id))

    def assignments(self, *, coder_ids: Sequence[int] | None = None,
                    document_ids: Sequence[int] | None = None) -> list[dict]:
        """Assignments with document and coder names and the coder's codings of the document, in document
        order, then coder name; optionally only those of some coders or documents."""
        where: list[str] = []
        params: list[int] = []
        for column, ids in (("a.coder_id", coder_ids), ("a.document_id", document_ids)):
            if ids is not None:
                where.append(f"{column} IN ({','.join('?' * len(ids))})")
                params.extend(int(i) for i in ids)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._all(_ASSIGNMENT_ROWS + clause + " ORDER BY a.document_id, k.name", params)

    def assignment_counts(self) -> tuple[int, int, int]:
        """How many assignments there are, how many are done, and the highest id (cheap: what a page keys on)."""
        row = self.conn.execute("SELECT count(*), count(done_at), coalesce(max(id), 0) FROM assignments").fetchone()
        return int(row[0]), int(row[1]), int(row[2])
