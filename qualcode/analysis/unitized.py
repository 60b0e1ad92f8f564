"""Krippendorff's unitizing alphas for free spans on a continuum (the u-alpha family).

No maintained Python library computes these, so they are written here from
Krippendorff, Mathet, Bouvry & Widlöcher (2016) and tested against values worked out
by hand and against the relations the paper states.

Each coder partitions a continuum of ``length`` positions (characters) into *units*
(a span with a category) and *gaps* (what the coder left uncoded, category 0 below).
For m coders, the observed coincidence of categories c and k is

    l_ck = sum over ordered coder pairs i != j of the lengths where coder i's
           section has c and coder j's has k, divided by (m - 1),

so the margins l_c. sum to m * length. The expected coincidences treat every unit as
unbreakable and every gap as breakable into single positions:

    e_ck = L (l_c. l_.k - [c == k] S_c) / (L^2 - S),  L = m * length,
    S_c = sum of squared unit lengths of category c (for gaps: the gap lengths), S = sum S_c.

- ``u_alpha`` (uα): 1 - (L - sum_c l_cc) / (L - sum_c e_cc), nominal, gaps included.
- ``binary_u_alpha`` (|uα): relevant against irrelevant matter. With ``category`` it is
  the binary coefficient of one category (its spans against everything else); without,
  every coded span counts as relevant (the paper's |uα).
- ``cu_alpha`` (cuα): agreement on the categories of intersecting units only, gaps
  left out: l_ck for c, k != 0, L' = sum of those, and
  e_ck = L' (l_c. l_.k - [c == k] T_c / (m - 1)) / (L'^2 - T / (m - 1)) with T_c the
  squared lengths by which each unit of category c is intersected by another coder's units.
- ``k_u_alpha`` ((k)uα): cuα restricted to one category k:
  1 - (e_k. / l_k.) (l_k. - l_kk) / (e_k. - e_kk).

Within one coder, overlapping spans of one category are merged; spans of different
categories must not overlap (the family assumes each coder's sections exclude each
other). A coefficient is NaN where it is undefined (no expected disagreement), and so is a
coefficient of one category that no coder used.

Every function checks its input and raises :class:`qualcode.errors.InputError` naming the
argument: ``spans`` without the four columns, a span outside ``0 <= start < end <= length``
(a span of no characters included), offsets that are not whole numbers, a span without a
coder or category, ``coders`` given as one string or missing a coder of ``spans``, fewer than
two coders, and a ``length`` that is not a whole number >= 1.

Reference
---------
Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of
unitizing textual continua: Further developments. *Quality & Quantity*, 50(6),
2347-2364. https://doi.org/10.1007/s11135-015-0266-1
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

SPAN_COLUMNS = ("coder", "start", "end", "category")


@dataclass(frozen=True)
class Sections:
    """One coder's partition of the continuum: starts, ends and category ids (0 = gap), in order."""

    starts: np.ndarray
    ends: np.ndarray
    values: np.ndarray


def u_alpha(spans: Any, *, length: int, coders: Iterable[str] | None = None) -> float:
    """Krippendorff's uα: agreement on unitizing and categorising the whole continuum (gaps included).

    Parameters
    ----------
    spans : DataFrame or iterable of records
        Columns ``coder``, ``start``, ``end`` (0-based, end-exclusive) and ``category``.
    length : int
        Length of the continuum (several documents are laid end to end by the caller).
    coders : iterable of str, optional
        Every coder taking part, including any who coded nothing (default: those in ``spans``).

    Example
    -------
    >>> spans = [("a", 2, 6, "x"), ("b", 3, 6, "x")]
    >>> round(u_alpha(pd.DataFrame(spans, columns=["coder", "start", "end", "category"]), length=10), 4)
    0.8011
    >>> round(u_alpha(spans, length=10), 4)  # records work as well as a DataFrame
    0.8011
    """
    sections, categories = _prepare(spans, length, coders)
    o, e = _u_matrices(sections, length)
    return _one_minus(o.sum() - np.trace(o), e.sum() - np.trace(e))


