"""The Search page's logic: running a keyword-in-context search and auto-coding ticked hits.

:func:`run_search` is an on_click callback reading plain ``search_*`` keys; the
hits stay in ``_search_hits``. :func:`autocode` is a plain function (the page
calls it in the script body, where ``st.progress`` can draw).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import CodingSpec, Project

from .state import current_project, error_text, escape_md, notify, trn

BATCH = 50


def editor_key() -> str:
    """Key of the hits editor; a new search or an auto-coding gives it a fresh one (all unticked)."""
    return f"search_editor_{st.session_state.get('_search_v', 0)}"


def reset_ticks() -> None:
    st.session_state["_search_v"] = st.session_state.get("_search_v", 0) + 1


def run_search() -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    params = {
        "query": st.session_state.get("search_query") or "",
        "whole_word": bool(st.session_state.get("search_whole_word")),
        "case_sensitive": bool(st.session_state.get("search_case")),
        "groups": list(st.session_state.get("search_groups") or []),
        "informants": list(st.session_state.get("search_informants") or []),
        "source_types": list(st.session_state.get("search_source_types") or []),
        "where": (st.session_state.get("search_where") or "").strip() or None,
    }
    st.session_state["_search_where_error"] = None
    try:
        hits = project.search(**params)
    except QualcodeError as exc:
        if getattr(exc, "position", None) is not None:  # the condition: shown with its caret under the form
            st.session_state["_search_where_error"] = str(exc)
            return
        notify(error_text(exc), "error")
        return
    st.session_state["_search_hits"] = hits
    st.session_state["_search_params"] = {**params, "project": str(project.path)}
    reset_ticks()


def ticked_rows(hits: pd.DataFrame, state: dict | None) -> pd.DataFrame:
    """The hits whose "code this" box is ticked in the editor state (row positions of ``hits``)."""
    edited = (state or {}).get("edited_rows") or {}
    rows = sorted(int(i) for i, change in edited.items() if change.get("tick") and 0 <= int(i) < len(hits))
    return hits.iloc[rows]


def autocode(project: Project, hits: pd.DataFrame, code: str, coder: str,
             progress: Callable[[int, int], None] | None = None, *, label: str = "") -> tuple[list[int], int]:
    """Code each hit (its exact match span) with ``code`` by ``coder``, all in one transaction.

    Hits that ``coder`` already coded with ``code`` at the same span are skipped.
    The added codings are one step of the coder's undo (``label`` describes it in the history).

    Returns
    -------
    (ids of the added codings, number of hits skipped as already coded)
    """
    done: set[tuple[int, int, int]] = set()
    if coder in set(project.coders()["name"]):
        mine = project.codings(codes=[code], coders=[coder])
        done = set(zip(mine["document_id"].astype(int), mine["start"].astype(int), mine["end"].astype(int),
                       strict=True))
    specs = [CodingSpec(int(h.document_id), int(h.start), int(h.end), code, coder) for h in hits.itertuples()
             if (int(h.document_id), int(h.start), int(h.end)) not in done]
    skipped = len(hits) - len(specs)
    ids: list[int] = []
    if specs:  # all ticked hits are coded, or none; one event, so one undo takes them all back
        with project.as_one_step(coder, "search.autocode", {"code": code, "count": len(specs), "label": label}):
            for first in range(0, len(specs), BATCH):
                if progress:
                    progress(first, len(specs))
                ids += project.add_codings(specs[first:first + BATCH])
    if progress:
        progress(len(specs), len(specs))
    return ids, skipped


def autocode_shown(project: Project, ticked: pd.DataFrame, code: str, coder: str, *, label: str) -> None:
    """Code the ticked hits with a progress bar, then say what was added and skipped (or the error): the
    Search page's and the Words concordance's "code ticked hits"."""
    bar = st.progress(0.0, text=trn("search_coding", len(ticked)))
    try:
        ids, skipped = autocode(project, ticked, code, coder,
                                lambda done, total: bar.progress(done / total if total else 1.0), label=label)
    except QualcodeError as exc:
        bar.empty()
        st.error(error_text(exc))
        return
    reset_ticks()
    st.success(trn("search_added", len(ids), code=escape_md(code), coder=escape_md(coder)))
    if skipped:
        st.info(trn("search_skipped", skipped))
