"""`streamlit run app.py -- --project FILE [--auth]` from a checkout: runs the app of the package,
qualcode/ui/app.py."""

import runpy

runpy.run_module("qualcode.ui.app", run_name="__main__")
