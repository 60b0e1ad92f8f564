"""Group profiles of a project, ready to draw: what the Charts page and ``qualcode chart profiles`` share.

Each code's share of a column's informants (or of its coded text) for informant groups, source types or the
values of an informant attribute, side by side or as the difference of two, with the coverage pattern of the
triangulation table (:mod:`qualcode.analysis.profiles` defines the shares).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from ..analysis.profiles import (
    SHARES,
    STYLES,
    check_columns,
    difference,
    difference_chart,
    profiles,
    side_chart,
    without_empty_parents,
)
from ..errors import InputError, check_choice
from . import Project
from .filters import attribute_axis, attribute_of
from .paper import axis_labels, axis_phrase, code_labels, parent_codes

AXES = ("group", "source_type")


def profile_data(project: Project, *, by: str = "group", share: str = "informants",
                 columns: Sequence[str] | None = None, coders: Sequence[str] | None = None,
                 where: str | None = None) -> pd.DataFrame:
    """Each code's share per column, with its coverage pattern over the columns shown.

    Parameters
    ----------
    by : {"group", "source_type"} or "attribute:NAME"
        The columns: informant groups, source types, or the values of an informant attribute.
    share : {"informants", "text"}
        ``informants``: the column's informants with a coding of the code, as a percentage of all its
        informants (a group's informants, those with the attribute's value, those with a document of the
        source type): on the group and attribute axes the matrix's ``share`` measure
        (``Project.matrix(by=by, measure="share")``). ``text``: the words coded with the code in the column, as
        a percentage of the words of all the column's codings (the matrix's ``words`` measure over its column
        total, so a column's shares add up to 100%). Both rounded to one decimal; the whole of a column is
        counted without ``where`` for ``informants`` (as the matrix counts a group's size) and with it for
        ``text``.
    columns : sequence of str, optional
        Only these columns, in this order (default: every value of the axis); the coverage pattern is over
        them.
    coders, where
        As for :meth:`Project.matrix`.

    Returns
    -------
    DataFrame
        One row per code (codebook order) and column: ``code``, ``column``, ``count`` (informants, or words),
        ``base`` (the column's informants, or its coded words), ``value`` (the share, %), ``pattern`` ("all",
        "some", "one", "silent"), ``with``, ``total``, ``coverage`` ("all 3 groups", "2 of 3 groups",
        "one group only: agency", "silent"). ``attrs``: ``axis``, ``share``, ``columns``.

    Raises
    ------
    InputError
        Unknown ``by``, ``share``, attribute or column, a column twice, no column, a bad ``where``.
    NotFoundError
        Unknown coder.
    """
    share = check_choice(share, SHARES, "share")
    attribute = attribute_of(by)
    if attribute is None:
        by = check_choice(by, AXES, "axis (by)")
    known = project.axis_values(by)
    chosen = check_columns(columns, known, by.replace("_", " "))
    measure = "informants" if share == "informants" else "words"
    matrix = project.matrix(by=by, measure=measure, coders=coders, where=where)
    counts = matrix[chosen]
    counts.attrs = dict(matrix.attrs)
    if share == "text":
        bases = matrix.sum(axis=0)
    elif attribute is not None:
        values = attribute_axis(project, attribute)[0]
        bases = pd.Series(list(values.values()), dtype=object).value_counts()
    elif by == "group":
        informants = project.informants()
        bases = informants.groupby("group")["key"].nunique()
    else:
        documents = project.documents()
        bases = documents.dropna(subset=["informant"]).groupby("source_type")["informant"].nunique()
    data = profiles(counts, bases.reindex(chosen, fill_value=0))
    data.attrs.update(axis=str(matrix.attrs.get("axis", by)), share=share, columns=chosen)
    return data


def profile_chart(project: Project, *, by: str = "group", share: str = "informants", style: str = "side",
                  columns: Sequence[str] | None = None, coders: Sequence[str] | None = None,
                  where: str | None = None, labels: Mapping[str, str] | None = None,
                  title: str | None = None) -> alt.LayerChart:
    """The group profiles as a chart: the columns side by side, or the difference of two.

    Parameters
    ----------
    by, share, columns, coders, where
        As for :func:`profile_data`.
    style : {"side", "difference"}
        ``side``: one bar per column for each code; ``difference``: the first column's share minus the
        second's, in percentage points (the first two of ``columns``, or of the axis).
    labels : mapping, optional
        Axis and legend titles in the reader's language (``code``, ``column``, ``value``, ``coverage``,
        ``difference``); English by default.

    Parent codes without codings of their own are left out (their codings are on their sub-codes).
    title : str, optional
        The chart's title; by default one saying the share, the axis, the coders and the condition.

    Raises
    ------
    InputError
        As for :func:`profile_data`; ``difference`` with fewer than two columns.
    """
    style = check_choice(style, STYLES, "style")
    data = without_empty_parents(profile_data(project, by=by, share=share, columns=columns, coders=coders,
                                              where=where), parent_codes(project))
    axis = axis_phrase(by)
    if title is None:
        scope = f", coders {', '.join(coders)}" if coders else ""
        scope += f", where {' '.join(where.split())}" if where and where.strip() else ""
        what = "informants" if share == "informants" else "coded text"
        title = f"Share of each {axis}'s {what} per code{scope}"
    shown = {"column": axis.capitalize(), **dict(labels or {})}
    names = axis_labels(project, by)
    options: dict[str, Any] = {"share": share, "title": title, "labels": shown, "code_labels": code_labels(project),
                               "column_labels": names}
    if style == "side":
        return side_chart(data, coverage_labels=named_coverage(data, names), **options)
    chosen = data.attrs["columns"]
    if len(chosen) < 2:
        raise InputError(f"a difference chart needs two columns; got {len(chosen)}: {', '.join(chosen) or 'none'}")
    pair = difference(data, chosen[0], chosen[1])
    return difference_chart(pair, coverage_labels=named_coverage(pair, names), **options)


def named_coverage(data: pd.DataFrame, names: Mapping[str, str]) -> dict[str, str]:
    """Each code's coverage label of ``data`` (from :func:`profile_data` or
    :func:`~qualcode.analysis.profiles.difference`) with the one column of a code raised by one column only named
    by its display name ("one group only: Related agencies")."""
    labels = {}
    for row in data.drop_duplicates("code").itertuples(index=False):
        label = str(row.coverage)
        if row.pattern == "one":
            key = label.split("only: ", 1)[1]
            label = f"{label[:len(label) - len(key)]}{names.get(key, key)}"
        labels[str(row.code)] = label
    return labels
