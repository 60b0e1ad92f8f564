"""Per-session state shared by the pages: language, project path and the open project."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .i18n import t

_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")  # ASCII punctuation: all of it may be backslash-escaped


def escape_md(text: object) -> str:
    """``text`` with every ASCII punctuation character backslash-escaped, so that st.error / st.success /
    st.caption (which render Markdown) show names, paths and error messages as they are."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def project_arg() -> str:
    """The project path given as `streamlit run app.py -- --project FILE`, or $QUALCODE_PROJECT."""
    argv = sys.argv[1:]
    if "--project" in argv and argv.index("--project") + 1 < len(argv):
        return argv[argv.index("--project") + 1]
    return os.environ.get("QUALCODE_PROJECT", "")


def auth_mode() -> bool:
    """Whether the app serves a team with sign-in (`-- --auth`, or QUALCODE_AUTH=1)."""
    return "--auth" in sys.argv[1:] or os.environ.get("QUALCODE_AUTH") == "1"


def lang() -> str:
    return st.session_state.get("lang", "en")


def tr(key: str) -> str:
    return t(key, lang())


def current_project(*, quiet: bool = False) -> Project | None:
    """The session's open project (one connection per session), or None with an explanation shown.

    With sign-in the project is the served one, opened for the signed-in user (None before sign-in)."""
    user = None
    if auth_mode():
        path, user = project_arg(), st.session_state.get("user")
        if not user:
            return None
    else:
        path = st.session_state.get("project_path", "")
    if not path:
        return None
    opened = st.session_state.get("_project")
    if opened is not None and str(opened.path) == str(Path(path)) and opened.user == user:
        return opened
    if opened is not None:
        opened.close()
        st.session_state["_project"] = None
    try:
        project = Project.open(path, user=user)
    except QualcodeError as exc:
        if not quiet:
            st.error(f"{tr('cannot_open')}: {exc}")
        return None
    from .backups import backup_once  # imported here: backups uses this module's helpers

    backup_once(path)
    st.session_state["_project"] = project
    return project


def notify(message: str, kind: str = "success") -> None:
    """Queue a message for the next run of the page (callbacks cannot draw)."""
    st.session_state.setdefault("_messages", []).append((kind, message))


def show_messages() -> None:
    for kind, message in st.session_state.pop("_messages", []):
        getattr(st, kind)(message)


def project_with_codes(no_codes_key: str) -> Project | None:
    """The open project when it has a codebook; otherwise None, with the empty state explained."""
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return None
    if project.codes().empty:
        st.info(tr(no_codes_key))
        return None
    return project
