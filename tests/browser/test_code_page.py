"""The Code page in headless Chromium: real drag-selection, coding, band click, delete; untrusted text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project

from . import CHROMIUM, chromium_page, drag_select, streamlit_server
from .journey import pick_option

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasinya? 😀\n\n"
    "Informan: Jujur saja 👩🏽‍⚕️ koordinasi lewat WhatsApp saja, rapatnya jarang sekali.\n\n"
    "Pewawancara: Terima kasih.\n"
)
XSS = (
    "Informan: <script>window.__xss = 1</script> tidak boleh jalan.\n\n"
    'Pewawancara: <img src=x onerror="window.__xss = 2"> juga </div> tidak.\n'
)


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "browser.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication", color="#0072B2"), Code("TRU", "Trust")]))
        p.add_coder("tester")
        for name, text in (("wawancara", TEXT), ("xss", XSS)):
            file = tmp_path / f"{name}.txt"
            file.write_text(text, encoding="utf-8")
            p.import_document(file, informant="I-01", name=name)
    return path


def pick_code(page, label: str) -> None:
    pick_option(page, page.locator('[data-testid="stMultiSelect"]').first, label, exact=False)
    page.keyboard.press("Escape")
    expect(page.locator('[data-testid="stMultiSelect"]').first).to_contain_text(label, timeout=30_000)
    page.wait_for_timeout(300)  # let the rerun that records the choice finish


def open_code_page(page, url: str, document: str) -> None:
    page.goto(f"{url}/code")
    page.locator(".qc-transcript").wait_for(timeout=60_000)
    if document != "wawancara":
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Document")
        pick_option(page, box, document)
        page.wait_for_function(
            "(n) => document.querySelector('.qc-transcript')?.innerText.includes(n)", arg="tidak boleh jalan")


def test_select_after_emoji_apply_then_delete(tmp_path):
    path = make_project(tmp_path)
    needle = "koordinasi lewat WhatsApp saja"
    start = TEXT.index(needle)  # Python index = code points, after 😀 and 👩🏽‍⚕️
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url, "wawancara")
        drag_select(page, needle)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        page.get_by_text(needle, exact=True).last.wait_for(timeout=30_000)  # shown as the selected passage
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the palette has one too)
        expect(apply).to_be_enabled(timeout=30_000)
        pick_code(page, "COM · Communication")
        apply.click()
        page.wait_for_function("() => document.querySelector('.qc-transcript').dataset.codings === '1'",
                               timeout=30_000)

        with Project.open(path) as p:
            rows = p.codings().to_dict("records")
        assert len(rows) == 1
        row = rows[0]
        assert (row["start"], row["end"], row["quote"], row["code"], row["coder"]) == (
            start, start + len(needle), needle, "COM", "tester")

        band = page.locator(".qc-transcript .qc-coded").first
        assert "COM Communication · tester" in band.get_attribute("title")
        band.click()  # the code palette opens on the band; its "Memo…" entry opens the full dialog
        page.locator(".qc-palette .qc-pal-memo").click(timeout=30_000)
        dialog = page.locator('[role="dialog"]:not(.qc-palette)')
        dialog.get_by_role("button", name="Delete").click()
        with Project.open(path) as p:
            assert len(p.codings()) == 1  # nothing deleted before confirming
        dialog.get_by_role("button", name="Yes, delete this coding").click()
        page.wait_for_function("() => document.querySelector('.qc-transcript').dataset.codings === '0'",
                               timeout=30_000)
        with Project.open(path) as p:
            assert p.codings().empty


def test_untrusted_text_is_shown_as_text(tmp_path):
    path = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_code_page(page, url, "xss")
        shown = page.locator(".qc-transcript").inner_text()
        assert "<script>window.__xss = 1</script>" in shown
        assert '<img src=x onerror="window.__xss = 2">' in shown
        assert "</div>" in shown
        assert page.locator(".qc-transcript script, .qc-transcript img").count() == 0
        page.wait_for_timeout(500)
        assert page.evaluate("() => window.__xss === undefined")
