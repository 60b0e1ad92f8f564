"""The code palette inside the transcript, in Chromium on the real Code page: a coder selects with the mouse or
the keyboard (Shift+arrows, Alt+S for the sentence, Alt+T for the turn) and codes with a number, Enter, a
typed filter (in Bahasa Indonesia too), several ticked codes or a code's hotkey; Esc codes nothing; a click on a
band changes or (after the palette's confirmation) removes that coding, or opens its memo dialog. A coded
passage shows at once as a dashed band, solid once Python has stored it.

After each step the SQLite rows are read from the project file and compared with spans computed here with
Python's str.index on the document text (code points: the text has emoji before the passages), and with the
code the palette must have chosen: its rows are the coder's recent codes first, then the codebook."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project
from qualcode.ui.i18n import LANGUAGES, t

from . import CHROMIUM, SELECT_TEXT_JS, chromium_page, drag_select, streamlit_server
from .journey import WAIT, choose, choose_many, nav, open_page, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasi dengan dinas? 😀 Ceritakan saja.\n\n"
    "Informan: Jujur saja 👩🏽‍⚕️ koordinasi lewat WhatsApp saja. Rapatnya jarang sekali. "
    "Data DTKS belum sesuai dengan kondisi lapangan.\n\n"
    "Pewawancara: Terima kasih atas waktunya.\n"
)
# the codebook in its order; DAT has the hotkey D, CAF an accent in its Indonesian name
CODES = [Code("COM", "Communication", "Komunikasi", color="#0072B2"),
         Code("TRU", "Trust", "Kepercayaan", color="#D55E00"),
         Code("DAT", "Data quality", "Kualitas data", color="#009E73", hotkey="D"),
         Code("CAF", "Coffee-shop talk", "Obrolan kafé", color="#CC79A7")]
PALETTE = ".qc-transcript ~ .qc-palette"


def make_project(tmp_path: Path, seed: list[tuple[str, str]] = (), text: str = TEXT) -> tuple[Path, list[int]]:
    """A project with one document (``text``) and the coder "tester" (the only coder: the sidebar picks them);
    ``seed`` codes (passage of TEXT, code key) added through the API, their ids returned."""
    path = tmp_path / "palette.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", CODES))
        p.add_coder("tester")
        file = tmp_path / "wawancara.txt"
        file.write_text(text, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
        ids = p.add_codings([CodingSpec("wawancara", *span(passage), key, "tester") for passage, key in seed])
    return path, ids


def span(passage: str) -> tuple[int, int]:
    start = TEXT.index(passage)
    return start, start + len(passage)


def rows(path: Path) -> list[tuple]:
    """(id, start, end, quote, code key, coder) of every coding in the file, oldest first."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT x.id, x.start, x.end, x.quote, k.key, c.name FROM codings x JOIN codes k ON k.id = x.code_id "
            "JOIN coders c ON c.id = x.coder_id ORDER BY x.id").fetchall()
    finally:
        conn.close()


def coded(passage: str, key: str) -> tuple:
    """The row (without its id) that coding ``passage`` with ``key`` must leave."""
    return (*span(passage), passage, key, "tester")


def drawn(page, n: int) -> None:
    """Wait until the transcript draws ``n`` codings sent by Python, and for the page to settle."""
    page.wait_for_function("(n) => document.querySelector('.qc-transcript')?.dataset.codings === String(n)",
                           arg=n, timeout=WAIT)
    settle(page)


def open_code_page(page, url: str, codings: int = 0) -> None:
    open_page(page, url, "code")
    page.locator(".qc-transcript").wait_for(timeout=WAIT)
    drawn(page, codings)


def palette(page):
    box = page.locator(PALETTE)
    expect(box).to_be_visible(timeout=WAIT)
    return box


def closed(page) -> None:
    expect(page.locator(PALETTE)).to_be_hidden(timeout=WAIT)


