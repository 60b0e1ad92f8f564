"""The Code page on a long transcript: server time of one coding action and browser time to the new band.

Two documents in one project: a 300,000-character transcript with 5,000 codings
and a 3,000-character transcript with 50 (the same density). The baseline of
each ratio is the same measurement on the short transcript, in the same run.

- Server: Streamlit's AppTest runs the real app on the Code page; one action is
  "set the selection, pick a code, click Apply" and the timed part is the
  script run that adds the coding and redraws the page.
- Browser: headless Chromium on `streamlit run app.py`; from the mouse-up on
  Apply to the transcript component having painted the new band.
"""

from __future__ import annotations

import logging
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project

from .generate import transcript

ROOT = Path(__file__).resolve().parent.parent
LONG, SHORT = 300_000, 3_000
CODES = [f"C{i}" for i in range(10)]


def text_of(chars: int, seed: int) -> str:
    text = transcript(chars // 5, seed)
    while len(text) < chars:
        text += transcript(2000, seed + len(text))
    return text[:chars].rsplit(" ", 1)[0] + "\n"


def build(folder: Path) -> Path:
    path = folder / "page.qualcode"
    rng = random.Random(7)
    with Project.create(path) as p:
        p.add_group("g")
        p.add_informant("I-1", "g")
        colors = [f"#{rng.randrange(0x1000000):06x}" for _ in CODES]
        p.load_codebook(Codebook("bench", [Code(k, f"Code {k}", color=c) for k, c in zip(CODES, colors, strict=True)]))
        p.add_coder("rina")
        for name, chars, n in (("long", LONG, 5000), ("short", SHORT, 50)):
            file = folder / f"{name}.txt"
            file.write_text(text_of(chars, 11 if name == "long" else 12), encoding="utf-8")
            doc = p.import_document(file, informant="I-1", name=name)
            length = doc.characters
            spans: dict[tuple[int, int, str], None] = {}  # distinct: the API refuses an exact duplicate
            while len(spans) < n:
                start = rng.randrange(0, length - 400)
                spans[(start, start + rng.randint(20, 400), rng.choice(CODES))] = None
            p.add_codings([CodingSpec(doc.id, s, e, code, "rina") for s, e, code in spans])
    return path


def server_action(path: Path, document: str, repeat: int) -> list[float]:
    """Seconds of AppTest runs of the Code page that each add one coding."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["project_path"] = str(path)
    at.session_state["coder"] = "rina"
    at.session_state["code_doc"] = document
    at.switch_page("qualcode/ui/pages/code.py")
    at.run()
    assert not at.exception, at.exception
    with Project.open(path) as p:
        length = len(p.document(document)["text"])
    rng = random.Random(3)
    runs = []
    for _ in range(repeat + 1):
        start = rng.randrange(0, length - 200)
        at.session_state["tx_selection"] = {"start": start, "end": start + 120}
        at.run()  # the rerun the selection itself causes (not timed)
        at.multiselect(key="apply_codes").set_value(["C1"])
        began = time.perf_counter()
        at.button(key="apply").click().run()
        runs.append(time.perf_counter() - began)
        assert not at.exception, at.exception
    return runs[1:]  # the first action warms caches


def browser_action(path: Path, document: str, repeat: int) -> list[float]:
    """Milliseconds from mouse-up on Apply to the new band painted, in headless Chromium."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium_page, drag_select, streamlit_server

    runs = []
    with streamlit_server(path) as url, chromium_page() as page:
        page.goto(f"{url}/code")
        page.locator(".qc-transcript").wait_for(timeout=120_000)
        if document != "long":
            page.locator('[data-testid="stSelectbox"]').filter(has_text="Document").click()
            page.get_by_role("option", name=document, exact=True).click()
            page.wait_for_timeout(1500)
        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.get_by_role("option", name="C1 · Code C1").click()
        page.keyboard.press("Escape")
        page.wait_for_timeout(1000)
        page.evaluate("""() => document.addEventListener('mouseup', (e) => {
            if (e.target.closest('button')) window.__mouseup = performance.now(); }, true)""")
        for i in range(repeat + 1):
            line = page.evaluate("""(i) => {
                const rows = [...document.querySelectorAll('.qc-transcript .qc-line')]
                    .filter((r) => r.innerText.length > 60);
                return rows[(i * 7) % rows.length].querySelector(".qc-text").textContent; }""", i)
            needle = line.split(":", 1)[-1].strip()[:40].strip()
            drag_select(page, needle)
            page.wait_for_function(
                "() => [...document.querySelectorAll('button')].some(b => b.innerText === 'Apply' && !b.disabled)")
            page.wait_for_timeout(800)  # the selection's own rerun settles first
            before = int(page.evaluate("() => document.querySelector('.qc-transcript').dataset.codings"))
            page.locator(".st-key-apply button").last.click()
            page.wait_for_function(f"() => Number(document.querySelector('.qc-transcript').dataset.codings) > {before}",
                                   timeout=120_000)
            painted = page.evaluate("() => Number(document.querySelector('.qc-transcript').dataset.painted)")
            runs.append(painted - page.evaluate("() => window.__mouseup"))
    return runs[1:]


def run(*, repeat: int = 5, browser: bool = True) -> list[dict]:
    # AppTest outside `streamlit run` warns on every widget; the figures are what matters here.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp(prefix="qualcode-page-"))
    try:
        path = build(folder)
        print(f"code page: {LONG:,}-character transcript with 5,000 codings vs {SHORT:,} characters with 50")
        long_s = statistics.median(server_action(path, "long", repeat))
        short_s = statistics.median(server_action(path, "short", repeat))
        print(f"  server (AppTest run of one coding action): long {long_s * 1000:.0f} ms, "
              f"short {short_s * 1000:.0f} ms, ratio {long_s / short_s:.2f}x")
        rows = [{"benchmark": "code page", "measure": f"server: one coding action, AppTest run (median of {repeat})",
                 "qualcode": f"{long_s * 1000:.0f} ms (300,000 chars, 5,000 codings)",
                 "baseline": f"{short_s * 1000:.0f} ms (3,000 chars, 50 codings)", "ratio": f"{long_s / short_s:.2f}"}]
        if browser and (shutil.which("chromium") or shutil.which("chromium-browser")):
            long_b = statistics.median(browser_action(path, "long", repeat))
            short_b = statistics.median(browser_action(path, "short", repeat))
            print(f"  browser (mouse-up on Apply to band painted): long {long_b:.0f} ms, short {short_b:.0f} ms, "
                  f"ratio {long_b / short_b:.2f}x")
            rows.append({"benchmark": "code page",
                         "measure": f"browser: mouse-up on Apply to new band painted, Chromium (median of {repeat})",
                         "qualcode": f"{long_b:.0f} ms (300,000 chars, 5,000 codings)",
                         "baseline": f"{short_b:.0f} ms (3,000 chars, 50 codings)", "ratio": f"{long_b / short_b:.2f}"})
        else:
            print("  browser: skipped (no chromium on this machine)")
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)
