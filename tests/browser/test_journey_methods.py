"""Journey: on the Overview page a researcher picks SRQR and Word, makes the methods appendix and downloads it;
the file Word would open holds the SRQR table with the library's answers and its blanks."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from qualcode.analysis.checklists import checklist_answers
from qualcode.project import Project
from qualcode.project.methods import methods_facts
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, copy_demo, main, open_page

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")


def test_make_and_download_the_srqr_appendix(demo_path, tmp_path):
    project = copy_demo(demo_path, tmp_path)
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url)
        choose(page, t("meth_checklist"), t("meth_checklist_srqr"))
        choose(page, t("meth_format"), t("meth_format_docx"))
        click(page, t("meth_make"))
        button = main(page).get_by_role("button", name=t("meth_download"))
        button.wait_for(timeout=WAIT)
        with page.expect_download(timeout=WAIT) as download:
            button.click()
        assert download.value.suggested_filename == "methods-appendix.docx"
        saved = tmp_path / "appendix.docx"
        download.value.save_as(saved)
    with Project.open(project) as p:
        expected = checklist_answers(methods_facts(p), "srqr", "en")
    doc = Document(str(Path(saved)))
    assert len(doc.tables) == 1
    rows = doc.tables[0].rows
    assert [r.cells[0].text for r in rows[1:]] == [str(n) for n in expected["item"]]
    assert [r.cells[4].text for r in rows[1:]] == expected["answer"].tolist()
