"""Assignments: who is to code which document, done marks, and the agreement report's default documents."""

from __future__ import annotations

import csv
import io
import json

import krippendorff
import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from sklearn.metrics import cohen_kappa_score

from qualcode.cli import main
from qualcode.errors import InputError, NotFoundError, PermissionDeniedError
from qualcode.project import Project
from qualcode.project.assignments import SELECTION_PHRASES

from .conftest import assert_refused, copy_project
from .test_project_agreement import project_by_hand

# Three sentences a coder could read through and find nothing to code in but the first.
READ_BY_BOTH = ("Kami rapat bersama dinas sosial setiap bulan untuk membahas data penerima bantuan. "
                "Rapat itu dipimpin oleh sekretaris dinas. "
                "Hasilnya dicatat dalam notulen.\n")


@pytest.fixture
def demo(demo_path, tmp_path):
    with Project.open(copy_project(demo_path, tmp_path / "demo.qualcode")) as p:
        yield p


def add_document_coded_by_rina_only(p: Project, tmp_path) -> str:
    """The issue's case: a 3-sentence document assigned to rina and budi, both mark it done, only rina codes."""
    path = tmp_path / "I-14_rapat.txt"
    path.write_text(READ_BY_BOTH, encoding="utf-8")
    p.import_document(path, informant="I-05", source_type="interview", language="id", name="I-14 Rapat")
    start = READ_BY_BOTH.index("Kami")
    end = READ_BY_BOTH.index("bantuan.") + len("bantuan.")
    p.add_coding("I-14 Rapat", start, end, "E2.1", "rina")
    p.assign(["I-14 Rapat"], ["rina", "budi"], actor="sri")
    p.mark_done("I-14 Rapat", "rina")
    p.mark_done("I-14 Rapat", "budi")
    return "I-14 Rapat"


def independent_table(p: Project, code: str, coders: list[str], documents: list[str]) -> list[list[int]]:
    """Coders x sentence units of ``documents``: 0/1 whether the coder's codings of ``code`` (or of a code
    below it) cover at least half of the unit, projected character by character in plain Python."""
    ids = [int(p.document(d)["id"]) for d in documents]
    units = p.units(kind="sentence")
    units = units[units["document_id"].isin(ids)].sort_values(["document_id", "start"])
    unit_spans = list(zip(units["document_id"], units["start"], units["end"], strict=True))
    family = {code} | {k for k, parent in zip(p.codes()["key"], p.codes()["parent"], strict=True) if parent == code}
    codings = p.codings(coders=coders)
    table = []
    for coder in coders:
        spans = [(d, s, e) for d, s, e, c, w in zip(codings["document_id"], codings["start"], codings["end"],
                                                    codings["code"], codings["coder"], strict=True)
                 if c in family and w == coder]
        table.append(project_by_hand(unit_spans, spans, "majority"))
    return table


# -- Must-show 1: a document read by both and coded by one is in the default report ---------------------

def test_document_assigned_to_both_and_coded_by_one_is_compared_by_default(demo, tmp_path):
    coders = ["rina", "budi"]
    before = demo.agreement(coders=coders, n_boot=0).set_index("code")
    name = add_document_coded_by_rina_only(demo, tmp_path)
    report = demo.agreement(coders=coders, n_boot=0).set_index("code")
    coded = demo.agreement(coders=coders, n_boot=0, selection="coded").set_index("code")

    assert report.attrs["selection"] == "assigned"
    assert name in report.attrs["documents"] and len(report.attrs["documents"]) == 7
    assert coded.attrs["selection"] == "coded" and name not in coded.attrs["documents"]
    # the old default, "coded by each", is what the report gave before the document was added
    assert coded.at["E2.1", "alpha"] == pytest.approx(before.at["E2.1", "alpha"])
    assert report.at["E2.1", "alpha"] < coded.at["E2.1", "alpha"]  # rina's lone coding is a disagreement now

    for code in ("E2.1", "E2", "E3.1"):
        table = independent_table(demo, code, coders, report.attrs["documents"])
        assert report.at[code, "alpha"] == pytest.approx(krippendorff.alpha(table, level_of_measurement="nominal"))
        assert report.at[code, "kappa"] == pytest.approx(cohen_kappa_score(table[0], table[1], labels=[0, 1]))
        assert report.at[code, "units"] == len(table[0])
    # the figures: E2.1 crosses Krippendorff's .800 line once the document is included
    assert round(coded.at["E2.1", "alpha"], 4) == 0.8167 and round(report.at["E2.1", "alpha"], 4) == 0.7807


