"""Charts page: the patterns of the coding as pictures. A code map (codes joined by co-occurrence), code lines
(where each code falls along a document's turns) and group profiles (each code's share per group), each with its
drill-down to the passages and PNG/SVG downloads. One chart is drawn at a time: each reads the whole project."""

from __future__ import annotations

from importlib import import_module

import streamlit as st

from qualcode.ui.state import current_project, show_messages, tr
from qualcode.ui.widgets import keep_known

# chart -> the module and function drawing its section (imported when chosen: each pulls in its own libraries)
SECTIONS = {"codemap": ("qualcode.ui.codemap_parts", "codemap_section"),
            "codeline": ("qualcode.ui.codeline_parts", "codeline_section"),
            "profiles": ("qualcode.ui.profile_parts", "profiles_section")}


def render() -> None:
    st.title(tr("charts_title"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    show_messages()
    keep_known("charts_kind", list(SECTIONS), default="codemap")
    kind = st.radio(tr("charts_kind"), list(SECTIONS), key="charts_kind", horizontal=True,
                    format_func=lambda k: tr(f"charts_kind_{k}"))
    module, function = SECTIONS[kind]
    getattr(import_module(module), function)(project)


render()
