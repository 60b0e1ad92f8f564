"""Code co-occurrence: which codes are applied to the same passages.

Two ways to say "together":

- ``by="overlap"``: two codings of different codes by the same coder in the same
  document whose spans overlap (``start < other.end and other.start < end``).
- ``by="unit"``: two codes both touch the same sentence unit (any coder).

Both return a count matrix and a Jaccard similarity matrix over the codes that
occur. Co-occurrence is one of the ways a triangulation protocol looks for
convergence between themes (Farmer et al., 2006).

Reference
---------
Farmer, T., Robinson, K., Elliott, S. J., & Eyles, J. (2006). Developing and
implementing a triangulation protocol for qualitative health research.
*Qualitative Health Research*, 16(3), 377-394.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, check_choice

BY = ("overlap", "unit")


def cooccurrence(
    codings: pd.DataFrame,
    *,
    by: str = "overlap",
    units: pd.DataFrame | None = None,
    order: Sequence[str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Count and Jaccard matrices of codes that occur together.

    Parameters
    ----------
    codings : DataFrame
        One row per coding with ``document_id``, ``code``, ``start``, ``end`` and, for
        ``by="overlap"``, ``coder`` (the frame of :meth:`Project.codings`).
    by : {"overlap", "unit"}
        ``overlap``: ``counts[a][b]`` is the number of pairs of overlapping codings (same
        document, same coder) of codes a and b; the diagonal is the number of codings of
        a; ``jaccard[a][b] = pairs / (n_a + n_b - pairs)``, capped at 1.0 (one long coding
        of a may overlap several codings of b, so pairs can outnumber codings).
        ``unit``: a unit carries a code when a coding of the code overlaps it;
        ``counts[a][b]`` is the number of units carrying both, the diagonal the number
        carrying a, ``jaccard = both / either``.
    units : DataFrame, optional
        Required for ``by="unit"``: ``document_id``, ``start``, ``end`` of the units
        (sentence units from :meth:`Project.units`).
    order : sequence of str, optional
        Code keys giving the order of rows and columns (codes not occurring are
        skipped); default: sorted keys.

    Returns
    -------
    counts, jaccard : DataFrame
        Square code x code frames (index and columns named ``code``); ``counts`` holds
        integers, ``jaccard`` floats in [0, 1] (1.0 on the diagonal of every code with
        a coding, or with a unit for ``by="unit"``).

    Example
    -------
    >>> c = pd.DataFrame({"document_id": [1, 1, 1], "coder": ["r", "r", "r"], "code": ["A", "B", "B"],
    ...                   "start": [0, 5, 50], "end": [10, 20, 60]})
    >>> counts, jaccard = cooccurrence(c)
    >>> int(counts.loc["A", "B"]), round(float(jaccard.loc["A", "B"]), 3)
    (1, 0.5)
    """
    by = check_choice(by, BY, "co-occurrence mode (by)")
    needed = ["document_id", "code", "start", "end"] + (["coder"] if by == "overlap" else [])
    missing = [c for c in needed if c not in codings.columns]
    if missing:
        raise InputError(f"codings lack column(s) {', '.join(missing)} needed for co-occurrence by {by!r}")
    present = set(codings["code"].dropna().astype(str))
    keys = [k for k in order if k in present] if order is not None else sorted(present)
    keys += sorted(present - set(keys))
    index = {k: i for i, k in enumerate(keys)}
    n = len(keys)
    if by == "overlap":
        counts = _overlap_counts(codings, index)
        sizes = np.diag(counts).astype(float)
        union = sizes[:, None] + sizes[None, :] - counts
    else:
        if units is None:
            raise InputError("co-occurrence by 'unit' needs the units (document_id, start, end)")
        missing = [c for c in ("document_id", "start", "end") if c not in units.columns]
        if missing:
            raise InputError(f"units lack column(s) {', '.join(missing)}")
        carries = _unit_incidence(codings, units, index)
        counts = carries.T.astype(np.int64) @ carries.astype(np.int64)
        sizes = np.diag(counts).astype(float)
        union = sizes[:, None] + sizes[None, :] - counts
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, counts / np.where(union > 0, union, 1), np.where(counts > 0, 1.0, 0.0))
    jaccard = np.clip(jaccard, 0.0, 1.0)
    labels = pd.Index(keys, name="code", dtype=object)
    counts_frame = pd.DataFrame(counts.astype(np.int64).reshape(n, n), index=labels, columns=labels.copy())
    jaccard_frame = pd.DataFrame(jaccard.astype(float).reshape(n, n), index=labels.copy(), columns=labels.copy())
    counts_frame.attrs = jaccard_frame.attrs = {"by": by}
    return counts_frame, jaccard_frame


