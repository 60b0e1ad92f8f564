"""The Project page's logic: open/create callbacks, importing uploads, and applying table edits.

Everything here goes through the Project API. Callbacks read plain
``st.session_state`` keys and report through :func:`notify`, so a test can
seed those keys and call them; :func:`import_uploads` is a plain function.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import InputError, QualcodeError
from qualcode.project import Project

from .cells import missing
from .sidebar import current_coder
from .state import current_project, error_plain, error_text, escape_md, notify, tr, trn
from .uploads import safe_name, saved_upload

NONE = "\u0000none"          # informant picker: no informant
FROM_FILE_NAME = "\u0000file"  # informant picker: the informant whose key starts the file name
OTHER_LANGUAGE = "\u0000other"
LANGUAGE_CHOICES = ["id", "en", OTHER_LANGUAGE]  # language pickers of the imports; "other" asks for an ISO code
GROUP_COLUMNS = ["key", "name", "name_alt", "description"]
INFORMANT_COLUMNS = ["key", "group", "role", "organisation", "attributes"]
Progress = Callable[[int, int, str], None]


# -- open / create -------------------------------------------------------------------

def _switch_to(project: Project) -> None:
    """Make ``project`` the session's project and forget what belonged to the previous one."""
    old = st.session_state.get("_project")
    if old is not None and old is not project:
        old.close()
    st.session_state["_project"] = project
    st.session_state["project_path"] = str(project.path)
    for key in ("_search_hits", "_search_params", "_proj_import_results", "_cb_last", "_cb_edit_for"):
        st.session_state.pop(key, None)


def open_project() -> None:
    path = (st.session_state.get("proj_open_path") or "").strip()
    if not path:
        notify(tr("proj_path_empty"), "warning")
        return
    try:
        project = Project.open(Path(path).expanduser())
    except QualcodeError as exc:
        notify(f"{tr('cannot_open')}: {error_text(exc)}", "error")
        return
    _switch_to(project)
    notify(tr("proj_opened").format(name=escape_md(project.name)))


def create_project() -> None:
    path = (st.session_state.get("proj_new_path") or "").strip()
    name = (st.session_state.get("proj_new_name") or "").strip() or None
    if not path:
        notify(tr("proj_path_empty"), "warning")
        return
    try:
        project = Project.create(Path(path).expanduser(), name=name)
    except QualcodeError as exc:
        notify(f"{tr('proj_cannot_create')}: {error_text(exc)}", "error")
        return
    except OSError as exc:
        notify(f"{tr('proj_cannot_create')}: {escape_md(path)}: {escape_md(exc.strerror or exc)}", "error")
        return
    _switch_to(project)
    notify(tr("proj_created").format(name=escape_md(project.name), path=escape_md(project.path)))


# -- importing transcripts -------------------------------------------------------------

def fixed_labels(options: list[Any], label: Callable[[Any], str]) -> Callable[[Any], str]:
    """A selectbox's format_func showing ``label`` of each option as worked out now, in the session's language
    (AppTest calls a format_func between runs, where the session's language is not known)."""
    shown = {option: label(option) for option in options}
    return lambda option: shown.get(option, str(option))


def language_label(choice: str) -> str:
    """An entry of :data:`LANGUAGE_CHOICES` as the language picker shows it."""
    return tr("proj_lang_other") if choice == OTHER_LANGUAGE else tr(f"proj_lang_{choice}")


def chosen_language(choice_key: str, other_key: str) -> str:
    """The language picked under ``choice_key``, or the ISO code typed under ``other_key`` for "other"."""
    language = st.session_state.get(choice_key, "id")
    return (st.session_state.get(other_key) or "").strip() if language == OTHER_LANGUAGE else language


def informant_from_name(filename: str, keys: list[str]) -> str | None:
    """The informant whose key starts the file name (``I-01_ketua.txt`` -> ``I-01``), longest key first."""
    stem = Path(filename).stem
    for key in sorted(keys, key=len, reverse=True):
        if stem.lower().startswith(key.lower()) and not stem[len(key):len(key) + 1].isalnum():
            return key
    return None


