"""The survey grid: respondents in rows, their attributes and their answers in columns, each answer with the
codes already on it; filtered, sorted and cut into pages.

Functions on plain frames (:func:`respondent_table`, :func:`answer_codes`, :func:`select_respondents`,
:func:`page_of`, :func:`grid_page`) hold the logic; :func:`survey_grid` reads what they need from a project
(the answers' spans of :meth:`~qualcode.project.Project.survey_answer_spans`, the informants, the declared attribute
types, the codings) and runs them. Filtering and sorting work on one row per respondent and on the answers'
spans; the answers' text is read, and the wide frame (one column per question) built, only for the
respondents of the page shown, so a grid of 10,000 respondents costs one pass over the spans and codings
plus what its page costs.

An answer *carries* a code when a coding of that code overlaps the answer's span ``[start, end)`` of the
respondent's document: a coding of part of an answer counts, as in the Code page's bands.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd

from ..analysis.attributes import sort_key, value_text
from ..errors import InputError
from .filters import ProjectData, attribute_types, document_ids

#: The sort key that keeps the respondents in the order of the file.
BY_FILE = ""
RESPONDENT = "respondent"
PAGE_SIZE = 50


class GridProject(ProjectData, Protocol):
    """What :func:`survey_grid` reads of a project (every :class:`~qualcode.project.Project` has it)."""

    def survey_answer_spans(self, *, source_file: str | None = None, documents: Iterable[int] | None = None,
                            text: bool = False) -> pd.DataFrame: ...

    def codings(self, *, document: str | int | None = None, coders: Iterable[str] | None = None,
                codes: Iterable[str] | None = None) -> pd.DataFrame: ...


@dataclass
class GridPage:
    """One page of the grid.

    ``frame``: the page's rows (respondent, the attributes, then per question its answer and its codes, the
    codes column named ``"<question> · codes"`` by :func:`codes_column`); ``answers``: the page's answers
    (rows of ``survey_answers`` with ``codes``); ``respondents``: how many meet the filters; ``page`` (from 1)
    and ``pages``; ``questions`` and ``attributes``: the column order.
    """

    frame: pd.DataFrame
    answers: pd.DataFrame
    respondents: int
    page: int
    pages: int
    questions: list[str]
    attributes: list[str]
    first: int = 0
    kinds: dict[str, str] = field(default_factory=dict)


def codes_column(question: str) -> str:
    """The name of the column listing the codes on the answers to ``question``."""
    return f"{question} · codes"


def respondent_table(answers: pd.DataFrame, informants: pd.DataFrame) -> pd.DataFrame:
    """One row per respondent of ``answers`` (as :meth:`Project.survey_answers`), in the file's order:
    respondent, document_id, group and ``attributes`` (a dict of name -> value as text)."""
    if answers.empty:
        return pd.DataFrame(columns=["respondent", "document_id", "group", "attributes"])
    first = answers.drop_duplicates("document_id")[["respondent", "document_id", "group"]]
    by_key = {str(k): a or {} for k, a in zip(informants["key"], informants["attributes"], strict=True)}
    table = first.reset_index(drop=True).copy()
    table["attributes"] = [{str(n): value_text(v) for n, v in by_key.get(str(r), {}).items()}
                           for r in table["respondent"]]
    return table


def attribute_columns(respondents: pd.DataFrame) -> list[str]:
    """The attribute names the respondents have, in the order they first appear."""
    names: dict[str, None] = {}
    for attributes in respondents["attributes"]:
        names.update(dict.fromkeys(attributes))
    return list(names)


def answer_codes(answers: pd.DataFrame, codings: pd.DataFrame) -> pd.Series:
    """For each answer (index of ``answers``), the sorted distinct codes (a tuple) of the ``codings``
    (document_id, start, end, code) that overlap its span; an empty tuple for none."""
    if answers.empty or codings.empty:
        return pd.Series([()] * len(answers), index=answers.index, dtype=object)
    left = answers[["document_id", "start", "end"]].reset_index(names="_answer")
    right = codings[["document_id", "start", "end", "code"]].rename(columns={"start": "c_start", "end": "c_end"})
    left["document_id"] = left["document_id"].astype("int64")
    right = right.assign(document_id=right["document_id"].astype("int64"))
    pairs = left.merge(right, on="document_id")
    pairs = pairs[(pairs["c_start"] < pairs["end"]) & (pairs["c_end"] > pairs["start"])]
    found: dict[Any, set[str]] = {}
    for answer, code in zip(pairs["_answer"], pairs["code"], strict=True):  # a groupby would build a Series each
        found.setdefault(answer, set()).add(str(code))
    codes = {answer: tuple(sorted(names)) for answer, names in found.items()}
    return pd.Series([codes.get(i, ()) for i in answers.index], index=answers.index, dtype=object)


def select_respondents(
    respondents: pd.DataFrame, answers: pd.DataFrame, *, documents: set[int] | None = None,
    code: str | None = None, uncoded: pd.Series | None = None, question: str | None = None,
    sort_by: str = BY_FILE, descending: bool = False, kinds: Mapping[str, tuple[str, Sequence[str]]] | None = None,
) -> pd.DataFrame:
    """The respondents meeting every filter, in the order asked.

    Parameters
    ----------
    respondents : DataFrame
        As :func:`respondent_table`.
    answers : DataFrame
        The answers with a ``codes`` column (the codes shown, :func:`answer_codes`).
    documents : set of int, optional
        Only respondents whose document is one of these (a Where condition's documents).
    code : str, optional
        Only respondents with an answer carrying this code.
    uncoded : Series of bool, optional
        Per answer (index of ``answers``), whether the coder has not coded it yet; only respondents with
        such an answer are kept.
    question : str, optional
        The code and "not coded yet" filters look at this question's answers only.
    sort_by : str
        ``""`` (the file's order), ``"respondent"`` or an attribute name; an attribute sorts by its declared
        kind (numbers by value, dates by date, categories in their order, text alphabetically), respondents
        without a value last either way; ties keep the file's order.
    kinds : dict, optional
        Declared attribute kinds (name -> (kind, categories)); an undeclared attribute sorts as text.
    """
    chosen = respondents
    if documents is not None:
        chosen = chosen[chosen["document_id"].astype("int64").isin(documents)]
    scope = answers if question is None else answers[answers["question"] == question]
    if code is not None:
        carrying = scope[[code in codes for codes in scope["codes"]]]
        chosen = chosen[chosen["document_id"].isin(set(carrying["document_id"]))]
    if uncoded is not None:
        open_answers = scope[uncoded.reindex(scope.index, fill_value=False).astype(bool)]
        chosen = chosen[chosen["document_id"].isin(set(open_answers["document_id"]))]
    if sort_by == BY_FILE:
        return chosen.iloc[::-1] if descending else chosen
    if sort_by == RESPONDENT:
        values = [str(r) for r in chosen["respondent"]]
        kind: tuple[str, Sequence[str]] = ("text", [])
    else:
        values = [a.get(sort_by, "") for a in chosen["attributes"]]
        kind = (kinds or {}).get(sort_by, ("text", []))
    key = sort_key(kind[0], kind[1])
    present = [i for i, v in enumerate(values) if v]
    missing = [i for i, v in enumerate(values) if not v]
    # stable either way (reverse=True keeps equal values in their order): ties keep the file's order
    present.sort(key=lambda i: key(values[i]), reverse=descending)
    return chosen.iloc[present + missing]


def page_of(count: int, page: int, size: int = PAGE_SIZE) -> tuple[int, int, int]:
    """The page shown (clamped to 1..pages), the number of pages (at least 1) and the page's first row."""
    if size < 1:
        raise InputError(f"page size must be at least 1, got {size}", key="err_sg_page_size", size=size)
    pages = max(1, math.ceil(count / size))
    page = min(max(1, int(page)), pages)
    return page, pages, (page - 1) * size


def grid_page(respondents: pd.DataFrame, answers: pd.DataFrame, questions: Sequence[str],
              attributes: Sequence[str]) -> pd.DataFrame:
    """The wide frame of ``respondents`` (already one page, in order): respondent, each attribute, then per
    question its answer (text) and its codes (joined with ", "). An attribute named like a question (a
    respondent known from elsewhere may carry one) is left out, so that no column is there twice."""
    taken = {RESPONDENT, *questions, *(codes_column(q) for q in questions)}
    attributes = [name for name in attributes if name not in taken]
    rows: list[dict[str, Any]] = []
    by_document: dict[int, list[dict]] = {}
    ids = set(respondents["document_id"].astype("int64"))
    for row in answers[answers["document_id"].astype("int64").isin(ids)].to_dict("records"):
        by_document.setdefault(int(row["document_id"]), []).append(row)
    for respondent, document_id, attrs in zip(respondents["respondent"], respondents["document_id"],
                                              respondents["attributes"], strict=True):
        row = {RESPONDENT: str(respondent), **{name: attrs.get(name, "") for name in attributes}}
        for question in questions:
            row[question] = ""
            row[codes_column(question)] = ""
        for answer in by_document.get(int(document_id), []):
            row[answer["question"]] = answer["answer"]
            row[codes_column(answer["question"])] = ", ".join(answer["codes"])
        rows.append(row)
    columns = [RESPONDENT, *attributes, *(c for q in questions for c in (q, codes_column(q)))]
    return pd.DataFrame(rows, columns=columns)


def survey_files(project: GridProject) -> list[str]:
    """The survey files whose answers the project holds, in order."""
    return sorted(set(project.survey_answer_spans()["source_file"]))


def survey_grid(
    project: GridProject, source_file: str, *, shown: Iterable[str] | None = None, coder: str | None = None,
    where: str | None = None, code: str | None = None, not_coded: bool = False, question: str | None = None,
    sort_by: str = BY_FILE, descending: bool = False, page: int = 1, size: int = PAGE_SIZE,
    spans: pd.DataFrame | None = None,
) -> GridPage:
    """One page of the grid of survey file ``source_file``.

    ``shown``: the coders whose codes the cells list (None: every coder's; a page passes the coder alone
    under blind coding); ``code`` filters on those codes. ``not_coded``: only respondents with an answer
    (to ``question`` when given) that ``coder`` has not coded yet. ``where``: a document-level condition
    (:func:`qualcode.project.filters.document_ids`). ``spans``: the answers' spans as
    :meth:`~qualcode.project.Project.survey_answer_spans` read them (of every file or of this one), when the
    caller has them already. Raises InputError for a bad condition (with its position) or ``not_coded``
    without a coder.
    """
    if spans is None:
        spans = project.survey_answer_spans(source_file=source_file)
    answers = spans[spans["source_file"] == source_file].reset_index(drop=True)
    questions = list(answers.sort_values("position", kind="stable")["question"].drop_duplicates())
    respondents = respondent_table(answers, project.informants())
    shown_list = list(shown) if shown is not None else None
    codings = project.codings(coders=shown_list)
    ids = set(answers["document_id"].astype("int64"))
    codings = codings[codings["document_id"].astype("int64").isin(ids)]
    answers["codes"] = answer_codes(answers, codings)
    uncoded = None
    if not_coded:
        if not coder:
            raise InputError("'not coded yet' needs a coder", key="err_sg_needs_coder")
        own = codings[codings["coder"] == coder] if shown_list is None or coder in shown_list \
            else project.codings(coders=[coder])
        uncoded = answer_codes(answers, own).map(len) == 0
    types = attribute_types(project) or {}
    chosen = select_respondents(respondents, answers, documents=document_ids(project, where),
                                code=code, uncoded=uncoded, question=question, sort_by=sort_by,
                                descending=descending, kinds=types)
    attrs = attribute_columns(respondents)
    page, pages, first = page_of(len(chosen), page, size)
    visible = chosen.iloc[first:first + size]
    page_answers = answers[answers["document_id"].isin(set(visible["document_id"]))]
    texts = project.survey_answer_spans(source_file=source_file, documents=visible["document_id"], text=True)
    by_span = {(int(d), str(q)): a for d, q, a in zip(texts["document_id"], texts["question"], texts["answer"],
                                                      strict=True)}
    page_answers = page_answers.assign(answer=[by_span.get((int(d), str(q)), "") for d, q in
                                               zip(page_answers["document_id"], page_answers["question"],
                                                   strict=True)])
    frame = grid_page(visible, page_answers, questions, attrs)
    return GridPage(frame=frame, answers=page_answers, respondents=len(chosen), page=page, pages=pages,
                    questions=questions, attributes=attrs, first=first,
                    kinds={name: kind for name, (kind, _c) in types.items()})


def part_span(answer: str, start: int, words: str, nth: int = 1) -> tuple[int, int]:
    """The document span of the ``nth`` occurrence (from 1) of ``words`` inside an answer that begins at
    offset ``start`` of its document: what coding a part of an answer codes.

    Raises InputError naming the field: empty ``words`` (``words``), ``nth`` below 1 or beyond the
    occurrences (``occurrence``), ``words`` not in the answer (``words``).

    Example
    -------
    >>> part_span("far, very far", 20, "far", 2)
    (30, 33)
    """
    text = (words or "").strip()
    if not text:
        raise InputError("words: type the words of the answer to code", key="err_sg_part_empty")
    if int(nth) < 1:
        raise InputError(f"occurrence: must be 1 or more, got {nth}", key="err_sg_part_nth", nth=nth)
    found, at = 0, answer.find(text)
    while at >= 0:
        found += 1
        if found == int(nth):
            return start + at, start + at + len(text)
        at = answer.find(text, at + 1)
    if found == 0:
        raise InputError(f"words: '{text}' is not in the answer", key="err_sg_part_missing", words=text)
    raise InputError(f"occurrence: '{text}' occurs {found} times in the answer, not {nth}",
                     key="err_sg_part_fewer", words=text, found=found, nth=nth)
