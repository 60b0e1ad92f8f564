"""The consistency check finds each kind of damage done to a copy of a project with raw SQL."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode.check import PROBLEM_KINDS, Problem, check_project
from qualcode.cli import main
from qualcode.errors import ProjectFileError


@pytest.fixture
def work(demo_path: Path, tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    shutil.copyfile(demo_path, path)
    return path


def damage(path: Path, *statements: str) -> None:
    """Run raw SQL on the file with foreign keys off, as a careless tool or a bug would."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def kinds(problems: list[Problem]) -> set[str]:
    return {p.kind for p in problems}


def test_a_clean_demo_copy_has_no_problems(work: Path):
    assert check_project(work) == []


def test_changed_quote(work: Path):
    damage(work, "UPDATE codings SET quote = 'words nobody said' WHERE id = 5")
    problems = check_project(work)
    assert problems == [p for p in problems if p.kind == "quote"] and len(problems) == 1
    assert problems[0].message.startswith("coding 5 in '")
    assert "'words nobody said'" in problems[0].message


def test_deleted_code(work: Path):
    conn = sqlite3.connect(str(work))
    code_id, used = conn.execute("SELECT code_id, count(*) FROM codings GROUP BY code_id ORDER BY 2 DESC").fetchone()
    conn.close()
    damage(work, f"DELETE FROM codes WHERE id = {code_id}")
    problems = check_project(work)
    assert kinds(problems) == {"orphan"}
    orphan_codings = [p for p in problems if p.message.startswith("codings row ")]
    assert len(orphan_codings) == used
    assert all(f"code_id = {code_id} points to a missing codes row" in p.message for p in orphan_codings)


def test_deleted_group_leaves_informants_orphaned(work: Path):
    damage(work, "DELETE FROM groups WHERE id = (SELECT min(group_id) FROM informants)")
    problems = check_project(work)
    assert kinds(problems) == {"orphan"}
    assert all(p.message.startswith("informants row ") and "group_id" in p.message for p in problems)


def test_deleted_coder_and_document(work: Path):
    damage(work, "DELETE FROM coders WHERE name = 'budi'", "DELETE FROM documents WHERE id = 3")
    messages = [p.message for p in check_project(work)]
    assert any(m.startswith("codings row ") and "coder_id" in m for m in messages)
    assert any(m.startswith("codings row ") and "document_id = 3" in m for m in messages)
    assert any(m.startswith("units row ") and "document_id = 3" in m for m in messages)


def test_coding_past_the_end_of_its_text(work: Path):
    damage(work, 'UPDATE codings SET "end" = (SELECT length(text) + 7 FROM documents d '
                 "WHERE d.id = codings.document_id) WHERE id = 2")
    problems = check_project(work)
    assert kinds(problems) == {"offsets"} and len(problems) == 1
    assert problems[0].message.startswith("coding 2 in '") and "is outside the text" in problems[0].message


def test_unit_past_the_end_of_its_text(work: Path):
    damage(work, 'UPDATE units SET "end" = 10000000 WHERE id = 1')
    problems = check_project(work)
    assert [p.kind for p in problems] == ["offsets"]
    assert problems[0].message.startswith("unit 1 in '")


def test_document_without_units(work: Path):
    damage(work, "DELETE FROM units WHERE document_id = 2")
    problems = check_project(work)
    assert [p.kind for p in problems] == ["no_units"]
    assert "(id 2) has no units" in problems[0].message


def test_wrong_content_hash(work: Path):
    damage(work, "UPDATE documents SET sha256 = 'ab' || substr(sha256, 3) WHERE id = 1")
    problems = check_project(work)
    assert [p.kind for p in problems] == ["sha256"]


def test_damaged_index_pages(work: Path):
    conn = sqlite3.connect(str(work))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'codings_by_document'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with work.open("r+b") as fh:  # overwrite the index's root page, as a failing disk might
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * page_size)
    problems = check_project(work)
    assert "integrity" in kinds(problems)


def test_every_kind_is_documented():
    doc = check_project.__doc__
    assert all(f"``{kind}``" in doc for kind in PROBLEM_KINDS)


def test_check_refuses_what_is_not_a_project(tmp_path: Path):
    text = tmp_path / "notes.txt"
    text.write_text("field notes", encoding="utf-8")
    with pytest.raises(ProjectFileError, match=f"{text}: not a qualcode project"):
        check_project(text)
    with pytest.raises(ProjectFileError, match="no such project file"):
        check_project(tmp_path / "missing.qualcode")


# -- command line ----------------------------------------------------------------------

def test_cli_check_exit_codes(work: Path, tmp_path: Path):
    runner = CliRunner()
    clean = runner.invoke(main, ["check", str(work)])
    assert clean.exit_code == 0
    assert clean.output == "ok: no problems found\n"

    damage(work, "UPDATE codings SET quote = 'x' WHERE id IN (1, 2)", "DELETE FROM units WHERE document_id = 4")
    broken = runner.invoke(main, ["check", str(work)])
    assert broken.exit_code == 1
    lines = broken.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["quote", "quote", "no_units"]
    assert f"3 problems found in {work}" in broken.stderr

    missing = runner.invoke(main, ["check", str(tmp_path / "missing.qualcode")])
    assert missing.exit_code == 1 and "no such project file" in missing.output
