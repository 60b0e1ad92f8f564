"""The quote table for papers: every coded passage grouped by code, then informant group, with a citation.

Pure: takes the codings DataFrame (``Project.codings``) and the texts of their documents.

Example
-------
>>> codings = pd.DataFrame({"code": ["E1"], "code_name": ["Drivers"], "group": ["community"],
...     "informant": ["I-01"], "document": ["I-01 wawancara"], "source_type": ["interview"],
...     "coder": ["rina"], "start": [5], "end": [13], "quote": ["dua\\ntiga"]})
>>> quote_table(codings, {"I-01 wawancara": "satu\\ndua\\ntiga\\n"})["citation"].tolist()
['(I-01, community, ll. 2–3)']
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence

import pandas as pd

from ..errors import InputError
from ..spans import lines_of

DEFAULT_CITATION = "({informant}, {group}, {lines})"
#: What a citation template may name. ``lines``: "l. 29" for one line, "ll. 29–31" (en dash) for several;
#: ``group_name``: the group's display name (``group`` is its key).
CITATION_FIELDS = ("informant", "group", "group_name", "document", "source_type", "code", "code_name", "coder",
                   "line_start", "line_end", "lines")
QUOTE_COLUMNS = ["code", "code_name", "group", "informant", "document", "source_type", "coder",
                 "line_start", "line_end", "quote", "citation"]


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


def quote_table(codings: pd.DataFrame, texts: Mapping[str, str], *, code_order: Sequence[str] | None = None,
                group_order: Sequence[str] | None = None, citation: str = DEFAULT_CITATION,
                group_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Quotes sorted by code, then group, informant, document and position, each with a citation label.

    Parameters
    ----------
    codings : DataFrame
        Columns as :meth:`Project.codings` (code, code_name, group, informant, document,
        source_type, coder, start, end, quote).
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

    Returns
    -------
    DataFrame
        Columns :data:`QUOTE_COLUMNS`; ``line_end`` is the line of the passage's last character.
    """
    check_citation(citation)
    if codings.empty:
        return pd.DataFrame(columns=QUOTE_COLUMNS)
    frame = codings.copy()
    frame["line_start"], frame["line_end"] = 0, 0
    for name, part in frame.groupby("document", sort=False):
        if name not in texts:
            raise InputError(f"no text for document {name!r}")
        text = texts[name]
        frame.loc[part.index, "line_start"] = lines_of(text, part["start"].tolist())
        last_chars = [max(s, e - 1) for s, e in zip(part["start"], part["end"], strict=True)]
        frame.loc[part.index, "line_end"] = lines_of(text, last_chars)
    codes = list(code_order) if code_order is not None else sorted(frame["code"].unique())
    groups = list(group_order) if group_order is not None else sorted(frame["group"].dropna().unique())
    code_rank = {k: i for i, k in enumerate(codes)}
    group_rank = {k: i for i, k in enumerate(groups)}
    frame["_code"] = frame["code"].map(lambda k: code_rank.get(k, len(code_rank)))
    frame["_group"] = frame["group"].map(lambda k: group_rank.get(k, len(group_rank)))
    frame["_informant"] = frame["informant"].fillna("")
    frame = frame.sort_values(["_code", "code", "_group", "_informant", "document", "start", "end", "coder"],
                              kind="stable")
    frame["group"] = frame["group"].astype(object).where(frame["group"].notna(), None)
    frame["informant"] = frame["informant"].astype(object).where(frame["informant"].notna(), None)
    labels = []
    names = dict(group_names or {})
    for row in frame.itertuples(index=False):
        fields = {f: getattr(row, f) for f in CITATION_FIELDS if f not in ("group_name", "lines")}
        fields["group_name"] = names.get(row.group, row.group) if row.group is not None else None
        if fields["informant"] is None:
            fields["informant"] = row.document
        if fields["group"] is None:
            fields["group"] = fields["group_name"] = row.source_type
        fields = {f: _unbracketed(v) for f, v in fields.items()}
        fields["lines"] = line_reference(int(row.line_start), int(row.line_end))
        labels.append(citation.format(**fields))
    frame["citation"] = labels
    out = frame[QUOTE_COLUMNS].reset_index(drop=True)
    return out.astype({"line_start": int, "line_end": int})


def _unbracketed(value):
    """Round brackets in a citation's field as square ones (APA's brackets within brackets)."""
    return value.replace("(", "[").replace(")", "]") if isinstance(value, str) else value