def test_a_document_not_yet_done_by_one_coder_waits(demo, tmp_path):
    name = add_document_coded_by_rina_only(demo, tmp_path)
    demo.mark_done(name, "budi", done=False)
    report = demo.agreement(coders=["rina", "budi"], n_boot=0)
    assert name not in report.attrs["documents"] and len(report.attrs["documents"]) == 6


def test_without_assignments_the_report_compares_what_each_coded_and_says_so(demo):
    demo.unassign(list(demo.documents()["name"]), ["budi"], actor="sri")
    report = demo.agreement(coders=["rina", "budi"], n_boot=0)
    assert report.attrs["selection"] == "coded-no-assignments" and len(report.attrs["documents"]) == 6
    assert "no document is assigned to all of them" in SELECTION_PHRASES[report.attrs["selection"]]


def test_assigned_but_none_done_is_a_clear_error(demo):
    for name in demo.assignments(coder="budi")["document"]:
        demo.mark_done(name, "budi", done=False)
    assert_refused(demo, lambda: demo.agreement(coders=["rina", "budi"], n_boot=0), InputError,
                   "none of the 7 documents assigned to rina, budi is marked done by each", "not done yet by budi")
    assert len(demo.agreement(coders=["rina", "budi"], n_boot=0, selection="coded").attrs["documents"]) == 6


def test_named_documents_override_the_selection(demo):
    report = demo.agreement(coders=["rina", "budi"], documents=["I-01 Ketua LKS"], n_boot=0)
    assert report.attrs["selection"] == "named" and report.attrs["documents"] == ["I-01 Ketua LKS"]


def test_turn_units_list_a_document_without_turns(demo, tmp_path):
    name = add_document_coded_by_rina_only(demo, tmp_path)  # plain prose: no speaker turns
    report = demo.agreement(coders=["rina", "budi"], unit="turn", n_boot=0)
    assert name in report.attrs["documents"]


# -- the assignment API --------------------------------------------------------------------------------

def test_assign_is_idempotent_audited_and_undone(demo):
    assert demo.assign(["I-04 Penerima manfaat", "I-07 Disdukcapil"], ["budi"], actor="sri") == 2
    assert demo.assign(["I-04 Penerima manfaat"], ["budi", "rina"], actor="sri") == 0  # both assigned already
    frame = demo.assignments(coder="budi")
    row = frame.set_index("document").loc["I-04 Penerima manfaat"]
    assert row["assigned_by"] == "sri" and not row["done"] and row["codings"] == 0
    assert demo.assignment_progress("budi") == {"assigned": 9, "done": 6, "coded": 6}
    history = demo.history(limit=1)
    assert history.iloc[0]["description"] == "assign I-04 Penerima manfaat, I-07 Disdukcapil to budi"
    demo.undo("sri")
    assert demo.assignment_progress("budi")["assigned"] == 7
    demo.redo("sri")
    assert demo.assignment_progress("budi")["assigned"] == 9


def test_done_marks_and_their_errors(demo):
    assert demo.mark_done("I-03 Karang Taruna", "budi") is True
    assert demo.mark_done("I-03 Karang Taruna", "budi") is False  # already done: nothing written
    assert demo.assignment_progress("budi")["done"] == 7
    assert demo.history(limit=1).iloc[0]["description"] == "mark I-03 Karang Taruna done for budi"
    assert_refused(demo, lambda: demo.mark_done("I-04 Penerima manfaat", "budi"), InputError,
                   "document 'I-04 Penerima manfaat' is not assigned to budi")
    assert_refused(demo, lambda: demo.mark_done("I-03 Karang Taruna", "budi", done="yes"), InputError,
                   "done must be True or False")
    assert_refused(demo, lambda: demo.assign(["nope"], ["budi"]), NotFoundError, "unknown document 'nope'")
    assert_refused(demo, lambda: demo.assign(["I-01 Ketua LKS"], ["nobody"]), NotFoundError, "nobody")
    assert_refused(demo, lambda: demo.assign([], ["budi"]), InputError, "no document given")
    assert_refused(demo, lambda: demo.assign(["I-01 Ketua LKS"], []), InputError, "no coder given")


