"""The quote table for papers: every coded passage grouped by code, then informant group, with a citation.

Pure: takes the codings DataFrame (``Project.codings``), the texts of their documents and, to cite
sentences, the documents' sentence units.

A *passage* is one code on exactly the same characters of one document (the same ``start`` and
``end``). Codings of the same passage by several coders are one row that lists its coders; passages
that overlap without being the same span stay separate rows (merging them would cite characters one
of the coders never coded).

Example
-------
>>> codings = pd.DataFrame({"code": ["E1", "E1"], "code_name": ["Drivers"] * 2, "group": ["community"] * 2,
...     "informant": ["I-01"] * 2, "document": ["I-01 wawancara"] * 2, "source_type": ["interview"] * 2,
...     "coder": ["sari", "rina"], "start": [5, 5], "end": [13, 13], "quote": ["dua\\ntiga"] * 2})
>>> table = quote_table(codings, {"I-01 wawancara": "satu\\ndua\\ntiga\\n"})
>>> table[["coders", "citation"]].values.tolist()
[['rina, sari', '(I-01, community, ll. 2–3)']]
>>> quote_table(codings, {"I-01 wawancara": "satu\\ndua\\ntiga\\n"}, reference="sentence",
...             sentences={"I-01 wawancara": [(0, 4), (5, 8), (9, 13)]})["citation"].tolist()
['(I-01, community, ss. 2–3)']
"""

from __future__ import annotations

import math
import string
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from ..errors import InputError, check_choice
from ..spans import lines_of

#: What the numbers of a citation count: lines of the stored text, or the document's sentence units.
REFERENCES = ("line", "sentence")
DEFAULT_CITATION = "({informant}, {group}, {ref})"
#: What a citation template may name. ``lines``: "l. 29" for one line, "ll. 29–31" (en dash) for several;
#: ``sentences``: "s. 12" or "ss. 12–14" (blank where the passage has no sentence number); ``ref``: the
#: reference of the table's unit (``sentences``, or ``lines`` where a passage has no sentence number);
#: ``group_name``: the group's display name (``group`` is its key); ``coders`` (and ``coder``): the coders of
#: the passage, comma-separated.
CITATION_FIELDS = ("informant", "group", "group_name", "document", "source_type", "code", "code_name", "coder",
                   "coders", "line_start", "line_end", "lines", "sentence_start", "sentence_end", "sentences", "ref")
#: The columns of a quote table that cites lines, without memos.
QUOTE_COLUMNS = ["code", "code_name", "group", "informant", "document", "source_type", "coders",
                 "line_start", "line_end", "quote", "citation"]


def quote_columns(*, reference: str = "line", memos: bool = False, exemplar: bool = False) -> list[str]:
    """The columns of :func:`quote_table` with these options (``exemplar``: the codings have the flag): the
    numbers of the reference unit, the first and last line or sentence of the passage.

    >>> quote_columns(reference="sentence", memos=True)[6:]
    ['coders', 'sentence_start', 'sentence_end', 'quote', 'memo', 'citation']
    """
    columns = QUOTE_COLUMNS[:7] + (["exemplar"] if exemplar else [])
    columns += ["sentence_start", "sentence_end"] if reference == "sentence" else ["line_start", "line_end"]
    return columns + ["quote"] + (["memo"] if memos else []) + ["citation"]


