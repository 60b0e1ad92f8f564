"""`qualcode matrix` and `qualcode matrix-chart` on a real project file."""

from __future__ import annotations

import io
import numbers

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from defusedxml import ElementTree

from qualcode.cli import main
from qualcode.project import Project
from qualcode.project.catalog import matrix_table

from .conftest import snapshot
from .markdown_reader import read as read_markdown
from .test_triangulation import build_hand_project

COMBINATIONS = [(by, measure) for by in ("group", "source-type", "informant")
                for measure in ("segments", "informants", "share", "words") if measure != "share" or by == "group"]
EXTRA = ["coverage", "verdict", "rationale", "verdict_by", "verdict_at"]
NAMES = ["Community", "Agency", "Leadership"]  # the groups' display names head their columns


@pytest.fixture(scope="module")
def hand_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli-matrix")
    with build_hand_project(folder) as p:
        p.set_verdict("P", "agreement", supervisor="sari", rationale="first look")
        p.set_verdict("P", "partial_agreement", supervisor="sari", rationale="agency | only in part")
        p.set_verdict("Q", "dissonance", supervisor="tono", rationale="groups differ")
        return p.path


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def expected(path, by, measure, coders=None, rollup=False) -> pd.DataFrame:
    """The table `qualcode export matrix` writes (the same command-line output, title and notes)."""
    with Project.open(path) as p:
        return matrix_table(p, by=by.replace("-", "_"), measure=measure, coders=coders,
                            rollup=rollup).frame.reset_index()


def norm(value) -> float | str:
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return float(value)
    return "" if value is None else str(value)


def as_text(frame: pd.DataFrame) -> list[list[str]]:
    return frame.fillna("").astype(str).values.tolist()


@pytest.mark.parametrize(("by", "measure"), COMBINATIONS)
def test_csv_every_axis_and_measure(hand_path, by, measure):
    out = run("matrix", hand_path, "--by", by, "--measure", measure).output
    back = pd.read_csv(io.StringIO(out), keep_default_na=False)
    want = expected(hand_path, by, measure)
    assert list(back.columns) == list(want.columns)
    assert as_text(back) == as_text(want)


@pytest.mark.parametrize(("by", "measure"), COMBINATIONS)
def test_xlsx_every_axis_and_measure(hand_path, tmp_path, by, measure):
    out = tmp_path / "m.xlsx"
    result = run("matrix", hand_path, "--by", by, "--measure", measure, "--format", "xlsx", "-o", out)
    assert f"to {out}" in result.output
    ws = openpyxl.load_workbook(out).active
    rows = [[norm(v) for v in row] for row in ws.iter_rows(values_only=True)]
    want = expected(hand_path, by, measure)
    assert rows[0][0] == "Table 1" and rows[1][0].startswith("Triangulation Matrix of Codes by ")
    assert rows[3] == list(want.columns)
    body = [[norm(None if pd.isna(v) else v) for v in row] for row in want.values.tolist()]
    assert rows[4:4 + len(want)] == body  # Excel keeps 0.0 as 0
    assert rows[-1][0].startswith("Note. ")
    assert ws["A4"].font.bold and ws.freeze_panes == "A5"


@pytest.mark.parametrize(("by", "measure"), COMBINATIONS)
def test_md_every_axis_and_measure(hand_path, by, measure):
    out = run("matrix", hand_path, "--by", by, "--measure", measure, "--format", "md").output
    seen = read_markdown(out)  # as a Markdown renderer shows it
    want = expected(hand_path, by, measure)
    assert seen.rows[0] == list(want.columns)
    assert len(seen.rows) == 1 + len(want)
    assert seen.rows[1] == [shown(v) for v in want.iloc[0]]
    assert seen.paragraphs[0] == "Table 1" and seen.paragraphs[-1].startswith("Note. ")


def shown(value) -> str:
    """A cell as a reader's table prints it: a stored moment to the minute, in UTC."""
    text = str(value)
    if len(text) == 25 and text[10] == "T" and text.endswith("+00:00"):
        return pd.Timestamp(text).strftime("%Y-%m-%d %H:%M UTC")
    return text


