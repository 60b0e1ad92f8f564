"""`qualcode words`: the table in every format read back, the comparison, the charts and the stop list."""

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


@pytest.fixture
def demo_file(demo_path, tmp_path):
    return copy_project(demo_path, tmp_path / "demo.qualcode")


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["words", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_csv_to_stdout_equals_the_api(demo_file):
    rows = list(csv.DictReader(io.StringIO(run(demo_file, "--by", "group", "--value", "agency", "--top", "15"))))
    with Project.open(demo_file) as p:
        table = p.word_frequencies(by="group", value="agency").head(15)
    assert [r["word"] for r in rows] == list(table["word"])
    assert [int(r["count"]) for r in rows] == list(table["count"])
    assert [int(r["informants"]) for r in rows] == list(table["informants"])
    assert [float(r["share"]) for r in rows] == pytest.approx(list(table["share"]))


def test_query_scope_counts_the_query_passages(demo_file):
    rows = list(csv.DictReader(io.StringIO(run(demo_file, "--query", "E6.1 AND E6.2"))))
    with Project.open(demo_file) as p:
        table = p.word_frequencies(by="query", value="E6.1 AND E6.2")
        wider = p.word_frequencies(by="query", value="E6.1 OR E6.2")
    assert rows
    assert [(r["word"], int(r["count"])) for r in rows] == list(zip(table["word"], table["count"], strict=True))
    assert len(rows) < len(wider)  # the AND passages are a part of the OR passages
    result = CliRunner().invoke(main, ["words", str(demo_file), "--query", "E6.1 AND", "--by", "group"])
    assert result.exit_code != 0 and "--query counts one query" in result.output
    result = CliRunner().invoke(main, ["words", str(demo_file), "--query", "E6.1 AND"])
    assert result.exit_code != 0 and "position 8" in result.output


def test_where_keeps_the_documents_of_a_condition(demo_file):
    rows = list(csv.DictReader(io.StringIO(run(demo_file, "--where", "gender = P AND group = community"))))
    with Project.open(demo_file) as p:
        table = p.word_frequencies(where="gender = P AND group = community")
        everything = p.word_frequencies()
    assert rows and len(rows) < len(everything)
    assert [(r["word"], int(r["count"])) for r in rows] == list(zip(table["word"], table["count"], strict=True))
    result = CliRunner().invoke(main, ["words", str(demo_file), "--where", "gender < P"])
    assert result.exit_code != 0 and "position" in result.output


def test_xlsx_and_docx_read_back(demo_file, tmp_path):
    with Project.open(demo_file) as p:
        code = p.codings()["code"].value_counts().index[0]
        table = p.word_frequencies(by="code", value=code).head(10)
    run(demo_file, "--by", "code", "--value", code, "--top", "10", "-o", tmp_path / "w.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[:2] == ["word", "count"])
    body = values[header + 1:header + 11]
    assert [(r[0], r[1]) for r in body] == list(zip(table["word"], table["count"], strict=True))
    run(demo_file, "--by", "code", "--value", code, "--top", "10", "-o", tmp_path / "w.docx")
    cells = [[c.text for c in r.cells] for r in docx.Document(tmp_path / "w.docx").tables[0].rows]
    assert [r[0] for r in cells[1:]] == list(table["word"])
    assert "Word frequencies of code" in "\n".join(par.text for par in docx.Document(tmp_path / "w.docx").paragraphs)


def test_compare_writes_the_log_likelihood(demo_file, tmp_path):
    run(demo_file, "--compare", "community", "leadership", "-o", tmp_path / "c.csv")
    with open(tmp_path / "c.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with Project.open(demo_file) as p:
        table = p.compare_words("community", "leadership")
    assert [r["word"] for r in rows] == list(table["word"])
    assert [float(r["log_likelihood"]) for r in rows] == pytest.approx(list(table["log_likelihood"]))
    assert [int(r["count community"]) for r in rows] == list(table["count_a"])
    assert rows[0]["p"] == "< .001"


def test_stop_add_and_remove_change_the_project(demo_file):
    result = CliRunner().invoke(main, ["words", str(demo_file), "--stop-add", "nggak,Ya", "--actor", "sri"])
    assert result.exit_code == 0 and "stop list: nggak, ya" in result.stderr
    assert run(demo_file, "--stop-list").split() == ["nggak", "ya"]
    words = [r["word"] for r in csv.DictReader(io.StringIO(run(demo_file, "--top", "50")))]
    assert "nggak" not in words and "ya" not in words
    CliRunner().invoke(main, ["words", str(demo_file), "--stop-remove", "ya", "--actor", "sri"])
    with Project.open(demo_file) as p:
        assert p.stop_list() == ["nggak"]
        assert p.history(limit=1).iloc[0]["description"] == "change the stop list: 0 added, 1 removed"


def test_charts_are_written(demo_file, tmp_path):
    run(demo_file, "--top", "20", "--chart", tmp_path / "bar.png", "--cloud", tmp_path / "cloud.svg")
    assert (tmp_path / "bar.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "cloud.svg").read_text(encoding="utf-8")
    with Project.open(demo_file) as p:
        top = p.word_frequencies()["word"].head(20)
    assert all(f">{word}<" in svg for word in top)


def test_errors_are_one_line(demo_file):
    result = CliRunner().invoke(main, ["words", str(demo_file), "--by", "group", "--value", "nobody"])
    assert result.exit_code == 1 and "unknown group 'nobody'" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["words", str(demo_file), "--stop-add", "123"])
    assert result.exit_code == 1 and "'123' is not a word" in result.output
    result = CliRunner().invoke(main, ["words", str(demo_file), "--format", "xlsx"])
    assert result.exit_code == 2 and "needs -o" in result.output
