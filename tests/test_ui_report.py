"""The Triangulation page's Report button and the quote table's paper layout in the export menu, through
AppTest: the files the download buttons would send, built from the page's current choices."""

from __future__ import annotations

import io

import docx
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from qualcode.project import Project

from .conftest import open_page
from .markdown_reader import render
from .test_report import docx_sections, passages, quoted, read_html, split_quote


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """File name -> the deferred data callable of every download button drawn (AppTest cannot click one:
    Streamlit calls the callable only when the browser asks for the file)."""
    seen: dict[str, object] = {}
    original = MediaFileManager.add_deferred

    def record(self, *args, **kwargs):
        named = dict(zip(("data_callable", "mimetype", "coordinates", "file_name"), args, strict=False)) | kwargs
        seen[named.get("file_name")] = named["data_callable"]
        return original(self, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return seen


def test_report_button_builds_the_report_of_the_coders_chosen_on_the_page(demo_path, downloads):
    at = open_page("triangulation", demo_path, tri_coders=["budi"])
    assert not at.exception
    button = next(b for b in at.get("download_button") if b.proto.label == "Report")
    assert button.proto.deferred_file_id
    assert at.selectbox(key="tri_report_format").options == ["Word (.docx)", "Markdown", "LaTeX (.tex)", "HTML"]
    document = docx.Document(io.BytesIO(downloads["report.docx"]()))
    with Project.open(demo_path) as p:
        budi = passages(p.codings(coders=["budi"]))
        codes = p.codes()
    sections = docx_sections(document)
    assert [s["heading"] for s in sections] == [f"{k} {n}" for k, n in zip(codes["key"], codes["name"],
                                                                           strict=True)]
    shown = sorted((s["heading"].split()[0], split_quote(q)[0]) for s in sections for q in s["quotes"])
    assert shown == sorted(zip(budi["code"], map(quoted, budi["quote"]), strict=True))
    assert any("Coders: budi" == p.text for p in document.paragraphs)


def test_report_format_and_quote_choice_follow_the_pickers(demo_path, downloads):
    at = open_page("triangulation", demo_path, tri_coders=["rina"])
    at.selectbox(key="tri_report_format").set_value("md")
    at.selectbox(key="tri_report_quotes").set_value("only").run()
    assert not at.exception
    text = downloads["report.md"]().decode("utf-8")
    # nothing is flagged in the demo: "exemplars only" leaves no quote
    assert "**Quotes:** 0 (exemplar quotes only)" in text and "\n> " not in text
    labels = at.selectbox(key="tri_report_quotes").options
    assert labels == ["All quotes", "Exemplar quotes only", "At most 1 per informant and code, exemplars first",
                      "At most 3 per informant and code, exemplars first"]
    bahasa = open_page("triangulation", demo_path, lang="id")
    assert any(b.proto.label == "Laporan" for b in bahasa.get("download_button"))
    assert bahasa.selectbox(key="tri_report_quotes").options[1] == "Hanya kutipan teladan"


def test_export_menu_offers_the_quote_table_in_the_paper_layout(demo_path, downloads):
    at = open_page("triangulation", demo_path, tri_coders=["rina"])
    assert at.radio(key="tri_quotes_layout").value == "table"
    at.radio(key="tri_quotes_layout").set_value("paper").run()
    assert not at.exception
    box = at.selectbox(key="tri_quotes_paper_format")
    assert box.options == ["Word (.docx)", "LaTeX (.tex)", "Markdown", "HTML"]
    box.set_value("md").run()
    page = read_html(render(downloads["quotes.md"]().decode("utf-8")))
    with Project.open(demo_path) as p:
        rina = passages(p.codings(coders=["rina"]))
    assert sum(len(s["quotes"]) for s in page.sections) == len(rina)
    assert "table" not in page.elements
