"""`qualcode agreement` on a real project file: csv, xlsx and md, and one-line errors."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import qualcode
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


SETTINGS_COLUMNS = ["unit", "rule", "coders_compared", "documents", "n_documents", "documents_chosen", "level",
                    "rollup", "n_boot", "seed", "qualcode_version", "date"]


def expected(path, **kwargs) -> pd.DataFrame:
    with Project.open(path) as p:
        return p.agreement(coders=["rina", "budi"], **kwargs)


def test_csv_to_stdout(hand_path):
    frame = pd.read_csv(io.StringIO(run("agreement", hand_path, "--coders", "rina,budi").output))
    want = expected(hand_path)
    # the code's name beside its key, then the report's columns, then what every row rests on
    assert list(frame.columns) == ["code", "name", *REPORT_COLUMNS[1:], *SETTINGS_COLUMNS]
    assert frame["name"].fillna("").tolist() == ["Ex", "Why", "", ""]
    assert list(frame["code"]) == ["X", "Y", "(all codes)", "(all codes, coded units)"]
    for column in ("percent_agreement", "kappa", "alpha", "alpha_low", "alpha_high"):
        assert frame[column].tolist() == pytest.approx(want[column].tolist(), nan_ok=True)


def test_options_unit_rule_codes(hand_path):
    out = run("agreement", hand_path, "--coders", "rina, budi", "--unit", "char", "--rule", "any",
              "--codes", "X").output
    frame = pd.read_csv(io.StringIO(out))
    want = expected(hand_path, unit="char", rule="any", codes=["X"])
    assert list(frame["code"]) == ["X", "(all codes)", "(all codes, coded units)"]
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
    assert [r[0] for r in rows[4:8]] == ["X", "Y", "(all codes)", "(all codes, coded units)"]
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
    result = run("agreement", hand_path, "--coders", "rina,budi", "--format", "docx", ok=False)
    assert result.exit_code == 2 and "--format docx needs -o FILE.docx" in result.output
    result = run("agreement", hand_path, "--coders", "rina,budi", "--unit", "word", ok=False)
    assert result.exit_code == 2 and "'word' is not one of 'sentence', 'turn', 'char'" in result.output
    result = run("agreement", tmp_path / "missing.qualcode", "--coders", "a,b", ok=False)
    assert result.exit_code == 1 and "no such project file" in result.output


# -- reports that say what they rest on --------------------------------------------------------------

ODD_NAME = 'd#2, "quoted"'  # a '#', a comma and quotes: what breaks a commented CSV header or a naive reader


@pytest.fixture(scope="module")
def two_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-agreement-two")
    with build_units_project(folder) as p:
        other = folder / "d2.txt"
        other.write_text("Both read this one. Only budi coded it.\n", encoding="utf-8")
        p.import_document(other, language="en", name=ODD_NAME)
        p.add_coding(ODD_NAME, 0, 19, "X", "rina")
        p.add_coding(ODD_NAME, 0, 19, "X", "budi")
        p.add_coding(ODD_NAME, 20, 39, "Y", "budi")
        return p.path


def basis(path) -> dict:
    """What the report rests on, from the Project API: documents, units."""
    with Project.open(path) as p:
        report = p.agreement(coders=["rina", "budi"], n_boot=0)
    return {"documents": report.attrs["documents"], "units": report.attrs["units"]}


def test_csv_carries_its_settings_on_every_row(two_path):
    import csv
    import json

    want = basis(two_path)
    assert want["documents"] == ["d1", ODD_NAME]
    text = run("agreement", two_path, "--coders", "rina,budi", "--codes", "X,Y").output
    by_pandas = pd.read_csv(io.StringIO(text))  # no argument needed: the settings are columns
    by_csv = list(csv.DictReader(io.StringIO(text)))
    assert list(by_pandas["code"]) == [r["code"] for r in by_csv] == ["X", "Y", "(all codes)",
                                                                      "(all codes, coded units)"]
    for rows in (by_pandas.to_dict("records"), by_csv):
        for row in rows:
            assert row["unit"] == "sentence" and row["rule"] == "majority"
            assert json.loads(row["coders_compared"]) == ["rina", "budi"]
            assert json.loads(row["documents"]) == want["documents"] and int(row["n_documents"]) == 2
            assert int(row["n_boot"]) == 500 and int(row["seed"]) == 0 and row["level"] == "nominal"
            assert str(row["rollup"]) == "True" and row["qualcode_version"] == qualcode.__version__
            assert row["date"].endswith(" UTC")
    assert int(by_pandas.at[0, "units"]) == want["units"] == 5  # three sentences of d1, two of d2
    # the same from a file, and from `qualcode export agreement`
    out = Path(str(two_path)).parent / "report.csv"
    run("export", two_path, "agreement", "--coders", "rina,budi", "-o", out)
    exported = pd.read_csv(out)
    assert set(exported["unit"]) == {"sentence"} and set(exported["seed"]) == {0}
    assert json.loads(exported.at[0, "documents"]) == want["documents"]


@pytest.mark.parametrize("command", ["agreement", "export"])
def test_xlsx_has_a_settings_sheet(two_path, tmp_path, command):
    out = tmp_path / "agreement.xlsx"
    args = (["agreement", two_path] if command == "agreement" else ["export", two_path, "agreement"])
    run(*args, "--coders", "rina,budi", "--unit", "char", "--rule", "any", "-o", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["agreement", "settings"]
    rows = list(book["settings"].values)
    assert rows[0] == ("setting", "value")
    settings = dict(rows[1:])
    with Project.open(two_path) as p:
        report = p.agreement(coders=["rina", "budi"], unit="char", rule="any", n_boot=0)
    assert settings["unit"] == "char" and settings["rule"].startswith("any: ")
    assert settings["coders"] == "rina, budi"
    assert settings["documents"] == 2 and settings["document names"] == f"d1; {ODD_NAME}"
    assert settings["units"] == report.attrs["units"] and settings["level of measurement"] == "nominal"
    assert (settings["bootstrap resamples"], settings["bootstrap seed"]) == (500, 0)
    assert settings["parent codes"] == "carry their sub-codes (no code reported has any)"
    assert settings["qualcode version"] == qualcode.__version__
    assert settings["small-sample rule"] == "Krippendorff (2019): alpha_min 0.8, p 0.05"
    # and the sheet pandas reads by name
    frame = pd.read_excel(out, sheet_name="settings")
    assert frame.set_index("setting").at["unit", "value"] == "char"


def note_checks(note: str, *, documents: str) -> None:
    """What the note of a docx, tex or md report states."""
    assert "Agreement of rina, budi on sentence units (majority rule)." in note
    # the hand-made project assigns nothing: the report says it compared what each coded, and why
    assert (f"Documents compared (2, coded by every coder compared (no document is assigned to all of them)): "
            f"{documents}.") in note
    assert "Rule: a unit carries a code when a coder's codings cover at least half of it." in note
    assert "Units: 5 sentences, " in note and "Level of measurement: nominal" in note
    assert "500 bootstrap resamples of units (seed 0)" in note
    assert f"qualcode {qualcode.__version__} on " in note


@pytest.mark.parametrize("fmt", ["docx", "md", "tex"])
@pytest.mark.parametrize("command", ["agreement", "export"])
def test_paper_formats_state_the_settings_in_the_note(two_path, tmp_path, fmt, command):
    import docx

    from .markdown_reader import read as read_markdown

    out = tmp_path / f"agreement.{fmt}"
    args = (["agreement", two_path] if command == "agreement" else ["export", two_path, "agreement"])
    run(*args, "--coders", "rina,budi", "-o", out)
    if fmt == "docx":
        note = docx.Document(str(out)).paragraphs[-1].text
        assert note.startswith("Note. ")
        note_checks(note, documents=f"d1, {ODD_NAME}")
    elif fmt == "md":
        note = read_markdown(out.read_text(encoding="utf-8")).paragraphs[-1]
        note_checks(note, documents=f"d1, {ODD_NAME}")
    else:
        text = out.read_text(encoding="utf-8")
        note = text[text.index(r"\textit{Note.}"):]
        # as LaTeX typesets it: \# a hash, \% a percent sign, ``...'' double quotes
        plain = note.replace(r"\#", "#").replace(r"\%", "%").replace("``", '"').replace("''", '"')
        note_checks(plain, documents=f"d1, {ODD_NAME}")


def test_no_rollup_and_many_documents(tmp_path):
    # a parent with one sub-code, and eleven documents: the settings sheet names them in a sheet of their own
    from qualcode.codebook import Code, Codebook
    from qualcode.project import CodingSpec

    p = Project.create(tmp_path / "many.qualcode")
    p.load_codebook(Codebook(name="m", codes=[Code(key="P", name="Pe"), Code(key="P.1", name="One", parent="P")]))
    names = [f"doc {i:02d}" for i in range(11)]
    for i, name in enumerate(names):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Sentence {i:02d} here. Another one there.\n", encoding="utf-8")
        p.import_document(path, language="en", name=name)
    p.add_codings([CodingSpec(name, 0, 18, "P.1", coder) for name in names for coder in ("rina", "budi")]
                  + [CodingSpec(names[0], 19, 37, "P.1", "budi")])
    p.close()
    on, off = tmp_path / "on.xlsx", tmp_path / "off.csv"
    run("agreement", p.path, "--coders", "rina,budi", "-o", on)
    run("agreement", p.path, "--coders", "rina,budi", "--no-rollup", "-o", off)
    book = openpyxl.load_workbook(on)
    assert book.sheetnames == ["agreement", "settings", "documents"]
    assert [r[0] for r in book["documents"].values] == ["document", *names]
    settings = dict(list(book["settings"].values)[1:])
    assert settings["documents"] == 11 and settings["document names"] == "listed in the sheet \u201cdocuments\u201d"
    assert settings["parent codes"] == "carry their sub-codes (P)"
    table = {r[0]: r for r in list(book["agreement"].values)[4:] if r and r[0] in ("P", "P.1")}
    assert table["P"][3:] == table["P.1"][3:]  # P rolled up is P.1 (nobody coded P itself)
    frame = pd.read_csv(off).set_index("code")
    assert set(frame["rollup"]) == {False}
    assert frame.at["P", "reason"] == "one category only: no coder coded any unit with it"
    assert frame.at["P", "kappa_band"] == "see sub-codes"  # own codings only: the sub-codes speak for it
    export = tmp_path / "export.csv"
    run("export", p.path, "agreement", "--coders", "rina,budi", "--no-rollup", "-o", export)
    assert set(pd.read_csv(export)["rollup"]) == {False}
