"""SQL for survey answers: which question of which survey file each answer span of a document is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .base import StoreBase

_ANSWER_ROWS = """
    SELECT a.id, a.document_id, d.name AS document, i.key AS respondent, g.key AS "group", a.question,
           a.position, a.start, a."end", a.source_file, substr(d.text, a.start + 1, a."end" - a.start) AS answer
    FROM survey_answers a
    JOIN documents d ON d.id = a.document_id
    LEFT JOIN informants i ON i.id = d.informant_id
    LEFT JOIN groups g ON g.id = i.group_id
"""


class SurveyQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def insert_survey_answers(self, rows: Iterable[dict[str, Any]]) -> None:
        self.conn.executemany(
            'INSERT INTO survey_answers (document_id, question, position, start, "end", source_file) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(r["document_id"], r["question"], r["position"], r["start"], r["end"], r["source_file"]) for r in rows],
        )

    def survey_answers(self, *, source_file: str | None = None, informant_id: int | None = None) -> list[dict]:
        """Answers with their document, respondent, group and text (``text[start:end]``; SQLite's substr counts
        characters, as Python does), in file, respondent and question order; optionally of one file or one
        respondent."""
        where: list[str] = []
        params: list[Any] = []
        if source_file is not None:
            where.append("a.source_file = ?")
            params.append(source_file)
        if informant_id is not None:
            where.append("d.informant_id = ?")
            params.append(informant_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._all(_ANSWER_ROWS + clause + " ORDER BY a.source_file, a.document_id, a.position", params)

    def survey_answer_spans(self, *, source_file: str | None = None, document_ids: list[int] | None = None,
                            text: bool = False) -> list[dict]:
        """Like :meth:`survey_answers`, optionally of the given documents only, and without reading the
        answers' text unless ``text`` (a grid filters and sorts 10,000 respondents on their spans, and reads
        the text of one page)."""
        where: list[str] = []
        params: list[Any] = []
        if source_file is not None:
            where.append("a.source_file = ?")
            params.append(source_file)
        if document_ids is not None:
            where.append(f"a.document_id IN ({', '.join('?' * len(document_ids))})")
            params += [int(i) for i in document_ids]
        answer = "substr(d.text, a.start + 1, a.\"end\" - a.start)" if text else "NULL"
        sql = (f'SELECT a.id, a.document_id, d.name AS document, i.key AS respondent, g.key AS "group", a.question, '
               f'a.position, a.start, a."end", a.source_file, {answer} AS answer FROM survey_answers a '
               "JOIN documents d ON d.id = a.document_id LEFT JOIN informants i ON i.id = d.informant_id "
               "LEFT JOIN groups g ON g.id = i.group_id")
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        return self._all(sql + clause + " ORDER BY a.source_file, a.document_id, a.position", params)
