"""Sign-in for a shared server (`qualcode serve PROJECT --auth`): the login page, sign-out, and which pages
the signed-in user's role may open. Without --auth none of this shows and nothing is asked."""

from __future__ import annotations

import time

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .oidc_login import oidc_sign_in, oidc_sign_out
from .state import auth_mode, client_address, error_plain, escape_md, forget_user, project_arg, tr

# slows down guessing a little more; what stops it is the lock the project keeps per name and per client address
# after too many failures (qualcode.accounts.MAX_FAILURES_PER_NAME)
FAILED_SIGN_IN_DELAY_S = 1.0


def signed_in() -> str | None:
    """The signed-in user's name (None before sign-in)."""
    return st.session_state.get("user")


def sign_in() -> None:
    """Form callback: check name and password against the project file, which records the attempt with the
    client's address and refuses while the name or the address is locked."""
    name = (st.session_state.get("login_name") or "").strip()
    password = st.session_state.get("login_password") or ""
    st.session_state["login_password"] = ""
    try:
        with Project.open(project_arg()) as project:
            role = project.sign_in(name, password, client_address())
    except QualcodeError as exc:
        time.sleep(FAILED_SIGN_IN_DELAY_S)
        st.session_state["login_error"] = error_plain(exc)
        return
    st.session_state.update(user=name, role=role, coder=name, project_path=project_arg())
    st.session_state.pop("login_error", None)


def sign_out() -> None:
    forget_user()
    oidc_sign_out()


def login_page() -> None:
    st.title(tr("login_title"))
    st.caption(tr("login_intro"))
    if oidc_sign_in():
        st.caption(tr("oidc_or_password"))
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
