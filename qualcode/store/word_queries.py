"""SQL for word frequencies: the texts of a scope with their languages, one code's coded spans, sentence spans."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .base import StoreBase


class WordQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def word_documents(self, *, group_keys: Sequence[str] | None = None, informant_keys: Sequence[str] | None = None,
                       source_types: Sequence[str] | None = None, document_ids: Sequence[int] | None = None,
                       ) -> list[dict]:
        """id, name, informant, group, source_type, language and text of the documents passing every given
        filter (None: no filter), by id; without an informant a document passes no group or informant filter."""
        where: list[str] = []
        params: list[Any] = []
        for column, values in (("g.key", group_keys), ("i.key", informant_keys), ("d.source_type", source_types),
                               ("d.id", document_ids)):
            if values is not None:
                where.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self._all(
            f"""SELECT d.id, d.name, i.key AS informant, g.key AS "group", d.source_type, d.language, d.text
                FROM documents d LEFT JOIN informants i ON i.id = d.informant_id
                LEFT JOIN groups g ON g.id = i.group_id {clause} ORDER BY d.id""",
            params,
        )

    def code_spans(self, code_id: int, coder_ids: Sequence[int] | None = None) -> list[tuple[int, int, int]]:
        """(document_id, start, end) of every coding of one code (by ``coder_ids`` when given)."""
        sql = 'SELECT document_id, start, "end" FROM codings WHERE code_id = ?'
        params: list[Any] = [code_id]
        if coder_ids is not None:
            sql += f" AND coder_id IN ({','.join('?' * len(coder_ids))})"
            params.extend(coder_ids)
        return [tuple(row) for row in self.conn.execute(sql, params).fetchall()]

    def sentence_spans(self, document_ids: Sequence[int]) -> list[tuple[int, int, int]]:
        """(document_id, start, end) of the sentence units of these documents."""
        spans: list[tuple[int, int, int]] = []
        ids = list(document_ids)
        for first in range(0, len(ids), 500):  # within SQLite's limit of bound parameters
            part = ids[first:first + 500]
            spans += [tuple(row) for row in self.conn.execute(
                f"""SELECT document_id, start, "end" FROM units WHERE kind = 'sentence'
                    AND document_id IN ({','.join('?' * len(part))})""", part).fetchall()]
        return spans
