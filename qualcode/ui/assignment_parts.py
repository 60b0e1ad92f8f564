"""Assignments in the app: a coder's list and done mark on the Code page, the supervisor's section on the
Agreement page (assign, take back after a confirmation, the documents x coders grid).

Every change goes through the Project API (:mod:`qualcode.project.assignments`), which checks the
signed-in user's permission again; callbacks report through :func:`notify`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .code_parts import blinded
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn

DONE, OPEN = "\u2713", "\u25cb"  # marks of the document picker and the grid: done, assigned and not done yet


# -- the Code page ------------------------------------------------------------------------

def coder_documents(project: Project, coder: str, names: list[str]) -> tuple[list[str], dict[str, bool]]:
    """The documents the Code page offers ``coder`` and their assignments (name -> done). Under blind coding a
    coder with assignments is offered only those documents: each codes what they were given, unseen by others."""
    mine = project.assignments(coder=coder)
    state = dict(zip(mine["document"], mine["done"].astype(bool), strict=True))
    if state and blinded(project, coder):
        return [n for n in names if n in state], state
    return names, state


def document_label(name: str, state: dict[str, bool]) -> str:
    """A document in the picker, marked when assigned to the coder: done, or not done yet."""
    if name not in state:
        return name
    return f"{name}  {DONE if state[name] else OPEN}"


def assignment_bar(project: Project, coder: str, document: str, state: dict[str, bool]) -> None:
    """The coder's progress over their assignments, the done mark of this document, and their list."""
    if not state:
        return
    done = sum(state.values())
    a, b = st.columns([2, 1])
    with a.expander(tr("asg_progress").format(done=done, n=len(state)), expanded=False):
        st.progress(done / len(state))
        frame = project.assignments(coder=coder)
        st.dataframe(pd.DataFrame({
            tr("document"): frame["document"],
            tr("asg_col_state"): [tr("asg_done") if d else tr("asg_open") for d in frame["done"]],
            tr("asg_col_codings"): frame["codings"],
        }), hide_index=True, width="stretch", placeholder="")
    if document in state:
        st.session_state["asg_done_here"] = state[document]
        b.toggle(tr("asg_mark_done"), key="asg_done_here", on_change=toggle_done, args=(document, coder),
                 help=tr("asg_mark_done_help"))
    else:
        b.caption(tr("asg_not_assigned_here"))


def toggle_done(document: str, coder: str) -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    done = bool(st.session_state.get("asg_done_here"))
    try:
        project.mark_done(document, coder, done=done)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("asg_now_done" if done else "asg_now_open").format(document=escape_md(document)), "info")


# -- the supervisor's section ---------------------------------------------------------------

def assignment_grid(project: Project, coders: list[str]) -> pd.DataFrame:
    """Documents x coders: done, assigned and open, or blank; with each document's informant group."""
    docs = project.documents()
    frame = project.assignments()
    marks = {(d, c): DONE if done else OPEN for d, c, done in zip(frame["document"], frame["coder"], frame["done"],
                                                                 strict=True)}
    grid = pd.DataFrame({tr("document"): docs["name"], tr("col_group"): docs["group"].fillna("")})
    for coder in coders:
        grid[coder] = [marks.get((d, coder), "") for d in docs["name"]]
    return grid


def assignments_section(project: Project) -> None:
    """Assign documents to coders and take them back (after a confirmation); the grid of who has what."""
    st.subheader(tr("asg_title"))
    st.caption(tr("asg_help"))
    roster = project.coders()
    coders = [n for n, role in zip(roster["name"], roster["role"], strict=True) if n and role != "consensus"]
    documents = list(project.documents()["name"])
    if not documents or not coders:
        st.info(tr("asg_empty"))
        return
    if not project.may("assign"):
        st.caption(tr("asg_supervisors_only"))
    else:
        a, b = st.columns([2, 1])
        a.multiselect(tr("asg_documents"), documents, key="asg_documents", placeholder=tr("asg_pick_documents"))
        b.multiselect(tr("asg_coders"), coders, key="asg_coders", placeholder=tr("asg_pick_coders"))
        picked = bool(st.session_state.get("asg_documents")) and bool(st.session_state.get("asg_coders"))
        c, d, _ = st.columns([1, 1, 2])
        c.button(tr("asg_assign"), key="asg_assign", type="primary", on_click=assign, disabled=not picked,
                 width="stretch")
        d.button(tr("asg_take_back"), key="asg_take_back", disabled=not picked, width="stretch",
                 on_click=lambda: st.session_state.update(asg_confirm=True))
        if st.session_state.get("asg_confirm") and picked:
            st.warning(tr("asg_confirm_text").format(coders=escape_md(", ".join(st.session_state["asg_coders"]))))
            e, f, _ = st.columns([1, 1, 2])
            e.button(tr("asg_confirm"), key="asg_confirm_yes", type="primary", on_click=take_back, width="stretch")
            f.button(tr("cb_cancel"), key="asg_confirm_no", width="stretch",
                     on_click=lambda: st.session_state.pop("asg_confirm", None))
    grid = assignment_grid(project, coders)
    st.dataframe(grid, hide_index=True, width="stretch", placeholder="", key="asg_grid")
    st.caption(tr("asg_legend").format(done=DONE, open=OPEN))


def _picked() -> tuple[Project | None, list[str], list[str]]:
    return (current_project(quiet=True), list(st.session_state.get("asg_documents") or []),
            list(st.session_state.get("asg_coders") or []))


def assign() -> None:
    project, documents, coders = _picked()
    if project is None:
        return
    try:
        n = project.assign(documents, coders, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(trn("asg_assigned", n, kept=len(documents) * len(coders) - n))


def take_back() -> None:
    st.session_state.pop("asg_confirm", None)
    project, documents, coders = _picked()
    if project is None:
        return
    try:
        n = project.unassign(documents, coders, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(trn("asg_taken_back", n), "info")
