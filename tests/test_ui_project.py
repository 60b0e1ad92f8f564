"""The Project page through AppTest: open/create a project, upload transcripts and sheets, edit groups/informants."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.ui.project_parts import (
    FROM_FILE_NAME,
    import_uploads,
    informant_from_name,
    parse_attributes,
)

from .conftest import TRANSCRIPT, data_editor, data_editors, open_page, shown_tab, snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "qualcode/ui/pages/project.py"


def project_page(project_path: str = "", lang: str = "en", **state) -> AppTest:
    return open_page("project", project_path, lang, **state)


def _callback(module: str, name: str, args: tuple) -> None:
    import importlib

    getattr(importlib.import_module(module), name)(*args)


def run_callback(name: str, *args, **state) -> AppTest:
    """Call a project_parts callback inside a Streamlit session holding ``state`` (as on_change would)."""
    at = AppTest.from_function(_callback, args=("qualcode.ui.project_parts", name, args), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    return at.run()


def messages(at: AppTest) -> list[tuple[str, str]]:
    return list(at.session_state["_messages"]) if "_messages" in at.session_state else []


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


# -- rendering ---------------------------------------------------------------------------

def test_no_project_offers_open_and_create():
    at = project_page("")
    assert not at.exception
    assert at.title[0].value == "Project"
    assert "No project is open" in at.info[0].value
    assert {"Open", "Create"} <= {b.label for b in at.button}


def test_empty_project_shows_empty_states(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = project_page(str(path))
    assert not at.exception
    infos = [i.value for i in at.info]
    assert "No documents imported yet." in infos
    assert any("Add an informant group first" in i for i in infos)
    assert any("No informant groups yet" in i for i in infos)
    assert len(data_editors(at)) == 1  # the groups editor, to add the first group


def test_group_without_informants_shows_an_empty_informants_editor(tmp_path):
    # the empty attributes column came out as float, which the editor's text column refused
    path = tmp_path / "one-group.qualcode"
    with Project.create(path) as p:
        p.add_group("community", "Community")
    at = project_page(str(path))
    assert not at.exception
    assert len(data_editors(at)) == 2  # informants and groups


def test_demo_project_page(demo_path):
    at = project_page(str(demo_path))
    assert not at.exception
    docs = at.dataframe[0].value
    assert len(docs) == 17
    informants = data_editor(at, "proj_informants_editor_0").value
    assert len(informants) == 13 and "gender=" in informants.iloc[0]["attributes"]
    groups = data_editor(at, "proj_groups_editor_0").value
    assert list(groups["key"]) == ["community", "agency", "leadership"]


def test_page_in_bahasa_indonesia(demo_path):
    at = project_page(str(demo_path), "id")
    assert not at.exception
    assert at.title[0].value == "Proyek"
    assert button(at, "Impor")


# -- open and create --------------------------------------------------------------------

def test_create_project_then_refuse_an_existing_path(tmp_path):
    at = project_page("")
    path = tmp_path / "new.qualcode"
    at.text_input(key="proj_new_path").input(str(path))
    at.text_input(key="proj_new_name").input("Studi SPM")
    button(at, "Create").click().run()
    assert not at.exception
    assert path.is_file()
    assert at.session_state["project_path"] == str(path)
    assert any("Created project Studi SPM" in s.value for s in at.success)
    with Project.open(path) as p:
        assert p.name == "Studi SPM"

    before = snapshot(path)
    at.text_input(key="proj_new_path").input(str(path))
    button(at, "Create").click().run()
    assert not at.exception
    assert any("Cannot create the project" in e.value and "already exists" in e.value for e in at.error)
    assert snapshot(path) == before


def test_open_project_and_missing_file(demo_path, tmp_path):
    at = project_page("")
    at.text_input(key="proj_open_path").input(str(tmp_path / "nope.qualcode"))
    button(at, "Open").click().run()
    assert not at.exception
    assert any("no such project file" in e.value for e in at.error)
    assert at.session_state["project_path"] == ""

    at.text_input(key="proj_open_path").input(str(demo_path))
    button(at, "Open").click().run()
    assert not at.exception
    assert at.session_state["project_path"] == str(demo_path)
    assert len(at.dataframe[0].value) == 17


# -- importing transcripts ----------------------------------------------------------------

def test_import_uploaded_transcripts(project):
    at = project_page(str(project.path))
    at.file_uploader[0].set_value([
        ("I-01_wawancara.txt", TRANSCRIPT.encode("utf-8"), "text/plain"),
        ("broken.pdf", b"not a pdf at all", "application/pdf"),
    ])
    at.selectbox(key="proj_up_informant").set_value(FROM_FILE_NAME)
    at.selectbox(key="proj_up_source_type").set_value("interview")
    at.run()
    button(at, "Import").click().run()
    assert not at.exception
    assert at.get("progress")[0].value == 100
    assert any("1 of 2 files imported" in w.value for w in at.warning)
    results = at.dataframe[0].value
    assert list(results["File"]) == ["I-01_wawancara.txt", "broken.pdf"]
    assert list(results[""]) == ["✓", "✗"]
    assert results.iloc[0]["Informant / problem"] == "I-01"
    problem = results.iloc[1]["Informant / problem"]
    assert problem.startswith("no informant key starts the file name · broken.pdf: ") and "/tmp" not in problem
    assert at.file_uploader[0].value == []  # emptied, so a second click imports nothing twice

    docs = project.documents()
    assert list(docs["name"]) == ["I-01_wawancara"]
    assert docs.iloc[0]["informant"] == "I-01" and docs.iloc[0]["language"] == "id"
    assert project.document("I-01_wawancara")["text"] == TRANSCRIPT


def test_import_without_files_warns(project):
    at = project_page(str(project.path))
    button(at, "Import").click().run()
    assert not at.exception
    assert any("Choose a file" in w.value for w in at.warning)
    assert project.documents().empty


def test_import_uploads_function_reports_per_file(project):
    seen = []
    results = import_uploads(
        project, [("../../evil/I-09 notes.md", b"# Catatan\n\nRapat koordinasi SPM.\n"), ("x.docx", b"garbage"),
                  ("I-09 notes.md", b"# Catatan\n\nRapat koordinasi SPM.\n")],
        "I-09", "observation", "en", lambda done, total, name: seen.append((done, total, name)))
    assert [r["ok"] for r in results] == [True, False, False]
    assert results[0]["document"] == "I-09 notes" and results[0]["turns"] >= 0 and results[0]["characters"] > 10
    assert results[1]["message"].startswith("x.docx: ") and "qualcode-upload" not in results[1]["message"]
    assert "same content" in results[2]["message"]
    assert seen[0] == (0, 3, "../../evil/I-09 notes.md") and seen[-1] == (3, 3, "")
    doc = project.documents().iloc[0]
    assert (doc["informant"], doc["source_type"], doc["language"], doc["original_name"]) == \
        ("I-09", "observation", "en", "I-09 notes.md")


def test_informant_from_name():
    keys = ["I-1", "I-10", "I-01"]
    assert informant_from_name("I-10_kepala.docx", keys) == "I-10"
    assert informant_from_name("I-1 notes.txt", keys) == "I-1"
    assert informant_from_name("I-100.txt", keys) is None
    assert informant_from_name("notes.txt", keys) is None


# -- sheets ------------------------------------------------------------------------------

def test_import_informants_sheet(project):
    at = project_page(str(project.path))
    sheet = "key,group,role,gender\nI-20,agency,Kabid,P\nI-21,leadership,Sekretaris,L\n"
    at.file_uploader(key="proj_sheet_informants").set_value(("informan.csv", sheet.encode(), "text/csv"))
    at.button(key="proj_sheet_import_informants").click().run()
    assert not at.exception
    assert any("2 informants added" in s.value for s in at.success)
    informants = project.informants().set_index("key")
    assert informants.loc["I-20", "group"] == "agency" and informants.loc["I-20", "attributes"] == {"gender": "P"}


def test_bad_informants_sheet_changes_nothing(project):
    before = snapshot(project.path)
    at = project_page(str(project.path))
    sheet = "key,group\nI-30,agency\nI-31,nowhere\n"
    at.file_uploader(key="proj_sheet_informants").set_value(("informan.csv", sheet.encode(), "text/csv"))
    at.button(key="proj_sheet_import_informants").click().run()
    assert not at.exception
    error = at.error[0].value
    assert "informan" in error and "line 3" in error and "nowhere" in error
    assert "/tmp" not in error and "qualcode\\-sheet" not in error  # the temporary path is not shown
    assert snapshot(project.path) == before


# -- editing groups and informants -----------------------------------------------------------

def test_edit_informant_group_through_editor_callback(project):
    at = project_page(str(project.path))
    keys = list(at.session_state["_proj_informant_keys"])
    assert data_editor(at, "proj_informants_editor_0").value["key"].tolist() == keys
    row = keys.index("I-01")
    edits = {"edited_rows": {row: {"group": "agency", "attributes": "gender=P; age=45"}},
             "added_rows": [{"key": "I-02", "group": "leadership", "role": "Sekdis"}], "deleted_rows": []}
    done = run_callback("apply_informant_edits", "proj_informants_editor_0", project_path=str(project.path),
                        _proj_informant_keys=keys, proj_informants_editor_0=edits)
    assert not done.exception
    assert messages(done) == [("success", "2 rows saved.")]
    assert done.session_state["_proj_informants_v"] == 1  # the editor redraws from the project
    informants = project.informants().set_index("key")
    assert informants.loc["I-01", "group"] == "agency"
    assert informants.loc["I-01", "attributes"] == {"gender": "P", "age": "45"}
    assert informants.loc["I-02", "group"] == "leadership" and informants.loc["I-02", "role"] == "Sekdis"

    at = project_page(str(project.path))
    table = data_editor(at, "proj_informants_editor_0").value.set_index("key")
    assert table.loc["I-01", "group"] == "agency"


def test_bad_informant_edits_are_reported_and_change_nothing(project):
    before = snapshot(project.path)
    keys = ["I-01", "I-09"]
    edits = {"edited_rows": {0: {"key": "I-09"}, 1: {"group": "nowhere"}, 2: {"role": "gone meanwhile"}, 3: {}},
             "added_rows": [{"key": "I-01", "group": "agency"}, {"key": "I-03", "group": "community",
                                                                  "attributes": "no equals sign"}],
             "deleted_rows": []}
    done = run_callback("apply_informant_edits", "proj_informants_editor_0", project_path=str(project.path),
                        _proj_informant_keys=keys + ["I-99", "I-98"], proj_informants_editor_0=edits)
    assert not done.exception
    errors = [m for kind, m in messages(done) if kind == "error"]
    assert len(errors) == 5  # the row without a change is skipped
    assert "already exists" in errors[0] and "nowhere" in errors[1] and "unknown informant" in errors[2]
    assert "I\\-01" in errors[3] and "already exists" in errors[3]
    assert "name\\=value" in errors[4]
    assert snapshot(project.path) == before


def test_edit_and_add_groups_through_editor_callback(project):
    at = project_page(str(project.path))
    keys = list(at.session_state["_proj_group_keys"])
    assert keys == ["community", "agency", "leadership"]
    edits = {"edited_rows": {2: {"name": "Pimpinan Dinas", "name_alt": "Leadership", "key": "pimpinan"}},
             "added_rows": [{"key": "media", "name": "Media"}], "deleted_rows": []}
    done = run_callback("apply_group_edits", "proj_groups_editor_0", project_path=str(project.path),
                        _proj_group_keys=keys, proj_groups_editor_0=edits)
    assert not done.exception
    assert messages(done) == [("success", "2 rows saved.")]
    groups = project.groups().set_index("key")
    assert groups.loc["pimpinan", "name"] == "Pimpinan Dinas" and groups.loc["pimpinan", "informants"] == 1
    assert groups.loc["media", "name"] == "Media"


def test_group_rename_onto_existing_key_or_empty_name_is_refused(project):
    before = snapshot(project.path)
    edits = {"edited_rows": {0: {"key": "agency"}, 1: {"name": None}}, "added_rows": [], "deleted_rows": []}
    done = run_callback("apply_group_edits", "proj_groups_editor_0", project_path=str(project.path),
                        _proj_group_keys=["community", "agency", "leadership"], proj_groups_editor_0=edits)
    assert not done.exception
    errors = [m for kind, m in messages(done) if kind == "error"]
    assert len(errors) == 2 and "already exists" in errors[0] and "name is empty" in errors[1]
    assert snapshot(project.path) == before


@pytest.mark.parametrize(("text", "expected"), [("", {}), ("a=1; b = x=y ;", {"a": "1", "b": "x=y"})])
def test_parse_attributes(text, expected):
    assert parse_attributes(text) == expected


@pytest.mark.parametrize(("name", "expected"), [("C:\\Users\\rina\\I-01.txt", "I-01.txt"),
                                                ("../../etc/passwd", "passwd"), ("a/..", ""), ("..", "")])
def test_upload_names_never_leave_the_temporary_folder(name, expected):
    from qualcode.ui.uploads import safe_name, saved_upload

    assert safe_name(name) == expected
    with saved_upload(name, b"x", "fallback.txt") as path:
        assert path.name == (expected or "fallback.txt") and path.read_bytes() == b"x"


def test_the_tab_shown_stays_when_a_message_comes_and_goes(project):
    # an untracked st.tabs went back to its first tab whenever a message above it appeared or went away
    at = project_page(str(project.path))
    at.session_state["proj_tab"] = "Informant groups"  # what a click on the tab sends
    at.run()
    assert shown_tab(at) == "Informant groups"
    next(b for b in at.button if b.key == "proj_sheet_import_groups").click().run()  # no file chosen
    assert not at.exception
    assert at.warning, "the import without a file warns above the tabs"
    assert shown_tab(at) == "Informant groups"
    at.run()  # the warning is gone
    assert not at.warning and shown_tab(at) == "Informant groups"