def check_citation(template: str) -> str:
    """``template`` when every ``{field}`` in it is one of :data:`CITATION_FIELDS`, else InputError."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise InputError(f"bad citation template {template!r}: {exc}") from None
    for field in fields:
        if field not in CITATION_FIELDS:
            raise InputError(f"unknown field {{{field}}} in citation template {template!r}; "
                             f"allowed: {', '.join(CITATION_FIELDS)}")
    return template


def line_reference(first: int, last: int) -> str:
    """Lines as a citation gives them.

    >>> line_reference(29, 29), line_reference(29, 31)
    ('l. 29', 'll. 29–31')
    """
    return f"l. {first}" if first == last else f"ll. {first}\u2013{last}"


def sentence_reference(first: int, last: int) -> str:
    """Sentences as a citation gives them.

    >>> sentence_reference(12, 12), sentence_reference(12, 14)
    ('s. 12', 'ss. 12–14')
    """
    return f"s. {first}" if first == last else f"ss. {first}\u2013{last}"


def reference_note(references: Sequence[str]) -> str:
    """What the numbers of the citations count, for the note of a table whose citations use ``references``
    (the table's ``attrs["references"]``: "sentence", "line" or both).

    >>> print(reference_note(["sentence", "line"]))  # doctest: +NORMALIZE_WHITESPACE
    s., ss. = sentence(s), numbered from 1 through each document (the sentence units the document was
    divided into at import; a passage cites every sentence it touches). l., ll. = line(s) of the stored
    text, numbered from 1 as in the transcript view, where a document has no sentence units.
    """
    parts = []
    if "sentence" in references:
        parts.append("s., ss. = sentence(s), numbered from 1 through each document (the sentence units the "
                     "document was divided into at import; a passage cites every sentence it touches).")
    if "line" in references:
        line = "l., ll. = line(s) of the stored text, numbered from 1 as in the transcript view"
        if "sentence" in references:
            parts.append(line + ", where a document has no sentence units.")
        else:
            parts.append(line + " (in a transcript with one paragraph per speaker turn, a line is a whole turn).")
    return " ".join(parts)


def quote_table(codings: pd.DataFrame, texts: Mapping[str, str], *, code_order: Sequence[str] | None = None,
                group_order: Sequence[str] | None = None, citation: str = DEFAULT_CITATION,
                group_names: Mapping[str, str] | None = None, reference: str = "line",
                sentences: Mapping[str, Sequence[tuple[int, int]]] | None = None,
                memos: bool = False,
                times: Mapping[tuple[str, int, int], tuple[float | None, float | None]] | None = None
                ) -> pd.DataFrame:
    """One row per coded passage, sorted by code, then group, informant, document and position, each with a
    citation label.

    Parameters
    ----------
    codings : DataFrame
        Columns as :meth:`Project.codings` (code, code_name, group, informant, document,
        source_type, coder, start, end, quote; memo for ``memos``; an ``exemplar`` column is carried
        when there is one).
    texts : mapping
        Document name -> stored text, for the line numbers (1-based, as the transcript view).
    code_order, group_order : sequence of str, optional
        Codebook and group order (default: alphabetical). Codings without a group (observations,
        documents) come after every group.
    citation : str
        ``str.format`` template over :data:`CITATION_FIELDS`. A document without informant cites
        its document name as ``informant`` and its source type as ``group``. Round brackets inside a
        field become square ones, so that a citation in brackets never nests them.
    group_names : mapping, optional
        Group key -> display name, for ``{group_name}`` (default: the key).
    reference : {"line", "sentence"}
        What ``{ref}`` cites. ``"line"`` (the default here, as it needs nothing but the texts): lines of
        the stored text, "l. 29". ``"sentence"``: the document's sentence units numbered from 1,
        "ss. 12–14", every sentence the passage has a character in; a passage in a document without
        sentence units (or touching none) cites its lines. The columns ``sentence_start`` and
        ``sentence_end`` (missing where the passage has no sentence number) then take the place of
        ``line_start`` and ``line_end``; ``{lines}`` still cites lines.
    sentences : mapping, optional
        Document name -> (start, end) of each of its sentence units; needed for ``reference="sentence"``.
    memos : bool
        Add a ``memo`` column: the memos of the passage's codings, one per line, each after its coder's
        name when the passage has several coders.
    times : mapping, optional
        (document, start, end) -> the passage's (start, end) in seconds of the document's recording; when
        given, the columns ``time_start`` and ``time_end`` follow the others (blank for a passage without).

    Returns
    -------
    DataFrame
        Columns :func:`quote_columns`: ``coders`` lists the passage's coders (sorted, comma-separated),
        ``exemplar`` (when the codings have the flag) is true when any of them flagged it, ``line_end``
        is the line of the passage's last character (``sentence_end`` its sentence).
        ``attrs["references"]``: the units the citations' ``{ref}`` uses, for :func:`reference_note`.

    Raises
    ------
    InputError
        Unknown ``reference`` or citation field, ``reference="sentence"`` without ``sentences``, or a
        document without text.
    """
    check_citation(citation)
    reference = check_choice(reference, REFERENCES, "reference unit (reference)")
    if reference == "sentence" and sentences is None:
        raise InputError("reference 'sentence' needs the documents' sentence units (sentences=...)")
    exemplar = "exemplar" in codings.columns
    columns = quote_columns(reference=reference, memos=memos, exemplar=exemplar)
    if codings.empty:
        empty = pd.DataFrame(columns=columns)
        empty.attrs["references"] = []
        return empty
    frame = _passages(codings, memos=memos, exemplar=exemplar)
    frame["line_start"], frame["line_end"] = 0, 0
    for column in ("sentence_start", "sentence_end"):
        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    for name, part in frame.groupby("document", sort=False):
        if name not in texts:
            raise InputError(f"no text for document {name!r}")
        text = texts[name]
        frame.loc[part.index, "line_start"] = lines_of(text, part["start"].tolist())
        last_chars = [max(s, e - 1) for s, e in zip(part["start"], part["end"], strict=True)]
        frame.loc[part.index, "line_end"] = lines_of(text, last_chars)
        if reference == "sentence" and sentences is not None and sentences.get(name):
            spans = sentence_numbers(sentences[name], part["start"].tolist(), part["end"].tolist())
            frame.loc[part.index, "sentence_start"] = pd.array([s for s, _ in spans], dtype="Int64")
            frame.loc[part.index, "sentence_end"] = pd.array([e for _, e in spans], dtype="Int64")
    codes = list(code_order) if code_order is not None else sorted(frame["code"].unique())
    groups = list(group_order) if group_order is not None else sorted(frame["group"].dropna().unique())
    code_rank = {k: i for i, k in enumerate(codes)}
    group_rank = {k: i for i, k in enumerate(groups)}
    frame["_code"] = frame["code"].map(lambda k: code_rank.get(k, len(code_rank)))
    frame["_group"] = frame["group"].map(lambda k: group_rank.get(k, len(group_rank)))
    frame["_informant"] = frame["informant"].fillna("")
    frame = frame.sort_values(["_code", "code", "_group", "_informant", "document", "start", "end"],
                              kind="stable")
    frame["group"] = frame["group"].astype(object).where(frame["group"].notna(), None)
    frame["informant"] = frame["informant"].astype(object).where(frame["informant"].notna(), None)
    labels, used = [], set()
    names = dict(group_names or {})
    for row in frame.itertuples(index=False):
        fields: dict[str, Any] = {f: getattr(row, f) for f in ("informant", "group", "document", "source_type",
                                                               "code", "code_name", "line_start", "line_end")}
        fields["coder"] = fields["coders"] = row.coders
        fields["group_name"] = names.get(row.group, row.group) if row.group is not None else None
        if fields["informant"] is None:
            fields["informant"] = row.document
        if fields["group"] is None:
            fields["group"] = fields["group_name"] = row.source_type
        fields = {f: _unbracketed(v) for f, v in fields.items()}
        fields["lines"] = line_reference(int(row.line_start), int(row.line_end))
        numbered = not pd.isna(row.sentence_start)
        fields["sentence_start"] = int(row.sentence_start) if numbered else ""
        fields["sentence_end"] = int(row.sentence_end) if numbered else ""
        fields["sentences"] = sentence_reference(int(row.sentence_start), int(row.sentence_end)) if numbered else ""
        fields["ref"] = fields["sentences"] if numbered else fields["lines"]
        used.add("sentence" if numbered else "line")
        labels.append(citation.format(**fields))
    frame["citation"] = labels
    out = frame[columns].reset_index(drop=True)
    if times is not None:
        found = [times.get((d, int(a), int(b)), (None, None))
                 for d, a, b in zip(frame["document"], frame["start"], frame["end"], strict=True)]
        out["time_start"] = [None if t is None else round(t, 3) for t, _ in found]
        out["time_end"] = [None if t is None else round(t, 3) for _, t in found]
    if reference == "line":
        out = out.astype({"line_start": int, "line_end": int})
    out.attrs["references"] = [r for r in ("sentence", "line") if r in used]
    return out


def sentence_numbers(spans: Sequence[tuple[int, int]], starts: Sequence[int],
                     ends: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """First and last sentence (numbered from 1 in text order) that each passage [start, end) has a character
    in; ``(None, None)`` for a passage that touches no sentence (one inside a speaker label).

    ``spans``: the document's sentence units as (start, end), which do not overlap.

    >>> sentence_numbers([(0, 4), (5, 8), (9, 13)], [5, 3, 4], [13, 6, 5])
    [(2, 3), (1, 2), (None, None)]
    """
    ordered = sorted((int(s), int(e)) for s, e in spans)
    firsts = [s for s, _ in ordered]
    lasts = [e for _, e in ordered]
    out: list[tuple[int | None, int | None]] = []
    for start, end in zip(starts, ends, strict=True):
        first = bisect_right(lasts, int(start))  # the first sentence ending after the passage starts
        last = bisect_left(firsts, int(end)) - 1  # the last sentence starting before the passage ends
        out.append((first + 1, last + 1) if first <= last else (None, None))
    return out


def _passages(codings: pd.DataFrame, *, memos: bool, exemplar: bool) -> pd.DataFrame:
    """The codings as passages: one row per code, document, start and end, with its coders (and memos and
    exemplar flag) gathered."""
    kept = ["code", "code_name", "group", "informant", "document", "source_type", "start", "end", "quote"]
    passages: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in codings.to_dict("records"):
        key = (row["code"], row["document"], int(row["start"]), int(row["end"]))
        item = passages.get(key)
        if item is None:
            item = passages[key] = {**{c: row[c] for c in kept}, "_coders": [], "_memos": [], "exemplar": False}
        item["_coders"].append(str(row["coder"]))
        memo = row.get("memo")
        if memos and isinstance(memo, str) and memo.strip():
            item["_memos"].append((str(row["coder"]), memo))
        if exemplar and _flagged(row["exemplar"]):
            item["exemplar"] = True
    rows = []
    for item in passages.values():
        coders = sorted(set(item.pop("_coders")))
        notes = sorted(item.pop("_memos"), key=lambda pair: pair[0])
        item["coders"] = ", ".join(coders)
        if memos:
            item["memo"] = "\n".join(f"{who}: {text}" if len(coders) > 1 else text for who, text in notes)
        rows.append(item)
    return pd.DataFrame(rows)


def _flagged(value: Any) -> bool:
    """Whether a coding's exemplar flag is set (missing counts as not set)."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def _unbracketed(value):
    """Round brackets in a citation's field as square ones (APA's brackets within brackets)."""
    return value.replace("(", "[").replace(")", "]") if isinstance(value, str) else value
