"""Coding queries: a small language that retrieves the passages where codes meet, and its evaluation.

A query names codes and says how they must meet: overlap, share a sentence, a speaker turn or a
document, lie within some words of each other, or one occur where the other does not; a ``WHERE``
clause keeps only the codings of some groups, informants, source types, coders or informant
attributes. The result is a list of *passages* (document, start, end, the codes and coders behind
them), which :meth:`qualcode.project.Project.run_query` lays out as a quote table.

Grammar (keywords in any case; ``{ }`` repeats, ``[ ]`` is optional)::

    query     = expr [ "WITHIN" scope ] [ "WHERE" condition ]
    scope     = "sentence" | "turn" | "document"
    expr      = and_expr { "OR" and_expr }
    and_expr  = not_expr { "AND" not_expr }
    not_expr  = near_expr { "NOT" near_expr }
    near_expr = operand [ "NEAR" operand NUMBER "WORDS" ]
    operand   = CODE | "(" expr ")"
    condition = cond_and { "OR" cond_and }
    cond_and  = cond_not { "AND" cond_not }
    cond_not  = [ "NOT" ] ( "(" condition ")" | FIELD op value )
    op        = "=" | "!=" | "~" | "<" | ">" | "<=" | ">="
    value     = WORD | NUMBER | STRING

``CODE`` is a code key as the codebook spells it (``E3.1``; quoted, ``"AND"``, when a key is a keyword).
Precedence, tightest first: ``NEAR``, ``NOT``, ``AND``, ``OR``; parentheses group. ``STRING`` is in
double or single quotes. ``FIELD`` is ``group``, ``informant``, ``source_type``, ``coder``,
``document``, ``role``, ``organisation``, ``date`` (the day a coding was made, ``YYYY-MM-DD``) or the
name of an informant attribute (``gender``, ``interview_date`` ...).

What each operator returns (a code on its own: its codings, one passage per distinct span):

- ``A OR B``: the passages of A and of B. Within a sentence or turn: the units holding A or B.
- ``A AND B`` without a scope: where a passage of A and one of B overlap, their common characters.
  ``WITHIN sentence`` / ``WITHIN turn``: the sentence (turn) units that hold both (a unit holds a code
  when a passage of it has a character in the unit). ``WITHIN document``: the passages of A and of B in
  the documents that hold both.
- ``A NOT B``: the passages of A that overlap no passage of B; ``WITHIN`` a unit: that share no sentence
  (turn) with a passage of B; ``WITHIN document``: in documents without B. A passage of A that touches
  no unit of the scope has no B beside it and is kept.
- ``A NEAR B n WORDS``: for each pair of a passage of A and one of B in one document with at most ``n``
  words between them (overlapping: none), the span from the first character of the pair to the last.
  A word is a run of letters, digits or underscores (``\\w+``); it counts when it lies wholly between them.

The scope applies to every ``AND``, ``OR`` and ``NOT`` of the query; ``NEAR`` has its own distance.
A passage carries the codes and coders whose passages made it.

``WHERE`` keeps the codings the condition holds for, before the operators run. ``=`` compares exactly
(numbers as numbers), ``~`` is case-insensitive "contains", ``!=`` holds where the value differs or is
missing; ``<``, ``>``, ``<=``, ``>=`` compare numbers, or dates written ``YYYY-MM-DD``, and fail where
the value is missing or not of that kind. A document without an informant has no group, informant,
role, organisation or attribute, so only ``!=`` holds for them there.

Errors are :class:`~qualcode.errors.InputError` with ``position`` (0-based) and a message that shows the
query with a caret under that position.

Example
-------
>>> q = parse("(E3.1 OR E3.4) AND E4.2 WITHIN sentence WHERE group = leadership")
>>> q.scope, str(q.expr), str(q.where)
('sentence', '((E3.1 OR E3.4) AND E4.2)', "group = 'leadership'")
>>> parse("E1 AND (E2")
Traceback (most recent call last):
...
qualcode.errors.InputError: query error at position 10: ')' expected, found the end of the query
  E1 AND (E2
            ^
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from .query_syntax import (
    FIELDS,
    KEYWORDS,
    OPERATORS,
    SCOPES,
    Binary,
    Code,
    Compare,
    Condition,
    Filter,
    Logic,
    Near,
    Node,
    Query,
    parse,
    parse_condition,
    query_error,
)

#: The columns of :func:`evaluate`'s result.
PASSAGE_COLUMNS = ["document_id", "start", "end", "codes", "coders"]

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEY = 1 << 32  # document id * _KEY + offset: one sorted axis over every document


#: Fields that belong to a coding, not to its document: a condition on documents cannot use them.
CODING_FIELDS = ("coder", "date")
#: The kinds of a declared informant attribute (see :data:`AttributeTypes`).
ATTRIBUTE_KINDS = ("text", "number", "date", "category")
#: Declared attribute types: attribute name -> (kind, categories in order; empty unless a category).
AttributeTypes = Mapping[str, tuple[str, Sequence[str]]]


def condition_mask(condition: Filter | Query | str, codings: pd.DataFrame, *,
                   documents: pd.DataFrame | None = None, informants: pd.DataFrame | None = None,
                   known: Mapping[str, Iterable[str]] | None = None,
                   types: AttributeTypes | None = None) -> np.ndarray:
    """Whether each coding meets a condition (boolean array aligned with ``codings``' rows).

    Parameters
    ----------
    condition : Filter, Query or str
        A parsed condition (or query: its WHERE; none: every row) or a condition's text.
    codings : DataFrame
        ``document_id`` and, as the condition needs them, ``coder`` and ``created_at``.
    documents, informants, known
        As for :func:`evaluate`.
    types : mapping, optional
        Declared attribute types (:data:`AttributeTypes`): an ``=``/``!=`` on a category attribute must
        name one of its categories, ``<``/``>`` on a text or category attribute is an error, numbers and
        dates compare by value.
    """
    parsed = parse_condition(condition) if isinstance(condition, str) else condition
    if parsed.where is None:
        return np.ones(len(codings), dtype=bool)
    return _mask(parsed, parsed.where, codings.reset_index(drop=True), documents, informants, known or {},
                 _lower_types(types))


def document_mask(condition: Filter | str, documents: pd.DataFrame, *, informants: pd.DataFrame | None = None,
                  known: Mapping[str, Iterable[str]] | None = None,
                  types: AttributeTypes | None = None) -> np.ndarray:
    """Whether each document meets a condition on document-level fields (group, informant, source_type,
    document, role, organisation, informant attributes); ``coder`` or ``date`` is an InputError at its
    position, since they are a coding's. Arguments as for :func:`condition_mask`."""
    parsed = parse_condition(condition) if isinstance(condition, str) else condition
    for compare in _compares(parsed.where):
        if compare.field in CODING_FIELDS:
            raise query_error(parsed.text, compare.position,
                              f"{compare.field} is a coding's, not a document's: it applies to codings "
                              f"(the matrix, the quote table), not here", "condition")
    rows = pd.DataFrame({"document_id": documents["id"].to_numpy()})
    return _mask(parsed, parsed.where, rows, documents, informants, known or {}, _lower_types(types))


def condition_fields(condition: Filter | Query) -> set[str]:
    """The fields a condition names."""
    return {c.field for c in _compares(condition.where)}


def _compares(condition: Condition | None) -> list[Compare]:
    if condition is None:
        return []
    if isinstance(condition, Compare):
        return [condition]
    return [c for item in condition.items for c in _compares(item)]


def _lower_types(types: AttributeTypes | None) -> dict[str, tuple[str, list[str]]]:
    out: dict[str, tuple[str, list[str]]] = {}
    for name, (kind, categories) in (types or {}).items():
        if kind not in ATTRIBUTE_KINDS:
            raise InputError(unknown_kind_message(name, kind))
        out[str(name).lower()] = (kind, [str(c) for c in (categories or [])])
    return out


def unknown_kind_message(name: str, kind: Any) -> str:
    return f"attribute {name!r} has unknown kind {kind!r}; allowed: {', '.join(ATTRIBUTE_KINDS)}"


# -- evaluation --------------------------------------------------------------------

def evaluate(query: Query | str, codings: pd.DataFrame, *, units: pd.DataFrame | None = None,
             documents: pd.DataFrame | None = None, informants: pd.DataFrame | None = None,
             texts: Mapping[int, str] | None = None, codes: Iterable[str] | None = None,
             known: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """The passages a query retrieves.

    Parameters
    ----------
    query : Query or str
        A parsed query or its text.
    codings : DataFrame
        ``document_id``, ``coder``, ``code``, ``start``, ``end`` (as :meth:`Project.codings`); ``created_at``
        (ISO time) for a WHERE on ``date``.
    units : DataFrame, optional
        ``document_id``, ``kind`` (sentence/turn), ``start``, ``end``; needed for ``WITHIN sentence|turn``.
        Units of one kind in one document do not overlap.
    documents : DataFrame, optional
        ``id``, ``name``, ``informant``, ``group``, ``source_type``; needed for a WHERE on them.
    informants : DataFrame, optional
        ``key``, ``role``, ``organisation``, ``attributes`` (dict); needed for a WHERE on them.
    texts : mapping, optional
        Document id -> text; needed for ``NEAR``.
    codes : iterable of str, optional
        The codebook's keys: a query naming another code is an error at its position.
    known : mapping, optional
        Field -> the values it may take (group keys, coder names ...): an ``=`` or ``!=`` on another
        value is an error at its position (a typo would otherwise match nothing).

    Returns
    -------
    DataFrame
        :data:`PASSAGE_COLUMNS`, sorted by document and position; ``codes`` and ``coders`` are sorted
        tuples.
    """
    query = parse(query) if isinstance(query, str) else query
    if codes is not None:
        keys = set(codes)
        for code in query.codes:
            if code.key not in keys:
                shown = ", ".join(sorted(keys)[:12]) + (" ..." if len(keys) > 12 else "")
                raise query_error(query.text, code.position, f"unknown code {code.key!r}; known: {shown}")
    frame = codings[[c for c in ("document_id", "coder", "code", "start", "end", "created_at") if c in codings]]
    if query.where is not None:
        frame = frame[_mask(query, query.where, frame, documents, informants, known or {})]
    scope_units = None
    if query.scope in ("sentence", "turn"):
        if units is None:
            raise InputError(f"WITHIN {query.scope} needs the documents' units")
        scope_units = units[units["kind"] == query.scope]
    evaluator = _Evaluator(frame, query.scope, scope_units, texts, query.text)
    return evaluator.run(query.expr)


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"document_id": pd.Series(dtype="int64"), "start": pd.Series(dtype="int64"),
                         "end": pd.Series(dtype="int64"), "codes": pd.Series(dtype=object),
                         "coders": pd.Series(dtype=object)})


