"""The triangulation heat map of a project, ready to draw: what the Charts and Triangulation pages and
``qualcode chart heatmap`` share (the other charts live beside their data: :mod:`.codemap`, :mod:`.codeline`,
:mod:`.profiles`)."""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from ..analysis.charts import heatmap
from . import Project
from .paper import MEASURE_PHRASES, axis_labels, axis_phrase
from .paper import code_labels as codebook_labels


def heatmap_chart(project: Project, *, by: str = "group", measure: str = "segments", coders: list[str] | None = None,
                  rollup: bool = False, where: str | None = None,
                  labels: Mapping[str, str] | None = None, title: str | None = None,
                  matrix: pd.DataFrame | None = None,
                  column_labels: Mapping[str, str] | None = None,
                  code_labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """The triangulation matrix as a heat map with code names beside their keys, group names on the columns
    (an informant's group beside their key) and empty cells apart from low ones.

    Parameters
    ----------
    by, measure, coders, rollup, where
        As :meth:`Project.matrix`.
    labels : mapping, optional
        Axis and legend titles in the reader's language (``code``, ``column``, ``value``, and ``none``: the
        legend's note on empty cells, "grey: none"); English by default.
    title : str, optional
        The chart's title; by default one saying the measure, the axis, the coders and the condition.
    matrix : DataFrame, optional
        The matrix of these options when the caller has it already (the Triangulation page), so it is not
        read twice.
    column_labels : mapping, optional
        What a column shows, where it differs from the CLI's (source types named in the reader's language).
    code_labels : mapping, optional
        What a code shows, where it differs from the codebook's "E1.1 Name" (the name in the reader's language).
    """
    frame = matrix if matrix is not None else project.matrix(by=by, measure=measure, coders=coders, rollup=rollup,
                                                             where=where)
    axis = axis_phrase(by)
    if title is None:
        scope = f", coders {', '.join(coders)}" if coders else ""
        scope += f", where {' '.join(where.split())}" if where and where.strip() else ""
        title = f"{MEASURE_PHRASES[measure]} per code by {axis}{scope}"
    shown = {"code": "Code", "column": axis.capitalize(), "value": MEASURE_PHRASES[measure], "none": "grey: none",
             **dict(labels or {})}
    codes = {**codebook_labels(project), **dict(code_labels or {})}
    return heatmap(frame, title=title, measure=measure, labels=shown, code_labels=codes,
                   column_labels={**axis_labels(project, by), **dict(column_labels or {})})
