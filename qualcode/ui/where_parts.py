"""The "Where" condition input the Triangulation, Framework and Search pages share, its error display and the
names of the informant-attribute axes.

One condition syntax everywhere: the ``WHERE`` part of the coding-query language
(:func:`qualcode.analysis.query.parse_condition`).
"""

from __future__ import annotations

import streamlit as st

from qualcode.project import Project
from qualcode.project.filters import ATTRIBUTE_PREFIX, attribute_names, attribute_of

from .state import tr

#: The example the input shows until the user types.
WHERE_EXAMPLE = "group = leadership AND gender = P"


def where_input(key: str) -> str | None:
    """A text input for a condition, with a caption of the syntax; the condition typed (None when blank)."""
    st.text_input(tr("where_label"), key=key, placeholder=WHERE_EXAMPLE, help=tr("where_help"))
    st.caption(tr("where_caption"))
    text = st.session_state.get(key)
    return text.strip() if isinstance(text, str) and text.strip() else None


def is_condition_error(exc: Exception) -> bool:
    """Whether an error points at a position of a condition (its message then holds the caret)."""
    return getattr(exc, "position", None) is not None


def show_where_error(message: str) -> None:
    """A condition's error: a short line, then the condition with its caret as plain text."""
    st.error(tr("where_error"))
    st.code(message, language=None)


def attribute_axes(project: Project) -> list[str]:
    """``attribute:NAME`` for each informant attribute a matrix can be laid out by."""
    return [f"{ATTRIBUTE_PREFIX}{name}" for name in attribute_names(project)]


def axis_name(by: str) -> str:
    """An axis as the pages name it: "Group", or "Attribute: gender"."""
    name = attribute_of(by)
    return tr("tri_axis_attribute").format(name=name) if name is not None else tr(f"tri_axis_{by}")
