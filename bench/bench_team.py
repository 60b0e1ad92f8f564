"""A team on one server: K coders, each in their own browser, code passages at once on one `qualcode serve --auth`.

For each K (default 1, 5, 10, 20) a fresh copy of the demo project gets K coder
accounts and one `qualcode serve --auth` on 127.0.0.1. One headless Chromium
opens K browser contexts (separate cookies and storage, like K people); each
signs in as its own coder, opens the Code page on its own document (coders
beyond the demo's 17 documents share one, from its other end), and once all
are ready every coder codes passages in a loop for ``seconds``:

    select a passage with a mouse drag -> the code palette opens -> press a
    digit (1, 2, 3 in turn: the coder's recent codes) -> wait until the
    transcript has drawn one more coding -> pause ``pause`` seconds (reading
    the next passage).

Measured per K:

- key press to band painted: from the palette's key press (a capture-phase
  keydown listener in the page) to the paint that drew the new coding
  (``.qc-transcript`` ``dataset.painted``), both on the page's
  ``performance.now()`` clock; median and 95th percentile over every coding
  of every coder;
- the server's CPU over the coding window: user + system time of the server's
  process group (``/proc``) over wall time, as % of one core, and per coding;
  the browser's (Chromium and the Playwright driver) is measured apart, and
  how busy the whole machine was;
- errors: page exceptions, console errors, Streamlit exception boxes and
  timeouts (a palette that does not open, a band that does not come);
- every coding in the file: after the run, the codings of each coder in the
  SQLite file against the codings that coder's browser saw drawn.

The ratio of each row is the median of K coders over the median of one coder,
measured in the same run. A real coder reads much longer than ``pause``
between two codings, so a team of K people loads the server less than K
coders here.
"""

from __future__ import annotations

import asyncio
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from qualcode.demo import build_demo
from qualcode.project import Project
from qualcode.ui.i18n import t

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tests.browser: the free port, server stop and Chromium of the browser tests
WAIT_MS = 120_000  # generous: 20 sign-ins and first renders share two cores with the browser
VIEWPORT = {"width": 1000, "height": 700}  # small pages paint less; wide enough to keep the sidebar
PASSWORD = "team-bench-secret"
PASSAGE = 30  # characters per selected passage
SIGN_INS_AT_ONCE = 4  # the sign-in and first render of many coders at once only slow each other down

# The screen rectangle of a coder's ``index``-th passage: PASSAGE characters of a line of speech (after the speaker
# label), numbered line by line, then again 7 characters further along each line, and so on, so no passage comes
# twice; a second coder on the same document takes them from the end (bands split a line into several text nodes,
# so the offsets are walked through them).
PASSAGE_JS = """
([index, fromEnd, size]) => {
  const passages = [];
  const lines = [...document.querySelectorAll('.qc-transcript .qc-text')];
  for (let round = 0; round < 40; round++) {
    for (const body of lines) {
      const text = body.textContent;
      const label = text.slice(0, 40).indexOf(': ');
      const from = (label < 0 ? 0 : label + 2) + round * (size + 7);
      if (from + size <= text.length) passages.push([body, from]);
    }
  }
  if (index >= passages.length) return null;
  const [body, from] = passages[fromEnd ? passages.length - 1 - index : index];
  const at = (offset) => {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let node, seen = 0;
    while ((node = walker.nextNode())) {
      if (offset <= seen + node.data.length) return [node, offset - seen];
      seen += node.data.length;
    }
    return null;
  };
  body.scrollIntoView({block: 'center'});
  const range = document.createRange();
  range.setStart(...at(from));
  range.setEnd(...at(from + size));
  const rects = [...range.getClientRects()].filter((r) => r.width > 0);
  const first = rects[0], last = rects[rects.length - 1];
  return {x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2};
}
"""
# performance.now() of the last digit pressed, seen before the palette's own handler (capture phase on window)
KEY_JS = """() => window.addEventListener('keydown', (e) => {
  if (/^[1-9]$/.test(e.key)) window.__qcKey = performance.now(); }, true)"""
CODINGS_JS = "() => Number(document.querySelector('.qc-transcript')?.dataset.codings ?? -1)"
# once the transcript draws more than `before` codings: milliseconds from the key press to that paint
BAND_JS = """(before) => {
  const root = document.querySelector('.qc-transcript');
  if (!root || Number(root.dataset.codings) <= before) return 0;
  return {ms: Number(root.dataset.painted) - window.__qcKey, codings: Number(root.dataset.codings)};
}"""


@dataclass
class Coder:
    """One browser context: who signs in, which document it codes and from which end."""

    name: str
    document: str
    from_end: bool
    latencies: list[float] = field(default_factory=list)  # ms, key press to band painted
    seen: int = 0  # codings this coder's browser saw drawn
    errors: list[str] = field(default_factory=list)


