"""Journey k: the app served with sign-in (`streamlit run app.py -- --project FILE --auth`, what
`qualcode serve FILE --auth` runs). A coder, a supervisor and an admin sign in through the form; each sees
exactly the pages of their role in the sidebar; the coder cannot change or delete another coder's coding from
its band, neither in the code palette nor in the band's dialog (SQLite unchanged), while the supervisor can
recode it from the palette."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, choose, main, nav, nav_titles, settle, sign_in

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

TEXT = "Informan: Koordinasi jarang sekali, Pak.\n\nPewawancara: Mengapa?\n\nInforman: Anggaran terbatas.\n"
QUOTE = "Koordinasi jarang sekali"
PASSWORDS = {"ana": "ana-secret-1", "sri": "sri-secret-1", "rina": "rina-secret", "budi": "budi-secret"}
# what each role may open (docs: coders code; supervisors also judge and reconcile; admins also set the project up)
EVERYONE = ["overview", "code_page", "sg_title", "search_title", "qry_title", "words_title", "sug_title", "hist_title",
            "memo_title_page", "charts_title", "sat_title"]
PAGES = {
    "coder": EVERYONE,
    "supervisor": EVERYONE + ["tri_title", "fw_title", "agr_title"],
    "admin": EVERYONE + ["tri_title", "fw_title", "agr_title", "proj_title", "codebook"],
}
CODINGS = 'SELECT x.id, k.key, c.name, x.start, x."end", x.memo FROM codings x JOIN codes k ON k.id = x.code_id ' \
          "JOIN coders c ON c.id = x.coder_id ORDER BY x.id"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("journey_auth")
    path = folder / "team.qualcode"
    with Project.create(path) as p:
        p.add_group("community")
        p.add_informant("I-01", "community")
        p.load_codebook(Codebook("t", [Code("A", "Coordination"), Code("B", "Budget")]))
        file = folder / "w.txt"
        file.write_text(TEXT, encoding="utf-8")
        p.import_document(file, informant="I-01", name="w")
        for name, role in (("ana", "admin"), ("sri", "supervisor"), ("rina", "coder"), ("budi", "coder")):
            p.add_user(name, PASSWORDS[name], role)
        p.code_quote("w", QUOTE, "A", "budi")
    return path


def codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(CODINGS).fetchall()
    finally:
        conn.close()


def expected_nav(role: str) -> list[str]:
    return sorted(t(key) for key in PAGES[role])


def sign_out(page) -> None:
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("login_sign_out")).click()
    main(page).get_by_role("heading", name=t("login_title")).wait_for(timeout=WAIT)
    settle(page)


def open_budis_band(page) -> None:
    """On the Code page, show budi's codings and click the band of his coding."""
    nav(page, t("code_page"))
    choose(page, t("show_codings"), "budi")
    page.wait_for_function("() => document.querySelector('.qc-transcript')?.dataset.codings === '1'", timeout=WAIT)
    page.locator(".qc-transcript .qc-coded").first.click()
    page.locator(".qc-palette").wait_for(timeout=WAIT)  # a band click opens the code palette


def test_each_role_sees_its_pages_and_a_coder_cannot_edit_anothers_coding(project):
    # every page title above is a catalogue key (a typo would otherwise compare raw keys)
    for keys in PAGES.values():
        assert all(t(k) != k for k in keys)
    before = codings(project)
    assert [(code, coder) for _, code, coder, *_ in before] == [("A", "budi")]
    with streamlit_server(project, auth=True) as url, chromium_page() as page:
        page.goto(url)
        main(page).get_by_role("heading", name=t("login_title")).wait_for(timeout=WAIT)
        assert nav_titles_or_empty(page) == []  # before sign-in: nothing but the form

        # the coder: her pages only; budi's band opens nothing she can change
        sign_in(page, url, "rina", PASSWORDS["rina"])
        assert sorted(nav_titles(page)) == expected_nav("coder")
        open_budis_band(page)
        palette = page.locator(".qc-palette")
        assert t("pal_not_yours") in palette.locator(".qc-pal-title").inner_text()
        assert palette.locator(".qc-pal-row, .qc-pal-remove").count() == 0  # no code to change to, no Remove
        page.keyboard.press("Delete")  # the palette's remove key does nothing here
        page.keyboard.press("Enter")  # the only row: the band's dialog, read-only
        dialog = page.locator('[role="dialog"]:not(.qc-palette)')
        expect(dialog).to_contain_text(QUOTE, timeout=WAIT)  # she may read it (once the dialog has drawn) ...
        for name in (t("save"), t("delete")):  # ... but not change or delete it
            assert dialog.get_by_role("button", name=name, exact=True).is_disabled()
        assert dialog.locator('[data-testid="stSelectbox"] input').is_disabled()
        assert "budi" in dialog.locator('[data-testid="stAlertContentInfo"]').inner_text()
        page.keyboard.press("Escape")
        settle(page)
        assert codings(project) == before
        sign_out(page)

        # the supervisor: her pages; she may recode budi's coding from its band's palette
        sign_in(page, url, "sri", PASSWORDS["sri"])
        assert sorted(nav_titles(page)) == expected_nav("supervisor")
        open_budis_band(page)
        palette = page.locator(".qc-palette")
        assert t("pal_change") in palette.locator(".qc-pal-title").inner_text()
        palette.locator('.qc-pal-row[data-key="B"]').click()
        (coding_id, _, coder, start, end, memo), = before
        deadline = time.monotonic() + WAIT / 1000
        while codings(project) != [(coding_id, "B", coder, start, end, memo)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert codings(project) == [(coding_id, "B", coder, start, end, memo)]
        settle(page)
        sign_out(page)

        # the admin: every page
        sign_in(page, url, "ana", PASSWORDS["ana"])
        assert sorted(nav_titles(page)) == expected_nav("admin")


def nav_titles_or_empty(page) -> list[str]:
    """The sidebar's page links; none when the app shows a single page (the sign-in form)."""
    settle(page)
    return [s.strip() for s in page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()]
