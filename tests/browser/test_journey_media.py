"""Journey: a recording spoken in the test (espeak-ng) is linked to its transcript (.vtt written from the WAV's own
timing); on the Code page, clicking a turn's time sets the player's currentTime to that turn's start and marks the
turn as the one heard; Alt+Left goes back five seconds and Ctrl+Space plays and pauses."""

from __future__ import annotations

import pytest

from qualcode.codebook import Code, Codebook
from qualcode.project import Project

from ..recording import TURNS, needs_espeak, record, write_vtt
from . import CHROMIUM, assert_no_exception, chromium_page, streamlit_server
from .journey import WAIT, open_page, settle

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)"),
              needs_espeak]


def make_project(tmp_path):
    audio, times = record(tmp_path)
    path = tmp_path / "rekaman.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication")]))
        p.add_coder("tester")
        p.import_document(write_vtt(tmp_path / "wawancara.vtt", times), informant="I-01", name="wawancara")
        p.link_media("wawancara", audio)
    return path, times


def media_state(page) -> dict:
    return page.evaluate("""() => { const m = document.querySelector('.st-key-qc_player audio');
        return m ? {time: m.currentTime, paused: m.paused, duration: m.duration} : null; }""")


def test_clicking_a_turn_s_time_plays_from_there(tmp_path):
    path, times = make_project(tmp_path)
    with streamlit_server(path) as url, chromium_page() as page:
        open_page(page, url, "code")
        page.locator(".qc-transcript .qc-time").first.wait_for(timeout=WAIT)
        settle(page)
        page.wait_for_function("() => { const m = document.querySelector('.st-key-qc_player audio');"
                               " return m && m.readyState >= 1; }", timeout=WAIT)
        assert_no_exception(page)
        buttons = page.locator(".qc-transcript .qc-time")
        assert buttons.count() == len(TURNS)
        assert media_state(page)["duration"] == pytest.approx(times[-1][1], abs=0.05)
        for n in (2, 1, 3):
            buttons.nth(n).click()
            page.wait_for_function(f"() => Math.abs(document.querySelector('.st-key-qc_player audio').currentTime"
                                   f" - {times[n][0]}) < 0.3", timeout=WAIT)
            assert media_state(page)["time"] == pytest.approx(times[n][0], abs=0.3)
            # the turn being heard is marked: its row holds that turn's words
            heard = page.locator(".qc-transcript .qc-line.qc-heard")
            heard.first.wait_for(timeout=WAIT)
            assert TURNS[n][1] in " ".join(heard.all_inner_texts())
        page.locator(".qc-transcript").click(position={"x": 200, "y": 5})
        page.evaluate("() => document.querySelector('.st-key-qc_player audio').pause()")
        before = media_state(page)["time"]
        page.keyboard.press("Alt+ArrowLeft")
        page.wait_for_function(f"() => Math.abs(document.querySelector('.st-key-qc_player audio').currentTime"
                               f" - {max(0.0, before - 5)}) < 0.3", timeout=WAIT)
        assert page.url.startswith(url)  # not the browser's "back"
        page.keyboard.press("Control+Space")
        page.wait_for_function("() => !document.querySelector('.st-key-qc_player audio').paused", timeout=WAIT)
        page.keyboard.press("Control+Space")
        page.wait_for_function("() => document.querySelector('.st-key-qc_player audio').paused", timeout=WAIT)
        assert_no_exception(page)
