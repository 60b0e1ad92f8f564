"""Journey: institutional sign-in against a real OpenID Connect provider on this machine (oidc-provider-mock).

`qualcode serve FILE --auth` runs in a folder whose .streamlit/secrets.toml has an [auth] section pointing to
the provider, as docs/user-guide.md tells an admin to set it up. In Chromium: the sign-in page offers "Sign in
with Test University"; the provider's form vouches for an e-mail; the app signs in as the project account with
that e-mail and gives it that account's role. An e-mail without an account, or one the provider has not
verified, is refused and can sign out of the provider. The provider listens on 127.0.0.2 and the app on
127.0.0.1, so the two keep their cookies apart as two real hosts would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from qualcode.project import Project
from qualcode.ui.i18n import t

from . import CHROMIUM, chromium_page, free_port, stop_group, wait_until_up
from .journey import WAIT, main, nav_titles, settle

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (installed by .ci/run)")

PROVIDER_HOST = "127.0.0.2"
LABEL = "Test University"
# users the provider offers as buttons on its form (any other e-mail can be typed as the subject)
RINA = {"sub": "rina-sub", "email": "Rina.Putri@Univ.example", "email_verified": True}
UNVERIFIED = {"sub": "ana-unverified", "email": "ana@univ.example", "email_verified": False}
CODER_PAGES = sorted(t(k) for k in ("overview", "code_page", "sg_title", "search_title", "qry_title", "words_title",
                                    "sug_title", "hist_title", "memo_title_page", "charts_title", "sat_title"))


def _until_answers(url: str, proc: subprocess.Popen) -> None:
    for _ in range(120):
        try:
            if urllib.request.urlopen(url, timeout=1).status == 200:
                return
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.5)
    raise RuntimeError("the OpenID provider did not start: " + (proc.stdout.read1() or b"").decode(errors="replace"))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The provider, and `qualcode serve --auth` on a project with ana (admin) and rina (coder, no password: by
    e-mail only)."""
    folder = tmp_path_factory.mktemp("journey_oidc")
    path = folder / "team.qualcode"
    with Project.create(path) as p:
        p.add_user("ana", "ana-secret-1", "admin", email="ana@univ.example")
        p.add_user("rina", None, "coder", email="rina.putri@univ.example")  # signs in only by e-mail
    provider_port, app_port = free_port(), free_port()
    provider_url = f"http://{PROVIDER_HOST}:{provider_port}"
    app_url = f"http://127.0.0.1:{app_port}"
    (folder / ".streamlit").mkdir()
    (folder / ".streamlit" / "secrets.toml").write_text(
        f'[auth]\nredirect_uri = "{app_url}/oauth2callback"\ncookie_secret = "{os.urandom(24).hex()}"\n'
        f'client_id = "qualcode"\nclient_secret = "not-a-secret"\n'
        f'server_metadata_url = "{provider_url}/.well-known/openid-configuration"\n\n'
        f'[qualcode]\nsign_in_provider = "{LABEL}"\n', encoding="utf-8")
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    provider = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", PROVIDER_HOST, "--port", str(provider_port),
         "--user-claims", json.dumps(RINA), "--user-claims", json.dumps(UNVERIFIED)],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    app = subprocess.Popen(
        [sys.executable, "-m", "qualcode.cli", "serve", str(path), "--auth", "--address", "127.0.0.1",
         "--port", str(app_port)],
        cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _until_answers(f"{provider_url}/.well-known/openid-configuration", provider)
        wait_until_up(app_url, app)
        yield app_url, path
    finally:
        stop_group(app)
        stop_group(provider)


def sign_in_at_provider(page, url: str, *, choose: str | None = None, subject: str | None = None) -> None:
    """From the app's sign-in page through the provider's form: a predefined user, or any subject typed."""
    page.goto(url)
    page.get_by_role("button", name=f"Sign in with {LABEL}").click()
    page.get_by_role("heading", name="Authorize Client").wait_for(timeout=WAIT)
    if choose is not None:
        page.get_by_role("button", name=choose, exact=True).click()
    else:
        page.get_by_placeholder("sub").fill(subject)
        page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**", timeout=WAIT)


def back_at_sign_in(page, url: str) -> None:
    """Leave the provider's end-of-session page, where Streamlit sends a sign-out, and land on our sign-in page."""
    end = page.get_by_role("button", name="End session")
    button = main(page).get_by_role("button", name=f"Sign in with {LABEL}")
    end.or_(button).first.wait_for(timeout=WAIT)
    if end.is_visible():
        end.click()
    page.wait_for_url(f"{url}/**", timeout=WAIT)
    button.wait_for(timeout=WAIT)
    settle(page)


def shown(locator) -> str:
    """The text as a reader sees it (without the invisible joiners that keep addresses from becoming links)."""
    return locator.inner_text().replace("\u2060", "").strip()


def oidc_records(path: Path) -> list[tuple[str, str]]:
    with Project.open(path, user="ana") as p:
        records = p.sign_ins()
    return [tuple(r) for r in records[records["method"] == "oidc"][["name", "outcome"]].values.tolist()]


def test_a_vouched_email_signs_in_with_the_projects_role_and_signs_out(served):
    url, path = served
    with chromium_page() as page:
        page.goto(url)
        main(page).get_by_role("button", name=f"Sign in with {LABEL}").wait_for(timeout=WAIT)
        expect(main(page).get_by_label("User name")).to_be_visible(timeout=WAIT)  # passwords still work beside it
        sign_in_at_provider(page, url, choose=RINA["sub"])
        page.get_by_text("Signed in as").wait_for(timeout=WAIT)
        settle(page)
        assert "Signed in as rina (coder)" in page.locator('[data-testid="stSidebar"]').inner_text()
        assert sorted(nav_titles(page)) == CODER_PAGES
        assert ("rina", "ok") in oidc_records(path)
        page.reload()  # a new page of the same browser is still rina's
        page.get_by_text("Signed in as").wait_for(timeout=WAIT)

        page.locator('[data-testid="stSidebar"]').get_by_role("button", name=t("login_sign_out")).click()
        back_at_sign_in(page, url)
        page.reload()  # the provider's identity is gone too: nobody is signed in again
        main(page).get_by_role("button", name=f"Sign in with {LABEL}").wait_for(timeout=WAIT)
        settle(page)
        assert page.get_by_text("Signed in as").count() == 0


def test_an_email_without_an_account_is_refused(served):
    url, path = served
    with chromium_page() as page:
        sign_in_at_provider(page, url, subject="dewi@univ.example")
        refusal = main(page).get_by_text("no account of this project has the e-mail")
        refusal.wait_for(timeout=WAIT)
        settle(page)
        assert shown(refusal) == "no account of this project has the e-mail dewi@univ.example; an admin can add " \
                                 "it with `qualcode users set-email`"
        assert page.get_by_text("Signed in as").count() == 0
        expect(main(page).get_by_label("User name")).to_be_visible(timeout=WAIT)  # still the sign-in page
        assert ("dewi@univ.example", "no_account") in oidc_records(path)
        main(page).get_by_role("button", name=f"Sign out of {LABEL}").click()
        back_at_sign_in(page, url)
        assert refusal.count() == 0


def test_an_unverified_email_is_refused(served):
    url, path = served
    with chromium_page() as page:
        sign_in_at_provider(page, url, choose=UNVERIFIED["sub"])
        refusal = main(page).get_by_text("the identity provider has not verified the e-mail")
        refusal.wait_for(timeout=WAIT)
        settle(page)
        assert shown(refusal) == "the identity provider has not verified the e-mail ana@univ.example"
        assert page.get_by_text("Signed in as").count() == 0
        assert ("ana@univ.example", "unverified") in oidc_records(path)
