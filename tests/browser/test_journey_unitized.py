"""Journey: a supervisor opens the Agreement page of the demo, opens "Unitized alpha (spans)" and reads the
unitized alphas of the two coders: the first row of the table in the browser (E1's |uα, (k)uα and coverage) and
the downloaded CSV (every figure, with what it rests on) are those of Project.unitized_agreement."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, copy_demo, expand, grid, main, open_page, pick_coder, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")


@pytest.fixture(scope="module")
def demo(demo_path, tmp_path_factory) -> Path:
    return copy_demo(demo_path, tmp_path_factory.mktemp("journey_unitized"))


def first_row(table) -> list[str]:
    """The cells of the first data row in the grid's screen-reader copy (those drawn, left to right)."""
    table.locator('[data-testid="glide-cell-0-0"]').wait_for(state="attached", timeout=WAIT)
    cells = table.locator('[data-testid^="glide-cell-"][data-testid$="-0"]')
    return [(c or "").strip() for c in cells.all_text_contents()]


def test_unitized_section_shows_the_figures(demo):
    with streamlit_server(demo) as url, chromium_page() as page:
        open_page(page, url, "agreement")
        pick_coder(page, "rina")
        section = main(page).locator('[data-testid="stExpander"]').filter(has_text=t("uz_title"))
        expand(page, section)
        settle(page)
        table = grid(page, scope=section)
        text = section.inner_text()
        assert "documents laid end to end" in text and "Krippendorff, K., Mathet, Y., Bouvry, S., & Widl" in text

        with page.expect_download(timeout=WAIT) as download:
            section.get_by_role("button", name=t("uz_download").format(fmt="CSV")).click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        coders = json.loads(rows[0]["coders_compared"])
        with Project.open(demo) as p:
            want = p.unitized_agreement(coders=coders, documents=json.loads(rows[0]["documents"]))
        assert [r["code"] for r in rows] == want["code"].tolist()
        for r, (_, expected) in zip(rows, want.iterrows(), strict=True):
            for column in ("binary_u_alpha", "k_u_alpha", "u_alpha", "cu_alpha", "coverage", "coded"):
                got = float(r[column]) if r[column] else math.nan
                assert got == pytest.approx(expected[column], nan_ok=True), (r["code"], column)
        assert rows[0]["report"] == "unitized" and int(rows[0]["characters"]) == want.attrs["length"]

        # the first row on the screen: E1, with its |uα, (k)uα and coverage as the table rounds them
        first = want.iloc[0]
        shown = first_row(table)
        assert shown[0] == "E1", shown
        for value in (f"{first['binary_u_alpha']:.3f}", f"{first['k_u_alpha']:.3f}", f"{first['coverage'] * 100:.1f}"):
            assert any(c.startswith(value.rstrip("0").rstrip(".")) for c in shown), (value, shown)
