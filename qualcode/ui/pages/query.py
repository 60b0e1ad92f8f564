"""Query page: coding queries (AND, OR, NOT, NEAR, WITHIN, WHERE), their passages and counts, saved
queries, and coding the results after review."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.export.tables import Table
from qualcode.project import Project
from qualcode.ui.query_parts import (
    CONFIRM,
    ERROR,
    OPERATORS,
    PARAMS,
    RESULT,
    SCOPES,
    ask_delete,
    build_query,
    cancel_delete,
    caret,
    code_results,
    confirm_delete,
    keep_or_clear,
    open_passage,
    review_key,
    run_query,
    run_saved,
    save_query,
    ticked,
)
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import error_text, escape_md, project_with_codes, show_messages, source_type_name, tr, trn
from qualcode.ui.triangulation_parts import follow_goto
from qualcode.ui.where_parts import attribute_axes, axis_name
from qualcode.ui.widgets import code_labels, keep_known, table_downloads


def query_form(project: Project) -> None:
    coders = list(project.coders()["name"])
    keep_known("qry_coders", coders, multi=True)
    with st.form("qry_form"):
        st.text_input(tr("qry_text"), key="qry_text", placeholder=tr("qry_placeholder"))
        st.multiselect(tr("qry_coders"), coders, key="qry_coders", placeholder=tr("qry_all_coders"))
        st.form_submit_button(tr("qry_run"), key="qry_submit", type="primary", on_click=run_query)
    st.caption(tr("qry_hint"))


def builder(project: Project) -> None:
    codes = project.codes()
    labels = code_labels(codes)
    keys = list(labels)
    ops = {"": tr("qry_op_alone"), "AND": tr("qry_op_and"), "OR": tr("qry_op_or"), "NOT": tr("qry_op_not"),
           "NEAR": tr("qry_op_near")}
    scopes = {"": tr("qry_scope_overlap"), "sentence": tr("qry_scope_sentence"), "turn": tr("qry_scope_turn"),
              "document": tr("qry_scope_document")}
    for key in ("qry_b_code_a", "qry_b_code_b"):
        keep_or_clear(key, keys)
    keep_known("qry_b_groups", list(project.groups()["key"]), multi=True)
    with st.expander(tr("qry_builder")):
        a, b, c = st.columns(3)
        a.selectbox(tr("qry_b_code_a"), keys, key="qry_b_code_a", format_func=labels.get, index=None,
                    placeholder=tr("qry_code_pick"))
        b.selectbox(tr("qry_b_op"), OPERATORS, key="qry_b_op", format_func=ops.get)
        c.selectbox(tr("qry_b_code_b"), keys, key="qry_b_code_b", format_func=labels.get, index=None,
                    placeholder=tr("qry_code_pick"))
        d, e, f = st.columns(3)
        d.selectbox(tr("qry_b_scope"), SCOPES, key="qry_b_scope", format_func=scopes.get)
        e.number_input(tr("qry_b_words"), min_value=0, max_value=1000, value=10, step=1, key="qry_b_words")
        f.multiselect(tr("qry_b_groups"), list(project.groups()["key"]), key="qry_b_groups",
                      placeholder=tr("search_all"))
        st.button(tr("qry_b_put"), key="qry_b_put", on_click=build_query)


def show_error() -> None:
    error = st.session_state.get(ERROR)
    if not error:
        return
    st.error(error["message"])
    if error.get("position") is not None:
        st.caption(tr("qry_error_where"))
        st.code(caret(error["text"], error["position"]), language=None)


def results(project: Project, result: pd.DataFrame, params: dict) -> None:
    st.caption(trn("qry_count", len(result)))
    if result.empty:
        st.info(tr("qry_none"))
        return
    shown = result.drop(columns=["document_id", "start", "end"])
    st.dataframe(shown, hide_index=True, width="stretch", key="qry_table", placeholder="")
    coders = params.get("coders") or None
    paper = Table(shown, title="Coding Query Results", name="query",
                  caption=f"{len(shown)} passages, {'coders ' + ', '.join(coders) if coders else 'all coders pooled'}.",
                  notes=f"Query: {params['text']}.")
    table_downloads(shown, "query", "qry_dl", "qry_download", paper=paper)
    options = list(range(len(result)))
    a, b = st.columns([4, 1], vertical_alignment="bottom")
    a.selectbox(tr("qry_open"), options, key="qry_open",
                format_func=lambda i: f"{result.iloc[i]['citation']} · {str(result.iloc[i]['quote'])[:80]}")
    b.button(tr("qry_open_code"), key="qry_open_code", on_click=open_passage, args=(result,))
    matrix(project, params)
    code_as(project, result, params)


def matrix(project: Project, params: dict) -> None:
    axes = {"group": tr("tri_axis_group"), "informant": tr("tri_axis_informant"),
            "source_type": tr("tri_axis_source_type")}
    axes.update({axis: axis_name(axis) for axis in attribute_axes(project)})
    keep_known("qry_by", list(axes), default="group")
    by = st.selectbox(tr("qry_matrix"), list(axes), key="qry_by", format_func=axes.get)
    try:
        counts = project.query_matrix(params["text"], by=by, coders=params.get("coders") or None)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    if by == "source_type":
        counts = counts.rename(columns=source_type_name)
    st.dataframe(counts, width="stretch", key="qry_matrix", placeholder="")
    if counts.attrs.get("unassigned"):
        st.caption(trn("qry_matrix_unassigned", counts.attrs["unassigned"]))


def code_as(project: Project, result: pd.DataFrame, params: dict) -> None:
    st.subheader(tr("qry_code_as"))
    coder = current_coder()
    if coder is None:
        st.info(tr("coder_needed"))
        return
    labels = code_labels(project.codes())
    keep_or_clear("qry_code", list(labels))
    st.selectbox(tr("qry_code_as"), list(labels), key="qry_code", format_func=labels.get, index=None,
                 placeholder=tr("qry_code_pick"))
    code = st.session_state.get("qry_code")
    if not code:
        return
    try:
        preview = project.code_as_preview(params["text"], code, coder, coders=params.get("coders") or None)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    st.caption(tr("qry_code_review"))
    frame = preview[["citation", "quote"]].copy()
    frame.insert(0, "tick", [not c for c in preview["coded"]])
    frame.insert(1, "coded", preview["coded"].to_numpy())
    st.data_editor(frame, key=review_key(), hide_index=True, width="stretch", num_rows="fixed",
                   disabled=["coded", "citation", "quote"],
                   column_config={"tick": st.column_config.CheckboxColumn(tr("qry_code_tick"), width=80),
                                  "coded": st.column_config.CheckboxColumn(tr("qry_code_done"), width=110),
                                  "citation": st.column_config.TextColumn(tr("qry_col_citation")),
                                  "quote": st.column_config.TextColumn(tr("col_quote"), width="large")}, placeholder="")
    chosen = ticked(preview, st.session_state.get(review_key()))
    chosen = chosen[~chosen["coded"]]
    if st.button(trn("qry_code_button", len(chosen)), key="qry_code_button", type="primary",
                 disabled=chosen.empty):
        try:
            ids, skipped = code_results(project, params["text"], params.get("coders"), chosen, code, coder)
        except QualcodeError as exc:
            st.error(error_text(exc))
            return
        st.success(trn("qry_code_added", len(ids), code=escape_md(code), coder=escape_md(coder)))
        if skipped:
            st.info(trn("qry_code_skipped", skipped))


def saved(project: Project) -> None:
    st.subheader(tr("qry_saved"))
    if st.session_state.get(PARAMS, {}).get("text") and st.session_state.get(RESULT) is not None:
        a, b = st.columns([4, 1], vertical_alignment="bottom")
        a.text_input(tr("qry_save_name"), key="qry_save_name")
        b.button(tr("qry_save"), key="qry_save", on_click=save_query)
    frame = project.saved_queries()
    if frame.empty:
        st.caption(tr("qry_saved_none"))
        return
    st.dataframe(frame[["name", "text", "author", "changed_at"]], hide_index=True, width="stretch",
                 key="qry_saved_table", placeholder="")
    names = list(frame["name"])
    keep_known("qry_saved_pick", names, default=names[0])
    a, b, c = st.columns([3, 1, 1], vertical_alignment="bottom")
    a.selectbox(tr("qry_saved_pick"), names, key="qry_saved_pick")
    b.button(tr("qry_saved_run"), key="qry_saved_run", on_click=run_saved)
    c.button(tr("qry_saved_delete"), key="qry_saved_delete", on_click=ask_delete)
    waiting = st.session_state.get(CONFIRM)
    if waiting in names:
        d, e = st.columns(2)
        d.button(tr("qry_saved_confirm").format(name=escape_md(waiting)), key="qry_saved_confirm", type="primary",
                 on_click=confirm_delete)
        e.button(tr("qry_saved_cancel"), key="qry_saved_cancel", on_click=cancel_delete)


def render() -> None:
    follow_goto()
    st.title(tr("qry_title"))
    show_messages()
    project = project_with_codes("tri_no_codes")
    if project is None:
        return
    query_form(project)
    builder(project)
    show_error()
    result, params = st.session_state.get(RESULT), st.session_state.get(PARAMS) or {}
    if result is not None and params.get("project") == str(project.path):
        results(project, result, params)
    saved(project)


render()
