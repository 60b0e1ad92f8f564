"""`qualcode import-survey`: the report it prints, what the project then holds, re-import, and a bad file refused
with its row and column named and the project unchanged."""

from __future__ import annotations

import csv

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import snapshot

ROWS = [("R1", "Sleman", "41", "Layanan cepat", "Tambah petugas"), ("R2", "Bantul", "35", "Antri lama, \"sekali\"", "")]


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="|")
        out.writerow(["Respondent", "District", "Age", "Pendapat", "Saran"])
        out.writerows(rows)


def run(*args: str):
    return CliRunner().invoke(main, ["import-survey", *map(str, args)])


def test_cli_import_survey_prints_the_report_and_reimport_lists_changed_answers(tmp_path):
    project = tmp_path / "s.qualcode"
    Project.create(project).close()
    path = tmp_path / "wave1.csv"
    write(path, ROWS)

    out = run(project, path, "--id", "Respondent", "--attributes", "Age:number,District", "--questions",
              "Pendapat,Saran", "--group-column", "District", "--by", "sri")
    assert out.exit_code == 0, out.output
    lines = out.output.splitlines()
    assert lines[:4] == ["wave1.csv (csv): 2 respondents read", "respondents added: 2", "documents added: 2",
                         "answers added: 3"]
    assert "groups created: Sleman, Bantul" in lines and "attribute kinds: Age=number" in lines
    with Project.open(project) as p:
        assert {r.key: r.attributes for r in p.informants().itertuples()} == {
            rid: {"District": district, "Age": age} for rid, district, age, *_ in ROWS}
        got = {(r.respondent, r.question): r.answer for r in p.survey_answers().itertuples()}
        assert got == {("R1", "Pendapat"): ROWS[0][3], ("R1", "Saran"): ROWS[0][4], ("R2", "Pendapat"): ROWS[1][3]}
        assert p.history()["actor"].iloc[0] == "sri"

    write(path, [ROWS[0], ("R2", "Bantul", "35", "Sudah lebih baik", ""), ("R3", "Sleman", "50", "Baik", "")])
    out = run(project, path, "--id", "Respondent", "--questions", "Pendapat,Saran", "--group-column", "District")
    assert out.exit_code == 0, out.output
    assert "respondents added: 1" in out.output and "skipped, already imported from this file: 2" in out.output
    assert f"  R2 / Pendapat: {ROWS[1][3]!r} -> 'Sudah lebih baik'" in out.output.splitlines()
    with Project.open(project) as p:
        assert p.survey_answers(respondent="R2")["answer"].tolist() == [ROWS[1][3]]


def test_cli_import_survey_refuses_a_bad_file_naming_row_and_column(tmp_path):
    project = tmp_path / "s.qualcode"
    with Project.create(project) as p:
        p.add_group("warga")
    path = tmp_path / "bad.csv"
    write(path, [ROWS[0], ("R2", "Bantul", "tiga puluh", "x", "y")])
    before = snapshot(project)
    out = run(project, path, "--id", "Respondent", "--attributes", "Age:number", "--questions", "Pendapat",
              "--group", "warga")
    assert out.exit_code == 1
    assert "row 3, column 'Age': 'tiga puluh' is not a number" in out.output, out.output
    assert snapshot(project) == before

    out = run(project, path, "--id", "Respondent", "--questions", "Pendapat")
    assert out.exit_code == 2 and "exactly one of --group-column and --group" in out.output
