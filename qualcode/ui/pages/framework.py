"""Framework page: informants (rows) x codes (columns), each cell the analyst's summary or a digest of the
informant's quotes; a cell's quotes, its summary editor and its memos."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.paper import framework_paper
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import (
    escape_md,
    project_with_codes,
    show_messages,
    tr,
)
from qualcode.ui.triangulation_parts import (
    cell_memos,
    chosen_coders,
    coder_options,
    default_cell,
    follow_goto,
    framework_matrix_of,
    free_name,
    prefill_summary,
    quote_list,
    save_summary,
)
from qualcode.ui.where_parts import is_condition_error, show_where_error, where_example, where_input
from qualcode.ui.widgets import code_labels, keep_known, table_downloads


def controls(project: Project) -> tuple[list[str] | None, bool]:
    coders, consensus = coder_options(project)
    keep_known("fw_coders", coders, multi=True)
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    a.multiselect(tr("tri_coders"), coders, key="fw_coders", placeholder=tr("tri_all_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    b.toggle(tr("tri_rollup"), key="fw_rollup", help=tr("tri_rollup_help"))
    return chosen_coders("fw_coders"), bool(st.session_state.get("fw_rollup"))


def matrix_table(project: Project, matrix: pd.DataFrame, informant: str = "informant",
                 group: str = "group", groups: dict[str, str] | None = None) -> pd.DataFrame:
    """The framework matrix with the informant and their group as the first two columns (for showing/saving);
    ``groups`` (informant key -> group key) when the caller has read them already."""
    if groups is None:
        informants = project.informants()
        groups = dict(zip(informants["key"], informants["group"], strict=True))
    informant, group = free_name(informant, matrix.columns), free_name(group, matrix.columns)
    frame = matrix.copy()
    frame.insert(0, group, [groups.get(k, "") for k in frame.index])
    frame.insert(0, informant, list(frame.index))
    return frame.reset_index(drop=True)


def cell_section(project: Project, matrix: pd.DataFrame, coders: list[str] | None, rollup: bool,
                 labels: dict[str, str], where: str | None = None) -> None:
    st.subheader(tr("fw_cell"))
    informants, codes = [str(i) for i in matrix.index], [str(c) for c in matrix.columns]
    default_cell(matrix, "fw_informant", "fw_code", bool)
    a, b = st.columns(2)
    a.selectbox(tr("col_informant"), informants, key="fw_informant")
    b.selectbox(tr("col_code"), codes, key="fw_code", format_func=lambda k: labels.get(k, k))
    informant, code = st.session_state["fw_informant"], st.session_state["fw_code"]
    quotes_col, summary_col = st.columns([3, 2], gap="medium")
    with quotes_col:
        quote_list(project.cell_quotes(code, informant, by="informant", coders=coders, rollup=rollup,
                                       where=where), "fw")
    with summary_col:
        row = prefill_summary(project, informant, code)
        coder = current_coder()
        if coder is None:
            st.info(tr("fw_needs_coder"))
        with st.form("fw_summary_form", border=False):
            st.text_area(tr("fw_summary"), key="fw_summary", height=200, help=tr("fw_summary_help"))
            st.form_submit_button(tr("save"), key="fw_save", type="primary", on_click=save_summary,
                                  disabled=coder is None)
        if row is not None:
            st.caption(tr("fw_written_by").format(author=escape_md(row["author"]), at=escape_md(row["updated_at"])))
    cell_memos(project, informant, code)


def render() -> None:
    follow_goto()
    st.title(tr("fw_title"))
    show_messages()
    project = project_with_codes("tri_no_codes")
    if project is None:
        return
    codes = project.codes()
    informants = project.informants()
    if informants.empty:
        st.info(tr("fw_no_informants"))
        return
    groups = dict(zip(informants["key"], informants["group"], strict=True))
    coders, rollup = controls(project)
    where = where_input("fw_where", where_example(project))
    matrix = None
    if where is not None:
        try:  # a filtered view is read afresh, not cached
            matrix = project.framework_matrix(coders=coders, rollup=rollup, where=where)
        except QualcodeError as exc:
            if not is_condition_error(exc):
                raise
            show_where_error(str(exc))
            st.caption(tr("where_ignored"))
            where = None
    if matrix is None:
        matrix = framework_matrix_of(project, coders, rollup)
    if where is not None and matrix.empty:
        st.info(tr("fw_where_none"))
    if not project.has_codings(coders=coders):
        st.info(tr("tri_nothing_coded"))
    st.caption(tr("fw_hint"))
    labels = code_labels(codes)
    shown = matrix_table(project, matrix, tr("col_informant"), tr("col_group"), groups=groups)
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="", key="fw_table_view",
                 column_config={c: st.column_config.TextColumn(c, help=escape_md(labels.get(c, c)), width="medium")
                                for c in matrix.columns})
    paper = framework_paper(project, matrix, coders=coders, rollup=rollup, where=where)
    table_downloads(paper.frame, "framework_matrix", "fw_table", "fw_download", paper=paper)
    if len(matrix.index) and len(matrix.columns):
        cell_section(project, matrix, coders, rollup, labels, where)


render()
