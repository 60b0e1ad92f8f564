"""User text is text everywhere: names, memos and queries full of Markdown and HTML show literally in Chromium.

``test_escape_md_in_every_element`` renders tricky texts in each kind of Streamlit element (escape_page.py);
``test_hostile_project_on_every_page`` walks every page of a project whose every user-provided string is
hostile and finds no element made from user text, while the text itself is shown as typed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import CHROMIUM, assert_no_exception, chromium_page, streamlit_server
from .escape_page import CASES, MARKDOWN_KINDS, PLAIN_KINDS
from .journey import main, nav, open_page, pick_coder, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

WAIT = 60_000

# Markup that user text could turn into. Streamlit's own links inside our elements are heading anchors ("#...").
_MARKUP = ('a:not([href^="#"]), b, strong, em, i, del, s, code, pre, img, script, li, blockquote, table, hr, '
           'h1, h2, h4, h5, h6, .katex, .stMarkdownColoredText')
# Emoji that shortcodes in user text would become.
_RENDERED_LEFTOVERS = ("😄", "👍")

# The markup elements inside ``el`` that hold something (Streamlit draws some empty ones of its own), the
# Material icon ":material/rocket_launch:" would draw, and h3 headings beyond the element's own one.
MARKUP_JS = """
(el, [selector, ownHeadings]) => {
  const found = [...el.querySelectorAll(selector)]
    .filter((e) => e.textContent.trim() || ['IMG', 'SCRIPT', 'HR'].includes(e.tagName))
    .map((e) => e.outerHTML.slice(0, 120));
  for (const icon of el.querySelectorAll('[data-testid="stIconMaterial"]')) {
    if (icon.textContent.includes('rocket_launch')) found.push(icon.outerHTML.slice(0, 120));
  }
  const h3 = el.querySelectorAll('h3').length;
  if (h3 > ownHeadings) found.push(`${h3} h3 elements`);
  return found;
}
"""


def flat(text: str) -> str:
    """``text`` without whitespace and word joiners: what must appear, in order, whatever the line breaks."""
    return re.sub(r"[\s\u2060]+", "", text)


def shown_text(locator) -> str:
    """What the element shows: its visible text plus the values of its inputs (a selectbox shows its choice there)."""
    return locator.evaluate(
        "(el) => el.innerText + ' ' + [...el.querySelectorAll('input')].map((i) => i.value).join(' ')")


def markup_in(locator, *, own_headings: int = 0) -> list[str]:
    """The markup elements inside ``locator`` (see ``_MARKUP``)."""
    return locator.evaluate(MARKUP_JS, [_MARKUP, own_headings])


def assert_literal(locator, text: str, where: str) -> None:
    shown = shown_text(locator)
    assert flat(text) in flat(shown), f"{where}: {text!r} not shown literally; the page shows {shown!r}"
    leftovers = [x for x in _RENDERED_LEFTOVERS if x in shown]
    assert not leftovers, f"{where}: rendered directives {leftovers} in {shown!r}"


def assert_no_script_ran(page) -> None:
    assert page.evaluate("() => window.__xss") is None, "a script from user text ran"
    assert page.locator('a[href^="javascript"], img[src="x"]').count() == 0, "markup from user text on the page"


def test_escape_md_in_every_element(tmp_path):
    """Each Markdown-rendering element shows escape_md(text) exactly as typed (no markup, no backslashes);
    each plain element shows the text itself."""
    with streamlit_server(tmp_path / "unused.qualcode", script=Path(__file__).with_name("escape_page.py")) as url, \
            chromium_page() as page:
        page.goto(url)
        page.locator(".st-key-done").wait_for(timeout=WAIT)
        # widgets load their code lazily: wait until every element shows something
        boxes = [f"st-key-{kind}-{i}" for i in range(len(CASES)) for kind in MARKDOWN_KINDS + PLAIN_KINDS]
        page.wait_for_function("(boxes) => boxes.every((c) => document.querySelector('.' + c)?.innerText.trim())",
                               arg=boxes, timeout=WAIT)
        assert_no_exception(page)
        problems = []
        for i, case in enumerate(CASES):
            for kind in MARKDOWN_KINDS + PLAIN_KINDS:
                box = page.locator(f".st-key-{kind}-{i}")
                found = markup_in(box, own_headings=int(kind == "subheader"))
                if found:
                    problems.append(f"{kind} {case!r}: markup {found}")
                shown = shown_text(box)
                if flat(case) not in flat(shown) or any(x in shown for x in _RENDERED_LEFTOVERS):
                    problems.append(f"{kind} {case!r}: shows {shown!r}")
        assert not problems, "\n".join(problems)

        page.locator(".st-key-button-0 button").first.hover()
        tooltip = page.locator('[data-testid="stTooltipContent"]')
        tooltip.wait_for(timeout=WAIT)
        assert markup_in(tooltip) == []
        assert_literal(tooltip, CASES[0], "tooltip")

        page.locator(".st-key-toast button").click()
        toast = page.locator('[data-testid="stToast"]').first
        toast.wait_for(timeout=WAIT)
        assert markup_in(toast) == []
        assert_literal(toast, CASES[0], "toast")

        page.locator(".st-key-dialog button").click()
        dialog = page.locator('[role="dialog"]')
        dialog.wait_for(timeout=WAIT)
        # the dialog's title is its own h2: only markup made of the case's words counts
        assert [m for m in markup_in(dialog) if "bold1" in m or "link1" in m] == []
        assert_literal(dialog, CASES[0], "dialog title")
        assert_no_script_ran(page)


# -- a project whose every user-provided string is hostile ------------------------------------------------------

# The words inside the markup of the hostile strings: an inline element whose whole text is one of them was made
# from user text (the escaped strings keep them between their literal ** and <b> marks).
FRAGMENTS = {"bold1", "link1", "tag1", "em1", "red1", "mathx", "www.example.com"}
H = ("**bold1** [link1](javascript:alert(1)) <b>tag1</b> <img src=x onerror=alert(1)> "
     "<script>window.__xss=1</script> _em1_ :red[red1] $mathx$ www.example.com")
PROJECT = f"P {H}"
CODER_A = "<b>tag1</b>**bold1** A"
CODER_B = "_em1_ :red[red1] B www.example.com"
CODER_C = "[link1](javascript:alert(1)) C"
GROUPS = {"**bold1** g1": f"G1 {H}", "_em1_ g2": f"G2 {H}"}
INFORMANTS = {"<b>tag1</b> i1": "**bold1** g1", "[link1](javascript:alert(1)) i2": "_em1_ g2"}
CODES = ["__bold1__", "www.example.com"]  # code keys allow letters, digits, "_", "." and "-" only
DOCS = [f"D1 {H}", f"D2 {H}"]
QUERY = "koordinasi"
LABEL = f"“{QUERY} {H}” → {CODES[1]} × 1"  # the label the Search page gives an auto-coding step
STEP = f"1 search hits as {CODES[1]}"  # how undo and the history describe that step
TEXT = (f"Pewawancara: {H}\n\nInforman: Koordinasinya jarang, Pak. Koordinasi lewat rapat saja.\n\n"
        "Pewawancara: Apakah data DTKS sudah sesuai?\n\nInforman: Belum. Banyak warga miskin yang tidak masuk data.\n")

# Inline markup made from user text: an element whose whole text is a fragment, a link to the hostile targets,
# the hostile image, a rendered formula or colour directive, and an executed script.
HOSTILE_MARKUP_JS = """
([fragments]) => {
  const found = [];
  for (const e of document.querySelectorAll('a, b, strong, em, i, del, s, code, li, blockquote, span, p')) {
    if (['A', 'B', 'STRONG', 'EM', 'I', 'DEL', 'S', 'CODE', 'LI', 'BLOCKQUOTE'].includes(e.tagName)
        && fragments.includes(e.textContent.trim())) found.push(e.outerHTML.slice(0, 160));
  }
  for (const e of document.querySelectorAll('a[href^="javascript"], a[href*="example.com"], img[src="x"], '
                                            + '.katex, .stMarkdownColoredText')) found.push(e.outerHTML.slice(0, 160));
  for (const e of document.querySelectorAll('script')) {
    if (e.textContent.includes('__xss')) found.push('script: ' + e.textContent.slice(0, 80));
  }
  if (window.__xss !== undefined) found.push('window.__xss set');
  return found;
}
"""


@pytest.fixture
def hostile_project(tmp_path):
    """Every user-provided string hostile: project, groups, informants, documents, codes, coders, memos,
    a verdict, a summary, suggestions and a search auto-coding step."""
    from qualcode.codebook import Code, Codebook
    from qualcode.project import Project
    from qualcode.ui.search_parts import autocode

    path = tmp_path / "hostile.qualcode"
    p = Project.create(path, name=PROJECT)
    for key, name in GROUPS.items():
        p.add_group(key, name, name_alt=f"alt {name}", description=f"desc {H}")
    for key, group in INFORMANTS.items():
        p.add_informant(key, group, role=f"R {H}", organisation=f"O {H}", attributes={"k": f"A {H}"})
    p.load_codebook(Codebook("hostile", [
        Code(CODES[0], f"C1 {H}", name_alt=f"C1alt {H}", definition=f"def {H}", include="koordinasi",
             example=f"ex {H}"),
        Code(CODES[1], f"C2 {H}", parent=CODES[0], definition=f"def {H}")]))
    for n, (name, informant) in enumerate(zip(DOCS, INFORMANTS, strict=True)):
        source = tmp_path / f"doc{n}.txt"
        source.write_text(TEXT.replace("Belum.", f"Belum {n}."), encoding="utf-8")
        p.import_document(source, informant=informant, name=name)
    start = TEXT.index("Koordinasinya")
    for doc in DOCS:
        p.add_coding(doc, start, start + 40, CODES[0], CODER_A, memo=f"# M {H}\n- item")
        p.add_coding(doc, start, start + 40, CODES[1], CODER_A, memo=None)  # two codings under one band
        p.add_coding(doc, TEXT.index("Banyak"), TEXT.index("Banyak") + 20, CODES[0], CODER_B, memo=f"M2 {H}")
    p.set_verdict(CODES[0], "agreement", supervisor=CODER_A, rationale=f"V {H}")
    p.set_summary(next(iter(INFORMANTS)), CODES[0], f"S {H}", author=CODER_A)
    p.ensure_coder(CODER_C)
    assert p.suggest_run(coder=CODER_C) > 0  # keyword suggestions from the codes' include lists
    hits = p.search(QUERY)
    assert autocode(p, hits.head(1), CODES[1], CODER_A, label=LABEL)[0]
    p.close()
    return path


def check_page(page, where: str, *expected: str, scope=None) -> None:
    """No exception box, no markup made from user text, and each of ``expected`` shown literally (in ``scope``)."""
    settle(page)
    assert_no_exception(page)
    found = page.evaluate(HOSTILE_MARKUP_JS, [sorted(FRAGMENTS)])
    assert not found, f"{where}: markup from user text: {found}"
    shown = (scope or page.locator("body")).inner_text()
    for text in expected:
        assert flat(text) in flat(shown), f"{where}: {text!r} not shown literally in {shown!r}"


def test_hostile_project_on_every_page(hostile_project):
    with streamlit_server(hostile_project) as url, chromium_page() as page:
        open_page(page, url)
        check_page(page, "Overview", PROJECT)
        pick_coder(page, CODER_A)

        nav(page, "Project")
        check_page(page, "Project", PROJECT)

        nav(page, "Code")
        check_page(page, "Code", PROJECT, STEP)  # the undo caption names the auto-coding step
        page.locator(".qc-coded").first.click()
        palette = page.locator(".qc-palette")  # a band click opens the code palette first
        palette.wait_for(timeout=WAIT)
        check_page(page, "Code: band palette", CODES[0], CODER_A, scope=palette)
        palette.locator(".qc-pal-memo").click(timeout=WAIT)
        dialog = page.locator('[role="dialog"]:not(.qc-palette)')
        dialog.wait_for(timeout=WAIT)
        check_page(page, "Code: band dialog", f"{CODES[0]} · {CODER_A}", f"{CODES[1]} · {CODER_A}", scope=dialog)
        page.keyboard.press("Escape")
        settle(page)
        undo = main(page).get_by_role("button", name="Undo", exact=True).first
        undo.hover()
        tooltip = page.locator('[data-testid="stTooltipContent"]')
        tooltip.wait_for(timeout=WAIT)
        check_page(page, "Code: undo tooltip", STEP, scope=tooltip)

        nav(page, "Codebook")
        check_page(page, "Codebook")
        main(page).get_by_role("tab", name="Move").click()
        settle(page)  # choosing a tab reruns the page
        check_page(page, "Codebook: move")

        nav(page, "Search")
        main(page).get_by_label("Find").fill(f"{QUERY} {H}")
        main(page).get_by_role("button", name="Search", exact=True).click()
        check_page(page, "Search")
        main(page).get_by_label("Find").fill(QUERY)
        main(page).get_by_role("button", name="Search", exact=True).click()
        check_page(page, "Search with hits")

        nav(page, "Triangulation")
        check_page(page, "Triangulation", CODER_A)

        nav(page, "Framework matrix")
        check_page(page, "Framework matrix", CODER_A)

        nav(page, "Agreement")
        check_page(page, "Agreement", f"Accept {CODER_A}", f"Accept {CODER_B}")

        nav(page, "Suggestions")
        check_page(page, "Suggestions", CODER_A)  # "accepted suggestions are coded as <coder>"
        shown = flat(main(page).inner_text())
        assert any(flat(doc) in shown for doc in DOCS), "the suggestion's document is not shown literally"

        nav(page, "History")
        check_page(page, "History", STEP)
