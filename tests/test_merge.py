"""Merging the codings of copies of a project coded offline by different coders."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.backup import backup
from qualcode.check import check_project
from qualcode.cli import main
from qualcode.errors import CodingError, InputError, ProjectFileError
from qualcode.merge import merge_projects
from qualcode.project import CodingSpec, Project

from .conftest import snapshot

SECOND = "Pewawancara: Siapa yang memulai?\n\nInforman: Dinas Sosial yang memulai forum itu.\n"
OFFLINE = "2026-03-01T09:30:00+00:00"  # when budi coded in his copy
EXTRA = "Catatan observasi: rapat koordinasi dimulai terlambat, peserta dari desa sedikit.\n"


def key_of(row) -> tuple:
    return (row.document, row.code, row.coder, row.start, row.end)


@pytest.fixture
def copies(project: Project, transcript: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two copies of one project (two documents, one shared coding), each then coded by its own coder:
    rina in a.qualcode, budi in b.qualcode; b also gained a document and a code the base lacks."""
    second = tmp_path / "I-09_wawancara.txt"
    second.write_text(SECOND, encoding="utf-8")
    project.import_document(transcript, informant="I-01")
    project.import_document(second, informant="I-09")
    project.add_coding("I-01_wawancara", 0, 19, "A", "lead")
    a, b = backup(project.path, tmp_path / "a.qualcode"), backup(project.path, tmp_path / "b.qualcode")
    with Project.open(a) as p:
        p.add_codings([CodingSpec("I-01_wawancara", 20, 35, "A.1", "rina"),
                       CodingSpec("I-09_wawancara", 0, 12, "B", "rina", memo="who started it")])
    extra = tmp_path / "obs_rapat.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    with Project.open(b) as p:
        p.add_codings([CodingSpec("I-01_wawancara", 20, 35, "A.1", "budi", created_at=OFFLINE),  # same span as
                       CodingSpec("I-09_wawancara", 40, 60, "A", "budi", created_at=OFFLINE)])  # rina: kept apart
        p.add_code("C", "Commitment", color="#00aa00")
        p.add_code("C.1", "Shared vision", parent="C")
        p.add_codings([CodingSpec("I-09_wawancara", 14, 30, "C.1", "budi")])
        p.import_document(extra, informant="I-09", source_type="observation")
        p.add_codings([CodingSpec("obs_rapat", 0, 17, "B", "budi")])
    return a, b


def test_merge_brings_every_coding_once_with_coders_kept_apart(copies):
    a, b = copies
    with Project.open(b) as p:
        budi = {key_of(r) for r in p.codings(coders=["budi"]).itertuples()}
    with Project.open(a) as target:
        before = {key_of(r) for r in target.codings().itertuples()}
        report = merge_projects(target, b)
        after = target.codings()
    keys = [key_of(r) for r in after.itertuples()]
    assert len(keys) == len(set(keys))  # all present once
    merged = {k for k in budi if k[0] != "obs_rapat" and k[1] != "C.1"}
    assert set(keys) == before | merged
    assert report.codings_added == len(merged) == 2
    assert report.duplicates_skipped == 1  # the coding both copies had from the base
    assert report.coders_added == ["budi"]
    same_span = after[(after.start == 20) & (after.end == 35)]
    assert sorted(same_span.coder) == ["budi", "rina"]
    assert set(after[after.coder == "budi"]["created_at"]) == {OFFLINE}  # the time of coding, not of merging
    assert check_project(a) == []


def test_merging_twice_adds_nothing(copies):
    a, b = copies
    with Project.open(a) as target:
        merge_projects(target, b, include_documents=True, add_codes=True)
        once = snapshot(a)
        report = merge_projects(target, b, include_documents=True, add_codes=True)
    twice = snapshot(a)
    assert report.codings_added == 0 and report.documents_imported == [] and report.codes_added == []
    assert report.duplicates_skipped == 5  # every coding of the source
    for table in ("codings", "documents", "units", "codes", "coders"):
        assert twice[table] == once[table], table


def test_unmatched_documents_and_unknown_codes_are_reported(copies):
    a, b = copies
    with Project.open(a) as target:
        report = merge_projects(target, b)
        assert "obs_rapat" not in set(target.documents().name)
        assert "C" not in set(target.codes().key)
    assert report.unmatched_documents == ["obs_rapat"]
    assert report.unknown_codes == ["C", "C.1"]
    assert report.codings_not_merged == 2
    text = "\n".join(report.lines())
    assert "documents not in the target, not imported (use --include-documents): obs_rapat" in text
    assert "codes not in the target (use --add-codes): C, C.1" in text