def import_uploads(
    project: Project, files: list[tuple[str, bytes]], informant: str | None, source_type: str, language: str,
    progress: Progress | None = None, *, actor: str | None = None,
) -> list[dict[str, Any]]:
    """Import uploaded files as documents, one transaction each; a bad file does not stop the others.

    Parameters
    ----------
    files : list of (file name, content)
        Each is written under its own (base) name into a temporary folder and read from there.
    informant : str or None
        An informant key, None for no informant, or :data:`FROM_FILE_NAME` to take
        the informant whose key starts each file name.
    progress : callable(done, total, file name), optional
        Called before each file and once at the end.

    Returns
    -------
    list of dict
        One per file: file, ok, document, characters, turns, sentences, message.
    """
    keys = list(project.informants()["key"]) if informant == FROM_FILE_NAME else []
    results = []
    with tempfile.TemporaryDirectory(prefix="qualcode-upload-") as tmp:
        for n, (filename, content) in enumerate(files):
            if progress:
                progress(n, len(files), filename)
            row: dict[str, Any] = {"file": filename, "ok": False, "document": None, "characters": None,
                                   "turns": None, "sentences": None, "message": ""}
            safe = safe_name(filename)
            who = informant_from_name(safe, keys) if informant == FROM_FILE_NAME else informant
            note = tr("proj_no_informant_match") if informant == FROM_FILE_NAME and who is None else ""
            path = Path(tmp) / str(n) / safe
            try:
                if not safe or safe in (".", ".."):
                    raise InputError(f"{filename!r}: not a usable file name", key="err_bad_file_name", file=filename)
                path.parent.mkdir()
                path.write_bytes(content)
                done = project.import_document(path, informant=who, source_type=source_type, language=language,
                                               actor=actor)
            except QualcodeError as exc:
                problem = error_plain(exc, {str(path): safe})
                row["message"] = f"{note} · {problem}" if note else problem
            except OSError as exc:
                row["message"] = f"{safe}: {exc.strerror or exc}"
            else:
                row.update(ok=True, document=done.name, characters=done.characters, turns=done.turns,
                           sentences=done.sentences, message=who or note)
            results.append(row)
    if progress:
        progress(len(files), len(files), "")
    return results


def import_sheet(kind: str) -> None:
    """Callback: import the informants or groups sheet uploaded under ``proj_sheet_<kind>``."""
    project = current_project(quiet=True)
    upload = st.session_state.get(f"proj_sheet_{kind}")
    if project is None:
        return
    if upload is None:
        notify(tr("proj_no_file"), "warning")
        return
    with saved_upload(upload.name, upload.getvalue(), "sheet.csv") as path:
        try:
            count = (project.import_informants if kind == "informants" else project.import_groups)(
                path, actor=current_coder())
        except QualcodeError as exc:
            notify(error_text(exc, {str(path): upload.name}), "error")
            return
    _bump(f"_proj_{kind}_v")
    notify(trn(f"proj_imported_{kind}", count))


# -- the group and informant tables ------------------------------------------------------

def group_frame(project: Project) -> pd.DataFrame:
    return project.groups()[GROUP_COLUMNS + ["informants"]].reset_index(drop=True)


def informant_frame(project: Project) -> pd.DataFrame:
    frame = project.informants()
    # object dtype even when empty: an empty list would make a float column the text editor refuses
    frame["attributes"] = pd.Series([format_attributes(a) for a in frame["attributes"]], index=frame.index,
                                    dtype=object)
    return frame[INFORMANT_COLUMNS + ["documents"]].reset_index(drop=True)


def format_attributes(attributes: Mapping[str, Any] | None) -> str:
    """Attributes as ``name=value; name=value`` (how the table shows and edits them)."""
    return "; ".join(f"{k}={v}" for k, v in (attributes or {}).items())


def parse_attributes(text: str | None) -> dict[str, str]:
    """The inverse of :func:`format_attributes`; raises InputError for a part without ``=``."""
    out: dict[str, str] = {}
    for part in (text or "").split(";"):
        if not part.strip():
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise InputError(f"attribute {part.strip()!r} needs the form name=value (separate several with ';')",
                             key="err_attribute_form", part=part.strip())
        out[name.strip()] = value.strip()
    return out


