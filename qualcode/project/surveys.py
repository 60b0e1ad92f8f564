"""Importing surveys: respondents become informants, their open-ended answers a document each.

A survey file (CSV in any delimiter and encoding, a Qualtrics, LimeSurvey or Google Forms export, XLSX, SPSS
``.sav`` or Stata ``.dta``; read by :func:`qualcode.ingest.survey.read_survey`) has one row per respondent.
The researcher picks the ID column, the attribute columns (each optionally typed text, number, date or
category) and the open-ended question columns; the group comes from a column (a value that is not yet a group
becomes one, and the report says so) or is one existing group for everyone.

**One document per respondent.** A document belongs to one informant, and every analysis (the matrices by
group or by attribute, agreement, suggestions, exports, REFI-QDA) reads informants through documents; so
each respondent's answers make one document of source type ``survey``, named ``survey <file stem> <ID>``. Its
first line names the respondent (``ID column: ID (file name)``; it is in no unit, so agreement and
suggestions never count it); then each non-empty answer is one paragraph ``QUESTION LABEL: answer``, whose
answer is a turn unit (the answer alone, not the label, so that coding a whole answer covers the whole unit
agreement compares) whose speaker is the question's label (the question text of a Qualtrics export or the variable label
of an SPSS/Stata file; otherwise the column name), with the sentences of the answer inside it. An empty
answer is not written. The table ``survey_answers`` records which question each answer span is
(``text[start:end]`` is exactly the answer as read, trimmed), so a grid can show respondents in rows and
questions in columns.

**Re-importing** the same file (the same file name) adds the respondents that are new. A respondent whose
answers from that file are already in the project is skipped: their document is never rewritten (a
document's text is immutable, and codings point into it); every answer that differs from the one imported
before is listed in the report as changed (respondent, question, old, new). A respondent the project knows
from elsewhere (another survey, interviews) gets a document for this file, and the attributes it lacks.

Everything is one transaction and one step of the history (undo removes it whole); any error leaves the
project exactly as it was, and names the file, the row (as the file's reader shows it) and the column.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import segment
from ..analysis.attributes import KINDS, conforms, expected, kind_term
from ..errors import InputError, Term, check_choice
from ..ingest.base import ParsedUnit
from ..ingest.survey import SurveyRow, SurveyTable, read_survey
from ..store import now
from .attributes import ProjectAttributes
from .base import requires
from .history import ProjectHistory

SURVEY_SOURCE_TYPE = "survey"
ANSWER_COLUMNS = ["document_id", "document", "respondent", "group", "question", "position", "start", "end",
                  "source_file", "answer"]


@dataclass(frozen=True)
class ChangedAnswer:
    """An answer that differs from the one imported before from the same file; the old one is kept."""

    respondent: str
    question: str
    old: str
    new: str


@dataclass
class SurveyImportReport:
    """What :meth:`ProjectSurveys.import_survey` did.

    ``respondents_added``: new informants; ``documents_added``: the respondents' documents written (a
    respondent without any answer has none: ``without_answers``); ``answers_added``: answers written;
    ``skipped``: respondents whose answers from this file were in the project already; ``changed``: their
    answers that differ now, not written; ``groups_added``: groups made from values of the group column;
    ``attribute_types``: the kinds declared (attribute -> kind).
    """

    file: str
    format: str
    respondents: int = 0
    respondents_added: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    answers_added: int = 0
    skipped: list[str] = field(default_factory=list)
    changed: list[ChangedAnswer] = field(default_factory=list)
    groups_added: list[str] = field(default_factory=list)
    without_answers: list[str] = field(default_factory=list)
    attribute_types: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """The report as lines of text (what the command line prints)."""
        out = [f"{self.file} ({self.format}): {self.respondents} respondents read",
               f"respondents added: {len(self.respondents_added)}",
               f"documents added: {len(self.documents_added)}",
               f"answers added: {self.answers_added}"]
        if self.groups_added:
            out.append(f"groups created: {', '.join(self.groups_added)}")
        if self.attribute_types:
            out.append("attribute kinds: " + ", ".join(f"{n}={k}" for n, k in self.attribute_types.items()))
        if self.without_answers:
            out.append(f"respondents without any answer (no document): {', '.join(self.without_answers)}")
        if self.skipped:
            out.append(f"skipped, already imported from this file: {len(self.skipped)}")
        if self.changed:
            out.append(f"changed answers, NOT overwritten: {len(self.changed)}")
            out += [f"  {c.respondent} / {c.question}: {c.old!r} -> {c.new!r}" for c in self.changed]
        return out


class ProjectSurveys(ProjectAttributes, ProjectHistory):
    """Survey import methods of a Project."""

    @requires("import")
    def import_survey(
        self, path: str | Path, *, id_column: str, questions: Sequence[str],
        attributes: Sequence[str] | Mapping[str, str | None] | None = None, group_column: str | None = None,
        group: str | None = None, sheet: str | None = None, language: str = "id", actor: str | None = None,
    ) -> SurveyImportReport:
        """Import a survey's respondents as informants and their open-ended answers as one document each.

        Parameters
        ----------
        path : str or Path
            The survey file (see :func:`qualcode.ingest.survey.read_survey` for the formats).
        id_column : str
            The column of the respondent IDs: each becomes an informant key. A column is named by its name or,
            when that is unambiguous, by its label (question text, variable label).
        questions : sequence of str
            The open-ended columns, in the order their answers are written.
        attributes : sequence of str, or mapping of str to kind, optional
            Columns that become informant attributes; as a mapping, each with its kind (text, number, date or
            category; None: not declared), declared with :meth:`set_attribute_types` before the values are
            checked. A category's values are its value labels (SPSS/Stata) and then the values the file
            has, in the order they appear.
        group_column : str, optional
            The column whose value is each respondent's group (a value that is not a group's key yet becomes
            a group). Exactly one of ``group_column`` and ``group`` is given.
        group : str, optional
            An existing group for every respondent.
        sheet : str, optional
            The worksheet of an XLSX file.
        language : str
            The language of the answers, for their sentences ("id", "en").

        Raises
        ------
        InputError
            Bad or missing columns, an empty or repeated respondent ID (naming both rows), an empty group
            value, an attribute value that is not of its kind (naming the row and the column), an unreadable
            file (:class:`~qualcode.errors.ImportFormatError`). Nothing is written.
        NotFoundError
            An unknown column, group or sheet.
        """
        path = Path(path)
        if (group_column is None) == (group is None):
            raise InputError("give the group of the respondents: either a group column or one group for all, "
                             "not both", key="err_survey_group_choice")
        asked = [str(q) for q in questions or []]
        if not asked:
            raise InputError("no question columns given: name the open-ended columns to import",
                             key="err_survey_no_questions")
        kinds = _attribute_kinds(attributes)
        fixed_group = self._group(group)["key"] if group is not None else None
        table = read_survey(path, sheet=sheet)
        id_col = table.column(id_column, what=Term("ID column", "term_survey_id_column"))
        q_cols = [table.column(q, what=Term("question column", "term_survey_question_column")) for q in asked]
        attr_kinds = {table.column(name, what=Term("attribute column", "term_survey_attribute_column")): kind
                      for name, kind in kinds.items()}
        group_col = (table.column(group_column, what=Term("group column", "term_survey_group_column"))
                     if group_column is not None else None)
        _check_roles(path, id_col, q_cols, list(attr_kinds))
        for name in attr_kinds:
            self._attribute_name(name)
        keys = _respondent_keys(table, id_col)
        groups = {row.row: _group_value(table, row, group_col) if group_col else str(fixed_group) for row in table.rows}
        types = self._survey_types(table, attr_kinds)
        self._check_survey_values(table, attr_kinds, types)

        report = SurveyImportReport(file=path.name, format=table.format, respondents=len(table.rows),
                                    attribute_types={n: k for n, (k, _c) in types.items()})
        known_groups = {g["key"] for g in self.store.groups()}
        with self.as_one_step(actor, "survey.import", {"file": path.name}) as payload:
            if SURVEY_SOURCE_TYPE not in self.store.source_types():
                self.store.add_source_type(SURVEY_SOURCE_TYPE, "Survey", len(self.store.source_types()))
            if types:
                self.set_attribute_types(types, actor=actor)
            for row in table.rows:
                key = keys[row.row]
                if groups[row.row] not in known_groups:
                    self.add_group(groups[row.row], actor=actor)
                    known_groups.add(groups[row.row])
                    report.groups_added.append(groups[row.row])
                try:
                    self._import_respondent(table, row, key, groups[row.row], id_col, q_cols, list(attr_kinds),
                                            language, report, actor)
                except InputError as exc:
                    raise exc.located(f"{path}, {row.place()}") from None
            payload.update({"respondents": len(report.respondents_added), "answers": report.answers_added})
        return report

    def survey_answers(self, *, source_file: str | None = None, respondent: str | None = None) -> pd.DataFrame:
        """The survey answers in the project, one row per answer: document_id, document, respondent, group,
        question (the column), position (its place among the imported questions), start, end (the answer's
        span in the document), source_file and answer (the text, ``text[start:end]``); optionally of one file
        (its name) or one respondent."""
        informant_id = int(self._informant(respondent)["id"]) if respondent is not None else None
        rows = self.store.survey_answers(source_file=source_file, informant_id=informant_id)
        return pd.DataFrame(rows, columns=ANSWER_COLUMNS)

    # -- helpers -----------------------------------------------------------------

    def _survey_types(self, table: SurveyTable, attr_kinds: Mapping[str, str | None]) -> dict[str, tuple[str, list]]:
        """The declarations the import makes: a category lists its existing categories, then the value labels,
        then the file's other values in order of appearance."""
        declared = self._declared_types()
        types: dict[str, tuple[str, list]] = {}
        for name, kind in attr_kinds.items():
            if kind is None:
                continue
            if kind != "category":
                types[name] = (kind, [])
                continue
            old_kind, old_cats = declared.get(name, ("text", []))
            cats = list(old_cats) if old_kind == "category" else []
            for value in [*table.value_labels.get(name, []), *(row.values[name] for row in table.rows)]:
                if value and value not in cats:
                    cats.append(value)
            types[name] = ("category", cats)
        return types

    def _check_survey_values(self, table: SurveyTable, attr_kinds: Mapping[str, str | None],
                             types: Mapping[str, tuple[str, list]]) -> None:
        effective = {**self._declared_types(), **types}
        for row in table.rows:
            for name in attr_kinds:
                value = row.values[name]
                kind, cats = effective.get(name, ("text", []))
                if not conforms(kind, cats, value):
                    raise InputError(
                        f"{row.place()}, column '{name}': '{value}' is not {expected(kind, cats)} (the attribute is "
                        f"{kind})", key="err_survey_value", place=row.place(), column=name, value=value,
                        expected=expected(kind, cats), kind=kind_term(kind),
                    ).located(str(table.source))

    def _import_respondent(self, table: SurveyTable, row: SurveyRow, key: str, group: str, id_col: str,
                           q_cols: list[str], attr_cols: list[str], language: str, report: SurveyImportReport,
                           actor: str | None) -> None:
        source_file = table.source.name
        attributes = {name: row.values[name] for name in attr_cols if row.values[name]}
        informant = self.store.informant_by_key(key)
        if informant is None:
            self.add_informant(key, group, attributes=attributes, actor=actor)
            report.respondents_added.append(key)
            informant = self.store.informant_by_key(key)
        else:
            before = self.store.survey_answers(source_file=source_file, informant_id=int(informant["id"]))
            if before:
                old = {a["question"]: a["answer"] for a in before}
                report.skipped.append(key)
                report.changed += [ChangedAnswer(key, q, old.get(q, ""), row.values[q])
                                   for q in q_cols if old.get(q, "") != row.values[q]]
                return
            current = json.loads(informant["attributes"] or "{}")
            merged = {**attributes, **current}  # what the informant has stays as it is
            if merged != current:
                self.edit_informant(key, attributes=merged, actor=actor)
        assert informant is not None
        answered = [(position, q) for position, q in enumerate(q_cols) if row.values[q]]
        if not answered:
            report.without_answers.append(key)
            return
        text, turns, spans = _respondent_text(table, row, key, id_col, answered)
        name = f"survey {table.source.stem} {key}"
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self._refuse_duplicate_document(table.source, sha, name)
        units = [u for u in segment.segment(text, language, turns) if u.kind == "turn" or u.start >= turns[0].start]
        metadata = {"format": table.format, "source_file": source_file, "row": row.row, **table.metadata}
        doc_id = self.store.insert_document({
            "name": name, "informant_id": informant["id"], "source_type": SURVEY_SOURCE_TYPE, "language": language,
            "text": text, "sha256": sha, "original_name": source_file, "imported_at": now(),
            "metadata": json.dumps(metadata, ensure_ascii=False, default=str),
        })
        self.store.insert_units(doc_id, (u.__dict__ for u in units))
        self.store.insert_survey_answers({"document_id": doc_id, "question": q, "position": position, "start": start,
                                          "end": end, "source_file": source_file} for position, q, start, end in spans)
        report.documents_added.append(name)
        report.answers_added += len(spans)

    def survey_answer_spans(self, *, source_file: str | None = None, documents: Iterable[int] | None = None,
                            text: bool = False) -> pd.DataFrame:
        """The rows of :meth:`survey_answers` (optionally of the given document ids only) with ``answer``
        None unless ``text``: what a grid of many respondents filters and sorts on, reading the text of the
        page it shows only."""
        ids = [int(i) for i in documents] if documents is not None else None
        rows = self.store.survey_answer_spans(source_file=source_file, document_ids=ids, text=text)
        return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def _attribute_kinds(attributes: Sequence[str] | Mapping[str, str | None] | None) -> dict[str, str | None]:
    if attributes is None:
        return {}
    if isinstance(attributes, str):
        raise InputError("attributes must be a list of column names or a mapping of column name to kind, "
                         f"not the text {attributes!r}")
    if isinstance(attributes, Mapping):
        return {str(name): (check_choice(str(kind).strip().lower(), KINDS, f"kind of attribute '{name}'")
                            if kind is not None else None) for name, kind in attributes.items()}
    return {str(name): None for name in attributes}


