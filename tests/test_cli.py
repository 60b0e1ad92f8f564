"""The qualcode CLI end to end on real project files."""

from __future__ import annotations

import csv
import io
import sys

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import SMALL_CODEBOOK, TRANSCRIPT, snapshot


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_full_workflow(tmp_path):
    proj = tmp_path / "s.qualcode"
    run("init", proj, "--name", "Studi SPM")
    run("groups", "add", proj, "community", "--name", "Community")
    run("groups", "add", proj, "leadership")
    sheet = tmp_path / "inf.csv"
    sheet.write_text("key,group,role,gender\nI-01,community,Ketua LKS,P\nI-09,leadership,Kadis,L\n", encoding="utf-8")
    assert "imported 2 informants" in run("informants", "import", proj, sheet).output
    book = tmp_path / "b.yaml"
    book.write_text(SMALL_CODEBOOK, encoding="utf-8")
    assert "loaded 3 codes" in run("codebook", "load", proj, book).output
    doc = tmp_path / "w.txt"
    doc.write_text(TRANSCRIPT, encoding="utf-8")
    out = run("import", proj, doc, "--informant", "I-01", "--name", "I-01 wawancara").output
    assert "imported I-01 wawancara" in out and "4 turns" in out
    run("code", proj, "I-01 wawancara", "A.1", "--coder", "rina", "--quote", "Koordinasinya jarang")
    run("code", proj, "I-01 wawancara", "B", "--coder", "budi", "--span", "0", "9", "--memo", "judul")
    rows = list(csv.DictReader(io.StringIO(run("codings", proj).output)))
    assert [(r["code"], r["coder"], r["quote"]) for r in rows] == [
        ("B", "budi", "Transkrip"), ("A.1", "rina", "Koordinasinya jarang")]
    assert rows[1]["group"] == "community" and rows[1]["informant"] == "I-01"
    out_file = tmp_path / "c.csv"
    run("codings", proj, "--coder", "rina", "-o", out_file)
    assert len(list(csv.DictReader(out_file.open(encoding="utf-8")))) == 1
    info = run("info", proj).output
    assert "documents: 1" in info and "codings: 2" in info and "name: Studi SPM" in info
    tree = run("codebook", "show", proj).output.splitlines()
    assert tree[:2] == ["A  Alpha  (0)", "  A.1  Alpha one  (1)"]
    assert "key: A.1" in run("codebook", "show", proj, "--format", "yaml").output
    listing = run("informants", "list", proj).output
    assert "I-01" in listing and "Ketua LKS" in listing
    assert "community" in run("groups", "list", proj).output


def test_manifest_import(tmp_path):
    proj = tmp_path / "m.qualcode"
    run("init", proj)
    run("groups", "add", proj, "g")
    run("informants", "add", proj, "I-1", "--group", "g", "--attr", "gender=P")
    (tmp_path / "a.txt").write_text("P: satu.\nI: dua.", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Catatan\n\nObservasi rapat.", encoding="utf-8")
    (tmp_path / "m.csv").write_text("file,informant,source_type,language,name\na.txt,I-1,interview,id,A\n"
                                    "b.md,,observation,id,B\n", encoding="utf-8")
    out = run("import", proj, "--manifest", tmp_path / "m.csv").output
    assert "imported A" in out and "imported B" in out
    with Project.open(proj) as p:
        docs = p.documents().set_index("name")
        assert docs.loc["B", "source_type"] == "observation" and docs.loc["A", "informant"] == "I-1"
        assert p.informants().loc[0, "attributes"] == {"gender": "P"}


def test_errors_are_one_line_and_change_nothing(tmp_path):
    proj = tmp_path / "e.qualcode"
    run("init", proj)
    before = snapshot(proj)
    bad = tmp_path / "x.xyz"
    bad.write_text("hi", encoding="utf-8")
    result = run("import", proj, bad, ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "x.xyz" in result.output and "Traceback" not in result.output
    result = run("code", proj, "nope", "A", "--coder", "r", "--span", "0", "1", ok=False)
    assert "unknown document 'nope'" in result.output
    result = run("code", proj, "nope", "A", "--coder", "r", ok=False)
    assert result.exit_code == 2 and "exactly one of --span" in result.output
    assert "no such project file" in run("info", tmp_path / "missing.qualcode", ok=False).output
    assert snapshot(proj) == before


def test_console_script_entry_point(tmp_path):
    import subprocess

    out = subprocess.run([sys.executable, "-m", "qualcode.cli", "--help"], capture_output=True, text=True, check=True)
    assert "Usage:" in out.stdout and "demo" in out.stdout