def test_include_documents_and_add_codes(copies):
    a, b = copies
    with Project.open(b) as source:
        source_units = source.units("obs_rapat").drop(columns=["id", "document_id"])
        source_doc = source.document("obs_rapat")
    with Project.open(a) as target:
        report = merge_projects(target, b, include_documents=True, add_codes=True)
        doc = target.document("obs_rapat")
        units = target.units("obs_rapat").drop(columns=["id", "document_id"])
        codes = target.codes().set_index("key")
        informant = target.documents().set_index("name").loc["obs_rapat", "informant"]
        codings = target.codings()
    assert report.documents_imported == ["obs_rapat"] and report.codes_added == ["C", "C.1"]
    assert report.codings_added == 4 and report.codings_not_merged == 0
    assert doc["text"] == source_doc["text"] and doc["sha256"] == source_doc["sha256"]
    assert units.equals(source_units)
    assert informant == "I-09"
    assert codes.loc["C.1", "parent"] == "C" and codes.loc["C", "color"] == "#00aa00"
    assert set(codings[codings.document == "obs_rapat"].coder) == {"budi"}
    assert check_project(a) == []


def test_documents_match_by_content_not_name(project: Project, transcript: Path, tmp_path: Path):
    project.import_document(transcript, informant="I-01")
    other = backup(project.path, tmp_path / "other.qualcode")
    with Project.open(other) as p:
        p.add_coding("I-01_wawancara", 0, 10, "B", "sari")
    conn = sqlite3.connect(str(other))
    conn.execute("UPDATE documents SET name = 'renamed elsewhere'")
    conn.commit()
    conn.close()
    report = merge_projects(project, other)
    assert report.codings_added == 1 and report.unmatched_documents == []
    assert list(project.codings(coders=["sari"]).document) == ["I-01_wawancara"]


def test_imported_document_without_its_informant(project: Project, transcript: Path, tmp_path: Path):
    other = backup(project.path, tmp_path / "other.qualcode")
    with Project.open(other) as p:
        p.add_group("extra", "Extra")
        p.add_informant("I-50", "extra")
        p.import_document(transcript, informant="I-50")
    report = merge_projects(project, other, include_documents=True)
    assert report.documents_without_informant == ["I-01_wawancara"]
    assert project.documents().set_index("name").loc["I-01_wawancara", "informant"] is None


def test_a_source_that_is_not_a_project_changes_nothing(copies, tmp_path: Path):
    a, _ = copies
    notes = tmp_path / "notes.qualcode"
    notes.write_text("not a project", encoding="utf-8")
    before = snapshot(a)
    with Project.open(a) as target:
        with pytest.raises(ProjectFileError, match=f"{notes}: not a qualcode project"):
            merge_projects(target, notes)
        with pytest.raises(ProjectFileError, match="no such project file"):
            merge_projects(target, tmp_path / "missing.qualcode")
        with pytest.raises(InputError, match="cannot merge a project into itself"):
            merge_projects(target, a)
    assert snapshot(a) == before


def test_a_failure_halfway_leaves_the_target_unchanged(copies):
    """Codes and a coder are added before the bad coding is reached; all of it is rolled back."""
    a, b = copies
    conn = sqlite3.connect(str(b))
    conn.execute('UPDATE codings SET "end" = 100000 WHERE code_id = (SELECT id FROM codes WHERE key = \'C.1\')')
    conn.commit()
    conn.close()
    before = snapshot(a)
    with Project.open(a) as target:
        with pytest.raises(CodingError, match=f"^{b}: coding in 'I-09_wawancara': span 14:100000 is invalid"):
            merge_projects(target, b, include_documents=True, add_codes=True)
    assert snapshot(a) == before


def test_cli_merge(copies):
    a, b = copies
    runner = CliRunner()
    result = runner.invoke(main, ["merge", str(a), str(b), "--include-documents", "--add-codes"])
    assert result.exit_code == 0, result.output
    assert f"merged {b}: added 4 codings, skipped 1 already there" in result.output
    assert "documents imported: obs_rapat" in result.output
    again = runner.invoke(main, ["merge", str(a), str(b)])
    assert again.exit_code == 0 and "added 0 codings, skipped 5 already there" in again.output
    bad = runner.invoke(main, ["merge", str(a), str(a.parent / "missing.qualcode")])
    assert bad.exit_code == 1 and "no such project file" in bad.output