def _check_roles(path: Path, id_col: str, q_cols: list[str], attr_cols: list[str]) -> None:
    """Each column plays one part: the ID is not a question or an attribute, and no question is named twice."""
    repeated = sorted({q for q in q_cols if q_cols.count(q) > 1})
    if repeated:
        raise InputError(f"{path}: question column {', '.join(map(repr, repeated))} is named twice")
    if id_col in q_cols or id_col in attr_cols:
        raise InputError(f"{path}: the ID column '{id_col}' cannot also be a question or an attribute")
    both = [c for c in attr_cols if c in q_cols]
    if both:
        raise InputError(f"{path}: column {', '.join(map(repr, both))} is both a question and an attribute")


def _respondent_keys(table: SurveyTable, id_col: str) -> dict[int, str]:
    """Row number -> respondent ID; refuses an empty ID and one that two rows share (naming both)."""
    keys: dict[int, str] = {}
    first: dict[str, SurveyRow] = {}
    for row in table.rows:
        key = row.values[id_col]
        if not key:
            raise InputError(f"{row.place()}, column '{id_col}': the respondent ID is empty", key="err_survey_id_empty",
                             place=row.place(), column=id_col).located(str(table.source))
        if key in first:
            raise InputError(f"respondent ID '{key}' is in two rows, {first[key].place()} and {row.place()} (column "
                             f"'{id_col}'); IDs must be unique", key="err_survey_id_twice", respondent=key,
                             first=first[key].place(), second=row.place(), column=id_col).located(str(table.source))
        first[key] = row
        keys[row.row] = key
    return keys