# Records the text of every pending (dashed) band the transcript draws from now on.
WATCH_PENDING = """() => {
    window.__pending = [];
    new MutationObserver(() => {
        const runs = [...document.querySelectorAll('.qc-transcript .qc-pending')];
        if (runs.length) window.__pending = [runs.map((r) => r.textContent).join('')];
    }).observe(document.querySelector('.qc-transcript'), {subtree: true, childList: true, attributes: true});
}"""


def numbered(page) -> dict[str, str]:
    """Number shown -> code key of the palette's numbered rows."""
    found = {}
    for row in page.locator(f"{PALETTE} .qc-pal-row").all():
        number = row.locator(".qc-pal-num").inner_text().strip()
        if number:
            found[number] = row.get_attribute("data-key")
    return found


def caret_before(page, needle: str) -> None:
    """A click that leaves the caret just before ``needle`` (on the left edge of its first letter)."""
    box = page.evaluate(SELECT_TEXT_JS, [needle])
    assert box, f"{needle!r} not shown in the transcript"
    page.mouse.click(box["x1"] - 0.5, box["y1"])
    settle(page)


def browser_selection(page) -> str:
    return page.evaluate("() => document.getSelection().toString()")


def test_mouse_selection_and_number_key_recent_first(tmp_path):
    path, _ = make_project(tmp_path)
    first, second, third = "koordinasi lewat WhatsApp", "Rapatnya jarang", "belum sesuai"
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url)

        # no recent code yet: the codebook in its order, numbered
        drag_select(page, first)
        palette(page)
        assert numbered(page) == {"1": "COM", "2": "TRU", "3": "DAT", "4": "CAF"}
        expect(page.locator(f"{PALETTE} .qc-pal-filter")).to_be_focused()
        page.evaluate(WATCH_PENDING)
        page.keyboard.press("2")
        closed(page)
        drawn(page, 1)
        assert [r[1:] for r in rows(path)] == [coded(first, "TRU")]
        assert browser_selection(page) == ""  # used up
        # before Python's answer the band was drawn at once, dashed, over exactly the passage; now it is solid
        assert page.evaluate("() => window.__pending") == [first]
        assert page.locator(".qc-transcript .qc-pending").count() == 0
        assert page.locator(".qc-transcript .qc-coded").all_inner_texts() == [first]

        # TRU is now the most recent code: it is 1, and 2 is the codebook's first code
        drag_select(page, second)
        palette(page)
        assert numbered(page) == {"1": "TRU", "2": "COM", "3": "DAT", "4": "CAF"}
        page.keyboard.press("2")
        drawn(page, 2)
        assert [r[1:] for r in rows(path)] == [coded(first, "TRU"), coded(second, "COM")]

        # a code's hotkey (Alt + its letter) codes at once; the palette shows it
        drag_select(page, third)
        expect(palette(page).locator('.qc-pal-row[data-key="DAT"] .qc-pal-hot')).to_have_text("Alt+D")
        page.keyboard.press("Alt+d")
        drawn(page, 3)
        assert [r[1:] for r in rows(path)][2:] == [coded(third, "DAT")]