def binary_u_alpha(spans: Any, *, length: int, category: Any = None, coders: Iterable[str] | None = None) -> float:
    """|uα: how reliably coders tell relevant from irrelevant matter.

    With ``category`` the spans of that category are the relevant matter and everything
    else is a gap (the binary unitizing alpha of one category); without it, every span
    counts, whatever its category. Other parameters as for :func:`u_alpha`. NaN when
    no coder used ``category``.

    Example
    -------
    >>> spans = [("a", 0, 4, "x"), ("a", 6, 10, "y"), ("b", 0, 4, "x"), ("b", 6, 10, "x")]
    >>> binary_u_alpha(spans, length=10)  # the same units, though their categories differ
    1.0
    """
    frame = _frame(spans)
    names = _coder_names(coders, frame)
    if category is not None:
        frame = frame[frame["category"] == category]
    frame = frame.assign(category="relevant")
    sections, _ = _prepare(frame, length, names)
    o, e = _u_matrices(sections, length)
    return _one_minus(o[0].sum() - o[0, 0], e[0].sum() - e[0, 0])


def cu_alpha(spans: Any, *, length: int, coders: Iterable[str] | None = None) -> float:
    """cuα: agreement on the categories where units of different coders intersect (gaps ignored).

    Parameters as for :func:`u_alpha`. NaN when no units of different coders intersect.

    Example
    -------
    When every coder marks the same units of equal length, cuα is the nominal alpha of the
    categories they gave them (here ``krippendorff_alpha([[1, 2, 1], [1, 2, 2]])``):

    >>> spans = [("a", 0, 5, 1), ("a", 10, 15, 2), ("a", 20, 25, 1),
    ...          ("b", 0, 5, 1), ("b", 10, 15, 2), ("b", 20, 25, 2)]
    >>> round(cu_alpha(spans, length=30), 4)
    0.4444
    """
    sections, _ = _prepare(spans, length, coders)
    matrices = _cu_matrices(sections, length)
    if matrices is None:
        return math.nan
    o, e, _ = matrices
    return _one_minus(o.sum() - np.trace(o), e.sum() - np.trace(e))


def k_u_alpha(spans: Any, *, length: int, category: Any, coders: Iterable[str] | None = None) -> float:
    """(k)uα: cuα for one category ``category`` (how reliably intersecting units get this category).

    Parameters as for :func:`u_alpha`; NaN when no coder used ``category`` or no units of
    different coders intersect.
    """
    sections, categories = _prepare(spans, length, coders)
    if category not in categories:
        return math.nan
    matrices = _cu_matrices(sections, length)
    if matrices is None:
        return math.nan
    o, e, _ = matrices
    k = categories.index(category)  # row k of the valued-only matrices (category ids start at 1)
    l_k, l_kk = o[k].sum(), o[k, k]
    e_k, e_kk = e[k].sum(), e[k, k]
    if l_k == 0 or e_k - e_kk == 0:
        return math.nan
    return float(1 - (e_k / l_k) * (l_k - l_kk) / (e_k - e_kk))


# -- the coincidence matrices ----------------------------------------------------------

def u_coincidences(spans: Any, *, length: int, coders: Iterable[str] | None = None
                   ) -> tuple[np.ndarray, np.ndarray, list[Any]]:
    """Observed and expected coincidence matrices of :func:`u_alpha` (row/column 0: gaps, then the
    categories in first-seen order), for checks and reports."""
    sections, categories = _prepare(spans, length, coders)
    o, e = _u_matrices(sections, length)
    return o, e, categories


