"""Statistics as papers print them (APA 7): kappa and alpha without a leading zero, proportions as percentages,
two decimals by default, in Word, LaTeX and Markdown read back with their readers; XLSX keeps the value and
shows it rounded; CSV keeps the value as computed."""

from __future__ import annotations

import io
import math
import re

import docx
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.export.numbers import format_number, number_format
from qualcode.export.tables import write_table

from .markdown_reader import read as read_markdown


@pytest.mark.parametrize(("value", "kind", "decimals", "printed"), [
    (0.7039627039627039, "coefficient", 2, ".70"),  # APA: no leading zero for a value that cannot exceed 1
    (-0.0213, "coefficient", 2, "-.02"),
    (-0.004, "coefficient", 2, ".00"),  # no negative zero
    (1.0, "coefficient", 2, "1.00"),
    (0.8167, "coefficient", 3, ".817"),
    (0.84999, "percent", 2, "85.0%"),  # a proportion printed as a percentage, one decimal
    (0.996, "percent", 3, "99.60%"),
    (0.0, "percent", 2, "0.0%"),
    (12.345, "decimal", 1, "12.3"),
    (float("nan"), "coefficient", 2, ""),
    (None, "percent", 2, ""),
])
def test_format_number(value, kind, decimals, printed):
    assert format_number(value, kind, decimals) == printed


def report() -> pd.DataFrame:
    frame = pd.DataFrame({"code": ["E1", "E2"], "units": [1270, 1270], "percent_agreement": [0.99606, 1.0],
                          "kappa": [0.7039627039627039, math.nan], "alpha_low": [-0.0213, 0.4]})
    frame.attrs["number_kinds"] = {"percent_agreement": "percent", "kappa": "coefficient", "alpha_low": "coefficient"}
    return frame


def test_every_format_prints_the_same_rounding_and_csv_keeps_values(tmp_path):
    md = io.StringIO()
    write_table(report(), md, "md")
    assert read_markdown(md.getvalue()).rows[1:] == [["E1", "1270", "99.6%", ".70", "-.02"],
                                                      ["E2", "1270", "100.0%", "", ".40"]]
    write_table(report(), tmp_path / "t.docx")
    table = docx.Document(str(tmp_path / "t.docx")).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["E1", "1270", "99.6%", ".70", "-.02"]
    tex = io.StringIO()
    write_table(report(), tex, "tex", decimals=3)
    assert "E1 & 1270 & 99.61\\% & .704 & -.021 \\\\" in tex.getvalue()
    aligned = re.findall(r"\\(raggedleft|raggedright)\\arraybackslash", tex.getvalue())
    assert aligned == ["raggedright"] + ["raggedleft"] * 4  # statistics still align right
    write_table(report(), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx").active
    assert ws["D2"].value == pytest.approx(0.7039627039627039)
    assert ws["D2"].number_format == number_format("coefficient") == ".00"
    assert ws["C2"].value == pytest.approx(0.99606) and ws["C2"].number_format == "0.0%"
    csv = io.StringIO()
    write_table(report(), csv, "csv")
    assert "E1,1270,0.99606,0.7039627039627039,-0.0213" in csv.getvalue()


def test_agreement_command_and_export_round(demo_path, tmp_path):
    result = CliRunner().invoke(main, ["agreement", str(demo_path), "--coders", "rina,budi", "--format", "md"])
    assert result.exit_code == 0, result.output
    rows = read_markdown(result.output).rows
    header, e11 = rows[0], next(r for r in rows if r[0] == "E1.1")
    assert e11[header.index("kappa")] == ".70" and e11[header.index("percent_agreement")].endswith("%")
    out = tmp_path / "a.md"
    result = CliRunner().invoke(main, ["export", str(demo_path), "agreement", "--coders", "rina,budi", "-o", str(out),
                                       "--decimals", "3"])
    assert result.exit_code == 0, result.output
    rows = read_markdown(out.read_text(encoding="utf-8")).rows
    e11 = next(r for r in rows if r[0] == "E1.1")
    assert e11[rows[0].index("kappa")] == ".704"
