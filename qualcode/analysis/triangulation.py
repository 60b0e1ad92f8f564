"""Triangulation matrices: codes x informant groups (or source types, or informants).

The convergence coding matrix of Farmer, Robinson, Elliott & Eyles (2006)
lays each theme (here: a code of the codebook) against each data source (here:
an informant group, a source type or an informant) and asks whether the
sources agree, partly agree, stay silent or disagree about it. This module
computes the *evidence* side of that matrix from codings: how strongly each
cell is coded (:func:`code_matrix`) and how a code is spread across the
columns (:func:`coverage`: present in all, some, one or none of them). The
*verdicts* (agreement, partial agreement, silence, dissonance) are a
supervisor's judgement of the quotes behind the cells, stored by
:meth:`qualcode.project.Project.set_verdict`; they are never computed.

Reference
---------
Farmer, T., Robinson, K., Elliott, S. J., & Eyles, J. (2006). Developing and
implementing a triangulation protocol for qualitative health research.
*Qualitative Health Research*, 16(3), 377-394.
https://doi.org/10.1177/1049732305285708
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..errors import InputError, NotFoundError, check_choice, unknown_message

MEASURES = ("segments", "informants", "share", "words")
AXES = ("group", "source_type", "informant")
PATTERNS = ("all", "some", "one", "silent")
AXIS_LABELS = {"group": "groups", "source_type": "source types", "informant": "informants"}


def code_matrix(
    codings: pd.DataFrame,
    codes: pd.DataFrame,
    *,
    by: str = "group",
    measure: str = "segments",
    columns: Iterable[str],
    informants: pd.DataFrame | None = None,
    rollup: bool = False,
    weight: str | None = None,
) -> pd.DataFrame:
    """How strongly each code is coded in each column: the evidence of a convergence coding matrix.

    Parameters
    ----------
    codings : DataFrame
        One row per coding with at least ``code`` and the ``by`` column; ``informant``
        for measures ``informants``/``share`` and ``quote`` for ``words``
        (the frame of :meth:`Project.codings`).
    codes : DataFrame
        The codebook with ``key`` and ``parent`` (the frame of :meth:`Project.codes`);
        its order is the row order.
    by : {"group", "source_type", "informant"}
        The axis: the data sources that triangulate (Farmer et al., 2006).
    measure : {"segments", "informants", "share", "words"}
        ``segments``: number of codings; ``informants``: number of distinct informants
        with at least one coding in the cell; ``share``: those informants as a
        percentage of the group's informants (rounded to 1 decimal; ``by="group"``
        only, needs ``informants``); ``words``: whitespace-separated tokens of the
        cell's quotes.
    columns : iterable of str
        The columns, in order; every one is present, with zeros when nothing is coded.
    informants : DataFrame, optional
        ``key`` and ``group`` of every informant (the frame of
        :meth:`Project.informants`), for ``share``.
    rollup : bool
        True: rows are the top-level codes, each counting its own codings and those of
        all its descendants. False: every code, own codings only.
    weight : str, optional
        Name of a column holding how many codings each row stands for (codings counted
        per code and document, as :meth:`Project.matrix` reads them). Not allowed with
        ``words``, which needs one row per coding.

    Returns
    -------
    DataFrame
        Index ``code`` (codebook order), columns exactly ``columns``; integers, floats for
        ``share``. ``attrs`` holds ``axis``, ``measure``, ``rollup``, ``axis_label``
        (e.g. "groups"), ``unassigned`` (codings with no value on the axis, e.g. a
        document without informant when ``by="group"``, left out) and ``outside``
        (codings whose value is not among ``columns``, left out).

    Raises
    ------
    InputError
        Unknown ``by`` or ``measure``, ``share`` on another axis or without
        ``informants``, missing columns, or codings of codes not in ``codes``.

    Example
    -------
    >>> codes = pd.DataFrame({"key": ["A", "A.1", "B"], "parent": [None, "A", None]})
    >>> codings = pd.DataFrame({"code": ["A.1", "A", "B"], "group": ["g1", "g2", None],
    ...                         "informant": ["I-1", "I-2", None]})
    >>> m = code_matrix(codings, codes, columns=["g1", "g2", "g3"], rollup=True)
    >>> m.to_dict("index"), m.attrs["unassigned"]
    ({'A': {'g1': 1, 'g2': 1, 'g3': 0}, 'B': {'g1': 0, 'g2': 0, 'g3': 0}}, 1)
    """
    by = check_choice(by, AXES, "axis (by)")
    measure = check_choice(measure, MEASURES, "measure")
    if measure == "share":
        if by != "group":
            raise InputError(f"measure 'share' (percentage of a group's informants) needs by='group'; got by={by!r}")
        if informants is None:
            raise InputError("measure 'share' needs the informants (key, group) to know each group's size")
    if weight is not None and measure == "words":
        raise InputError("measure 'words' needs one row per coding (with its quote); weight is not allowed")
    columns = list(columns)
    if len(set(columns)) != len(columns):
        raise InputError(f"columns must be distinct; got {columns}")
    rows, row_of = code_rows(codes, rollup)
    needed = ["code", by] + {"informants": ["informant"], "share": ["informant"], "words": ["quote"]}.get(measure, [])
    needed += [weight] if weight is not None else []
    missing = [c for c in needed if c not in codings.columns]
    if missing:
        raise InputError(f"codings lack column(s) {', '.join(missing)} needed for measure {measure!r} by {by!r}")
    unknown = sorted(set(codings["code"].dropna()) - set(row_of))
    if unknown:
        raise InputError(f"codings use code(s) not in the codebook: {', '.join(map(str, unknown[:10]))}")

    counts = codings[weight] if weight is not None else pd.Series(1, index=codings.index)
    axis = codings[by]
    assigned = axis.notna()
    inside = assigned & axis.isin(columns)
    frame = pd.DataFrame({
        "row": codings.loc[inside, "code"].map(row_of).astype(object),
        "col": axis[inside].astype(object),
    })
    if measure == "segments":
        frame["value"] = counts[inside].astype("int64")
        grouped = frame.groupby(["row", "col"], sort=False)["value"].sum()
    elif measure in ("informants", "share"):
        frame["value"] = codings.loc[inside, "informant"]
        grouped = frame.groupby(["row", "col"], sort=False)["value"].nunique()
    else:
        frame["value"] = codings.loc[inside, "quote"].fillna("").astype(str).str.split().str.len().astype("int64")
        grouped = frame.groupby(["row", "col"], sort=False)["value"].sum()

    matrix = pd.DataFrame(0, index=pd.Index(rows, name="code", dtype=object),
                          columns=pd.Index(columns, name=by, dtype=object), dtype="int64")
    if len(grouped):
        matrix = (grouped.astype("int64").unstack("col", fill_value=0)
                  .reindex(index=rows, columns=columns, fill_value=0).astype("int64"))
        matrix.index = pd.Index(rows, name="code", dtype=object)
        matrix.columns = pd.Index(columns, name=by, dtype=object)
    if measure == "share" and informants is not None:  # checked above: "share" needs the informants
        sizes = informants.groupby("group")["key"].nunique().reindex(columns, fill_value=0).to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(sizes > 0, matrix.to_numpy() * 100.0 / np.where(sizes > 0, sizes, 1), 0.0)
        matrix = pd.DataFrame(np.round(share, 1), index=matrix.index, columns=matrix.columns)
    matrix.attrs = {
        "axis": by, "measure": measure, "rollup": bool(rollup), "axis_label": AXIS_LABELS[by],
        "unassigned": int(counts[~assigned].sum()), "outside": int(counts[assigned & ~inside].sum()),
    }
    return matrix


def coverage(matrix: pd.DataFrame) -> pd.DataFrame:
    """How a code is spread across the columns: present in all, some, one or none of them.

    The pattern is the raw material of a convergence coding matrix (Farmer et al., 2006):
    "silent" flags a code no source speaks about, "one" a code only one source raises.
    Whether the sources *agree* is the supervisor's verdict, not this pattern.

    Parameters
    ----------
    matrix : DataFrame
        A matrix from :func:`code_matrix` (any measure: a cell counts when > 0).

    Returns
    -------
    DataFrame
        Indexed like ``matrix``; columns ``pattern`` ("all" | "some" | "one" | "silent"),
        ``with`` (number of columns > 0), ``total`` (number of columns) and ``label``
        ("all 3 groups", "2 of 3 groups", "one group only: community", "silent"; the word
        follows ``matrix.attrs["axis_label"]``, default "groups").

    Example
    -------
    >>> m = pd.DataFrame({"community": [2, 0, 1], "agency": [1, 0, 0]}, index=["A", "B", "C"])
    >>> list(coverage(m)["label"])
    ['all 2 groups', 'silent', 'one group only: community']
    """
    plural = str(matrix.attrs.get("axis_label", "groups"))
    singular = plural[:-1] if plural.endswith("s") else plural
    present = matrix.fillna(0).to_numpy() > 0 if matrix.shape[1] else np.zeros((len(matrix), 0), dtype=bool)
    with_ = present.sum(axis=1).astype("int64")
    total = int(matrix.shape[1])
    names = [str(c) for c in matrix.columns]
    patterns, labels = [], []
    for n, row in zip(with_, present, strict=True):
        if n == 0:
            patterns.append("silent")
            labels.append("silent")
        elif n == total:
            patterns.append("all")
            labels.append(f"all {total} {plural if total != 1 else singular}")
        elif n == 1:
            patterns.append("one")
            labels.append(f"one {singular} only: {names[int(np.flatnonzero(row)[0])]}")
        else:
            patterns.append("some")
            labels.append(f"{n} of {total} {plural}")
    return pd.DataFrame({"pattern": patterns, "with": with_, "total": total, "label": labels},
                        index=matrix.index.copy())


def cell_codings(
    codings: pd.DataFrame,
    codes: pd.DataFrame,
    code: str,
    column: str,
    *,
    by: str = "group",
    rollup: bool = False,
) -> pd.DataFrame:
    """The codings behind one cell of a :func:`code_matrix`: the quotes a supervisor reads
    before giving a verdict (Farmer et al., 2006).

    Parameters
    ----------
    codings, codes : DataFrame
        As for :func:`code_matrix`.
    code : str
        The row's code key; with ``rollup`` its descendants' codings are included.
    column : str
        The column value (a group key, source type or informant key).
    by : {"group", "source_type", "informant"}
        The axis of ``column``.
    rollup : bool
        Include the codings of every descendant of ``code``.

    Returns
    -------
    DataFrame
        The matching rows of ``codings`` (same columns), ordered by ``document_id`` and
        ``start``, with a fresh index.

    Raises
    ------
    InputError
        Unknown ``by``; NotFoundError for a code not in ``codes``.
    """
    by = check_choice(by, AXES, "axis (by)")
    keys = [str(k) for k in codes["key"]]
    if code not in keys:
        shown = ", ".join(keys[:12]) + (f" ... ({len(keys)} in all)" if len(keys) > 12 else "")
        raise NotFoundError(unknown_message("code", code, shown or "none yet", listed="known"))
    wanted = {code, *(_descendants(codes, code) if rollup else ())}
    mask = codings["code"].isin(wanted) & (codings[by] == column)
    order = [c for c in ("document_id", "start", "end", "id") if c in codings.columns]
    return codings[mask].sort_values(order, kind="stable").reset_index(drop=True)


# -- helpers -------------------------------------------------------------------------

def _parents(codes: pd.DataFrame) -> dict[str, str | None]:
    parents = {}
    for key, parent in zip(codes["key"], codes["parent"], strict=True):
        parents[str(key)] = None if parent is None or (isinstance(parent, float) and np.isnan(parent)) else str(parent)
    return parents


def code_rows(codes: pd.DataFrame, rollup: bool) -> tuple[list[str], dict[str, str]]:
    """The row keys of a matrix (codebook order) and, for every code, the row its codings count in.

    With ``rollup`` the rows are the top-level codes and every code counts in its top-level
    ancestor's row; without, every code is its own row.
    """
    parents = _parents(codes)
    keys = list(parents)
    if not rollup:
        return keys, {k: k for k in keys}

    def root(key: str) -> str:
        seen = {key}
        parent = parents.get(key)
        while parent is not None and parent in parents and parent not in seen:
            key = parent
            seen.add(key)
            parent = parents.get(key)
        return key

    row_of = {k: root(k) for k in keys}
    return [k for k in keys if row_of[k] == k], row_of


def _descendants(codes: pd.DataFrame, code: str) -> list[str]:
    children: dict[str, list[str]] = {}
    for key, parent in _parents(codes).items():
        if parent is not None:
            children.setdefault(parent, []).append(key)
    found, todo = [], list(children.get(code, []))
    while todo:
        key = todo.pop(0)
        if key not in found and key != code:
            found.append(key)
            todo += children.get(key, [])
    return found