def _bump(counter: str) -> None:
    """Give an editor or uploader a fresh key, so it redraws from the project (dropping refused edits)."""
    st.session_state[counter] = st.session_state.get(counter, 0) + 1


def _text(value: Any) -> str | None:
    return None if missing(value) else (str(value).strip() or None)  # None, NaN and pd.NA alike


def apply_group_edits(editor_key: str) -> None:
    """Callback of the groups editor: edited cells -> edit_group, added rows -> add_group."""
    project = current_project(quiet=True)
    keys: list[str] = st.session_state.get("_proj_group_keys") or []
    state = st.session_state.get(editor_key) or {}
    if project is None:
        return
    actor, done, errors = current_coder(), 0, []
    for index, change in sorted((state.get("edited_rows") or {}).items()):
        if not 0 <= int(index) < len(keys):
            continue  # a row the table no longer has
        key = keys[int(index)]
        fields = {c: _text(v) for c, v in change.items() if c in GROUP_COLUMNS}
        if not fields:
            continue
        try:
            if "name" in fields and not fields["name"]:
                raise InputError(f"group '{key}': name is empty; every group needs a name", key="err_group_name_empty",
                                 group=key)
            _check_rename("group", key, fields, list(project.groups()["key"]))
            project.edit_group(key, actor=actor, **fields)
            done += 1
        except QualcodeError as exc:
            errors.append(f"{key}: {error_plain(exc)}")
    for row in state.get("added_rows") or []:
        try:
            project.add_group(_text(row.get("key")) or "", _text(row.get("name")),
                              name_alt=_text(row.get("name_alt")), description=_text(row.get("description")),
                              actor=actor)
            done += 1
        except QualcodeError as exc:
            errors.append(error_plain(exc))
    _report(done, errors)
    _bump("_proj_groups_v")


def apply_informant_edits(editor_key: str) -> None:
    """Callback of the informants editor: edited cells -> edit_informant, added rows -> add_informant."""
    project = current_project(quiet=True)
    keys: list[str] = st.session_state.get("_proj_informant_keys") or []
    state = st.session_state.get(editor_key) or {}
    if project is None:
        return
    actor, done, errors = current_coder(), 0, []
    for index, change in sorted((state.get("edited_rows") or {}).items()):
        if not 0 <= int(index) < len(keys) or not set(change) & set(INFORMANT_COLUMNS):
            continue
        key = keys[int(index)]
        try:
            fields = _informant_fields(change)
            _check_rename("informant", key, fields, list(project.informants()["key"]))
            project.edit_informant(key, actor=actor, **fields)
            done += 1
        except QualcodeError as exc:
            errors.append(f"{key}: {error_plain(exc)}")
    for row in state.get("added_rows") or []:
        try:
            project.add_informant(_text(row.get("key")) or "", _text(row.get("group")) or "",
                                  role=_text(row.get("role")), organisation=_text(row.get("organisation")),
                                  attributes=parse_attributes(row.get("attributes")), actor=actor)
            done += 1
        except QualcodeError as exc:
            errors.append(error_plain(exc))
    _report(done, errors)
    _bump("_proj_informants_v")


def _informant_fields(change: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for column, value in change.items():
        if column == "attributes":
            fields["attributes"] = parse_attributes(value)
        elif column in ("key", "group"):
            fields[column] = _text(value) or ""
        elif column in INFORMANT_COLUMNS:
            fields[column] = _text(value)
    return fields


def _check_rename(what: str, key: str, fields: Mapping[str, Any], existing: list[str]) -> None:
    """Refuse renaming to an empty key or to a key another row holds (before the database would)."""
    if "key" not in fields:
        return
    new = fields["key"]
    if not new:
        raise InputError(f"{what} '{key}': the key is empty; every {what} needs one", key=f"err_{what}_key_empty",
                         old=key)
    if new != key and new in existing:
        raise InputError(f"cannot rename {what} '{key}' to '{new}': {what} '{new}' already exists",
                         key=f"err_rename_{what}_taken", old=key, new=new)


def _report(done: int, errors: list[str]) -> None:
    if done:
        notify(trn("proj_rows_saved", done))
    for error in errors:
        notify(escape_md(error), "error")
