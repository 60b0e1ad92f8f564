"""The sidebar every page shows: language, project file and the current coder."""

from __future__ import annotations

import streamlit as st

from qualcode.errors import QualcodeError

from .i18n import LANGUAGES
from .login import sign_out
from .state import auth_mode, current_project, error_plain, escape_md, project_arg, tr

NEW_CODER = "\u0000new"  # sentinel option of the coder picker


def _create_coder() -> None:
    project = current_project()
    name = (st.session_state.get("coder_new_name") or "").strip()
    if project is None or not name:
        return
    try:
        project.ensure_coder(name)
    except QualcodeError as exc:
        st.session_state["coder_error"] = error_plain(exc)
        return
    st.session_state["coder"] = name
    st.session_state["coder_new_name"] = ""


# st.switch_page (e.g. "Open in Code page") drops every widget's value; these survive it in a plain copy
KEPT = ("lang", "project_path", "coder")


def sidebar() -> None:
    kept = [k for k in KEPT if k != "coder" or not auth_mode()]  # with sign-in the coder is the signed-in user
    for key in kept:
        if key not in st.session_state and f"_kept_{key}" in st.session_state:
            st.session_state[key] = st.session_state[f"_kept_{key}"]
    try:
        _sidebar()
    finally:
        for key in kept:
            if key in st.session_state:
                st.session_state[f"_kept_{key}"] = st.session_state[key]


def _sidebar() -> None:
    st.session_state.setdefault("lang", "en")
    st.session_state.setdefault("project_path", project_arg())
    with st.sidebar:
        st.selectbox(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang")
        if auth_mode():
            _signed_in_user()
            return
        st.text_input(tr("project_file"), key="project_path", placeholder="demo/demo.qualcode")
        project = current_project(quiet=True)
        if project is None:
            return
        st.caption(escape_md(project.name))
        names = [c for c in project.coders()["name"] if c]
        if st.session_state.get("coder") not in names + [NEW_CODER]:
            st.session_state["coder"] = names[0] if len(names) == 1 else None
        st.selectbox(tr("coder_pick"), names + [NEW_CODER], key="coder", index=None,
                     placeholder=tr("coder_placeholder"),
                     format_func=lambda n: tr("coder_new") if n == NEW_CODER else n)
        if st.session_state.get("coder") == NEW_CODER or not names:
            with st.form("new_coder", clear_on_submit=False, border=False):
                st.text_input(tr("coder_new_name"), key="coder_new_name")
                st.form_submit_button(tr("coder_create"), on_click=_create_coder)
        if st.session_state.get("coder_error"):
            st.error(escape_md(st.session_state.pop("coder_error")))


def _signed_in_user() -> None:
    """With sign-in: the project, who is signed in (as the coder of every action) and Sign out."""
    project = current_project(quiet=True)
    if project is None or project.user is None:
        return
    st.caption(escape_md(project.name))
    st.session_state["coder"] = project.user
    st.markdown(tr("login_as").format(user=escape_md(project.user), role=tr(f"role_{project.role}")))
    st.button(tr("login_sign_out"), key="sign_out", on_click=sign_out)


def current_coder() -> str | None:
    """The coder name chosen in the sidebar, or None while nobody has picked one."""
    coder = st.session_state.get("coder")
    return None if coder in (None, NEW_CODER) else coder
