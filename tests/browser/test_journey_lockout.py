"""Journey: guessing a password on the app served with sign-in (`streamlit run app.py -- --project FILE --auth`).
After the documented number of wrong passwords the sign-in page says the name is locked and when to try again;
the right password is then refused as well, and the project file holds every attempt."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.accounts import MAX_FAILURES_PER_NAME
from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, streamlit_server
from .journey import WAIT, main, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

LOCKED = t("err_sign_in_locked").format(wait=t("login_wait_minutes").format(n=15))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "team.qualcode"
    with Project.create(path) as p:
        p.add_user("ana", "ana-secret-1", "admin")
        p.add_user("rina", "rina-secret", "coder")
    return path


def submit(page, name: str, password: str) -> str:
    """Fill in and send the sign-in form; the error the page then shows."""
    form = page.locator('[data-testid="stForm"]')
    form.locator("input").nth(0).fill(name)
    form.locator('input[type="password"]').fill(password)
    form.locator('[data-testid="stFormSubmitButton"] button').click()
    settle(page)
    alert = main(page).locator('[data-testid="stAlertContentError"]')
    alert.wait_for(timeout=WAIT)
    return alert.inner_text().strip()


def outcomes(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name, outcome FROM sign_ins ORDER BY id").fetchall()
    finally:
        conn.close()


def test_guessing_locks_the_name_and_the_right_password_is_refused(project: Path):
    with streamlit_server(project, auth=True) as url, chromium_page() as page:
        page.goto(url)
        main(page).get_by_role("heading", name=t("login_title")).wait_for(timeout=WAIT)
        shown = [submit(page, "rina", f"guess-{i}-wrong") for i in range(MAX_FAILURES_PER_NAME)]
        assert shown == [t("err_wrong_password")] * (MAX_FAILURES_PER_NAME - 1) + [LOCKED]
        assert submit(page, "rina", "rina-secret") == LOCKED  # the right password, refused while locked
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0  # still on the sign-in page
        expect(main(page).get_by_role("heading", name=t("login_title"))).to_be_visible(timeout=WAIT)
        # a name without an account locks alike: the page tells nothing about which names exist
        shown = [submit(page, "nobody", f"guess-{i}-wrong") for i in range(MAX_FAILURES_PER_NAME)]
        assert shown == [t("err_wrong_password")] * (MAX_FAILURES_PER_NAME - 1) + [LOCKED]
    assert outcomes(project) == [("rina", "wrong_password")] * MAX_FAILURES_PER_NAME + [("rina", "locked")] + \
        [("nobody", "unknown_name")] * MAX_FAILURES_PER_NAME
