"""`make run` in a real browser: Streamlit serves the demo's overview to headless Chromium."""

from __future__ import annotations

import os

import pytest

from . import CHROMIUM, chromium_page, streamlit_server

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")


def test_overview_in_chromium(demo_path, tmp_path):
    with streamlit_server(demo_path) as url, chromium_page() as page:
        page.goto(url)
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        page.get_by_role("heading", name="Codebook").wait_for(timeout=60_000)
        page.locator('[data-testid="stMetricValue"]').nth(5).wait_for()
        body = page.inner_text("body")
        assert "Sample study" in body
        assert "Codebook" in body
        metric_values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert metric_values[:3] == ["3", "13", "17"]
        page.screenshot(path=os.environ.get("QUALCODE_SCREENSHOT", str(tmp_path / "overview.png")))
