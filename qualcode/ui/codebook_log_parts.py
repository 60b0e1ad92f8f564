"""The Codebook page's change log: the table of codebook changes, its downloads and its timeline."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.project import Project
from qualcode.project.codebook_log import codebook_changes, codebook_log_table, codebook_timeline_chart

from .state import tr
from .widgets import table_downloads

# Literal keys (not built from the kind) so that the catalogue check sees each one used.
KIND_KEYS = {"loaded": "cblog_kind_loaded", "added": "cblog_kind_added", "renamed": "cblog_kind_renamed",
             "edited": "cblog_kind_edited", "moved": "cblog_kind_moved", "merged": "cblog_kind_merged",
             "deleted": "cblog_kind_deleted", "other": "cblog_kind_other"}
COLUMN_KEYS = {"at": "cblog_col_at", "actor": "cblog_col_actor", "kind": "cblog_col_kind", "key": "cblog_col_key",
               "key_now": "cblog_col_key_now", "old": "cblog_col_old", "new": "cblog_col_new",
               "details": "cblog_col_details", "reason": "cblog_col_reason"}


def shown_log(log: pd.DataFrame) -> pd.DataFrame:
    """The change log as the page shows it: kinds and column names in the session's language, blanks empty."""
    frame = log.drop(columns=["event"]).copy()
    frame["kind"] = [tr(KIND_KEYS[k]) for k in frame["kind"]]
    frame = frame.astype(object).where(frame.notna(), "")
    return frame.rename(columns={c: tr(k) for c, k in COLUMN_KEYS.items()})


def change_log_section(project: Project) -> None:
    """An expander with the codebook's change log (newest last), its downloads and its timeline."""
    with st.expander(tr("cblog_title")):
        st.caption(tr("cblog_intro"))
        log = codebook_changes(project)
        if log.empty:
            st.info(tr("cblog_empty"))
            return
        st.dataframe(shown_log(log), hide_index=True, width="stretch", placeholder="")
        table_downloads(log.drop(columns=["event"]), "codebook_log", "cblog_dl", "cblog_download",
                        paper=codebook_log_table(project))
        labels = {"at": tr("cblog_col_at"), "kind": tr("cblog_col_kind"), "key": tr("cblog_col_key"),
                  "actor": tr("cblog_col_actor"), "details": tr("cblog_col_details"),
                  "reason": tr("cblog_col_reason"), **{k: tr(v) for k, v in KIND_KEYS.items()}}
        st.altair_chart(codebook_timeline_chart(project, labels=labels, title=tr("cblog_chart_title")),
                        width="stretch")