def test_keyboard_selection_shift_arrows_alt_s_alt_t(tmp_path):
    path, _ = make_project(tmp_path)
    passage = "Rapatnya jarang"
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url)

        # a caret, then Shift held over the arrow presses: the palette opens when Shift is let go
        caret_before(page, passage)
        page.keyboard.down("Shift")
        for _ in passage:
            page.keyboard.press("ArrowRight")
        assert browser_selection(page) == passage
        assert not page.locator(PALETTE).is_visible()
        page.keyboard.up("Shift")
        palette(page)
        page.keyboard.press("Enter")  # the highlighted (first) row: COM, no recent code yet
        drawn(page, 1)
        assert [r[1:] for r in rows(path)] == [coded(passage, "COM")]

        # Alt+S: the sentence at the caret (left at the end of the coded passage), then the next sentence
        page.keyboard.press("Alt+s")
        sentence = "Rapatnya jarang sekali."
        palette(page)
        page.keyboard.press("3")  # recent COM, then TRU, DAT, CAF
        drawn(page, 2)
        assert [r[1:] for r in rows(path)][1:] == [coded(sentence, "DAT")]

        page.keyboard.press("Alt+s")
        palette(page)
        page.keyboard.press("Enter")  # the first row: DAT, the most recent code
        drawn(page, 3)
        assert [r[1:] for r in rows(path)][2:] == [coded("Data DTKS belum sesuai dengan kondisi lapangan.", "DAT")]

        # Alt+T: the next turn, its speech without the speaker's label
        page.keyboard.press("Alt+t")
        palette(page)
        page.keyboard.press("2")  # DAT, COM, ... -> COM
        drawn(page, 4)
        assert [r[1:] for r in rows(path)][3:] == [coded("Terima kasih atas waktunya.", "COM")]

        # Shift+arrow pressed one at a time: the palette opens at the first release, the next ones grow the
        # passage from inside it
        caret_before(page, "Ceritakan")
        for _ in "Ceritakan":
            page.keyboard.press("Shift+ArrowRight")
        palette(page)
        page.keyboard.press("Enter")  # COM, the most recent code
        drawn(page, 5)
        assert [r[1:] for r in rows(path)][4:] == [coded("Ceritakan", "COM")]


def test_typed_filter_in_bahasa_indonesia(tmp_path):
    path, _ = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url)
        choose(page, t("language"), LANGUAGES["id"], scope=page.locator('[data-testid="stSidebar"]'))
        nav(page, t("code_page", "id"))
        page.locator(".qc-transcript").wait_for(timeout=WAIT)
        drawn(page, 0)

        drag_select(page, "koordinasi lewat WhatsApp")
        box = palette(page)
        expect(box.locator(".qc-pal-filter")).to_have_attribute("placeholder", t("pal_filter", "id"))
        expect(box.locator(".qc-pal-filter")).to_have_attribute("aria-label", t("pal_filter", "id"))
        expect(box.locator(".qc-pal-help")).to_have_text(t("pal_help", "id"))
        expect(box.locator('.qc-pal-row[data-key="DAT"] .qc-pal-label')).to_contain_text("Kualitas data")
        page.keyboard.type("kualitas")  # part of DAT's Indonesian name only
        expect(box.locator(".qc-pal-row")).to_have_count(1)
        page.keyboard.press("Enter")
        drawn(page, 1)
        assert [r[1:] for r in rows(path)] == [coded("koordinasi lewat WhatsApp", "DAT")]

        # the filter ignores case and accents: "KAFE" finds "Obrolan kafé"; nothing matches -> the "none" line
        drag_select(page, "Rapatnya jarang sekali")
        box = palette(page)
        page.keyboard.type("xyz")
        expect(box.locator(".qc-pal-none")).to_have_text(t("pal_none", "id"))
        page.keyboard.press("Enter")  # nothing to apply
        for _ in "xyz":
            page.keyboard.press("Backspace")
        page.keyboard.type("KAFE")
        expect(box.locator(".qc-pal-row")).to_have_count(1)
        page.keyboard.press("Enter")
        drawn(page, 2)
        assert [r[1:] for r in rows(path)][1:] == [coded("Rapatnya jarang sekali", "CAF")]


def test_multi_code_space_and_ctrl_click(tmp_path):
    path, _ = make_project(tmp_path)
    first, second = "koordinasi lewat WhatsApp saja", "Data DTKS"
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url)

        drag_select(page, first)
        box = palette(page)
        page.keyboard.press(" ")  # ticks the highlighted row: COM
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press(" ")  # DAT
        expect(box.locator(".qc-pal-ticked")).to_have_count(2)
        page.keyboard.press("Enter")
        drawn(page, 2)
        assert sorted(r[1:] for r in rows(path)) == sorted([coded(first, "COM"), coded(first, "DAT")])

        # Ctrl+click ticks, a plain click applies it together with the ticked ones
        drag_select(page, second)
        box = palette(page)
        box.locator('.qc-pal-row[data-key="TRU"]').click(modifiers=["Control"])
        expect(box.locator('.qc-pal-row.qc-pal-ticked[data-key="TRU"]')).to_have_count(1)
        box.locator('.qc-pal-row[data-key="CAF"]').click()
        drawn(page, 4)
        assert sorted(r[1:] for r in rows(path)[2:]) == sorted([coded(second, "TRU"), coded(second, "CAF")])


