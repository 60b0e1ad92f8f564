"""History page: every change to the project with who, when, before and after; undo and redo of the
sidebar's coder; for admins, every sign-in and failed sign-in and the locks in force."""

from __future__ import annotations

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.store.schema import AUDITED_TABLES
from qualcode.ui.history_parts import (
    changes_view,
    events_view,
    row_nouns,
    sign_ins_section,
    table_names,
    undo_redo_buttons,
    wording,
)
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, error_text, show_messages, tr, trn

LIMITS = (50, 200, 1000)
SHOWN_CHANGES = 1000  # row changes of one event shown (a batch of codings can change a hundred thousand)
SEES_ALL = ("supervisor", "admin")  # roles that see every coder's work under blind coding


def only_own(project: Project, coder: str | None) -> bool:
    """Blind coding is on and the coder may not see others' work: the history shows their changes only
    (the rows of others' changes hold their codings)."""
    if not project.blind_coding():
        return False
    return coder is None or project.coders().set_index("name")["role"].get(coder) not in SEES_ALL


def filters(project: Project, own: str | None) -> dict:
    a, b, c = st.columns([2, 2, 1])
    if own is not None:
        st.session_state["hist_actor"] = own
    actor = a.selectbox(tr("hist_filter_actor"), project.history_users() if own is None else [own],
                        key="hist_actor", index=None, placeholder=tr("hist_everyone"), disabled=own is not None)
    table = b.selectbox(tr("hist_filter_table"), AUDITED_TABLES, key="hist_table_filter", index=None,
                        placeholder=tr("hist_all_tables"), format_func=table_names().get)
    limit = c.selectbox(tr("hist_limit"), LIMITS, key="hist_limit", index=1)
    return {"actor": actor, "table": table, "limit": limit}


def details(project: Project, history) -> None:
    """The row changes of one chosen event, with every field before and after."""
    ids = [int(i) for i in history["id"]]
    if st.session_state.get("hist_event") not in ids:
        st.session_state["hist_event"] = ids[0]
    described = dict(zip(ids, history["description"], strict=True))
    chosen = st.selectbox(tr("hist_pick_event"), ids, key="hist_event",
                          format_func=lambda i: f"#{i} · {described[i]}")
    changes = project.history_changes(chosen, row_nouns(), limit=SHOWN_CHANGES)
    if changes.empty:
        st.caption(tr("hist_no_changes"))
        return
    if len(changes) == SHOWN_CHANGES:
        total = project.history_change_count(chosen)
        if total > SHOWN_CHANGES:
            st.caption(tr("hist_changes_cut").format(shown=f"{SHOWN_CHANGES:,}", total=f"{total:,}"))
    st.dataframe(changes_view(changes), hide_index=True, width="stretch", placeholder="", key="hist_changes")
    # drawn only while open: every field of every row is a large tree for a batch of codings
    box = st.expander(tr("hist_before_after"), key="hist_before_after", on_change="rerun")
    if box.open:
        box.json([{"row": r.row, "before": r.before, "after": r.after} for r in changes.itertuples()], expanded=2)


def render() -> None:
    st.title(tr("hist_title"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    show_messages()
    changes(project)
    sign_ins_section(project)


def changes(project: Project) -> None:
    """The events with their row changes, and undo and redo."""
    coder = current_coder()
    if coder is None:
        st.info(tr("hist_needs_coder"))
        if only_own(project, coder):
            return
    else:
        undo_redo_buttons(project, coder, prefix="hist_")
    chosen = filters(project, coder if only_own(project, coder) else None)
    try:
        history = project.history(**chosen, wording=wording(), tables=table_names())
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    if history.empty:
        st.info(tr("hist_none_filtered") if chosen["actor"] or chosen["table"] else tr("hist_empty"))
        return
    st.caption(trn("hist_caption", len(history)))
    st.dataframe(events_view(history), hide_index=True, width="stretch", placeholder="", key="hist_events")
    st.subheader(tr("hist_details"))
    details(project, history)


render()
