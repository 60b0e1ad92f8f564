"""Automatic rotating backups when the app opens a project: one per server process and project file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import streamlit as st

from qualcode.backup import rotate_backups
from qualcode.errors import QualcodeError


@st.cache_resource(show_spinner=False)
def _rotate_once(resolved_path: str) -> Exception | None:
    """Back up the project the first time this process opens it; the error, or None.

    The outcome is cached, not raised: a failed backup is not retried on every rerun,
    and each session can still be told about it.
    """
    try:
        rotate_backups(resolved_path)
    except (QualcodeError, OSError, sqlite3.Error) as exc:
        return exc  # kept as the error, so that each session shows it in its own language
    return None


def backup_once(path: str | Path) -> Exception | None:
    """Keep a rotating backup of the project at ``path`` (see :func:`qualcode.backup.rotate_backups`),
    taken once per server process; the error to warn about when it failed and this session was not yet told.

    Showing the warning is the caller's: this module sits below the session's language and messages."""
    resolved = str(Path(path).resolve())
    error = _rotate_once(resolved)
    warned = st.session_state.setdefault("_backup_warned", set())
    if error is None or resolved in warned:
        return None
    warned.add(resolved)
    return error