def test_roles_a_coder_marks_own_a_supervisor_assigns(demo, tmp_path):
    demo.add_user("sri", "supervisor-pass-1", "supervisor")
    demo.add_user("budi", "budi-pass-12345", "coder")
    demo.add_user("rina", "rina-pass-12345", "coder")
    path = demo.path
    with Project.open(path, user="budi") as budi:
        assert budi.mark_done("I-03 Karang Taruna", "budi") is True
        assert_refused(budi, lambda: budi.assign(["I-04 Penerima manfaat"], ["budi"]), PermissionDeniedError,
                       "may not assign documents to coders")
        assert_refused(budi, lambda: budi.mark_done("I-01 Ketua LKS", "rina", done=False), PermissionDeniedError,
                       "may not assign documents to coders")
    with Project.open(path, user="sri") as sri:
        assert sri.assign(["I-04 Penerima manfaat"], ["budi"]) == 1
        assert sri.assignments(coder="budi").set_index("document").at["I-04 Penerima manfaat", "assigned_by"] == "sri"
        assert sri.mark_done("I-01 Ketua LKS", "rina", done=False) is True


# -- the command line -------------------------------------------------------------------------------------

def test_cli_assign_list_done_remove(demo):
    path = str(demo.path)
    runner = CliRunner()
    out = runner.invoke(main, ["assign", "add", path, "--coders", "rina,budi", "I-04 Penerima manfaat", "--by", "sri"])
    assert out.exit_code == 0, out.output
    assert "assigned 1 (document, coder) pairs anew; 1 were assigned already" in out.output
    out = runner.invoke(main, ["assign", "done", path, "I-04 Penerima manfaat", "--coder", "budi"])
    assert out.exit_code == 0 and "done for budi" in out.output
    out = runner.invoke(main, ["assign", "list", path, "--coder", "budi"])
    assert out.exit_code == 0
    assert "I-04 Penerima manfaat\tbudi\tdone" in out.output and "I-03 Karang Taruna\tbudi\topen" in out.output
    assert "budi: 7 of 8 done, 6 begun" in out.output
    out = runner.invoke(main, ["assign", "remove", path, "--coders", "budi", "--all"])
    assert out.exit_code == 0 and "removed 8 assignments" in out.output
    out = runner.invoke(main, ["assign", "done", path, "I-01 Ketua LKS", "--coder", "budi"])
    assert out.exit_code == 1 and "is not assigned to budi" in out.output
    out = runner.invoke(main, ["assign", "add", path, "--coders", "budi"])
    assert out.exit_code == 2 and "name the documents, or give --all" in out.output


def read_settings_csv(text: str) -> dict:
    rows = list(csv.DictReader(io.StringIO(text)))
    return rows[0]


def test_cli_agreement_states_how_documents_were_chosen(demo, tmp_path):
    add_document_coded_by_rina_only(demo, tmp_path)
    path = str(demo.path)
    runner = CliRunner()
    default = runner.invoke(main, ["agreement", path, "--coders", "rina,budi", "--format", "csv"])
    assert default.exit_code == 0, default.output
    row = read_settings_csv(default.stdout)
    assert row["documents_chosen"] == "assigned" and "I-14 Rapat" in json.loads(row["documents"])
    coded = runner.invoke(main, ["agreement", path, "--coders", "rina,budi", "--documents", "coded", "-o",
                                 str(tmp_path / "a.xlsx")])
    assert coded.exit_code == 0, coded.output
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    settings = {r[0]: r[1] for r in book["settings"].iter_rows(min_row=2, values_only=True)}
    assert settings["documents chosen"] == SELECTION_PHRASES["coded"] and settings["documents"] == 6
    out = runner.invoke(main, ["export", path, "agreement", "--coders", "rina,budi", "--documents", "coded", "-o",
                               str(tmp_path / "e.md")])
    assert out.exit_code == 0, out.output
    text = (tmp_path / "e.md").read_text(encoding="utf-8")
    assert f"Documents compared (6, {SELECTION_PHRASES['coded']})" in text
    frame = pd.read_csv(io.StringIO(default.stdout))
    e21 = frame.set_index("code").at["E2.1", "alpha"]
    assert np.isclose(float(e21), 0.7807, atol=5e-4)


