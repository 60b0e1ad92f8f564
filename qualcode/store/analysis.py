"""SQL for analysis: lean coding frames, verdicts, framework summaries and reconciliations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from .base import StoreBase


class AnalysisQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

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

    def coding_extents(self, coder_ids: Sequence[int] | None = None) -> pd.DataFrame:
        """One row per coding with only document_id, code_id, coder_id, start and end (ints): what
        co-occurrence needs, without the quotes and names that make a full coding read slow."""
        where, params = self._coder_filter(coder_ids)
        return self._frame(
            f'SELECT x.document_id, x.code_id, x.coder_id, x.start, x."end" FROM codings x NOT INDEXED {where}',
            params, ["document_id", "code_id", "coder_id", "start", "end"],
        )

    def has_codings(self, coder_ids: Sequence[int] | None = None) -> bool:
        """Whether there is any coding (by one of ``coder_ids``, when given)."""
        where, params = self._coder_filter(coder_ids)
        return bool(self.conn.execute(f"SELECT EXISTS (SELECT 1 FROM codings x {where})", params).fetchone()[0])

    def coder_document_counts(self) -> pd.DataFrame:
        """Codings counted per coder and document: columns coder (name), document_id, document (name), n."""
        return self._frame(
            """SELECT k.name, x.document_id, d.name, x.n FROM (
                   SELECT coder_id, document_id, count(*) AS n FROM codings NOT INDEXED GROUP BY 1, 2) x
               JOIN coders k ON k.id = x.coder_id JOIN documents d ON d.id = x.document_id
               ORDER BY k.name, x.document_id""",
            (), ["coder", "document_id", "document", "n"],
        )

    def framework_cells(self, coder_ids: Sequence[int] | None = None, first: int = 8) -> pd.DataFrame:
        """Per informant and code: the number of codings and the first ``first`` of them in reading order.

        Columns informant (key), code (key), n (codings of the cell), document_id, start, end, id and
        quote; one row per coding among the cell's first ``first`` (document, start, end, id). The window
        keeps the read to a few rows per cell however many codings a cell has.
        """
        where, params = self._coder_filter(coder_ids)
        where = f"{where} AND" if where else "WHERE"
        return self._frame(
            f"""SELECT i.key, c.key, y.n, y.document_id, y.start, y."end", y.id, y.quote FROM (
                    SELECT d.informant_id, x.code_id, x.document_id, x.start, x."end", x.id, x.quote,
                           row_number() OVER (PARTITION BY d.informant_id, x.code_id
                                              ORDER BY x.document_id, x.start, x."end", x.id) AS rank,
                           count(*) OVER (PARTITION BY d.informant_id, x.code_id) AS n
                    FROM codings x JOIN documents d ON d.id = x.document_id
                    {where} d.informant_id IS NOT NULL) y
                JOIN informants i ON i.id = y.informant_id JOIN codes c ON c.id = y.code_id
                WHERE y.rank <= ?""",
            [*params, first], ["informant", "code", "n", "document_id", "start", "end", "id", "quote"],
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
