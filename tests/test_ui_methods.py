"""The Overview page's Methods appendix through AppTest: made on request, offered for download for the choices
it was made with, its counts those of the library, in both languages."""

from __future__ import annotations

from qualcode.analysis.checklists import BLANK, checklist_answers
from qualcode.project import Project
from qualcode.project.methods import methods_facts

from .conftest import open_page


def _downloads(at) -> list[str]:
    return [d.proto.label for d in at.get("download_button")]


def test_the_appendix_is_made_on_request_and_offered_for_its_choices(demo_copy):
    at = open_page(None, demo_copy)
    assert not at.exception
    assert "Methods appendix" in [s.value for s in at.subheader]
    assert _downloads(at) == []  # nothing is computed before the button
    at.selectbox(key="meth_checklist").set_value("both")
    at.selectbox(key="meth_format").set_value("md")
    at.button(key="meth_make").click().run()
    assert not at.exception
    assert _downloads(at) == ["Download methods appendix"]
    with Project.open(demo_copy) as p:
        facts = methods_facts(p)
    shown = [t.value for t in at.text]
    for name, total in (("coreq", 32), ("srqr", 21)):
        filled = int((checklist_answers(facts, name, "en")["answer"] != BLANK["en"]).sum())
        assert (f"{name.upper()}: {filled} of {total} items filled from the project, {total - filled} left for the "
                "authors.") in shown
    at.selectbox(key="meth_format").set_value("docx").run()  # other choices: make it again first
    assert _downloads(at) == []


def test_indonesian_labels_and_appendix(demo_copy):
    at = open_page(None, demo_copy, lang="id")
    language = at.selectbox(key="meth_language").proto
    assert language.options[language.default] == "Bahasa Indonesia"  # the appendix follows the interface's
    at.button(key="meth_make").click().run()
    assert not at.exception
    assert _downloads(at) == ["Unduh lampiran metode"]
    assert any(t.value.startswith("COREQ: 8 dari 32 butir diisi dari proyek") for t in at.text)


def test_an_empty_project_still_gives_an_appendix_of_blanks(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path).close()
    at = open_page(None, path)
    at.button(key="meth_make").click().run()
    assert not at.exception
    assert "COREQ: 1 of 32 items filled from the project, 31 left for the authors." in [t.value for t in at.text]
