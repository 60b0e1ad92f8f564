"""Sign-in for a shared server (`qualcode serve PROJECT --auth`): the login page, sign-out, and which pages
the signed-in user's role may open. Without --auth none of this shows and nothing is asked."""

from __future__ import annotations

import time

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .state import auth_mode, error_plain, escape_md, project_arg, tr

FAILED_SIGN_IN_DELAY_S = 1.0  # slows down guessing passwords


def signed_in() -> str | None:
    """The signed-in user's name (None before sign-in)."""
    return st.session_state.get("user")


def sign_in() -> None:
    """Form callback: check name and password against the project file."""
    name = (st.session_state.get("login_name") or "").strip()
    password = st.session_state.get("login_password") or ""
    st.session_state["login_password"] = ""
    try:
        with Project.open(project_arg()) as project:
            role = project.sign_in(name, password)
    except QualcodeError as exc:
        time.sleep(FAILED_SIGN_IN_DELAY_S)
        st.session_state["login_error"] = error_plain(exc)
        return
    st.session_state.update(user=name, role=role, coder=name, project_path=project_arg())
    st.session_state.pop("login_error", None)


def sign_out() -> None:
    opened = st.session_state.pop("_project", None)
    if opened is not None:
        opened.close()
    for key in ("user", "role", "coder"):
        st.session_state.pop(key, None)


def login_page() -> None:
    st.title(tr("login_title"))
    st.caption(tr("login_intro"))
    with st.form("login", border=True):
        st.text_input(tr("login_name"), key="login_name", autocomplete="username")
        st.text_input(tr("login_password"), key="login_password", type="password", autocomplete="current-password")
        st.form_submit_button(tr("login_submit"), on_click=sign_in, type="primary")
    if st.session_state.get("login_error"):
        st.error(escape_md(st.session_state["login_error"]))


def page_allowed(project: Project | None, permission: str | None) -> bool:
    """Whether the signed-in user may open a page that needs ``permission`` (always, without --auth)."""
    if not auth_mode() or permission is None:
        return True
    if project is None:
        return False
    try:
        return project.may(permission)
    except QualcodeError:
        return False