def _u_matrices(sections: list[Sections], length: int) -> tuple[np.ndarray, np.ndarray]:
    size = 1 + max((int(s.values.max()) for s in sections), default=0)
    o = _observed(sections, size)
    total = len(sections) * length
    squares = np.zeros(size)
    for s in sections:
        lengths = (s.ends - s.starts).astype(float)
        np.add.at(squares, s.values, np.where(s.values == 0, lengths, lengths ** 2))
    margins = o.sum(axis=1)
    denominator = total ** 2 - squares.sum()
    if denominator == 0:
        return o, np.full_like(o, np.nan)
    e = total * (np.outer(margins, margins) - np.diag(squares)) / denominator
    return o, e


def _cu_matrices(sections: list[Sections], length: int) -> tuple[np.ndarray, np.ndarray, float] | None:
    """Observed and expected cu matrices and the total, or None when no units of different coders meet."""
    size = 1 + max((int(s.values.max()) for s in sections), default=0)
    m = len(sections)
    o = _observed(sections, size)[1:, 1:]
    total = o.sum()
    if total == 0:
        return None
    squares = np.zeros(size)
    for i, a in enumerate(sections):
        units = np.flatnonzero(a.values)
        for j, b in enumerate(sections):
            if i == j or len(units) == 0:
                continue
            covered = _covered(b, a.starts[units], a.ends[units])
            np.add.at(squares, a.values[units], covered ** 2)
    squares = squares[1:] / (m - 1)
    margins = o.sum(axis=1)
    denominator = total ** 2 - squares.sum()
    if denominator == 0:
        return o, np.full_like(o, np.nan), total
    e = total * (np.outer(margins, margins) - np.diag(squares)) / denominator
    return o, e, total


def _observed(sections: list[Sections], size: int) -> np.ndarray:
    """l_ck summed over ordered coder pairs, divided by m - 1."""
    m = len(sections)
    o = np.zeros((size, size))
    for i in range(m):
        for j in range(i + 1, m):
            a, b = sections[i], sections[j]
            cuts = np.union1d(np.concatenate([a.starts, a.ends]), np.concatenate([b.starts, b.ends]))
            lefts, pieces = cuts[:-1], np.diff(cuts).astype(float)
            va = a.values[np.searchsorted(a.starts, lefts, side="right") - 1]
            vb = b.values[np.searchsorted(b.starts, lefts, side="right") - 1]
            np.add.at(o, (va, vb), pieces)
            np.add.at(o, (vb, va), pieces)
    return o / (m - 1)


