"""The Charts page's group profiles: each code's share of a column's informants (or coded text) for informant
groups, source types or attribute values, side by side or as the difference of two; a click on a bar (or the
two pickers below the chart) lists the passages of that code in that column, as the Triangulation page's cell.

State keys ``prof_*``. The chart's selection callback only copies the clicked bar into ``prof_code`` /
``prof_column``, so a keyboard user and AppTest choose a bar the same way.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from qualcode.analysis.charts import distinct_labels
from qualcode.analysis.profiles import (
    SELECTION,
    SHARES,
    STYLES,
    difference,
    difference_chart,
    side_chart,
    without_empty_parents,
)
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.filters import attribute_of
from qualcode.project.paper import parent_codes
from qualcode.project.profiles import AXES, profile_data

from .state import error_text, tr, trn
from .triangulation_parts import CHART_FORMATS, chart_bytes, chosen_coders, coder_options, quote_list
from .where_parts import (
    attribute_axes,
    axis_name,
    where_example,
    where_input,
    with_where,
)
from .widgets import chart_code_labels as code_names
from .widgets import chart_column_labels as column_labels
from .widgets import clicked_point, keep_known, table_downloads

CHART_KEY = "prof_chart"


# -- options ------------------------------------------------------------------------------

def coverage_text(pattern: str, present: list[str], total: int, by: str, names: dict[str, str]) -> str:
    """A code's coverage pattern in the UI language, worded as the Triangulation page's table words it."""
    attribute = attribute_of(by) is not None
    count = trn("tri_n_attribute" if attribute else f"tri_n_{by}", total)
    if pattern == "silent":
        return tr("tri_cov_silent")
    if pattern == "all":
        return tr("tri_cov_all").format(count=count)
    if pattern == "one":
        name = names.get(present[0], present[0])
        return tr("tri_cov_one_attribute" if attribute else f"tri_cov_one_{by}").format(name=name)
    return tr("tri_cov_some").format(n=len(present), count=count)


def coverage_texts(data: pd.DataFrame, by: str, names: dict[str, str]) -> dict[str, str]:
    """Each code's coverage pattern (over the columns of ``data``) in the UI language."""
    texts = {}
    for code, part in data.groupby("code", sort=False):
        present = [c for c, n in zip(part["column"], part["count"], strict=True) if n > 0]
        texts[str(code)] = coverage_text(part["pattern"].iloc[0], present, int(part["total"].iloc[0]), by, names)
    return texts


@st.cache_data(max_entries=8, show_spinner=False)
def _profile_data(_project: Project, path: str, version: int, user: str | None, by: str, share: str,
                  columns: tuple[str, ...], coders: tuple[str, ...] | None, where: str | None) -> pd.DataFrame:
    return profile_data(_project, by=by, share=share, columns=list(columns),
                        coders=list(coders) if coders is not None else None, where=where)


def profile_data_of(project: Project, by: str, share: str, columns: list[str], coders: list[str] | None,
                    where: str | None) -> pd.DataFrame:
    """profile_data, cached per project file and its change counter (another coder's work shows) and per user
    (blind coding shows each coder their own codings only)."""
    return _profile_data(project, str(project.path), project.change_counter(), project.user, by, share,
                         tuple(columns), tuple(coders) if coders is not None else None, where)


# -- callbacks ----------------------------------------------------------------------------

def pick_from_chart() -> None:
    """The chart's on_select callback: copy the clicked bar into prof_code / prof_column."""
    point = clicked_point(CHART_KEY, SELECTION, ("code", "column"))
    if point:
        st.session_state["prof_code"], st.session_state["prof_column"] = str(point["code"]), str(point["column"])


# -- the section --------------------------------------------------------------------------

