"""Journey: the Saturation page on the demo in Chromium. The statement and the runs table follow base size and
run length as the user types them, the downloaded table equals the library's runs, the curve is drawn; an empty
project says there is nothing to show."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.project.saturation import saturation_facts, saturation_runs
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, copy_demo, main, open_page, settle, widget

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")


DATED = "attribute:interview_date"  # the page's order when the project has a date attribute, as the demo does


def set_number(page, label: str, value: int) -> None:
    box = widget(page, "stNumberInput", label).locator("input")
    box.fill(str(value))
    box.press("Enter")
    settle(page)


def download_runs(page) -> list[list[str]]:
    with page.expect_download(timeout=WAIT) as download:
        main(page).get_by_role("button", name=t("sat_download").format(fmt="CSV")).click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    return [[r["run_start"], r["run_end"], r["base_codes"], r["new_in_run"]] for r in csv.DictReader(io.StringIO(text))]


def expected_rows(path: Path, **params) -> list[list[str]]:
    with Project.open(path) as p:
        runs = saturation_runs(p, order=DATED, **params)
    return [[str(r.run_start), str(r.run_end), str(r.base_codes), str(r.new_in_run)] for r in runs.itertuples()]


def test_saturation_page_follows_the_parameters(demo_path, tmp_path):
    path = copy_demo(demo_path, tmp_path)
    with Project.open(path) as p:
        first = saturation_facts(p, order=DATED)
        second = saturation_facts(p, base=3, run=3, order=DATED)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "saturation")
        body = main(page)
        body.get_by_text(f"saturation was reached at interview {first['saturated_at']}", exact=False).wait_for(
            timeout=WAIT)
        assert body.locator('[data-testid="stVegaLiteChart"]').count() == 1
        assert download_runs(page) == expected_rows(path)

        set_number(page, t("sat_base"), 3)
        set_number(page, t("sat_run"), 3)
        wanted = (f"reached at interview {second['saturated_at']}" if second["saturated_at"] else "was not reached")
        body.get_by_text("base size 3, run length 3", exact=False).wait_for(timeout=WAIT)
        assert wanted in body.get_by_text("base size 3, run length 3", exact=False).inner_text()
        assert download_runs(page) == expected_rows(path, base=3, run=3)
        page.screenshot(path=str(tmp_path / "saturation.png"), full_page=True)


def test_empty_project_says_so(tmp_path):
    path = tmp_path / "empty.qualcode"
    Project.create(path, name="Empty").close()
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "saturation")
        main(page).get_by_text(t("sat_empty"), exact=True).wait_for(timeout=WAIT)
        assert main(page).locator('[data-testid="stVegaLiteChart"]').count() == 0
