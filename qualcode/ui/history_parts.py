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
