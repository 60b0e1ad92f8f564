"""The Triangulation and Framework pages' logic: pickers' options, callbacks and file downloads.

Callbacks read plain ``st.session_state`` keys (``tri_*``, ``fw_*``) and report
through :func:`notify`; every change goes through the Project API
(:mod:`qualcode.project.analysis`). The heat map's selection callback only
copies the clicked cell into ``tri_code`` / ``tri_column``, so AppTest (and
keyboard users, through the two selectboxes) choose a cell the same way.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.analysis.charts import SELECTION, save_chart
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.report import export_report

from .cells import text as text_of
from .memo_parts import kind_name, memo_rows, restore_refused
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn
from .widgets import clicked_point

CODE_PAGE = "qualcode/ui/pages/code.py"
CHART_KEY = "tri_heatmap"
GOTO = "_goto_page"  # a callback asks the page to switch (st.switch_page cannot run inside a callback)
CHART_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SHOWN_QUOTES = 100  # quotes of one cell listed on the page
REPORT_FORMATS = ("docx", "md", "tex", "html")
REPORT_QUOTES = ("all", "only", "1", "3")  # every quote, exemplars only, at most N per informant and code
REPORT_MIME = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "md": "text/markdown", "tex": "application/x-tex", "html": "text/html"}
REPORT_LABELS = {"docx": "Word (.docx)", "md": "Markdown", "tex": "LaTeX (.tex)", "html": "HTML"}


# -- options ------------------------------------------------------------------------------

def default_cell(frame: pd.DataFrame, row_key: str, column_key: str, filled: Any) -> None:
    """Keep the chosen cell (``row_key`` x ``column_key`` in session state) inside ``frame``; where a choice is
    missing or gone, take the first cell in reading order for which ``filled(value)`` holds (else the first)."""
    rows, columns = [str(r) for r in frame.index], [str(c) for c in frame.columns]
    row, column = st.session_state.get(row_key), st.session_state.get(column_key)
    row_ok, column_ok = row in rows, column in columns
    if row_ok and column_ok:
        return
    cells = [(r, c) for r in (rows if not row_ok else [row]) for c in (columns if not column_ok else [column])]
    chosen = next(((r, c) for r, c in cells if filled(frame.at[r, c])), cells[0])
    st.session_state[row_key], st.session_state[column_key] = chosen


def coder_options(project: Project) -> tuple[list[str], set[str]]:
    """Coders worth filtering by (those with codings, and every consensus coder), consensus coders first."""
    consensus = set(project.consensus_coders())
    coders = project.coders()
    names = [n for n, count in zip(coders["name"], coders["codings"], strict=True)
             if n and (count or n in consensus)]
    return sorted(names, key=lambda n: n not in consensus), consensus


@st.cache_data(max_entries=8, show_spinner=False)
def _cooccurrence(_project: Project, path: str, version: int, user: str | None, by: str,
                  coders: tuple[str, ...] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    return _project.cooccurrence(by=by, coders=list(coders) if coders is not None else None)


def cooccurrence_of(project: Project, by: str, coders: list[str] | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Project.cooccurrence, cached per project file and its change counter (so another coder's work shows),
    and per user (blind coding shows each coder their own codings only)."""
    return _cooccurrence(project, str(project.path), project.change_counter(), project.user, by,
                         tuple(coders) if coders is not None else None)


@st.cache_data(max_entries=8, show_spinner=False)
def _framework_matrix(_project: Project, path: str, version: int, user: str | None,
                      coders: tuple[str, ...] | None, rollup: bool) -> pd.DataFrame:
    return _project.framework_matrix(coders=list(coders) if coders is not None else None, rollup=rollup)


def framework_matrix_of(project: Project, coders: list[str] | None, rollup: bool) -> pd.DataFrame:
    """Project.framework_matrix, cached like :func:`cooccurrence_of` (a summary saved changes the counter)."""
    return _framework_matrix(project, str(project.path), project.change_counter(), project.user,
                             tuple(coders) if coders is not None else None, rollup)


def chosen_coders(key: str = "tri_coders") -> list[str] | None:
    """The coders filter: None (all coders pooled) when nobody is picked."""
    return list(st.session_state.get(key) or []) or None


def free_name(name: str, taken: Any) -> str:
    """``name``, with underscores added while a column of ``taken`` (a code or group key) already has it."""
    taken = {str(t) for t in taken}
    while name in taken:
        name += "_"
    return name


# -- callbacks ----------------------------------------------------------------------------

def pick_from_chart() -> None:
    """The heat map's on_select callback: copy the clicked cell into tri_code / tri_column."""
    point = clicked_point(CHART_KEY, SELECTION, ("code", "column"))
    if point:
        st.session_state["tri_code"] = str(point["code"])
        st.session_state["tri_column"] = str(point["column"])  # the chart's data name the matrix's own column


def open_in_code(document: str, start: int) -> None:
    """Ask the page to switch to the Code page at ``document``, scrolled to ``start``."""
    st.session_state["code_doc"] = document
    st.session_state["code_focus"] = int(start)
    for stale in ("tx_selection", "tx_clicked"):  # a selection in another document means nothing there
        st.session_state.pop(stale, None)
    st.session_state[GOTO] = CODE_PAGE


