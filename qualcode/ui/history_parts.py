"""Undo and redo of the sidebar's coder (Code and History pages) and the History page's tables.

Undo and redo live in the project file (:meth:`Project.undo`), per coder, so they survive
reloads and see what other users changed meanwhile; a refused step shows its reason.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.history import DESCRIPTIONS, ROW_NOUNS, HistoryStep
from qualcode.project import Project
from qualcode.store.schema import AUDITED_TABLES

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr


def wording() -> dict[str, str]:
    """The descriptions of events (:data:`qualcode.history.DESCRIPTIONS`) in the session's language."""
    return {action: tr(f"hist_do_{action.replace('.', '_')}") for action in DESCRIPTIONS}


def table_names() -> dict[str, str]:
    """The audited tables, named in the session's language (history filter, change counts)."""
    return {table: tr(f"hist_table_{table}") for table in AUDITED_TABLES}


def row_nouns() -> dict[str, str]:
    """What one row of each audited table is called ("coding 12") in the session's language."""
    return {table: tr(f"hist_row_{table}") for table in ROW_NOUNS}


def run_step(direction: str) -> None:
    """Undo (``"undo"``) or redo the current coder's last step; the outcome is shown on the next run."""
    project, coder = current_project(quiet=True), current_coder()
    if project is None or coder is None:
        return
    try:
        label = project.undo(coder, wording()) if direction == "undo" else project.redo(coder, wording())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("undone" if direction == "undo" else "hist_redone").format(label=escape_md(label)), "info")


def step_help(step: HistoryStep) -> str:
    """A button's tooltip (Markdown): why the step would be refused, in the session's language, or what it does."""
    if step.error is not None:
        return error_text(step.error)
    return escape_md(step.refusal or step.description or "")


def undo_redo_buttons(project: Project, coder: str, *, prefix: str = "") -> None:
    """Undo and Redo for ``coder``, each naming what it would do; a button whose step would be refused
    stays clickable, so the reason shows (and nothing changes)."""
    undo, redo = project.can_undo(coder, wording()), project.can_redo(coder, wording())
    a, b = st.columns(2)
    undo_help = step_help(undo) or tr("nothing_to_undo")
    redo_help = step_help(redo) or tr("hist_nothing_to_redo")
    a.button(tr("undo"), key=f"{prefix}undo", on_click=run_step, args=("undo",), width="stretch",
             disabled=undo.event_id is None, help=undo_help)
    b.button(tr("hist_redo"), key=f"{prefix}redo", on_click=run_step, args=("redo",), width="stretch",
             disabled=redo.event_id is None, help=redo_help)
    if undo.event_id is not None:
        st.caption(tr("hist_would_undo").format(label=escape_md(undo.description)))


def events_view(history: pd.DataFrame) -> pd.DataFrame:
    """The events table as shown: translated headers, undone as a tick."""
    return history[["id", "at", "actor", "description", "changes", "undone"]].rename(columns={
        "id": "#", "at": tr("hist_col_at"), "actor": tr("hist_col_actor"), "description": tr("hist_col_what"),
        "changes": tr("hist_col_changes"), "undone": tr("hist_col_undone")})


def changes_view(changes: pd.DataFrame) -> pd.DataFrame:
    """One event's row changes as shown: the row, the operation and the fields before and after."""
    ops = {"insert": tr("hist_op_insert"), "update": tr("hist_op_update"), "delete": tr("hist_op_delete")}
    return pd.DataFrame({
        tr("hist_col_row"): changes["row"], tr("hist_col_op"): changes["op"].map(ops),
        tr("hist_col_fields"): changes["fields"],
    })


# outcomes of a sign-in (qualcode.accounts) as shown; another sign-in method's own words show as they are
OUTCOMES = {"ok": "hist_outcome_ok", "wrong_password": "hist_outcome_wrong_password",
            "unknown_name": "hist_outcome_unknown_name", "no_account": "hist_outcome_no_account",
            "locked": "hist_outcome_locked", "unverified": "hist_outcome_unverified",
            "no_email": "hist_outcome_no_email"}
LOCK_KINDS = {"name": "hist_lock_name", "client": "hist_lock_client"}


def sign_ins_view(records: pd.DataFrame) -> pd.DataFrame:
    """The record of sign-ins as shown: translated headers and outcomes."""
    return pd.DataFrame({
        tr("hist_col_at"): records["at"], tr("hist_col_name"): records["name"],
        tr("hist_col_client"): records["client"].fillna(""), tr("hist_col_method"): records["method"],
        tr("hist_col_outcome"): records["outcome"].map(lambda o: tr(OUTCOMES[o]) if o in OUTCOMES else o),
    })


def locks_view(locks: pd.DataFrame) -> pd.DataFrame:
    """The locks in force as shown: what is locked, until when, and how many locks in a row."""
    return pd.DataFrame({
        tr("hist_col_locked"): [f"{tr(LOCK_KINDS[k])} {s}" for k, s in zip(locks["kind"], locks["subject"],
                                                                            strict=True)],
        tr("hist_col_until"): locks["locked_until"], tr("hist_col_locks"): locks["locks"],
    })


def sign_ins_section(project: Project) -> None:
    """Every sign-in and failed sign-in, and the locks in force, for users who manage accounts (admins); nothing
    for the other roles. The single-user app shows it only for a file that was served with sign-in."""
    if not project.may("accounts"):
        return
    records, locks = project.sign_ins(), project.sign_in_locks()
    if project.user is None and records.empty:
        return
    st.subheader(tr("hist_sign_ins"))
    st.caption(tr("hist_sign_ins_caption"))
    if not locks.empty:
        st.markdown(f"**{tr('hist_locks')}**")
        st.dataframe(locks_view(locks), hide_index=True, width="stretch", placeholder="", key="hist_locks_table")
        st.caption(tr("hist_locks_help"))
    if records.empty:
        st.info(tr("hist_sign_ins_none"))
        return
    st.dataframe(sign_ins_view(records), hide_index=True, width="stretch", placeholder="", key="hist_sign_ins_table")
