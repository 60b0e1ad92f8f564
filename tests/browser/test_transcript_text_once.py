"""The document's text goes to the browser once per document, not with every redraw after a coding: in Chromium
the Code page codes a passage with the palette, and the messages the browser receives after the key press are
read for a phrase of the text. The view must still show the text (and code) after the reader left the page and
came back, after switching to another document and back, and when the browser lost the text it kept (it then
asks for it again). Of the codings, a redraw carries only those that changed; a view that missed a change asks for
all of them again."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, drag_select, streamlit_server
from .journey import WAIT, choose, nav, open_page, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

FIRST = ("Pewawancara: Bagaimana koordinasi dengan dinas?\n\n"
         "Informan: Koordinasi lewat WhatsApp saja. Rapatnya jarang sekali sekarang.\n")
SECOND = "Pewawancara: Apa kendalanya?\n\nInforman: Anggaran desa terbatas tahun ini.\n"
MARKER = "Rapatnya jarang sekali"  # in FIRST only

# Every websocket message the page receives and sends, as text (protobuf keeps strings as UTF-8), with its arrival.
LISTEN = """
(() => {
  window.__received = [];
  window.__sent = [];
  const Native = window.WebSocket;
  class Listening extends Native {
    constructor(...args) {
      super(...args);
      const send = this.send.bind(this);
      this.send = (data) => {
        window.__sent.push(typeof data === "string" ? data : new TextDecoder().decode(data));
        return send(data);
      };
      this.addEventListener("message", async (e) => {
        const bytes = e.data instanceof Blob ? await e.data.arrayBuffer() : e.data;
        const text = typeof bytes === "string" ? bytes : new TextDecoder().decode(bytes);
        window.__received.push(text);
      });
    }
  }
  window.WebSocket = Listening;
})();
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "two.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("COM", "Communication"), Code("BUD", "Budget")]))
        p.add_coder("tester")
        for name, text in (("a-first", FIRST), ("b-second", SECOND)):
            file = tmp_path / f"{name}.txt"
            file.write_text(text, encoding="utf-8")
            p.import_document(file, informant="I-01", name=name)
    return path


def codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT x.quote, k.key FROM codings x JOIN codes k ON k.id = x.code_id "
                            "ORDER BY x.id").fetchall()
    finally:
        conn.close()


def bands_sent(received: list[str]) -> list[dict]:
    """The codings messages among the frames received (the component's data is JSON inside the protobuf)."""
    found = []
    for frame in received:
        at = frame.find('"codings": {')
        if at >= 0:
            found.append(json.JSONDecoder().raw_decode(frame, at + len('"codings": '))[0])
    return found


def shows(page, phrase: str, n: int) -> None:
    """The transcript shows ``phrase`` and ``n`` codings sent by Python."""
    expect(page.locator(".qc-transcript")).to_contain_text(phrase, timeout=WAIT)
    page.wait_for_function("(n) => document.querySelector('.qc-transcript')?.dataset.codings === String(n)",
                           arg=n, timeout=WAIT)
    settle(page)


def code_with_palette(page, passage: str) -> None:
    drag_select(page, passage)
    expect(page.locator(".qc-palette")).to_be_visible(timeout=WAIT)
    page.keyboard.press("1")


def test_text_is_sent_once_and_comes_back_after_leaving(project):
    with streamlit_server(project) as url, chromium_page() as page:
        page.add_init_script(LISTEN)
        open_page(page, url, "code")
        shows(page, MARKER, 0)
        assert any(MARKER in m for m in page.evaluate("() => window.__received"))  # the first view sends it

        page.evaluate("() => { window.__received = []; }")
        code_with_palette(page, "Koordinasi lewat WhatsApp saja.")
        shows(page, MARKER, 1)
        received = page.evaluate("() => window.__received")
        assert any('"codings"' in m for m in received)  # the redraw came ...
        assert not any(MARKER in m for m in received)  # ... without the text
        assert codings(project) == [("Koordinasi lewat WhatsApp saja.", "COM")]

        # away and back: a new view of the same document still has its text, and codes
        nav(page, t("overview"))
        nav(page, t("code_page"))
        shows(page, MARKER, 1)
        page.evaluate("() => { window.__received = []; }")
        code_with_palette(page, "Rapatnya jarang sekali sekarang.")
        shows(page, MARKER, 2)
        assert codings(project)[-1] == ("Rapatnya jarang sekali sekarang.", "COM")
        # the redraw carried the new band only, as a change to the bands the view holds
        changes = [m for m in bands_sent(page.evaluate("() => window.__received")) if m["id"]]
        assert changes and all(m["base"] is not None and len(m["id"]) == 1 for m in changes)
        expect(page.locator(".qc-coded")).to_have_count(2, timeout=WAIT)

        # a view that missed a change (its bands one version behind) asks for all of them, and draws them
        page.evaluate("""() => { for (const d of window.__qcTranscriptDocuments.values()) d.bands.version -= 1; }""")
        assert not any("need_text" in m for m in page.evaluate("() => window.__sent"))  # none asked so far
        page.evaluate("() => { window.__sent = []; }")
        code_with_palette(page, "Koordinasi lewat")
        shows(page, MARKER, 3)
        assert any("need_text" in m for m in page.evaluate("() => window.__sent"))
        expect(page.locator(".qc-coded")).to_have_count(3, timeout=WAIT)
        assert [k for _, k in codings(project)] == ["COM"] * 3

        # a view that lost the text (as a new page load would) asks for it, and gets it
        page.evaluate("() => { window.__sent = []; }")
        page.evaluate("() => window.__qcTranscriptDocuments.clear()")
        nav(page, t("overview"))
        nav(page, t("code_page"))
        shows(page, MARKER, 3)
        assert any("need_text" in m for m in page.evaluate("() => window.__sent"))

        # another document and back
        choose(page, t("document"), "b-second")
        shows(page, "Anggaran desa terbatas", 0)
        choose(page, t("document"), "a-first")
        shows(page, MARKER, 3)
