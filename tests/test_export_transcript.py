"""Coded transcript: numbered lines with [code keys] after coded passages (or a codes column), DOCX and HTML."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import docx
import pytest

from qualcode.errors import InputError, NotFoundError
from qualcode.export.transcript import transcript_lines, write_transcript
from qualcode.project.catalog import export_transcript

TEXT = ("Pewawancara: Bagaimana koordinasi?\n"
        "Informan: <script>alert('x')</script> & 50% \"DTKS\" 😅 jarang.\n"
        "\n"
        "Informan: Belum sesuai.")
SCRIPT = TEXT.index("<script>")
CODINGS = [(SCRIPT, TEXT.index(" jarang"), "E1"), (SCRIPT, TEXT.index(" jarang"), "E1"),
           (TEXT.index("Belum"), len(TEXT), "E2.1"), (TEXT.index("Informan"), TEXT.index("\n\n") + 1, "E3")]


def test_lines_pieces_and_markers():
    lines = transcript_lines(TEXT, CODINGS)
    assert len(lines) == 4
    assert lines[0] == [("Pewawancara: Bagaimana koordinasi?", False)]
    second = lines[1]
    assert second[0] == ("Informan: ", True)
    assert ("E1",) in second and second[-1] == ("E3",)  # the passage ending with the line break: end of line
    assert second.count(("E1",)) == 1  # two coders, same code, same place: one marker
    assert lines[2] == []  # an empty line
    assert lines[3][-1] == ("E2.1",)
    assert "".join(p[0] for p in lines[1] if len(p) == 2) == TEXT.split("\n")[1]


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("layout", ["inline", "margin"])
def test_html_escapes_untrusted_text(tmp_path, layout):
    path = tmp_path / "t.html"
    write_transcript(TEXT, CODINGS, path, "html", title="I-01 <b>wawancara</b>", layout=layout, notes="n & m")
    page = path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "<b>" not in page
    parser = Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags
    text = "".join(parser.text)
    assert "<script>alert('x')</script> & 50% \"DTKS\" 😅" in text and "I-01 <b>wawancara</b>" in text
    if layout == "inline":
        assert "[E1]" in text and "[E2.1]" in text and "<mark>" in page
    else:
        assert "table" in parser.tags and "E3, E1" in text


def test_docx_inline_and_margin():
    raw = io.BytesIO()
    write_transcript(TEXT, CODINGS, raw, "docx", title="I-01")
    doc = docx.Document(io.BytesIO(raw.getvalue()))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == "I-01"
    assert paragraphs[1].split() == ["1", "Pewawancara:", "Bagaimana", "koordinasi?"]
    assert paragraphs[2].startswith("   2  Informan: <script>") and "[E1]" in paragraphs[2]
    assert paragraphs[2].endswith(" jarang. [E3]")
    assert paragraphs[4].endswith("Belum sesuai. [E2.1]")
    highlighted = [r.text for r in doc.paragraphs[2].runs if r.font.highlight_color is not None]
    assert highlighted[0] == "Informan: "
    raw = io.BytesIO()
    write_transcript(TEXT, CODINGS, raw, "docx", layout="margin")
    (table,) = docx.Document(io.BytesIO(raw.getvalue())).tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == ["line", "text", "codes"]
    assert rows[2] == ["2", TEXT.split("\n")[1], "E3, E1"]
    assert rows[4] == ["4", "Informan: Belum sesuai.", "E2.1"]


def test_errors():
    with pytest.raises(InputError, match="unknown transcript format 'pdf'; allowed: docx, html"):
        write_transcript(TEXT, [], io.BytesIO(), "pdf")
    with pytest.raises(InputError, match="layout"):
        write_transcript(TEXT, [], io.BytesIO(), "html", layout="side")
    with pytest.raises(InputError, match="binary file"):
        write_transcript(TEXT, [], io.StringIO(), "docx")


def test_demo_transcript(demo_path, tmp_path):
    from qualcode.project import Project

    with Project.open(demo_path) as p:
        name = "I-01 Ketua LKS"
        n = export_transcript(p, name, tmp_path / "t.docx", "docx", coders=["rina"])
        assert n == len(p.codings(document=name, coders=["rina"]))
        doc = docx.Document(str(tmp_path / "t.docx"))
        text = "\n".join(par.text for par in doc.paragraphs)
        for key in p.codings(document=name, coders=["rina"])["code"].unique():
            assert f"[{key}" in text or f", {key}" in text
        with pytest.raises(InputError, match="needs a document"):
            export_transcript(p, None, tmp_path / "x.html", "html")
        with pytest.raises(NotFoundError, match="unknown document"):
            export_transcript(p, "nope", tmp_path / "x.html", "html")