def _union(values: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    out: set[str] = set()
    for value in values:
        out.update(value)
    return tuple(sorted(out))


def _gather(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (document, start, end), its codes and coders united, sorted by position."""
    if frame.empty:
        return _empty()
    out = (frame.groupby(["document_id", "start", "end"], sort=True)
           .agg(codes=("codes", _union), coders=("coders", _union)).reset_index())
    return out.astype({"document_id": "int64", "start": "int64", "end": "int64"})[PASSAGE_COLUMNS]


def _pairs(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Every pair of a row of ``a`` and a row of ``b`` in the same document (columns suffixed _a, _b)."""
    left = a.reset_index(drop=True).rename(columns=lambda c: c if c == "document_id" else f"{c}_a")
    left["row_a"] = np.arange(len(left))
    right = b.reset_index(drop=True).rename(columns=lambda c: c if c == "document_id" else f"{c}_b")
    return left.merge(right, on="document_id")


class _Evaluator:
    def __init__(self, codings: pd.DataFrame, scope: str | None, units: pd.DataFrame | None,
                 texts: Mapping[int, str] | None, text: str) -> None:
        self.codings = codings
        self.scope = scope
        self.text = text
        self.texts = texts
        self.units = None
        if units is not None:
            ordered = units.sort_values(["document_id", "start"])
            self.units = ordered[["document_id", "start", "end"]].astype("int64").reset_index(drop=True)
            self.unit_starts = (self.units["document_id"].to_numpy() * _KEY + self.units["start"].to_numpy())
            self.unit_ends = (self.units["document_id"].to_numpy() * _KEY + self.units["end"].to_numpy())
        self._words: tuple[np.ndarray, np.ndarray] | None = None

    def run(self, node: Node) -> pd.DataFrame:
        if isinstance(node, Code):
            part = self.codings[self.codings["code"] == node.key]
            frame = pd.DataFrame({"document_id": part["document_id"].astype("int64"),
                                  "start": part["start"].astype("int64"), "end": part["end"].astype("int64"),
                                  "codes": [(node.key,)] * len(part),
                                  "coders": [(str(c),) for c in part["coder"]]})
            return _gather(frame)
        if isinstance(node, Near):
            return self.near(self.run(node.left), self.run(node.right), node.words, node.position)
        left, right = self.run(node.left), self.run(node.right)
        if node.op == "OR":
            if self.scope in ("sentence", "turn"):
                return self.unit_passages(pd.concat([self.touched(left), self.touched(right)]))
            return _gather(pd.concat([left, right]))
        if node.op == "AND":
            return self.both(left, right)
        return self.without(left, right)

    # overlap ---------------------------------------------------------------------

    def both(self, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
        if a.empty or b.empty:
            return _empty()
        if self.scope == "document":
            shared = set(a["document_id"]) & set(b["document_id"])
            return _gather(pd.concat([a[a["document_id"].isin(shared)], b[b["document_id"].isin(shared)]]))
        if self.scope in ("sentence", "turn"):
            ta, tb = self.touched(a), self.touched(b)
            shared = set(ta["unit"]) & set(tb["unit"])
            both = pd.concat([ta[ta["unit"].isin(shared)], tb[tb["unit"].isin(shared)]])
            return self.unit_passages(both)
        pairs = _pairs(a, b)
        pairs = pairs[(pairs["start_a"] < pairs["end_b"]) & (pairs["start_b"] < pairs["end_a"])]
        frame = pd.DataFrame({
            "document_id": pairs["document_id"],
            "start": np.maximum(pairs["start_a"], pairs["start_b"]),
            "end": np.minimum(pairs["end_a"], pairs["end_b"]),
            "codes": [_union(p) for p in zip(pairs["codes_a"], pairs["codes_b"], strict=True)],
            "coders": [_union(p) for p in zip(pairs["coders_a"], pairs["coders_b"], strict=True)]})
        return _gather(frame)

    def without(self, a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
        if a.empty or b.empty:
            return a
        if self.scope == "document":
            return a[~a["document_id"].isin(set(b["document_id"]))].reset_index(drop=True)
        if self.scope in ("sentence", "turn"):
            ta = self.touched(a)
            hit = set(self.touched(b)["unit"])
            bad = set(ta.loc[ta["unit"].isin(hit), "row"])
            return a[~np.isin(np.arange(len(a)), list(bad))].reset_index(drop=True)
        pairs = _pairs(a, b)
        pairs = pairs[(pairs["start_a"] < pairs["end_b"]) & (pairs["start_b"] < pairs["end_a"])]
        return a[~np.isin(np.arange(len(a)), pairs["row_a"].unique())].reset_index(drop=True)

    # units -----------------------------------------------------------------------

    def touched(self, passages: pd.DataFrame) -> pd.DataFrame:
        """One row per (passage, unit it has a character in): row (the passage's position), unit (index of
        the sorted units), codes, coders."""
        assert self.units is not None
        docs = passages["document_id"].to_numpy(dtype=np.int64)
        starts = docs * _KEY + passages["start"].to_numpy(dtype=np.int64)
        ends = docs * _KEY + passages["end"].to_numpy(dtype=np.int64)
        first = np.searchsorted(self.unit_ends, starts, side="right")  # first unit ending after the start
        last = np.searchsorted(self.unit_starts, ends, side="left") - 1  # last unit starting before the end
        counts = np.maximum(last - first + 1, 0)
        rows = np.repeat(np.arange(len(passages)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        unit = np.repeat(first, counts) + offsets
        return pd.DataFrame({"row": rows, "unit": unit,
                             "codes": passages["codes"].to_numpy()[rows] if len(rows) else [],
                             "coders": passages["coders"].to_numpy()[rows] if len(rows) else []})

    def unit_passages(self, touched: pd.DataFrame) -> pd.DataFrame:
        """The units in ``touched`` as passages, each with the codes and coders of the passages in it."""
        assert self.units is not None
        if touched.empty:
            return _empty()
        spans = self.units.iloc[touched["unit"].to_numpy()]
        frame = pd.DataFrame({"document_id": spans["document_id"].to_numpy(), "start": spans["start"].to_numpy(),
                              "end": spans["end"].to_numpy(), "codes": touched["codes"].to_numpy(),
                              "coders": touched["coders"].to_numpy()})
        return _gather(frame)

    # distance --------------------------------------------------------------------

    def words(self, position: int) -> tuple[np.ndarray, np.ndarray]:
        """Start and end keys of every word of every document, in order."""
        if self._words is None:
            if self.texts is None:
                raise query_error(self.text, position, "NEAR needs the documents' texts")
            starts: list[int] = []
            ends: list[int] = []
            for doc in sorted(self.texts):
                base = int(doc) * _KEY
                for match in _WORD.finditer(self.texts[doc]):
                    starts.append(base + match.start())
                    ends.append(base + match.end())
            self._words = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
        return self._words

    def near(self, a: pd.DataFrame, b: pd.DataFrame, limit: int, position: int) -> pd.DataFrame:
        word_starts, word_ends = self.words(position)
        if a.empty or b.empty:
            return _empty()
        pairs = _pairs(a, b)
        docs = pairs["document_id"].to_numpy(dtype=np.int64) * _KEY
        gap_start = np.minimum(pairs["end_a"], pairs["end_b"]).to_numpy(dtype=np.int64)
        gap_end = np.maximum(pairs["start_a"], pairs["start_b"]).to_numpy(dtype=np.int64)
        # words wholly in [gap_start, gap_end): none when the two overlap or touch
        first = np.searchsorted(word_starts, docs + gap_start, side="left")
        after = np.searchsorted(word_ends, docs + gap_end, side="right")
        between = np.where(gap_end > gap_start, np.maximum(after - first, 0), 0)
        pairs = pairs[between <= limit]
        frame = pd.DataFrame({
            "document_id": pairs["document_id"],
            "start": np.minimum(pairs["start_a"], pairs["start_b"]),
            "end": np.maximum(pairs["end_a"], pairs["end_b"]),
            "codes": [_union(p) for p in zip(pairs["codes_a"], pairs["codes_b"], strict=True)],
            "coders": [_union(p) for p in zip(pairs["coders_a"], pairs["coders_b"], strict=True)]})
        return _gather(frame)


# -- WHERE ---------------------------------------------------------------------------

def _error(query: Query | Filter, position: int, problem: str) -> InputError:
    return query_error(query.text, position, problem, "condition" if isinstance(query, Filter) else "query")


def _mask(query: Query | Filter, condition: Condition, codings: pd.DataFrame, documents: pd.DataFrame | None,
          informants: pd.DataFrame | None, known: Mapping[str, Iterable[str]],
          types: Mapping[str, tuple[str, list[str]]] | None = None) -> np.ndarray:
    """Whether each coding meets ``condition``; ``types``: declared attribute types, names in lower case."""
    types = types or {}
    if isinstance(condition, Logic):
        masks = [_mask(query, item, codings, documents, informants, known, types) for item in condition.items]
        if condition.op == "NOT":
            return ~masks[0]
        out = masks[0]
        for mask in masks[1:]:
            out = (out & mask) if condition.op == "AND" else (out | mask)
        return out
    values = _field_values(query, condition, codings, documents, informants)
    allowed = known.get(condition.field)
    if allowed is not None and condition.op in ("=", "!="):
        allowed = list(dict.fromkeys(map(str, allowed)))
        if condition.value not in allowed:
            shown = ", ".join(allowed[:12]) + (" ..." if len(allowed) > 12 else "")
            raise _error(query, condition.value_position,
                         f"unknown {condition.field} {condition.value!r}; known: {shown or 'none'}")
    kind, categories = types.get(condition.field, (None, []))
    if kind == "category" and condition.op in ("=", "!=") and condition.value not in categories:
        raise _error(query, condition.value_position,
                     f"{condition.value!r} is not a category of {condition.field}; categories: "
                     f"{', '.join(categories) or 'none declared'}")
    if kind in ("text", "category") and condition.op in ("<", ">", "<=", ">="):
        raise _error(query, condition.position,
                     f"{condition.field} is a {kind} attribute; {condition.op} compares numbers or dates "
                     f"(use = or ~)")
    if kind == "number" and condition.op != "~" and _number(condition.value) is None:
        raise _error(query, condition.value_position,
                     f"{condition.field} is a number attribute; got {condition.value!r}")
    if kind == "date" and condition.op != "~" and not _DATE.fullmatch(condition.value):
        raise _error(query, condition.value_position,
                     f"{condition.field} is a date attribute (YYYY-MM-DD); got {condition.value!r}")
    return _compare(query, condition, values, kind)


def _field_values(query: Query | Filter, condition: Compare, codings: pd.DataFrame, documents: pd.DataFrame | None,
                  informants: pd.DataFrame | None) -> list[Any]:
    """The value of the condition's field for each coding (None where it has none)."""
    name = condition.field
    if name == "coder":
        return [str(c) for c in codings["coder"]]
    if name == "date":
        if "created_at" not in codings:
            raise _error(query, condition.position, "WHERE date needs the codings' times")
        return [str(c)[:10] if isinstance(c, str) else None for c in codings["created_at"]]
    if documents is None:
        raise _error(query, condition.position, f"WHERE {name} needs the documents")
    docs = documents.set_index("id")
    if name in ("group", "informant", "source_type"):
        mapping = {int(i): (v if isinstance(v, str) else None) for i, v in docs[name].items()}
        return [mapping.get(int(d)) for d in codings["document_id"]]
    if name == "document":
        mapping = {int(i): str(v) for i, v in docs["name"].items()}
        return [mapping.get(int(d)) for d in codings["document_id"]]
    attributes: dict[str, dict[str, Any]] = {}
    if informants is not None:
        for row in informants.to_dict("records"):
            found = {"role": row.get("role"), "organisation": row.get("organisation")}
            found.update({str(k).lower(): v for k, v in (row.get("attributes") or {}).items()})
            attributes[str(row["key"])] = found
    known_fields = set(FIELDS) | {k for found in attributes.values() for k in found}
    if name not in known_fields:
        raise _error(query, condition.position,
                          f"unknown field {name!r}; known: {', '.join(sorted(known_fields))}")
    by_doc = {int(i): attributes.get(v, {}).get(name) if isinstance(v, str) else None
              for i, v in docs["informant"].items()}
    return [by_doc.get(int(d)) for d in codings["document_id"]]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    return float(text) if _NUMBER.fullmatch(text) else None


def _compare(query: Query | Filter, condition: Compare, values: Sequence[Any], kind: str | None = None) -> np.ndarray:
    """``kind``: the field's declared type; text and category compare as text, dates by their day."""
    op, wanted = condition.op, condition.value
    missing = [v is None or (isinstance(v, float) and np.isnan(v)) or (isinstance(v, str) and not v.strip())
               for v in values]
    if op in ("=", "!="):
        number = None if kind in ("text", "category", "date") else _number(wanted)

        def same(value: Any) -> bool:
            if number is not None and _number(value) is not None:
                return _number(value) == number
            if kind == "date":
                return str(value).strip()[:10] == wanted
            return str(value).strip() == wanted

        equal = np.array([not gone and same(v) for v, gone in zip(values, missing, strict=True)], dtype=bool)
        return equal if op == "=" else ~equal
    if op == "~":
        needle = wanted.casefold()
        return np.array([not gone and needle in str(v).casefold() for v, gone in zip(values, missing, strict=True)],
                        dtype=bool)
    number = _number(wanted)
    if number is None and not _DATE.fullmatch(wanted):
        raise _error(query, condition.value_position,
                          f"{op} compares numbers or dates (YYYY-MM-DD); got {wanted!r}")
    if condition.field in ("group", "informant", "source_type", "coder", "document", "role", "organisation"):
        raise _error(query, condition.position, f"{condition.field} is text; {op} compares numbers or dates")
    check = {"<": lambda x, y: x < y, ">": lambda x, y: x > y, "<=": lambda x, y: x <= y,
             ">=": lambda x, y: x >= y}[op]
    out = []
    for value, gone in zip(values, missing, strict=True):
        if gone:
            out.append(False)
        elif number is not None:
            found = _number(value)
            out.append(found is not None and check(found, number))
        else:
            text = str(value).strip()[:10]
            out.append(bool(_DATE.fullmatch(text)) and check(text, wanted))
    return np.array(out, dtype=bool)


# -- counts ----------------------------------------------------------------------------

def passage_counts(passages: pd.DataFrame, documents: pd.DataFrame, *, by: str = "group",
                   order: Sequence[str] | None = None) -> pd.DataFrame:
    """How many result passages fall in each group, informant or source type, per code and in all.

    Parameters
    ----------
    passages : DataFrame
        :func:`evaluate`'s result.
    documents : DataFrame
        ``id`` and the ``by`` column (``group``, ``informant`` or ``source_type``).
    by : str
        The column of ``documents`` that is the axis: ``group``, ``informant``, ``source_type``, or one the
        caller added (an informant attribute's value per document).
    order : sequence of str, optional
        The columns in this order (every value, with zeros); default: the values found, sorted.

    Returns
    -------
    DataFrame
        Index: ``all`` (every passage), then each code that takes part in a passage (a passage counts once
        for each of its codes); one column per value of ``by``. ``attrs["unassigned"]``: passages left out
        for having no value on the axis (a document without an informant).
    """
    if by not in documents.columns:
        raise InputError(f"unknown axis (by) {by!r}; allowed: group, informant, source_type")
    axis = {int(i): v for i, v in zip(documents["id"], documents[by], strict=True) if isinstance(v, str)}
    values = [axis.get(int(d)) for d in passages["document_id"]]
    columns = list(order) if order is not None else sorted({v for v in values if v is not None})
    codes = sorted({c for codes in passages["codes"] for c in codes})
    table = pd.DataFrame(0, index=pd.Index(["all", *codes], name="code"), columns=columns, dtype="int64")
    unassigned = 0
    for value, passage_codes in zip(values, passages["codes"], strict=True):
        if value is None:
            unassigned += 1
            continue
        if value not in table.columns:
            table[value] = 0
        table.loc["all", value] += 1
        for code in passage_codes:
            table.loc[code, value] += 1
    table.columns.name = by
    table.attrs["unassigned"] = unassigned
    return table


__all__ = ["ATTRIBUTE_KINDS", "CODING_FIELDS", "FIELDS", "KEYWORDS", "OPERATORS", "PASSAGE_COLUMNS", "SCOPES",
           "AttributeTypes", "Binary", "Code", "Compare", "Filter", "Logic", "Near", "Query", "condition_fields",
           "condition_mask", "document_mask", "evaluate", "parse", "parse_condition", "passage_counts",
           "query_error"]
