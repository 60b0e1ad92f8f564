"""Saturation page: the cumulative number of distinct codes over the interviews in order, Guest, Namey & Chen's
(2020) saturation ratio per run, and the statement of the method and its result, with downloads.

State keys ``sat_*``. The numbers come from :mod:`qualcode.project.saturation`, as ``qualcode saturation`` and
the methods appendix read them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.saturation import (
    saturation_chart,
    saturation_curve,
    saturation_facts,
    saturation_runs,
    saturation_table,
    study_order,
)
from qualcode.ui.i18n import CATALOGUE
from qualcode.ui.state import current_project, error_text, escape_md, show_messages, tr, trn
from qualcode.ui.triangulation_parts import CHART_FORMATS, chart_bytes, chosen_coders, coder_options
from qualcode.ui.where_parts import attribute_axes, axis_name
from qualcode.ui.widgets import keep_known, table_downloads


def order_name(order: str) -> str:
    return tr("sat_order_import") if order == "import" else axis_name(order)


def statement_text(facts: dict[str, Any], order: str) -> str:
    """The statement of the method and its result in the UI language (the English one is ``facts['statement']``)."""
    ordered = tr("sat_in_import") if order == "import" else tr("sat_in_attribute").format(name=order.split(":", 1)[1])
    params = {"n": facts["interviews"], "order": ordered, "base": facts["base"], "run": facts["run"],
              "threshold": f"{facts['threshold'] * 100:g}", "codes": facts["codes_total"],
              "need": facts["base"] + facts["run"], "at": facts["saturated_at"]}
    if facts["interviews"] < facts["base"] + facts["run"]:
        key = "sat_statement_few"
    elif facts["saturated_at"] is None:
        key = "sat_statement_not"
    else:
        key = "sat_statement_reached"
    return trn(key, facts["interviews"], **{k: v for k, v in params.items() if k != "n"})


def column_labels(frame: pd.DataFrame) -> dict[str, Any]:
    """Headings in the UI language for the runs and curve tables (the downloads keep the field names)."""
    return {c: st.column_config.Column(tr(f"sat_col_{c}")) for c in frame.columns if f"sat_col_{c}" in CATALOGUE}


def controls(project: Project) -> dict[str, Any]:
    """The order, coders and source types chosen; base, run and threshold stay in the session state."""
    orders = ["import", *attribute_axes(project)]
    keep_known("sat_order", orders, default=study_order(project))
    coders, consensus = coder_options(project)
    keep_known("sat_coders", coders, multi=True)
    a, b, c = st.columns([1.2, 1.5, 1], vertical_alignment="bottom")
    a.selectbox(tr("sat_order"), orders, key="sat_order", format_func=order_name, help=tr("sat_order_help"))
    b.multiselect(tr("tri_coders"), coders, key="sat_coders", placeholder=tr("tri_all_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    c.checkbox(tr("sat_by_group"), key="sat_by_group")
    d, e, f, g = st.columns([1, 1, 1, 1.2], vertical_alignment="bottom")
    d.number_input(tr("sat_base"), min_value=1, step=1, value=4, key="sat_base", help=tr("sat_base_help"))
    e.number_input(tr("sat_run"), min_value=1, step=1, value=2, key="sat_run", help=tr("sat_run_help"))
    f.number_input(tr("sat_threshold"), min_value=0.0, max_value=1.0, step=0.01, value=0.05, format="%.2f",
                   key="sat_threshold", help=tr("sat_threshold_help"))
    g.checkbox(tr("sat_all_sources"), key="sat_all_sources", help=tr("sat_all_sources_help"))
    return {"order": st.session_state["sat_order"], "coders": chosen_coders("sat_coders"),
            "source_types": None if st.session_state.get("sat_all_sources") else ("interview",)}


def render() -> None:
    st.title(tr("sat_title"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    show_messages()
    options = controls(project)
    params: dict[str, Any] = {"base": int(st.session_state["sat_base"]), "run": int(st.session_state["sat_run"]),
              "threshold": float(st.session_state["sat_threshold"])}
    by = "group" if st.session_state.get("sat_by_group") else None
    try:
        curve = saturation_curve(project, by=by, **options)
        if curve.empty:
            st.info(tr("sat_empty"))
            return
        facts = saturation_facts(project, **params, **options)
        runs = saturation_runs(project, by=by, **params, **options)
        labels = {"position": tr("sat_x"), "cumulative_codes": tr("sat_y"), "group": tr("sat_group"),
                  "overall": tr("sat_overall"), "saturation": tr("sat_point")}
        chart = saturation_chart(project, by=by, labels=labels, title=tr("sat_chart_title"), **params, **options)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    text = statement_text(facts, options["order"])
    if facts["interviews"] < params["base"] + params["run"]:
        st.warning(escape_md(text))
    else:
        st.info(escape_md(text))
    st.caption(tr("sat_method"))
    st.altair_chart(chart, width="stretch")
    columns = st.columns([1] * len(CHART_FORMATS) + [2])
    for column, (fmt, mime) in zip(columns, CHART_FORMATS.items(), strict=False):
        column.download_button(tr("sat_download_chart").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"saturation.{fmt}",
                               mime=mime, key=f"sat_chart_{fmt}", on_click="ignore")
    st.subheader(tr("sat_runs"))
    if runs.empty:
        st.caption(tr("sat_no_runs"))
    else:
        st.dataframe(runs, hide_index=True, width="stretch", key="sat_runs_table", column_config=column_labels(runs),
                     placeholder="")
        paper = saturation_table(project, by=by, **params, **options)
        table_downloads(runs, "saturation_runs", "sat_dl", "sat_download", paper=paper)
    with st.expander(tr("sat_curve_table")):
        st.dataframe(curve, hide_index=True, width="stretch", column_config=column_labels(curve), placeholder="")


render()
