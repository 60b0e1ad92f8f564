"""The Codebook page through AppTest: the tree, add/rename/recolour/move/merge/delete, import and export."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from qualcode.codebook import parse_codebook
from qualcode.project import Project
from qualcode.ui.codebook_parts import TOP, codebook_yaml

from .conftest import open_page, shown_tab, snapshot

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "qualcode/ui/pages/codebook.py"


def codebook_page(project_path: str = "", lang: str = "en") -> AppTest:
    return open_page("codebook", project_path, lang)


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def tree(at: AppTest):
    frame = at.dataframe[0].value
    return frame.data if hasattr(frame, "data") else frame


@pytest.fixture
def coded(project, transcript) -> Project:
    """The small project with one transcript: A.1 holds two codings, A one, B one (coder rina)."""
    project.import_document(transcript, informant="I-01")
    text = project.document("I-01_wawancara")["text"]
    for quote, code in (("Koordinasinya jarang", "A.1"), ("lewat WhatsApp saja", "A.1"),
                        ("Koordinasinya jarang", "B"), ("Banyak warga miskin", "A")):
        start = text.index(quote)
        project.add_coding("I-01_wawancara", start, start + len(quote), code, "rina")
    return project


def codes(project: Project):
    return project.codes().set_index("key")


# -- rendering ---------------------------------------------------------------------------

def test_no_project():
    at = codebook_page("")
    assert not at.exception
    assert "No project is open" in at.info[0].value


def test_empty_project(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = codebook_page(str(path))
    assert not at.exception
    assert "No codes yet" in at.info[0].value
    assert button(at, "Add code")  # the first code can be added here
    assert not at.get("download_button")


def test_demo_tree_with_counts(demo_path):
    at = codebook_page(str(demo_path))
    assert not at.exception
    frame = tree(at)
    with Project.open(demo_path) as p:
        assert len(frame) == len(p.codes())
    assert frame.iloc[0]["Key"] == "E1"
    e3 = frame[frame["Key"] == "E3"].iloc[0]
    subs = frame[frame["Key"].str.strip().str.startswith("E3.")]
    assert e3["Codings incl. sub-codes"] == subs["Codings"].sum() > 0
    assert frame[frame["Key"].str.strip() == "E3.1"].iloc[0]["Key"].startswith("\u2003")  # indented
    assert at.get("download_button")[0].label == "Download the codebook (YAML)"


def test_names_in_bahasa_indonesia(demo_path):
    at = codebook_page(str(demo_path), "id")
    assert not at.exception
    with Project.open(demo_path) as p:
        first = p.codes().iloc[0]
    assert tree(at).iloc[0]["Nama"] == first["name_alt"] != first["name"]


# -- editing -----------------------------------------------------------------------------

def test_add_code_under_a_parent_takes_its_colour(project):
    at = codebook_page(str(project.path))
    at.text_input(key="cb_add_key").input("A.2")
    at.text_input(key="cb_add_name").input("Alpha two")
    at.text_input(key="cb_add_name_alt").input("Alfa dua")
    at.selectbox(key="cb_add_parent").set_value("A")
    at.text_area(key="cb_add_definition").input("Second kind of alpha.")
    button(at, "Add code").click().run()
    assert not at.exception
    assert any("Code A\\.2 added" in s.value for s in at.success)
    row = codes(project).loc["A.2"]
    assert (row["parent"], row["name"], row["name_alt"], row["definition"], row["color"]) == \
        ("A", "Alpha two", "Alfa dua", "Second kind of alpha.", "#336699")
    assert list(project.codes()["key"]) == ["A", "A.1", "A.2", "B"]
    assert at.text_input(key="cb_add_key").value == ""  # the form is emptied for the next code
    assert at.selectbox(key="cb_selected").value == "A.2"


def test_add_code_with_bad_key_shows_error(project):
    before = snapshot(project.path)
    at = codebook_page(str(project.path))
    at.text_input(key="cb_add_key").input("bad key!")
    at.text_input(key="cb_add_name").input("Bad")
    button(at, "Add code").click().run()
    assert not at.exception
    assert "invalid" in at.error[0].value
    assert at.text_input(key="cb_add_key").value == "bad key!"  # kept for correcting
    assert snapshot(project.path) == before


def test_rename_and_recolour_keeps_codings(coded):
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("B").run()
    assert at.text_input(key="cb_edit_name").value == "Beta"  # the form shows the selected code
    at.text_input(key="cb_edit_key").input("B2")
    at.text_input(key="cb_edit_name").input("Beta two")
    at.color_picker(key="cb_edit_color").pick("#00ff00")
    button(at, "Save").click().run()
    assert not at.exception
    assert any("Code B2 saved" in s.value for s in at.success)
    table = codes(coded)
    assert "B" not in table.index
    assert (table.loc["B2", "name"], table.loc["B2", "color"], table.loc["B2", "codings"]) == ("Beta two", "#00ff00", 1)
    assert at.selectbox(key="cb_selected").value == "B2"

    button(at, "Save").click().run()  # nothing changed: nothing written
    assert any("Nothing changed" in i.value for i in at.info)


def test_move_code_to_top_level_and_back(coded):
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("A.1").run()
    at.selectbox(key="cb_move_parent").set_value(TOP)
    button(at, "Move").click().run()
    assert not at.exception
    assert any("moved to the top level" in s.value for s in at.success)
    assert not isinstance(codes(coded).loc["A.1", "parent"], str)

    at.selectbox(key="cb_move_parent").set_value("B")
    button(at, "Move").click().run()
    assert codes(coded).loc["A.1", "parent"] == "B"
    # A code cannot be offered as its own parent or under its own sub-codes.
    at.selectbox(key="cb_selected").set_value("B").run()
    assert {"B", "A.1"}.isdisjoint(at.selectbox(key="cb_move_parent").options)


def test_merge_moves_codings_after_confirmation(coded):
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("A.1").run()
    at.selectbox(key="cb_merge_target").set_value("B").run()
    assert any("**2** codings of this code" in m.value for m in at.markdown)
    before = snapshot(coded.path)
    button(at, "Merge…").click().run()
    assert not at.exception
    assert any("Really merge? 2 codings will move" in w.value for w in at.warning)
    assert snapshot(coded.path) == before  # nothing merged before confirming

    button(at, "Yes, merge").click().run()
    assert not at.exception
    assert any("Merged A\\.1 into B: 1 coding moved. 1 duplicate dropped." in s.value for s in at.success)
    assert "A.1" not in codes(coded).index
    merged = coded.codings(codes=["B"])
    assert sorted(merged["quote"]) == ["Koordinasinya jarang", "lewat WhatsApp saja"]  # one duplicate was dropped
    assert at.selectbox(key="cb_selected").value == "B"


def test_delete_shows_counts_and_needs_confirmation(coded):
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("A").run()
    effect = next(m.value for m in at.markdown if "Deleting removes" in m.value)
    assert "**1 coding**" in effect and "**1 sub-code**" in effect and "**3 codings** in all" in effect
    assert "A.1" in [t.value for t in at.text]

    before = snapshot(coded.path)
    button(at, "Delete").click().run()
    assert any("Really delete this code, 1 sub-code and 3 codings?" in w.value for w in at.warning)
    button(at, "Cancel").click().run()
    assert not at.warning
    assert snapshot(coded.path) == before

    button(at, "Delete").click().run()
    assert snapshot(coded.path) == before  # still nothing before "Yes"
    button(at, "Yes, delete").click().run()
    assert not at.exception
    assert any("Code A deleted with 3 codings" in s.value for s in at.success)
    assert list(coded.codes()["key"]) == ["B"]
    assert len(coded.codings()) == 1


def test_changing_the_selection_cancels_a_pending_delete(coded):
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("A").run()
    button(at, "Delete").click().run()
    at.selectbox(key="cb_selected").set_value("B").run()
    assert "cb_pending" not in at.session_state
    assert not any(b.label == "Yes, delete" for b in at.button)


# -- import and export ------------------------------------------------------------------------

def test_import_codebook_yaml(project):
    at = codebook_page(str(project.path))
    book = "name: more\ncodes:\n  - key: C\n    name: Gamma\n    children:\n      - key: C.1\n        name: Gamma one\n"
    at.file_uploader(key="cb_import_file").set_value(("more.yaml", book.encode(), "application/x-yaml"))
    at.button(key="cb_import").click().run()
    assert not at.exception
    assert any("2 codes loaded" in s.value for s in at.success)
    assert codes(project).loc["C.1", "parent"] == "C"
    assert len(tree(at)) == 5


def test_import_bad_codebook_shows_error_and_changes_nothing(project):
    before = snapshot(project.path)
    at = codebook_page(str(project.path))
    at.file_uploader(key="cb_import_file").set_value(("bad.yaml", b"codes: [\n  - key: X\n", "application/x-yaml"))
    at.button(key="cb_import").click().run()
    assert not at.exception
    assert "bad\\.yaml" in at.error[0].value and "malformed YAML" in at.error[0].value
    assert snapshot(project.path) == before


def test_export_is_the_saved_codebook(coded):
    text = codebook_yaml(coded)
    book = parse_codebook(yaml.safe_load(text))
    assert book.keys() == ["A", "A.1", "B"]
    assert book.codes[1].parent == "A" and book.codes[0].name_alt == "Alfa"
    at = codebook_page(str(coded.path))
    assert at.get("download_button")[0].label == "Download the codebook (YAML)"


def test_selection_and_form_survive_another_page(project):
    at = codebook_page(str(project.path))
    for key in ("A", "B"):
        at.selectbox(key="cb_selected").set_value(key).run()
        at.switch_page("qualcode/ui/pages/overview.py").run()
        at.switch_page(PAGE).run()  # Streamlit dropped the widgets' values meanwhile
        assert at.selectbox(key="cb_selected").value == key
        assert at.text_input(key="cb_edit_name").value == {"A": "Alpha", "B": "Beta"}[key]


def test_the_tab_shown_stays_when_a_message_comes_and_goes(coded):
    # an untracked st.tabs went back to its first tab whenever a message above it appeared or went away
    at = codebook_page(str(coded.path))
    at.selectbox(key="cb_selected").set_value("A.1").run()
    at.session_state["cb_tab"] = "Move"  # what a click on the tab sends
    at.run()
    assert shown_tab(at) == "Move"
    at.selectbox(key="cb_move_parent").set_value(TOP)
    button(at, "Move").click().run()
    assert not at.exception
    assert any("moved to the top level" in s.value for s in at.success)  # a message above the tabs
    assert shown_tab(at) == "Move"
    at.run()  # the message is gone
    assert not at.success and shown_tab(at) == "Move"