def test_hand_numbers_and_verdicts_in_csv(hand_path):
    back = pd.read_csv(io.StringIO(run("matrix", hand_path).output), keep_default_na=False).set_index("code")
    assert back.loc["P.1", NAMES].tolist() == [2, 1, 0]
    # P has sub-codes and one coding of its own: its row says that it counts only that one
    assert back.loc["P"].to_dict() | {"verdict_at": ""} == {
        "name": "Parent", "Community": 1, "Agency": 0, "Leadership": 0,
        "coverage": "one group only: community (own codings only; see sub-codes)",
        "verdict": "partial_agreement", "rationale": "agency | only in part", "verdict_by": "sari", "verdict_at": ""}
    assert back.loc["P", "verdict_at"].startswith("20")
    assert (back.loc["Q", "verdict"], back.loc["Q", "verdict_by"]) == ("dissonance", "tono")
    assert back.loc["S", "coverage"] == "silent" and back.loc["S", "verdict"] == ""


def test_verdicts_in_xlsx(hand_path, tmp_path):
    out = tmp_path / "t.xlsx"
    run("matrix", hand_path, "--rollup", "-o", out)  # format from the suffix
    ws = openpyxl.load_workbook(out).active
    header = [c.value for c in ws[4]]
    assert header == ["code", "name", *NAMES, *EXTRA]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=5, max_row=7, values_only=True)}
    assert list(rows) == ["P", "Q", "S"]
    assert (rows["P"]["Community"], rows["P"]["Agency"]) == (4, 1)
    assert (rows["P"]["verdict"], rows["P"]["verdict_by"]) == ("partial_agreement", "sari")
    assert rows["Q"]["verdict"] == "dissonance" and rows["Q"]["coverage"] == "2 of 3 groups"


def test_verdict_in_markdown_escaped(hand_path, tmp_path):
    out = tmp_path / "t.md"
    run("matrix", hand_path, "-o", out)
    rows = read_markdown(out.read_text(encoding="utf-8")).rows
    assert ["partial_agreement", "agency | only in part", "sari"] in [r[6:9] for r in rows]


def test_coders_and_rollup(hand_path):
    back = pd.read_csv(io.StringIO(run("matrix", hand_path, "--coders", "budi", "--rollup").output)).set_index("code")
    assert back[NAMES].values.tolist() == [[2, 0, 0], [0, 1, 0], [0, 0, 0]]
    both = run("matrix", hand_path, "--coders", "rina, budi").output
    assert both == run("matrix", hand_path).output
    share = pd.read_csv(io.StringIO(run("matrix", hand_path, "--measure", "share", "--rollup").output))
    assert share.set_index("code").loc["P", NAMES].tolist() == [66.7, 50.0, 0.0]


@pytest.mark.parametrize(("args", "message"), [
    (["--coders", "zed"], "Error: unknown coder 'zed'; known: budi, rina, sari, tono"),
    (["--by", "source-type", "--measure", "share"],
     "Error: measure 'share' (percentage of a group's informants) needs by='group'; got by='source_type'"),
])
def test_errors_are_one_line_and_change_nothing(hand_path, args, message):
    before = snapshot(hand_path)
    result = run("matrix", hand_path, *args, ok=False)
    assert result.exit_code == 1
    assert result.output.strip() == message
    assert snapshot(hand_path) == before


def test_usage_errors(hand_path, tmp_path):
    result = run("matrix", hand_path, "--format", "xlsx", ok=False)
    assert result.exit_code == 2 and "--format xlsx needs -o FILE.xlsx" in result.output
    result = run("matrix", hand_path, "--by", "region", ok=False)
    assert result.exit_code == 2 and "'region' is not one of 'group', 'source-type', 'informant'" in result.output
    result = run("matrix", tmp_path / "missing.qualcode", ok=False)
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "no such project file" in result.output


def test_matrix_chart_png_and_svg(hand_path, tmp_path):
    png = tmp_path / "m.png"
    assert f"wrote {png}" in run("matrix-chart", hand_path, "-o", png, "--rollup").output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = tmp_path / "m.svg"
    run("matrix-chart", hand_path, "-o", svg, "--by", "informant", "--measure", "words", "--coders", "rina")
    root = ElementTree.fromstring(svg.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    # a human title, codes with their names, informants with their groups' names
    assert {"C1 (Community)", "L1 (Leadership)", "P.2 Sub two", "Words coded per code by informant, coders rina",
            "Code", "Informant"} <= texts, texts


def test_matrix_chart_errors(hand_path, tmp_path):
    result = run("matrix-chart", hand_path, "-o", tmp_path / "m.jpg", ok=False)
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'm.jpg'}: cannot save a chart as '.jpg'; use .png or .svg"
    result = run("matrix-chart", hand_path, ok=False)
    assert result.exit_code == 2 and "Missing option '-o'" in result.output
