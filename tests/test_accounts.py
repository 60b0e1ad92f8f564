"""Accounts and authorization in the Project API: every rule of each role, on a real project file.

Four accounts: ana (admin), sri (supervisor), rina and budi (coders). Each test opens the file as
one of them, as the server does after sign-in; a refused action raises PermissionDeniedError and
leaves every table as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from qualcode import accounts
from qualcode.backup import backup
from qualcode.errors import AuthenticationError, DuplicateError, InputError, NotFoundError, PermissionDeniedError
from qualcode.merge import merge_projects
from qualcode.project import Project
from qualcode.project.catalog import export_table
from qualcode.refi import export_refi, import_refi

from .conftest import snapshot

PASSWORDS = {"ana": "ana-secret-1", "sri": "sri-secret-1", "rina": "rina-secret", "budi": "budi-secret"}
ROLES = {"ana": "admin", "sri": "supervisor", "rina": "coder", "budi": "coder"}


@pytest.fixture
def team(project: Project, transcript: Path) -> Path:
    """The small project with one transcript, four accounts, and one coding each by rina and budi."""
    project.import_document(transcript, informant="I-01")
    for name, password in PASSWORDS.items():
        project.add_user(name, password, ROLES[name])
    text = project.document("I-01_wawancara")["text"]
    start = text.index("Koordinasinya")
    project.add_coding("I-01_wawancara", start, start + 13, "A", "rina")
    start = text.index("Banyak warga")
    project.add_coding("I-01_wawancara", start, start + 12, "B", "budi")
    return project.path


def as_user(path: Path, name: str) -> Project:
    return Project.open(path, user=name)


def coding_of(project: Project, coder: str) -> int:
    rows = project.store.codings(document_id=None, coder_ids=[project._coder(coder)["id"]], code_ids=None)
    return int(rows[0]["id"])


def refused(path: Path, user: str, action, fragment: str = "may not") -> None:
    """``action(project)`` as ``user`` raises PermissionDeniedError and changes nothing."""
    before = snapshot(path)
    with as_user(path, user) as p, pytest.raises(PermissionDeniedError, match=fragment):
        action(p)
    assert snapshot(path) == before


# -- passwords and sign-in --------------------------------------------------------------------

def test_passwords_are_stored_as_scrypt_hashes_only(team: Path):
    conn = sqlite3.connect(team)
    stored = dict(conn.execute("SELECT name, password_hash FROM coders WHERE password_hash IS NOT NULL"))
    events = " ".join(r[0] for r in conn.execute("SELECT payload FROM events"))
    conn.close()
    assert set(stored) == set(PASSWORDS)
    for name, value in stored.items():
        assert value.startswith("scrypt$16384$8$1$") and PASSWORDS[name] not in value
        assert accounts.verify_password(PASSWORDS[name], value)
        assert not accounts.verify_password(PASSWORDS[name] + "x", value)
        assert PASSWORDS[name] not in events
    assert len(set(stored.values())) == 4  # salted: no two hashes alike
    assert not accounts.verify_password("anything", "md5$abc") and not accounts.verify_password("x", "garbage")


def test_sign_in(team: Path):
    with Project.open(team) as p:
        assert p.sign_in("rina", PASSWORDS["rina"]) == "coder" and p.user == "rina"
    for name, password in (("rina", "wrong-password"), ("nobody", "whatever-1"), ("", "")):
        with Project.open(team) as p, pytest.raises(AuthenticationError, match="^wrong user name or password$"):
            p.sign_in(name, password)
        assert p.user is None
    with Project.open(team) as p:
        p.ensure_coder("guest")  # a coder name without an account cannot act
        with pytest.raises(PermissionDeniedError, match="no account"):
            p.act_as("guest")
        with pytest.raises(AuthenticationError):
            p.sign_in("guest", "")


def test_account_management_rules(team: Path):
    with as_user(team, "ana") as admin:
        with pytest.raises(InputError, match="at least 8"):
            admin.add_user("dewi", "short")
        for own_name in ("Kartikasari", "kartikasari", "irasakitrak"):  # the name, in any case, or backwards
            with pytest.raises(InputError, match="must not be the user name"):
                admin.add_user("kartikasari", own_name)
        assert "kartikasari" not in set(admin.coders()["name"])
        admin.add_user("kartikasari", "kartika-sari-2026")
        with pytest.raises(InputError, match="must not be the user name"):
            admin.set_password("kartikasari", "KARTIKASARI")
        with pytest.raises(InputError, match="unknown role"):
            admin.add_user("dewi", "long-enough-1", "boss")
        with pytest.raises(DuplicateError):
            admin.add_user("rina", "another-pass")
        admin.add_user("dewi", "dewi-secret", "coder")
        admin.set_password("rina", "rina-new-pass")
        with pytest.raises(InputError, match="only admin"):
            admin.set_role("ana", "coder")
        with pytest.raises(NotFoundError):
            admin.set_role("nobody", "coder")
    users = Project.open(team).users().set_index("name")
    assert users.loc["dewi", "role"] == "coder" and bool(users.loc["dewi", "can_sign_in"])
    with Project.open(team) as p:
        assert p.sign_in("rina", "rina-new-pass") == "coder"
    for user in ("sri", "rina"):
        refused(team, user, lambda p: p.add_user("eko", "eko-secret-1"))
        refused(team, user, lambda p: p.set_role("budi", "admin"))
        refused(team, user, lambda p: p.set_password("budi", "budi-new-pass"))
        refused(team, user, lambda p: p.add_coder("eko"))
    with as_user(team, "budi") as coder:  # one's own password
        coder.set_password("budi", "budi-new-pass")


def test_role_changes_take_effect_at_once(team: Path):
    with as_user(team, "rina") as rina, as_user(team, "ana") as admin:
        with pytest.raises(PermissionDeniedError):
            rina.set_verdict("A", "agreement", supervisor="rina")
        admin.set_role("rina", "supervisor")
        rina.set_verdict("A", "agreement", supervisor="rina")
        assert rina.role == "supervisor"


# -- coders ----------------------------------------------------------------------------------

def test_coder_codes_as_themselves_only(team: Path):
    with as_user(team, "rina") as rina:
        new = rina.add_coding("I-01_wawancara", 0, 10, "B", "rina")
        rina.update_coding(new, memo="mine")
        removed = rina.remove_coding(new)
        rina.restore_coding(removed)
    refused(team, "rina", lambda p: p.add_coding("I-01_wawancara", 0, 10, "B", "budi"), "another coder")
    refused(team, "rina", lambda p: p.add_codings([]) or p.add_coding("I-01_wawancara", 0, 5, "A", "newcomer"))


def test_coder_edits_and_deletes_only_own_codings(team: Path):
    with Project.open(team) as p:
        budis = coding_of(p, "budi")
        row = p.store.coding_by_id(budis)
    refused(team, "rina", lambda p: p.update_coding(budis, memo="not mine"), "another coder")
    refused(team, "rina", lambda p: p.update_coding(budis, code="A"), "another coder")
    refused(team, "rina", lambda p: p.remove_coding(budis), "another coder")
    with Project.open(team) as p:
        p.remove_coding(budis)
    refused(team, "rina", lambda p: p.restore_coding(row), "another coder")
    with as_user(team, "sri") as supervisor:  # a supervisor may correct anyone's codings
        supervisor.restore_coding(row)
        supervisor.update_coding(budis, memo="checked")
    with as_user(team, "ana") as admin:
        admin.update_coding(budis, memo="checked again")


def test_coder_cannot_edit_the_codebook_import_or_settle(team: Path, tmp_path: Path):
    other = tmp_path / "I-09.txt"
    other.write_text("Pewawancara: Apa kabar?\n\nInforman: Baik.\n", encoding="utf-8")
    book = tmp_path / "book.yaml"
    book.write_text("name: x\ncodes:\n  - key: Z\n    name: Zeta\n", encoding="utf-8")
    qdpx = tmp_path / "out.qdpx"
    with Project.open(team) as p:
        export_refi(p, qdpx)
    actions = {
        "edit the codebook": [lambda p: p.add_code("C", "Gamma"), lambda p: p.edit_code("A", name="Alfa"),
                              lambda p: p.move_code("A.1", None), lambda p: p.merge_codes("A.1", "A"),
                              lambda p: p.delete_code("B"), lambda p: p.load_codebook(book)],
        "import": [lambda p: p.import_document(other, informant="I-09"), lambda p: p.add_group("x", "X"),
                   lambda p: p.edit_group("agency", name="Agencies"), lambda p: p.add_informant("I-02", "agency"),
                   lambda p: p.edit_informant("I-01", role="Ketua"), lambda p: import_refi(p, qdpx)],
        "reconcile": [lambda p: p.reconcile("I-01_wawancara", 0, 10, "A", decision="a", coders=["rina", "budi"],
                                            supervisor="rina")],
        "record triangulation verdicts": [lambda p: p.set_verdict("A", "agreement", supervisor="rina")],
        "write framework summaries": [lambda p: p.set_summary("I-01", "A", "ringkasan", author="rina")],
        "export tables": [lambda p: export_table(p, "codings"), lambda p: export_refi(p, tmp_path / "x.qdpx")],
        "change project settings": [lambda p: p.set_blind_coding(True, actor="rina")],
    }
    for what, calls in actions.items():
        for call in calls:
            refused(team, "rina", call, what)
    # a supervisor may settle, record and export, but not edit the codebook or import
    with as_user(team, "sri") as supervisor:
        supervisor.set_verdict("A", "agreement", supervisor="sri")
        supervisor.set_summary("I-01", "A", "ringkasan", author="sri")
        assert len(export_table(supervisor, "codings").frame) == 2
        supervisor.set_blind_coding(False, actor="sri")
    for call in actions["edit the codebook"] + actions["import"]:
        refused(team, "sri", call)
    # an admin may do all of it
    with as_user(team, "ana") as admin:
        admin.add_code("C", "Gamma")
        admin.import_document(other, informant="I-09")
        admin.add_group("x", "X")


def test_blind_coding_hides_other_coders_from_coders_only(team: Path):
    with Project.open(team) as p:
        p.set_blind_coding(True, actor="ana")
        doc_id = int(p.document("I-01_wawancara")["id"])
    with as_user(team, "rina") as rina:
        assert set(rina.codings()["coder"]) == {"rina"}
        assert {r["coder"] for r in rina.document_codings(doc_id)} == {"rina"}
        assert set(rina.codings(coders=["rina"])["coder"]) == {"rina"}
        with pytest.raises(PermissionDeniedError, match="blind"):
            rina.codings(coders=["budi"])
        with pytest.raises(PermissionDeniedError, match="blind"):
            rina.agreement(coders=["rina", "budi"])
        assert int(rina.matrix(by="group").to_numpy().sum()) == 1  # analyses see only her own coding
    with as_user(team, "sri") as supervisor:
        assert set(supervisor.codings()["coder"]) == {"rina", "budi"}
        assert {r["coder"] for r in supervisor.document_codings(doc_id)} == {"rina", "budi"}
        assert {"rina", "budi"} <= set(supervisor.history()["actor"])
    with as_user(team, "rina") as rina:
        assert set(rina.history()["actor"]) == {"rina"}
        with pytest.raises(PermissionDeniedError, match="blind"):
            rina.history(actor="budi")
    with Project.open(team) as p:
        p.set_blind_coding(False, actor="ana")
    with as_user(team, "rina") as rina:
        assert set(rina.codings()["coder"]) == {"rina", "budi"}


def test_suggestions_are_trained_and_reviewed_as_oneself(team: Path):
    refused(team, "rina", lambda p: p.suggest_run(coder="budi"), "another coder")
    refused(team, "rina", lambda p: p.suggest_train(coder="budi"), "another coder")
    with Project.open(team) as p:
        p.edit_code("A", include="koordinasi")
        p.ensure_coder("fresh")
        p.suggest_run(coder="fresh")
        first = int(p.suggestions().iloc[0]["id"])
    refused(team, "rina", lambda p: p.review_suggestion(first, "accept", reviewer="budi"), "another coder")
    with as_user(team, "rina") as rina:
        assert rina.review_suggestion(first, "accept", reviewer="rina") is not None


def test_events_name_the_signed_in_user(team: Path):
    with as_user(team, "rina") as rina:
        coding = rina.add_coding("I-01_wawancara", 0, 10, "B", "rina")
        rina.remove_coding(coding, actor="somebody else")
    conn = sqlite3.connect(team)
    actors = [r[0] for r in conn.execute("SELECT actor FROM events ORDER BY id DESC LIMIT 2")]
    conn.close()
    assert actors == ["rina", "rina"]


def test_without_a_user_everything_is_allowed(team: Path):
    with Project.open(team) as p:
        assert p.user is None and p.role is None and p.may("accounts")
        p.add_code("C", "Gamma")
        p.set_blind_coding(True, actor="local")
        assert set(p.codings()["coder"]) == {"rina", "budi"}


def test_undo_and_merge_follow_the_roles(team: Path, tmp_path: Path):
    with as_user(team, "rina") as rina:
        rina.add_coding("I-01_wawancara", 0, 10, "B", "rina")
    refused(team, "budi", lambda p: p.undo("rina"), "another coder")
    with as_user(team, "rina") as rina:
        rina.undo("rina")
        rina.redo("rina")
    with as_user(team, "sri") as supervisor:
        supervisor.undo("rina")
    copy = tmp_path / "copy.qualcode"
    backup(team, copy)
    refused(team, "sri", lambda p: merge_projects(p, copy), "import")
