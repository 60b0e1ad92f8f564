"""Undo and redo of the sidebar's coder (Code and History pages) and the History page's tables.

Undo and redo live in the project file (:meth:`Project.undo`), per coder, so they survive
reloads and see what other users changed meanwhile; a refused step shows its reason.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr


def run_step(direction: str) -> None:
    """Undo (``"undo"``) or redo the current coder's last step; the outcome is shown on the next run."""
    project, coder = current_project(quiet=True), current_coder()
    if project is None or coder is None:
        return
    try:
        label = project.undo(coder) if direction == "undo" else project.redo(coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("undone" if direction == "undo" else "hist_redone").format(label=escape_md(label)), "info")


def undo_redo_buttons(project: Project, coder: str, *, prefix: str = "") -> None:
    """Undo and Redo for ``coder``, each naming what it would do; a button whose step would be refused
    stays clickable, so the reason shows (and nothing changes)."""
    undo, redo = project.can_undo(coder), project.can_redo(coder)
    a, b = st.columns(2)
    undo_help = escape_md(undo.refusal or undo.description or "") or tr("nothing_to_undo")  # tooltips are Markdown
    redo_help = escape_md(redo.refusal or redo.description or "") or tr("hist_nothing_to_redo")
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