def follow_goto() -> None:
    """Switch pages when a callback asked for it (call at the top of the page)."""
    target = st.session_state.pop(GOTO, None)
    if target:
        st.switch_page(target)


def save_verdict() -> None:
    project, coder = current_project(quiet=True), current_coder()
    code = st.session_state.get("tri_code")
    if project is None or not code:
        return
    if coder is None:
        notify(tr("tri_verdict_needs_coder"), "warning")
        return
    verdict = st.session_state.get("tri_verdict")
    if not verdict:
        notify(tr("tri_pick_verdict"), "warning")
        return
    groups = list(st.session_state.get("tri_verdict_groups") or [])
    if len(groups) not in (0, 2):
        notify(tr("tri_pick_two_groups"), "warning")
        return
    try:
        project.set_verdict(code, verdict, supervisor=coder, rationale=(st.session_state.get("tri_rationale") or
                                                                        "").strip(), groups=groups or None)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["tri_rationale"] = ""
    st.session_state["tri_verdict_groups"] = []
    notify(tr("tri_verdict_saved").format(code=escape_md(code), verdict=tr(f"tri_v_{verdict}"),
                                          who=escape_md(coder)))


def save_summary() -> None:
    project, coder = current_project(quiet=True), current_coder()
    informant, code = st.session_state.get("fw_informant"), st.session_state.get("fw_code")
    if project is None or not informant or not code:
        return
    if coder is None:
        notify(tr("fw_needs_coder"), "warning")
        return
    text = (st.session_state.get("fw_summary") or "").strip()
    try:
        project.set_summary(informant, code, text, author=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["_fw_summary_for"] = None  # refill the text area from the stored summary
    notify(tr("fw_saved" if text else "fw_removed").format(informant=escape_md(informant), code=escape_md(code)))


def prefill_summary(project: Project, informant: str, code: str) -> pd.Series | None:
    """Put the stored summary of the chosen cell into ``fw_summary`` when the cell changed; return its row."""
    summaries = project.summaries()
    rows = summaries[(summaries["informant"] == informant) & (summaries["code"] == code)]
    row = rows.iloc[0] if not rows.empty else None
    if st.session_state.get("_fw_summary_for") != (informant, code) or "fw_summary" not in st.session_state:
        st.session_state["_fw_summary_for"] = (informant, code)
        st.session_state["fw_summary"] = row["summary"] if row is not None else ""
    return row


# -- a cell's memos -----------------------------------------------------------------------

def cell_memos_frame(project: Project, informant: str, code: str) -> pd.DataFrame:
    """The memos of a framework cell, newest first: those on the informant, those on the code, and those on the
    code's codings in the informant's documents (``Project.memos(informant=, code=)``; its code memos that
    link a passage of the informant are among the code's). Memos on a document carry no code, so they stay on
    the Code page."""
    on_informant = project.memos(kind="informant")
    parts = [on_informant[on_informant["informant"] == informant], project.memos(kind="code", code=code),
             project.memos(informant=informant, code=code)]
    frame = pd.concat([p for p in parts if not p.empty]) if any(not p.empty for p in parts) else parts[0]
    frame = frame.drop_duplicates("id")
    return frame.sort_values(["created_at", "id"], ascending=False, kind="stable").reset_index(drop=True)


def cell_memos(project: Project, informant: str, code: str) -> None:
    """The memos of the chosen cell and a form to write one on its informant or its code, the other named at
    the start of the title so the memo says which cell it came from."""
    frame = cell_memos_frame(project, informant, code)
    coder = current_coder()
    with st.expander(trn("fw_cell_memos", len(frame)), expanded=not frame.empty):
        if frame.empty:
            st.caption(tr("fw_no_cell_memos"))
        memo_rows(frame)
        if coder is None:
            st.info(tr("memo_needs_coder"))
            return
        restore_refused()
        st.radio(tr("fw_memo_on"), ["informant", "code"], key="fw_memo_on", horizontal=True,
                 format_func=lambda k: escape_md(f"{kind_name(k)} {informant if k == 'informant' else code}"))
        with st.form("fw_memo_form", clear_on_submit=True, enter_to_submit=False):
            st.text_input(tr("memo_title"), key="fw_memo_title", help=tr("fw_memo_title_help"))
            st.text_area(tr("memo_text"), key="fw_memo_text", height=120, help=tr("memo_text_help"))
            st.form_submit_button(tr("memo_write"), key="fw_memo_save", type="primary", on_click=write_cell_memo,
                                  args=(coder, informant, code))


def write_cell_memo(coder: str, informant: str, code: str) -> None:
    """Write the cell memo: on the informant titled "<code> · title", or on the code titled "<informant> · title"."""
    project = current_project(quiet=True)
    if project is None:
        return
    state = st.session_state
    title, text = (state.get("fw_memo_title") or "").strip(), state.get("fw_memo_text") or ""
    on_code = state.get("fw_memo_on") == "code"
    full = f"{informant if on_code else code} · {title}" if title else ""  # empty: add_memo names the field
    try:
        project.add_memo("code" if on_code else "informant", code if on_code else informant, title=full, text=text,
                         author=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        state["memo_keep"] = {"fw_memo_title": title, "fw_memo_text": text}  # a refused memo is not lost
        return
    notify(tr("memo_written").format(title=escape_md(full)))


# -- quotes -------------------------------------------------------------------------------

def quote_list(quotes: pd.DataFrame, key_prefix: str) -> None:
    """Each quote as plain text (before ⟦quote⟧ after) under its source, with a button to open it in the
    Code page. Buttons are keyed ``{key_prefix}_open_{coding id}``."""
    if quotes.empty:
        st.info(tr("tri_no_quotes"))
        return
    st.caption(trn("tri_quote_count", len(quotes)))
    if len(quotes) > SHOWN_QUOTES:  # a cell of a big project holds thousands: each would be a box and a button
        st.caption(tr("tri_quotes_cut").format(shown=SHOWN_QUOTES))
    box = st.container(height=520) if len(quotes) > 4 else st.container()
    with box:
        for row in quotes.head(SHOWN_QUOTES).itertuples(index=False):
            with st.container(border=True):
                text, action = st.columns([6, 1.4], vertical_alignment="center")
                source = " · ".join(str(v) for v in (row.informant, row.group, row.document) if isinstance(v, str)
                                    and v)
                text.caption(escape_md(f"#{row.id} · {source} · {tr('col_line')} {row.line} · {row.coder}"))
                before = f"…{text_of(row.before)} " if text_of(row.before) else ""  # NaN is truthy: test the text
                after = f" {text_of(row.after)}…" if text_of(row.after) else ""
                text.text(f"{before}⟦{row.quote}⟧{after}")
                action.button(tr("tri_open_code"), key=f"{key_prefix}_open_{row.id}", on_click=open_in_code,
                              args=(row.document, int(row.start)), help=tr("tri_open_code_help"))


def quotes_frame(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes as a table for download/reading: source, line, coder, before | quote | after."""
    columns = {"id": "#", "informant": tr("col_informant"), "group": tr("col_group"), "document": tr("document"),
               "line": tr("col_line"), "coder": tr("col_coder"), "before": tr("search_before"),
               "quote": tr("col_quote"), "after": tr("search_after")}
    return quotes[list(columns)].rename(columns=columns)


# -- downloads ----------------------------------------------------------------------------

def chart_bytes(chart: Any, fmt: str) -> bytes:
    """The chart rendered to PNG or SVG by :func:`qualcode.analysis.charts.save_chart`."""
    with tempfile.TemporaryDirectory(prefix="qualcode-chart-") as tmp:
        path = Path(tmp) / f"chart.{fmt}"
        save_chart(chart, path)
        return path.read_bytes()


def chart_downloads(chart: Any, stem: str, key_prefix: str) -> None:
    """PNG and SVG download buttons for ``chart``, rendered only when clicked."""
    columns = st.columns([1] * len(CHART_FORMATS) + [2])
    for column, (fmt, mime) in zip(columns, CHART_FORMATS.items(), strict=False):
        column.download_button(tr("tri_download_chart").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"{stem}.{fmt}", mime=mime,
                               key=f"{key_prefix}_{fmt}", on_click="ignore")


# -- the narrative report -------------------------------------------------------------------

def report_bytes(project: Project, fmt: str, coders: list[str] | None, exemplars: str,
                 where: str | None = None) -> bytes:
    """The narrative report (:func:`qualcode.project.report.build_report`) of these coders, only the codings
    ``where`` keeps (the page's condition), as bytes."""
    buffer = io.BytesIO()
    export_report(project, buffer, fmt, coders=coders, exemplars=exemplars, where=where)
    return buffer.getvalue()


def report_download(project: Project, coders: list[str] | None, where: str | None = None) -> None:
    """A format and a quote choice, and the Report download button: the report of the coders chosen on the
    page and of the codings its condition keeps, built only when the button is pressed (not shown to a user
    whose role may not export)."""
    if not project.may("export"):
        return
    st.caption(tr("tri_report_caption"))
    left, middle, right = st.columns([1, 1.4, 1], vertical_alignment="bottom")
    fmt = left.selectbox(tr("tri_report_format"), REPORT_FORMATS, key="tri_report_format",
                         format_func=REPORT_LABELS.get)
    quotes = middle.selectbox(tr("tri_report_quotes"), REPORT_QUOTES, key="tri_report_quotes",
                              format_func=lambda v: tr(f"tri_report_quotes_{v}") if not v.isdigit()
                              else tr("tri_report_quotes_n").format(n=v))
    right.download_button(tr("tri_report"), data=lambda: report_bytes(project, fmt, coders, quotes, where),
                          file_name=f"report.{fmt}", mime=REPORT_MIME[fmt], key="tri_report_download",
                          on_click="ignore", icon=":material/description:")
