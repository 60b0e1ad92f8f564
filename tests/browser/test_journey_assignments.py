"""Journey: a supervisor assigns a document to two coders on the Agreement page, each coder marks it done on the
Code page (one of them coded nothing in it), and the agreement report, compared by default on the documents
assigned to both and done by each, now includes it: its downloaded figures equal the library's, and choosing
"coded by each" leaves the document out again."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import (
    WAIT,
    choose,
    choose_many,
    click,
    copy_demo,
    main,
    nav,
    open_page,
    pick_coder,
    pick_option,
    settle,
    widget,
)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = ("Kami rapat bersama dinas sosial setiap bulan untuk membahas data penerima bantuan. "
        "Rapat itu dipimpin oleh sekretaris dinas. Hasilnya dicatat dalam notulen.\n")
NAME = "I-14 Rapat"


@pytest.fixture
def project(demo_path, tmp_path) -> Path:
    path = copy_demo(demo_path, tmp_path)
    source = tmp_path / "I-14_rapat.txt"
    source.write_text(TEXT, encoding="utf-8")
    with Project.open(path) as p:
        p.add_coder("sue", role="supervisor")
        p.import_document(source, informant="I-05", source_type="interview", language="id", name=NAME)
        first = TEXT.index("bantuan.") + len("bantuan.")
        p.add_coding(NAME, 0, first, "E2.1", "rina")
    return path


def download_report(page) -> list[dict]:
    with page.expect_download(timeout=WAIT) as download:
        main(page).get_by_role("button", name=t("agr_download").format(fmt="CSV")).click()
    return list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))


def mark_done(page, coder: str) -> None:
    pick_coder(page, coder)
    nav(page, t("code_page"))
    choose(page, t("document"), re.compile(f"^{NAME}\\s+\u25cb$"), search="I-14")  # marked: assigned, not done
    toggle = main(page).locator('[data-testid="stCheckbox"]').filter(has_text=t("asg_mark_done"))
    toggle.locator("label").click()
    settle(page)


def test_assign_mark_done_and_compare(project):
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url, "agreement")
        pick_coder(page, "sue")
        # before: the new document is nobody's, so the default report leaves it out
        with Project.open(project) as p:
            assert NAME not in p.agreement(coders=["rina", "budi"], n_boot=0).attrs["documents"]

        box = widget(page, "stMultiSelect", t("asg_documents"))
        pick_option(page, box, NAME, search="I-14")  # the list draws only the options in view
        page.keyboard.press("Escape")
        settle(page)
        choose_many(page, t("asg_coders"), ["rina", "budi"])
        click(page, t("asg_assign"))
        main(page).get_by_text("Assigned 2 (document, coder) pairs", exact=False).wait_for(timeout=WAIT)
        with Project.open(project) as p:
            rows = p.assignments(document=NAME)
        assert sorted(rows["coder"]) == ["budi", "rina"] and not rows["done"].any()
        assert set(rows["assigned_by"]) == {"sue"}

        mark_done(page, "rina")
        main(page).get_by_text(t("asg_now_done").format(document=NAME), exact=False).wait_for(timeout=WAIT)
        mark_done(page, "budi")  # budi read it and found nothing to code
        with Project.open(project) as p:
            assert p.assignments(document=NAME)["done"].all()
            expected = p.agreement(coders=["rina", "budi"], n_boot=0).set_index("code")
        assert NAME in expected.attrs["documents"]

        pick_coder(page, "sue")
        nav(page, t("agr_title"))
        assert widget(page, "stRadio", t("agr_selection")).count() == 1
        main(page).get_by_text(t("agr_chosen_assigned")).wait_for(timeout=WAIT)
        report = download_report(page)
        row = next(r for r in report if r["code"] == "E2.1")
        assert NAME in row["documents"] and row["documents_chosen"] == "assigned"
        assert float(row["alpha"]) == pytest.approx(expected.at["E2.1", "alpha"], abs=1e-9)
        assert round(float(row["alpha"]), 4) == 0.7807

        # the stated alternative: documents coded by each, which leaves the document out
        widget(page, "stRadio", t("agr_selection")).get_by_text(t("agr_selection_coded")).click()
        settle(page)
        main(page).get_by_text(t("agr_chosen_coded")).wait_for(timeout=WAIT)
        row = next(r for r in download_report(page) if r["code"] == "E2.1")
        assert NAME not in row["documents"] and row["documents_chosen"] == "coded"
        assert round(float(row["alpha"]), 4) == 0.8167
