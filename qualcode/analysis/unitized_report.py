"""The unitized agreement report: Krippendorff et al.'s (2016) uα, |uα, cuα and (k)uα on the coders' own spans.

The unit-based report (:mod:`.agreement_report`) first projects codings onto sentences, turns or
characters. This one compares the spans themselves (:mod:`.unitized`): where each coder put a coding
and which code it carries, with the stretches a coder left uncoded as *gaps*.

**One continuum.** The documents are laid end to end (each span moved by the length of the
documents before it). That is how the coefficients treat several texts: the observed coincidences
l_ck are sums over positions, so they add up document by document; the expected coincidences depend
only on the margins l_c. and on the lengths of the units (S_c, and T_c of cuα), which add up too,
because a coding never crosses the end of its document, and gaps enter S_0 by their length, not its
square, so a gap that runs across two documents counts as the two gaps it joins. The order of the
documents changes nothing. Coefficients computed per document and then averaged would weigh a short
document like a long one and are not the paper's coefficients.

**Rows.**

- One row per code in ``codes``: |uα of the code (its spans against everything else, the binary
  coefficient of one category), (k)uα of the code within its *family* (below), the share of the text
  coded with it (``coded``) and the ``coverage`` of its (k)uα.
- One row per family: uα, |uα (any of its codes against none), cuα and the coverage of cuα, with the
  family's codes as the categories.
- "(all codes)": uα, |uα (any code against none) and cuα with every code read as a category, each span
  by its own code (sub-codes as themselves, no roll-up), as the pooled row of the unit report reads them.

**Families.** uα, cuα and (k)uα need each coder's spans to exclude each other: a coder's span cannot
be two categories at once. Real codings overlap (a passage about two elements of a framework carries
both), so the categorical coefficients are computed within families of codes that are alternatives
to each other, the children of one parent (the project passes the codebook's siblings: the top-level
codes, and the sub-codes of each parent). A code with sub-codes carries them when ``rollup`` says so:
its spans are its own and those of the codes below it (overlapping ones merged), so "E1 or E2?" is
asked of the top level and "E1.1 or E1.2?" of E1's sub-codes. Where one coder's spans of two codes of
a family (or of "(all codes)") still overlap, that family's uα, cuα and (k)uα are undefined, and
``reason`` names the coder, the two codes, the document and the characters of the first overlap and
how many there are; |uα needs no exclusion and is given whatever overlaps.

**Coverage.** cuα and (k)uα leave the gaps out: they judge the categories only where the spans of
different coders meet, so Krippendorff et al. (2016) pair them with their coverage, the share of the
coded matter they rest on (a (k)uα of 1 on a sliver of what was coded says little). The report computes
it from the observed coincidences l of uα (notation of :mod:`.unitized`, row/column 0: gaps), the
coincidences cuα keeps being the valued part of the same matrix; the coverage of (k)uα is

    (l_k. - l_k0) / l_k.

the share of the length coded k (summed over the ordered pairs of coders) that meets a span of
another coder (of any code of the family) instead of a gap; the coverage of cuα is
sum_{c,k != 0} l_ck / sum_{c != 0} l_c., the same over all codes of the set. 100% means every coded
character was also coded by the other coders; the rest, coded by one and not the other, is what |uα
judges. ``coded`` is l_k. / (m L): the share of the text the average coder coded with the code.

**Undefined figures** are NaN with the reason in ``reason`` (:data:`REASONS`), each prefixed with the
coefficients it concerns, e.g. "|uα, (k)uα: no coder coded any span with it".

**A coder with no spans.** A coder in ``coders`` who coded nothing in these documents (with the codes
read) counts as one who read the whole text and left all of it uncoded. That moves every figure, sometimes
by a lot (it adds a whole text of gaps to the margins chance is computed from, and divides the observed
coincidences by one more coder), so such coders are named in ``attrs["coders_without_spans"]`` and in the
``warning`` of the "(all codes)" row.

Reference
---------
Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of
unitizing textual continua: Further developments. *Quality & Quantity*, 50(6),
2347-2364. https://doi.org/10.1007/s11135-015-0266-1
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from .agreement_report import ALL_CODES, _coders, _rollup
from .unitized import binary_u_alpha, cu_alpha, k_u_alpha, u_alpha, u_coincidences

SPAN_COLUMNS = ("document_id", "coder", "code", "start", "end")
UNITIZED_COLUMNS = ["code", "row", "family", "coded", "binary_u_alpha", "k_u_alpha", "u_alpha", "cu_alpha",
                    "coverage", "reason", "warning"]
ROW_KINDS = ("code", "family", "all")
#: Labels of the families the project forms from the codebook: the top-level codes, and each parent's sub-codes.
TOP_LEVEL = "(top-level codes)"
SUB_CODES = "(sub-codes of {parent})"
LEVEL = "nominal"
#: The coefficients as the report's reasons name them.
SYMBOLS = {"binary_u_alpha": "|uα", "k_u_alpha": "(k)uα", "u_alpha": "uα", "cu_alpha": "cuα"}
#: Why a coefficient is undefined (the ``reason`` column), by a short key; ``overlap`` is filled in.
REASONS = {
    "no_text": "no text to compare",
    "none_coded": "no coder coded any span with it",
    "not_met": "no span of it meets a span of another coder",
    "none_met": "no spans of different coders meet",
    "one_code": "one code only where spans of different coders meet (no expected disagreement)",
    "overlap": ("coder {coder} coded {first} and {second} on overlapping text in {document} at {start}:{end} "
                "(places with such overlaps: {count}); these coefficients need each coder's spans of the codes "
                "compared to exclude each other"),
    "no_variation": "no expected disagreement",
}
WARNINGS = {"empty_coders": ("{coders} coded nothing in these documents: their whole text counts as uncoded, which "
                             "moves every figure")}
#: How a paper prints each statistic (:mod:`qualcode.export.numbers`).
NUMBER_KINDS = {"coded": "percent", "coverage": "percent", "binary_u_alpha": "coefficient",
                "k_u_alpha": "coefficient", "u_alpha": "coefficient", "cu_alpha": "coefficient"}


def unitized_report(spans: pd.DataFrame, lengths: Mapping[Any, int] | int, *, coders: Sequence[str],
                    codes: Sequence[str], rollup: Mapping[str, Sequence[str]] | None = None,
                    families: Mapping[str, Sequence[str]] | None = None,
                    documents: Mapping[Any, str] | None = None) -> pd.DataFrame:
    """Krippendorff et al.'s (2016) unitized alphas of ``coders`` per code, per family and for all codes.

    Parameters
    ----------
    spans : DataFrame
        document_id, coder, code, start, end (0-based, end-exclusive offsets in the document; the frame of
        the project's codings). Spans of other coders, and of codes neither reported nor read for a roll-up
        or a family, are left out.
    lengths : mapping or int
        Document id -> length of its text, in the order the documents are laid end to end (the order
        changes no figure). An int: one document, whose id is taken from ``spans`` (or 0).
    coders : sequence of str
        At least two coders; one who coded nothing still counts (see the module's note).
    codes : sequence of str
        The codes reported, one row each, in this order.
    rollup : mapping of str to sequence of str, optional
        Parent code -> the codes below it (every level): such a code's spans are its own and those of the
        codes below it, for its row and its family (not for "(all codes)").
    families : mapping of str to sequence of str, optional
        Family label -> its codes (alternatives to each other, typically siblings). Every code in ``codes``
        must be in exactly one family; a family may hold codes not reported (their spans are read for it).
        Default: one family of all ``codes``, whose figures are then those of "(all codes)" and get no row
        of their own (the codes should then not nest under ``rollup``).
    documents : mapping, optional
        Document id -> name, for the reasons and ``attrs["documents"]`` (default: the ids).

    Returns
    -------
    DataFrame
        Columns code, row ("code", "family" or "all"), family (a code row's family label), coded (share of
        the text coded with the code or set, mean over coders), binary_u_alpha, k_u_alpha (code rows),
        u_alpha and cu_alpha (family and "all" rows), coverage (of (k)uα on code rows, of cuα on the others),
        reason (why a figure is undefined, :data:`REASONS`) and warning. Code rows first, then one row per
        family that has a reported code, then "(all codes)".

        ``attrs``: coders, documents (names, in continuum order), document_ids, length (characters of the
        continuum), codes, families, rollup (parent -> codes read for it, for the parents reported),
        pooled_codes (the categories of "(all codes)"), coders_without_spans, overlaps (family label ->
        the first overlap found: coder, first, second, document, start, end, count), reasons (row position
        -> list of [coefficients, reason key, fields], for a translation), level ("nominal") and number_kinds.

    Raises
    ------
    InputError
        Fewer than two coders; spans without the five columns, with a document not in ``lengths``, outside
        their document or with offsets that are not whole numbers; a negative length; a reported code in no
        family or in two.

    Example
    -------
    Two coders, one document of 10 characters: a marks 2-6 as x, b marks 3-6 as x (the worked example of
    ``tests/test_unitized_alpha.py``: uα = |uα = 729/910).

    >>> spans = pd.DataFrame({"document_id": [1, 1], "coder": ["a", "b"], "code": ["x", "x"],
    ...                       "start": [2, 3], "end": [6, 6]})
    >>> report = unitized_report(spans, {1: 10}, coders=["a", "b"], codes=["x"])
    >>> report[["code", "binary_u_alpha", "coverage"]].round(4).values.tolist()
    [['x', 0.8011, 0.8571], ['(all codes)', 0.8011, 0.8571]]
    """
    names = _coders(coders)
    codes = list(dict.fromkeys(str(c) for c in codes))
    below = _rollup(rollup, codes)
    groups = _families(families, codes)
    carried = _rollup(rollup, list(dict.fromkeys([*codes, *(c for members in groups.values() for c in members)])))
    frame = _span_frame(spans)
    sizes = _lengths(lengths, frame)
    labels = {d: str(n) for d, n in (documents or {}).items()}
    offsets, total = {}, 0
    for doc, size in sizes.items():
        offsets[doc] = total
        total += size
    pooled = list(dict.fromkeys([*codes, *(c for subs in below.values() for c in subs)]))
    read = set(pooled) | {c for members in groups.values() for m in members for c in [m, *carried.get(m, [])]}
    frame = frame[frame["coder"].isin(names) & frame["code"].isin(read)]
    _check_inside(frame, sizes, labels)
    frame = frame.assign(start=frame["start"] + frame["document_id"].map(offsets),
                         end=frame["end"] + frame["document_id"].map(offsets))
    context = _Context(names, total, list(sizes), offsets, {d: labels.get(d, str(d)) for d in sizes})

    def spans_of(code: str, rolled: bool = True) -> pd.DataFrame:
        wanted = [code, *carried.get(code, [])] if rolled else [code]
        part = frame[frame["code"].isin(wanted)]
        return pd.DataFrame({"coder": part["coder"], "start": part["start"], "end": part["end"], "category": code})

    figures = {label: _set_figures([spans_of(c) for c in members], members, context)
               for label, members in groups.items()}
    rows: list[dict] = []
    reasons: dict[int, list] = {}
    for code in codes:
        label = next(lab for lab, members in groups.items() if code in members)
        family = figures[label]
        own = spans_of(code)
        binary, coded, why_binary = _binary(own, context)
        undefined: list[tuple[list[str], str, dict]] = []
        if why_binary:
            undefined.append((["binary_u_alpha"], why_binary, {}))
        k_value, coverage = family.k_u_alpha.get(code, math.nan), family.coverage_of.get(code, math.nan)
        if math.isnan(k_value):
            undefined.append((["k_u_alpha"], *_why_k(family, code, own.empty)))
        rows.append({"code": code, "row": "code", "family": label if families is not None else "", "coded": coded,
                     "binary_u_alpha": binary, "k_u_alpha": k_value, "u_alpha": math.nan, "cu_alpha": math.nan,
                     "coverage": coverage, "warning": ""})
        reasons[len(rows) - 1] = undefined
    if families is not None:
        for label, members in groups.items():
            if not any(c in codes for c in members):
                continue
            rows.append(_set_row(label, "family", figures[label]))
            reasons[len(rows) - 1] = figures[label].undefined()
    everything = _set_figures([spans_of(c, rolled=False) for c in pooled], pooled, context)
    rows.append(_set_row(ALL_CODES, "all", everything))
    reasons[len(rows) - 1] = everything.undefined()
    empty = [n for n in names if not (frame["coder"] == n).any()] if total else []  # no text: nothing to warn of
    if empty:
        rows[-1]["warning"] = WARNINGS["empty_coders"].format(coders=", ".join(empty))
    for position, parts in reasons.items():
        rows[position]["reason"] = _reason_text(parts)
    report = pd.DataFrame(rows, columns=UNITIZED_COLUMNS)
    overlaps = {label: dict(f.overlap) for label, f in figures.items() if f.overlap}
    if everything.overlap:
        overlaps[ALL_CODES] = dict(everything.overlap)
    report.attrs = {"coders": names, "documents": [context.names[d] for d in sizes], "document_ids": list(sizes),
                    "length": total, "codes": codes, "families": {k: list(v) for k, v in groups.items()},
                    "families_given": families is not None,
                    "rollup": {k: list(v) for k, v in below.items()}, "pooled_codes": pooled,
                    "coders_without_spans": empty, "overlaps": overlaps,
                    "reasons": {p: [[list(c), k, dict(f)] for c, k, f in parts]
                                for p, parts in reasons.items() if parts},
                    "level": LEVEL, "number_kinds": dict(NUMBER_KINDS)}
    return report


# -- the figures of one set of categories ----------------------------------------------

@dataclass
class _Context:
    coders: list[str]
    length: int
    documents: list[Any]
    offsets: dict[Any, int]
    names: dict[Any, str]

    def locate(self, position: int) -> tuple[Any, int]:
        """The document holding continuum position ``position`` and the offset in it."""
        doc = self.documents[0]
        for d in self.documents:
            if self.offsets[d] <= position:
                doc = d
            else:
                break
        return doc, position - self.offsets[doc]


@dataclass
class _SetFigures:
    """uα, |uα, cuα, coverage and per-code (k)uα of one set of categories, with why any is undefined."""

    coded: float = math.nan
    binary: float = math.nan
    u: float = math.nan
    cu: float = math.nan
    coverage: float = math.nan
    k_u_alpha: dict[str, float] = field(default_factory=dict)
    coverage_of: dict[str, float] = field(default_factory=dict)
    met: dict[str, bool] = field(default_factory=dict)
    overlap: dict | None = None
    one_code: bool = False
    why_binary: str = ""
    why_categorical: str = ""  # uα, cuα and (k)uα: no text, or an overlap
    why_u: str = ""
    why_cu: str = ""

    def undefined(self) -> list[tuple[list[str], str, dict]]:
        parts: list[tuple[list[str], str, dict]] = []
        if self.why_binary:
            parts.append((["binary_u_alpha"], self.why_binary, {}))
        if self.why_categorical:
            parts.append((["u_alpha", "cu_alpha"], self.why_categorical, dict(self.overlap or {})))
            return parts
        if self.why_u:
            parts.append((["u_alpha"], self.why_u, {}))
        if self.why_cu:
            parts.append((["cu_alpha"], self.why_cu, {}))
        return parts


def _set_figures(parts: list[pd.DataFrame], members: list[str], context: _Context) -> _SetFigures:
    data = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["coder", "start", "end",
                                                                                     "category"])
    data = data.astype({"start": np.int64, "end": np.int64})
    out = _SetFigures()
    out.binary, out.coded, out.why_binary = _binary(data.assign(category="any"), context)
    if context.length == 0:
        out.why_categorical = "no_text"
        return out
    overlap = _first_overlap(data, context)
    if overlap:
        out.overlap, out.why_categorical = overlap, "overlap"
        return out
    length, coders = context.length, context.coders
    out.u = u_alpha(data, length=length, coders=coders)
    if math.isnan(out.u):
        out.why_u = "none_coded" if data.empty else "no_variation"
    o, _, categories = u_coincidences(data, length=length, coders=coders)
    valued = o[1:, :].sum()
    out.coverage = float(o[1:, 1:].sum() / valued) if valued else math.nan
    out.cu = cu_alpha(data, length=length, coders=coders)
    met_codes = int((o[1:, 1:].sum(axis=1) > 0).sum())
    if math.isnan(out.cu):
        out.why_cu = ("none_coded" if data.empty else "none_met" if met_codes == 0
                      else "one_code" if met_codes == 1 else "no_variation")
    out.one_code = met_codes == 1
    for code in members:
        if code not in categories:
            continue
        row = o[1 + categories.index(code)]
        out.coverage_of[code] = float((row.sum() - row[0]) / row.sum())
        out.met[code] = bool(row.sum() - row[0] > 0)
        out.k_u_alpha[code] = k_u_alpha(data, length=length, category=code, coders=coders)
    return out


def _binary(data: pd.DataFrame, context: _Context) -> tuple[float, float, str]:
    """|uα of the spans in ``data`` (any category against none), the share of the text coded, and why |uα is
    undefined ("" when it is not)."""
    if context.length == 0:
        return math.nan, math.nan, "no_text"
    data = data.assign(category="any")
    value = binary_u_alpha(data, length=context.length, coders=context.coders)
    o, _, _ = u_coincidences(data, length=context.length, coders=context.coders)
    coded = float(o[1].sum() / (len(context.coders) * context.length)) if o.shape[0] > 1 else 0.0
    why = "" if not math.isnan(value) else ("none_coded" if data.empty else "no_variation")
    return value, coded, why


def _why_k(family: _SetFigures, code: str, unused: bool) -> tuple[str, dict]:
    if family.why_categorical:
        return family.why_categorical, dict(family.overlap or {})
    if unused or code not in family.coverage_of:
        return "none_coded", {}
    if not family.met.get(code):
        return "not_met", {}
    return ("one_code" if family.one_code else "no_variation"), {}


def _set_row(label: str, kind: str, figures: _SetFigures) -> dict:
    return {"code": label, "row": kind, "family": "", "coded": figures.coded, "binary_u_alpha": figures.binary,
            "k_u_alpha": math.nan, "u_alpha": figures.u, "cu_alpha": figures.cu,
            "coverage": math.nan if figures.why_categorical else figures.coverage, "warning": ""}


def _reason_text(parts: list[tuple[list[str], str, dict]]) -> str:
    """"|uα, (k)uα: no coder coded any span with it; ..." from (coefficients, reason key, fields)."""
    merged: dict[str, list[str]] = {}
    for coefficients, key, fields in parts:
        text = REASONS[key].format(**fields) if fields else REASONS[key]
        merged.setdefault(text, []).extend(coefficients)
    return "; ".join(f"{', '.join(SYMBOLS[c] for c in dict.fromkeys(cs))}: {text}" for text, cs in merged.items())


def _first_overlap(data: pd.DataFrame, context: _Context) -> dict | None:
    """The first place (in reading order) where one coder's spans of two categories overlap, with how many
    such places there are; None when each coder's spans exclude each other (same-category spans merged)."""
    found: list[tuple[int, int, str, str, str]] = []
    for coder in context.coders:
        merged: list[tuple[int, int, str]] = []
        for category, part in data[data["coder"] == coder].groupby("category", sort=False):
            current: list[int] | None = None
            for start, end in sorted(zip(part["start"].tolist(), part["end"].tolist(), strict=True)):
                if current is not None and start < current[1]:
                    current[1] = max(current[1], end)
                    continue
                if current is not None:
                    merged.append((current[0], current[1], str(category)))
                current = [start, end]
            if current is not None:
                merged.append((current[0], current[1], str(category)))
        merged.sort()
        reach, holder = -1, ""
        for start, end, category in merged:
            if start < reach:  # same-category spans were merged, so this is another category
                found.append((start, min(end, reach), coder, holder, category))
            if end > reach:
                reach, holder = end, category
    if not found:
        return None
    start, end, coder, first, second = min(found, key=lambda f: (f[0], context.coders.index(f[2])))
    doc, local = context.locate(start)
    return {"coder": coder, "first": first, "second": second, "document": f"'{context.names[doc]}'",
            "start": local, "end": local + (end - start), "count": len(found)}


# -- input -----------------------------------------------------------------------------

def _span_frame(spans: Any) -> pd.DataFrame:
    if not isinstance(spans, pd.DataFrame):
        raise InputError(f"spans must be a DataFrame with columns {', '.join(SPAN_COLUMNS)}; got "
                         f"{type(spans).__name__}")
    missing = [c for c in SPAN_COLUMNS if c not in spans.columns]
    if missing:
        raise InputError(f"spans lack column(s) {', '.join(missing)}; need {', '.join(SPAN_COLUMNS)}")
    frame = spans.loc[:, list(SPAN_COLUMNS)].copy()
    for column in ("start", "end"):
        values = frame[column].to_numpy()
        if len(values) and not np.issubdtype(values.dtype, np.integer):
            raise InputError(f"spans: {column} must be whole numbers (character offsets)")
    frame["coder"] = frame["coder"].astype(str)
    frame["code"] = frame["code"].astype(str)
    return frame


def _lengths(lengths: Mapping[Any, int] | int, frame: pd.DataFrame) -> dict[Any, int]:
    if not isinstance(lengths, Mapping):
        docs = pd.unique(frame["document_id"]) if len(frame) else [0]
        if len(docs) > 1:
            raise InputError("lengths is one number but the spans lie in several documents; give a mapping "
                             "document id -> length")
        lengths = {docs[0]: lengths}
    out: dict[Any, int] = {}
    for doc, size in lengths.items():
        if isinstance(size, bool) or not isinstance(size, int | np.integer) or size < 0:
            raise InputError(f"lengths: the length of document {doc!r} must be a whole number >= 0, got {size!r}")
        out[doc] = int(size)
    return out


def _check_inside(frame: pd.DataFrame, sizes: dict[Any, int], labels: Mapping[Any, str]) -> None:
    unknown = sorted({d for d in frame["document_id"] if d not in sizes}, key=str)
    if unknown:
        raise InputError(f"spans in document(s) {', '.join(map(str, unknown))} not among the documents given "
                         "(lengths)")
    limit = frame["document_id"].map(sizes)
    bad = (frame["start"] < 0) | (frame["end"] <= frame["start"]) | (frame["end"] > limit)
    if bad.any():
        row = frame[bad].iloc[0]
        doc = row["document_id"]
        raise InputError(f"spans: span {row['start']}:{row['end']} of coder {row['coder']} in document "
                         f"'{labels.get(doc, doc)}' is invalid; need 0 <= start < end <= {sizes[doc]} (its length)")


def _families(families: Mapping[str, Sequence[str]] | None, codes: list[str]) -> dict[str, list[str]]:
    if families is None:
        return {ALL_CODES: list(codes)}
    if not isinstance(families, Mapping):
        raise InputError(f"families must map a label to its codes, got {type(families).__name__}")
    out: dict[str, list[str]] = {}
    for label, members in families.items():
        if isinstance(members, str) or not isinstance(members, Sequence | set | frozenset):
            raise InputError(f"families: the codes of {label!r} must be a list of codes, got {members!r}")
        out[str(label)] = list(dict.fromkeys(str(c) for c in members))
    for code in codes:
        homes = [label for label, members in out.items() if code in members]
        if len(homes) != 1:
            raise InputError(f"families: code {code!r} must be in exactly one family, found in "
                             f"{len(homes) or 'none'}{': ' + ', '.join(homes) if homes else ''}")
    return out
