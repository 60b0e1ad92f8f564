"""Projection of codings (free spans) onto units (sentences, turns or characters).

Agreement coefficients need the same units for every coder. A coder's codings of a
code are projected onto each unit: the unit *carries* the code for that coder when
the coder's codings of the code (taken together, overlaps counted once) cover

- ``"majority"`` (default): at least half of the unit's characters, or
- ``"any"``: at least one of its characters.

For units of one character (``unit="char"``) both rules agree: a character is coded
or not. NVivo's coding comparison works this way on characters.

Every unit and every coding must hold at least one character (``0 <= start < end``, whole
numbers), as in the project file; anything else is an :class:`qualcode.errors.InputError`
naming ``units`` or ``codings``. A unit with ``start == end`` is refused rather than
projected: no share of it can be covered, so the majority rule (half of nothing) would count
it as carrying the code for any coder with any coding of the code, and treating it as never
present would add a unit on which every coder "agrees" by default. Either way the figures
would rest on a unit that has no text to judge.

Inputs are the frames :class:`qualcode.project.Project` returns: codings with
``document_id``, ``coder``, ``code``, ``start``, ``end``; units with ``id``,
``document_id``, ``start``, ``end``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, check_choice

RULES = ("majority", "any")
LONG_COLUMNS = ["unit_id", "document_id", "start", "end", "coder", "code", "present"]


def check_rule(rule: object) -> str:
    return check_choice(rule, RULES, "projection rule")


def char_units(lengths: Mapping[int, int]) -> pd.DataFrame:
    """One unit per character of each document: ``lengths`` maps document id to text length.

    Unit ids run 0, 1, 2 ... over the documents in the order given.
    """
    docs = [(int(d), int(n)) for d, n in lengths.items() if int(n) > 0]
    document_id = np.concatenate([np.full(n, d, dtype=np.int64) for d, n in docs]) if docs else np.array([], int)
    start = np.concatenate([np.arange(n, dtype=np.int64) for _, n in docs]) if docs else np.array([], int)
    return pd.DataFrame({"id": np.arange(len(start), dtype=np.int64), "document_id": document_id,
                         "start": start, "end": start + 1})


def presence_arrays(codings: pd.DataFrame, units: pd.DataFrame, *, coders: Sequence[str], codes: Sequence[str],
                    rule: str = "majority") -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The units (sorted by document and start) and, per code, a coders x units 0/1 int8 array.

    The fast core of :func:`presence_table` and :func:`project_codings`: every document is
    laid on one axis, so each coder x code needs one vectorised pass.
    """
    rule = check_rule(rule)
    coders, codes = _names(coders, "coders"), _names(codes, "codes")
    for column in ("id", "document_id", "start", "end"):
        if column not in units.columns:
            raise InputError(f"units lack column '{column}'; need id, document_id, start, end")
    for column in ("document_id", "coder", "code", "start", "end"):
        if column not in codings.columns:
            raise InputError(f"codings lack column '{column}'; need document_id, coder, code, start, end")
    _check_offsets(units, "units")
    _check_offsets(codings, "codings")
    units = units.sort_values(["document_id", "start"], kind="stable").reset_index(drop=True)
    u_doc = units["document_id"].to_numpy(np.int64)
    u_start, u_end = units["start"].to_numpy(np.int64), units["end"].to_numpy(np.int64)
    wanted = codings[codings["coder"].isin(coders) & codings["code"].isin(codes)
                     & codings["document_id"].isin(np.unique(u_doc))]
    # lay the documents end to end: each gets an offset past the furthest unit or coding in it
    docs = np.unique(u_doc)
    extent = pd.Series(u_end, index=u_doc).groupby(level=0).max()
    if len(wanted):
        extent = pd.concat([extent, wanted.groupby("document_id")["end"].max()]).groupby(level=0).max()
    sizes = extent.reindex(docs).to_numpy(np.int64)
    offsets = dict(zip(docs.tolist(), (np.cumsum(sizes) - sizes).tolist(), strict=True))
    u_off = pd.Series(u_doc).map(offsets).to_numpy(np.int64)
    a, b = u_start + u_off, u_end + u_off
    need = np.ceil((u_end - u_start) / 2).astype(np.int64) if rule == "majority" else np.ones(len(units), np.int64)
    arrays = {code: np.zeros((len(coders), len(units)), dtype=np.int8) for code in codes}
    row = {name: n for n, name in enumerate(coders)}
    if len(wanted):
        c_off = wanted["document_id"].map(offsets).to_numpy(np.int64)
        frame = pd.DataFrame({"coder": wanted["coder"].to_numpy(), "code": wanted["code"].to_numpy(),
                              "start": wanted["start"].to_numpy(np.int64) + c_off,
                              "end": wanted["end"].to_numpy(np.int64) + c_off})
        for (coder, code), part in frame.groupby(["coder", "code"], sort=False):
            covered = _coverage(part["start"].to_numpy(), part["end"].to_numpy(), a, b)
            arrays[code][row[coder]] = covered >= need
    return units, arrays


