"""Group profiles: per code, the share of each column's informants who have it (or of the column's coded text),
for two or more informant groups, source types or attribute values side by side, or as the difference of two.

A profile reads the same matrix as the triangulation page (:func:`.triangulation.code_matrix`) and marks each
code with the same coverage pattern (:func:`.triangulation.coverage`: all columns, k of n, one column, none), so
a supervisor sees whether a theme is carried by one group's talk or spread across every group.

Two shares:

``informants``
    The column's informants with at least one coding of the code, as a percentage of all the column's
    informants (a group's informants; those with the attribute's value; those with a document of the source
    type). On the group and attribute axes this is the matrix's ``share`` measure.
``text``
    The words coded with the code in the column, as a percentage of the words of all the column's codings
    (whitespace-separated words, as the matrix's ``words`` measure counts them; each coding counted once for
    its own code, so a column's shares add up to 100%).

Both are rounded to one decimal, as the matrix rounds its shares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import numpy as np
import pandas as pd

from ..errors import InputError, check_choice
from .charts import distinct_labels
from .triangulation import coverage

SHARES = ("informants", "text")
STYLES = ("side", "difference")
SELECTION = "bar"  # the point selection of a profile chart: fields "code" and "column"
PROFILE_COLUMNS = ["code", "column", "count", "base", "value", "pattern", "with", "total", "coverage"]
DIFFERENCE_COLUMNS = ["code", "first", "second", "difference", "column", "pattern", "with", "total", "coverage"]
# dark to light, so that the columns differ in lightness as well as in hue (they stay apart printed in grey)
PALETTE = ["#08306b", "#6baed6", "#d9d9d9", "#b15928", "#fdbf6f", "#33a02c", "#b2df8a", "#6a3d9a"]
DIFFERENCE_COLOURS = ("#2166ac", "#b2182b")  # leaning to the first column, to the second
# the code axis' title level with the top of the labels, over them: long labels would hide it when turned
CODE_AXIS = alt.Axis(labelLimit=420, titleAngle=0, titleAlign="right", titleBaseline="bottom", titleX=0,
                     titleY=-6)
TITLES = {"code": "Code", "column": "Column", "value": "Share (%)", "informants": "Share of informants (%)",
          "text": "Share of coded text (%)", "difference": "Difference (percentage points)",
          "coverage": "Coverage", "count": "Count", "base": "Of", "lean": "Higher share in"}


def profiles(counts: pd.DataFrame, bases: Mapping[str, int] | pd.Series) -> pd.DataFrame:
    """Each code's share per column, with its coverage pattern.

    Parameters
    ----------
    counts : DataFrame
        Code x column counts: informants with the code, or words coded with it (a :func:`code_matrix`;
        ``attrs["axis_label"]`` names the columns in the coverage labels).
    bases : mapping or Series
        Each column's whole: its informants, or the words of all its codings. A column whose base is 0
        has shares of 0.

    Returns
    -------
    DataFrame
        One row per code and column, codes in the matrix's order and columns in its order: ``code``,
        ``column``, ``count``, ``base``, ``value`` (``100 * count / base`` rounded to 1 decimal),
        ``pattern``, ``with``, ``total`` and ``coverage`` (the code's coverage pattern over these columns,
        as :func:`coverage` words it).

    Example
    -------
    >>> m = pd.DataFrame({"a": [2, 0], "b": [1, 0]}, index=pd.Index(["E1", "E2"], name="code"))
    >>> profiles(m, {"a": 4, "b": 2})[["code", "column", "value", "coverage"]].values.tolist()
    [['E1', 'a', 50.0, 'all 2 groups'], ['E1', 'b', 50.0, 'all 2 groups'], ['E2', 'a', 0.0, 'silent'], \
['E2', 'b', 0.0, 'silent']]
    """
    columns = [str(c) for c in counts.columns]
    base = pd.Series(bases, dtype=float).reindex(columns).fillna(0).to_numpy()
    values = counts.fillna(0).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(base > 0, values * 100.0 / np.where(base > 0, base, 1), 0.0)
    shares = np.round(shares, 1)
    cover = coverage(counts)
    rows = []
    for i, code in enumerate(counts.index):
        pattern = cover.iloc[i]
        for j, column in enumerate(columns):
            rows.append((str(code), column, int(values[i, j]), int(base[j]), float(shares[i, j]),
                         pattern["pattern"], int(pattern["with"]), int(pattern["total"]), pattern["label"]))
    frame = pd.DataFrame(rows, columns=PROFILE_COLUMNS)
    frame.attrs = dict(counts.attrs)
    return frame


def difference(data: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Per code, the first column's share minus the second's (percentage points), with the pattern over the two.

    Parameters
    ----------
    data : DataFrame
        From :func:`profiles`.
    first, second : str
        Two different columns of ``data``.

    Returns
    -------
    DataFrame
        ``code``, ``first`` and ``second`` (their shares), ``difference`` (``first - second``, 1 decimal),
        ``column`` (the column the code leans to: ``first`` when the difference is >= 0), and the coverage
        pattern of the code over the two columns (``pattern``, ``with``, ``total``, ``coverage``).

    Raises
    ------
    InputError
        A column not in ``data``, or the same column twice.

    Example
    -------
    >>> m = pd.DataFrame({"a": [2, 0], "b": [1, 1]}, index=pd.Index(["E1", "E2"], name="code"))
    >>> difference(profiles(m, {"a": 4, "b": 2}), "a", "b")[["code", "difference", "coverage"]].values.tolist()
    [['E1', 0.0, 'all 2 groups'], ['E2', -50.0, 'one group only: b']]
    """
    known = list(dict.fromkeys(data["column"]))
    for name, value in (("first column", first), ("second column", second)):
        check_choice(value, known, name)
    if first == second:
        raise InputError(f"a difference needs two different columns; got {first!r} twice")
    wide = data.pivot(index="code", columns="column", values="value")
    counts = data.pivot(index="code", columns="column", values="count")
    order = list(dict.fromkeys(data["code"]))
    pair = counts.reindex(index=order, columns=[first, second])
    pair.attrs = dict(data.attrs)
    cover = coverage(pair)
    a = wide.reindex(order)[first].to_numpy(dtype=float)
    b = wide.reindex(order)[second].to_numpy(dtype=float)
    diff = np.round(a - b, 1)
    frame = pd.DataFrame({"code": order, "first": a, "second": b, "difference": diff,
                          "column": [first if d >= 0 else second for d in diff],
                          "pattern": cover["pattern"].to_numpy(), "with": cover["with"].to_numpy(),
                          "total": cover["total"].to_numpy(), "coverage": cover["label"].to_numpy()},
                         columns=DIFFERENCE_COLUMNS)
    frame.attrs = {**dict(data.attrs), "first": first, "second": second}
    return frame


