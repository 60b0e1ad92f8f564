"""`qualcode saturation` on the demo: the runs table read back by csv and openpyxl, the chart as PNG and SVG."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from click.testing import CliRunner
from defusedxml import ElementTree

from qualcode.cli import main
from qualcode.project import Project
from qualcode.project.saturation import saturation_facts, saturation_runs


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _rows(frame):
    return [[int(r.run_start), int(r.run_end), int(r.base_codes), int(r.new_in_run), round(float(r.ratio), 6),
             bool(r.below_threshold)] for r in frame.itertuples()]


def test_csv_on_stdout_and_statement(demo_path):
    result = run("saturation", demo_path, "--base", 3, "--run", 3, "--threshold", 0.1,
                 "--order", "attribute:interview_date")
    assert result.exit_code == 0, result.output
    with Project.open(demo_path) as p:
        runs = saturation_runs(p, base=3, run=3, threshold=0.1, order="attribute:interview_date")
        facts = saturation_facts(p, base=3, run=3, threshold=0.1, order="attribute:interview_date")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    got = [[int(r["run start"]), int(r["run end"]), int(r["codes in base"]), int(r["new codes in run"]),
            round(float(r["saturation ratio"]), 6), r["at or below threshold"] == "True"] for r in table]
    assert got == _rows(runs)
    assert {r["order"] for r in table} == {"in order of interview_date"}
    assert facts["statement"] in result.stderr
    assert "base size of 3 interviews" in result.stderr and "threshold of 10%" in result.stderr


def test_xlsx_by_group(demo_path, tmp_path):
    out = tmp_path / "runs.xlsx"
    result = run("saturation", demo_path, "--by", "group", "--base", 2, "--run", 1, "-o", out)
    assert result.exit_code == 0, result.output
    with Project.open(demo_path) as p:
        runs = saturation_runs(p, base=2, run=1, by="group")
    sheet = openpyxl.load_workbook(out).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(i for i, r in enumerate(values) if r and r[0] == "group")
    assert values[header][:3] == ["group", "run start", "run end"]
    body = [r for r in values[header + 1:] if r[0] in {"agency", "community", "leadership"}]
    assert [[r[0], r[1], r[2], r[4]] for r in body] == [[r.group, r.run_start, r.run_end, r.new_in_run]
                                                        for r in runs.itertuples()]


def test_chart_png_and_svg(demo_path, tmp_path):
    png, svg = tmp_path / "curve.png", tmp_path / "curve.svg"
    assert run("saturation", demo_path, "-o", png).exit_code == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert run("saturation", demo_path, "--by", "group", "-o", svg).exit_code == 0
    texts = [t.text for t in ElementTree.parse(svg).iter() if t.tag.endswith("text") and t.text]
    assert {"agency", "community", "leadership"} <= set(texts)


@pytest.mark.parametrize("args, message", [(["--base", 0], "base"), (["--threshold", 2], "threshold"),
                                           (["--order", "attribute:nosuch"], "nosuch"),
                                           (["--coders", "nobody"], "nobody")])
def test_bad_input_is_one_line(demo_path, args, message):
    result = run("saturation", demo_path, *args)
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