MEMO_ROWS = """SELECT m.kind, m.title, m.text, m.author, m.created_at,
                      CASE m.kind WHEN 'document' THEN (SELECT name FROM documents WHERE id = m.target_id)
                                  WHEN 'code' THEN (SELECT key FROM codes WHERE id = m.target_id)
                                  WHEN 'informant' THEN (SELECT key FROM informants WHERE id = m.target_id)
                                  WHEN 'group' THEN (SELECT key FROM groups WHERE id = m.target_id)
                                  WHEN 'coding' THEN (SELECT d.name || ' ' || k.key || ' ' || c.start || '-' || c."end"
                                                      FROM codings c JOIN documents d ON d.id = c.document_id
                                                      JOIN codes k ON k.id = c.code_id WHERE c.id = m.target_id)
                      END AS about
               FROM memos m ORDER BY m.title"""
LINK_ROWS = """SELECT m.title, d.name, l.start, l."end", o.title FROM memo_links l JOIN memos m ON m.id = l.memo_id
               LEFT JOIN documents d ON d.id = l.document_id LEFT JOIN memos o ON o.id = l.linked_memo_id
               ORDER BY 1, 2, 3, 5"""


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_memos_and_attribute_types_come_along(project: Project, transcript: Path, tmp_path: Path):
    """Memos of every kind written offline arrive on the same targets with their links, authors and times; one
    on something the target lacks is counted, not merged; merging again adds none; the source's attribute
    types come along unless the target's values do not fit them."""
    project.import_document(transcript, informant="I-01")
    project.add_coding("I-01_wawancara", 0, 19, "A", "lead")
    journal = project.add_memo("project", title="Journal, day one", text="Started.", author="lead")
    a, b = backup(project.path, tmp_path / "a.qualcode"), backup(project.path, tmp_path / "b.qualcode")
    with Project.open(a) as p:
        p.edit_informant("I-01", attributes={"age": "forty"})  # a value no number type fits
    extra = tmp_path / "obs_rapat.txt"
    extra.write_text(EXTRA, encoding="utf-8")
    with Project.open(b) as p:
        coding = p.add_coding("I-01_wawancara", 20, 35, "A.1", "budi")
        p.add_code("C", "Commitment")
        p.import_document(extra, informant="I-09", source_type="observation")
        on_document = p.add_memo("document", "I-01_wawancara", title="Long pauses", author="budi")
        p.link_passage(on_document, "I-01_wawancara", 5, 19)
        on_coding = p.add_memo("coding", coding, title="Why A.1", text="the forum", author="budi")
        p.link_memo(on_coding, on_document)
        p.link_memo(on_coding, journal)
        p.add_memo("informant", "I-09", title="Busy", author="budi")
        p.add_memo("group", "leadership", title="Leaders", author="budi")
        p.add_memo("code", "A", title="About A", author="budi")
        p.add_memo("code", "C", title="About C", author="budi")  # a code the target lacks
        late = p.add_memo("project", title="Observation day", author="budi")
        p.link_passage(late, "obs_rapat", 0, 17)  # a document the target lacks: the link stays behind
        p.set_attribute_type("seniority", "category", ["junior", "senior"])
        p.set_attribute_type("age", "number")
        expected = [r for r in rows(b, MEMO_ROWS) if r[1] != "About C"]
        expected_links = [r for r in rows(b, LINK_ROWS) if r[1] != "obs_rapat"]
    with Project.open(a) as target:
        report = merge_projects(target, b, actor="lead")
        assert (report.memos_added, report.memos_skipped, report.memos_not_merged) == (6, 1, 1)
        assert report.attribute_types_added == ["seniority"]
        assert report.attribute_types_refused == ["age"]
        assert "memos: 6 added, 1 already there" in report.lines()
    assert rows(a, "SELECT name, kind, categories FROM attribute_types") == [
        ("seniority", "category", '["junior", "senior"]')]
    assert rows(a, MEMO_ROWS) == expected  # same kinds, targets, titles, texts, authors and times
    assert rows(a, LINK_ROWS) == expected_links
    assert check_project(a) == []
    with Project.open(a) as target:
        again = merge_projects(target, b, actor="lead")
        assert (again.memos_added, again.memos_skipped) == (0, 7)
    assert rows(a, MEMO_ROWS) == expected and rows(a, LINK_ROWS) == expected_links
    with Project.open(a) as target:
        target.undo("lead")  # the first merge (the second changed nothing, so is no step): memos, links, types go
    assert rows(a, MEMO_ROWS) == [r for r in expected if r[1] == "Journal, day one"]
    assert rows(a, LINK_ROWS) == []
    assert rows(a, "SELECT name FROM attribute_types") == []
