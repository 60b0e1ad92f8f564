"""First render of every page: server time of a fresh AppTest's first run of the page.

Two projects: the demo (`qualcode demo`: 17 documents, 585 codings) and the 1,000,000-coding
triangulation project that bench_matrix.py builds (its own builder, at the size asked for).

For each page a new AppTest (a new session: the project is opened anew, as for a user who just
arrived) sets the project file and the coder, switches to the page and runs it once; that run is
timed (median of ``repeat`` on the demo, of ``matrix_repeat`` on the big project). Excluded, and said
so: the one-off cost of a new server process, i.e. importing Streamlit, pandas, spaCy and the page
modules, and the project's backup taken the first time the process opens it; untimed runs pay them
first (every page once on the demo, the overview once on the big project). Streamlit's data cache
(st.cache_data) is cleared before every timed run, so a cached read never stands in for a first
render. The baseline of each ratio is the same kind of run, in the same process, of a bare
one-line Streamlit script (``st.write``): what any page costs in AppTest before qualcode does
anything (a new AppTest also scans the installed packages for components once, about 0.1 s).
"""

from __future__ import annotations

import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("overview", "project", "code", "codebook", "search", "triangulation", "framework", "agreement",
         "suggestions", "history")
BARE_SCRIPT = 'import streamlit as st\nst.write("qualcode")\n'


def build_demo(folder: Path) -> Path:
    """The demo project, built by the CLI as a user would."""
    path = folder / "demo.qualcode"
    subprocess.run([sys.executable, "-m", "qualcode.cli", "demo", str(path)], check=True, capture_output=True)
    return path


def build_matrix(folder: Path, codings: int, informants: int) -> Path:
    """The triangulation project of bench_matrix.py (its builder, not a copy of it)."""
    from .bench_matrix import add_codings, make_project

    project, docs = make_project(folder, informants, 300)
    add_codings(project, docs, codings, max(1, codings // 100_000))
    path = project.path
    project.close()
    return Path(path)


def first_render(path: Path, page: str, coder: str, *, timeout: float = 600) -> float:
    """Seconds of a fresh AppTest's first run of ``page`` on the project at ``path``."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.session_state["project_path"] = str(path)
    at.session_state["coder"] = coder
    at.switch_page(f"qualcode/ui/pages/{page}.py")
    began = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - began
    assert not at.exception, (page, at.exception)
    return seconds


def bare_render() -> float:
    """Seconds of a fresh AppTest's first run of a one-line Streamlit script."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(BARE_SCRIPT)
    began = time.perf_counter()
    at.run()
    return time.perf_counter() - began


def measure_pages(path: Path, coder: str, repeat: int, pages: tuple[str, ...] = PAGES, *,
                  warm: bool = True) -> dict[str, float]:
    """Median first-render seconds of each page. ``warm``: one untimed run of each page first pays the imports;
    otherwise (the imports paid already) one untimed run of the overview pays the project's first backup."""
    for page in pages if warm else ("overview",):
        first_render(path, page, coder)
    return {page: statistics.median(first_render(path, page, coder) for _ in range(repeat)) for page in pages}


def quiet() -> None:
    """AppTest outside `streamlit run` warns on every widget and cache clear; the figures are what matters here."""
    from streamlit import config, logger

    config.set_option("logger.level", "error")  # AppTest applies the configured level again on each run
    logger.set_log_level(logging.ERROR)


def run(*, repeat: int = 5, matrix_codings: int = 1_000_000, matrix_informants: int = 500,
        matrix_repeat: int = 1) -> list[dict]:
    quiet()
    folder = Path(tempfile.mkdtemp(prefix="qualcode-pages-"))
    try:
        demo = build_demo(folder)
        (folder / "matrix").mkdir()
        matrix = build_matrix(folder / "matrix", matrix_codings, matrix_informants)
        bare_render()
        bare = statistics.median(bare_render() for _ in range(repeat))
        rows = []
        # the big project's pages take seconds each, so fewer runs there; the imports are paid on the demo
        for label, path, runs, warm in (("demo, 585 codings", demo, repeat, True),
                                        (f"matrix project, {matrix_codings:,} codings", matrix, matrix_repeat, False)):
            times = measure_pages(path, "rina", runs, warm=warm)
            print(f"pages: first render on the {label} (median of {runs}); bare script {bare * 1000:.0f} ms")
            for page, seconds in times.items():
                print(f"  {page:<14} {seconds * 1000:6.0f} ms  ratio {seconds / bare:.1f}x")
                rows.append({"benchmark": "pages",
                             "measure": f"first render of {page}, AppTest run, {label} (median of {runs})",
                             "qualcode": f"{seconds * 1000:.0f} ms",
                             "baseline": f"{bare * 1000:.0f} ms, bare one-line Streamlit script",
                             "ratio": f"{seconds / bare:.1f}"})
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)
