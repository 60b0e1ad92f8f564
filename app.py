"""Streamlit entry point: `streamlit run app.py -- --project FILE`. Builds the page list and runs it."""

import streamlit as st

from qualcode.ui.sidebar import sidebar
from qualcode.ui.state import tr

st.set_page_config(page_title="qualcode", layout="wide")
sidebar()
pages = [
    st.Page("qualcode/ui/pages/overview.py", title=tr("overview"), url_path="overview", default=True),
    st.Page("qualcode/ui/pages/code.py", title=tr("code_page"), url_path="code"),
]
st.navigation(pages).run()