def side_chart(data: pd.DataFrame, *, share: str = "informants", title: str = "",
               labels: Mapping[str, str] | None = None, code_labels: Mapping[str, str] | None = None,
               column_labels: Mapping[str, str] | None = None,
               coverage_labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """The profiles side by side: codes on y, one bar per column (``yOffset``), the share printed at each bar
    end with the column's name, so that the columns stay apart in black and white; each code's coverage
    pattern beside its name ("E1.1 Sponsors · 2 of 3 groups").

    Parameters
    ----------
    data : DataFrame
        From :func:`profiles`.
    share : {"informants", "text"}
        What the values are (the x axis title by default).
    title : str
        The chart's title (none when empty).
    labels : mapping, optional
        Titles in the reader's language: ``code``, ``column``, ``value``, ``coverage``; English by default.
    code_labels, column_labels : mapping, optional
        What the chart shows for a code ("E1.1 Sponsors") and a column ("Community"); default the keys.
    coverage_labels : mapping, optional
        Each code's coverage pattern in the reader's language; default the English ``coverage`` of ``data``.

    Returns
    -------
    altair.LayerChart
        Bars with a point selection named ``"bar"`` on the fields ``code`` and ``column`` (the keys).
    """
    check_choice(share, SHARES, "share")
    titles = {**TITLES, "value": TITLES[share], **dict(labels or {})}
    records, codes, columns = _records(data, code_labels, column_labels, coverage_labels)
    for record in records:
        record["text"] = f"{record['value']:.1f} {record['column_label']}"
    shown_columns = [c for _, c in columns]
    colours = alt.Scale(domain=shown_columns, range=_palette(len(shown_columns)))
    base = alt.Chart(alt.InlineData(values=records)).encode(
        y=alt.Y("row_label:N", sort=[label for _, label in codes], title=f"{titles['code']} · {titles['coverage']}",
                axis=CODE_AXIS),
        yOffset=alt.YOffset("column_label:N", sort=shown_columns, title=None),
    )
    pick = alt.selection_point(name=SELECTION, fields=["code", "column"], on="click")
    tooltip = [alt.Tooltip("code_label:N", title=titles["code"]),
               alt.Tooltip("column_label:N", title=titles["column"]),
               alt.Tooltip("value:Q", title=titles["value"], format=".1f"),
               alt.Tooltip("count:Q", title=titles["count"]), alt.Tooltip("base:Q", title=titles["base"]),
               alt.Tooltip("coverage_label:N", title=titles["coverage"])]
    bars = base.mark_bar(stroke="black", strokeWidth=0.6).encode(
        x=alt.X("value:Q", title=titles["value"], scale=alt.Scale(domain=[0, 100]), axis=alt.Axis(values=list(
            range(0, 101, 20)))),
        color=alt.Color("column_label:N", scale=colours, sort=shown_columns, title=titles["column"],
                        legend=alt.Legend(orient="top", symbolStrokeColor="black", symbolStrokeWidth=0.6)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=tooltip,
    ).add_params(pick)
    text = base.mark_text(align="left", dx=3, fontSize=10, color="black").encode(
        x=alt.X("value:Q"), text=alt.Text("text:N"))
    chart = alt.LayerChart(layer=[bars, text]).properties(
        width=520, height=alt.Step(max(11, 15 - len(columns))))
    return chart.properties(title=title) if title else chart


def difference_chart(data: pd.DataFrame, *, share: str = "informants", title: str = "",
                     labels: Mapping[str, str] | None = None, code_labels: Mapping[str, str] | None = None,
                     column_labels: Mapping[str, str] | None = None,
                     coverage_labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """The difference of two columns' profiles: one bar per code from 0 to ``first - second`` (percentage
    points), the signed difference printed at its end and each bar's side named in the legend and the axis title,
    so that it reads without colour too.

    Parameters
    ----------
    data : DataFrame
        From :func:`difference`.
    share, title, labels, code_labels, column_labels, coverage_labels
        As for :func:`side_chart` (``labels`` also ``difference``, the x axis title, and ``lean``, the legend's).

    Returns
    -------
    altair.LayerChart
        Bars with a point selection named ``"bar"`` on ``code`` and ``column`` (the column the bar leans to).
    """
    check_choice(share, SHARES, "share")
    titles = {**TITLES, "value": TITLES[share], **dict(labels or {})}
    first, second = str(data.attrs.get("first", "first")), str(data.attrs.get("second", "second"))
    names = distinct_labels([first, second], column_labels or {})
    shown_first, shown_second = names[first], names[second]
    own = dict(coverage_labels or {})
    codes_shown = distinct_labels(list(data["code"]), code_labels or {})
    records = []
    for row in data.itertuples(index=False):
        code_label = codes_shown.get(row.code, row.code)
        cover = own.get(row.code, row.coverage)
        records.append({"code": row.code, "column": row.column, "code_label": code_label,
                        "row_label": f"{code_label} · {cover}", "coverage_label": cover,
                        "first": float(row.first), "second": float(row.second),
                        "difference": float(row.difference), "lean": shown_first if row.difference >= 0
                        else shown_second, "text": f"{row.difference:+.1f}"})
    order = [r["row_label"] for r in records]
    highest = max([abs(r["difference"]) for r in records] + [10.0])
    limit = float(min(100, 10 * np.ceil(highest / 10) + 10))
    pick = alt.selection_point(name=SELECTION, fields=["code", "column"], on="click")
    axis_title = f"{titles['difference']}: {shown_first} − {shown_second}"
    base = alt.Chart(alt.InlineData(values=records)).encode(
        y=alt.Y("row_label:N", sort=order, title=f"{titles['code']} · {titles['coverage']}",
                axis=CODE_AXIS),
        x=alt.X("difference:Q", title=axis_title, scale=alt.Scale(domain=[-limit, limit])),
    )
    bars = base.mark_bar(stroke="black", strokeWidth=0.6).encode(
        color=alt.Color("lean:N", title=titles["lean"],
                        scale=alt.Scale(domain=[shown_first, shown_second], range=list(DIFFERENCE_COLOURS)),
                        legend=alt.Legend(orient="top")),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        tooltip=[alt.Tooltip("code_label:N", title=titles["code"]),
                 alt.Tooltip("first:Q", title=f"{shown_first} (%)", format=".1f"),
                 alt.Tooltip("second:Q", title=f"{shown_second} (%)", format=".1f"),
                 alt.Tooltip("difference:Q", title=titles["difference"], format="+.1f"),
                 alt.Tooltip("coverage_label:N", title=titles["coverage"])],
    ).add_params(pick)
    # the signed difference just past each bar's end: right of bars leaning to the first column, left of the others
    right = base.mark_text(fontSize=10, color="black", align="left", dx=3).encode(
        text=alt.Text("text:N")).transform_filter(alt.datum.difference >= 0)
    left = base.mark_text(fontSize=10, color="black", align="right", dx=-3).encode(
        text=alt.Text("text:N")).transform_filter(alt.datum.difference < 0)
    zero = alt.Chart(alt.InlineData(values=[{"zero": 0}])).mark_rule(color="black").encode(x="zero:Q")
    chart = alt.LayerChart(layer=[bars, right, left, zero]).properties(width=480, height=alt.Step(18))
    return chart.properties(title=title) if title else chart


def without_empty_parents(data: pd.DataFrame, parents: set[str] | frozenset[str]) -> pd.DataFrame:
    """``data`` (from :func:`profiles`) without the rows of parent codes that have no coding of their own in
    any column: their codings sit on their sub-codes, so a chart would only show them as "silent".

    Example
    -------
    >>> m = pd.DataFrame({"a": [0, 1]}, index=pd.Index(["E1", "E1.1"], name="code"))
    >>> without_empty_parents(profiles(m, {"a": 2}), {"E1"})["code"].tolist()
    ['E1.1']
    """
    coded = data.groupby("code", sort=False)["count"].transform("sum") > 0
    kept = data[coded | ~data["code"].isin(parents)].reset_index(drop=True)
    kept.attrs = dict(data.attrs)
    return kept


def _records(data: pd.DataFrame, code_labels: Mapping[str, str] | None, column_labels: Mapping[str, str] | None,
             coverage_labels: Mapping[str, str] | None) -> tuple[list[dict], list[tuple[str, str]],
                                                                  list[tuple[str, str]]]:
    codes_shown = distinct_labels(list(dict.fromkeys(data["code"])), code_labels or {})
    columns_shown = distinct_labels(list(dict.fromkeys(data["column"])), column_labels or {})
    own = dict(coverage_labels or {})
    records: list[dict] = []
    codes: dict[str, str] = {}
    columns: dict[str, str] = {}
    for row in data.itertuples(index=False):
        code_label = codes_shown.get(row.code, row.code)
        cover = own.get(row.code, row.coverage)
        row_label = f"{code_label} · {cover}"
        codes.setdefault(row.code, row_label)
        columns.setdefault(row.column, columns_shown.get(row.column, row.column))
        records.append({"code": row.code, "column": row.column, "code_label": code_label, "row_label": row_label,
                        "column_label": columns[row.column], "coverage_label": cover, "value": float(row.value),
                        "count": int(row.count), "base": int(row.base)})
    return records, list(codes.items()), list(columns.items())


def _palette(n: int) -> list[str]:
    if n <= 3:  # few columns: dark, middle, light, far apart in grey
        return ["#08306b", "#6baed6", "#f0f0f0"][:n]
    return (PALETTE * (n // len(PALETTE) + 1))[:n]


def check_columns(columns: Sequence[str] | None, known: Sequence[str], what: str) -> list[str]:
    """The columns chosen (all ``known`` ones when None), checked: each known, none twice, at least one.

    Raises InputError naming the field ``columns``.
    """
    if columns is None:
        return list(known)
    chosen = [str(c) for c in columns]
    if not chosen:
        raise InputError("columns is empty; choose at least one column")
    for column in chosen:
        check_choice(column, known, f"column ({what})")
    twice = sorted({c for c in chosen if chosen.count(c) > 1})
    if twice:
        raise InputError(f"columns must be distinct; {', '.join(twice)} given twice")
    return chosen