# -- the project and the server ---------------------------------------------------------------------------------

def build_demo_file(folder: Path) -> Path:
    """The demo project (what `qualcode demo` builds), once per run; each K codes a copy of it."""
    path = folder / "demo.qualcode"
    with build_demo(path):
        pass
    return path


def team_copy(demo: Path, target: Path, coders: int) -> tuple[list[str], list[str]]:
    """A copy of the demo with an admin (serve --auth needs one) and ``coders`` coder accounts; returns the
    coder names and the document names."""
    src, dst = sqlite3.connect(demo), sqlite3.connect(target)
    try:
        src.backup(dst)  # a consistent copy even with a WAL beside the file
    finally:
        src.close()
        dst.close()
    names = [f"coder-{i:02d}" for i in range(1, coders + 1)]
    with Project.open(target) as p:
        p.add_user("lead", PASSWORD, "admin")
        for name in names:
            p.add_user(name, PASSWORD, "coder")
        documents = sorted(p.documents()["name"])
    return names, documents


def codings_per_coder(path: Path) -> dict[str, int]:
    with Project.open(path) as p:
        return {str(k): int(v) for k, v in p.codings()["coder"].value_counts().items()}


def start_server(path: Path, port: int, log: Path) -> subprocess.Popen:
    """`qualcode serve PATH --auth` on 127.0.0.1:port in its own process group (its CPU is measured by group)."""
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with log.open("wb") as out:  # a file, not a pipe: a pipe nobody reads would stall a long run
        return subprocess.Popen(
            [sys.executable, "-m", "qualcode.cli", "serve", str(path), "--auth", "--port", str(port),
             "--address", "127.0.0.1"], cwd=path.parent, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)


def wait_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=1).status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("qualcode serve did not start: " + log.read_text(errors="replace")[-2000:])


# -- CPU time from /proc ----------------------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2:].split()  # after "pid (name) ": field 3 (state) is index 0


def cpu_ticks() -> dict[int, tuple[int, int, int]]:
    """pid -> (parent pid, process group, user + system ticks of it and its waited-for children)."""
    table = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := _stat(int(entry))):
            table[int(entry)] = (int(fields[1]), int(fields[2]), sum(int(f) for f in fields[11:15]))
    return table


def machine_ticks() -> tuple[int, int]:
    """(busy, total) ticks of all cores since boot (/proc/stat), to tell whether the machine itself was full."""
    fields = [int(f) for f in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4], sum(fields)  # idle and iowait are fields 4 and 5


def cpu_split(before: dict, after: dict, server_group: int) -> tuple[float, float]:
    """CPU seconds between two ``cpu_ticks`` of the server's process group and of the browser side: this
    process (which drives the coders) and its other descendants (Chromium and the Playwright driver)."""
    def ours(pid: int) -> bool:
        while pid > 1 and pid in after:
            if pid == os.getpid():
                return True
            pid = after[pid][0]
        return False

    server = browser = 0
    for pid, (_, group, ticks) in after.items():
        spent = ticks - before.get(pid, (0, 0, 0))[2]
        if group == server_group:
            server += spent
        elif ours(pid):
            browser += spent
    return server / TICK, browser / TICK


# -- one coder in one browser context ---------------------------------------------------------------------------

async def sign_in_and_open(browser, url: str, coder: Coder, gate: asyncio.Semaphore):
    """A new browser context signed in as ``coder`` on the Code page of its document; returns the page."""
    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page.on("pageerror", lambda exc: coder.errors.append(f"page exception: {exc}"))
    page.on("console", lambda msg: msg.type == "error" and coder.errors.append(f"console error: {msg.text}"))
    async with gate:
        await page.goto(url)
        form = page.locator('[data-testid="stForm"]')
        await form.locator("input").first.wait_for(timeout=WAIT_MS)
        await form.locator("input").nth(0).fill(coder.name)
        await form.locator('input[type="password"]').fill(PASSWORD)
        await form.locator('[data-testid="stFormSubmitButton"] button').click()
        await page.locator('[data-testid="stSidebarNav"] a').filter(has_text=t("code_page")).first.click()
        await page.locator(".qc-transcript").wait_for(timeout=WAIT_MS)
        label = page.locator('[data-testid="stWidgetLabel"]').get_by_text(t("document"), exact=True)
        box = page.locator('[data-testid="stSelectbox"]').filter(has=label).first
        if await box.locator("input").input_value() != coder.document:
            await box.click()
            await box.locator("input").fill(coder.document)
            await page.get_by_role("option", name=coder.document, exact=True).first.click()
            await page.wait_for_function(
                "(n) => [...document.querySelectorAll('[data-testid=\"stSelectbox\"] input')]"
                ".some((i) => i.value === n) && document.querySelector('.qc-transcript')", arg=coder.document,
                timeout=WAIT_MS)
        await settle(page)
        await page.evaluate(KEY_JS)
    return page