# -- REFI-QDA: as far as the standard goes --------------------------------------------------------------

def test_refi_export_writes_assignments_as_document_sets_and_reads_them_back(demo, tmp_path):
    import zipfile

    from defusedxml.ElementTree import fromstring

    from qualcode.refi import export_refi, import_refi

    export_refi(demo, tmp_path / "demo.qdpx")
    with zipfile.ZipFile(tmp_path / "demo.qdpx") as archive:
        root = fromstring(archive.read("project.qde"))
    ns = {"q": "urn:QDA-XML:project:1.0"}
    source_names = {s.get("guid"): s.get("name") for s in root.iterfind(".//q:TextSource", ns)}
    sets = {s.get("name"): sorted(source_names[m.get("targetGUID")] for m in s.iterfind("q:MemberSource", ns))
            for s in root.iterfind(".//q:Set", ns)}
    expected = demo.assignments()
    for coder in ("rina", "budi"):
        mine = expected[expected["coder"] == coder]
        assert sets[f"Assigned to {coder}"] == sorted(mine["document"])
        assert sets[f"Done by {coder}"] == sorted(mine.loc[mine["done"], "document"])
    assert "I-03 Karang Taruna" in sets["Assigned to budi"] and "I-03 Karang Taruna" not in sets["Done by budi"]

    with Project.create(tmp_path / "back.qualcode", name="back") as back:
        result = import_refi(back, tmp_path / "demo.qdpx")
        assert result.assignments == 24 and "24 assignments" in result.summary()
        again = back.assignments()
        assert sorted(zip(again["document"], again["coder"], again["done"], strict=True)) == sorted(
            zip(expected["document"], expected["coder"], expected["done"], strict=True))
        assert sorted(back.groups()["key"]) == ["agency", "community", "leadership"]  # the sets made no group
        assert back.agreement(coders=["rina", "budi"], n_boot=0).attrs["selection"] == "assigned"


# -- files: older ones, merged ones -----------------------------------------------------------------------

def test_a_file_from_before_assignments_gets_the_table_and_compares_what_each_coded(demo_path, tmp_path):
    import sqlite3

    from qualcode.store import SCHEMA_VERSION

    path = copy_project(demo_path, tmp_path / "old.qualcode")
    conn = sqlite3.connect(path)
    for op in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER audit_assignments_{op}")
    conn.execute("DROP TABLE assignments")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_assignments'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION and p.assignments().empty
        assert p.agreement(coders=["rina", "budi"], n_boot=0).attrs["selection"] == "coded-no-assignments"
        p.assign(["I-01 Ketua LKS"], ["rina", "budi"], actor="sri")
        p.undo("sri")  # the new table is in the audit trail
        assert p.assignments().empty


def test_merge_brings_done_marks_and_assignments_made_offline(demo, tmp_path):
    from qualcode.merge import merge_projects

    offline = copy_project(demo.path, tmp_path / "budi.qualcode")
    with Project.open(offline) as copy:
        copy.mark_done("I-03 Karang Taruna", "budi")
        copy.assign(["I-04 Penerima manfaat"], ["budi"], actor="sri")
    report = merge_projects(demo, offline)
    assert (report.assignments_added, report.marked_done) == (1, 1)
    assert "assignments: 1 added, 1 marked done as in the source" in report.lines()
    mine = demo.assignments(coder="budi").set_index("document")
    assert mine.at["I-03 Karang Taruna", "done"] and not mine.at["I-04 Penerima manfaat", "done"]
    again = merge_projects(demo, offline)
    assert (again.assignments_added, again.marked_done) == (0, 0)
