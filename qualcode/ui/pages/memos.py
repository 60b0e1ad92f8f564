"""Memos page: every memo (project journal, documents, codes, informants, groups, codings) filtered by kind,
author, code, informant, day and words; write one, open one to read, edit, link or delete it; the memo report."""

from __future__ import annotations

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.ui.history_parts import undo_redo_buttons
from qualcode.ui.memo_parts import (
    memo_filters,
    memo_picker,
    memo_table,
    memo_view,
    new_memo_form,
    report_download,
    restore_refused,
)
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, error_text, show_messages, tr, trn


def render() -> None:
    st.title(tr("memo_title_page"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    show_messages()
    restore_refused()
    coder = current_coder()
    if coder is None:
        st.info(tr("memo_needs_coder"))
    else:
        with st.expander(tr("memo_new"), expanded=project.memo_counts()[0] == 0):
            new_memo_form(project, coder)
        undo_redo_buttons(project, coder, prefix="memo_")
    filters = memo_filters(project)
    try:
        frame = project.memos(**filters)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    if frame.empty:
        st.info(tr("memo_none_filtered") if filters else tr("memo_empty"))
        return
    st.caption(trn("memo_caption", len(frame)))
    st.dataframe(memo_table(frame), hide_index=True, width="stretch", placeholder="", key="memo_list")
    report_download(project, filters)
    chosen = memo_picker(frame)
    if chosen is not None:
        memo_view(project, int(chosen))


render()