async def settle(page) -> None:
    """Wait until Streamlit has finished its rerun (nothing stale, no running indicator, three polls in a row)."""
    await page.evaluate("() => { window.__qcQuiet = 0; }")
    await page.wait_for_function("""() => {
        const busy = document.querySelector('[data-testid="stStatusWidget"]')
          || document.querySelector('[data-stale="true"]');
        window.__qcQuiet = busy ? 0 : (window.__qcQuiet || 0) + 1;
        return window.__qcQuiet >= 3; }""", timeout=WAIT_MS, polling=200)


async def code_one(page, coder: Coder, index: int) -> None:
    """Select the ``index``-th passage of this coder, press a digit in the palette (1, 2, 3 in turn: one of the
    coder's recent codes, or the first codes of the codebook at first), wait for the new band."""
    box = await page.evaluate(PASSAGE_JS, [index, coder.from_end, PASSAGE])
    if not box:
        raise RuntimeError(f"no passage {index + 1} in {coder.document}")
    before = await page.evaluate(CODINGS_JS)
    await page.mouse.move(box["x1"], box["y1"])
    await page.mouse.down()
    await page.mouse.move((box["x1"] + box["x2"]) / 2, box["y2"], steps=3)
    await page.mouse.move(box["x2"], box["y2"], steps=3)
    await page.mouse.up()
    await page.locator(".qc-palette").first.wait_for(state="visible", timeout=WAIT_MS)
    await page.keyboard.press(str(1 + index % 3))
    band = await (await page.wait_for_function(BAND_JS, arg=before, timeout=WAIT_MS, polling="raf")).json_value()
    coder.latencies.append(band["ms"])
    coder.seen += band["codings"] - before


async def code_until(page, coder: Coder, start: asyncio.Event, stop_at: list[float], pause: float) -> None:
    """Code passages from ``start`` until the time in ``stop_at``; an error is recorded and the loop goes on."""
    from playwright.async_api import Error as PlaywrightError

    await start.wait()
    loop = asyncio.get_running_loop()
    index = 0
    while loop.time() < stop_at[0]:
        try:
            await code_one(page, coder, index)
        except (PlaywrightError, RuntimeError) as exc:  # Playwright's TimeoutError is one of its Errors
            coder.errors.append(f"coding {index + 1}: {str(exc).splitlines()[0]}")
            await page.keyboard.press("Escape")
        index += 1
        await asyncio.sleep(pause)
    if await page.locator('[data-testid="stException"]').count():
        coder.errors.append("Streamlit exception: " + " | ".join(
            await page.locator('[data-testid="stException"]').all_inner_texts())[:300])


async def team(url: str, coders: list[Coder], seconds: float, pause: float, server_group: int) -> dict:
    """All coders in one Chromium: sign in, then code for ``seconds``; returns the window and its CPU time."""
    from playwright.async_api import async_playwright

    from tests.browser import CHROMIUM, FLAGS

    # a page in the background must still paint at once: the latency is read from its paints
    flags = [*FLAGS, "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
             "--disable-backgrounding-occluded-windows"]
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=flags)
        try:
            gate = asyncio.Semaphore(SIGN_INS_AT_ONCE)
            pages = await asyncio.gather(*(sign_in_and_open(browser, url, c, gate) for c in coders))
            start, loop = asyncio.Event(), asyncio.get_running_loop()
            stop_at = [math.inf]  # set once every coder is ready, read by each coder's loop
            work = [asyncio.create_task(code_until(p, c, start, stop_at, pause))
                    for p, c in zip(pages, coders, strict=True)]
            before, machine, began = cpu_ticks(), machine_ticks(), loop.time()
            stop_at[0] = began + seconds
            start.set()
            await asyncio.gather(*work)
            wall = loop.time() - began
            server_s, browser_s = cpu_split(before, cpu_ticks(), server_group)
            busy, total = (after - was for after, was in zip(machine_ticks(), machine, strict=True))
        finally:
            await browser.close()
    load = float(Path("/proc/loadavg").read_text().split()[0])  # runnable processes: > cores means a queue
    return {"wall": wall, "server_cpu": server_s, "browser_cpu": browser_s, "machine": busy / max(total, 1),
            "load": load}


# -- one K, and the whole benchmark -----------------------------------------------------------------------------

def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear between the closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(q) - 1]


