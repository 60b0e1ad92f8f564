"""Institutional sign-in: account e-mails and the mapping of a provider's claims to a project account, on a
real project file. Three accounts: ana (admin, ana@univ.example), rina (coder, Rina.Putri@Univ.example as
typed) and budi (coder, no e-mail); and a consensus coder with an e-mail, who can never sign in."""

from __future__ import annotations

import sqlite3

import pytest

from qualcode.accounts import hash_password
from qualcode.errors import AuthenticationError, DuplicateError, InputError, PermissionDeniedError
from qualcode.oidc import OidcAccount, OidcProvider, account_for_claims, provider_from_auth
from qualcode.project import Project
from qualcode.store import SCHEMA_VERSION, migrations

from .conftest import assert_refused


@pytest.fixture
def team(project: Project) -> Project:
    project.add_user("ana", "ana-secret-1", "admin", email="ana@univ.example")
    project.add_user("rina", "rina-secret", "coder", email=" Rina.Putri@Univ.example ")
    project.add_user("budi", "budi-secret", "coder")
    return project


def claims(email, **more):
    return {"is_logged_in": True, "sub": "a1b2", "email": email, **more}


# -- e-mails on accounts -------------------------------------------------------------


def test_email_is_stored_trimmed_in_lower_case_and_listed(team):
    users = team.users().set_index("name")
    assert users.loc["rina", "email"] == "rina.putri@univ.example"
    assert users.loc["budi", "email"] is None
    assert team.account_for_email("RINA.PUTRI@univ.EXAMPLE") == {
        "name": "rina", "role": "coder", "email": "rina.putri@univ.example"}


def test_match_is_exact_apart_from_case(team):
    for near in ("rina.putri@univ.example.org", "rinaputri@univ.example", "rina.putri+x@univ.example",
                 "rina.putri@univ", "", "not an address"):
        assert team.account_for_email(near) is None, near


def test_one_account_per_email_in_any_case(team):
    assert_refused(team, lambda: team.add_user("sri", "sri-secret-1", "supervisor", email="ANA@univ.example"),
                   DuplicateError, "ana@univ.example", "'ana'")
    assert_refused(team, lambda: team.set_email("budi", "Ana@Univ.Example"), DuplicateError, "'ana'")
    team.set_email("ana", "ANA@UNIV.EXAMPLE")  # one's own address again, in another case
    assert team.account_for_email("ana@univ.example")["name"] == "ana"


def test_the_database_keeps_emails_unique_whatever_the_case(team):
    """The unique index holds even for a write that skips the Project API."""
    conn = sqlite3.connect(team.path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE coders SET email = 'ANA@univ.example' WHERE name = 'budi'")
    conn.close()


def test_a_malformed_email_is_refused_naming_the_field(team):
    for bad in ("rina", "rina@", "@univ.example", "rina@univ", "ri na@univ.example", "a@b@univ.example"):
        message = assert_refused(team, lambda bad=bad: team.set_email("budi", bad), InputError, "e-mail")
        assert "e-mail" in message and "not an e-mail address" in message
    assert_refused(team, lambda: team.add_user("sri", "sri-secret-1", email="sri at univ"), InputError,
                   "e-mail: 'sri at univ' is not an e-mail address")


def test_set_email_and_remove_it(team):
    team.set_email("budi", "budi@univ.example")
    assert team.account_for_email("budi@univ.example")["name"] == "budi"
    team.set_email("budi", "")
    assert team.account_for_email("budi@univ.example") is None


def test_only_an_admin_sets_someone_elses_email(team):
    with Project.open(team.path, user="rina") as rina:
        assert_refused(rina, lambda: rina.set_email("rina", "rina@other.example"), PermissionDeniedError,
                       "manage user accounts")
    with Project.open(team.path, user="ana") as ana:
        ana.set_email("budi", "budi@univ.example")
    assert team.account_for_email("budi@univ.example")["name"] == "budi"


def test_email_changes_are_in_the_audit_trail(team):
    team.set_email("budi", "budi@univ.example")
    changes = team.store.conn.execute(
        "SELECT after FROM changes WHERE tbl = 'coders' AND after LIKE '%budi@univ.example%'").fetchall()
    assert changes


def test_an_older_file_gains_the_email_column(tmp_path):
    """A file made before e-mails (without the schema step) is upgraded on open, its accounts kept."""
    path = tmp_path / "old.qualcode"
    index = next(i for i, m in enumerate(migrations._migrations) if m.name == "m008_account_email")
    step = migrations._migrations.pop(index)
    try:
        with Project.create(path) as p:
            # as the older version made an account: today's add_user already reads the e-mail column
            p.store.set_password_hash(p._add_coder("ana", "admin"), hash_password("ana-secret-1"))
            assert "email" not in [r[1] for r in p.store.conn.execute("PRAGMA table_info(coders)")]
    finally:
        migrations._migrations.insert(index, step)
    with Project.open(path) as p:
        assert p.store.schema_version() == SCHEMA_VERSION
        p.set_email("ana", "ana@univ.example")
        assert p.account_for_email("ANA@univ.example")["role"] == "admin"


# -- from claims to an account -------------------------------------------------------


def test_a_verified_email_signs_in_as_its_account_with_the_project_role(team):
    assert account_for_claims(team, claims("ana@univ.example", email_verified=True)) == \
        OidcAccount("ana", "admin", "ana@univ.example")
    # the provider's letter case does not matter; without an email_verified claim the address is taken
    assert account_for_claims(team, claims("Rina.Putri@UNIV.example")) == \
        OidcAccount("rina", "coder", "Rina.Putri@UNIV.example")


def test_the_role_is_the_projects_at_sign_in(team):
    team.set_role("rina", "supervisor")
    assert account_for_claims(team, claims("rina.putri@univ.example")).role == "supervisor"


def test_claims_a_provider_sends_as_strings(team):
    assert account_for_claims(team, claims("ana@univ.example", email_verified="true")).name == "ana"
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, claims("ana@univ.example", email_verified="false"))
    assert info.value.key == "err_oidc_unverified"


