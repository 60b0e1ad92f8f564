"""`qualcode agreement` on a real project file: csv, xlsx and md, and one-line errors."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.analysis.agreement_report import REPORT_COLUMNS
from qualcode.cli import main
from qualcode.project import Project

from .conftest import snapshot
from .test_agreement_units import build_units_project


@pytest.fixture(scope="module")
def hand_path(tmp_path_factory):
    with build_units_project(tmp_path_factory.mktemp("cli-agreement")) as p:
        return p.path


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def expected(path, **kwargs) -> pd.DataFrame:
    with Project.open(path) as p:
        return p.agreement(coders=["rina", "budi"], **kwargs)


def test_csv_to_stdout(hand_path):
    frame = pd.read_csv(io.StringIO(run("agreement", hand_path, "--coders", "rina,budi").output))
    want = expected(hand_path)
    assert list(frame.columns) == ["code", "name", *REPORT_COLUMNS[1:]]  # the code's name beside its key
    assert frame["name"].fillna("").tolist() == ["Ex", "Why", ""]
    assert list(frame["code"]) == ["X", "Y", "(all codes)"]
    for column in ("percent_agreement", "kappa", "alpha", "alpha_low", "alpha_high"):
        assert frame[column].tolist() == pytest.approx(want[column].tolist(), nan_ok=True)


def test_options_unit_rule_codes(hand_path):
    out = run("agreement", hand_path, "--coders", "rina, budi", "--unit", "char", "--rule", "any",
              "--codes", "X").output
    frame = pd.read_csv(io.StringIO(out))
    want = expected(hand_path, unit="char", rule="any", codes=["X"])
    assert list(frame["code"]) == ["X", "(all codes)"]
    assert frame["kappa"].tolist() == pytest.approx(want["kappa"].tolist())
    assert frame.loc[0, "units"] == 70


def test_xlsx_and_md_files(hand_path, tmp_path):
    xlsx = tmp_path / "agreement.xlsx"
    result = run("agreement", hand_path, "--coders", "rina,budi", "-o", xlsx)
    assert "wrote agreement of rina, budi on 2 codes (sentence units, majority rule)" in result.output
    sheet = openpyxl.load_workbook(xlsx).active
    rows = list(sheet.values)
    # what `qualcode export agreement` writes: "Table 1", the title, the table, then the note
    assert [rows[0][0], rows[1][0]] == ["Table 1", "Intercoder Agreement"]
    assert list(rows[3]) == ["code", "name", *REPORT_COLUMNS[1:]]
    assert [r[0] for r in rows[4:7]] == ["X", "Y", "(all codes)"]
    assert rows[-1][0].startswith("Note. Agreement of rina, budi on sentence units (majority rule). Documents compared")
    md = tmp_path / "agreement.md"
    run("agreement", hand_path, "--coders", "rina,budi", "--format", "md", "-o", md)
    text = md.read_text(encoding="utf-8")
    assert text.startswith("**Table 1**\n\n*Intercoder Agreement*\n\n| code | name | units | coders | prevalence |")
    assert "| (all codes) |" in text and "*Note.* Agreement of rina, budi" in text
    out = run("agreement", hand_path, "--coders", "rina,budi", "--format", "md").output
    assert out == text


@pytest.mark.parametrize(("args", "message"), [
    (["--coders", "rina,nobody"], "Error: unknown coder 'nobody'; known: budi, rina"),
    (["--coders", "rina"], "Error: agreement needs at least 2 different coders; got rina"),
    (["--coders", "rina,budi", "--codes", "Z"], "Error: unknown code 'Z'; known: X, Y"),
])
def test_one_line_errors(hand_path, args, message):
    before = snapshot(hand_path)
    result = run("agreement", hand_path, *args, ok=False)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert snapshot(hand_path) == before


def test_usage_errors(hand_path, tmp_path):
    result = run("agreement", hand_path, "--coders", "rina,budi", "--format", "xlsx", ok=False)
    assert result.exit_code == 2 and "--format xlsx needs -o FILE.xlsx" in result.output
    result = run("agreement", hand_path, "--coders", "rina,budi", "--unit", "word", ok=False)
    assert result.exit_code == 2 and "'word' is not one of 'sentence', 'turn', 'char'" in result.output
    result = run("agreement", tmp_path / "missing.qualcode", "--coders", "a,b", ok=False)
    assert result.exit_code == 1 and "no such project file" in result.output
