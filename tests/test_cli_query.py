"""`qualcode query`: passages and counts in every table format, errors with a caret, saving, coding results."""

from __future__ import annotations

import csv
import io

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import copy_project
from .markdown_reader import read as read_markdown

QUERY = "E4.4 NOT E4.2 WITHIN turn"


@pytest.fixture
def demo_file(demo_path, tmp_path):
    return copy_project(demo_path, tmp_path / "demo.qualcode")


def expected(path, text=QUERY, **options):
    with Project.open(path) as p:
        return p.run_query(text, **options)


def test_csv_to_stdout_has_the_passages(demo_file):
    result = CliRunner().invoke(main, ["query", str(demo_file), QUERY])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    want = expected(demo_file)
    assert [r["quote"] for r in rows] == want["quote"].tolist()
    assert [r["citation"] for r in rows] == want["citation"].tolist()


def test_xlsx_docx_md_tex_files(demo_file, tmp_path):
    want = expected(demo_file)["quote"].tolist()
    runner = CliRunner()
    for suffix in ("xlsx", "docx", "md", "tex"):
        out = tmp_path / f"q.{suffix}"
        result = runner.invoke(main, ["query", str(demo_file), QUERY, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {len(want)} passages" in result.stderr
    sheet = openpyxl.load_workbook(tmp_path / "q.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[:2] == ["code", "code_name"])
    column = values[header].index("quote")
    assert [r[column] for r in values[header + 1:] if r[column] is not None] == want
    table = docx.Document(str(tmp_path / "q.docx")).tables[0]
    cells = [c.text for c in table.rows[0].cells]
    assert [row.cells[cells.index("quote")].text for row in table.rows[1:]] == want
    tex = (tmp_path / "q.tex").read_text(encoding="utf-8")
    assert "\\caption{Coding Query Results}" in tex and "longtable" in tex
    rows = read_markdown((tmp_path / "q.md").read_text(encoding="utf-8")).rows
    assert [r[rows[0].index("quote")] for r in rows[1:]] == want


def test_counts_by_source_type(demo_file):
    result = CliRunner().invoke(main, ["query", str(demo_file), "E4.4 OR E4.2", "--by", "source-type"])
    assert result.exit_code == 0, result.output
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    passages = Project.open(demo_file).query_passages("E4.4 OR E4.2")
    counts = passages["source_type"].value_counts()
    assert {k: int(v) for k, v in rows["all"].items() if k != "code" and int(v)} == \
        {k: int(v) for k, v in counts.items()}


def test_errors_show_the_caret(demo_file):
    result = CliRunner().invoke(main, ["query", str(demo_file), "E4.4 AND (E4.2 WITHIN turn"])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "position 15" in lines[0] and "')' expected" in lines[0]
    assert lines[1] == "  E4.4 AND (E4.2 WITHIN turn"
    assert lines[2] == "  " + " " * 15 + "^"
    assert "Traceback" not in result.output


def test_save_and_run_saved(demo_file):
    runner = CliRunner()
    result = runner.invoke(main, ["query", str(demo_file), QUERY, "--save", "gaps"])
    assert result.exit_code == 0 and "saved the query as 'gaps'" in result.stderr
    again = runner.invoke(main, ["query", str(demo_file), "--saved", "gaps"])
    assert again.exit_code == 0 and again.stdout == result.stdout
    taken = runner.invoke(main, ["query", str(demo_file), "E4.4", "--save", "gaps"])
    assert taken.exit_code == 1 and "saved already" in taken.stderr
    assert Project.open(demo_file).saved_query("gaps")["text"] == QUERY
    assert runner.invoke(main, ["query", str(demo_file)]).exit_code == 2


def test_code_as_asks_then_codes_exactly_the_passages(demo_file):
    runner = CliRunner()
    want = expected(demo_file)
    declined = runner.invoke(main, ["query", str(demo_file), QUERY, "--code-as", "E5", "--coder", "sari"], input="n\n")
    assert declined.exit_code == 0 and "nothing coded" in declined.stderr
    assert "sari" not in set(Project.open(demo_file).codings()["coder"])
    result = runner.invoke(main, ["query", str(demo_file), QUERY, "--code-as", "E5", "--coder", "sari"], input="y\n")
    assert result.exit_code == 0, result.output
    assert f"coded {len(want)} passages as E5 by sari" in result.stderr
    with Project.open(demo_file) as p:
        sari = p.codings(coders=["sari"])
        assert set(zip(sari["document_id"], sari["start"], sari["end"], strict=True)) == \
            set(zip(want["document_id"], want["start"], want["end"], strict=True))
        assert p.history()["description"].iloc[0] == f"code {len(want)} query results as E5"
    again = runner.invoke(main, ["query", str(demo_file), QUERY, "--code-as", "E5", "--coder", "sari", "--yes"])
    assert again.exit_code == 0 and "coded E5 by sari already" in again.stderr
    assert runner.invoke(main, ["query", str(demo_file), QUERY, "--code-as", "E5"]).exit_code == 2
