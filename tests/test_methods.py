"""The methods appendix: the checklists as published (32 COREQ items, 21 SRQR items), every fact the project knows
equal to what the other reports and the file itself say, the rest marked blank, and the documents read back by
their readers (python-docx, a Markdown renderer, pdflatex)."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pypdf
import pytest
from docx import Document

import qualcode
from qualcode.analysis.checklists import BLANK, CHECKLISTS, checklist_answers, methods_paragraph
from qualcode.errors import InputError, NotFoundError
from qualcode.export.appendix import write_appendix
from qualcode.project import Project
from qualcode.project.catalog import export_table
from qualcode.project.methods import methods_appendix, methods_facts
from qualcode.project.saturation import saturation_facts

from .conftest import copy_project
from .markdown_reader import OWN_ELEMENTS, read

#: The items the demo's facts answer; every other item is a marked blank.
COREQ_KNOWN = {12, 16, 18, 22, 24, 25, 27, 29}
SRQR_KNOWN = {8, 10, 12, 13, 14, 15, 17}
COREQ_BLANK = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 17, 19, 20, 21, 23, 26, 28, 30, 31, 32]
SRQR_BLANK = [1, 2, 3, 4, 5, 6, 7, 9, 11, 16, 18, 19, 20, 21]
CODERS = ["budi", "rina"]


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_project(demo_path, tmp_path_factory.mktemp("methods") / "demo.qualcode")


@pytest.fixture(scope="module")
def facts(demo):
    with Project.open(demo) as p:
        return methods_facts(p)


def test_the_checklists_have_their_published_items_in_order():
    coreq, srqr = CHECKLISTS["coreq"], CHECKLISTS["srqr"]
    assert [i.number for i in coreq] == list(range(1, 33))
    assert [i.number for i in srqr] == list(range(1, 22))
    domains = {i.number: i.domain for i in coreq}
    assert {domains[n] for n in range(1, 9)} == {"Research team and reflexivity"}
    assert {domains[n] for n in range(9, 24)} == {"Study design"}
    assert {domains[n] for n in range(24, 33)} == {"Analysis and findings"}
    names = {i.number: i.name for i in coreq}
    assert (names[1], names[12], names[22], names[24], names[25], names[27], names[29], names[32]) == (
        "Interviewer/facilitator", "Sample size", "Data saturation", "Number of data coders",
        "Description of the coding tree", "Software", "Quotations presented", "Clarity of minor themes")
    s_domains = [i.domain for i in srqr]
    assert s_domains == (["Title and abstract"] * 2 + ["Introduction"] * 2 + ["Methods"] * 11
                         + ["Results/findings"] * 2 + ["Discussion"] * 2 + ["Other"] * 2)
    s_names = {i.number: i.name for i in srqr}
    assert (s_names[1], s_names[8], s_names[15], s_names[17], s_names[21]) == (
        "Title", "Sampling strategy", "Techniques to enhance trustworthiness", "Links to empirical data", "Funding")
    for item in (*coreq, *srqr):  # every item speaks both languages
        assert item.name_id and item.question_id and item.domain_id


def test_the_facts_are_those_of_the_file_and_of_the_other_reports(demo, facts):
    db = sqlite3.connect(demo)
    try:
        per_group = dict(db.execute("SELECT g.key, count(i.id) FROM groups g LEFT JOIN informants i "
                                    "ON i.group_id = g.id GROUP BY g.key"))
        informants = db.execute("SELECT count(*) FROM informants").fetchone()[0]
        codings = db.execute("SELECT count(*) FROM codings").fetchone()[0]
        coders = db.execute("SELECT c.name, c.role, count(k.id) FROM coders c JOIN codings k ON k.coder_id = c.id "
                            "GROUP BY c.id ORDER BY c.name").fetchall()
        types = dict(db.execute("SELECT source_type, count(*) FROM documents GROUP BY source_type"))
        codes = db.execute("SELECT count(*), sum(parent_id IS NULL) FROM codes").fetchone()
        dates = sorted(json.loads(a)["interview_date"] for (a,) in db.execute("SELECT attributes FROM informants"))
        repeated = db.execute("SELECT i.key FROM informants i JOIN documents d ON d.informant_id = i.id "
                              "GROUP BY i.id HAVING count(*) > 1").fetchall()
    finally:
        db.close()
    assert facts["informants"] == informants == 13
    assert {g["key"]: g["informants"] for g in facts["groups"]} == per_group
    assert facts["codings"] == codings
    assert [(c["name"], c["role"], c["codings"]) for c in facts["coders"]] == coders
    assert facts["source_types"] == types
    assert (facts["codebook"]["codes"], facts["codebook"]["top_level"]) == tuple(codes)
    assert facts["codebook"]["sub_codes"] == codes[0] - codes[1]
    assert facts["dates"] == {"attribute": "interview_date", "first": dates[0], "last": dates[-1]}
    assert facts["repeat_interviews"] == [k for (k,) in repeated]
    assert facts["software"] == {"name": "qualcode", "version": importlib.metadata.version("qualcode")}
    with Project.open(demo) as p:
        report = p.agreement(coders=CODERS, unit="sentence")
        pooled = report[report["code"] == "(all codes)"].iloc[0]
        saturation = saturation_facts(p, order="attribute:interview_date", coders=CODERS)
        quotes = export_table(p, "quotes").frame
    agreement = facts["agreement"]
    assert (agreement["kappa"], agreement["alpha"], agreement["units"]) == (pooled["kappa"], pooled["alpha"],
                                                                             report.attrs["units"])
    assert (agreement["unit"], agreement["rule"], agreement["documents"]) == ("sentence", "majority",
                                                                              len(report.attrs["documents"]))
    assert {k: facts["saturation"][k] for k in saturation} == saturation
    assert facts["quotations"]["example"] == quotes[quotes["informant"].notna()]["citation"].iloc[0]


def test_every_known_item_is_filled_with_those_figures_and_the_rest_is_blank(facts):
    for language in ("en", "id"):
        coreq = checklist_answers(facts, "coreq", language).set_index("item")["answer"]
        srqr = checklist_answers(facts, "srqr", language).set_index("item")["answer"]
        assert [n for n, a in coreq.items() if a == BLANK[language]] == COREQ_BLANK
        assert [n for n, a in srqr.items() if a == BLANK[language]] == SRQR_BLANK
        assert set(coreq.index) - set(COREQ_BLANK) == COREQ_KNOWN
        assert set(srqr.index) - set(SRQR_BLANK) == SRQR_KNOWN
        kappa = f"{facts['agreement']['kappa']:.2f}"
        kappa = kappa.replace(".", ",") if language == "id" else kappa
        assert "13" in coreq[12] and "3" in coreq[12]
        for group in facts["groups"]:
            name = (group["name_alt"] if language == "id" else None) or group["name"]
            assert f"{name} ({group['informants']})" in coreq[16]
        assert "585" in coreq[24] and kappa in coreq[24] and "budi" in coreq[24] and "rina" in coreq[24]
        assert "43" in coreq[25] and "35" in coreq[25]
        assert qualcode.__version__ in coreq[27]
        assert "(I-01, community, s. " in coreq[29]
        assert f"{facts['saturation']['saturated_at']}" in coreq[22] and "2021-03-09" in srqr[10]
        assert kappa in srqr[15]
        assert srqr[12].count("2021-03-09") == 1  # the dates once, though both parts know them
    english = methods_paragraph(facts, "en")
    indonesian = methods_paragraph(facts, "id")
    assert "We interviewed 13 informants in 3 groups" in english and "585 codings" in english
    assert "Kami mewawancarai 13 informan dari 3 kelompok" in indonesian and "585 pengodean" in indonesian
    assert "Masyarakat dan pemangku kepentingan (5)" in indonesian  # the groups' Indonesian names
    assert "wawancara (13)" in indonesian and "kappa Cohen" in indonesian


def test_a_project_without_codings_leaves_what_it_cannot_know_blank(project):
    facts = methods_facts(project)
    assert facts["coders"] == [] and facts["agreement"] is None and facts["saturation"] is None
    coreq = checklist_answers(facts, "coreq", "en").set_index("item")["answer"]
    assert coreq[12] == "2 informants in 2 groups."
    for number in (22, 24, 29):
        assert coreq[number] == BLANK["en"]
    srqr = checklist_answers(facts, "srqr", "en").set_index("item")["answer"]
    assert srqr[15] == BLANK["en"]


def test_one_coder_has_no_agreement(demo):
    with Project.open(demo) as p:
        facts = methods_facts(p, coders=["rina"])
        rina = int((p.coders().set_index("name")["codings"])["rina"])
    assert facts["agreement"] is None and facts["codings"] == rina
    assert checklist_answers(facts, "srqr").set_index("item")["answer"][15] == BLANK["en"]


def test_bad_options_are_refused(demo):
    with Project.open(demo) as p:
        with pytest.raises(InputError, match="checklist"):
            methods_appendix(p, checklist="consort")
        with pytest.raises(InputError, match="language"):
            methods_appendix(p, language="fr")
        with pytest.raises(NotFoundError, match="nobody"):
            methods_facts(p, coders=["rina", "nobody"])
        with pytest.raises(InputError, match="agreement unit"):
            methods_facts(p, agreement_unit="page")


def _appendix(demo, facts, checklist="both", language="en"):
    with Project.open(demo) as p:
        return methods_appendix(p, checklist=checklist, language=language, facts=facts)


def test_word_holds_one_table_per_checklist_with_the_blanks_in_bold(demo, facts, tmp_path):
    path = tmp_path / "appendix.docx"
    write_appendix(_appendix(demo, facts), path)
    doc = Document(str(path))
    assert len(doc.tables) == 2
    coreq, srqr = doc.tables
    assert (len(coreq.rows), len(srqr.rows)) == (33, 22)
    expected = checklist_answers(facts, "coreq", "en")
    for row, (number, answer) in zip(coreq.rows[1:], zip(expected["item"], expected["answer"], strict=True),
                                     strict=True):
        cells = row.cells
        assert cells[0].text == str(number) and cells[4].text == answer
        bold = all(r.bold for r in cells[4].paragraphs[0].runs)
        assert bold == (number in COREQ_BLANK)
    assert [r.cells[0].text for r in srqr.rows[1:]] == [str(n) for n in range(1, 22)]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert methods_paragraph(facts, "en") in text


def test_markdown_renders_as_text_and_keeps_the_blanks(demo, facts, tmp_path):
    path = tmp_path / "appendix.md"
    write_appendix(_appendix(demo, facts, language="id"), path)
    doc = read(path.read_text(encoding="utf-8"))
    assert set(doc.elements) <= OWN_ELEMENTS | {"h1", "h2", "ul", "li"}
    answers = [row[4] for row in doc.rows if row and row[0].isdigit()]
    assert len(answers) == 32 + 21
    assert answers.count(BLANK["id"]) == len(COREQ_BLANK) + len(SRQR_BLANK)
    assert methods_paragraph(facts, "id") in doc.paragraphs


def test_user_text_is_never_markup(tmp_path):
    hostile = "<script>alert(1)</script> *x* | [a](b) & \\ % $ # _ { } ~ ^"
    with Project.create(tmp_path / "h.qualcode", name=hostile) as p:
        p.add_group("g", hostile)
        p.add_informant("I-1", "g")
        appendix = methods_appendix(p, checklist="coreq")
    out = tmp_path / "h.md"
    write_appendix(appendix, out)
    doc = read(out.read_text(encoding="utf-8"))
    assert "script" not in doc.elements and "a" not in doc.elements
    row = next(r for r in doc.rows if r and r[0] == "16")
    assert row[4] == f"1 informant in 1 group: {hostile} (1)."
    if shutil.which("pdflatex"):
        _compile(appendix, tmp_path, "h")


def _compile(appendix, folder: Path, name: str) -> str:
    write_appendix(appendix, folder / f"{name}.tex")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=folder,
                          capture_output=True, timeout=300, check=False)
    log = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, log[-3000:]
    assert "Overfull" not in log, log
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(folder / f"{name}.pdf").pages)


@pytest.mark.parametrize("language", ["en", "id"])
def test_latex_compiles_and_reads_as_the_checklists(demo, facts, tmp_path, language):
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (CI installs TeX Live in .ci/run)")
    text = " ".join(_compile(_appendix(demo, facts, language=language), tmp_path, "appendix").split())
    # each blank, and the note under each table that names the mark
    assert text.count(BLANK[language]) == len(COREQ_BLANK) + len(SRQR_BLANK) + 2
    assert ("13 informants in 3 groups." if language == "en" else "13 informan dalam 3 kelompok.") in text
    assert f"qualcode {qualcode.__version__}" in text


def _silence(path: Path, seconds: int) -> Path:
    """A mono 8 kHz WAV of ``seconds`` of silence (its length is what the appendix reports)."""
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(bytes([128]) * 8000 * seconds)
    return path


def test_recordings_linked_to_interviews_answer_coreq_19_and_21(demo, tmp_path):
    """Two interviews with recordings of 60 and 180 seconds: item 19 counts them against the interviews (read
    from SQLite here), item 21 gives their lengths; with none linked both stay blank (the demo's case above)."""
    path = copy_project(demo, tmp_path / "recorded.qualcode")
    with sqlite3.connect(path) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM documents WHERE source_type = 'interview' "
                                            "ORDER BY id")]
    with Project.open(path) as p:
        p.link_media(names[0], _silence(tmp_path / "a.wav", 60))
        p.link_media(names[1], _silence(tmp_path / "b.wav", 180))
        facts = methods_facts(p)
    assert facts["recordings"] == {"interviews": len(names), "recorded": 2, "minutes": [1.0, 3.0]}
    coreq = checklist_answers(facts, "coreq").set_index("item")["answer"]
    assert coreq[19] == (f"Audio or video recordings are linked to 2 of {len(names)} interviews; coded passages "
                         "carry their times in the recording.")
    assert coreq[21] == "The 2 recordings whose length is known last from 1 to 3 minutes (mean 2)."
    indonesian = checklist_answers(facts, "coreq", "id").set_index("item")["answer"]
    assert indonesian[21] == "2 rekaman yang diketahui panjangnya berdurasi 1 sampai 3 menit (rata-rata 2)."