def _group_value(table: SurveyTable, row: SurveyRow, column: str | None) -> str:
    value = row.values[column] if column else ""
    if not value:
        raise InputError(f"{row.place()}, column '{column}': the group is empty", key="err_survey_group_empty",
                         place=row.place(), column=column).located(str(table.source))
    return value


Span = tuple[int, str, int, int]  # position, question, start, end of an answer


def _respondent_text(table: SurveyTable, row: SurveyRow, key: str, id_col: str,
                     answered: Iterable[tuple[int, str]]) -> tuple[str, list[ParsedUnit], list[Span]]:
    """The document of one respondent: a first line naming them, then one "LABEL: answer" paragraph per answer.
    Returns the text, the turn units and (position, question, start, end) of each answer."""
    paragraphs = [f"{id_col}: {key} ({table.source.name})"]
    offset = len(paragraphs[0]) + 2
    turns: list[ParsedUnit] = []
    spans: list[Span] = []
    for position, question in answered:
        label = table.labels.get(question) or question
        answer = row.values[question]
        paragraph = f"{label}: {answer}"
        start = offset + len(label) + 2
        # the turn is the answer alone: a coding of the whole answer then covers the whole unit, which is what
        # agreement's projection onto units reads (a long question label would otherwise outweigh a short answer)
        turns.append(ParsedUnit("turn", start, start + len(answer), label,
                                {"speech_start": start, "question": question}))
        spans.append((position, question, start, start + len(answer)))
        paragraphs.append(paragraph)
        offset += len(paragraph) + 2
    return "\n\n".join(paragraphs), turns, spans