def _overlap_counts(codings: pd.DataFrame, index: dict[str, int]) -> np.ndarray:
    """Code x code pair counts of overlapping codings (same document and coder); diagonal = codings per code."""
    n = len(index)
    counts = np.zeros((n, n), dtype=np.int64)
    data = codings.dropna(subset=["code"])
    code_idx = data["code"].astype(str).map(index).to_numpy(dtype=np.int64)
    np.add.at(counts, (code_idx, code_idx), 1)
    frame = pd.DataFrame({"doc": data["document_id"].to_numpy(), "coder": data["coder"].to_numpy(),
                          "start": data["start"].to_numpy(dtype=np.int64), "end": data["end"].to_numpy(dtype=np.int64),
                          "code": code_idx})
    frame = frame.sort_values(["doc", "coder", "start", "end"], kind="stable")
    for _, part in frame.groupby(["doc", "coder"], sort=False):
        if len(part) < 2:
            continue
        starts = part["start"].to_numpy()
        ends = part["end"].to_numpy()
        code = part["code"].to_numpy()
        # Sorted by start: j > i overlaps i exactly when start_j < end_i (end_j > start_j >= start_i).
        stop = np.searchsorted(starts, ends, side="left")
        reach = np.maximum(stop - np.arange(len(starts)) - 1, 0)
        if not reach.any():
            continue
        first = np.repeat(np.arange(len(starts)), reach)
        offsets = np.arange(reach.sum()) - np.repeat(np.cumsum(reach) - reach, reach)
        second = first + 1 + offsets
        a, b = code[first], code[second]
        differ = a != b
        np.add.at(counts, (a[differ], b[differ]), 1)
        np.add.at(counts, (b[differ], a[differ]), 1)
    return counts


def _unit_incidence(codings: pd.DataFrame, units: pd.DataFrame, index: dict[str, int]) -> np.ndarray:
    """Boolean units x codes matrix: unit u carries code c when a coding of c overlaps u."""
    units = units.reset_index(drop=True)
    carries = np.zeros((len(units), len(index)), dtype=bool)
    data = codings.dropna(subset=["code"])
    by_doc = {doc: part for doc, part in units.groupby("document_id", sort=False)}
    for doc, part in data.groupby("document_id", sort=False):
        doc_units = by_doc.get(doc)
        if doc_units is None:
            continue
        u_start = doc_units["start"].to_numpy(dtype=np.int64)
        u_end = doc_units["end"].to_numpy(dtype=np.int64)
        rows = doc_units.index.to_numpy()
        code = part["code"].astype(str).map(index).to_numpy(dtype=np.int64)
        c_start = part["start"].to_numpy(dtype=np.int64)
        c_end = part["end"].to_numpy(dtype=np.int64)
        # A unit u overlaps a coding c when u.start < c.end and c.start < u.end.
        hit = (u_start[None, :] < c_end[:, None]) & (c_start[:, None] < u_end[None, :])
        ci, ui = np.nonzero(hit)
        carries[rows[ui], code[ci]] = True
    return carries
