"""Charts of analysis results (Altair), and their static export as PNG or SVG.

The heat map shows a triangulation matrix (Farmer et al., 2006): one row per code,
one column per data source (informant group, source type or informant), the
colour and the printed number giving the cell's measure. Static files are drawn
by ``vl-convert-python`` (no browser needed).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import SupportsFloat

import altair as alt
import pandas as pd

from ..errors import InputError

MEASURE_TITLES = {
    "segments": "coded segments",
    "informants": "informants",
    "share": "% of the group's informants",
    "words": "words coded",
}
SELECTION = "cell"  # the point selection of the heat map: fields "code" and "column"
SUFFIXES = (".png", ".svg")


ZERO_FILL = "#f4f4f4"  # an empty cell: paler than the palest blue, so that "none" never reads as "a few"
ZERO_TEXT = "#9a9a9a"


def heatmap(matrix: pd.DataFrame, *, title: str = "", measure: str = "segments",
            labels: Mapping[str, str] | None = None, code_labels: Mapping[str, str] | None = None,
            column_labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """A heat map of a code x column matrix: coloured rectangles with the value printed in each; cells of 0
    in light grey with a grey 0, apart from the colour scale of the others.

    Parameters
    ----------
    matrix : DataFrame
        From :func:`qualcode.analysis.triangulation.code_matrix` (index: codes; columns:
        groups, source types or informants).
    title : str
        Chart title (none when empty).
    measure : str
        The matrix's measure, for the legend title and number format ("share" prints
        one decimal; other fractional values, such as Jaccard similarities, two).
    labels : mapping, optional
        Titles in the reader's language: ``"code"`` (the y axis), ``"column"`` (the x
        axis) and ``"value"`` (the legend and tooltip). Missing ones default to English:
        "code", the matrix's axis name, and the measure's name. ``"none"``, when given, is a
        second line of the legend's title saying what an empty cell looks like ("grey: none").

    Returns
    -------
    altair.LayerChart
        Codes on y and columns on x, both in the matrix's order; colour by value. The
        rectangles carry a point selection named ``"cell"`` on the fields ``code`` and
        ``column`` (what a front end reads back when a cell is clicked).
    code_labels, column_labels : mapping, optional
        What the axes show for a code key ("E1.1 Sponsors") or a column ("I-01 (community)"); the
        selection still names the key. Default: the keys.

    Example
    -------
    >>> m = pd.DataFrame({"community": [2, 0], "agency": [1, 3]}, index=pd.Index(["E1", "E2"], name="code"))
    >>> chart = heatmap(m, title="Segments by group")
    >>> chart.to_dict()["layer"][0]["mark"]["type"]
    'rect'
    """
    codes = [str(c) for c in matrix.index]
    columns = [str(c) for c in matrix.columns]
    values = matrix.to_numpy()
    cells = [(code, column, _number(values[i, j])) for i, code in enumerate(codes) for j, column in enumerate(columns)]
    code_labels = distinct_labels(codes, code_labels or {})
    column_labels = distinct_labels(columns, column_labels or {})
    highest = max((value for _, _, value in cells), default=0) or 1
    records = [{"code": code, "column": column, "value": value, "code_label": code_labels.get(code, code),
                "column_label": column_labels.get(column, column),
                "ink": ZERO_TEXT if value == 0 else ("white" if value > highest / 2 else "black")}
               for code, column, value in cells]
    labels = labels or {}
    axis = matrix.attrs.get("axis", matrix.columns.name or "column")
    axis_title = labels.get("column") or str(axis).replace("_", " ")
    value_title = labels.get("value") or MEASURE_TITLES.get(measure, measure)
    code_title = labels.get("code") or "code"
    whole = all(float(value).is_integer() for _, _, value in cells)
    number = ".1f" if measure == "share" else ("d" if whole else ".2f")
    data = alt.InlineData(values=records)  # inline values: no row limit of the DataFrame transformer
    x_order = [column_labels.get(c, c) for c in columns]
    y_order = [code_labels.get(c, c) for c in codes]
    base = alt.Chart(data).encode(
        x=alt.X("column_label:N", sort=x_order, title=axis_title, axis=alt.Axis(labelAngle=-40, labelLimit=160)),
        y=alt.Y("code_label:N", sort=y_order, title=code_title, axis=alt.Axis(labelLimit=360)),
    )
    cell = alt.selection_point(name=SELECTION, fields=["code", "column"], on="click")
    rect = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.condition(alt.datum.value == 0, alt.value(ZERO_FILL),
                            alt.Color("value:Q", title=value_title,
                                      legend=alt.Legend(title=[value_title, labels["none"]]) if labels.get("none")
                                      else alt.Undefined,
                                      # the palest blue kept well apart from an empty cell's grey
                                      scale=alt.Scale(scheme=alt.SchemeParams(name="blues", extent=[0.2, 1]),
                                                      domainMin=0, domainMax=highest))),
        tooltip=[alt.Tooltip("code_label:N", title=code_title), alt.Tooltip("column_label:N", title=axis_title),
                 alt.Tooltip("value:Q", title=value_title, format=number)],
    ).add_params(cell)
    text = base.mark_text(fontSize=11).encode(
        text=alt.Text("value:Q", format=number),
        color=alt.Color("ink:N", scale=None, legend=None),
    )
    # no facets to hoist, so alt.layer would give this; the text's own colours stay out of the rectangles' scale
    chart = alt.LayerChart(layer=[rect, text]).resolve_scale(color="independent").properties(
        width=alt.Step(max(28, min(70, 9 * max((len(c) for c in columns), default=4)))),
        height=alt.Step(20),
    )
    if title:
        chart = chart.properties(title=title)
    return chart


def distinct_labels(keys: list[str], labels: Mapping[str, str]) -> dict[str, str]:
    """What a chart shows for each key: its label, with the key added where two keys would read the same
    (a chart's axis groups its marks by what they show, so two columns of one name would be drawn as one).

    Example
    -------
    >>> distinct_labels(["a", "b", "c"], {"a": "Staff", "b": "Staff", "c": "Heads"})
    {'a': 'Staff (a)', 'b': 'Staff (b)', 'c': 'Heads'}
    """
    shown = {key: labels.get(key, key) for key in keys}
    seen: dict[str, int] = {}
    for label in shown.values():
        seen[label] = seen.get(label, 0) + 1
    return {key: f"{label} ({key})" if seen[label] > 1 and label != key else label for key, label in shown.items()}


def save_chart(chart: alt.TopLevelMixin, path: str | Path, *, scale: float = 2.0) -> None:
    """Write ``chart`` as a static image: PNG or SVG, chosen by the suffix of ``path``.

    Parameters
    ----------
    chart : altair chart
        Any Altair chart (e.g. from :func:`heatmap`).
    path : str or Path
        Ends in ``.png`` or ``.svg``.
    scale : float
        Pixel scale of PNG output (2.0 = sharp on high-density screens and in print).

    Raises
    ------
    InputError
        Any other suffix.
    """
    import vl_convert as vlc  # imported here: only static export needs it

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{path}: cannot save a chart as '{suffix or 'no suffix'}'; use {' or '.join(SUFFIXES)}")
    spec = chart.to_dict()
    if suffix == ".png":
        path.write_bytes(vlc.vegalite_to_png(spec, scale=scale))
    else:
        path.write_text(vlc.vegalite_to_svg(spec), encoding="utf-8")


def _number(value: SupportsFloat | None) -> float | int:
    if value is None or pd.isna(value):
        return 0
    number = float(value)
    return int(number) if number.is_integer() else number