def controls(project: Project) -> tuple[str, str, str, list[str], list[str] | None]:
    axes = [*AXES, *attribute_axes(project)]
    keep_known("prof_by", axes, default="group")
    keep_known("prof_share", list(SHARES), default="informants")
    keep_known("prof_style", list(STYLES), default="side")
    coders, consensus = coder_options(project)
    keep_known("prof_coders", coders, multi=True)
    a, b, c = st.columns([1.2, 1, 1], vertical_alignment="bottom")
    a.selectbox(tr("prof_by"), axes, key="prof_by", format_func=axis_name)
    b.radio(tr("prof_share"), list(SHARES), key="prof_share", format_func=lambda s: tr(f"prof_share_{s}"),
            help=tr("prof_share_help"))
    c.radio(tr("prof_style"), list(STYLES), key="prof_style", format_func=lambda s: tr(f"prof_style_{s}"))
    by = st.session_state["prof_by"]
    values = project.axis_values(by)
    names = column_labels(project, by)
    if st.session_state.get("_prof_columns_for") != by:  # a new axis: start from all its columns
        st.session_state["_prof_columns_for"] = by
        st.session_state["prof_columns"] = list(values)
    keep_known("prof_columns", values, multi=True)
    left, right = st.columns(2)
    left.multiselect(tr("prof_columns"), values, key="prof_columns", format_func=lambda v: names.get(v, v),
                     help=tr("prof_columns_help"), placeholder=tr("prof_pick_columns"))
    right.multiselect(tr("tri_coders"), coders, key="prof_coders", placeholder=tr("tri_all_coders"),
                      format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    return (by, st.session_state["prof_share"], st.session_state["prof_style"],
            list(st.session_state.get("prof_columns") or []), chosen_coders("prof_coders"))


def profiles_section(project: Project) -> None:
    """The group profiles of ``project``: controls, the chart, the passages of a bar and the table of values."""
    if project.codes().empty:
        st.info(tr("prof_no_codes"))
        return
    by, share, style, columns, coders = controls(project)
    where = where_input("prof_where", where_example(project))
    if not project.axis_values(by):
        st.info(tr("prof_no_columns"))
        return
    if not columns:
        st.info(tr("prof_pick_columns"))
        return
    if style == "difference" and len(columns) != 2:
        st.warning(trn("prof_pick_two", len(columns)))
        return
    if not project.has_codings(coders=coders):
        st.info(tr("prof_nothing_coded"))
        return
    try:  # a condition that does not parse is set aside, and the chart says so
        data, where = with_where(lambda w: profile_data_of(project, by, share, columns, coders, w), where)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    data = without_empty_parents(data, parent_codes(project))
    names, codes = column_labels(project, by), code_names(project)
    chart_section(data, by, share, style, columns, names, codes)
    passages_section(project, data, by, coders, where, names, codes)
    table_section(data, by, share, names, codes)


def chart_section(data: pd.DataFrame, by: str, share: str, style: str, columns: list[str],
                  names: dict[str, str], codes: dict[str, str]) -> None:
    axis = axis_name(by)
    labels = {"code": tr("col_code"), "column": axis, "value": tr(f"prof_value_{share}"),
              "coverage": tr("prof_coverage"), "difference": tr("prof_difference"), "count": tr("prof_count"),
              "base": tr("prof_base"), "lean": tr("prof_lean")}
    title = tr(f"prof_title_{share}").format(axis=axis.lower())
    options = {"share": share, "title": title, "labels": labels, "code_labels": codes, "column_labels": names,
               "coverage_labels": coverage_texts(data, by, names)}
    # our own code builds the chart; Streamlit checks the finished one (as on the Triangulation page)
    with debug_mode(False):
        if style == "side":
            chart = side_chart(data, **options)
        else:
            pair = difference(data, columns[0], columns[1])
            options["coverage_labels"] = coverage_texts(data[data["column"].isin(columns)], by, names)
            chart = difference_chart(pair, **options)
    st.altair_chart(chart, key=CHART_KEY, on_select=pick_from_chart, selection_mode=SELECTION, width="stretch")
    st.caption(tr("prof_click_hint"))
    stem = f"profiles_{by.replace(':', '_')}_{share}_{style}"
    buttons = st.columns([1] * len(CHART_FORMATS) + [2])
    for column, (fmt, mime) in zip(buttons, CHART_FORMATS.items(), strict=False):
        column.download_button(tr("prof_download_chart").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"{stem}.{fmt}", mime=mime,
                               key=f"prof_chart_{fmt}", on_click="ignore")


def passages_section(project: Project, data: pd.DataFrame, by: str, coders: list[str] | None, where: str | None,
                     names: dict[str, str], codes: dict[str, str]) -> None:
    st.subheader(tr("prof_passages"))
    keys = list(dict.fromkeys(data["code"]))
    columns = list(dict.fromkeys(data["column"]))
    counts = data.set_index(["code", "column"])["count"]
    if st.session_state.get("prof_code") not in keys or st.session_state.get("prof_column") not in columns:
        # the first bar with something behind it, in reading order
        first = next(((c, k) for c, k, n in zip(data["code"], data["column"], data["count"], strict=True) if n),
                     (keys[0], columns[0]))
        st.session_state["prof_code"], st.session_state["prof_column"] = first
    a, b = st.columns(2)
    a.selectbox(tr("col_code"), keys, key="prof_code", format_func=lambda k: codes.get(k, k))
    b.selectbox(axis_name(by), columns, key="prof_column", format_func=lambda c: names.get(c, c))
    code, column = st.session_state["prof_code"], st.session_state["prof_column"]
    value = data.loc[(data["code"] == code) & (data["column"] == column), "value"].iloc[0]
    st.caption(tr("prof_cell_value").format(code=codes.get(code, code), column=names.get(column, column),
                                            value=f"{value:.1f}", count=int(counts[(code, column)])))
    quotes = project.cell_quotes(code, column, by=by, coders=coders, where=where)
    quote_list(quotes, "prof")


def table_section(data: pd.DataFrame, by: str, share: str, names: dict[str, str], codes: dict[str, str]) -> None:
    st.subheader(tr("prof_table"))
    wide = data.pivot(index="code", columns="column", values="value")
    order = list(dict.fromkeys(data["code"]))
    columns = list(dict.fromkeys(data["column"]))
    cover = coverage_texts(data, by, names)
    frame = pd.DataFrame({tr("col_code"): order, tr("col_name"): [codes.get(k, k).split(" ", 1)[-1] for k in order]})
    shown = distinct_labels(columns, names)  # two groups of one name stay two columns
    for column in columns:
        frame[f"{shown[column]} (%)"] = wide.loc[order, column].to_numpy()
    frame[tr("prof_coverage")] = [cover[k] for k in order]
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="", key="prof_table_view")
    table_downloads(frame, f"profiles_{by.replace(':', '_')}_{share}", "prof_table", "prof_download_table")
