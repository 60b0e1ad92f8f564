"""The Codebook page's logic: the tree table and the callbacks that edit codes through the Project API.

Callbacks read plain ``st.session_state`` keys (``cb_*``) and report through
:func:`notify`. Merging and deleting take two steps: the first button stores
what is pending in ``cb_pending``; only the confirm button changes the project,
with the reason typed in the confirmation (kept in the audit trail).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from qualcode.codebook import COLOR_RE, DEFAULT_COLOR, save_codebook
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.codebook_edit import CODE_TEXT_FIELDS

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn
from .uploads import saved_upload

TOP = "\u0000top"  # parent picker: top level
EDIT_FIELDS = ("key", "name", *CODE_TEXT_FIELDS, "color", "hotkey")
ADD_FIELDS = ("key", "name", *CODE_TEXT_FIELDS, "color", "hotkey")


def codebook_yaml(project: Project) -> str:
    """The project's codebook as the YAML text :func:`qualcode.codebook.save_codebook` writes."""
    with tempfile.TemporaryDirectory(prefix="qualcode-codebook-") as tmp:
        path = Path(tmp) / "codebook.yaml"
        save_codebook(project.codebook(), path)
        return path.read_text(encoding="utf-8")


def descendants(codes: pd.DataFrame, key: str) -> set[str]:
    children: dict[str, list[str]] = {}
    for k, parent in zip(codes["key"], codes["parent"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(k)
    found, todo = set(), [key]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def prefill_edit(project: Project, key: str) -> None:
    """Put the selected code's fields into the edit form (when the selection changed, or when Streamlit
    dropped the form's values because another page was shown)."""
    if st.session_state.get("_cb_edit_for") == key and "cb_edit_key" in st.session_state:
        return
    row = project.code(key)  # a plain dict: a missing field is None, never NaN
    st.session_state["_cb_edit_for"] = key
    st.session_state["cb_edit_key"] = key
    for field in ("name", *CODE_TEXT_FIELDS):
        st.session_state[f"cb_edit_{field}"] = row[field] or ""
    st.session_state["cb_edit_color"] = row["color"] if row["color"] and COLOR_RE.match(row["color"]) \
        else DEFAULT_COLOR
    st.session_state["cb_edit_hotkey"] = row["hotkey"] or ""


# -- callbacks ------------------------------------------------------------------------

def _project() -> Project | None:
    return current_project(quiet=True)


def _value(key: str) -> str:
    return (st.session_state.get(key) or "").strip()


def add_code() -> None:
    project = _project()
    if project is None:
        return
    parent = st.session_state.get("cb_add_parent", TOP)
    parent = None if parent in (None, TOP) else parent
    color = _value("cb_add_color") or None
    if parent is not None and color and color.lower() == DEFAULT_COLOR:
        color = None  # left grey: take the parent's colour
    fields = {f: _value(f"cb_add_{f}") or None for f in (*CODE_TEXT_FIELDS, "hotkey")}
    key = _value("cb_add_key")
    try:
        project.add_code(key, _value("cb_add_name"), parent=parent, color=color, actor=current_coder(), **fields)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    for field in ("key", "name", *CODE_TEXT_FIELDS, "hotkey"):
        st.session_state[f"cb_add_{field}"] = ""
    st.session_state["cb_selected"] = key
    notify(tr("cb_added").format(key=escape_md(key)))


def save_code() -> None:
    project, key = _project(), st.session_state.get("cb_selected")
    if project is None or not key:
        return
    if key not in set(project.codes()["key"]):
        return
    row = project.code(key)
    old = {"key": key, **{f: row[f] or "" for f in ("name", *CODE_TEXT_FIELDS, "color", "hotkey")}}
    new = {f: _value(f"cb_edit_{f}") for f in EDIT_FIELDS}
    caseless = ("color", "hotkey")  # "#ABC" is "#abc", hotkey "q" is "Q"
    changed = {f: v for f, v in new.items() if (v.lower() if f in caseless else v) != (
        old[f].lower() if f in caseless else old[f])}
    if not changed:
        notify(tr("cb_nothing_changed"), "info")
        return
    try:
        project.edit_code(key, actor=current_coder(), **changed)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    new_key = changed.get("key", key)
    st.session_state["cb_selected"] = new_key
    st.session_state["_cb_edit_for"] = new_key
    st.session_state["cb_edit_hotkey"] = project.code(new_key)["hotkey"] or ""  # as stored: upper-case
    notify(tr("cb_saved").format(key=escape_md(new_key)))


def move_code() -> None:
    project, key = _project(), st.session_state.get("cb_selected")
    parent = st.session_state.get("cb_move_parent", TOP)
    if project is None or not key:
        return
    try:
        project.move_code(key, None if parent in (None, TOP) else parent, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("cb_moved_top").format(key=escape_md(key)) if parent in (None, TOP) else
           tr("cb_moved").format(key=escape_md(key), parent=escape_md(parent)))


def ask(action: str) -> None:
    """First step of merge/delete: remember what is to be confirmed."""
    pending = {"action": action, "code": st.session_state.get("cb_selected")}
    if action == "merge":
        pending["target"] = st.session_state.get("cb_merge_target")
    st.session_state["cb_pending"] = pending


def cancel() -> None:
    st.session_state.pop("cb_pending", None)


def merge_confirmed() -> None:
    project, pending = _project(), st.session_state.pop("cb_pending", None)
    if project is None or not pending or pending.get("action") != "merge":
        return
    try:
        before = project.code_usage(pending["code"])["codings"]
        moved = project.merge_codes(pending["code"], pending["target"], actor=current_coder(),
                                    reason=_value("cb_merge_reason") or None)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["cb_selected"] = pending["target"]
    st.session_state["cb_merge_reason"] = ""
    message = trn("cb_merged", moved, source=escape_md(pending["code"]), target=escape_md(pending["target"]))
    if before > moved:
        message += " " + trn("cb_merge_dropped", before - moved)
    notify(message)


def delete_confirmed() -> None:
    project, pending = _project(), st.session_state.pop("cb_pending", None)
    if project is None or not pending or pending.get("action") != "delete":
        return
    try:
        deleted = project.delete_code(pending["code"], actor=current_coder(),
                                      reason=_value("cb_delete_reason") or None)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state.pop("cb_selected", None)
    st.session_state["cb_delete_reason"] = ""
    notify(trn("cb_deleted", deleted, key=escape_md(pending["code"])))


def import_codebook() -> None:
    project, upload = _project(), st.session_state.get("cb_import_file")
    if project is None:
        return
    if upload is None:
        notify(tr("proj_no_file"), "warning")
        return
    with saved_upload(upload.name, upload.getvalue(), "codebook.yaml") as path:
        try:
            count = project.load_codebook(path, actor=current_coder())
        except QualcodeError as exc:
            notify(error_text(exc, {str(path): upload.name}), "error")
            return
    st.session_state.pop("_cb_edit_for", None)  # refill the edit form from the updated codes
    notify(trn("cb_imported", count))
