"""Words page: the words of a scope (project, group, informant, source type, code, document, query result) with
their counts, two groups compared by log-likelihood, a bar chart and a word cloud, the stop list, and a word's
concordance from which hits are coded."""

from __future__ import annotations

from typing import Any

import streamlit as st

from qualcode.analysis.word_charts import bar_chart, word_cloud
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.words import SCOPES, word_table
from qualcode.ui.state import current_project, error_text, escape_md, show_messages, tr, trn
from qualcode.ui.where_parts import is_condition_error, where_example, where_input
from qualcode.ui.widgets import keep_known, table_downloads
from qualcode.ui.words_parts import (
    FRAME_KEY,
    TABLE_KEY,
    chart_downloads,
    concordance_panel,
    pick_word,
    reset_ticks,
    scope_labels,
    scope_values,
    stop_list_editor,
)


def scope_pickers(project: Project) -> tuple[str, object, list[str] | None, str | None]:
    labels = scope_labels()
    keep_known("words_by", list(SCOPES), default="project")
    a, b, c = st.columns([1, 2, 2])
    by = a.selectbox(tr("words_scope"), list(SCOPES), key="words_by", format_func=labels.get)
    value, coders = None, None
    if by == "query":
        value = query_picker(project, b)
    elif by != "project":
        options, names = scope_values(project, by)
        keep_known("words_value", options, default=options[0] if options else None)
        value = b.selectbox(labels[by], options, key="words_value", format_func=lambda v: names.get(v, str(v)))
    if by in ("code", "query"):
        keep_known("words_coders", list(project.coders()["name"]), multi=True)
        coders = c.multiselect(tr("words_coders"), list(project.coders()["name"]), key="words_coders",
                               placeholder=tr("words_all_coders")) or None
    where = where_input("words_where", where_example(project))
    return by, value, coders, where


def show_error(exc: QualcodeError) -> None:
    """A refused count; a query's or condition's error shows its text with the caret as plain text."""
    if is_condition_error(exc):
        st.error(error_text(exc).splitlines()[0])
        st.code(str(exc), language=None)
    else:
        st.error(error_text(exc))


def query_picker(project: Project, column: Any) -> str | None:
    """The query whose result passages are counted: typed, or a saved query copied into the box."""
    saved = project.saved_queries()
    texts = dict(zip(saved["name"], saved["text"], strict=True))

    def use_saved() -> None:
        name = st.session_state.get("words_saved_query")
        if name in texts:
            st.session_state["words_query"] = texts[name]

    if texts:
        if st.session_state.get("words_saved_query") not in texts:
            st.session_state["words_saved_query"] = None
        column.selectbox(tr("words_saved_query"), list(texts), key="words_saved_query", index=None,
                         placeholder=tr("words_saved_query_pick"), on_change=use_saved)
    text = column.text_input(tr("words_scope_query"), key="words_query", placeholder="E3.1 AND E3.2 WITHIN sentence",
                             help=tr("words_query_help"))
    return text.strip() or None


