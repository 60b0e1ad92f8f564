"""Search page: keyword in context across the documents, and auto-coding of the hits the user ticks."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.project import Project
from qualcode.ui.cells import text as cell_text
from qualcode.ui.search_parts import (
    autocode_shown,
    editor_key,
    run_search,
    ticked_rows,
)
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import (
    current_project,
    lang,
    show_messages,
    source_type_name,
    tr,
    trn,
)
from qualcode.ui.where_parts import show_where_error, where_example, where_input
from qualcode.ui.widgets import keep_known


def search_form(project: Project) -> None:
    groups, informants = project.groups(), project.informants()
    group_keys, informant_keys, types = list(groups["key"]), list(informants["key"]), project.store.source_types()
    for key, options in (("search_groups", group_keys), ("search_informants", informant_keys),
                         ("search_source_types", types)):
        keep_known(key, options, multi=True)  # drop values another project held
    with st.form("search_form"):
        st.text_input(tr("search_query"), key="search_query", placeholder=tr("search_placeholder"))
        a, b = st.columns(2)
        a.checkbox(tr("search_whole_word"), key="search_whole_word")
        b.checkbox(tr("search_case"), key="search_case")
        f1, f2, f3 = st.columns(3)
        f1.multiselect(tr("groups"), group_keys, key="search_groups", placeholder=tr("search_all"))
        f2.multiselect(tr("informants"), informant_keys, key="search_informants", placeholder=tr("search_all"))
        f3.multiselect(tr("col_source_type"), types, key="search_source_types", placeholder=tr("search_all"),
                       format_func=source_type_name)
        where_input("search_where", where_example(project))
        st.form_submit_button(tr("search_button"), key="search_submit", type="primary", on_click=run_search)


def code_options(project: Project, coder: str) -> tuple[list[str], dict[str, str]]:
    codes = project.codes()
    name = "name_alt" if lang() == "id" else "name"  # a missing Indonesian name falls back to the English one
    labels = {r["key"]: f"{r['key']} · {cell_text(r[name]) or cell_text(r['name'])}" for r in codes.to_dict("records")}
    recent = [k for k in project.codes_recent(coder) if k in labels]
    return recent + [k for k in labels if k not in recent], labels


def _request_autocode() -> None:
    st.session_state["_search_autocode"] = True


def autocode_bar(project: Project, hits: pd.DataFrame) -> None:
    """The code picker and the button; runs a requested auto-coding before the table is drawn."""
    coder = current_coder()
    if project.codes().empty:
        st.info(tr("no_codebook_to_code"))
        return
    if coder is None:
        st.info(tr("coder_needed"))
        return
    options, labels = code_options(project, coder)
    if st.session_state.get("search_code") not in options:
        st.session_state["search_code"] = None  # no code until the user picks one
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    a.selectbox(tr("search_code"), options, key="search_code", format_func=labels.get, index=None,
                placeholder=tr("search_pick_code"))
    b.button(tr("search_autocode"), key="search_autocode", type="primary", on_click=_request_autocode,
             disabled=st.session_state.get("search_code") is None)
    if not st.session_state.pop("_search_autocode", False):
        return
    ticked = ticked_rows(hits, st.session_state.get(editor_key()))
    if ticked.empty:
        st.warning(tr("search_tick_first"))
        return
    code = st.session_state.get("search_code")
    if code is None:
        st.warning(tr("search_pick_code"))
        return
    query = (st.session_state.get("_search_params") or {}).get("query", "")
    autocode_shown(project, ticked, code, coder, label=f"“{query}” → {code} × {len(ticked)}")


def hits_table(project: Project, hits: pd.DataFrame) -> None:
    st.caption(tr("search_count").format(hits=trn("n_hits", len(hits)),
                                         docs=trn("n_documents", hits["document_id"].nunique())))
    autocode_bar(project, hits)
    frame = hits[["document", "informant", "group", "before", "match", "after"]].copy()
    frame.insert(0, "tick", False)
    text = st.column_config.TextColumn
    st.data_editor(
        frame.reset_index(drop=True), key=editor_key(), hide_index=True, width="stretch", placeholder="",
        num_rows="fixed",
        disabled=["document", "informant", "group", "before", "match", "after"],
        column_config={
            "tick": st.column_config.CheckboxColumn(tr("search_tick"), default=False, width=110, pinned=True),
            "document": text(tr("document"), width=140), "informant": text(tr("col_informant"), width=70),
            "group": text(tr("col_group"), width=90),
            "before": text(tr("search_before"), width=270, alignment="right"),
            "match": text(tr("search_match"), width=100), "after": text(tr("search_after"), width=270),
        })


def render() -> None:
    st.title(tr("search_title"))
    show_messages()
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    if project.documents().empty:
        st.info(tr("no_documents"))
        return
    search_form(project)
    problem = st.session_state.get("_search_where_error")
    if problem:
        show_where_error(problem)
        st.caption(tr("search_where_error"))
        return
    hits = st.session_state.get("_search_hits")
    if (st.session_state.get("_search_params") or {}).get("project") != str(project.path):
        hits = None  # hits of another project file
    if hits is None:
        st.caption(tr("search_hint"))
    elif hits.empty:
        st.info(tr("search_no_hits"))
    else:
        hits_table(project, hits)


render()
