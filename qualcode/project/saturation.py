"""Saturation of a project: the cumulative code curve and Guest, Namey & Chen's (2020) saturation ratio,
read from the interviews in the order they were done.

What the Saturation page, ``qualcode saturation``, the report and the methods appendix share; the method is
defined in :mod:`qualcode.analysis.saturation`. Interviews are the documents of source type ``interview``
(or of the source types asked for) that hold at least one coding of the chosen coders: an interview not yet
coded has not been analysed, so it cannot show whether new codes appear.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from ..analysis.attributes import parse_date, parse_number
from ..analysis.saturation import (
    check_parameters,
    cumulative_curve,
    saturation_point,
    statement,
)
from ..analysis.saturation import saturation_runs as ratio_runs
from ..errors import InputError, check_choice
from ..export.tables import Table
from . import Project
from .filters import attribute_axis, attribute_of, attribute_types

BY = ("group",)
#: Axis and title words of the chart, English; ``labels`` replaces any of them.
LABELS = {"position": "Interviews (in order)", "cumulative_codes": "Distinct codes so far", "group": "Group",
          "overall": "All interviews", "saturation": "saturation"}


def _check_order(order: str) -> str | None:
    """The attribute of ``attribute:NAME``; None for import order."""
    if isinstance(order, str) and order.strip().lower() == "import":
        return None
    attribute = attribute_of(order) if isinstance(order, str) else None
    if attribute is None:
        raise InputError(f"unknown order {order!r}; allowed: import, attribute:NAME (e.g. attribute:interview_date)")
    return attribute


def order_words(order: str) -> str:
    """The order in words: "in import order", "in order of interview_date"."""
    attribute = _check_order(order)
    return "in import order" if attribute is None else f"in order of {attribute}"


def _sort_key(kind: str, categories: Sequence[str], value: str | None) -> tuple[int, Any]:
    """Sort key of an attribute value by its declared kind; a value that does not read as its kind, and a
    missing one, go after the others."""
    if value is None:
        return 2, ""
    if kind == "number" and (number := parse_number(value)) is not None:
        return 0, number
    if kind == "date" and (day := parse_date(value)) is not None:
        return 0, day.toordinal()
    if kind == "category" and value in categories:
        return 0, categories.index(value)
    if kind in ("number", "date", "category"):
        return 1, value.casefold()
    return 0, value.casefold()


def _source_types(source_types: Sequence[str] | None) -> list[str] | None:
    if source_types is None:
        return None
    if isinstance(source_types, str):
        source_types = [source_types]
    chosen = [s for s in source_types if isinstance(s, str) and s.strip()]
    if not chosen:
        raise InputError("source_types is empty; give at least one source type, or None for all")
    return chosen


def _interviews(project: Project, order: str, coders: Sequence[str] | None,
                source_types: Sequence[str] | None) -> tuple[pd.DataFrame, dict[int, set[str]]]:
    """The coded interviews in order (document id, name, informant, group, order value) and each one's
    code keys."""
    attribute = _check_order(order)
    chosen = _source_types(source_types)
    codings = project.codings(coders=list(coders) if coders is not None else None)
    documents = project.documents()
    if chosen is not None:
        documents = documents[documents["source_type"].isin(chosen)]
    codes_of = {int(doc): set(group["code"]) for doc, group in codings.groupby("document_id")}
    documents = documents[documents["id"].astype(int).isin(codes_of)].copy()
    documents["order_value"] = None
    documents = documents.sort_values("id", kind="stable")
    if attribute is not None:
        values, _ = attribute_axis(project, attribute)  # raises for an unknown attribute, naming it
        declared = {str(k).lower(): v for k, v in (attribute_types(project) or {}).items()}
        kind, categories = declared.get(attribute, ("text", []))
        documents["order_value"] = [values.get(i) if isinstance(i, str) else None for i in documents["informant"]]
        keys = [_sort_key(kind, list(categories or []), v) for v in documents["order_value"]]
        documents = documents.assign(_key=keys).sort_values("_key", kind="stable").drop(columns="_key")
    frame = documents.rename(columns={"id": "document_id", "name": "document"})
    return frame[["document_id", "document", "informant", "group", "order_value"]].reset_index(drop=True), codes_of


def _parents(project: Project) -> dict[str, str | None]:
    codes = project.codes()
    return {str(k): (p if isinstance(p, str) else None) for k, p in zip(codes["key"], codes["parent"], strict=True)}


def _parts(frame: pd.DataFrame, by: str | None) -> list[tuple[str | None, pd.DataFrame]]:
    if by is None:
        return [(None, frame)]
    check_choice(by, BY, "by")
    frame = frame.dropna(subset=["group"])
    return [(str(g), part) for g, part in frame.groupby("group", sort=True)]


def saturation_curve(project: Project, *, order: str = "import", by: str | None = None,
                     coders: Sequence[str] | None = None,
                     source_types: Sequence[str] | None = ("interview",)) -> pd.DataFrame:
    """The cumulative number of distinct codes and top-level codes after each interview, in order.

    Parameters
    ----------
    order : "import" or "attribute:NAME"
        Import order (document id), or the informants' values of an attribute, read by its declared kind
        (numbers by value, dates by date, categories in their order, text alphabetically); interviews
        without a value come last, ties in import order.
    by : {None, "group"}
        None: one curve over all interviews; "group": one per informant group (positions counted within
        the group; documents without an informant are left out).
    coders : sequence of str, optional
        Only these coders' codings (default: all pooled).
    source_types : sequence of str or None
        The source types that count as interviews (default ``("interview",)``; None: every source type).

    Returns
    -------
    DataFrame
        One row per coded interview: ``group`` (with ``by``), ``position``, ``document``, ``informant``,
        ``order_value`` (the attribute's value; missing for import order), ``new_codes``,
        ``cumulative_codes``, ``new_top_level``, ``cumulative_top_level``, ``new_code_keys``.

    Raises
    ------
    InputError
        Unknown order, attribute or ``by``; empty ``source_types``.
    NotFoundError
        Unknown coder.
    """
    frame, codes_of = _interviews(project, order, coders, source_types)
    parents = _parents(project)
    pieces = []
    for group, part in _parts(frame, by):
        curve = cumulative_curve([codes_of[int(d)] for d in part["document_id"]], parents)
        curve.insert(1, "document", list(part["document"]))
        curve.insert(2, "informant", list(part["informant"]))
        curve.insert(3, "order_value", list(part["order_value"]))
        if by is not None:
            curve.insert(0, "group", group)
        pieces.append(curve)
    columns = (["group"] if by is not None else []) + ["position", "document", "informant", "order_value",
                                                        "new_codes", "cumulative_codes", "new_top_level",
                                                        "cumulative_top_level", "new_code_keys"]
    if not pieces:
        return pd.DataFrame(columns=columns)
    return pd.concat(pieces, ignore_index=True)[columns]


def saturation_runs(project: Project, *, base: int = 4, run: int = 2, threshold: float = 0.05,
                    order: str = "import", by: str | None = None, coders: Sequence[str] | None = None,
                    source_types: Sequence[str] | None = ("interview",)) -> pd.DataFrame:
    """Guest, Namey & Chen's (2020) saturation ratio for each run (see :mod:`qualcode.analysis.saturation`).

    Parameters
    ----------
    base, run, threshold
        Base size and run length in interviews; new-information threshold as a proportion (0.05 = 5%).
    order, by, coders, source_types
        As for :func:`saturation_curve`.

    Returns
    -------
    DataFrame
        One row per run: ``group`` (with ``by``), ``run_start``, ``run_end``, ``base_codes``, ``new_in_run``,
        ``ratio``, ``below_threshold``. No row where there are fewer than base + run interviews.
    """
    base, run, threshold = check_parameters(base, run, threshold)
    frame, codes_of = _interviews(project, order, coders, source_types)
    pieces = []
    for group, part in _parts(frame, by):
        runs = ratio_runs([codes_of[int(d)] for d in part["document_id"]], base=base, run=run, threshold=threshold)
        if by is not None:
            runs.insert(0, "group", group)
        pieces.append(runs)
    columns = (["group"] if by is not None else []) + ["run_start", "run_end", "base_codes", "new_in_run", "ratio",
                                                        "below_threshold"]
    pieces = [p for p in pieces if not p.empty]
    if not pieces:
        return pd.DataFrame(columns=columns)
    return pd.concat(pieces, ignore_index=True)[columns]


def study_order(project: Project) -> str:
    """The order the interviews were done in, as far as the project can tell: ``attribute:NAME`` of its first
    informant attribute of kind date, else ``"import"``. What the page, the report and the methods appendix
    order by unless told otherwise."""
    types = project.attribute_types()
    dates = types.loc[types["kind"] == "date", "name"].tolist()
    return f"attribute:{dates[0]}" if dates else "import"


def saturation_facts(project: Project, *, base: int = 4, run: int = 2, threshold: float = 0.05,
                     order: str = "import", coders: Sequence[str] | None = None,
                     source_types: Sequence[str] | None = ("interview",)) -> dict[str, Any]:
    """What a methods section says about saturation, over all interviews.

    Returns
    -------
    dict
        ``interviews`` (coded interviews counted), ``order`` (in words), ``base``, ``run``, ``threshold``,
        ``saturated_at`` (the interview where the first run at or below the threshold ends; None when not
        reached or too few interviews), ``codes_total`` (distinct codes over all of them) and ``statement``
        (one English sentence stating the parameters and the result).
    """
    base, run, threshold = check_parameters(base, run, threshold)
    curve = saturation_curve(project, order=order, coders=coders, source_types=source_types)
    runs = saturation_runs(project, base=base, run=run, threshold=threshold, order=order, coders=coders,
                           source_types=source_types)
    facts: dict[str, Any] = {
        "interviews": len(curve), "order": order_words(order), "base": base, "run": run, "threshold": threshold,
        "saturated_at": saturation_point(runs) if not runs.empty else None,
        "codes_total": int(curve["cumulative_codes"].iloc[-1]) if len(curve) else 0,
    }
    facts["statement"] = statement(**{k: facts[k] for k in ("interviews", "order", "base", "run", "threshold",
                                                             "saturated_at", "codes_total")})
    return facts


def saturation_points(runs: pd.DataFrame) -> dict[str | None, int | None]:
    """Per group (None without ``by``) the interview where saturation was reached, None where it was not."""
    if "group" not in runs.columns:
        return {None: saturation_point(runs) if not runs.empty else None}
    return {str(g): saturation_point(part) for g, part in runs.groupby("group", sort=True)}


def saturation_table(project: Project, *, base: int = 4, run: int = 2, threshold: float = 0.05,
                     order: str = "import", by: str | None = None, coders: Sequence[str] | None = None,
                     source_types: Sequence[str] | None = ("interview",)) -> Table:
    """The runs table for a paper, its caption the statement of the method and its result."""
    runs = saturation_runs(project, base=base, run=run, threshold=threshold, order=order, by=by, coders=coders,
                           source_types=source_types)
    facts = saturation_facts(project, base=base, run=run, threshold=threshold, order=order, coders=coders,
                             source_types=source_types)
    frame = runs.rename(columns={"run_start": "run start", "run_end": "run end", "base_codes": "codes in base",
                                 "new_in_run": "new codes in run", "ratio": "saturation ratio",
                                 "below_threshold": "at or below threshold"})
    notes = ("Saturation ratio = new codes in the run / distinct codes in the base (Guest, Namey and Chen 2020, "
             "PLoS ONE 15(5): e0232076). The base stays the first interviews; the run moves on one interview "
             "at a time; new codes are those no earlier interview used.")
    return Table(frame, title="Saturation runs", caption=facts["statement"], notes=notes, name="saturation",
                 context={"order": facts["order"], "base": base, "run": run, "threshold": threshold})


def saturation_chart(project: Project, *, order: str = "import", by: str | None = None,
                     coders: Sequence[str] | None = None, source_types: Sequence[str] | None = ("interview",),
                     base: int = 4, run: int = 2, threshold: float = 0.05,
                     labels: Mapping[str, str] | None = None, title: str | None = None) -> alt.LayerChart:
    """The cumulative curve as a chart: a line with points per curve (one per group with ``by="group"``,
    named at its end so it reads without colour), the saturation point marked on each curve that reaches it.

    Parameters
    ----------
    order, by, coders, source_types
        As for :func:`saturation_curve`.
    base, run, threshold
        As for :func:`saturation_runs`; where the saturation point is marked.
    labels : mapping, optional
        Words in the reader's language: ``position``, ``cumulative_codes`` (axis titles), ``group``,
        ``overall`` (the line's name without ``by``), ``saturation`` (the mark's label); English by default.
    title : str, optional
        The chart's title; by default one naming the order.

    Raises
    ------
    InputError
        As :func:`saturation_curve` and :func:`saturation_runs`; no coded interview.
    """
    words = {**LABELS, **(labels or {})}
    curve = saturation_curve(project, order=order, by=by, coders=coders, source_types=source_types)
    if curve.empty:
        raise InputError("no coded interview to draw a saturation curve from")
    runs = saturation_runs(project, base=base, run=run, threshold=threshold, order=order, by=by, coders=coders,
                           source_types=source_types)
    data = curve.copy()
    data["line"] = data["group"] if by is not None else words["overall"]
    points = saturation_points(runs)
    marks = []
    for line, part in data.groupby("line", sort=False):
        at = points.get(str(line) if by is not None else None)
        if at is not None:
            row = part[part["position"] == at]
            if not row.empty:
                marks.append({"line": line, "position": at, "cumulative_codes": int(row["cumulative_codes"].iloc[0]),
                              "label": f"{words['saturation']} ({at})"})
    if title is None:
        title = f"Cumulative distinct codes, interviews {order_words(order)}"
    x = alt.X("position:Q", title=words["position"], axis=alt.Axis(tickMinStep=1, format="d"))
    y = alt.Y("cumulative_codes:Q", title=words["cumulative_codes"])
    dash = alt.StrokeDash("line:N", legend=None)
    base_chart = alt.Chart(data)
    lines = base_chart.mark_line(point=alt.OverlayMarkDef(color="#333333"), color="#333333").encode(
        x=x, y=y, strokeDash=dash, detail="line:N",
        tooltip=[alt.Tooltip("line:N", title=words["group"]), "position:Q", "document:N", "cumulative_codes:Q",
                 "new_codes:Q"])
    ends = data.loc[data.groupby("line", sort=False)["position"].idxmax()]
    names = alt.Chart(ends).mark_text(align="left", dx=6, fontSize=11).encode(x=x, y=y, text="line:N")
    layers: list[alt.Chart] = [lines, names]
    if marks:
        marked = alt.Chart(pd.DataFrame(marks))
        layers.append(marked.mark_point(shape="diamond", size=160, filled=True, color="black").encode(x=x, y=y))
        layers.append(marked.mark_text(align="right", dx=-8, dy=-10, fontSize=11).encode(x=x, y=y, text="label:N"))
    return alt.LayerChart(layer=layers).properties(title=title, width=520, height=320)
