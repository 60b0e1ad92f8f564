"""The Code page's logic: the document it shows, code labels, who is shown under blind coding, the callbacks
of Apply, Save and Delete, the code palette's events, and the dialog of a clicked band.

Callbacks read plain ``st.session_state`` keys (the transcript component's ``tx_selection`` / ``tx_clicked``,
``apply_*``, ``edit_*``) and report through :func:`notify`; every change goes through the Project API.

The code palette inside the transcript sends ``code`` (a span and code keys) and ``coding`` (change or remove
one coding) events; the component's callbacks only copy them to ``tx_code`` / ``tx_coding``. The workbench
fragment's body then calls :func:`take_palette_events` first, which pops those keys and applies them before
the codings are read, so the same fragment run saves the codings and draws their bands. A test (AppTest)
or a benchmark seeds ``tx_code`` / ``tx_coding`` and runs the page: the same path as a key press.

The bands are :mod:`qualcode.ui.code_bands`: kept up to date from the project's row changes, so work
written by another connection (another coder on the same file) shows on the next rerun.

Quick coding by unit is :mod:`qualcode.ui.quick_coding`, the transcript component :mod:`qualcode.ui.transcript`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import InputError, NotFoundError, QualcodeError, unknown_message
from qualcode.project import CodingSpec, Project
from qualcode.spans import trim_span

from .cells import text
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, lang, notify, project_write, tr
from .transcript import palette_codes

TX = "tx"  # transcript component key; its events land in tx_selection / tx_clicked
ALL = "\u0000all"
MINE = "\u0000mine"
SEES_ALL = ("supervisor", "admin")  # roles that see every coder's codings under blind coding


@st.cache_resource(max_entries=8, show_spinner=False)
def cached_document(_project: Project, path: str, document_id: int, imported_at: str) -> dict:
    """A document's immutable part: text, turns and sentence units. Cached per project file, document id and
    import time: a document's text never changes after its import (a trigger refuses it). A shared object,
    not a copy (copying a long text every rerun costs as much as reading it): never change it."""
    doc = _project.document(int(document_id))
    turns = _project.units(doc["id"], kind="turn")
    sentences = _project.units(doc["id"], kind="sentence")
    return {
        "id": doc["id"], "name": doc["name"], "text": doc["text"], "sha": doc["sha256"],
        "turns": [{"start": int(t.start), "end": int(t.end), "speech_start": int(t.meta.get("speech_start", t.start))}
                  for t in turns.itertuples()],
        "sentences": [[int(s), int(e)] for s, e in zip(sentences["start"], sentences["end"], strict=True)],
    }


def bilingual_labels(codes: pd.DataFrame) -> dict[str, str]:
    """Code key -> "key · name / other-language name", the name in the UI language first (a missing
    Indonesian name falls back to the English one and is left out, never shown as "nan")."""
    labels = {}
    for r in codes.to_dict("records"):
        own, alt = text(r["name"]), text(r["name_alt"])
        first, second = (alt or own, own if alt else "") if lang() == "id" else (own, alt)
        labels[r["key"]] = f"{r['key']} · {first}" + (f" / {second}" if second else "")
    return labels


def palette_labels(codes: pd.DataFrame, labels: dict[str, str]) -> list[dict]:
    """The codebook as the palette lists it (:func:`palette_codes`), each code with its bilingual label;
    ``hotkey`` is read where the codebook has one."""
    return palette_codes([{"key": r["key"], "label": labels.get(r["key"]), "name": text(r["name"]),
                           "name_alt": text(r["name_alt"]), "color": text(r["color"]),
                           "hotkey": text(r.get("hotkey"))} for r in codes.to_dict("records")])


def may_code(project: Project, coder: str | None) -> bool:
    """Whether the palette may code: a coder is chosen and (with sign-in) their role may code."""
    return coder is not None and project.may("code")


def editable_coders(project: Project) -> list[str] | None:
    """Whose codings the palette may change: every coder's (None) without sign-in or for a role that may
    edit any coding, else only the signed-in user's (as the band dialog; the Project API checks again)."""
    if project.user is None or project.may("edit_any_coding"):
        return None
    return [project.user]


