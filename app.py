"""Streamlit entry point: `streamlit run app.py -- --project FILE`. Builds the page list and runs it."""

import streamlit as st

from qualcode.ui.sidebar import sidebar
from qualcode.ui.state import tr

st.set_page_config(page_title="qualcode", layout="wide")
sidebar()
pages = [
    st.Page("qualcode/ui/pages/overview.py", title=tr("overview"), url_path="overview", default=True),
    st.Page("qualcode/ui/pages/project.py", title=tr("proj_title"), url_path="project"),
    st.Page("qualcode/ui/pages/code.py", title=tr("code_page"), url_path="code"),
    st.Page("qualcode/ui/pages/codebook.py", title=tr("codebook"), url_path="codebook"),
    st.Page("qualcode/ui/pages/search.py", title=tr("search_title"), url_path="search"),
    st.Page("qualcode/ui/pages/triangulation.py", title=tr("tri_title"), url_path="triangulation"),
    st.Page("qualcode/ui/pages/framework.py", title=tr("fw_title"), url_path="framework"),
    st.Page("qualcode/ui/pages/agreement.py", title=tr("agr_title"), url_path="agreement"),
    st.Page("qualcode/ui/pages/suggestions.py", title=tr("sug_title"), url_path="suggestions"),
]
st.navigation(pages).run()