def test_escape_codes_nothing_and_keeps_the_selection(tmp_path):
    path, _ = make_project(tmp_path)
    passage = "Jujur saja"
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url)
        drag_select(page, passage)
        palette(page)
        page.keyboard.press("2")  # TRU: one coding to compare with
        drawn(page, 1)
        drag_select(page, "Ceritakan saja")
        palette(page)
        page.keyboard.press("Escape")
        closed(page)
        settle(page)
        assert browser_selection(page) == "Ceritakan saja"  # kept
        expect(page.locator(".qc-transcript")).to_be_focused()  # the keys go to the text again
        page.keyboard.press("1")  # no palette open: a digit codes nothing
        settle(page)
        assert [r[1:] for r in rows(path)] == [coded(passage, "TRU")]  # no row from the Esc'd passage

        # Enter opens the palette again on the kept selection; Esc once more, then Alt+S still works
        page.keyboard.press("Enter")
        palette(page)
        page.keyboard.press("Escape")
        closed(page)
        page.keyboard.press("Alt+s")
        palette(page)
        page.keyboard.press("Enter")  # TRU, the recent code
        drawn(page, 2)
        assert [r[1:] for r in rows(path)] == [coded(passage, "TRU"), coded("😀 Ceritakan saja.", "TRU")]


def test_selection_with_the_palette_asks_the_server_nothing_until_escape(tmp_path):
    """Selecting and pressing a key need no round trip: with the palette open the browser sends nothing (the
    side panel still shows no passage); Esc hands the passage to the side panel, whose Apply codes it."""
    path, _ = make_project(tmp_path)
    passage = "Data DTKS belum sesuai"
    start, end = span(passage)
    sent: list = []
    with streamlit_server(path) as url, chromium_page() as page:
        page.on("websocket", lambda ws: ws.on("framesent", lambda frame: sent.append(frame)))
        open_code_page(page, url)
        hint = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=t("select_hint"))
        expect(hint).to_be_visible(timeout=WAIT)
        before = len(sent)
        drag_select(page, passage)
        palette(page)
        settle(page)
        assert len(sent) == before  # no message to the server: no rerun
        expect(hint).to_be_visible()  # the side panel knows of no passage yet
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the palette has one too)
        expect(apply).to_be_disabled()

        page.keyboard.press("Escape")
        closed(page)
        where = page.locator('[data-testid="stCaptionContainer"]').filter(has_text=f"· {start}–{end}")
        expect(where).to_be_visible(timeout=WAIT)  # the side panel shows the passage now
        assert len(sent) > before
        assert browser_selection(page) == passage  # still selected in the text
        expect(apply).to_be_enabled(timeout=WAIT)
        choose_many(page, t("codes_to_apply"), ["DAT · Data quality / Kualitas data"])
        apply.click()
        drawn(page, 1)
        assert [r[1:] for r in rows(path)] == [coded(passage, "DAT")]

        # a palette coding (a rerun of the transcript alone), then the view new in the page after another page
        drag_select(page, "Rapatnya jarang sekali")
        page.keyboard.press("1")  # DAT, now the recent code
        drawn(page, 2)
        nav(page, t("codebook"))
        nav(page, t("code_page"))
        drawn(page, 2)
        expect(page.locator(".qc-transcript")).to_contain_text("Data DTKS belum sesuai dengan kondisi lapangan.")


