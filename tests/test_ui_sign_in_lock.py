"""The served app (AppTest of app.py with --auth) under guessing and idleness: the sign-in page says when a name
is locked, in the user's language, and refuses the right password then; a user idle past the limit is signed out
on the next click, which does nothing else, with the reason shown; admins alone see the sign-ins on History."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.accounts import MAX_FAILURES_PER_NAME
from qualcode.project import Project
from qualcode.ui.state import escape_md

from .conftest import copy_project

APP = Path(__file__).resolve().parent.parent / "app.py"
PASSWORDS = {"ana": "ana-secret-1", "sri": "sri-secret-1", "rina": "rina-secret"}


@pytest.fixture
def served(demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo with an admin, a supervisor and a coder, served with sign-in."""
    path = copy_project(demo_path, tmp_path / "team.qualcode")
    with Project.open(path) as p:
        p.add_user("ana", PASSWORDS["ana"], "admin")
        p.add_user("sri", PASSWORDS["sri"], "supervisor")
        p.add_user("rina", PASSWORDS["rina"], "coder")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(path))
    monkeypatch.delenv("QUALCODE_IDLE_MINUTES", raising=False)
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    return path


def attempt(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    next(b for b in at.button if b.key.startswith("FormSubmitter:login-")).click()  # labelled in the language
    return at.run()


def sign_in(name: str) -> AppTest:
    return attempt(AppTest.from_file(str(APP), default_timeout=120).run(), name, PASSWORDS[name])


def errors(at: AppTest) -> list[str]:
    """The error boxes' texts as the user reads them (the page escapes them for Markdown)."""
    return [e.value for e in at.error]


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


@pytest.mark.parametrize("lang, wrong, locked", [
    ("en", "wrong user name or password", "too many failed sign-ins; try again in 15 minutes"),
    ("id", "nama pengguna atau kata sandi salah", "terlalu banyak upaya masuk yang gagal; coba lagi dalam 15 menit"),
])
@pytest.mark.parametrize("name", ["rina", "nobody"])
def test_the_sign_in_page_says_the_name_is_locked(served: Path, lang: str, wrong: str, locked: str, name: str):
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.selectbox(key="lang").set_value(lang)
    at = at.run()
    for _ in range(MAX_FAILURES_PER_NAME - 1):
        at = attempt(at, name, "not-the-password")
        assert errors(at) == [escape_md(wrong)]
    at = attempt(at, name, "not-the-password")
    assert not at.exception
    assert errors(at) == [escape_md(locked)]
    at = attempt(at, name, PASSWORDS.get(name, "rina-secret"))  # the right password is refused too
    assert errors(at) == [escape_md(locked)]
    assert "user" not in at.session_state and len(titles(at)) == 1
    with Project.open(served) as p:
        outcomes = list(p.sign_ins()["outcome"])
    assert outcomes[0] == "locked" and len(outcomes) == MAX_FAILURES_PER_NAME + 1


def later(monkeypatch: pytest.MonkeyPatch, minutes: float) -> None:
    """From now on the app's clock runs ``minutes`` ahead."""
    monkeypatch.setattr("qualcode.ui.state.clock", lambda: time.time() + minutes * 60)


def test_an_idle_user_is_signed_out_on_the_next_click(served: Path, monkeypatch: pytest.MonkeyPatch):
    at = sign_in("rina")
    assert titles(at) == ["Overview"]
    later(monkeypatch, 29)  # within the default 30 minutes: still signed in
    at.switch_page("qualcode/ui/pages/search.py").run()
    assert not at.exception and at.session_state["user"] == "rina"
    later(monkeypatch, 29 + 31)  # 31 minutes after that click
    at.switch_page("qualcode/ui/pages/history.py").run()
    assert not at.exception
    assert titles(at) == ["Sign in"] and "user" not in at.session_state and "_project" not in at.session_state
    assert errors(at) == [escape_md("You were signed out after 30 minutes without activity. Sign in again to go on.")]
    at = attempt(at, "rina", PASSWORDS["rina"])  # signing in again works, and the note goes
    assert titles(at) == ["History"] and at.session_state["user"] == "rina" and not at.error


def test_an_action_after_the_idle_limit_does_not_go_through(served: Path, monkeypatch: pytest.MonkeyPatch):
    """The idle limit comes from --idle-minutes (here its environment twin); the click that comes too late
    (Undo of the coder's last coding on the History page) changes nothing."""
    monkeypatch.setenv("QUALCODE_IDLE_MINUTES", "5")
    with Project.open(served, user="rina") as p:
        p.add_coding(p.documents()["name"].iloc[0], 0, 20, p.codes()["key"].iloc[-1], "rina")
        before = len(p.codings(coders=["rina"]))
    at = sign_in("rina")
    at.switch_page("qualcode/ui/pages/history.py").run()
    assert not at.exception and at.button(key="hist_undo").disabled is False
    later(monkeypatch, 6)
    at.button(key="hist_undo").click().run()
    assert titles(at) == ["Sign in"]
    assert errors(at) == [escape_md("You were signed out after 5 minutes without activity. Sign in again to go on.")]
    with Project.open(served) as p:
        assert len(p.codings(coders=["rina"])) == before


@pytest.mark.parametrize("name, sees", [("ana", True), ("sri", False), ("rina", False)])
def test_only_admins_see_the_sign_ins_on_the_history_page(served: Path, name: str, sees: bool):
    failed = attempt(AppTest.from_file(str(APP), default_timeout=120).run(), "rina", "not-the-password")
    assert failed.error
    at = sign_in(name)
    at.switch_page("qualcode/ui/pages/history.py").run()
    assert not at.exception
    assert ("Sign-ins" in [h.value for h in at.subheader]) is sees
    tables = {df.proto.id: df.value for df in at.dataframe}
    shown = [value for value in tables.values() if "Outcome" in value.columns]
    if not sees:
        assert shown == []
        return
    (records,) = shown
    assert list(records.columns) == ["When (UTC)", "User name as typed", "Client address", "Method", "Outcome"]
    assert list(records["User name as typed"]) == [name, "rina"]
    assert list(records["Outcome"]) == ["signed in", "wrong password"]


@pytest.mark.parametrize("argv, env, minutes", [
    (["--project", "p.qualcode", "--auth", "--idle-minutes", "7"], None, 7),  # what `qualcode serve` passes
    (["--project", "p.qualcode", "--auth"], "12", 12),
    (["--project", "p.qualcode", "--auth"], None, 30),
    (["--project", "p.qualcode", "--idle-minutes", "0"], None, 30),  # no limit of 0: the default
    (["--idle-minutes"], "abc", 30),
])
def test_the_idle_limit_comes_from_the_command_line(monkeypatch: pytest.MonkeyPatch, argv, env, minutes):
    from qualcode.ui.state import idle_minutes

    monkeypatch.setattr("sys.argv", ["app.py", *argv])
    if env is None:
        monkeypatch.delenv("QUALCODE_IDLE_MINUTES", raising=False)
    else:
        monkeypatch.setenv("QUALCODE_IDLE_MINUTES", env)
    assert idle_minutes() == minutes
