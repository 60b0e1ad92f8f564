"""Journey h: a supervisor on the Agreement page compares two coders (the report's kappa checked against
scikit-learn on the sentence units), reconciles three disagreements with Accept <coder>, Both and Neither (the
consensus coder's codings in SQLite follow each), and turns blind coding on and off (a coder's Code page then
draws only their own bands, then everyone's again)."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from sklearn.metrics import cohen_kappa_score

from qualcode.project import Project
from qualcode.ui.i18n import t

from ..conftest import one_document_project
from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, click, main, nav, open_page, pick_coder, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = ("Informan: Koordinasi jarang sekali. Data DTKS belum sesuai. Rapat diadakan tiap bulan. "
        "Warga miskin tidak masuk data. Dinas Sosial membantu LKS. Anggaran terbatas sekali.\n")
SENTENCES = ["Informan: Koordinasi jarang sekali.", "Data DTKS belum sesuai.", "Rapat diadakan tiap bulan.",
             "Warga miskin tidak masuk data.", "Dinas Sosial membantu LKS.", "Anggaran terbatas sekali."]
# which sentences each coder gave code A (whole sentences, so the unit rule cannot matter); both gave B to the last
CODED_A = {"rina": [0, 1, 2, 4], "budi": [0, 2, 3]}


def span(i: int) -> tuple[int, int]:
    start = TEXT.index(SENTENCES[i])
    return start, start + len(SENTENCES[i])


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    path = one_document_project(tmp_path_factory.mktemp("journey_agreement") / "agreement.qualcode", TEXT,
                                coders={"rina": "coder", "budi": "coder", "sue": "supervisor"})
    with Project.open(path) as p:
        for coder, sentences in CODED_A.items():
            for i in sentences:
                p.code_quote("w", SENTENCES[i], "A", coder)
            p.code_quote("w", SENTENCES[5], "B", coder)
    return path


def consensus_codings(path: Path) -> set[tuple[str, int, int]]:
    conn = sqlite3.connect(path)
    try:
        return set(conn.execute("""SELECT k.key, x.start, x."end" FROM codings x JOIN codes k ON k.id = x.code_id
                                   JOIN coders c ON c.id = x.coder_id WHERE c.role = 'consensus'""").fetchall())
    finally:
        conn.close()


def decisions(path: Path) -> list[tuple[int, int, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute('SELECT start, "end", decision FROM reconciliations ORDER BY id').fetchall()
    finally:
        conn.close()


def bands_drawn(page) -> int:
    page.locator(".qc-transcript").wait_for(timeout=WAIT)
    return int(page.locator(".qc-transcript").get_attribute("data-codings"))


def test_agreement_journey(project):
    units = [span(i) for i in range(len(SENTENCES))]
    rina = [int(i in CODED_A["rina"]) for i in range(len(units))]
    budi = [int(i in CODED_A["budi"]) for i in range(len(units))]
    expected_kappa = cohen_kappa_score(rina, budi)
    with streamlit_server(project) as url, chromium_page() as page:
        open_page(page, url, "agreement")
        pick_coder(page, "sue")

        # the report, on sentences: code A's kappa is scikit-learn's on the six sentence units
        assert "rina" in main(page).inner_text() and "budi" in main(page).inner_text()
        with page.expect_download(timeout=WAIT) as download:
            main(page).get_by_role("button", name=t("agr_download").format(fmt="CSV")).click()
        report = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        row = next(r for r in report if r["code"] == "A")
        assert int(row["units"]) == len(units)
        assert float(row["kappa"]) == pytest.approx(expected_kappa, abs=1e-9)
        assert row["unit"] == "sentence"

        # three disagreements on A (sentences 1, 3, 4), reconciled in reading order
        assert consensus_codings(project) == set()
        click(page, t("agr_accept_coder").format(coder="rina"))  # sentence 1: rina coded it, budi did not
        assert consensus_codings(project) == {("A", *span(1))}
        click(page, t("agr_accept_both"))  # sentence 3: budi's span, the union
        assert consensus_codings(project) == {("A", *span(1)), ("A", *span(3))}
        click(page, t("agr_accept_neither"))  # sentence 4: nothing added, the decision recorded
        assert consensus_codings(project) == {("A", *span(1)), ("A", *span(3))}
        assert [(s, e) for s, e, _ in decisions(project)] == [span(1), span(3), span(4)]
        assert [d for _, _, d in decisions(project)][1:] == ["both", "neither"]
        main(page).locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=WAIT)  # none left

        # blind coding on: rina's Code page draws only her bands and offers no "show codings of" picker
        toggle = main(page).locator('[data-testid="stCheckbox"]').filter(has_text=t("agr_blind"))
        toggle.locator("label").click()
        settle(page)
        with Project.open(project) as p:
            assert p.blind_coding()
            mine = len(p.codings(coders=["rina"]))
            everyone = len(p.codings())
        pick_coder(page, "rina")
        nav(page, t("code_page"))
        assert bands_drawn(page) == mine
        assert widget(page, "stSelectbox", t("show_codings")).count() == 0

        # blind coding off (by the supervisor again): rina may show everyone's bands
        pick_coder(page, "sue")
        nav(page, t("agr_title"))
        toggle.locator("label").click()
        settle(page)
        with Project.open(project) as p:
            assert not p.blind_coding()
        pick_coder(page, "rina")
        nav(page, t("code_page"))
        choose(page, t("show_codings"), t("filter_all"))
        page.wait_for_function("(n) => document.querySelector('.qc-transcript')?.dataset.codings === String(n)",
                               arg=everyone, timeout=WAIT)
        assert bands_drawn(page) == everyone > mine