def blinded(project: Project, coder: str) -> bool:
    """Blind coding is on and ``coder`` is neither supervisor nor admin: they see only their own codings."""
    if not project.blind_coding():
        return False
    roles = project.coders().set_index("name")["role"]
    return roles.get(coder) not in SEES_ALL


def visible_coders(project: Project, coder: str) -> list[str] | None:
    if blinded(project, coder):
        return [coder]
    choice = st.session_state.get("code_filter", MINE)
    if choice == ALL:
        return None
    return [coder] if choice == MINE else [choice]


# -- callbacks: all logic goes through the Project API ------------------------------------

def clear_selection() -> None:
    """Forget the selection here and in the browser (the component drops it when the count changes),
    so that a second Apply cannot code the same passage again."""
    st.session_state.pop(f"{TX}_selection", None)
    st.session_state.pop(f"{TX}_code", None)  # a palette event of the document left behind applies nowhere
    st.session_state[f"{TX}_cleared"] = st.session_state.get(f"{TX}_cleared", 0) + 1


def apply_selection() -> None:
    project, coder = current_project(quiet=True), current_coder()
    selection = st.session_state.get(f"{TX}_selection")
    codes = list(st.session_state.get("apply_codes") or [])
    if project is None or coder is None or not selection:
        return
    if not codes:
        notify(tr("pick_a_code"), "warning")
        return
    doc = project.document(st.session_state["code_doc"])
    memo = (st.session_state.get("apply_memo") or "").strip() or None
    if code_span(project, coder, doc, selection["start"], selection["end"], codes, memo):
        st.session_state["apply_memo"] = ""
        if not st.session_state.get("apply_keep"):
            st.session_state["apply_codes"] = []


def code_span(project: Project, coder: str, doc: dict, start: int, end: int, codes: list[str],
              memo: str | None = None) -> bool:
    """Give ``text[start:end]`` (trimmed of surrounding whitespace) each of ``codes`` as ``coder``, all in one
    transaction (one step of undo); clear the selection and say what was done. False, with a message and
    nothing written, for no code, a span without text, or a refusal of the Project API."""
    if not codes:
        notify(tr("pick_a_code"), "warning")
        return False
    start, end = trim_span(doc["text"], start, end)
    if end <= start:
        notify(tr("empty_selection"), "warning")
        return False
    try:
        ids = project.add_codings([CodingSpec(doc["id"], start, end, code, coder, memo) for code in codes])
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return False
    clear_selection()
    notify(tr("applied").format(n=len(ids), start=start, end=end))
    return True


def take_palette_events(project: Project, coder: str, doc: dict, shown: list[str] | None) -> None:
    """Apply what the code palette sent since the last run (``tx_code``, then ``tx_coding``), popping the
    keys so that nothing is applied twice. Called at the top of the workbench fragment, before it reads the
    codings (see the module docstring)."""
    code_event = st.session_state.pop(f"{TX}_code", None)
    coding_event = st.session_state.pop(f"{TX}_coding", None)
    if not code_event and not coding_event:
        return
    try:
        project.require("code")  # a role that may not code gets no palette; a stale event is refused here
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    if code_event:
        codes = list(dict.fromkeys(str(c) for c in code_event.get("codes") or []))  # a key twice is one coding
        code_span(project, coder, doc, int(code_event["start"]), int(code_event["end"]), codes)
    if coding_event:
        change_from_palette(project, coder, doc, shown, coding_event)


def change_from_palette(project: Project, coder: str, doc: dict, shown: list[str] | None, event: dict) -> None:
    """Change the code of, or remove, the coding the palette names (``{"id", "action", "code"}``). As in the
    band dialog, only a coding drawn here may change, and the Project API refuses a coding that is not the
    signed-in user's (without the right to change any); an error leaves the project as it was."""
    coding_id, action = int(event["id"]), event.get("action")
    try:
        row = project.coding(coding_id)  # NotFoundError also for a coding blind coding hides
        if row["document_id"] != doc["id"] or (shown is not None and row["coder"] not in shown):
            notify(tr("coding_not_here").format(id=coding_id), "error")
            return
        if action == "change":
            project.update_coding(coding_id, code=event.get("code"), actor=coder)
            notify(tr("saved"))
        elif action == "remove":
            project.remove_coding(coding_id, actor=coder)
            notify(tr("deleted"))
        else:
            raise InputError(unknown_message("action", action, "change, remove"))
    except QualcodeError as exc:
        notify(error_text(exc), "error")


