"""Project overview: groups, informants, documents and the codebook tree with counts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.ui.code_tree import swatch, tree_frame
from qualcode.ui.methods_parts import methods_appendix_section
from qualcode.ui.state import current_project, escape_md, role_name, source_type_name, tr


def _table(frame: pd.DataFrame, empty_key: str, columns: dict[str, str]) -> None:
    if frame.empty:
        st.info(tr(empty_key))
        return
    shown = frame[list(columns)].rename(columns={c: tr(k) for c, k in columns.items()})
    st.dataframe(shown, hide_index=True, width="stretch", placeholder="")


def render() -> None:
    st.title(tr("overview"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    info = project.info()
    st.caption(f"{escape_md(info['name'])} — {escape_md(info['path'])}")
    metrics = st.columns(6)
    for column, key in zip(metrics, ("groups", "informants", "documents", "codes", "coders", "codings"), strict=True):
        column.metric(tr(key), info[key])

    st.subheader(tr("groups"))
    groups = project.groups()
    _table(groups, "empty_groups", {"key": "col_key", "name": "col_name", "informants": "col_informants"})

    st.subheader(tr("informants"))
    _table(project.informants(), "empty_informants",
           {"key": "col_key", "group": "col_group", "role": "col_role", "organisation": "col_organisation",
            "documents": "col_documents"})

    st.subheader(tr("documents"))
    documents = project.documents()
    documents["source_type"] = [source_type_name(s) for s in documents["source_type"]]
    _table(documents, "empty_documents",
           {"name": "col_name", "informant": "col_informant", "group": "col_group", "source_type": "col_source_type",
            "language": "col_language", "characters": "col_characters", "codings": "col_codings"})

    st.subheader(tr("coders"))
    coders = project.coders()
    if not coders.empty:
        coders["role"] = [role_name(r) for r in coders["role"]]
        _table(coders, "empty_groups", {"name": "col_name", "role": "col_role_coder", "codings": "col_codings"})

    st.subheader(tr("codebook"))
    codes = project.codes()
    if codes.empty:
        st.info(tr("empty_codebook"))
    else:
        styled = tree_frame(codes).style.map(swatch, subset=[tr("col_color")])
        st.dataframe(styled, hide_index=True, width="stretch", placeholder="")

    methods_appendix_section(project)


render()