def frequency_section(project: Project, by: str, value: object, coders: list[str] | None,
                      where: str | None) -> None:
    if by == "query" and value is None:
        st.info(tr("words_query_empty"))
        return
    try:
        paper = word_table(project, by=by, value=value, coders=coders, where=where)  # type: ignore[arg-type]
    except QualcodeError as exc:
        show_error(exc)
        return
    table = paper.frame
    if table.empty:
        st.info(tr("words_none"))
        return
    st.caption(tr("words_summary").format(words=trn("words_n_words", len(table)),
                                          counted=trn("words_n_counted", int(table.attrs["words"]))))
    st.session_state[FRAME_KEY] = table
    tab_table, tab_charts = st.tabs([tr("words_tab_table"), tr("words_tab_charts")])
    with tab_table:
        st.caption(tr("words_pick_hint"))
        st.dataframe(table, key=TABLE_KEY, on_select=pick_word, selection_mode="single-row", hide_index=True,
                     width="stretch", height=320, column_config={
                         "word": st.column_config.TextColumn(tr("words_col_word")),
                         "count": st.column_config.NumberColumn(tr("words_col_count")),
                         "share": st.column_config.NumberColumn(tr("words_col_share"), format="percent"),
                         "documents": st.column_config.NumberColumn(tr("words_col_documents")),
                         "informants": st.column_config.NumberColumn(tr("words_col_informants")),
                     }, placeholder="")
        table_downloads(table, "words", "words_dl", "words_download", paper=paper)
    with tab_charts:
        top = st.slider(tr("words_top"), 10, 100, 30, step=5, key="words_top")
        bars = bar_chart(table, top=top, labels={"word": tr("words_col_word"), "count": tr("words_col_count")})
        st.altair_chart(bars, width="content")
        chart_downloads(bars, "words_bars", "words_bars_dl")
        cloud = word_cloud(table, top=top)
        st.altair_chart(cloud, width="content")
        chart_downloads(cloud, "words_cloud", "words_cloud_dl")
    concordance_section(project, by, value, coders, where)


def concordance_section(project: Project, by: str, value: object, coders: list[str] | None,
                        where: str | None) -> None:
    st.subheader(tr("words_kwic"))
    st.text_input(tr("words_word"), key="words_word", on_change=reset_ticks, placeholder=tr("words_word_hint"))
    word = (st.session_state.get("words_word") or "").strip()
    if not word:
        return
    try:
        hits = project.concordance(word, by=by, value=value, coders=coders, where=where)  # type: ignore[arg-type]
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    if hits.empty:
        st.info(tr("words_kwic_none").format(word=escape_md(word)))
        return
    concordance_panel(project, hits, word)


def compare_section(project: Project, by: str, where: str | None) -> None:
    kind = "group" if by in ("project", "query") else by
    options, names = scope_values(project, kind)
    if len(options) < 2:
        st.info(tr("words_compare_need_two"))
        return
    st.caption(tr("words_compare_help"))
    keep_known("words_a", options, default=options[0])
    keep_known("words_b", options, default=options[1])
    a, b = st.columns(2)
    first = a.selectbox(tr("words_compare_a"), options, key="words_a", format_func=lambda v: names.get(v, str(v)))
    second = b.selectbox(tr("words_compare_b"), options, key="words_b", format_func=lambda v: names.get(v, str(v)))
    try:
        paper = word_table(project, by=kind, compare=(first, second), where=where)  # type: ignore[arg-type]
    except QualcodeError as exc:
        if is_condition_error(exc):
            show_error(exc)
        else:
            st.info(error_text(exc))
        return
    number = st.column_config.NumberColumn
    columns = {"word": st.column_config.TextColumn(tr("words_col_word")),
               "log_likelihood": number("G2", format="%.2f"), "ratio": number(tr("words_col_ratio"), format="%.2f"),
               "more_in": st.column_config.TextColumn(tr("words_col_more_in"))}
    for side in (first, second):
        columns[f"count {side}"] = number(f"{tr('words_col_count')} · {names.get(side, side)}")
        columns[f"share {side}"] = number(f"{tr('words_col_share')} · {names.get(side, side)}", format="percent")
    st.dataframe(paper.frame, hide_index=True, width="stretch", height=320, placeholder="", column_config=columns)
    table_downloads(paper.frame, "words_compared", "words_cmp_dl", "words_download", paper=paper)


def render() -> None:
    st.title(tr("words_title"))
    show_messages()
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    if project.documents().empty:
        st.info(tr("no_documents"))
        return
    st.caption(tr("words_rule"))
    by, value, coders, where = scope_pickers(project)
    words_tab, compare_tab, stop_tab = st.tabs([tr("words_tab_words"), tr("words_tab_compare"),
                                                tr("words_tab_stop")])
    with words_tab:
        frequency_section(project, by, value, coders, where)
    with compare_tab:
        compare_section(project, by, where)
    with stop_tab:
        stop_list_editor(project)


render()
