"""The Charts page's code line: where each code falls along one or more documents, turn by turn, under a band of
the speakers; a click on a mark (or the mark picker, for the keyboard) shows its passage with a button that
opens it in the Code page; PNG/SVG downloads.

The chosen mark lives in ``cline_mark`` (a coding id); the chart's on_select callback only copies the clicked
mark there, so a click and the picker choose the same way."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from qualcode.analysis.codeline import SELECTION, XS
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.codeline import codeline_chart, codeline_data, codeline_documents

from .state import error_text, escape_md, tr, trn
from .triangulation_parts import chart_bytes, coder_options, follow_goto, open_in_code
from .widgets import clicked_point, keep_known

CHART_KEY = "cline_chart"
SCOPES = ("documents", "group")
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
SHOWN_MARKS = 2000  # marks offered in the picker (a group of long documents may hold many more)


def pick_mark() -> None:
    """The chart's on_select callback: the clicked mark's coding id becomes ``cline_mark``."""
    point = clicked_point(CHART_KEY, SELECTION, ("coding_id",))
    if point:
        st.session_state["cline_mark"] = int(point["coding_id"])


def chart_labels() -> dict[str, str]:
    """The chart's titles in the UI language."""
    return {"turn": tr("cline_axis_turn"), "char": tr("cline_axis_char"), "code": tr("col_code"),
            "speaker": tr("cline_speaker"), "coder": tr("col_coder"), "quote": tr("col_quote"),
            "characters": tr("cline_characters"), "no_turns": tr("cline_note_no_turns"),
            "no_codings": tr("cline_note_no_codings")}


def controls(project: Project, documents: pd.DataFrame) -> tuple[list[str] | None, str | None, str,
                                                                  list[str] | None]:
    """The documents or group, the position and the coders chosen; (None, None, ...) when nothing is chosen."""
    names = list(documents["name"])
    groups = project.groups()
    with_documents = [k for k in groups["key"] if k in set(documents["group"].dropna())]
    group_names = {k: (n if isinstance(n, str) and n else k) for k, n in zip(groups["key"], groups["name"],
                                                                            strict=True)}
    keep_known("cline_scope", list(SCOPES), default="documents")
    keep_known("cline_documents", names, multi=True, default=names[:1])
    keep_known("cline_group", with_documents, default=with_documents[0] if with_documents else None)
    keep_known("cline_x", list(XS), default="turn")
    coders, consensus = coder_options(project)
    keep_known("cline_coders", coders, multi=True)
    a, b = st.columns([1, 3], vertical_alignment="bottom")
    scope = a.radio(tr("cline_scope"), SCOPES, key="cline_scope", format_func=lambda s: tr(f"cline_scope_{s}"))
    if scope == "group":
        b.selectbox(tr("cline_group"), with_documents, key="cline_group", format_func=group_names.get,
                    placeholder=tr("cline_no_groups"), help=tr("cline_group_help"))
    else:
        b.multiselect(tr("cline_documents"), names, key="cline_documents", placeholder=tr("cline_pick_documents"),
                      help=tr("cline_documents_help"))
    c, d = st.columns([1, 3], vertical_alignment="bottom")
    c.radio(tr("cline_x"), XS, key="cline_x", horizontal=True, format_func=lambda v: tr(f"cline_x_{v}"))
    d.multiselect(tr("tri_coders"), coders, key="cline_coders", placeholder=tr("tri_all_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    chosen_coders = list(st.session_state.get("cline_coders") or []) or None
    x = st.session_state["cline_x"]
    if scope == "group":
        group = st.session_state.get("cline_group")
        return None, group, x, chosen_coders
    return list(st.session_state.get("cline_documents") or []), None, x, chosen_coders


def mark_label(row: Any) -> str:
    """How the picker names a mark: "#12 · E1.1 Name · turn 4 · Informan · rina" (plain text)."""
    parts = [f"#{row.coding_id}", str(row.code_label)]
    if not pd.isna(row.start_turn):
        place = (str(row.start_turn) if row.start_turn == row.end_turn else f"{row.start_turn}–{row.end_turn}")
        parts.append(f"{tr('cline_axis_turn').lower()} {place}")
    if not pd.isna(row.speaker):
        parts.append(str(row.speaker))
    parts.append(str(row.coder))
    return " · ".join(parts)


def passage(marks: pd.DataFrame) -> None:
    """The mark picker and the chosen mark's passage, with the button opening it in the Code page."""
    shown = marks.head(SHOWN_MARKS)
    ids = [int(i) for i in shown["coding_id"]]
    labels = {int(r.coding_id): f"{r.document} · {mark_label(r)}" for r in shown.itertuples(index=False)}
    if st.session_state.get("cline_mark") not in ids:
        st.session_state["cline_mark"] = None
    st.selectbox(tr("cline_mark"), ids, key="cline_mark", format_func=labels.get,
                 placeholder=tr("cline_mark_placeholder"), help=tr("cline_mark_help"))
    if len(marks) > SHOWN_MARKS:
        st.caption(tr("cline_marks_cut").format(shown=SHOWN_MARKS))
    chosen = st.session_state.get("cline_mark")
    if chosen is None:
        return
    row = marks[marks["coding_id"] == chosen].iloc[0]
    with st.container(border=True):
        st.caption(escape_md(labels[int(chosen)]))  # names and speakers are the project's text, not markdown
        st.text(str(row["quote"]))
        st.button(tr("cline_open_code"), key="cline_open", on_click=open_in_code,
                  args=(str(row["document"]), int(row["start"])), help=tr("tri_open_code_help"),
                  icon=":material/open_in_new:")


def downloads(chart: Any, stem: str) -> None:
    """PNG and SVG download buttons, each drawing the file only when clicked."""
    columns = st.columns([1] * len(FORMATS) + [2])
    for column, (fmt, mime) in zip(columns, FORMATS.items(), strict=False):
        column.download_button(tr("cline_download").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"{stem}.{fmt}", mime=mime,
                               key=f"cline_download_{fmt}", on_click="ignore")


def codeline_section(project: Project) -> None:
    """The code line section of the Charts page."""
    follow_goto()  # the Open button asks for the Code page; switching happens on the rerun it causes
    st.caption(tr("cline_intro"))
    documents = project.documents()
    if documents.empty:
        st.info(tr("cline_no_documents"))
        return
    names, group, x, coders = controls(project, documents)
    if group is None and not names:
        st.info(tr("cline_pick_documents") if names is not None else tr("cline_no_groups"))
        return
    options: dict[str, Any] = {"documents": names or None, "group": group, "x": x, "coders": coders}
    try:
        chosen = codeline_documents(project, documents=names or None, group=group)
        marks = codeline_data(project, **options)
        if group is not None:
            name = project.groups().set_index("key").at[group, "name"] or group
            title = tr("cline_title_group").format(group=name)
        else:
            title = tr("cline_title").format(documents=", ".join(names))
        if coders:
            title += f" ({', '.join(coders)})"
        with debug_mode(False):  # our own code built it; Streamlit checks the finished chart once
            chart = codeline_chart(project, **options, labels=chart_labels(), title=title)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    st.caption(trn("cline_count", len(marks), documents=trn("cline_n_documents", len(chosen))))
    st.altair_chart(chart, key=CHART_KEY, on_select=pick_mark, selection_mode=SELECTION, width="content")
    if marks.empty:
        st.info(tr("cline_no_codings"))
    else:
        st.caption(tr("cline_click_hint"))
        passage(marks)
    stem = f"codeline_{group}" if group is not None else "codeline"
    downloads(chart, stem)
