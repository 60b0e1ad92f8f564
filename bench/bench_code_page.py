"""The Code page on a long transcript: server time of one coding action and browser time to the new band.

Two documents in one project: a 300,000-character transcript with 5,000 codings
and a 3,000-character transcript with 50 (the same density). The baseline of
each ratio is the same measurement on the short transcript, in the same run.

- Server, palette: Streamlit's AppTest runs the real app on the Code page; one action
  is the code palette's event (``tx_code``: the span and one code, as the component's
  callback leaves it) and the timed part is the run that adds the coding and redraws.
- Server, Apply: the side panel's path: "set the selection, pick a code, click Apply".
- Browser, palette: headless Chromium on `streamlit run app.py`; a passage is selected
  with a mouse drag, the palette opens, "1" is pressed: from that key's keydown to the
  transcript component having painted the new band.
- Browser, Apply: from the mouse-up on Apply to the new band painted.

In the browser both documents are open at once, each in a page of its own on one server, and
the actions alternate between them: browser times drift with the machine's load, and taking
the long and the short document's actions in turn makes the drift weigh on both alike.
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


def app_on(path: Path, document: str):
    """AppTest of the app on the Code page of ``document`` as coder rina, after one first run."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["project_path"] = str(path)
    at.session_state["coder"] = "rina"
    at.session_state["code_doc"] = document
    at.switch_page("qualcode/ui/pages/code.py")
    at.run()
    assert not at.exception, at.exception
    return at


def server_action(path: Path, document: str, repeat: int, *, palette: bool = True) -> list[float]:
    """Seconds of AppTest runs of the Code page that each add one coding: through the palette's event
    (``palette``) or through the side panel's Apply button."""
    at = app_on(path, document)
    with Project.open(path) as p:
        length = len(p.document(document)["text"])
    rng = random.Random(3 if palette else 4)
    runs = []
    for _ in range(repeat + 1):
        start = rng.randrange(0, length - 200)
        if palette:  # a selection with the palette open sends nothing: the key press is the only run
            at.session_state["tx_code"] = {"start": start, "end": start + 120, "codes": ["C1"]}
            began = time.perf_counter()
            at.run()
        else:
            at.session_state["tx_selection"] = {"start": start, "end": start + 120}
            at.run()  # the run of Esc handing the passage to the side panel (not timed)
            at.multiselect(key="apply_codes").set_value(["C1"])
            began = time.perf_counter()
            at.button(key="apply").click().run()
        runs.append(time.perf_counter() - began)
        assert not at.exception, at.exception
        assert not at.error, at.error[0].value
    return runs[1:]  # the first action warms caches


