"""`qualcode methods`: the appendix written in the format of its suffix, with the library's answers."""

from __future__ import annotations

from click.testing import CliRunner
from docx import Document

from qualcode.analysis.checklists import BLANK, checklist_answers
from qualcode.cli import main
from qualcode.project import Project
from qualcode.project.methods import methods_facts

from .conftest import copy_project
from .markdown_reader import read


def test_writes_both_checklists_to_word(demo_path, tmp_path):
    demo = copy_project(demo_path, tmp_path / "demo.qualcode")
    out = tmp_path / "appendix.docx"
    result = CliRunner().invoke(main, ["methods", str(demo), "-o", str(out), "--checklist", "both",
                                       "--coders", "budi,rina"])
    assert result.exit_code == 0, result.output
    assert "COREQ: 8 of 32 items filled, 24 left blank" in result.output
    assert "SRQR: 7 of 21 items filled, 14 left blank" in result.output
    with Project.open(demo) as p:
        facts = methods_facts(p, coders=["budi", "rina"])
    doc = Document(str(out))
    assert [len(t.rows) for t in doc.tables] == [33, 22]
    expected = checklist_answers(facts, "srqr", "en")["answer"].tolist()
    assert [r.cells[4].text for r in doc.tables[1].rows[1:]] == expected


def test_one_coder_in_indonesian_markdown(demo_path, tmp_path):
    demo = copy_project(demo_path, tmp_path / "demo.qualcode")
    out = tmp_path / "lampiran.md"
    result = CliRunner().invoke(main, ["methods", str(demo), "-o", str(out), "--language", "id", "--coders", "rina"])
    assert result.exit_code == 0, result.output
    rows = {r[0]: r[4] for r in read(out.read_text(encoding="utf-8")).rows if r and r[0].isdigit()}
    assert len(rows) == 32
    assert rows["24"].startswith("1 pengode: rina (pengode)")  # one coder: no agreement figures
    assert "kappa" not in rows["24"] and rows["12"] == "13 informan dalam 3 kelompok."
    assert rows["1"] == BLANK["id"]


def test_refuses_an_unknown_suffix_and_coder(demo_path, tmp_path):
    demo = copy_project(demo_path, tmp_path / "demo.qualcode")
    result = CliRunner().invoke(main, ["methods", str(demo), "-o", str(tmp_path / "a.pdf")])
    assert result.exit_code != 0 and "pdf" in result.output and not (tmp_path / "a.pdf").exists()
    result = CliRunner().invoke(main, ["methods", str(demo), "-o", str(tmp_path / "a.md"), "--coders", "rina,nobody"])
    assert result.exit_code != 0 and "nobody" in result.output and "Traceback" not in result.output
