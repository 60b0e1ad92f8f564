"""The Project page's "Import a survey" section: upload a survey file, preview it, pick the columns, import.

The file is read with :func:`qualcode.ingest.survey.read_survey` for the preview and the column pickers (the
same reader the import uses, so what the preview shows is what is imported); the import itself is
:meth:`qualcode.project.Project.import_survey`, one transaction: a refused file or value leaves the project
unchanged and its error (naming the file, the row and the column) is shown under the Import button.

The pickers live under plain ``st.session_state`` keys (``si_id``, ``si_attributes``, ``si_kind_<column>``,
``si_questions``, ``si_group_mode``, ``si_group_column``, ``si_group``), so a test can set them; they are
forgotten when another file (or sheet) is chosen, and every attribute's kind is then inferred afresh from the
file's values.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable

import pandas as pd
import streamlit as st

from qualcode.analysis.attributes import KINDS, infer_kind
from qualcode.errors import QualcodeError
from qualcode.ingest.survey import SURVEY_EXTENSIONS, SurveyTable, read_survey
from qualcode.project import Project
from qualcode.project.surveys import SurveyImportReport

from .attribute_parts import kind_label
from .project_parts import LANGUAGE_CHOICES, OTHER_LANGUAGE, chosen_language, fixed_labels, language_label
from .sidebar import current_coder
from .state import current_project, error_plain, escape_md, notify, tr, trn
from .uploads import saved_upload

PREVIEW_ROWS = 10
FROM_COLUMN, ONE_GROUP = "column", "fixed"  # where the respondents' group comes from
PICKS = ("si_id", "si_attributes", "si_questions", "si_group_mode", "si_group_column", "si_group")
KIND_PREFIX = "si_kind_"
_FALLBACK_NAME = "survey.csv"


def upload_key() -> str:
    """The uploader's key; a new one after an import empties it, so a second click imports nothing twice."""
    return f"si_file_{st.session_state.get('_si_file_v', 0)}"


def format_name(fmt: str) -> str:
    """How the preview names the format :func:`read_survey` recognised."""
    return {
        "csv": tr("si_format_csv"), "qualtrics": tr("si_format_qualtrics"), "limesurvey": tr("si_format_limesurvey"),
        "google-forms": tr("si_format_google_forms"), "xlsx": tr("si_format_xlsx"), "sav": tr("si_format_sav"),
        "dta": tr("si_format_dta"),
    }.get(fmt, fmt)


def sheet_names(name: str, content: bytes) -> list[str]:
    """The worksheets of an uploaded XLSX file (none for other files, or for a workbook that does not open:
    reading it then reports why)."""
    if not name.lower().endswith((".xlsx", ".xlsm")):
        return []
    import openpyxl  # only XLSX surveys need it

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return []
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_upload(name: str, content: bytes, sheet: str | None) -> tuple[SurveyTable | None, str | None]:
    """The uploaded survey read as the import will read it, or None and why :func:`read_survey` refused it
    (naming the file as uploaded, not the temporary copy)."""
    with saved_upload(name, content, _FALLBACK_NAME) as path:
        try:
            return read_survey(path, sheet=sheet), None
        except QualcodeError as exc:
            return None, error_plain(exc, {str(path): path.name})


