"""Sign-in through AppTest of the whole app (app.py with --auth): the wrong password is refused, and the role
decides which pages the navigation offers; without --auth nothing is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from qualcode.project import Project

from .conftest import copy_project

APP = Path(__file__).resolve().parent.parent / "app.py"
PAGES = ["overview", "project", "code", "codebook", "search", "query", "words", "triangulation", "framework",
         "agreement", "suggestions", "history", "memos"]
EVERYONE = {"overview", "code", "search", "query", "words", "suggestions", "history", "memos"}
SEEN = {"coder": EVERYONE, "supervisor": EVERYONE | {"triangulation", "framework", "agreement"},
        "admin": set(PAGES)}


@pytest.fixture
def served(demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo with three accounts, served with sign-in."""
    path = copy_project(demo_path, tmp_path / "team.qualcode")
    with Project.open(path) as p:
        p.add_user("ana", "ana-secret-1", "admin")
        p.add_user("sri", "sri-secret-1", "supervisor")
        p.add_user("rina", "rina-secret", "coder")
    monkeypatch.setenv("QUALCODE_AUTH", "1")
    monkeypatch.setenv("QUALCODE_PROJECT", str(path))
    monkeypatch.setattr("qualcode.ui.login.FAILED_SIGN_IN_DELAY_S", 0.0)
    return path


def sign_in(name: str, password: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    at.button(key="FormSubmitter:login-Sign in").click()
    return at.run()


def offered(at: AppTest) -> set[str]:
    """The pages the navigation lets this session open."""
    pages = set()
    for page in PAGES:
        try:
            at.switch_page(f"qualcode/ui/pages/{page}.py")
        except ValueError:
            continue
        pages.add(page)
    return pages


def test_only_the_sign_in_page_before_sign_in(served: Path):
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert offered(at) == set()
    assert at.text_input(key="login_password").proto.type == at.text_input(key="login_password").proto.PASSWORD


@pytest.mark.parametrize("name, password", [("rina", "wrong-password"), ("nobody", "rina-secret"), ("budi", "")])
def test_wrong_credentials_are_refused(served: Path, name: str, password: str):
    at = sign_in(name, password)
    assert not at.exception
    assert [t.value for t in at.title] == ["Sign in"]
    assert [e.value for e in at.error] == ["wrong user name or password"]
    assert "user" not in at.session_state and offered(at) == set()
    assert at.text_input(key="login_password").value == ""  # the typed password is not kept


@pytest.mark.parametrize("name, password, role", [("rina", "rina-secret", "coder"),
                                                  ("sri", "sri-secret-1", "supervisor"),
                                                  ("ana", "ana-secret-1", "admin")])
def test_role_decides_the_pages(served: Path, name: str, password: str, role: str):
    at = sign_in(name, password)
    assert not at.exception
    assert at.session_state["user"] == name and at.session_state["coder"] == name
    assert [t.value for t in at.title] == ["Overview"]
    assert any(f"Signed in as **{name}** ({role})" in m.value for m in at.sidebar.markdown)
    assert offered(at) == SEEN[role]
    at.switch_page("qualcode/ui/pages/code.py").run()
    assert not at.exception


def test_sign_out_returns_to_the_sign_in_page(served: Path):
    at = sign_in("rina", "rina-secret")
    at.sidebar.button(key="sign_out").click()
    at = at.run()
    assert [t.value for t in at.title] == ["Sign in"] and "user" not in at.session_state


def test_a_coder_signed_in_codes_as_herself(served: Path):
    at = sign_in("rina", "rina-secret")
    project = at.session_state["_project"]
    assert project.user == "rina" and project.role == "coder"
    assert not project.may("codebook") and project.may("code")


def test_without_auth_no_sign_in(demo_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("QUALCODE_AUTH", raising=False)
    monkeypatch.setenv("QUALCODE_PROJECT", str(demo_path))
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Overview"]
    assert offered(at) == set(PAGES)


@pytest.mark.parametrize("name, password, locked", [("rina", "rina-secret", True), ("sri", "sri-secret-1", False)])
def test_another_coders_band_is_read_only_for_a_coder(served: Path, name: str, password: str, locked: bool):
    """A coder who clicks budi's band sees the coding but cannot change or delete it; a supervisor can."""
    with Project.open(served) as p:
        coding = p.codings(coders=["budi"]).iloc[0]
    at = sign_in(name, password)
    at.session_state["code_doc"] = coding["document"]
    at.session_state["code_filter"] = "budi"
    at.session_state["tx_clicked"] = [int(coding["id"])]
    at.switch_page("qualcode/ui/pages/code.py").run()
    assert not at.exception
    assert at.button(key="edit_save").disabled is locked
    assert at.button(key="edit_delete").disabled is locked
    assert at.selectbox(key="edit_code").disabled is locked
    assert any("budi" in i.value for i in at.info) is locked