def test_band_click_changes_the_code_and_opens_the_memo(tmp_path):
    passage = "koordinasi lewat WhatsApp saja"
    path, [coding_id] = make_project(tmp_path, [(passage, "TRU")])
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url, 1)
        page.locator(f'.qc-transcript .qc-coded[data-ids="{coding_id}"]').first.click()
        box = palette(page)
        expect(box.locator(".qc-pal-title")).to_contain_text("TRU")
        expect(box).to_have_attribute("aria-label", box.locator(".qc-pal-title").inner_text())
        expect(box.locator(".qc-pal-row.qc-pal-current")).to_have_attribute("data-key", "TRU")
        expect(box.locator(".qc-pal-row.qc-pal-current")).to_have_attribute("role", "option")
        page.keyboard.type("data")
        page.keyboard.press("Enter")
        closed(page)
        page.wait_for_function(
            "(id) => document.querySelector(`.qc-transcript .qc-coded[data-ids='${id}']`)?.title.startsWith('DAT')",
            arg=coding_id, timeout=WAIT)
        settle(page)
        assert rows(path) == [(coding_id, *coded(passage, "DAT"))]  # the same coding, its code changed

        # Memo… opens the band's full dialog
        page.locator(f'.qc-transcript .qc-coded[data-ids="{coding_id}"]').first.click()
        palette(page).locator(".qc-pal-memo").click()
        dialog = page.get_by_role("dialog")
        dialog.wait_for(timeout=WAIT)
        settle(page)
        expect(dialog.locator("textarea")).to_have_value("")
        assert rows(path) == [(coding_id, *coded(passage, "DAT"))]


def test_band_click_removes_after_confirmation(tmp_path):
    passage = "Rapatnya jarang sekali"
    path, [trust_id, com_id] = make_project(tmp_path, [(passage, "TRU"), (passage, "COM")])
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url, 2)
        # two codings under the click: the palette asks which one first
        page.locator(".qc-transcript .qc-coded").filter(has_text="Rapatnya").first.click()
        box = palette(page)
        expect(box.locator(".qc-pal-pick")).to_have_count(2)
        box.locator(f'.qc-pal-pick[data-id="{trust_id}"]').click()
        expect(box.locator(".qc-pal-title")).to_contain_text("TRU")

        page.keyboard.press("Delete")
        expect(box.locator(".qc-pal-remove")).to_have_text(t("pal_really_remove"))
        settle(page)
        assert [r[0] for r in rows(path)] == [trust_id, com_id]  # nothing removed before the confirmation
        page.keyboard.press("Delete")
        closed(page)
        drawn(page, 1)
        assert rows(path) == [(com_id, *coded(passage, "COM"))]

        # the Remove entry and Enter confirm as well; another key first takes the question back
        page.locator(f'.qc-transcript .qc-coded[data-ids="{com_id}"]').first.click()
        box = palette(page)
        box.locator(".qc-pal-remove").click()
        expect(box.locator(".qc-pal-remove")).to_have_text(t("pal_really_remove"))
        page.keyboard.press("ArrowUp")
        expect(box.locator(".qc-pal-remove")).to_have_text(t("pal_remove"))
        box.locator(".qc-pal-remove").click()
        page.keyboard.press("Enter")
        drawn(page, 0)
        assert rows(path) == []


def test_alt_s_without_a_caret_takes_the_first_sentence_in_view(tmp_path):
    """A long transcript (its lines in blocks, those out of view not laid out): scrolled far down, with the
    focus in the text but no caret, Alt+S takes the sentence of the first line in view."""
    lines = [f"Informan: Kalimat nomor {i} tentang koordinasi." for i in range(1, 241)]
    path, _ = make_project(tmp_path, text="\n".join(lines) + "\n")
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url)
        page.evaluate("""() => {
            const root = document.querySelector('.qc-transcript');
            root.querySelector('.qc-line[data-line="149"]').scrollIntoView({block: 'start'});
            root.focus({preventScroll: true});
        }""")
        page.keyboard.press("Alt+s")
        palette(page)
        page.keyboard.press("1")
        drawn(page, 1)
        text = "\n".join(lines) + "\n"
        passage = "Kalimat nomor 150 tentang koordinasi."
        start = text.index(passage)
        assert [r[1:] for r in rows(path)] == [(start, start + len(passage), passage, "COM", "tester")]
