"""Every table the app shows can be downloaded for a paper: the export controls and the files they build."""

from __future__ import annotations

import io

import docx
import openpyxl
import pandas as pd
import pytest

from qualcode.project import Project
from qualcode.ui.export_menu import export_bytes

from .conftest import open_page

DOC = "I-01 Ketua LKS"


@pytest.fixture(scope="module")
def demo(demo_path):
    with Project.open(demo_path) as p:
        yield p


@pytest.mark.parametrize(("table", "options"), [
    ("codings", {"document": DOC}), ("quotes", {"coders": ["rina"]}), ("codebook", {}),
    ("matrix", {}), ("framework", {}), ("transcript", {"document": DOC}),
])
def test_export_bytes_open_with_their_readers(demo, table, options):
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(demo, table, "xlsx", **options)))
    assert book.active.max_row > 3
    word = docx.Document(io.BytesIO(export_bytes(demo, table, "docx", **options)))
    if table != "transcript":
        assert word.tables and all(len(t.rows) > 3 for t in word.tables)  # a very wide table comes in parts
    frame = pd.read_csv(io.BytesIO(export_bytes(demo, table, "csv", **options)))
    assert len(frame) > 3
    assert b"\\toprule" in export_bytes(demo, table, "tex", **options) or table == "transcript"


def test_codings_export_holds_exactly_the_documents_codings(demo):
    frame = pd.read_csv(io.BytesIO(export_bytes(demo, "codings", "csv", document=DOC, coders=["budi"])))
    expected = demo.codings(document=DOC, coders=["budi"])
    assert len(frame) == len(expected) and set(frame["quote"]) == set(expected["quote"])


def test_coded_transcript_as_html_escapes_text(demo):
    html = export_bytes(demo, "transcript", "html", document=DOC).decode("utf-8")
    assert "Pewawancara:" in html and "<script" not in html.lower()


def test_pages_offer_the_exports(demo_path):
    code = open_page("code", demo_path, coder="rina")
    assert not code.exception
    keys = {s.key for s in code.selectbox}
    assert {"code_export_codings_format", "code_export_transcript_format"} <= keys
    codebook = open_page("codebook", demo_path)
    assert "cb_appendix_format" in {s.key for s in codebook.selectbox}
    tri = open_page("triangulation", demo_path)
    assert not tri.exception and "tri_quotes_format" in {s.key for s in tri.selectbox}