def save_edit(coding_id: int) -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    memo = st.session_state.get("edit_memo") or ""
    try:  # code, memo and exemplar flag in one step, so one undo takes the whole edit back
        project.update_coding(coding_id, code=st.session_state.get("edit_code"), memo=memo or None,
                              clear_memo=not memo, exemplar=bool(st.session_state.get("edit_exemplar")),
                              actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state.pop(f"{TX}_clicked", None)
    st.session_state["_dialog_done"] = True
    notify(tr("saved"))


def delete_coding(coding_id: int) -> None:
    if not project_write(lambda p: p.remove_coding(coding_id, actor=current_coder())):
        return
    st.session_state.pop(f"{TX}_clicked", None)
    st.session_state.pop("confirm_delete", None)
    st.session_state["_dialog_done"] = True
    notify(tr("deleted"))


# -- the band dialog -------------------------------------------------------------------------

def _close_dialog() -> None:
    st.session_state.pop(f"{TX}_clicked", None)
    st.session_state.pop("confirm_delete", None)


@st.dialog(" ", width="medium", on_dismiss=_close_dialog)
def coding_dialog(project: Project, rows: list[dict], labels: dict[str, str]) -> None:
    """Edit or delete one of the clicked codings (``rows`` from :meth:`Project.coding`: a missing memo is None)."""
    if st.session_state.pop("_dialog_done", False):
        st.rerun()  # a dialog reruns alone; closing it and redrawing the transcript needs the whole page
    st.subheader(tr("edit_coding"))
    by_id = {int(r["id"]): r for r in rows}
    ids = list(by_id)
    chosen = st.radio(tr("which_coding"), ids, key="edit_which", horizontal=True,
                      format_func=lambda i: escape_md(f"{by_id[i]['code']} · {by_id[i]['coder']}")) \
        if len(ids) > 1 else ids[0]
    row = by_id[chosen]
    st.text(row["quote"])
    # with sign-in, a coder may open another coder's band but not change it (the API would refuse anyway)
    locked = project.user is not None and row["coder"] != project.user and not project.may("edit_any_coding")
    if locked:
        st.info(tr("edit_not_yours").format(coder=escape_md(row["coder"])))
    if st.session_state.get("_edit_for") != chosen:
        st.session_state["_edit_for"] = chosen
        st.session_state["edit_code"] = row["code"]
        st.session_state["edit_memo"] = row["memo"] or ""
        st.session_state["edit_exemplar"] = bool(row["exemplar"])
        st.session_state.pop("confirm_delete", None)
    keys = list(labels)
    st.selectbox(tr("change_code"), keys, key="edit_code", format_func=labels.get, disabled=locked)
    st.text_area(tr("memo"), key="edit_memo", disabled=locked)
    st.checkbox(tr("exemplar"), key="edit_exemplar", disabled=locked, help=tr("exemplar_help"))
    save, delete = st.columns(2)
    save.button(tr("save"), key="edit_save", type="primary", on_click=save_edit, args=(int(chosen),), disabled=locked)
    delete.button(tr("delete"), key="edit_delete", on_click=lambda: st.session_state.update(confirm_delete=int(chosen)),
                  disabled=locked)
    if st.session_state.get("confirm_delete") == chosen:
        st.warning(tr("really_delete"))
        st.button(tr("confirm_delete"), key="edit_delete_confirm", type="primary", on_click=delete_coding,
                  args=(int(chosen),))


def clicked_codings(project: Project, document_id: int, shown: list[str] | None) -> list[dict]:
    """The codings of the band the reader clicked (``tx_clicked``) that can still be opened here."""
    rows = []
    for coding_id in st.session_state.get(f"{TX}_clicked") or []:
        try:
            row = project.coding(coding_id)
        except NotFoundError:  # deleted meanwhile, or hidden by blind coding
            continue
        # a band of another document or of a coder not shown (a stale click) opens nothing
        if row["document_id"] == document_id and (shown is None or row["coder"] in shown):
            rows.append(row)
    return rows
