"""Shared pieces of the browser tests: a Streamlit server on a free port and headless Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository (tests/browser/__init__.py)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_group(proc: subprocess.Popen) -> str:
    """Stop a server started with ``start_new_session=True`` and everything it started (``qualcode serve`` runs
    Streamlit as a child, which can outlive a plain SIGTERM to the group); returns what it printed."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        output = proc.communicate(timeout=15)[0]
    except subprocess.TimeoutExpired:
        output = b""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)  # whatever of the group is left
    if proc.poll() is None:
        output += proc.communicate(timeout=15)[0]
    return (output or b"").decode("utf-8", "replace")


def printed(proc: subprocess.Popen) -> str:
    """What a process started with ``stdout=PIPE`` has printed so far (without waiting for more)."""
    if proc.stdout is None:
        return ""
    os.set_blocking(proc.stdout.fileno(), False)
    return (proc.stdout.read() or b"").decode(errors="replace")


class ServerExited(RuntimeError):
    """The server process ended before it answered (e.g. its port was taken in the meantime)."""


def wait_until_up(url: str, proc: subprocess.Popen, tries: int = 120) -> None:
    """Wait for the Streamlit server at ``url`` to answer its health check (about a minute at most); a server
    that exits first fails at once, with what it printed."""
    for _ in range(tries):
        if proc.poll() is not None:
            raise ServerExited(f"streamlit exited ({proc.returncode}) before it answered: {printed(proc)}")
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("streamlit did not start: " + proc.stdout.read1().decode(errors="replace"))


@contextlib.contextmanager
def streamlit_server(project: Path, *, auth: bool = False, script: Path = ROOT / "app.py") -> Iterator[str]:
    """`streamlit run app.py -- --project PROJECT [--auth]` on a free port; yields its URL.

    ``script`` runs another Streamlit script instead of the app (a test page of single elements).
    A server that exits before it answers is started again on another port: with the suite in two
    processes (and other programs) asking for free ports, one can be taken between the ask and the bind."""
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    for attempt in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
             "--server.address", "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none",
             "--", "--project", str(project), *(["--auth"] if auth else [])],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, proc)
            break
        except ServerExited:
            if attempt == 2:
                raise
        except BaseException:
            proc.terminate()
            proc.wait(timeout=20)
            raise
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@contextlib.contextmanager
def chromium_page(width: int = 1400, height: int = 1000):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield browser.new_page(viewport={"width": width, "height": height})
        finally:
            browser.close()


def assert_no_exception(page) -> None:
    """No Streamlit exception box (a traceback shown to the user) on the page as it is now."""
    boxes = page.locator('[data-testid="stException"]')
    assert boxes.count() == 0, "Streamlit exception on the page: " + " | ".join(boxes.all_inner_texts())[:2000]


def wait_idle(page, timeout: int = 60_000) -> None:
    """Wait until Streamlit has finished the current run (no running indicator, no stale elements)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-stale=\"true\"]')", timeout=timeout)


SELECT_TEXT_JS = """
([needle]) => {
  // Screen rectangle of the first occurrence of `needle` in a line of the transcript view,
  // even when coding bands split the line into several text nodes.
  const at = (body, index) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      if (index <= seen + node.data.length) return [node, index - seen];
      seen += node.data.length;
    }
    return null;
  };
  for (const body of document.querySelectorAll('.qc-transcript .qc-text')) {
    const i = body.textContent.indexOf(needle);
    if (i < 0) continue;
    body.scrollIntoView({block: 'center'});
    const range = document.createRange();
    range.setStart(...at(body, i));
    range.setEnd(...at(body, i + needle.length));
    const rects = [...range.getClientRects()].filter((r) => r.width > 0);
    const first = rects[0], last = rects[rects.length - 1];
    return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2};
  }
  return null;
}
"""


def drag_select(page, needle: str) -> None:
    """Select `needle` in the transcript with a real mouse drag."""
    box = page.evaluate(SELECT_TEXT_JS, [needle])
    assert box, f"{needle!r} not shown in the transcript"
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y2"], steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
