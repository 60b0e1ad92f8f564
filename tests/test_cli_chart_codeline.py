"""`qualcode chart PROJECT codeline`: PNG and SVG files read back (the PNG's header and size, the SVG's text)."""

from __future__ import annotations

import sqlite3
import struct

from click.testing import CliRunner
from defusedxml import ElementTree

from qualcode.cli import main

from .conftest import snapshot

SVG = "{http://www.w3.org/2000/svg}"


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def svg_texts(path) -> set[str]:
    root = ElementTree.fromstring(path.read_bytes())
    assert root.tag == f"{SVG}svg"
    return {t.text for t in root.iter(f"{SVG}text") if t.text}


def codes_of(path, document: str, coder: str = "%") -> set[str]:
    """"Key Name" of each code with a coding in ``document`` (by ``coder``)."""
    conn = sqlite3.connect(path)
    try:
        return {f"{k} {n}" for k, n in conn.execute(
            "SELECT DISTINCT k.key, k.name FROM codings x JOIN codes k ON k.id = x.code_id JOIN coders c ON "
            "c.id = x.coder_id JOIN documents d ON d.id = x.document_id WHERE d.name = ? AND c.name LIKE ?",
            (document, coder))}
    finally:
        conn.close()


def test_png_of_one_document(demo_path, tmp_path):
    png = tmp_path / "line.png"
    before = snapshot(demo_path)
    assert f"wrote {png}" in run("chart", demo_path, "codeline", "-o", png, "--document", "I-01 Ketua LKS").output
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    # a row per code of the document plus the speaker band, drawn at twice the size
    assert width > 1000 and height > 16 * 2 * (len(codes_of(demo_path, "I-01 Ketua LKS")) + 1)
    assert snapshot(demo_path) == before  # drawing changes nothing


def test_svg_names_codes_and_document(demo_path, tmp_path):
    svg = tmp_path / "line.svg"
    run("chart", demo_path, "codeline", "-o", svg, "--document", "I-05 Bappeda", "--x", "char", "--coders", "rina")
    texts = svg_texts(svg)
    assert any(t.startswith("I-05 Bappeda (I-05; Related agencies)") for t in texts), texts
    labels = {t.rstrip("…") for t in texts}
    codes = codes_of(demo_path, "I-05 Bappeda", "rina")
    assert codes != codes_of(demo_path, "I-05 Bappeda")  # budi's codes differ: the filter is seen
    # each code's label is in the SVG (a long one cut with an ellipsis at the axis, whole in the legend)
    assert all(any(label.startswith(c[:40]) for label in labels) for c in codes)
    others = codes_of(demo_path, "I-05 Bappeda") - codes
    assert not any(label.startswith(c[:40]) for label in labels for c in others)
    assert {"Character position", "Speaker", "Code", "Code line of I-05 Bappeda, coders rina"} <= texts


def test_svg_of_a_group_stacks_its_documents(demo_path, tmp_path):
    svg = tmp_path / "group.svg"
    run("chart", demo_path, "codeline", "-o", svg, "--group", "leadership")
    texts = svg_texts(svg)
    conn = sqlite3.connect(demo_path)
    try:
        names = [n for (n,) in conn.execute("SELECT d.name FROM documents d JOIN informants i ON i.id = "
                                            "d.informant_id JOIN groups g ON g.id = i.group_id "
                                            "WHERE g.key = 'leadership'")]
    finally:
        conn.close()
    titles = {t.split(" (")[0] for t in texts if t.endswith("; Dinas Sosial leadership)")}
    assert titles == set(names) and len(names) == 4
    assert "Code lines of group Dinas Sosial leadership" in texts


def test_errors_name_the_value(demo_path, tmp_path):
    result = run("chart", demo_path, "codeline", "-o", tmp_path / "x.svg", "--document", "nope", ok=False)
    assert result.exit_code == 1 and "unknown document 'nope'" in result.output
    result = run("chart", demo_path, "codeline", "-o", tmp_path / "x.svg", "--group", "elders", ok=False)
    assert result.exit_code == 1 and "unknown group 'elders'" in result.output
    result = run("chart", demo_path, "codeline", "-o", tmp_path / "x.graphml", ok=False)
    assert result.exit_code == 1 and "GraphML" in result.output
    assert not (tmp_path / "x.svg").exists()