def _check_offsets(frame: pd.DataFrame, what: str) -> None:
    """Every row of ``frame`` (units or codings) spans at least one character: 0 <= start < end, whole numbers."""
    if len(frame) == 0:
        return
    try:
        start, end = frame["start"].to_numpy(dtype=float), frame["end"].to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise InputError(f"{what}: start and end must be whole numbers (character offsets)") from None
    whole = np.isfinite(start) & np.isfinite(end) & (start == np.floor(start)) & (end == np.floor(end))
    if not whole.all():
        row = frame[~whole].iloc[0]
        raise InputError(f"{what}: start and end must be whole numbers (character offsets); got "
                         f"{row['start']!r}:{row['end']!r} in document {row['document_id']}")
    bad = (start < 0) | (end <= start)
    if bad.any():
        row = frame[bad].iloc[0]
        which = (f"unit {row['id']}" if what == "units" else f"the coding of {row['code']} by {row['coder']}")
        problem = "has no characters (start == end)" if row["start"] == row["end"] else "is invalid"
        raise InputError(f"{what}: {which} at {row['start']}:{row['end']} in document {row['document_id']} "
                         f"{problem}; need 0 <= start < end")


def _coverage(starts: np.ndarray, ends: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Characters of each [a, b) covered by the union of the spans [starts, ends)."""
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    new = np.concatenate([[True], starts[1:] > reach[:-1]])  # merge overlapping and touching spans
    m_start = starts[new]
    m_end = np.maximum.reduceat(ends, np.flatnonzero(new))
    lengths = m_end - m_start
    cum = np.concatenate([[0], np.cumsum(lengths)])

    def upto(x: np.ndarray) -> np.ndarray:
        idx = np.searchsorted(m_start, x, side="right") - 1
        safe = np.maximum(idx, 0)
        inside = np.clip(x - m_start[safe], 0, lengths[safe])
        return np.where(idx >= 0, cum[safe] + inside, 0)

    return upto(b) - upto(a)


def presence_table(codings: pd.DataFrame, units: pd.DataFrame, *, coders: Sequence[str], codes: Sequence[str],
                   rule: str = "majority") -> dict[str, pd.DataFrame]:
    """Per code, a coders x units 0/1 DataFrame (index: coder names, columns: unit ids in document
    and position order): the reliability data of that code.

    Example
    -------
    >>> codings = pd.DataFrame({"document_id": [1], "coder": ["a"], "code": ["E1"], "start": [0], "end": [6]})
    >>> units = pd.DataFrame({"id": [10, 11], "document_id": [1, 1], "start": [0, 5], "end": [5, 10]})
    >>> presence_table(codings, units, coders=["a", "b"], codes=["E1"])["E1"].values.tolist()
    [[1, 0], [0, 0]]
    """
    units, arrays = presence_arrays(codings, units, coders=coders, codes=codes, rule=rule)
    ids = pd.Index(units["id"].to_numpy(), name="unit_id")
    return {code: pd.DataFrame(arr, index=pd.Index(list(coders), name="coder"), columns=ids)
            for code, arr in arrays.items()}


def project_codings(codings: pd.DataFrame, units: pd.DataFrame, *, coders: Sequence[str], codes: Sequence[str],
                    rule: str = "majority") -> pd.DataFrame:
    """The long table: one row per unit x coder x code with ``present`` 0/1.

    Columns unit_id, document_id, start, end, coder, code, present; ordered by code (as
    given), coder (as given), then document and start.
    """
    units, arrays = presence_arrays(codings, units, coders=coders, codes=codes, rule=rule)
    n = len(units)
    parts = []
    for code, arr in arrays.items():
        for row, coder in enumerate(coders):
            parts.append(pd.DataFrame({
                "unit_id": units["id"].to_numpy(), "document_id": units["document_id"].to_numpy(),
                "start": units["start"].to_numpy(), "end": units["end"].to_numpy(),
                "coder": np.full(n, coder, dtype=object), "code": np.full(n, code, dtype=object),
                "present": arr[row].astype(np.int64)}))
    if not parts:
        return pd.DataFrame(columns=LONG_COLUMNS)
    return pd.concat(parts, ignore_index=True)[LONG_COLUMNS]


def multi_valued(codings: pd.DataFrame, units: pd.DataFrame, *, coders: Sequence[str], codes: Sequence[str],
                 rule: str = "majority") -> pd.DataFrame:
    """Coders x units table whose cells are the frozenset of codes the unit carries for the coder."""
    units, arrays = presence_arrays(codings, units, coders=coders, codes=codes, rule=rule)
    cells = [[frozenset(code for code in codes if arrays[code][r, u]) for u in range(len(units))]
             for r in range(len(coders))]
    return pd.DataFrame(cells, index=pd.Index(list(coders), name="coder"),
                        columns=pd.Index(units["id"].to_numpy(), name="unit_id"))


def _names(values: Iterable[str], what: str) -> list[str]:
    if isinstance(values, str):
        values = [values]
    names = list(dict.fromkeys(str(v) for v in values))
    if not names:
        raise InputError(f"no {what} given")
    return names
