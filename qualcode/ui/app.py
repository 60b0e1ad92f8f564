"""Streamlit entry point: `streamlit run qualcode/ui/app.py -- --project FILE [--auth]` (what `qualcode serve`
runs). Builds the page list and runs it.

With --auth (what `qualcode serve PROJECT --auth` passes) only the sign-in page shows until a
user signs in, and then only the pages their role may use.
"""

from pathlib import Path

import streamlit as st

from qualcode.ui.login import login_page, page_allowed, signed_in
from qualcode.ui.sidebar import sidebar
from qualcode.ui.state import auth_mode, current_project, tr

# the page scripts travel inside the package, so an installed qualcode finds them wherever it runs from
PAGES_DIR = Path(__file__).resolve().parent / "pages"
# page script, title key, url path, and the permission a signed-in user needs to see it (None: everyone)
PAGES = [
    ("overview.py", "overview", "overview", None),
    ("project.py", "proj_title", "project", "import"),
    ("code.py", "code_page", "code", None),
    ("survey_grid.py", "sg_title", "survey_grid", None),
    ("codebook.py", "codebook", "codebook", "codebook"),
    ("search.py", "search_title", "search", None),
    ("query.py", "qry_title", "query", None),
    ("words.py", "words_title", "words", None),
    ("triangulation.py", "tri_title", "triangulation", "verdict"),
    ("charts.py", "charts_title", "charts", None),
    ("saturation.py", "sat_title", "saturation", None),
    ("framework.py", "fw_title", "framework", "summary"),
    ("agreement.py", "agr_title", "agreement", "reconcile"),
    ("suggestions.py", "sug_title", "suggestions", None),
    ("history.py", "hist_title", "history", None),
    ("memos.py", "memo_title_page", "memos", None),
]

st.set_page_config(page_title="qualcode", layout="wide")
sidebar()
if auth_mode() and not signed_in():
    st.navigation([st.Page(login_page, title=tr("login_title"), url_path="login")]).run()
else:
    project = current_project(quiet=True)
    pages = [st.Page(PAGES_DIR / script, title=tr(title), url_path=url, default=url == "overview")
             for script, title, url, permission in PAGES if page_allowed(project, permission)]
    st.navigation(pages, expanded=True).run()  # every page listed: more than twelve would hide some
