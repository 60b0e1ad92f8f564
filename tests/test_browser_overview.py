"""`make run` in a real browser: Streamlit serves the demo's overview to headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(demo_path):
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--", "--project", str(demo_path)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("streamlit did not start: " + proc.stdout.read1().decode(errors="replace"))
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_overview_in_chromium(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                     args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server)
        page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
        page.get_by_role("heading", name="Codebook").wait_for(timeout=60_000)
        page.locator('[data-testid="stMetricValue"]').nth(5).wait_for()
        body = page.inner_text("body")
        assert "Sample study" in body
        assert "Codebook" in body
        metric_values = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
        assert metric_values[:3] == ["3", "13", "17"]
        page.screenshot(path=os.environ.get("QUALCODE_SCREENSHOT", str(tmp_path / "overview.png")), full_page=False)
        browser.close()
