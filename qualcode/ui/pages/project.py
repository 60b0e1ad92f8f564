"""Project page: open or create a project file, import transcripts and informants, edit groups and informants,
exchange REFI-QDA files with other programs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.ingest import SUPPORTED_EXTENSIONS
from qualcode.project import Project
from qualcode.ui.attribute_parts import attribute_types_section, kinds_help
from qualcode.ui.exchange_parts import exchange
from qualcode.ui.project_parts import (
    FROM_FILE_NAME,
    LANGUAGE_CHOICES,
    NONE,
    OTHER_LANGUAGE,
    apply_group_edits,
    apply_informant_edits,
    chosen_language,
    create_project,
    fixed_labels,
    group_frame,
    import_sheet,
    import_uploads,
    informant_frame,
    language_label,
    open_project,
)
from qualcode.ui.recording_parts import link_after_import, recording_refused, recording_uploader, recordings_section
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, escape_md, notify, show_messages, source_type_name, tr
from qualcode.ui.survey_import_parts import survey_import_section


def open_or_create(expanded: bool) -> None:
    with st.expander(tr("proj_open_or_create"), expanded=expanded):
        _open_or_create_forms()


def _open_or_create_forms() -> None:
    left, right = st.columns(2, gap="large")
    with left, st.form("proj_open_form"):
        st.markdown(f"**{tr('proj_open_heading')}**")
        st.text_input(tr("proj_path"), key="proj_open_path", placeholder="demo/demo.qualcode")
        st.form_submit_button(tr("open"), on_click=open_project)
    with right, st.form("proj_create_form"):
        st.markdown(f"**{tr('proj_create_heading')}**")
        st.text_input(tr("proj_path"), key="proj_new_path", placeholder="studies/my-study.qualcode")
        st.text_input(tr("proj_name"), key="proj_new_name")
        st.form_submit_button(tr("proj_create"), on_click=create_project)


def _request_import() -> None:
    st.session_state["_proj_import_requested"] = True


def _run_import(project: Project, upload_key: str) -> None:
    """Import the uploaded files (drawn here, not in a callback, so that st.progress can show)."""
    files = st.session_state.get(upload_key) or []
    if not files:
        notify(tr("proj_no_file"), "warning")
        return
    refused = recording_refused(len(files))  # before importing, so that nothing is half done
    if refused:
        notify(refused, "error")
        return
    informant = st.session_state.get("proj_up_informant", NONE)
    language = chosen_language("proj_up_language", "proj_up_language_other")
    bar = st.progress(0.0)

    def progress(done: int, total: int, name: str) -> None:
        text = (tr("proj_importing").format(n=done + 1, total=total, file=escape_md(name)) if name
                else tr("proj_import_done"))
        bar.progress(done / total if total else 1.0, text=text)

    results = import_uploads(
        project, [(f.name, f.getvalue()) for f in files], None if informant == NONE else informant,
        st.session_state.get("proj_up_source_type") or "interview", language, progress, actor=current_coder())
    st.session_state["_proj_import_results"] = results
    link_after_import(project, results)
    st.session_state["_proj_uploads_v"] = st.session_state.get("_proj_uploads_v", 0) + 1  # empty the uploader


def transcripts(project: Project) -> None:
    upload_key = f"proj_uploads_{st.session_state.get('_proj_uploads_v', 0)}"
    if st.session_state.pop("_proj_import_requested", False):
        _run_import(project, upload_key)
        upload_key = f"proj_uploads_{st.session_state.get('_proj_uploads_v', 0)}"
        show_messages()
    st.subheader(tr("proj_import_transcripts"))
    st.file_uploader(tr("proj_upload_files"), type=[e.lstrip(".") for e in SUPPORTED_EXTENSIONS],
                     accept_multiple_files=True, key=upload_key)
    recording_uploader()
    informants = project.informants()
    groups = dict(zip(informants["key"], informants["group"], strict=True))
    who, types = [NONE, FROM_FILE_NAME, *groups], project.store.source_types()
    if st.session_state.get("proj_up_informant") not in who:  # e.g. after opening another project
        st.session_state["proj_up_informant"] = NONE
    if st.session_state.get("proj_up_source_type") not in types:
        st.session_state["proj_up_source_type"] = types[0] if types else None

    def informant_label(key: str) -> str:
        if key == NONE:
            return tr("proj_informant_none")
        return tr("proj_informant_from_name") if key == FROM_FILE_NAME else f"{key} ({groups[key]})"

    a, b, c = st.columns(3)
    a.selectbox(tr("col_informant"), who, key="proj_up_informant", format_func=fixed_labels(who, informant_label))
    b.selectbox(tr("col_source_type"), types, key="proj_up_source_type",
                format_func=fixed_labels(types, source_type_name))
    c.selectbox(tr("col_language"), LANGUAGE_CHOICES, key="proj_up_language",
                format_func=fixed_labels(LANGUAGE_CHOICES, language_label))
    if st.session_state.get("proj_up_language") == OTHER_LANGUAGE:
        c.text_input(tr("proj_lang_code"), key="proj_up_language_other", placeholder="jv, su, nl …")
    st.button(tr("proj_import"), key="proj_import", type="primary", on_click=_request_import)

    results = st.session_state.get("_proj_import_results")
    if results:
        ok = sum(r["ok"] for r in results)
        (st.success if ok == len(results) else st.warning)(tr("proj_import_summary").format(ok=ok, total=len(results)))
        frame = pd.DataFrame(results)
        frame["ok"] = frame["ok"].map({True: "✓", False: "✗"})
        st.dataframe(frame.rename(columns={
            "file": tr("proj_col_file"), "ok": "", "document": tr("document"), "characters": tr("col_characters"),
            "turns": tr("unit_turn"), "sentences": tr("unit_sentence"), "message": tr("proj_col_message")}),
            hide_index=True, width="stretch", placeholder="")

    st.subheader(tr("documents"))
    docs = project.documents()
    if docs.empty:
        st.info(tr("empty_documents"))
    else:
        docs = docs.assign(source_type=[source_type_name(s) for s in docs["source_type"]])
        st.dataframe(docs[["name", "informant", "group", "source_type", "language", "characters", "original_name"]]
                     .rename(columns={"name": tr("col_name"), "informant": tr("col_informant"),
                                      "group": tr("col_group"), "source_type": tr("col_source_type"),
                                      "language": tr("col_language"), "characters": tr("col_characters"),
                                      "original_name": tr("proj_col_file")}),
                     hide_index=True, width="stretch", placeholder="")


def sheet_upload(kind: str) -> None:
    with st.expander(tr(f"proj_sheet_{kind}")):
        st.caption(tr(f"proj_sheet_{kind}_help"))
        st.file_uploader(tr("proj_sheet_file"), type=["csv", "tsv", "xlsx"], key=f"proj_sheet_{kind}")
        st.button(tr("proj_sheet_import"), key=f"proj_sheet_import_{kind}", on_click=import_sheet, args=(kind,))


def groups_editor(project: Project) -> None:
    st.caption(tr("proj_edit_hint"))
    frame = group_frame(project)
    st.session_state["_proj_group_keys"] = list(frame["key"])
    if frame.empty:
        st.info(tr("proj_groups_empty"))
    key = f"proj_groups_editor_{st.session_state.get('_proj_groups_v', 0)}"
    st.data_editor(
        frame, key=key, num_rows="add", hide_index=True, width="stretch", placeholder="", disabled=["informants"],
        on_change=apply_group_edits, args=(key,),
        column_config={
            "key": st.column_config.TextColumn(tr("col_key"), required=True),
            "name": st.column_config.TextColumn(tr("col_name"), required=True),
            "name_alt": st.column_config.TextColumn(tr("proj_col_name_alt")),
            "description": st.column_config.TextColumn(tr("proj_col_description"), width="large"),
            "informants": st.column_config.NumberColumn(tr("col_informants")),
        })
    sheet_upload("groups")


def informants_editor(project: Project) -> None:
    group_keys = list(project.groups()["key"])
    if not group_keys:
        st.info(tr("proj_need_group"))
        return
    st.caption(tr("proj_edit_hint"))
    frame = informant_frame(project)
    st.session_state["_proj_informant_keys"] = list(frame["key"])
    if frame.empty:
        st.info(tr("empty_informants"))
    key = f"proj_informants_editor_{st.session_state.get('_proj_informants_v', 0)}"
    st.data_editor(
        frame, key=key, num_rows="add", hide_index=True, width="stretch", placeholder="", disabled=["documents"],
        on_change=apply_informant_edits, args=(key,),
        column_config={
            "key": st.column_config.TextColumn(tr("col_key"), required=True),
            "group": st.column_config.SelectboxColumn(tr("col_group"), options=group_keys, required=True),
            "role": st.column_config.TextColumn(tr("col_role")),
            "organisation": st.column_config.TextColumn(tr("col_organisation")),
            "attributes": st.column_config.TextColumn(tr("proj_col_attributes"), help=kinds_help(project),
                                                      width="large"),
            "documents": st.column_config.NumberColumn(tr("col_documents")),
        })
    sheet_upload("informants")
    attribute_types_section(project)


def render() -> None:
    st.title(tr("proj_title"))
    show_messages()
    project = current_project()
    open_or_create(expanded=project is None)
    if project is None:
        st.info(tr("proj_none"))
        return
    st.caption(f"{escape_md(project.name)} — {escape_md(project.path)}")
    # Keyed and tracked, so the tab shown survives a rerun that adds or drops a message above it
    # (an untracked st.tabs is redrawn on its first tab whenever its place in the page moves).
    tab_docs, tab_informants, tab_groups, tab_exchange = st.tabs(
        [tr("proj_tab_transcripts"), tr("informants"), tr("groups"), tr("proj_tab_exchange")],
        key="proj_tab", on_change="rerun")
    with tab_docs:
        transcripts(project)
        survey_import_section(project)
        recordings_section(project)
    with tab_informants:
        informants_editor(project)
    with tab_groups:
        groups_editor(project)
    with tab_exchange:
        exchange(project)


render()
