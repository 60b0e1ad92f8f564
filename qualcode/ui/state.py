"""Per-session state shared by the pages: language, project path and the open project."""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import streamlit as st

from qualcode.accounts import DEFAULT_IDLE_MINUTES
from qualcode.errors import QualcodeError
from qualcode.project import Project

from .backups import backup_once
from .i18n import CATALOGUE, error_message, t, tn

_MARKDOWN = re.compile(r"([!-/:-@\[-`{-~])")  # ASCII punctuation: all of it may be backslash-escaped
# GFM links bare "www.x.y", "http://x.y" and "a@x.y" even when their punctuation is escaped, and older
# Streamlit turns ":smile:" into an emoji likewise (both passes run on the decoded text): an invisible
# word joiner where the link or the shortcode would start stops them.
_DECODED_PATTERNS = re.compile(r"(?i)(?<=www)(?=\.)|(?<=://)|(?<=@)|(?<=:)(?=[\w+\-]+:)")
_INDENT = re.compile(r"(?m)^[ \t]+")  # leading blanks would make an indented code block
WORD_JOINER = "\u2060"


def escape_md(text: object) -> str:
    """``text`` made literal for every Streamlit element that renders Markdown.

    Those are st.markdown / st.caption / st.error and friends, st.toast, headers, widget labels (buttons,
    checkboxes, expanders, tabs, popovers, metrics, dialog titles), ``help=`` tooltips and the options
    of st.radio, st.pills and st.segmented_control. Not for elements that show text as it is (st.text,
    st.code, dataframes, text inputs, st.selectbox and st.multiselect options), where the escapes would
    show; st.select_slider options are Markdown only in newer Streamlit, so keep user text out of them.

    ASCII punctuation is backslash-escaped (emphasis, links, HTML, headings, lists, tables, ``:red[..]``,
    ``:material/..:``, ``$math$``), an invisible word joiner keeps bare URLs and e-mail addresses from
    becoming links and ``:smile:`` from becoming an emoji, and leading blanks become character references
    (not an indented code block).
    """
    escaped = _MARKDOWN.sub(r"\\\1", _DECODED_PATTERNS.sub(WORD_JOINER, str(text)))
    return _INDENT.sub(lambda m: m.group().replace(" ", "&#32;").replace("\t", "&#9;"), escaped)


def project_arg() -> str:
    """The project path given as `streamlit run app.py -- --project FILE`, or $QUALCODE_PROJECT."""
    argv = sys.argv[1:]
    if "--project" in argv and argv.index("--project") + 1 < len(argv):
        return argv[argv.index("--project") + 1]
    return os.environ.get("QUALCODE_PROJECT", "")


def auth_mode() -> bool:
    """Whether the app serves a team with sign-in (`-- --auth`, or QUALCODE_AUTH=1)."""
    return "--auth" in sys.argv[1:] or os.environ.get("QUALCODE_AUTH") == "1"


def idle_minutes() -> int:
    """Minutes without a click after which a signed-in user is signed out: `-- --idle-minutes N` (what
    `qualcode serve --idle-minutes N` passes), or $QUALCODE_IDLE_MINUTES; by default DEFAULT_IDLE_MINUTES."""
    argv = sys.argv[1:]
    given = argv[argv.index("--idle-minutes") + 1] if "--idle-minutes" in argv[:-1] else \
        os.environ.get("QUALCODE_IDLE_MINUTES")
    try:
        minutes = int(given or DEFAULT_IDLE_MINUTES)
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return minutes if minutes > 0 else DEFAULT_IDLE_MINUTES


def clock() -> float:
    """Seconds since the epoch: what idle time is measured with (a test sets another clock)."""
    return time.time()


def client_address() -> str | None:
    """The address the browser connects from, as Streamlit sees it (None for this computer).

    Behind a reverse proxy on this machine, Streamlit's web server takes it from the X-Forwarded-For header
    the proxy adds (trusted from 127.0.0.1 only); behind one on another machine it is that proxy's address
    for every user (docs/deploy.md, "Sign-in protection and client addresses")."""
    return st.context.ip_address


LAST_ACTIVE = "_last_active"


def forget_user() -> None:
    """Sign the session's user out: close their project and drop who they are."""
    opened = st.session_state.pop("_project", None)
    if opened is not None:
        opened.close()
    for key in ("user", "role", "coder", LAST_ACTIVE):
        st.session_state.pop(key, None)


def still_active() -> bool:
    """With sign-in: note this interaction, or, when the idle limit has passed since the last one, sign the user
    out (the sign-in page then says why) and return False."""
    now, last = clock(), st.session_state.get(LAST_ACTIVE)
    if last is not None and now - last > idle_minutes() * 60:
        forget_user()
        st.session_state["login_error"] = tn("login_idle", idle_minutes(), lang())
        return False
    st.session_state[LAST_ACTIVE] = now
    return True


def lang() -> str:
    return st.session_state.get("lang", "en")


def tr(key: str) -> str:
    return t(key, lang())


def trn(key: str, n: int, /, **params: object) -> str:
    """The UI string ``key`` for the count ``n`` in the session's language, singular or plural as ``n`` needs
    ("1 coding", "3 codings", "3 pengodean"); other ``params`` fill its other placeholders."""
    return tn(key, int(n), lang(), **params)


def source_type_name(key: object) -> str:
    """A source type as the user reads it: the built-in ones (interview, observation, document) in the session's
    language, a project's own ones as they were named."""
    text = str(key)
    return tr(f"source_{text}") if f"source_{text}" in CATALOGUE else text


def role_name(role: object) -> str:
    """A coder's or user's role (coder, supervisor, admin, consensus) in the session's language."""
    text = str(role)
    return tr(f"role_{text}") if f"role_{text}" in CATALOGUE else text


def error_plain(exc: BaseException, paths: Mapping[str, str] | None = None) -> str:
    """An error in the session's language as plain text (for a table cell, or to keep and show later).

    ``paths`` maps a path in the message to what the user should see instead (the temporary file an
    upload was saved to -> the uploaded file's name)."""
    text = error_message(exc, lang())
    for path, shown in (paths or {}).items():
        text = text.replace(str(path), shown)
    return text


def error_text(exc: BaseException, paths: Mapping[str, str] | None = None) -> str:
    """An error for any element that renders Markdown (st.error, notify, captions): translated, escaped."""
    return escape_md(error_plain(exc, paths))


def current_project(*, quiet: bool = False) -> Project | None:
    """The session's open project (one connection per session), or None with an explanation shown.

    With sign-in the project is the served one, opened for the signed-in user (None before sign-in)."""
    user = None
    if auth_mode():
        path, user = project_arg(), st.session_state.get("user")
        # checked here, where every page and callback gets the project, so an action after the idle limit
        # does not go through
        if not user or not still_active():
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
            st.error(f"{tr('cannot_open')}: {error_text(exc)}")
        return None
    backup_error = backup_once(path)
    if backup_error is not None:
        st.warning(tr("backup_failed").format(error=error_text(backup_error)))
    st.session_state["_project"] = project
    return project


def notify(message: str, kind: str = "success") -> None:
    """Queue a message for the next run of the page (callbacks cannot draw)."""
    st.session_state.setdefault("_messages", []).append((kind, message))


def project_write(write: Callable[[Project], object]) -> bool:
    """A callback's write on the open project: False (nothing done) without a project, or with the error
    queued as a notice when the write is refused; True when it went through."""
    project = current_project(quiet=True)
    if project is None:
        return False
    try:
        write(project)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return False
    return True


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
