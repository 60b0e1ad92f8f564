"""The Project page's REFI-QDA tab: import a .qdpx/.qdc file into the open project, export it as .qdpx/.qdc.

The import runs in a callback (:func:`import_refi_upload`) that reads plain ``st.session_state`` keys and
keeps its outcome under :data:`OUTCOME` for the tab to show, so a test can seed those keys and press the
button; :func:`refi_bytes` builds an export file and is a plain function.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import IncompleteImportError, QualcodeError
from qualcode.project import Project
from qualcode.refi import RefiImportResult, export_refi, import_refi

from .project_parts import LANGUAGE_CHOICES, OTHER_LANGUAGE, chosen_language, fixed_labels, language_label
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, source_type_name, tr, trn
from .uploads import saved_upload

OUTCOME = "_proj_refi_outcome"  # what the last import did: kept for the tab to show after the callback
VERSION = "_proj_refi_v"  # bumped after an import, so the uploader starts empty
MIME = {".qdpx": "application/zip", ".qdc": "application/xml"}
DOWNLOAD_LABELS = {".qdpx": "xch_download_qdpx", ".qdc": "xch_download_qdc"}


def upload_key() -> str:
    return f"proj_refi_file_{st.session_state.get(VERSION, 0)}"


# -- import ------------------------------------------------------------------------------

def import_refi_upload() -> None:
    """Callback of the Import button: the uploaded file into the open project, all of it or (on a problem)
    nothing; with the skip-missing box ticked, the rest of a file with missing parts."""
    project = current_project(quiet=True)
    if project is None:
        return
    upload = st.session_state.get(upload_key())
    outcome: dict[str, Any] = {"project": str(project.path)}
    if upload is None:
        st.session_state[OUTCOME] = {**outcome, "warning": tr("proj_no_file")}
        return
    outcome["file"] = upload.name
    skip = bool(st.session_state.get("proj_refi_skip_missing"))
    language = chosen_language("proj_refi_language", "proj_refi_language_other")
    try:
        with saved_upload(upload.name, upload.getvalue(), "import.qdpx") as path:
            try:
                result = import_refi(project, path, language=language, actor=current_coder(), skip_missing=skip,
                                     source_type=st.session_state.get("proj_refi_source_type"))
            except QualcodeError as exc:  # kept, not formatted: the tab shows it in the language of the moment
                st.session_state[OUTCOME] = {**outcome, "error": exc, "paths": {str(path): upload.name},
                                             "incomplete": isinstance(exc, IncompleteImportError) and not skip}
                return
    except OSError as exc:  # the upload could not be written to or read from the temporary folder
        st.session_state[OUTCOME] = {**outcome, "failure": f"{upload.name}: {exc.strerror or exc}"}
        return
    st.session_state[OUTCOME] = {**outcome, "result": result}
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {escape_md(line)}" for line in lines)


def counts_frame(result: RefiImportResult) -> pd.DataFrame:
    """What an import added, one column per kind of thing, headed in the session's language."""
    kinds = ("codes", "documents", "groups", "informants", "coders", "codings")
    return pd.DataFrame([{tr(kind): int(getattr(result, kind)) for kind in kinds}])


def import_outcome(project: Project) -> None:
    """The outcome of the last import into this project: what was added, how positions were read, every
    warning and what was left out; or the refusal, and that the project is unchanged."""
    outcome = st.session_state.get(OUTCOME)
    if not outcome or outcome.get("project") != str(project.path):
        return
    if "warning" in outcome:
        st.warning(outcome["warning"])
        return
    if "error" in outcome or "failure" in outcome:
        st.error(error_text(outcome["error"], outcome["paths"]) if "error" in outcome
                 else escape_md(outcome["failure"]))
        st.info(tr("xch_unchanged") + (" " + tr("xch_skip_hint") if outcome.get("incomplete") else ""))
        return
    result: RefiImportResult = outcome["result"]
    st.success(tr("xch_imported").format(file=escape_md(outcome["file"])))
    st.dataframe(counts_frame(result), hide_index=True, placeholder="")
    if result.codes_reused:
        st.caption(trn("xch_codes_reused", result.codes_reused))
    if result.reading:
        lines = [tr("xch_reading").format(reading=escape_md(result.reading))]
        if result.reading_basis:
            lines.append(tr("xch_reading_basis").format(basis=escape_md(result.reading_basis)))
        if result.selections:
            lines.append(tr("xch_reading_fit").format(fit=result.selections - result.suspicious, n=result.selections))
        st.info("  \n".join(lines))
    for warning in result.warnings:
        st.warning(escape_md(warning))
    if result.left_out:
        st.warning(f"{tr('xch_left_out')}\n\n{_bullets(result.left_out)}")
    if result.skipped:
        st.markdown(f"{tr('xch_not_imported')}\n\n"
                    + _bullets([f"{n} {reason}" for reason, n in sorted(result.skipped.items())]))


def import_form(project: Project) -> None:
    st.subheader(tr("xch_import_heading"))
    st.file_uploader(tr("xch_file"), type=["qdpx", "qdc"], key=upload_key())
    types = project.store.source_types()
    if st.session_state.get("proj_refi_source_type") not in types:  # e.g. after opening another project
        st.session_state["proj_refi_source_type"] = "document" if "document" in types else types[0]
    left, right = st.columns(2)
    left.selectbox(tr("xch_language"), LANGUAGE_CHOICES, key="proj_refi_language",
                   format_func=fixed_labels(LANGUAGE_CHOICES, language_label))
    if st.session_state.get("proj_refi_language") == OTHER_LANGUAGE:
        left.text_input(tr("proj_lang_code"), key="proj_refi_language_other", placeholder="jv, su, nl …")
    right.selectbox(tr("xch_source_type"), types, key="proj_refi_source_type",
                    format_func=fixed_labels(types, source_type_name))
    st.checkbox(tr("xch_skip_missing"), key="proj_refi_skip_missing", help=tr("xch_skip_missing_help"))
    st.button(tr("xch_import"), key="proj_refi_import", type="primary", on_click=import_refi_upload)
    import_outcome(project)


# -- export ------------------------------------------------------------------------------

def refi_bytes(project: Project, suffix: str) -> bytes:
    """The project as a REFI-QDA file: ``.qdpx`` (everything) or ``.qdc`` (the codebook), as bytes."""
    with tempfile.TemporaryDirectory(prefix="qualcode-refi-") as tmp:
        path = Path(tmp) / f"export{suffix}"
        export_refi(project, path)
        return path.read_bytes()


def export_buttons(project: Project) -> None:
    """Download buttons for the .qdpx and the .qdc, each file built only when its button is pressed."""
    st.subheader(tr("xch_export_heading"))
    if not project.may("export"):
        st.info(tr("xch_export_not_allowed"))
        return
    st.caption(tr("xch_export_intro"))
    if project.documents().empty:
        st.info(tr("xch_no_documents"))
    if project.codes().empty:
        st.info(tr("xch_no_codes"))
    stem = Path(str(project.path)).stem or "project"
    columns = st.columns(2)
    for column, (suffix, label) in zip(columns, DOWNLOAD_LABELS.items(), strict=True):
        column.download_button(tr(label), data=lambda suffix=suffix: refi_bytes(project, suffix),
                               file_name=f"{stem}{suffix}", mime=MIME[suffix], key=f"proj_refi_export_{suffix[1:]}",
                               on_click="ignore")


def exchange(project: Project) -> None:
    """The Exchange tab: import a REFI-QDA file, export the project as one."""
    st.caption(tr("xch_intro"))
    import_form(project)
    st.divider()
    export_buttons(project)
