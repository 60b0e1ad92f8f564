"""`--where CONDITION` and `--by attribute:NAME` on `matrix`, `matrix-chart`, `export` and `report`: the files they
write, read back, against plain pandas on the demo project."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from docx import Document

from qualcode.cli import main
from qualcode.project import Project

from .conftest import copy_project


@pytest.fixture(scope="module")
def path(demo_path, tmp_path_factory):
    return copy_project(demo_path, tmp_path_factory.mktemp("cli-where") / "demo.qualcode")


@pytest.fixture(scope="module")
def codings(path):
    with Project.open(path) as p:
        frame = p.codings()
        informants = p.informants()
    gender = {k: a.get("gender") for k, a in zip(informants["key"], informants["attributes"], strict=True)}
    return frame.assign(gender=frame["informant"].map(gender))


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result


def test_matrix_by_attribute_with_where(path, codings, tmp_path):
    out = tmp_path / "m.xlsx"
    run("matrix", path, "--by", "attribute:gender", "--where", "group = leadership OR coder = budi", "-o", out)
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if r and r[0] == "code")
    body = {r[0]: dict(zip(header, r, strict=False)) for r in rows[rows.index(header) + 1:] if r and r[0]}
    kept = codings[(codings["group"] == "leadership") | (codings["coder"] == "budi")]
    expected = kept.dropna(subset=["gender"]).groupby(["code", "gender"]).size()
    for (code, gender), n in expected.items():
        assert body[code][gender] == n
    assert sum(v for r in body.values() for k, v in r.items() if k in ("L", "P") and isinstance(v, int)) == \
        int(kept["gender"].notna().sum())
    notes = " ".join(str(c) for r in rows for c in r if isinstance(c, str))
    assert "Only the codings where group = leadership OR coder = budi" in notes


def test_export_quotes_where(path, codings, tmp_path):
    out = tmp_path / "q.csv"
    run("export", path, "quotes", "--where", "gender = P AND source_type = interview", "-o", out)
    frame = pd.read_csv(out)
    frame = frame[frame["code"].notna() & frame["informant"].notna()]
    kept = codings[(codings["gender"] == "P") & (codings["source_type"] == "interview")]
    assert set(frame["informant"]) == set(kept["informant"])
    passages = kept.drop_duplicates(["code", "document_id", "start", "end"])
    assert len(frame) == len(passages)


def test_report_where(path, codings, tmp_path):
    out = tmp_path / "r.docx"
    run("report", path, "-o", out, "--where", "group = community")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    text += "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "where group = community" in text
    assert str(int((codings["group"] == "community").sum())) in text


def test_bad_condition_shows_the_caret(path):
    result = run("matrix", path, "--where", "group = leadership AND colour = red", ok=False)
    lines = result.output.splitlines()
    at = next(i for i, line in enumerate(lines) if "condition error at position 23" in line)
    assert lines[at + 2].index("^") - lines[at + 1].index("group") == 23
    result = run("matrix", path, "--by", "colour", ok=False)
    assert "attribute:NAME" in result.output
