"""Assignments in the app through AppTest: the supervisor's section and the document choice of the Agreement page,
the coder's progress and done mark on the Code page, and blind coding limited to the assigned documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import APP, copy_project, open_page
from .test_assignments import add_document_coded_by_rina_only


@pytest.fixture
def demo_copy(demo_path, tmp_path) -> Path:
    return copy_project(demo_path, tmp_path / "demo.qualcode")


def agreement(path: Path, coder: str = "rina", lang: str = "en", **state) -> AppTest:
    return open_page("agreement", path, lang, coder=coder, **state)


def report_alpha(at: AppTest, code: str) -> float:
    table = next(d.value for d in at.dataframe if "Alpha" in d.value.columns)
    return float(table.set_index("Code").at[code, "Alpha"])


def grid_of(at: AppTest):
    """The assignments grid: the table with a Group column and a column per coder."""
    return next(d.value for d in at.dataframe if {"Group", "budi"} <= set(d.value.columns)).set_index("Document")


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_agreement_page_compares_assigned_documents_by_default(demo_copy, tmp_path):
    with Project.open(demo_copy) as p:
        name = add_document_coded_by_rina_only(p, tmp_path)
        expected = p.agreement(coders=["rina", "budi"], n_boot=0).set_index("code")
    at = agreement(demo_copy)
    assert not at.exception
    assert at.radio(key="agr_selection").value == "assigned"
    assert name in at.multiselect(key="agr_documents").value and len(at.multiselect(key="agr_documents").value) == 7
    assert "Documents: assigned to every coder compared and marked done by each." in captions(at)
    assert report_alpha(at, "E2.1") == pytest.approx(expected.at["E2.1", "alpha"], abs=5e-3)

    at.radio(key="agr_selection").set_value("coded").run()
    assert not at.exception
    assert name not in at.multiselect(key="agr_documents").value
    assert "Documents: coded by every coder compared." in captions(at)
    assert report_alpha(at, "E2.1") > expected.at["E2.1", "alpha"]

    at.multiselect(key="agr_documents").unselect("I-01 Ketua LKS").run()  # a hand-made choice says so
    assert "Documents: chosen by name." in captions(at)


def test_without_assignments_the_page_says_what_it_compares(demo_copy):
    with Project.open(demo_copy) as p:
        p.unassign(list(p.documents()["name"]), ["rina", "budi"], actor="sari")
    at = agreement(demo_copy)
    assert not at.exception
    assert "No document is assigned to all the chosen coders" in captions(at)
    assert "(no document is assigned to all of them)" in captions(at)
    assert len(at.multiselect(key="agr_documents").value) == 6


def test_supervisor_assigns_and_takes_back_after_confirming(demo_copy):
    at = agreement(demo_copy, coder="rina")
    grid = grid_of(at)
    assert grid.at["I-03 Karang Taruna", "budi"] == "\u25cb" and grid.at["I-01 Ketua LKS", "budi"] == "\u2713"
    assert grid.at["I-04 Penerima manfaat", "budi"] == ""
    at.multiselect(key="asg_documents").select("I-04 Penerima manfaat").select("I-07 Disdukcapil")
    at.multiselect(key="asg_coders").select("budi").run()
    at.button(key="asg_assign").click().run()
    assert not at.exception
    assert any("Assigned 2 (document, coder) pairs" in s.value for s in at.success)
    grid = grid_of(at)
    assert grid.at["I-04 Penerima manfaat", "budi"] == "\u25cb"
    with Project.open(demo_copy) as p:
        assert set(p.assignments(coder="budi")["document"]) >= {"I-04 Penerima manfaat", "I-07 Disdukcapil"}

    at.button(key="asg_take_back").click().run()  # nothing goes before the confirmation
    assert any("Take the chosen documents back from budi?" in w.value for w in at.warning)
    with Project.open(demo_copy) as p:
        assert len(p.assignments(coder="budi")) == 9
    at.button(key="asg_confirm_yes").click().run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert len(p.assignments(coder="budi")) == 7


def test_signed_in_coder_marks_own_and_supervisor_assigns(demo_copy, monkeypatch):
    with Project.open(demo_copy) as p:
        p.add_user("sri", "sri-secret-1", "supervisor")
        p.add_user("budi", "budi-secret", "coder")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(demo_copy))
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    at = sign_in("budi", "budi-secret")
    at.switch_page("qualcode/ui/pages/code.py").run()
    at.selectbox(key="code_doc").set_value("I-03 Karang Taruna").run()
    at.toggle(key="asg_done_here").set_value(True).run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert p.assignment_progress("budi")["done"] == 7
        assert p.history(limit=1).iloc[0]["actor"] == "budi"
    at = sign_in("sri", "sri-secret-1")
    at.switch_page("qualcode/ui/pages/agreement.py").run()
    at.multiselect(key="asg_documents").select("I-08 Camat")
    at.multiselect(key="asg_coders").select("budi").run()
    at.button(key="asg_assign").click().run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        row = p.assignments(coder="budi").set_index("document").loc["I-08 Camat"]
    assert row["assigned_by"] == "sri"


def sign_in(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    at.button(key="FormSubmitter:login-Sign in").click()
    return at.run()


def test_code_page_shows_progress_and_marks_done(demo_copy):
    at = open_page("code", demo_copy, coder="budi", code_doc="I-03 Karang Taruna")
    assert not at.exception
    assert any(e.label == "Your assignments: 6 of 7 done" for e in at.expander)
    toggle = at.toggle(key="asg_done_here")
    assert toggle.value is False
    toggle.set_value(True).run()
    assert not at.exception
    with Project.open(demo_copy) as p:
        assert p.assignments(coder="budi").set_index("document").at["I-03 Karang Taruna", "done"]
    assert any(e.label == "Your assignments: 7 of 7 done" for e in at.expander)
    labels = [at.selectbox(key="code_doc").format_func(o) for o in at.selectbox(key="code_doc").options]
    assert "I-03 Karang Taruna  \u2713" in labels and "I-04 Penerima manfaat" in labels


def test_blind_coding_offers_a_coder_only_their_assignments(demo_copy):
    with Project.open(demo_copy) as p:
        p.set_blind_coding(True, actor="sari")
    at = open_page("code", demo_copy, coder="budi")
    assert not at.exception
    assert len(at.selectbox(key="code_doc").options) == 7  # budi's seven, not the project's seventeen
    assert "only the documents assigned to you" in captions(at)
    at = open_page("code", demo_copy, coder="rina")
    assert len(at.selectbox(key="code_doc").options) == 17  # rina was given all of them


def test_sections_in_bahasa_indonesia(demo_copy):
    at = agreement(demo_copy, lang="id")
    assert not at.exception
    assert any(h.value == "Penugasan" for h in at.subheader)
    at = open_page("code", demo_copy, "id", coder="budi")
    assert any(e.label == "Tugas Anda: 6 dari 7 selesai" for e in at.expander)


def test_a_done_mark_made_elsewhere_updates_the_default_documents(demo_copy):
    at = agreement(demo_copy)
    assert "I-03 Karang Taruna" not in at.multiselect(key="agr_documents").value
    with Project.open(demo_copy) as p:  # budi finishes I-03 in his own session
        p.mark_done("I-03 Karang Taruna", "budi")
    at.run()
    assert "I-03 Karang Taruna" in at.multiselect(key="agr_documents").value
    assert "Documents: assigned to every coder compared and marked done by each." in captions(at)
