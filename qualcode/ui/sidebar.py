"""The sidebar every page shows: language and project file."""

from __future__ import annotations

import streamlit as st

from .i18n import LANGUAGES
from .state import project_arg, tr


def sidebar() -> None:
    st.session_state.setdefault("lang", "en")
    st.session_state.setdefault("project_path", project_arg())
    with st.sidebar:
        st.selectbox(tr("language"), list(LANGUAGES), format_func=LANGUAGES.get, key="lang")
        st.text_input(tr("project_file"), key="project_path", placeholder="demo/demo.qualcode")
