"""The "Where" condition input the Triangulation, Framework and Search pages share, its error display and the
names of the informant-attribute axes.

One condition syntax everywhere: the ``WHERE`` part of the coding-query language
(:func:`qualcode.analysis.query.parse_condition`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.filters import ATTRIBUTE_PREFIX, attribute_names, attribute_of

from .state import tr

T = TypeVar("T")

#: The example the input shows for a project without groups or attributes.
WHERE_EXAMPLE = "group = G1 AND age >= 40"
_PLAIN = re.compile(r"[^\s()\"'=!~<>]+")


def where_example(project: Project) -> str:
    """An example condition in the project's own terms: its first group and its first informant's first
    attribute with that informant's value (quoted when it needs to be)."""
    def shown(value: object) -> str:
        text = str(value)
        return text if _PLAIN.fullmatch(text) and text.upper() not in ("AND", "OR", "NOT") else f'"{text}"'

    parts = []
    groups = project.groups()["key"].tolist()
    if groups:
        parts.append(f"group = {shown(groups[0])}")
    for attributes in project.informants()["attributes"]:
        found = [(k, v) for k, v in (attributes or {}).items() if str(v).strip() and '"' not in str(v)]
        if found and _PLAIN.fullmatch(str(found[0][0])):
            parts.append(f"{found[0][0]} = {shown(found[0][1])}")
            break
    return " AND ".join(parts) or WHERE_EXAMPLE


def where_input(key: str, example: str = WHERE_EXAMPLE) -> str | None:
    """A text input for a condition (``example`` as its placeholder: see :func:`where_example`), with a caption
    of the syntax; the condition typed (None when blank)."""
    st.text_input(tr("where_label"), key=key, placeholder=example, help=tr("where_help"))
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


def with_where(compute: Callable[[str | None], T], where: str | None) -> tuple[T, str | None]:
    """``compute(where)``; when the condition does not parse, its error with the caret, a note that it is set
    aside, and ``compute(None)``: a page goes on with every coding and says so. Returns the result and the
    condition used. Any other error is raised."""
    try:
        return compute(where), where
    except QualcodeError as exc:
        if not is_condition_error(exc):
            raise
        show_where_error(str(exc))
        st.caption(tr("where_ignored"))
        return compute(None), None


def attribute_axes(project: Project) -> list[str]:
    """``attribute:NAME`` for each informant attribute a matrix can be laid out by."""
    return [f"{ATTRIBUTE_PREFIX}{name}" for name in attribute_names(project)]


def axis_name(by: str) -> str:
    """An axis as the pages name it: "Group", or "Attribute: gender"."""
    name = attribute_of(by)
    return tr("tri_axis_attribute").format(name=name) if name is not None else tr(f"tri_axis_{by}")