def profile(document: str = "long", repeat: int = 5) -> None:
    """Print where the server time of the palette's coding action goes (cProfile of the script runs)."""
    import cProfile
    import pstats

    from streamlit.runtime.scriptrunner import script_runner

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp(prefix="qualcode-page-"))
    try:
        path = build(folder)
        at = app_on(path, document)
        profiler, run_script = cProfile.Profile(), script_runner.ScriptRunner._run_script

        def profiled(self, *args, **kwargs):  # AppTest runs the script in its own thread
            profiler.enable()
            try:
                return run_script(self, *args, **kwargs)
            finally:
                profiler.disable()

        script_runner.ScriptRunner._run_script = profiled
        try:
            for i in range(repeat):
                start = 1000 + 977 * i
                at.session_state["tx_code"] = {"start": start, "end": start + 120, "codes": ["C1"]}
                at.run()
        finally:
            script_runner.ScriptRunner._run_script = run_script
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(*(sys.argv[2:] or [40]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open(page, url: str, document: str) -> None:
    page.goto(f"{url}/code")
    page.locator(".qc-transcript").wait_for(timeout=120_000)
    if document != "long":
        page.locator('[data-testid="stSelectbox"]').filter(has_text="Document").click()
        page.get_by_role("option", name=document, exact=True).click()
        page.wait_for_timeout(1500)


def _select_a_line(page, i: int, skip: int = 0) -> int:
    """Drag-select 40 characters of the i-th long line, ``skip`` characters after its speaker label (the
    two browser measurements select different spans: the second would otherwise be a refused duplicate);
    returns the number of codings drawn before."""
    from tests.browser import drag_select

    line, lap = page.evaluate("""(i) => {
        const rows = [...document.querySelectorAll('.qc-transcript .qc-line')]
            .filter((r) => r.innerText.length > 200);
        const step = Math.max(1, Math.floor(rows.length / 17)); // spread over the text, no line twice a lap
        return [rows[(i * step) % rows.length].querySelector(".qc-text").textContent,
                Math.floor((i * step) / rows.length)]; }""", i)
    before = int(page.evaluate("() => document.querySelector('.qc-transcript').dataset.codings"))
    speech = line.split(":", 1)[-1].strip()
    skip = (skip + 50 * lap) % max(1, len(speech) - 45)  # once every line was used, another part of it
    drag_select(page, speech[skip:skip + 40].strip())
    return before


def _painted_after(page, before: int) -> float:
    page.wait_for_function(f"() => Number(document.querySelector('.qc-transcript').dataset.codings) > {before}",
                           timeout=120_000)
    return float(page.evaluate("() => Number(document.querySelector('.qc-transcript').dataset.painted)"))


def _in_turn(path: Path, documents: tuple[str, ...], repeat: int, prepare, act) -> dict[str, list[float]]:
    """One Streamlit server and one Chromium with a page (a session of its own) per document; ``prepare(page)``
    readies each page, then ``act(page, i)`` (one timed action, in ms) runs ``repeat`` + 1 times on each page in
    turn, so that a change in the machine's load weighs on every document alike. The first action of each
    warms caches and is left out."""
    sys.path.insert(0, str(ROOT))
    from tests.browser import chromium_page, streamlit_server

    runs: dict[str, list[float]] = {d: [] for d in documents}
    with streamlit_server(path) as url, chromium_page() as first:
        pages = {documents[0]: first}
        for document in documents[1:]:
            pages[document] = first.context.browser.new_page(viewport=first.viewport_size)
        for document, page in pages.items():
            _open(page, url, document)
            prepare(page)
        for i in range(repeat + 1):
            for document, page in pages.items():
                page.bring_to_front()
                runs[document].append(act(page, i))
    return {d: r[1:] for d, r in runs.items()}


def browser_palette(path: Path, documents: tuple[str, ...], repeat: int) -> dict[str, list[float]]:
    """Milliseconds from the keydown of "1" in the code palette to the new band painted, in headless Chromium."""
    from tests.browser import wait_idle

    def prepare(page) -> None:
        page.evaluate("""() => document.addEventListener('keydown', (e) => {
            if (e.key === '1') window.__keydown = performance.now(); }, true)""")

    def act(page, i: int) -> float:
        before = _select_a_line(page, i)
        page.locator(".qc-palette").wait_for(state="visible", timeout=30_000)
        wait_idle(page)  # a settled page (the selection itself sends nothing to the server)
        page.keyboard.press("1")  # the coder's most recent code
        took = _painted_after(page, before) - page.evaluate("() => window.__keydown")
        wait_idle(page)  # the next selection starts on a settled page
        return took

    return _in_turn(path, documents, repeat, prepare, act)


def browser_apply(path: Path, documents: tuple[str, ...], repeat: int) -> dict[str, list[float]]:
    """Milliseconds from mouse-up on Apply to the new band painted, in headless Chromium."""
    from tests.browser import wait_idle

    def prepare(page) -> None:
        page.locator('[data-testid="stMultiSelect"]').first.click()
        page.get_by_role("option", name="C1 · Code C1").click()
        page.keyboard.press("Escape")
        page.get_by_text("Keep these codes for the next passage").click()  # C1 for every passage
        page.wait_for_timeout(1000)
        page.evaluate("""() => document.addEventListener('mouseup', (e) => {
            if (e.target.closest('button')) window.__mouseup = performance.now(); }, true)""")

    def act(page, i: int) -> float:
        before = _select_a_line(page, i, skip=8)
        page.keyboard.press("Escape")  # close the palette: this path uses the side panel
        page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some(b => b.innerText === 'Apply' && !b.disabled)")
        page.wait_for_timeout(800)  # the selection's own rerun settles first
        page.locator(".st-key-apply button").last.click()
        took = _painted_after(page, before) - page.evaluate("() => window.__mouseup")
        wait_idle(page)
        return took

    return _in_turn(path, documents, repeat, prepare, act)


def _row(measure: str, long: str, short: str, ratio: float) -> dict:
    return {"benchmark": "code page", "measure": measure, "qualcode": f"{long} (300,000 chars, 5,000 codings)",
            "baseline": f"{short} (3,000 chars, 50 codings)", "ratio": f"{ratio:.2f}"}


BROWSER_REPEAT = 15  # browser times vary far more than the server's: more actions for a steady median


def run(*, repeat: int = 5, browser: bool = True) -> list[dict]:
    # AppTest outside `streamlit run` warns on every widget; the figures are what matters here.
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    folder = Path(tempfile.mkdtemp(prefix="qualcode-page-"))
    try:
        path = build(folder)
        print(f"code page: {LONG:,}-character transcript with 5,000 codings vs {SHORT:,} characters with 50")
        rows = []
        for palette, what in ((True, "code palette's event"), (False, "Apply button")):
            long_s = statistics.median(server_action(path, "long", repeat, palette=palette))
            short_s = statistics.median(server_action(path, "short", repeat, palette=palette))
            print(f"  server ({what}, AppTest run of one coding action): long {long_s * 1000:.0f} ms, "
                  f"short {short_s * 1000:.0f} ms, ratio {long_s / short_s:.2f}x")
            rows.append(_row(f"server: one coding action through the {what}, AppTest run (median of {repeat})",
                             f"{long_s * 1000:.0f} ms", f"{short_s * 1000:.0f} ms", long_s / short_s))
        if not browser:
            print("  browser: not asked for")
        elif shutil.which("chromium") or shutil.which("chromium-browser"):
            for action, what in ((browser_palette, "key press in the code palette"),
                                 (browser_apply, "mouse-up on Apply")):
                times = max(repeat, BROWSER_REPEAT) if repeat > 1 else repeat  # --quick: one
                measured = action(path, ("long", "short"), times)
                long_b, short_b = statistics.median(measured["long"]), statistics.median(measured["short"])
                print(f"  browser ({what} to band painted): long {long_b:.0f} ms, short {short_b:.0f} ms, "
                      f"ratio {long_b / short_b:.2f}x")
                rows.append(_row(f"browser: {what} to new band painted, Chromium (median of {times})",
                                 f"{long_b:.0f} ms", f"{short_b:.0f} ms", long_b / short_b))
        else:
            print("  browser: skipped (no chromium on this machine)")
        return rows
    finally:
        shutil.rmtree(folder, ignore_errors=True)
