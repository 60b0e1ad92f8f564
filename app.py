"""Streamlit entry point: `streamlit run app.py -- --project FILE`. Builds the page list and runs it."""

import streamlit as st

from qualcode.ui.sidebar import sidebar
from qualcode.ui.state import tr

st.set_page_config(page_title="qualcode", layout="wide")
sidebar()
st.navigation([st.Page("qualcode/ui/pages/overview.py", title=tr("overview"), default=True)]).run()
