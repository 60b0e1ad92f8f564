"""Recordings on the Project page: link an audio or video file to a document, the table of linked recordings,
unlinking after a confirmation, and the optional recording of the transcript upload form.

Linking goes through :meth:`qualcode.project.Project.link_media` (which copies the recording into the
project's media folder) with the upload saved under its own name in a temporary folder, so the link keeps the
name the researcher knows. Callbacks read plain ``st.session_state`` keys (``rec_document``,
``rec_unlink_doc``, ``rec_confirm``) and report through :func:`notify`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.media import MEDIA_SUFFIXES, media_type
from qualcode.project import Project

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr
from .uploads import safe_name, saved_upload

UPLOAD_TYPES = [s.lstrip(".") for s in MEDIA_SUFFIXES]


def recording_key() -> str:
    """The key of the transcript form's recording uploader (renewed with the transcript uploader's)."""
    return f"proj_up_recording_{st.session_state.get('_proj_uploads_v', 0)}"


def _upload_key() -> str:
    return f"rec_file_{st.session_state.get('_rec_file_v', 0)}"


def link_upload(project: Project, document: str, name: str, content: bytes, *,
                actor: str | None) -> str | None:
    """Link the uploaded recording ``name`` to ``document``: None when done, otherwise why not (what
    ``link_media`` refuses, e.g. a suffix that is not a recording's, naming the file as uploaded)."""
    with saved_upload(name, content, "recording") as path:
        try:
            project.link_media(document, path, actor=actor)
        except QualcodeError as exc:
            return error_text(exc, {str(path): path.name})
    return None


# -- the transcript upload form --------------------------------------------------------------

def recording_uploader() -> None:
    """The transcript form's optional recording, linked to the transcript when exactly one is uploaded."""
    st.file_uploader(tr("rec_with_transcript"), type=UPLOAD_TYPES, key=recording_key(),
                     help=tr("rec_with_transcript_help"))


def recording_refused(transcripts: int) -> str | None:
    """Why the form's recording cannot be used (checked before any transcript is imported), or None."""
    upload = st.session_state.get(recording_key())
    if upload is None:
        return None
    if transcripts != 1:
        return tr("rec_one_transcript")
    try:
        media_type(Path(safe_name(upload.name) or "recording"))
    except QualcodeError as exc:
        return error_text(exc)
    return None


def link_after_import(project: Project, results: list[dict[str, Any]]) -> None:
    """Link the form's recording to the transcript just imported (when it was); report either way."""
    upload = st.session_state.get(recording_key())
    if upload is None or len(results) != 1 or not results[0]["ok"]:
        return
    document = results[0]["document"]
    problem = link_upload(project, document, upload.name, upload.getvalue(), actor=current_coder())
    if problem:
        notify(f"{tr('rec_not_linked')}: {problem}", "error")
        return
    notify(tr("rec_linked").format(file=escape_md(safe_name(upload.name)), document=escape_md(document)))


# -- the Recordings section ------------------------------------------------------------------

def recordings_frame(project: Project) -> pd.DataFrame:
    """The linked recordings as the section shows them."""
    listed = project.media_list()
    return pd.DataFrame({
        tr("document"): listed["document"],
        tr("rec_col_original"): listed["original_name"],
        tr("rec_col_kind"): [{"audio": tr("rec_kind_audio"), "video": tr("rec_kind_video")}.get(k, k)
                             for k in listed["kind"]],
        tr("rec_col_bytes"): listed["bytes"],
        tr("rec_col_duration"): listed["duration"],
        tr("rec_col_missing"): ~listed["present"].astype(bool),
    })


def recordings_section(project: Project) -> None:
    """Link a recording to a document; the linked recordings, and unlinking one after a confirmation."""
    with st.container(key="rec_section"):
        _section(project)


def _section(project: Project) -> None:
    st.subheader(tr("rec_heading"))
    st.caption(tr("rec_help"))
    documents = list(project.documents()["name"])
    if not documents:
        st.info(tr("rec_no_documents"))
        return
    if st.session_state.get("rec_document") not in documents:
        st.session_state["rec_document"] = documents[0]
    a, b = st.columns([1, 2])
    a.selectbox(tr("document"), documents, key="rec_document")
    b.file_uploader(tr("rec_file"), type=UPLOAD_TYPES, key=_upload_key())
    st.button(tr("rec_link"), key="rec_link", type="primary", on_click=link_recording)
    frame = recordings_frame(project)
    if frame.empty:
        st.info(tr("rec_none"))
        return
    st.dataframe(frame, hide_index=True, width="stretch", placeholder="", key="rec_table", column_config={
        tr("rec_col_duration"): st.column_config.NumberColumn(format="%.1f s"),
    })
    linked = list(frame[tr("document")])
    if st.session_state.get("rec_unlink_doc") not in linked:
        st.session_state["rec_unlink_doc"] = linked[0]
    c, d = st.columns([2, 1], vertical_alignment="bottom")
    c.selectbox(tr("rec_unlink_which"), linked, key="rec_unlink_doc")
    d.button(tr("rec_unlink"), key="rec_unlink", width="stretch",
             on_click=lambda: st.session_state.update(rec_confirm=st.session_state.get("rec_unlink_doc")))
    chosen = st.session_state.get("rec_unlink_doc")
    if st.session_state.get("rec_confirm") == chosen:
        st.warning(tr("rec_confirm_text").format(document=escape_md(str(chosen))))
        e, f, _ = st.columns([1, 1, 2])
        e.button(tr("rec_confirm"), key="rec_confirm_yes", type="primary", on_click=unlink_recording,
                 width="stretch")
        f.button(tr("cb_cancel"), key="rec_confirm_no", width="stretch",
                 on_click=lambda: st.session_state.pop("rec_confirm", None))


def link_recording() -> None:
    """Callback of the Link button: link the uploaded recording to the chosen document."""
    project = current_project(quiet=True)
    upload = st.session_state.get(_upload_key())
    document = st.session_state.get("rec_document")
    if project is None or not document:
        return
    if upload is None:
        notify(tr("proj_no_file"), "warning")
        return
    problem = link_upload(project, document, upload.name, upload.getvalue(), actor=current_coder())
    if problem:
        notify(problem, "error")
        return
    st.session_state["_rec_file_v"] = st.session_state.get("_rec_file_v", 0) + 1  # empty the uploader
    notify(tr("rec_linked").format(file=escape_md(safe_name(upload.name)), document=escape_md(document)))


def unlink_recording() -> None:
    """Callback of the confirmation: take the recording off the chosen document (its file stays; undo)."""
    project = current_project(quiet=True)
    document = st.session_state.pop("rec_confirm", None)
    if project is None or not document:
        return
    try:
        done = project.unlink_media(document, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    if done:
        notify(tr("rec_unlinked").format(document=escape_md(document)))
