"""Institutional sign-in on the login page, through AppTest of the whole app with --auth: the provider's button
shows only with an [auth] secrets section; an identity the provider vouches for signs in as the account with
its e-mail and that account's role; any other is refused and can sign out of the provider.

AppTest seeds ``st.user`` (``AppTest.user``) from Streamlit 1.67 on; with an older Streamlit the tests of an
identity are skipped (tests/browser/test_journey_oidc.py covers them against a real provider)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project
from qualcode.ui.state import escape_md

from .conftest import copy_project

APP = str(Path(__file__).resolve().parent.parent / "app.py")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "a long random test secret",
        "client_id": "qualcode", "client_secret": "not-a-secret",
        "server_metadata_url": "http://127.0.0.1:9400/.well-known/openid-configuration"}
SEEDS_USER = hasattr(AppTest.from_string(""), "user")
needs_user = pytest.mark.skipif(not SEEDS_USER, reason="AppTest seeds st.user from Streamlit 1.67 on")


@pytest.fixture
def served(demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo with two accounts with e-mails, served with sign-in."""
    path = copy_project(demo_path, tmp_path / "team.qualcode")
    with Project.open(path) as p:
        p.add_user("ana", "ana-secret-1", "admin", email="ana@univ.example")
        p.add_user("rina", "rina-secret", "coder", email="rina@univ.example")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(path))
    return path


def app(*, secrets: bool = True, label: str | None = "Universitas Contoh", user: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if secrets:
        at.secrets["auth"] = dict(AUTH)
        if label:
            at.secrets["qualcode"] = {"sign_in_provider": label}
    if user is not None:
        at.user = user
    return at


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_no_provider_button_without_an_auth_section(served):
    at = app(secrets=False).run()
    assert not at.exception
    assert not any("Sign in with" in label for label in buttons(at))
    assert [t.value for t in at.title] == ["Sign in"]


def test_the_provider_button_beside_the_password_form(served):
    at = app().run()
    assert not at.exception
    assert "Sign in with Universitas Contoh" in buttons(at)
    assert "Or sign in with a user name and password:" in [c.value for c in at.caption]
    assert at.text_input(key="login_name") is not None  # passwords still work
    at.session_state["lang"] = "id"
    assert "Masuk dengan Universitas Contoh" in buttons(at.run())


def test_the_button_names_the_metadata_host_without_a_label(served):
    assert "Sign in with 127\\.0\\.0\\.1" in buttons(app(label=None).run())  # Markdown-escaped


@needs_user
def test_a_vouched_email_signs_in_with_the_projects_role(served):
    at = app(user={"is_logged_in": True, "email": "Rina@Univ.example", "email_verified": True}).run()
    assert not at.exception
    assert at.session_state["user"] == "rina" and at.session_state["role"] == "coder"
    assert at.session_state["coder"] == "rina"
    assert "Signed in as **rina** (coder)" in [m.value for m in at.sidebar.markdown]
    with Project.open(served) as p:
        p.act_as("ana")
        latest = p.sign_ins().iloc[0]
    assert (latest["name"], latest["method"], latest["outcome"]) == ("rina", "oidc", "ok")


@needs_user
def test_an_email_without_an_account_is_refused(served):
    at = app(user={"is_logged_in": True, "email": "dewi@univ.example", "email_verified": True}).run()
    assert not at.exception
    assert "user" not in at.session_state
    assert [e.value for e in at.error] == [escape_md("no account of this project has the e-mail dewi@univ.example; "
                                                     "an admin can add it with `qualcode users set-email`")]
    assert "Sign out of Universitas Contoh" in buttons(at)
    at.run()  # a rerun records the refusal once, not again
    with Project.open(served) as p:
        p.act_as("ana")
        records = p.sign_ins()
    refused = records[records["method"] == "oidc"]
    assert refused[["name", "outcome"]].values.tolist() == [["dewi@univ.example", "no_account"]]
    at.button(key="oidc_sign_out").click().run()
    assert not at.exception
    assert "Sign in with Universitas Contoh" in buttons(at)  # the identity is gone


@needs_user
def test_an_unverified_email_is_refused(served):
    at = app(user={"is_logged_in": True, "email": "rina@univ.example", "email_verified": False}).run()
    assert "user" not in at.session_state
    assert "has not verified the e" in at.error[0].value


@needs_user
def test_sign_out_ends_the_providers_identity_too(served):
    at = app(user={"is_logged_in": True, "email": "ana@univ.example"}).run()
    assert at.session_state["user"] == "ana"
    at.sidebar.button(key="sign_out").click().run()
    assert not at.exception
    assert "user" not in at.session_state
    # st.logout cleared the identity: the page offers the provider's button rather than signing ana in again
    assert "Sign in with Universitas Contoh" in buttons(at)


@needs_user
def test_the_idle_limit_ends_the_providers_identity_too(served):
    """Signed out for being idle, a user signed in by the provider is not signed straight back in by it."""
    at = app(user={"is_logged_in": True, "email": "ana@univ.example"}).run()
    assert at.session_state["user"] == "ana"
    at.session_state["_last_active"] = 0.0  # the last click was long ago
    at.run()
    assert not at.exception
    assert "user" not in at.session_state
    at.run()
    assert "user" not in at.session_state
    assert "Sign in with Universitas Contoh" in buttons(at)


@needs_user
def test_an_expired_identity_offers_the_button_again(served):
    """Streamlit remembers an identity for 30 days; once its ID token has expired the provider is asked again."""
    at = app(user={"is_logged_in": True, "email": "ana@univ.example", "iat": 1_000_000, "exp": 1_003_600}).run()
    assert not at.exception
    assert "user" not in at.session_state
    assert "Sign in with Universitas Contoh" in buttons(at) and not at.error
