"""`qualcode users add --email` and `qualcode users set-email`, on real project files."""

from __future__ import annotations

from click.testing import CliRunner

from qualcode.cli import main
from qualcode.project import Project

from .conftest import snapshot


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_users_with_emails(project: Project):
    path = str(project.path)
    project.close()
    added = run("users", "add", path, "ana", "--role", "admin", "--email", "Ana@Univ.example", "--password-stdin",
                input="ana-secret-1\n")
    assert added.exit_code == 0, added.output
    assert run("users", "add", path, "rina", "--password-stdin", input="rina-secret\n").exit_code == 0
    assert run("users", "set-email", path, "rina", "rina@univ.example").output.strip() == \
        "rina: e-mail rina@univ.example"
    assert run("users", "list", path).output.splitlines() == [
        "ana\tadmin\taccount\t0 codings\tana@univ.example", "rina\tcoder\taccount\t0 codings\trina@univ.example"]
    with Project.open(path) as p:
        assert p.account_for_email("RINA@univ.example")["name"] == "rina"
    assert run("users", "set-email", path, "rina", "").output.strip() == "rina: e-mail removed"
    with Project.open(path) as p:
        assert p.account_for_email("rina@univ.example") is None


def test_bad_or_taken_emails_are_refused_and_change_nothing(project: Project):
    project.add_user("ana", "ana-secret-1", "admin", email="ana@univ.example")
    path = str(project.path)
    project.close()
    before = snapshot(path)
    malformed = run("users", "set-email", path, "ana", "ana at univ")
    assert malformed.exit_code == 1
    assert "e-mail: 'ana at univ' is not an e-mail address" in malformed.output
    taken = run("users", "add", path, "rina", "--email", "ANA@univ.example", "--password-stdin",
                input="rina-secret\n")
    assert taken.exit_code == 1 and "already belongs to user 'ana'" in taken.output
    unknown = run("users", "set-email", path, "dewi", "dewi@univ.example")
    assert unknown.exit_code == 1 and "no user account 'dewi'" in unknown.output
    assert snapshot(path) == before
