"""Journey: on the Triangulation page of the demo a supervisor keeps one coder's codings and downloads the
narrative report as Word; python-docx reads it back: a chapter per code, that coder's quotes and no other's."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from qualcode.export.report import lines_of
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose_many, copy_demo, main, open_page, query, selected

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

# passages one coder coded and the other did not (same code, document and span)
ONLY = """SELECT x.quote FROM codings x JOIN coders k ON k.id = x.coder_id JOIN codes c ON c.id = x.code_id
          WHERE k.name = ? AND c.key = ? AND NOT EXISTS (
              SELECT 1 FROM codings y JOIN coders o ON o.id = y.coder_id WHERE o.name != k.name
              AND y.document_id = x.document_id AND y.code_id = x.code_id AND y.start = x.start AND y."end" = x."end")
          ORDER BY x.id"""


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_report"))


def test_report_download_journey(demo):
    rina = [q for (q,) in query(demo, ONLY, "rina", "E3.2")]
    budi = [q for (q,) in query(demo, ONLY, "budi", "E3.2")]
    assert rina and budi
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "triangulation")
        choose_many(page, t("tri_coders"), ["rina"])
        assert selected(page, t("tri_report_format")) == "Word (.docx)"
        button = main(page).get_by_role("button", name=t("tri_report"), exact=True)
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=WAIT) as download:
            button.click()
        assert download.value.suggested_filename == "report.docx"
        document = docx.Document(download.value.path())
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "E3 Collaborative processes") in headings
    assert ("Heading 2", "E3.2 Communication") in headings
    at = [(p.style.name, p.text) for p in document.paragraphs].index(("Heading 2", "E3.2 Communication"))
    following = document.paragraphs[at + 1:]
    end = next(i for i, p in enumerate(following) if p.style.name.startswith("Heading"))
    quotes = [p.text for p in following[:end] if p.style.name == "Quote"]
    assert any(q.startswith("\n".join(lines_of(rina[0]))) for q in quotes)
    assert not any(q.startswith("\n".join(lines_of(b))) for b in budi for q in quotes)
    assert "Coders: rina" in [p.text for p in document.paragraphs]