def preview_frame(table: SurveyTable, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """The first ``rows`` respondents as read, indexed by their row number in the file."""
    shown = table.rows[:rows]
    return pd.DataFrame([[r.values[c] for c in table.columns] for r in shown], columns=table.columns,
                        index=pd.Index([r.row for r in shown], name=tr("si_col_row")), dtype=object)


def inferred_kind(table: SurveyTable, column: str) -> str:
    """The kind the column's values suggest (:func:`qualcode.analysis.attributes.infer_kind`)."""
    return infer_kind([r.values[column] for r in table.rows])[0]


def guess_id_column(table: SurveyTable) -> str:
    """The column most likely to hold the respondent IDs: the first whose values are all present and distinct,
    preferring one whose name says ID or respondent; else the first column."""
    def distinct(column: str) -> bool:
        values = [r.values[column] for r in table.rows]
        return all(values) and len(set(values)) == len(values)

    def says_id(column: str) -> bool:  # ResponseId, Respondent ID, id, respondent_no
        name = column.casefold().replace(" ", "").replace("_", "")
        return name == "id" or name.endswith("id") or "respond" in name

    unique = [c for c in table.columns if distinct(c)]
    return ([c for c in unique if says_id(c)] or unique or table.columns)[0]


def _column_label(table: SurveyTable) -> Callable[[str], str]:
    """A column picker's labels: the name, and the question text when the file has one."""
    def label(column: str) -> str:
        text = table.labels.get(column, column)
        return column if not text or text == column else f"{column} — {text}"
    return fixed_labels(table.columns, label)


def _forget_picks() -> None:
    for key in [k for k in st.session_state if str(k).startswith(KIND_PREFIX)] + list(PICKS):
        st.session_state.pop(key, None)
    st.session_state.pop("_si_error", None)


def _read_cached(name: str, content: bytes, sheet: str | None) -> tuple[SurveyTable | None, str | None]:
    """The table (or the error reading it), read once per file and sheet; the pickers are reset for a new one."""
    token = (name, hashlib.sha256(content).hexdigest(), sheet)
    cached = st.session_state.get("_si_read")
    if cached is None or cached[0] != token:
        _forget_picks()
        st.session_state.pop("_si_report", None)  # the report of the file before
        cached = (token, *read_upload(name, content, sheet))
        st.session_state["_si_read"] = cached
    return cached[1], cached[2]


def survey_import_section(project: Project) -> None:
    """Upload, preview, pick the columns and import a survey; the last import's report below."""
    with st.container(key="si_section"):
        _section(project)


def _section(project: Project) -> None:
    st.subheader(tr("si_heading"))
    st.caption(tr("si_help"))
    key = upload_key()
    st.file_uploader(tr("si_file"), type=[e.lstrip(".") for e in SURVEY_EXTENSIONS], key=key)
    upload = st.session_state.get(key)
    if upload is None:
        st.session_state.pop("_si_read", None)
        if not _show_report(project):
            st.info(tr("si_empty"))
        return
    content = upload.getvalue()
    sheets = sheet_names(upload.name, content)
    sheet = None
    if len(sheets) > 1:
        if st.session_state.get("si_sheet") not in sheets:
            st.session_state["si_sheet"] = sheets[0]
        st.selectbox(tr("si_sheet"), sheets, key="si_sheet")
        sheet = st.session_state["si_sheet"]
    table, problem = _read_cached(upload.name, content, sheet)
    if table is None:
        st.error(escape_md(problem or ""))
        return
    st.caption(trn("si_read", len(table.rows), format=format_name(table.format), columns=len(table.columns)))
    st.dataframe(preview_frame(table), width="stretch", placeholder="", key="si_preview")
    _pickers(project, table)
    st.button(tr("si_import"), key="si_import", type="primary", on_click=import_survey_upload)
    if st.session_state.get("_si_error"):
        st.error(escape_md(st.session_state["_si_error"]))
    _show_report(project)


def _pickers(project: Project, table: SurveyTable) -> None:
    columns, label = table.columns, _column_label(table)
    if st.session_state.get("si_id") not in columns:
        st.session_state["si_id"] = guess_id_column(table)
    st.selectbox(tr("si_id_column"), columns, key="si_id", format_func=label, help=tr("si_id_help"))
    st.multiselect(tr("si_questions"), columns, key="si_questions", format_func=label,
                   placeholder=tr("si_pick_columns"), help=tr("si_questions_help"))
    st.multiselect(tr("si_attributes"), columns, key="si_attributes", format_func=label,
                   placeholder=tr("si_pick_columns"), help=tr("si_attributes_help"))
    chosen = list(st.session_state.get("si_attributes") or [])
    if chosen:
        st.caption(tr("si_kinds_help"))
        boxes = st.columns(min(len(chosen), 4))
        kinds = fixed_labels(list(KINDS), kind_label)
        for n, column in enumerate(chosen):
            state_key = f"{KIND_PREFIX}{column}"
            if st.session_state.get(state_key) not in KINDS:
                st.session_state[state_key] = inferred_kind(table, column)
            boxes[n % len(boxes)].selectbox(tr("si_kind_of").format(column=escape_md(column)), list(KINDS),
                                            key=state_key, format_func=kinds)
    modes = [FROM_COLUMN, ONE_GROUP]
    groups = project.groups()
    keys = list(groups["key"])
    if st.session_state.get("si_group_mode") not in modes:  # one group when there is one to choose
        st.session_state["si_group_mode"] = ONE_GROUP if keys else FROM_COLUMN
    mode_labels = {FROM_COLUMN: tr("si_group_column"), ONE_GROUP: tr("si_group_fixed")}
    st.radio(tr("si_group_mode"), modes, key="si_group_mode", horizontal=True, format_func=fixed_labels(
        modes, lambda m: mode_labels[m]))
    if st.session_state["si_group_mode"] == FROM_COLUMN:
        if st.session_state.get("si_group_column") not in columns:
            st.session_state.pop("si_group_column", None)  # none until picked: a wrong guess makes many groups
        st.selectbox(tr("si_group_column_label"), columns, key="si_group_column", format_func=label, index=None,
                     placeholder=tr("si_pick_column"), help=tr("si_group_column_help"))
    else:
        if not keys:
            st.info(tr("si_no_groups"))
        else:
            names = dict(zip(groups["key"], groups["name"], strict=True))
            if st.session_state.get("si_group") not in keys:
                st.session_state["si_group"] = keys[0]
            st.selectbox(tr("col_group"), keys, key="si_group",
                         format_func=fixed_labels(keys, lambda k: f"{k} ({names[k]})" if names[k] != k else k))
    if st.session_state.get("si_language") not in LANGUAGE_CHOICES:
        st.session_state["si_language"] = "id"
    st.selectbox(tr("si_language"), LANGUAGE_CHOICES, key="si_language",
                 format_func=fixed_labels(LANGUAGE_CHOICES, language_label))
    if st.session_state.get("si_language") == OTHER_LANGUAGE:
        st.text_input(tr("proj_lang_code"), key="si_language_other", placeholder="jv, su, nl …")


def import_survey_upload() -> None:
    """Callback of the Import button: import the uploaded survey with the columns picked."""
    project = current_project(quiet=True)
    upload = st.session_state.get(upload_key())
    if project is None:
        return
    st.session_state.pop("_si_error", None)
    if upload is None:
        notify(tr("proj_no_file"), "warning")
        return
    state = st.session_state
    by_column = state.get("si_group_mode") == FROM_COLUMN
    attributes = {c: state.get(f"{KIND_PREFIX}{c}") for c in state.get("si_attributes") or []}
    sheets = sheet_names(upload.name, upload.getvalue())
    with saved_upload(upload.name, upload.getvalue(), _FALLBACK_NAME) as path:
        try:
            report = project.import_survey(
                path, id_column=state.get("si_id") or "", questions=list(state.get("si_questions") or []),
                attributes=attributes, group_column=state.get("si_group_column") if by_column else None,
                group=None if by_column else state.get("si_group"),
                sheet=state.get("si_sheet") if len(sheets) > 1 else None,
                language=chosen_language("si_language", "si_language_other") or "id", actor=current_coder())
        except QualcodeError as exc:
            state["_si_error"] = error_plain(exc, {str(path): path.name})
            return
    state["_si_report"] = (str(project.path), report)
    state["_si_file_v"] = state.get("_si_file_v", 0) + 1
    for counter in ("_proj_informants_v", "_proj_groups_v"):  # their editors redraw with the new rows
        state[counter] = state.get(counter, 0) + 1
    state.pop("_si_read", None)
    _forget_picks()
    notify(trn("si_imported", len(report.respondents_added), answers=report.answers_added,
               file=escape_md(report.file)))


def report_frame(report: SurveyImportReport) -> pd.DataFrame:
    """The counts of an import, one row each."""
    rows = [
        (tr("si_r_read"), report.respondents),
        (tr("si_r_added"), len(report.respondents_added)),
        (tr("si_r_documents"), len(report.documents_added)),
        (tr("si_r_answers"), report.answers_added),
        (tr("si_r_skipped"), len(report.skipped)),
        (tr("si_r_changed"), len(report.changed)),
        (tr("si_r_groups"), len(report.groups_added)),
    ]
    return pd.DataFrame(rows, columns=[tr("si_r_what"), tr("si_r_count")])


def changed_frame(report: SurveyImportReport) -> pd.DataFrame:
    """The answers that differ from the ones imported before (kept, not overwritten)."""
    return pd.DataFrame([(c.respondent, c.question, c.old, c.new) for c in report.changed],
                        columns=[tr("si_col_respondent"), tr("si_col_question"), tr("si_col_old"), tr("si_col_new")])


def _show_report(project: Project) -> bool:
    """The last import's report, when it was into this project; whether there was one."""
    path, report = st.session_state.get("_si_report") or (None, None)
    if report is None or path != str(project.path):
        return False
    st.markdown(f"**{tr('si_report').format(file=escape_md(report.file), format=format_name(report.format))}**")
    st.dataframe(report_frame(report), hide_index=True, key="si_report_counts", placeholder="")
    if report.groups_added:
        st.caption(tr("si_r_groups_list").format(groups=escape_md(", ".join(report.groups_added))))
    if report.without_answers:
        st.caption(tr("si_r_without").format(respondents=escape_md(", ".join(report.without_answers))))
    if report.changed:
        st.warning(tr("si_r_changed_help"))
        st.dataframe(changed_frame(report), hide_index=True, width="stretch", key="si_report_changed", placeholder="")
    return True