def _covered(sections: Sections, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """For each [start, end), how many positions fall in a unit (value != 0) of ``sections``."""
    unit = sections.values != 0
    cum = np.concatenate([[0.0], np.cumsum(np.where(unit, sections.ends - sections.starts, 0))])

    def upto(x: np.ndarray) -> np.ndarray:
        idx = np.searchsorted(sections.starts, x, side="right") - 1
        inside = np.where(unit[idx], np.minimum(x - sections.starts[idx], sections.ends[idx] - sections.starts[idx]), 0)
        return cum[idx] + inside

    return (upto(ends) - upto(starts)).astype(float)


# -- input -----------------------------------------------------------------------------

def _frame(spans: Any) -> pd.DataFrame:
    if isinstance(spans, pd.DataFrame):
        frame = spans
    else:
        shape = f"a DataFrame or records with {', '.join(SPAN_COLUMNS)}"
        if spans is None or isinstance(spans, str | bytes):
            raise InputError(f"spans must be {shape}; got {spans!r}")
        try:
            records = list(spans)
            if records and isinstance(records[0], Mapping):
                frame = pd.DataFrame.from_records(records)
            else:
                frame = pd.DataFrame.from_records(records, columns=list(SPAN_COLUMNS))
        except (TypeError, ValueError):
            raise InputError(f"spans must be {shape}, one record per span") from None
    missing = [c for c in SPAN_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(f"spans lack column(s) {', '.join(missing)}; need {', '.join(SPAN_COLUMNS)}")
    frame = frame.loc[:, list(SPAN_COLUMNS)]
    for column in ("coder", "category"):
        absent = frame[column].isna().to_numpy()
        if absent.any():
            row = frame[absent].iloc[0]
            raise InputError(f"spans: the span {row['start']}:{row['end']} has no {column}")
    return frame


def _coder_names(coders: Iterable[str] | None, frame: pd.DataFrame) -> list[Any]:
    """The coders taking part: ``coders`` (checked) or those in ``frame``, in first-seen order."""
    if coders is None:
        return list(dict.fromkeys(frame["coder"]))
    if isinstance(coders, str):
        raise InputError(f"coders must be a list of coder names; got the one string {coders!r}")
    try:
        return list(dict.fromkeys(coders))
    except TypeError:
        raise InputError(f"coders must be a list of coder names; got {coders!r}") from None


def _prepare(spans: Any, length: Any, coders: Iterable[str] | None) -> tuple[list[Sections], list[Any]]:
    """Each coder's sections (units and gaps) and the categories in first-seen order."""
    if isinstance(length, bool) or not isinstance(length, int | np.integer) or length < 1:
        raise InputError(f"length of the continuum must be a whole number >= 1, got {length!r}")
    frame = _frame(spans)
    names = _coder_names(coders, frame)
    unknown = sorted(set(frame["coder"]) - set(names), key=str)
    if unknown:
        raise InputError(f"spans of coder(s) {', '.join(map(str, unknown))} not among the coders "
                         f"{', '.join(map(str, names))}")
    if len(names) < 2:
        raise InputError(f"unitized alpha needs at least 2 coders; got {len(names)} (coders)")
    starts, ends = frame["start"].to_numpy(), frame["end"].to_numpy()
    if len(frame):
        if not (np.issubdtype(starts.dtype, np.integer) and np.issubdtype(ends.dtype, np.integer)):
            raise InputError("spans: start and end must be whole numbers")
        bad = (starts < 0) | (ends <= starts) | (ends > length)
        if bad.any():
            row = frame[bad].iloc[0]
            raise InputError(f"spans: span {row['start']}:{row['end']} of coder {row['coder']} is invalid; need "
                             f"0 <= start < end <= {length} (the length of the continuum)")
    categories = list(dict.fromkeys(frame["category"]))
    ids = {c: n + 1 for n, c in enumerate(categories)}
    sections = [_coder_sections(frame[frame["coder"] == name], ids, int(length), name) for name in names]
    return sections, categories


def _coder_sections(frame: pd.DataFrame, ids: dict[Any, int], length: int, coder: Any) -> Sections:
    merged: list[tuple[int, int, int]] = []
    for category, part in frame.groupby("category", sort=False):
        current: list[int] | None = None
        for start, end in sorted(zip(part["start"].tolist(), part["end"].tolist(), strict=True)):
            if current is not None and start < current[1]:
                current[1] = max(current[1], end)
                continue
            if current is not None:
                merged.append((current[0], current[1], ids[category]))
            current = [start, end]
        if current is not None:
            merged.append((current[0], current[1], ids[category]))
    merged.sort()
    starts, ends, values, pos = [], [], [], 0
    for start, end, value in merged:
        if start < pos:
            raise InputError(f"coder {coder}: spans of different categories overlap at {start}:{min(end, pos)}; "
                             "the u-alpha family needs each coder's units to exclude each other "
                             "(use binary_u_alpha per category)")
        if start > pos:
            starts.append(pos)
            ends.append(start)
            values.append(0)
        starts.append(start)
        ends.append(end)
        values.append(value)
        pos = end
    if pos < length:
        starts.append(pos)
        ends.append(length)
        values.append(0)
    return Sections(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), np.array(values, dtype=np.int64))


def _one_minus(observed: float, expected: float) -> float:
    if not np.isfinite(expected) or expected == 0:
        return math.nan
    return float(1 - observed / expected)
