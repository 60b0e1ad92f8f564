"""Quick coding: a table of sentences or turns with a multiselect of my codes per unit.

A code ticked on a unit is a coding of exactly that unit's words (a turn
without its speaker label); unticking it removes my coding of that span.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import CodingSpec, Project
from qualcode.spans import lines_of

from .state import current_project, error_text, notify, tr

EDITOR = "quick_editor"


def unit_table(project: Project, coder: str, doc: dict, kind: str) -> pd.DataFrame:
    """One row per unit: its span, line, speaker, text and the codes I gave exactly that span."""
    units = project.units(doc["id"], kind=kind)
    text = doc["text"]
    starts = [int(u.meta.get("speech_start", u.start)) if kind == "turn" else int(u.start) for u in units.itertuples()]
    mine = project.codings(document=doc["id"], coders=[coder]) if coder in set(project.coders()["name"]) else None
    by_span: dict[tuple[int, int], list[str]] = {}
    if mine is not None:
        for row in mine.itertuples():
            by_span.setdefault((int(row.start), int(row.end)), []).append(row.code)
    frame = pd.DataFrame({
        "start": starts, "end": units["end"].astype(int).tolist(),
        "line": lines_of(text, starts), "speaker": units["speaker"].fillna("").tolist(),
    })
    frame["text"] = [text[s:e] for s, e in zip(frame["start"], frame["end"], strict=True)]
    frame["codes"] = [sorted(by_span.get((s, e), [])) for s, e in zip(frame["start"], frame["end"], strict=True)]
    return frame[frame["end"] > frame["start"]].reset_index(drop=True)


def edits_to_changes(frame: pd.DataFrame, edits: dict, document_id: int, coder: str
                     ) -> tuple[list[CodingSpec], list[tuple[int, int, str]]]:
    """The codings to add and the (start, end, code) spans to remove for the editor's edited rows."""
    add, remove = [], []
    for index, change in edits.items():
        if "codes" not in change:
            continue
        row = frame.iloc[int(index)]
        before, after = set(row["codes"]), set(change["codes"] or [])
        add += [CodingSpec(document_id, int(row["start"]), int(row["end"]), code, coder)
                for code in sorted(after - before)]
        remove += [(int(row["start"]), int(row["end"]), code) for code in sorted(before - after)]
    return add, remove


def apply_quick_edits() -> None:
    """Turn the editor's edited rows into added and removed codings."""
    project = current_project(quiet=True)
    frame: pd.DataFrame | None = st.session_state.get("_quick_frame")
    doc_id, coder = st.session_state.get("_quick_doc"), st.session_state.get("_quick_coder")
    edits = (st.session_state.get(EDITOR) or {}).get("edited_rows", {})
    if project is None or frame is None or not edits:
        return
    add, remove = edits_to_changes(frame, edits, doc_id, coder)
    if not add and not remove:
        return
    try:
        # one edit of the table is one step of the coder's undo, however many codings it touches
        with project.as_one_step(coder, "coding.quick", {"added": len(add), "removed": len(remove)}):
            if add:
                project.add_codings(add)
            if remove:
                mine = project.codings(document=doc_id, coders=[coder])
                for start, end, code in remove:
                    match = mine[(mine["start"] == start) & (mine["end"] == end) & (mine["code"] == code)]
                    for coding_id in match["id"]:
                        project.remove_coding(int(coding_id), actor=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("quick_saved").format(added=len(add), removed=len(remove)))


def quick_coding(project: Project, coder: str, doc: dict, labels: dict[str, str]) -> None:
    # A toggle, not an expander: the table is only built (and sent) when it is shown.
    if not st.toggle(tr("quick_coding"), key="quick_on"):
        return
    with st.container(border=True):
        kind = st.radio(tr("unit_kind"), ["sentence", "turn"], key="quick_kind", horizontal=True,
                        format_func=lambda k: tr(f"unit_{k}"))
        frame = unit_table(project, coder, doc, kind)
        st.session_state["_quick_frame"] = frame
        st.session_state["_quick_doc"] = doc["id"]
        st.session_state["_quick_coder"] = coder
        st.data_editor(
            frame[["line", "speaker", "text", "codes"]],
            key=EDITOR, hide_index=True, width="stretch", placeholder="", on_change=apply_quick_edits,
            disabled=["line", "speaker", "text"],
            column_config={
                "line": st.column_config.NumberColumn(tr("col_line"), width="small"),
                "speaker": st.column_config.TextColumn(tr("col_speaker"), width="small"),
                "text": st.column_config.TextColumn(tr("col_text"), width="large"),
                "codes": st.column_config.MultiselectColumn(tr("col_codes"), options=list(labels),
                                                            format_func=labels.get, width="medium"),
            },
        )