@pytest.mark.parametrize("verified", [False, None, 0, "", "no"])
def test_an_unverified_email_is_refused(team, verified):
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, claims("ana@univ.example", email_verified=verified))
    assert info.value.key == "err_oidc_unverified"
    assert "ana@univ.example" in str(info.value)


def test_an_email_without_an_account_is_refused_and_no_account_is_made(team):
    before = team.users()
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, claims("dewi@univ.example", email_verified=True))
    assert info.value.key == "err_oidc_no_account"
    assert "dewi@univ.example" in str(info.value) and "qualcode users set-email" in str(info.value)
    assert team.users().equals(before)


@pytest.mark.parametrize("email", [None, "", "   ", 42])
def test_no_email_claim_is_refused(team, email):
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, {"is_logged_in": True, "sub": "a1b2", "email": email})
    assert info.value.key == "err_oidc_no_email"


def test_other_claims_are_never_matched(team):
    """A name or preferred_username equal to an account's name or e-mail signs nobody in."""
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, {"is_logged_in": True, "name": "ana", "preferred_username": "ana@univ.example"})
    assert info.value.key == "err_oidc_no_email"


def test_not_signed_in_with_the_provider(team):
    for signed_out in ({}, {"is_logged_in": False, "email": "ana@univ.example"}):
        with pytest.raises(AuthenticationError) as info:
            account_for_claims(team, signed_out)
        assert info.value.key == "err_oidc_signed_out"


def test_a_coder_who_cannot_sign_in_is_no_match(team):
    """A consensus coder, or a coder whose account was never made, does not sign in even with an e-mail."""
    team.ensure_coder("consensus", role="consensus")
    team.store.set_coder_email(team._coder("consensus")["id"], "consensus@univ.example")
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, claims("consensus@univ.example"))
    assert info.value.key == "err_oidc_no_account"


def test_the_claims_of_streamlit_are_a_mapping_not_a_dict(team):
    from types import MappingProxyType

    assert account_for_claims(team, MappingProxyType(claims("ana@univ.example"))).name == "ana"


# -- which provider the secrets configure --------------------------------------------


def test_provider_from_the_auth_section():
    metadata = "https://login.univ.example/.well-known/openid-configuration"
    unnamed = {"redirect_uri": "https://q.univ.example/oauth2callback", "cookie_secret": "s", "client_id": "c",
               "client_secret": "x", "server_metadata_url": metadata}
    assert provider_from_auth(unnamed) == OidcProvider(None, "login.univ.example")
    assert provider_from_auth(unnamed, " Universitas Contoh ") == OidcProvider(None, "Universitas Contoh")
    named = {"redirect_uri": "https://q.univ.example/oauth2callback", "cookie_secret": "s",
             "univ": {"client_id": "c", "client_secret": "x", "server_metadata_url": metadata}}
    assert provider_from_auth(named) == OidcProvider("univ", "univ")
    assert provider_from_auth({"redirect_uri": "x", "cookie_secret": "s"}) is None
    assert provider_from_auth({}) is None


def test_an_expired_identity_is_not_taken(team):
    """Streamlit keeps the identity for 30 days; the ID token's own expiry ends it sooner."""
    issued = claims("ana@univ.example", iat=1_000, exp=4_600)
    assert account_for_claims(team, issued, now=4_599).name == "ana"
    with pytest.raises(AuthenticationError) as info:
        account_for_claims(team, issued, now=4_600)
    assert info.value.key == "err_oidc_expired"
    assert account_for_claims(team, claims("ana@univ.example"), now=10**10).name == "ana"  # no exp claim


# -- accounts that sign in only through the provider ------------------------------------


def test_an_account_without_a_password_signs_in_only_through_the_provider(team):
    from click.testing import CliRunner

    from qualcode.cli import main

    path = str(team.path)
    team.close()
    result = CliRunner().invoke(main, ["users", "add", path, "sari", "--role", "supervisor",
                                       "--email", "sari@univ.example", "--no-password"])
    assert result.exit_code == 0, result.output
    with Project.open(path) as project:
        found = account_for_claims(project, claims("SARI@univ.example"))
        assert (found.name, found.role) == ("sari", "supervisor")
        assert project.users().set_index("name").loc["sari", "can_sign_in"]
        # no password to guess: the password form refuses it like a wrong password
        with pytest.raises(AuthenticationError):
            project.sign_in("sari", "")
        with pytest.raises(AuthenticationError):
            project.sign_in("sari", "anything-at-all")
        # removing the only way in is refused, and nothing changes
        with pytest.raises(InputError) as info:
            project.set_email("sari", "")
        assert info.value.key == "err_email_only_account"
        assert project.account_for_email("sari@univ.example")["name"] == "sari"


def test_no_password_needs_an_email(team):
    from click.testing import CliRunner

    from qualcode.cli import main

    path = str(team.path)
    team.close()
    result = CliRunner().invoke(main, ["users", "add", path, "sari", "--no-password"])
    assert result.exit_code == 2 and "--no-password needs --email" in result.output
    with Project.open(path) as project:
        with pytest.raises(InputError) as info:
            project.add_user("sari", None)
        assert info.value.key == "err_password_or_email"
        assert "sari" not in set(project.users()["name"])
