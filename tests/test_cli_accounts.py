"""`qualcode users add|passwd|role|list` and `qualcode serve`, on real project files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .browser import CHROMIUM, ROOT, chromium_page, free_port, stop_group, wait_until_up


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_users_commands(project: Project):
    path = str(project.path)
    project.close()
    added = run("users", "add", path, "ana", "--role", "admin", input="ana-secret-1\nana-secret-1\n")
    assert added.exit_code == 0, added.output
    assert "added user ana (admin)" in added.output and "ana-secret-1" not in added.output
    assert run("users", "add", path, "rina", "--password-stdin", input="rina-secret\n").exit_code == 0
    mismatch = run("users", "add", path, "budi", input="budi-secret\nother-secret\nbudi-secret\nbudi-secret\n")
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output
    short = run("users", "add", path, "eko", "--password-stdin", input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.output
    assert run("users", "role", path, "rina", "supervisor").output.strip() == "rina is now supervisor"
    last_admin = run("users", "role", path, "ana", "coder")
    assert last_admin.exit_code == 1 and "only admin" in last_admin.output
    assert run("users", "passwd", path, "rina", "--password-stdin", input="rina-new-pass\n").exit_code == 0
    listed = run("users", "list", path).output.splitlines()
    assert listed == ["ana\tadmin\taccount\t0 codings", "budi\tcoder\taccount\t0 codings",
                      "rina\tsupervisor\taccount\t0 codings"]
    with Project.open(path) as p:
        assert p.sign_in("rina", "rina-new-pass") == "supervisor"
    assert "eko" not in {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM coders")}


def test_serve_with_auth_needs_an_admin(project: Project):
    path = str(project.path)
    project.close()
    refused = run("serve", path, "--auth")
    assert refused.exit_code == 1 and "no admin account yet" in refused.output


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium")
def test_serve_with_auth_signs_in_in_a_browser(project: Project):
    """`qualcode serve --auth` in a real browser: the wrong password is refused, the right one signs in."""
    project.add_user("ana", "ana-secret-1", "admin")
    project.add_user("rina", "rina-secret", "coder")
    path = str(project.path)
    project.close()
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "qualcode.cli", "serve", path, "--auth", "--port", str(port),
                             "--address", "127.0.0.1"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        with chromium_page() as page:
            page.goto(url)
            page.get_by_label("User name").fill("rina")
            page.get_by_label("Password", exact=True).fill("not-her-password")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("wrong user name or password").wait_for(timeout=30_000)
            page.get_by_label("Password", exact=True).fill("rina-secret")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_text("Signed in as").wait_for(timeout=30_000)
            nav = page.locator('[data-testid="stSidebarNav"]').inner_text()
            assert "Code" in nav and "Codebook" not in nav and "Agreement" not in nav
    finally:
        stop_group(proc)
        proc.wait(timeout=20)
