"""Pressing Apply twice in a real browser codes a passage once: the selection and the code choice are
cleared after Apply, in Python and in the transcript view, and the API refuses an exact duplicate."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project

from . import CHROMIUM, assert_no_exception, chromium_page, drag_select, streamlit_server, wait_idle
from .journey import pick_option

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = (
    "Pewawancara: Bagaimana koordinasinya? 😀\n\n"
    "Informan: Jujur saja koordinasi lewat WhatsApp saja, rapatnya jarang sekali.\n\n"
    "Pewawancara: Data DTKS belum sesuai dengan kondisi lapangan.\n"
)
FIRST, SECOND = "koordinasi lewat WhatsApp saja", "Data DTKS belum sesuai"


def make_project(tmp_path: Path) -> Path:
    path = tmp_path / "twice.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication", color="#0072B2"), Code("TRU", "Trust")]))
        p.add_coder("tester")  # the only coder: the sidebar picks them
        file = tmp_path / "wawancara.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="wawancara")
    return path


def rows(path: Path) -> list[tuple]:
    with Project.open(path) as p:
        frame = p.codings()
    return sorted(zip(frame["quote"], frame["code"], frame["coder"], frame["start"], frame["end"], strict=True))


def codings_drawn(page, n: int) -> None:
    page.wait_for_function("(n) => document.querySelector('.qc-transcript').dataset.codings === String(n)", arg=n,
                           timeout=60_000)


def pick_code(page, label: str) -> None:
    picker = page.locator('[data-testid="stMultiSelect"]').first
    pick_option(page, picker, label, exact=False)
    page.keyboard.press("Escape")
    expect(picker).to_contain_text(label, timeout=30_000)
    wait_idle(page)


def browser_selection(page) -> str:
    return page.evaluate("() => document.getSelection().toString()")


def test_apply_twice_leaves_one_coding(tmp_path):
    path = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        page.goto(f"{url}/code")
        page.locator(".qc-transcript").wait_for(timeout=60_000)
        wait_idle(page)
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the palette has one too)

        drag_select(page, FIRST)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        expect(apply).to_be_enabled(timeout=30_000)
        pick_code(page, "COM · Communication")
        apply.click()
        codings_drawn(page, 1)
        wait_idle(page)
        # the passage was used up: nothing selected here or in the browser, no code chosen, Apply off
        expect(apply).to_be_disabled(timeout=30_000)
        assert browser_selection(page) == ""
        expect(page.locator('[data-testid="stMultiSelect"]').first).not_to_contain_text("COM · Communication")
        apply.click(force=True)  # a press on the disabled button
        page.mouse.click(*_point_in(page, FIRST))  # a click on the coded text is no new selection
        wait_idle(page)
        expect(apply).to_be_disabled(timeout=30_000)
        assert rows(path) == [(FIRST, "COM", "tester", TEXT.index(FIRST), TEXT.index(FIRST) + len(FIRST))]

        # a double press: the first codes the passage, the second finds no selection
        page.keyboard.press("Escape")  # close a band dialog the click above may have opened
        wait_idle(page)
        drag_select(page, SECOND)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        expect(apply).to_be_enabled(timeout=30_000)
        pick_code(page, "TRU · Trust")
        apply.dblclick()
        codings_drawn(page, 2)
        wait_idle(page)
        assert_no_exception(page)
        expect(apply).to_be_disabled(timeout=30_000)
        found = rows(path)
        assert len(found) == 2 and len(set(found)) == 2, found
        assert (SECOND, "TRU", "tester", TEXT.index(SECOND), TEXT.index(SECOND) + len(SECOND)) in found


def test_keep_these_codes_keeps_the_choice_but_not_the_selection(tmp_path):
    path = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        page.goto(f"{url}/code")
        page.locator(".qc-transcript").wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_text("Keep these codes for the next passage").click()
        wait_idle(page)
        apply = page.locator(".st-key-apply button")  # the side panel's Apply (the palette has one too)
        drag_select(page, FIRST)
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        expect(apply).to_be_enabled(timeout=30_000)
        pick_code(page, "COM · Communication")
        apply.click()
        codings_drawn(page, 1)
        wait_idle(page)
        expect(apply).to_be_disabled(timeout=30_000)
        assert browser_selection(page) == ""
        expect(page.locator('[data-testid="stMultiSelect"]').first).to_contain_text("COM · Communication")
        drag_select(page, SECOND)  # the kept code goes on the next passage with one press
        page.keyboard.press("Escape")  # closes the palette: the passage goes to the side panel
        expect(apply).to_be_enabled(timeout=30_000)
        apply.click()
        codings_drawn(page, 2)
        assert_no_exception(page)
        assert [(q, c) for q, c, *_ in rows(path)] == [(SECOND, "COM"), (FIRST, "COM")]


def _point_in(page, needle: str) -> tuple[float, float]:
    box = page.evaluate(
        """([needle]) => {
          for (const body of document.querySelectorAll('.qc-transcript .qc-text')) {
            if (!body.textContent.includes(needle)) continue;
            const r = body.getBoundingClientRect();
            return [r.left + 5, r.top + r.height / 2];
          }
          return null;
        }""", [needle])
    assert box, needle
    return box[0], box[1]
