"""The Words page's logic: the scope pickers, a word picked from the table, the concordance with coding of
ticked hits (through the Search page's :func:`~qualcode.ui.search_parts.autocode`), the charts' downloads and
the stop list editor.

The picked word lives in ``words_word``; the table's on_select callback (:func:`pick_word`) copies the selected
row's word there, and the word box beside the concordance sets it by keyboard.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.ui.search_parts import autocode_shown, ticked_rows
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import error_text, notify, source_type_name, tr, trn
from qualcode.ui.triangulation_parts import chart_bytes
from qualcode.ui.widgets import code_labels

TABLE_KEY = "words_table"
FRAME_KEY = "_words_frame"  # the table as shown, so that the selection callback finds the row's word
CHART_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


def scope_labels() -> dict[str, str]:
    """Every scope of :data:`qualcode.project.words.SCOPES` in the UI language."""
    return {"project": tr("words_scope_project"), "group": tr("words_scope_group"),
            "informant": tr("words_scope_informant"), "source_type": tr("words_scope_source_type"),
            "code": tr("words_scope_code"), "document": tr("words_scope_document"),
            "query": tr("words_scope_query")}


def scope_values(project: Project, by: str) -> tuple[list[Any], dict[Any, str]]:
    """The values a scope offers (group keys, informant keys, source types, code keys, document ids) and how each
    reads."""
    if by == "group":
        keys = list(project.groups()["key"])
        return keys, {k: k for k in keys}
    if by == "informant":
        informants = project.informants()
        return list(informants["key"]), {k: k for k in informants["key"]}
    if by == "source_type":
        types = list(project.store.source_types())
        return types, {t: source_type_name(t) for t in types}
    if by == "code":
        codes = project.codes()
        return list(codes["key"]), code_labels(codes)
    if by == "document":
        docs = project.documents()
        return [int(i) for i in docs["id"]], {int(i): str(n) for i, n in zip(docs["id"], docs["name"], strict=True)}
    return [], {}


def pick_word() -> None:
    """The table's on_select callback: the selected row's word becomes the concordance's word."""
    state = st.session_state.get(TABLE_KEY) or {}
    rows = (state.get("selection") or {}).get("rows") or []
    frame = st.session_state.get(FRAME_KEY)
    if rows and frame is not None and 0 <= int(rows[0]) < len(frame):
        st.session_state["words_word"] = str(frame.iloc[int(rows[0])]["word"])
        reset_ticks()


def editor_key() -> str:
    """Key of the concordance editor; a new word or a coding gives it a fresh one (all unticked)."""
    return f"words_kwic_{st.session_state.get('_words_v', 0)}"


def reset_ticks() -> None:
    st.session_state["_words_v"] = st.session_state.get("_words_v", 0) + 1


def chart_downloads(chart: Any, stem: str, key_prefix: str) -> None:
    """PNG and SVG download buttons for ``chart``, rendered only when clicked."""
    columns = st.columns([1] * len(CHART_FORMATS) + [2])
    for column, (fmt, mime) in zip(columns, CHART_FORMATS.items(), strict=False):
        column.download_button(tr("words_download_chart").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"{stem}.{fmt}", mime=mime,
                               key=f"{key_prefix}_{fmt}", on_click="ignore")


def _request_autocode() -> None:
    st.session_state["_words_autocode"] = True


def concordance_panel(project: Project, hits: pd.DataFrame, word: str) -> None:
    """The concordance of ``word``: hits in context, each with a tick box, and coding of the ticked ones."""
    counted = int(hits["counted"].sum())
    st.caption(tr("words_kwic_count").format(hits=trn("n_hits", len(hits)), counted=counted,
                                             docs=trn("n_documents", hits["document_id"].nunique())))
    coder = current_coder()
    if project.codes().empty:
        st.info(tr("no_codebook_to_code"))
    elif coder is None:
        st.info(tr("coder_needed"))
    else:
        labels = code_labels(project.codes())
        recent = [k for k in project.codes_recent(coder) if k in labels]
        options = recent + [k for k in labels if k not in recent]
        if st.session_state.get("words_code") not in options:
            st.session_state["words_code"] = None
        a, b = st.columns([3, 1], vertical_alignment="bottom")
        a.selectbox(tr("search_code"), options, key="words_code", format_func=labels.get, index=None,
                    placeholder=tr("search_pick_code"))
        b.button(tr("search_autocode"), key="words_autocode", type="primary", on_click=_request_autocode,
                 disabled=st.session_state.get("words_code") is None)
        if st.session_state.pop("_words_autocode", False):
            _code_ticked(project, hits, word, coder)
    frame = hits[["document", "informant", "before", "match", "after", "counted"]].copy()
    frame.insert(0, "tick", False)
    text = st.column_config.TextColumn
    st.data_editor(
        frame.reset_index(drop=True), key=editor_key(), hide_index=True, width="stretch", placeholder="",
        num_rows="fixed", disabled=["document", "informant", "before", "match", "after", "counted"],
        column_config={
            "tick": st.column_config.CheckboxColumn(tr("search_tick"), default=False, width=110, pinned=True),
            "document": text(tr("document"), width=140), "informant": text(tr("col_informant"), width=70),
            "before": text(tr("search_before"), width=270, alignment="right"),
            "match": text(tr("search_match"), width=100), "after": text(tr("search_after"), width=270),
            "counted": st.column_config.CheckboxColumn(tr("words_counted_col"), width=80,
                                                       help=tr("words_counted_help")),
        })


def _code_ticked(project: Project, hits: pd.DataFrame, word: str, coder: str) -> None:
    ticked = ticked_rows(hits.reset_index(drop=True), st.session_state.get(editor_key()))
    if ticked.empty:
        st.warning(tr("search_tick_first"))
        return
    code = st.session_state.get("words_code")
    if code is None:
        st.warning(tr("search_pick_code"))
        return
    autocode_shown(project, ticked, code, coder, label=f"“{word}” → {code} × {len(ticked)}")


def save_stop_list(project: Project) -> None:
    """The stop list editor's on_click: one word a line (or separated by commas) replaces the project's list."""
    raw = st.session_state.get("words_stop_text") or ""
    words = [w.strip() for line in raw.splitlines() for w in line.split(",") if w.strip()]
    try:
        saved = project.set_stop_list(words, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["words_stop_text"] = "\n".join(saved)
    notify(trn("words_stop_saved", len(saved)))


def stop_list_editor(project: Project) -> None:
    """The project's stop list, one word a line, with a save button (for those who may change settings)."""
    st.caption(tr("words_stop_help").format(n=len(project.stop_words_in_force()) - len(project.stop_list())))
    if "words_stop_text" not in st.session_state or st.session_state.get("_words_stop_of") != str(project.path):
        st.session_state["words_stop_text"] = "\n".join(project.stop_list())
        st.session_state["_words_stop_of"] = str(project.path)
    allowed = project.may("settings")
    with st.form("words_stop_form", border=False):
        st.text_area(tr("words_stop_list"), key="words_stop_text", height=180, disabled=not allowed,
                     placeholder=tr("words_stop_placeholder"))
        st.form_submit_button(tr("words_stop_save"), key="words_stop_save", disabled=not allowed,
                              on_click=save_stop_list, args=(project,))
    if not allowed:
        st.caption(tr("words_stop_refused"))