def run_team(demo: Path, folder: Path, k: int, seconds: float, pause: float) -> dict:
    """One K: a copy of the demo, its server, K coders coding for ``seconds``; the figures of that run."""
    from tests.browser import free_port, stop_group

    path = folder / f"team-{k}.qualcode"
    names, documents = team_copy(demo, path, k)
    coders = [Coder(name, documents[i % len(documents)], from_end=i // len(documents) % 2 == 1)
              for i, name in enumerate(names)]
    port, log = free_port(), folder / f"serve-{k}.log"
    proc = start_server(path, port, log)
    try:
        wait_up(f"http://127.0.0.1:{port}", proc, log)
        window = asyncio.run(team(f"http://127.0.0.1:{port}", coders, seconds, pause, proc.pid))
    finally:
        stop_group(proc)
    in_file = codings_per_coder(path)
    latencies = [ms for c in coders for ms in c.latencies]
    errors = [f"{c.name}: {e}" for c in coders for e in c.errors]
    mismatched = {c.name: (c.seen, in_file.get(c.name, 0)) for c in coders if c.seen != in_file.get(c.name, 0)}
    return {"coders": k, "seconds": window["wall"], "codings": sum(c.seen for c in coders),
            "in_file": sum(in_file.get(c.name, 0) for c in coders), "mismatched": mismatched,
            "median": statistics.median(latencies) if latencies else math.nan,
            "p95": percentile(latencies, 95) if latencies else math.nan,
            "server_cpu": 100 * window["server_cpu"] / window["wall"],
            "server_ms_per_coding": 1000 * window["server_cpu"] / max(1, sum(c.seen for c in coders)),
            "browser_cpu": 100 * window["browser_cpu"] / window["wall"], "machine": 100 * window["machine"],
            "other_cpu": 100 * ((os.cpu_count() or 1) * window["machine"]
                                - (window["server_cpu"] + window["browser_cpu"]) / window["wall"]),
            "load": window["load"], "errors": errors}


def table_line(r: dict) -> str:
    """One K's figures as a row of the table ``run`` prints."""
    return (f"| {r['coders']} | {r['codings']} | {r['in_file']} | {r['median']:.0f} ms | {r['p95']:.0f} ms "
            f"| {r['server_cpu']:.0f}% | {r['server_ms_per_coding']:.0f} ms | {r['browser_cpu']:.0f}% "
            f"| {max(0.0, r['other_cpu']):.0f}% | {r['load']:.1f} | {len(r['errors'])} |")


def summary_row(r: dict, one: dict, seconds: float) -> dict:
    """One K's figures as a row of the table of ``python -m bench``; the baseline is one coder."""
    stored = f"all {r['in_file']} in the file" if not r["mismatched"] else f"{r['in_file']} in the file"
    return {"benchmark": "team",
            "measure": f"{r['coders']} coder{'s at once' if r['coders'] > 1 else ''} for {seconds:g} s: key press "
                       "to band painted, median (95th percentile)",
            "qualcode": f"{r['median']:.0f} ms ({r['p95']:.0f} ms); {r['codings']} codings, {stored}; "
                        f"{len(r['errors'])} errors; server CPU {r['server_cpu']:.0f}% of one core",
            "baseline": f"{one['median']:.0f} ms ({one['p95']:.0f} ms), {one['coders']} coder",
            "ratio": f"{r['median'] / one['median']:.2f}"}


def run(*, contexts: tuple[int, ...] = (1, 5, 10, 20), seconds: float = 25.0, pause: float = 2.0) -> list[dict]:
    """For each K in ``contexts``: K coders code for ``seconds`` with ``pause`` seconds between codings; prints
    a table as it goes and returns one row per K (skipped without Chromium)."""
    if not (shutil.which("chromium") or shutil.which("chromium-browser")):
        print("team: skipped (no chromium on this machine)")
        return []
    folder = Path(tempfile.mkdtemp(prefix="qualcode-team-"))
    try:
        demo = build_demo_file(folder)
        print(f"team: K coders in one Chromium on one `qualcode serve --auth`, each coding for {seconds:g} s "
              f"(select, palette, digit, band; {pause:g} s pause)")
        print("| coders | codings | in the file | key press to band, median | 95th percentile | server CPU "
              "| server CPU per coding | browser CPU | other CPU | load average | errors |\n" + "|---" * 11 + "|")
        results = []
        for k in contexts:
            r = run_team(demo, folder, k, seconds, pause)
            results.append(r)
            print(table_line(r), flush=True)
            for line in r["errors"][:10]:
                print(f"    error: {line}")
            for name, (seen, stored) in r["mismatched"].items():
                print(f"    {name}: {seen} codings drawn in the browser, {stored} in the file")
        print(f"  CPU: % of one core over the coding window (the machine has {os.cpu_count()}); browser: Chromium, "
              "the Playwright driver and this process; other: everything else running on the machine; "
              "load average: 1 minute, at the end of the window")
        return [summary_row(r, results[0], seconds) for r in results]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
