"""Triangulation page: codes x informant groups (or source types, informants) as a heat map and a table with
the coverage pattern and the supervisor's verdict; a cell's quotes; verdicts; code co-occurrence."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from qualcode.analysis.charts import SELECTION, heatmap
from qualcode.analysis.triangulation import AXES, MEASURES
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.analysis import TABLE_EXTRA_COLUMNS, VERDICTS
from qualcode.project.charts import heatmap_chart
from qualcode.project.filters import attribute_of
from qualcode.project.paper import matrix_paper
from qualcode.ui.export_menu import export_menu
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import (
    error_text,
    escape_md,
    lang,
    project_with_codes,
    show_messages,
    source_type_name,
    tr,
    trn,
)
from qualcode.ui.triangulation_parts import (
    CHART_KEY,
    chart_downloads,
    chosen_coders,
    coder_options,
    cooccurrence_of,
    default_cell,
    follow_goto,
    free_name,
    pick_from_chart,
    quote_list,
    report_download,
    save_verdict,
)
from qualcode.ui.where_parts import (
    attribute_axes,
    axis_name,
    where_example,
    where_input,
    with_where,
)
from qualcode.ui.widgets import chart_code_labels, chart_column_labels, code_labels, keep_known, table_downloads


def axis_kind(by: str) -> str:
    """The axis' kind for the page's words: group, source_type, informant or attribute."""
    return "attribute" if attribute_of(by) is not None else by


def controls(project: Project) -> tuple[str, str, list[str] | None, bool]:
    axes = [*AXES, *attribute_axes(project)]
    keep_known("tri_by", axes, default="group")
    by = st.session_state["tri_by"]
    # a share of the informants of the column: of a group, or of those with an attribute's value
    measures = [m for m in MEASURES if m != "share" or by == "group" or axis_kind(by) == "attribute"]
    keep_known("tri_measure", measures, default="segments")
    coders, consensus = coder_options(project)
    keep_known("tri_coders", coders, multi=True)
    a, b, c, d = st.columns([1, 1, 2, 1], vertical_alignment="bottom")
    a.selectbox(tr("tri_by"), axes, key="tri_by", format_func=axis_name)
    b.selectbox(tr("tri_measure"), measures, key="tri_measure", format_func=lambda v: tr(f"tri_m_{v}"),
                help=tr("tri_measure_help"))
    c.multiselect(tr("tri_coders"), coders, key="tri_coders", placeholder=tr("tri_all_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    d.toggle(tr("tri_rollup"), key="tri_rollup", help=tr("tri_rollup_help"))
    return by, st.session_state["tri_measure"], chosen_coders(), bool(st.session_state.get("tri_rollup"))


def jaccard_chart(jaccard: pd.DataFrame) -> alt.LayerChart:
    """The Jaccard heat map: the trivial diagonal (1 by definition) left blank so that the pairs set the colour
    scale, and only the pairs that do co-occur labelled, with two decimals."""
    frame = jaccard.round(2).astype(float)
    for key in frame.index.intersection(frame.columns):
        frame.loc[key, key] = 0.0
    chart = heatmap(frame, title=tr("tri_jaccard"), measure="Jaccard",
                    labels={"code": tr("col_code"), "column": tr("col_code"), "value": tr("tri_jaccard")})
    layers = []
    for layer in chart.layer:
        if layer.encoding.text is not alt.Undefined:
            layer.encoding.text.format = ".2f"
            layer = layer.transform_filter("datum.value > 0")
        layers.append(layer)
    chart.layer = layers
    return chart


def coverage_label(present: pd.Series, by: str) -> str:
    """The coverage pattern of one code (cf. :func:`qualcode.analysis.triangulation.coverage`) in the session's
    language: "all 3 groups", "2 of 3 groups", "one group only: community" or "silent"."""
    n, total = int(present.sum()), len(present)
    attribute = axis_kind(by) == "attribute"
    if n == 0:
        return tr("tri_cov_silent")
    if n == total:
        return tr("tri_cov_all").format(count=trn("tri_n_attribute", total) if attribute
                                        else trn(f"tri_n_{by}", total))
    if n == 1:
        name = str(present.index[present.to_numpy()][0])
        if attribute:
            return tr("tri_cov_one_attribute").format(name=name)
        return tr(f"tri_cov_one_{by}").format(name=source_type_name(name) if by == "source_type" else name)
    return tr("tri_cov_some").format(n=n, count=trn("tri_n_attribute", total) if attribute
                                     else trn(f"tri_n_{by}", total))


def matrix_section(project: Project, matrix: pd.DataFrame, table: pd.DataFrame, by: str, measure: str,
                   labels: dict[str, str], where: str | None) -> None:
    title = tr("tri_chart_title").format(measure=tr(f"tri_m_{measure}"), axis=axis_name(by).lower())
    # codes, groups, informants (with their group's) and source types named in the UI language, as the other
    # charts name them; a click names the matrix's own column
    shown = chart_column_labels(project, by)
    # Altair checks every part of a chart against the Vega-Lite schema while it is built (most of this page's
    # time on the demo); our own code builds the heat maps, and Streamlit checks the finished chart once.
    with debug_mode(False):
        chart = heatmap_chart(project, by=by, measure=measure, matrix=matrix, column_labels=shown, title=title,
                              code_labels=chart_code_labels(project),
                              labels={"code": tr("col_code"), "column": attribute_of(by) or axis_name(by),
                                      "value": tr(f"tri_m_{measure}"), "none": tr("tri_chart_none")})
    stem = f"triangulation_{by.replace(':', '_')}_{measure}"
    chart_tab, table_tab = st.tabs([tr("tri_heatmap"), tr("tri_table")])
    with chart_tab:
        st.altair_chart(chart, key=CHART_KEY, on_select=pick_from_chart, selection_mode=SELECTION, width="stretch")
        st.caption(tr("tri_click_hint"))
        chart_downloads(chart, stem, "tri_chart")
    with table_tab:
        frame = table.copy()
        name = free_name(tr("col_name"), [*matrix.columns, tr("col_code")])
        frame.insert(0, name, [labels.get(k, k).split(" · ", 1)[-1] for k in frame.index])
        frame["verdict"] = [tr(f"tri_v_{v}") if isinstance(v, str) and v else "" for v in frame["verdict"]]
        present = matrix.fillna(0) > 0
        frame["label"] = [coverage_label(present.loc[code], by) for code in frame.index]
        shown_column = source_type_name if by == "source_type" else str  # the built-in source types translated
        columns = {name: name, **{c: shown_column(c) for c in matrix.columns}, "label": tr("tri_col_pattern"),
                   "verdict": tr("tri_col_verdict"), "verdict_by": tr("tri_col_verdict_by"),
                   "verdict_at": tr("tri_col_verdict_at"), "rationale": tr("tri_col_rationale")}
        shown_table = frame[list(columns)].rename(columns=columns).rename_axis(tr("col_code")).reset_index()
        st.dataframe(shown_table, hide_index=True, width="stretch", placeholder="", key="tri_table_view")
        paper = matrix_paper(project, table, by=by, measure=measure, coders=chosen_coders() or None,
                             rollup=bool(st.session_state.get("tri_rollup")), where=where)
        table_downloads(paper.frame, stem, "tri_table", "tri_download_table", paper=paper)
        st.caption(tr("tri_quote_table"))
        export_menu(project, "quotes", key="tri_quotes", file_stem="quotes", coders=chosen_coders() or None,
                    where=where)


def column_names(project: Project, by: str) -> dict[str, str]:
    """``key · name`` of each group (in the UI language), for the column picker; source types by their name in
    the UI language; informants show their keys."""
    if by == "source_type":
        return {k: source_type_name(k) for k in project.axis_values(by)}
    if by != "group":
        return {}
    groups = project.groups()
    column = "name_alt" if lang() == "id" else "name"
    names = groups[column].where(groups[column].notna() & (groups[column] != ""), groups["name"])
    return {k: f"{k} · {n}" if isinstance(n, str) and n and n != k else k
            for k, n in zip(groups["key"], names, strict=True)}


def cell_section(project: Project, matrix: pd.DataFrame, by: str, coders: list[str] | None, rollup: bool,
                 labels: dict[str, str], where: str | None) -> str | None:
    st.subheader(tr("tri_cell"))
    codes, columns = list(matrix.index), [str(c) for c in matrix.columns]
    default_cell(matrix, "tri_code", "tri_column", lambda value: value > 0)
    a, b = st.columns(2)
    a.selectbox(tr("col_code"), codes, key="tri_code", format_func=lambda k: labels.get(k, k))
    names = column_names(project, by)
    b.selectbox(axis_name(by), columns, key="tri_column", format_func=lambda c: names.get(c, c))
    code, column = st.session_state["tri_code"], st.session_state["tri_column"]
    value = matrix.loc[code, column]
    st.caption(tr("tri_cell_value").format(code=escape_md(code), column=escape_md(column), value=value))
    quotes = project.cell_quotes(code, column, by=by, coders=coders, rollup=rollup, where=where)
    quote_list(quotes, "tri")
    return code


def verdict_section(project: Project, code: str, labels: dict[str, str]) -> None:
    st.subheader(tr("tri_verdict_title").format(code=escape_md(labels.get(code, code))))
    history = project.verdicts(latest=False)
    history = history[history["code"] == code]
    whole = history[history["group_a"].isna() | (history["group_a"] == "")]
    if st.session_state.get("_tri_verdict_for") != code or "tri_verdict" not in st.session_state:
        # a new code (or the form's values dropped while another page was shown): start from the latest verdict
        st.session_state["_tri_verdict_for"] = code
        st.session_state["tri_verdict"] = (whole.sort_values(["created_at", "id"]).iloc[-1]["verdict"]
                                           if not whole.empty else None)
        st.session_state["tri_rationale"] = ""
        st.session_state["tri_verdict_groups"] = []
    coder = current_coder()
    if coder is None:
        st.info(tr("tri_verdict_needs_coder"))
    groups = project.axis_values("group")
    keep_known("tri_verdict_groups", groups, multi=True)
    with st.form("tri_verdict_form", border=True):
        st.radio(tr("tri_verdict"), list(VERDICTS), key="tri_verdict", horizontal=True, index=None,
                 format_func=lambda v: tr(f"tri_v_{v}"))
        st.multiselect(tr("tri_verdict_groups"), groups, key="tri_verdict_groups", max_selections=2,
                       placeholder=tr("tri_whole_code"), help=tr("tri_verdict_groups_help"))
        st.text_area(tr("tri_rationale"), key="tri_rationale", height=90)
        st.form_submit_button(tr("tri_save_verdict"), key="tri_verdict_save", type="primary", on_click=save_verdict,
                              disabled=coder is None)
    if history.empty:
        st.caption(tr("tri_no_verdicts"))
        return
    st.markdown(f"**{tr('tri_history')}**")
    shown = history.sort_values(["created_at", "id"], ascending=False).assign(
        verdict=lambda f: [tr(f"tri_v_{v}") for v in f["verdict"]])
    columns = {"created_at": tr("tri_col_verdict_at"), "supervisor": tr("tri_col_verdict_by"),
               "verdict": tr("tri_col_verdict"), "group_a": tr("tri_col_group_a"), "group_b": tr("tri_col_group_b"),
               "rationale": tr("tri_col_rationale")}
    st.dataframe(shown[list(columns)].rename(columns=columns), hide_index=True, width="stretch", placeholder="",
                 key="tri_history_view")


def cooccurrence_section(project: Project, coders: list[str] | None) -> None:
    st.subheader(tr("tri_cooc"))
    keep_known("tri_cooc_by", ["overlap", "unit"], default="overlap")
    st.radio(tr("tri_cooc_by"), ["overlap", "unit"], key="tri_cooc_by", horizontal=True,
             format_func=lambda v: tr(f"tri_cooc_{v}"), help=tr("tri_cooc_help"))
    counts, jaccard = cooccurrence_of(project, st.session_state["tri_cooc_by"], coders)
    if counts.empty:
        st.info(tr("tri_cooc_none"))
        return
    chart_tab, counts_tab, jaccard_tab = st.tabs([tr("tri_jaccard_map"), tr("tri_counts"), tr("tri_jaccard")])
    with chart_tab:
        with debug_mode(False):  # as for the matrix's heat map
            chart = jaccard_chart(jaccard)
        st.altair_chart(chart, width="stretch")
        st.caption(tr("tri_jaccard_hint"))
    with counts_tab:
        st.dataframe(counts.rename_axis(tr("col_code")), width="stretch", placeholder="", key="tri_cooc_counts")
    with jaccard_tab:
        st.dataframe(jaccard.round(3).rename_axis(tr("col_code")), width="stretch", placeholder="",
                     key="tri_cooc_jaccard")


def render() -> None:
    follow_goto()
    st.title(tr("tri_title"))
    show_messages()
    project = project_with_codes("tri_no_codes")
    if project is None:
        return
    codes = project.codes()
    by, measure, coders, rollup = controls(project)
    where = where_input("tri_where", where_example(project))
    if not project.axis_values(by):
        st.info(tr("tri_no_attribute") if axis_kind(by) == "attribute" else tr(f"tri_no_{by}"))
        return
    labels = code_labels(codes)
    options = dict(by=by, measure=measure, coders=coders, rollup=rollup)
    try:  # a condition that does not parse is set aside, and the page says so
        table, where = with_where(lambda w: project.triangulation_table(**options, where=w), where)
    except QualcodeError as exc:  # e.g. a group key that clashes with the table's own columns
        st.error(error_text(exc))
        return
    matrix = table.drop(columns=TABLE_EXTRA_COLUMNS)  # the table is the matrix plus these: not counted twice
    matrix.columns.name, matrix.attrs = by, dict(table.attrs)
    if not project.has_codings(coders=coders):
        st.info(tr("tri_nothing_coded"))
    unassigned = int(matrix.attrs.get("unassigned", 0) or 0)
    if unassigned:
        st.caption(trn("tri_unassigned", unassigned, axis=axis_name(by).lower()))
    matrix_section(project, matrix, table, by, measure, labels, where)
    st.subheader(tr("tri_report_title"))
    report_download(project, coders, where)
    code = cell_section(project, matrix, by, coders, rollup, labels, where)
    if code:
        verdict_section(project, code, labels)
    cooccurrence_section(project, coders)


render()
