"""Code page: a transcript with its codings as bands, a coding panel, quick coding by unit."""

from __future__ import annotations

import zlib

import streamlit as st

from qualcode.project import Project
from qualcode.spans import line_of, lines_of, trim_span
from qualcode.ui.assignment_parts import assignment_bar, coder_documents, document_label
from qualcode.ui.code_bands import band_codings
from qualcode.ui.code_parts import (
    ALL,
    MINE,
    TX,
    apply_selection,
    bilingual_labels,
    blinded,
    cached_document,
    clear_selection,
    clicked_codings,
    coding_dialog,
    editable_coders,
    may_code,
    palette_labels,
    take_palette_events,
    visible_coders,
)
from qualcode.ui.export_menu import TABLE_FORMATS, export_menu
from qualcode.ui.history_parts import undo_redo_buttons
from qualcode.ui.media_parts import PLAYER_STRINGS, player, turn_times
from qualcode.ui.memo_parts import memo_panel
from qualcode.ui.quick_coding import quick_coding
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, show_messages, tr
from qualcode.ui.transcript import PALETTE_STRINGS, transcript_view


@st.fragment
def workbench(project: Project, coder: str, document: dict) -> None:
    """The transcript with its code palette and the coding panel: a fragment, so that coding reruns this part
    only. The codings table and quick coding are built only when their toggles are on (off at first)."""
    doc = cached_document(project, str(project.path), int(document["id"]), str(document["imported_at"]))
    shown = visible_coders(project, coder)
    take_palette_events(project, coder, doc, shown)  # before the codings are read: the new band shows now
    codes = project.codes()
    labels = bilingual_labels(codes)
    codings = band_codings(project, doc["id"], codes, shown)
    recent = project.codes_recent(coder)
    # the turns' times go with the text, so the view gets them anew when they change (a time set by hand)
    times = turn_times(project, doc["id"]) if document.get("player") else []
    doc_key = f"{doc['sha']}:{zlib.crc32(repr(times).encode())}" if times else str(doc["sha"])

    left, right = st.columns([3, 1.3], gap="medium")
    with left:
        transcript_view(key=TX, doc_key=doc_key, text=doc["text"], turns=doc["turns"], codings=codings,
                        focus=st.session_state.get("code_focus"), cleared=st.session_state.get(f"{TX}_cleared", 0),
                        sentences=doc["sentences"], codes=palette_labels(codes, labels), recent=recent,
                        may_code=may_code(project, coder), editable=editable_coders(project),
                        strings={k: tr(k) for k in (*PALETTE_STRINGS, *PLAYER_STRINGS)}, times=times)
    with right:
        show_messages()
        selection = st.session_state.get(f"{TX}_selection")
        st.markdown(f"**{tr('selected_quote')}**")
        if selection:
            start, end = trim_span(doc["text"], selection["start"], selection["end"])
            st.caption(f"l. {line_of(doc['text'], start)}–{line_of(doc['text'], max(start, end - 1))} · {start}–{end}")
            st.text(doc["text"][start:end][:1200])
        else:
            st.caption(tr("select_hint"))
        options = recent + [k for k in labels if k not in recent]
        st.multiselect(tr("codes_to_apply"), options, key="apply_codes", format_func=labels.get,
                       placeholder=tr("codes_placeholder"))
        st.checkbox(tr("keep_codes"), key="apply_keep")
        st.text_area(tr("memo"), key="apply_memo", height=80)
        st.button(tr("apply"), key="apply", type="primary", on_click=apply_selection, disabled=not selection,
                  width="stretch")
        undo_redo_buttons(project, coder)
        memo_panel(project, coder, doc, trim_span(doc["text"], selection["start"], selection["end"])
                   if selection else None)

    if st.session_state.get(f"{TX}_clicked"):
        rows = clicked_codings(project, doc["id"], shown)
        if rows:
            coding_dialog(project, rows, labels)
    else:
        st.session_state.pop("_edit_for", None)  # the next dialog starts from the coding as stored

    quick_coding(project, coder, doc, labels)  # its edits rerun this fragment, so the bands show them
    codings_table(project, doc, shown)
    exports = st.columns(2)  # cheap: a file is only made when asked for
    with exports[0]:
        export_menu(project, "codings", key="code_export_codings", file_stem=f"codings_{doc['name']}",
                    document=doc["name"], coders=shown)
    with exports[1]:
        export_menu(project, "transcript", key="code_export_transcript", formats=("docx", "html", *TABLE_FORMATS),
                    file_stem=f"transcript_{doc['name']}", document=doc["name"], coders=shown)


def codings_table(project: Project, doc: dict, shown: list[str] | None) -> None:
    """The document's codings as a table: built only while its toggle is on, since it grows with the codings
    and would otherwise be rebuilt by every coding."""
    if not st.toggle(tr("codings_here"), key="code_table_on"):
        return
    table = project.codings(document=doc["id"], coders=shown)
    if table.empty:
        st.info(tr("no_codings_here"))
    else:
        table = table.assign(line=lines_of(doc["text"], table["start"]))
        st.dataframe(
            table[["line", "code", "coder", "quote", "memo", "start", "end"]].rename(columns={
                "line": tr("col_line"), "code": tr("col_code"), "coder": tr("col_coder"), "quote": tr("col_quote"),
                "memo": tr("col_memo"), "start": tr("col_start"), "end": tr("col_end")}),
            hide_index=True, width="stretch", placeholder="")


def render() -> None:
    st.title(tr("code_page"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    coder = current_coder()
    if coder is None:
        st.info(tr("coder_needed"))
        return
    docs = project.documents()
    if docs.empty:
        st.info(tr("no_documents"))
        return
    if project.codes().empty:
        st.info(tr("no_codebook_to_code"))
        return
    names, assigned = coder_documents(project, coder, list(docs["name"]))
    if st.session_state.get("code_doc") not in names:
        st.session_state["code_doc"] = names[0]
    top = st.columns([2, 1])
    top[0].selectbox(tr("document"), names, key="code_doc", format_func=lambda n: document_label(n, assigned),
                     on_change=clear_selection)
    if blinded(project, coder):
        top[1].caption(tr("agr_blind_on_code") + (" " + tr("asg_blind_only_assigned") if assigned else ""))
    else:
        others = [c for c in project.coders()["name"] if c != coder]
        top[1].selectbox(tr("show_codings"), [MINE, ALL, *others], key="code_filter",
                         format_func=lambda v: tr("filter_mine") if v == MINE else tr("filter_all") if v == ALL else v)
    assignment_bar(project, coder, st.session_state["code_doc"], assigned)
    chosen = docs[docs["name"] == st.session_state["code_doc"]].iloc[0]
    has_player = player(project, int(chosen["id"]))  # outside the fragment: coding never restarts it
    workbench(project, coder, {"id": int(chosen["id"]), "imported_at": str(chosen["imported_at"]),
                               "player": has_player})


render()
