"""Codebook page: the code tree with counts; add, edit, move, merge and delete codes; import and export YAML;
the change log."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from qualcode.project import Project
from qualcode.ui.code_tree import swatch, tree_frame
from qualcode.ui.codebook_log_parts import change_log_section
from qualcode.ui.codebook_parts import (
    TOP,
    add_code,
    ask,
    cancel,
    codebook_yaml,
    delete_confirmed,
    descendants,
    import_codebook,
    merge_confirmed,
    move_code,
    prefill_edit,
    save_code,
)
from qualcode.ui.export_menu import export_menu
from qualcode.ui.memo_parts import code_memos
from qualcode.ui.state import current_project, escape_md, show_messages, tr, trn
from qualcode.ui.widgets import code_labels


def tree(codes: pd.DataFrame) -> None:
    if codes.empty:
        st.info(tr("cb_empty"))
        return
    frame = tree_frame(codes)
    frame.insert(1, tr("col_hotkey"), [h if isinstance(h, str) else "" for h in codes["hotkey"]])
    styled = frame.style.map(swatch, subset=[tr("col_color")])
    st.dataframe(styled, hide_index=True, width="stretch", placeholder="")


def edit_tab(project: Project, key: str) -> None:
    prefill_edit(project, key)
    with st.form("cb_edit_form", border=False):
        a, b = st.columns([1, 3])
        a.text_input(tr("col_key"), key="cb_edit_key", help=tr("cb_key_help"))
        b.text_input(tr("cb_name"), key="cb_edit_name")
        a.color_picker(tr("col_color"), key="cb_edit_color")
        b.text_input(tr("cb_name_alt"), key="cb_edit_name_alt")
        a.text_input(tr("col_hotkey"), key="cb_edit_hotkey", max_chars=1, help=tr("cb_hotkey_help"))
        for field in ("definition", "include", "exclude", "example"):
            st.text_area(tr(f"cb_{field}"), key=f"cb_edit_{field}", height=68)
        st.form_submit_button(tr("save"), type="primary", on_click=save_code)


def move_tab(codes: pd.DataFrame, key: str, labels: dict[str, str]) -> None:
    parent = codes.set_index("key").loc[key, "parent"]  # NaN for a top-level code under pandas 3
    where = escape_md(parent) if isinstance(parent, str) else tr("cb_top_level")
    st.caption(tr("cb_current_parent").format(parent=where))
    banned = descendants(codes, key) | {key}
    options = [TOP, *[k for k in codes["key"] if k not in banned]]
    if st.session_state.get("cb_move_parent") not in options:
        st.session_state["cb_move_parent"] = TOP
    st.selectbox(tr("cb_new_parent"), options, key="cb_move_parent",
                 format_func=lambda k: tr("cb_top_level") if k == TOP else labels[k])
    st.button(tr("cb_move"), key="cb_move", on_click=move_code)


def merge_tab(project: Project, codes: pd.DataFrame, key: str, labels: dict[str, str]) -> None:
    banned = descendants(codes, key) | {key}
    targets = [k for k in codes["key"] if k not in banned]
    if not targets:
        st.info(tr("cb_no_target"))
        return
    if st.session_state.get("cb_merge_target") not in targets:
        st.session_state["cb_merge_target"] = targets[0]
    st.selectbox(tr("cb_merge_into"), targets, key="cb_merge_target", format_func=labels.get)
    target = st.session_state["cb_merge_target"]
    usage = project.code_usage(key)
    st.markdown(trn("cb_merge_effect", usage["codings"]))
    st.text(f"{key} → {target}")
    children = [k for k, parent in zip(codes["key"], codes["parent"], strict=True) if parent == key]
    if children:
        st.caption(tr("cb_merge_subcodes"))
        st.text(", ".join(children))
    pending = st.session_state.get("cb_pending")
    if pending == {"action": "merge", "code": key, "target": target}:
        st.warning(trn("cb_merge_really", usage["codings"]))
        st.text_input(tr("cblog_reason"), key="cb_merge_reason", help=tr("cblog_reason_help"))
        yes, no = st.columns(2)
        yes.button(tr("cb_merge_yes"), key="cb_merge_yes", type="primary", on_click=merge_confirmed)
        no.button(tr("cb_cancel"), key="cb_merge_cancel", on_click=cancel)
    else:
        st.button(tr("cb_merge"), key="cb_merge", on_click=ask, args=("merge",))


def delete_tab(project: Project, key: str) -> None:
    usage = project.code_usage(key)
    sub_codings = usage["codings_with_subcodes"] - usage["codings"]
    st.markdown(tr("cb_delete_effect").format(
        own=trn("n_codings", usage["codings"]), subs=trn("n_subcodes", len(usage["subcodes"])),
        sub_codings=trn("n_codings", sub_codings), total=trn("n_codings", usage["codings_with_subcodes"])))
    if usage["subcodes"]:
        st.text(", ".join(usage["subcodes"]))
    if st.session_state.get("cb_pending") == {"action": "delete", "code": key}:
        st.warning(tr("cb_delete_really").format(total=trn("n_codings", usage["codings_with_subcodes"]),
                                                 subs=trn("n_subcodes", len(usage["subcodes"]))))
        st.text_input(tr("cblog_reason"), key="cb_delete_reason", help=tr("cblog_reason_help"))
        yes, no = st.columns(2)
        yes.button(tr("cb_delete_yes"), key="cb_delete_yes", type="primary", on_click=delete_confirmed)
        no.button(tr("cb_cancel"), key="cb_delete_cancel", on_click=cancel)
    else:
        st.button(tr("delete"), key="cb_delete", on_click=ask, args=("delete",))


def change_section(project: Project, codes: pd.DataFrame) -> None:
    st.subheader(tr("cb_change"))
    labels = code_labels(codes)
    keys = list(codes["key"])
    if st.session_state.get("cb_selected") not in keys:  # new session, another page shown, or code gone
        last = st.session_state.get("_cb_last")
        st.session_state["cb_selected"] = last if last in keys else keys[0]
    st.selectbox(tr("cb_which"), keys, key="cb_selected", format_func=labels.get, on_change=cancel)
    key = st.session_state["_cb_last"] = st.session_state["cb_selected"]
    code_memos(project, key)
    # Keyed and tracked: the tab shown survives reruns that add or drop a message above it (see project.py).
    edit, move, merge, delete = st.tabs([tr("cb_tab_edit"), tr("cb_tab_move"), tr("cb_tab_merge"), tr("delete")],
                                        key="cb_tab", on_change="rerun")
    with edit:
        edit_tab(project, key)
    with move:
        move_tab(codes, key, labels)
    with merge:
        merge_tab(project, codes, key, labels)
    with delete:
        delete_tab(project, key)


def add_section(codes: pd.DataFrame) -> None:
    st.subheader(tr("cb_add"))
    labels = code_labels(codes)
    parents = [TOP, *codes["key"]]
    if st.session_state.get("cb_add_parent") not in parents:
        st.session_state["cb_add_parent"] = TOP
    st.session_state.setdefault("cb_add_color", "#999999")
    with st.form("cb_add_form", border=True):
        a, b, c = st.columns([1, 2, 2])
        a.text_input(tr("col_key"), key="cb_add_key", help=tr("cb_key_help"))
        b.text_input(tr("cb_name"), key="cb_add_name")
        c.text_input(tr("cb_name_alt"), key="cb_add_name_alt")
        a.color_picker(tr("col_color"), key="cb_add_color", help=tr("cb_color_help"))
        c.text_input(tr("col_hotkey"), key="cb_add_hotkey", max_chars=1, help=tr("cb_hotkey_help"))
        b.selectbox(tr("cb_parent"), parents, key="cb_add_parent",
                    format_func=lambda k: tr("cb_top_level") if k == TOP else labels[k])
        for field in ("definition", "include", "exclude", "example"):
            st.text_area(tr(f"cb_{field}"), key=f"cb_add_{field}", height=68)
        st.form_submit_button(tr("cb_add_button"), type="primary", on_click=add_code)


def files_section(project: Project, codes: pd.DataFrame) -> None:
    st.subheader(tr("cb_files"))
    left, right = st.columns(2, gap="large")
    with left:
        st.file_uploader(tr("cb_import_file"), type=["yaml", "yml", "json"], key="cb_import_file")
        st.caption(tr("cb_import_help"))
        st.button(tr("cb_import"), key="cb_import", on_click=import_codebook)
    with right:
        if codes.empty:
            st.caption(tr("cb_nothing_to_export"))
        else:
            name = re.sub(r"[^\w.-]+", "_", project.codebook().name).strip("._") or "codebook"
            st.download_button(tr("cb_export"), data=codebook_yaml(project), file_name=f"{name}.yaml",
                               mime="application/x-yaml", key="cb_export", on_click="ignore")
            st.caption(tr("cb_appendix"))
            export_menu(project, "codebook", key="cb_appendix", file_stem=f"{name}_appendix")


def render() -> None:
    st.title(tr("codebook"))
    show_messages()
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    codes = project.codes()
    tree(codes)
    if not codes.empty:
        change_section(project, codes)
    add_section(codes)
    files_section(project, codes)
    change_log_section(project)


render()
