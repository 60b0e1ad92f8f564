"""Throttled sign-in on real project files: too many failures lock a user name (an account or not, alike) and a
client address, the right password included; locks end after a growing delay or `qualcode users unlock`; every
attempt is recorded with its address, never its password. The clock is a project's own, set by the test."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from qualcode import accounts
from qualcode.accounts import FAILURE_WINDOW, FIRST_LOCK, MAX_FAILURES_PER_CLIENT, MAX_FAILURES_PER_NAME
from qualcode.cli import main
from qualcode.errors import AuthenticationError, PermissionDeniedError
from qualcode.project import Project

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
WRONG = "not-the-password"


class Clock:
    """A settable clock for a project (``project.clock = clock``)."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team.qualcode"
    with Project.create(path) as p:
        p.add_user("ana", "ana-secret-1", "admin")
        p.add_user("rina", "rina-secret", "coder")
        p.add_coder("budi")  # a coder without an account
    return path


@pytest.fixture
def clock() -> Clock:
    return Clock()


def opened(path: Path, clock: Clock) -> Project:
    project = Project.open(path)
    project.clock = clock
    return project


def fail(project: Project, name: str, client: str | None = "10.0.0.7", times: int = 1) -> list[AuthenticationError]:
    """``times`` failed sign-ins of ``name`` from ``client``; their errors."""
    errors = []
    for _ in range(times):
        with pytest.raises(AuthenticationError) as info:
            project.sign_in(name, WRONG, client)
        errors.append(info.value)
    return errors


def locked(error: AuthenticationError, minutes: int) -> bool:
    return error.key == "err_sign_in_locked" and str(error) == \
        f"too many failed sign-ins; try again in {minutes} minute{'' if minutes == 1 else 's'}"


def records(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT at, name, client, method, outcome FROM sign_ins ORDER BY id").fetchall()
    finally:
        conn.close()


def test_the_limits_are_documented():
    guide = (Path(__file__).resolve().parent.parent / "docs" / "user-guide.md").read_text(encoding="utf-8")
    assert f"{MAX_FAILURES_PER_NAME} failed sign-ins" in guide
    assert f"{MAX_FAILURES_PER_CLIENT} failed sign-ins" in guide
    assert f"{int(FAILURE_WINDOW.total_seconds() // 60)} minutes" in guide
    assert f"{accounts.DEFAULT_IDLE_MINUTES} minutes" in guide
    assert [int(accounts.lock_duration(n).total_seconds() // 60) for n in (1, 2, 3)] == [15, 30, 60]
    assert accounts.lock_duration(40) == accounts.LONGEST_LOCK


def test_failures_lock_the_account_even_for_the_right_password(team: Path, clock: Clock):
    with opened(team, clock) as p:
        errors = fail(p, "rina", times=MAX_FAILURES_PER_NAME)
        assert [e.key for e in errors[:-1]] == ["err_wrong_password"] * (MAX_FAILURES_PER_NAME - 1)
        assert locked(errors[-1], 15)  # the failure that locks says so at once
        clock.advance(timedelta(minutes=5))
        with pytest.raises(AuthenticationError) as info:
            p.sign_in("rina", "rina-secret", "10.0.0.7")
        assert locked(info.value, 10)
        with pytest.raises(AuthenticationError) as info:  # from another address too: the name is locked
            p.sign_in("rina", "rina-secret", "192.168.1.20")
        assert locked(info.value, 10)
        assert p.user is None
        # other accounts are not affected, from the same address
        assert p.sign_in("ana", "ana-secret-1", "10.0.0.7") == "admin"
    assert [r[4] for r in records(team)] == ["wrong_password"] * MAX_FAILURES_PER_NAME + ["locked", "locked", "ok"]


def test_fewer_failures_or_failures_spread_out_do_not_lock(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "rina", times=MAX_FAILURES_PER_NAME - 1)
        clock.advance(FAILURE_WINDOW + timedelta(seconds=1))  # the first ones have left the window
        errors = fail(p, "rina", times=MAX_FAILURES_PER_NAME - 1)
        assert {e.key for e in errors} == {"err_wrong_password"}
        assert p.sign_in("rina", "rina-secret", "10.0.0.7") == "coder"


def test_a_successful_sign_in_starts_the_count_afresh(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "rina", times=MAX_FAILURES_PER_NAME - 1)
        p.sign_in("rina", "rina-secret", "10.0.0.7")
        errors = fail(p, "rina", times=MAX_FAILURES_PER_NAME - 1)
        assert {e.key for e in errors} == {"err_wrong_password"}


def test_the_lock_ends_after_its_delay_and_the_next_one_lasts_twice_as_long(team: Path, clock: Clock):
    with opened(team, clock) as p:
        assert locked(fail(p, "rina", times=MAX_FAILURES_PER_NAME)[-1], 15)
        clock.advance(FIRST_LOCK - timedelta(seconds=1))
        with pytest.raises(AuthenticationError) as info:
            p.sign_in("rina", "rina-secret", "10.0.0.7")
        assert locked(info.value, 1)
        clock.advance(timedelta(seconds=1))
        # the lock is over: guessing may go on, and the next lock lasts 30 minutes, then 60
        assert locked(fail(p, "rina", times=MAX_FAILURES_PER_NAME)[-1], 30)
        clock.advance(timedelta(minutes=30))
        assert locked(fail(p, "rina", times=MAX_FAILURES_PER_NAME)[-1], 60)
        assert p.sign_in_locks().to_dict("records") == [
            {"kind": "name", "subject": "rina", "locks": 3,
             "locked_until": (clock.now + timedelta(hours=1)).isoformat()}]
        clock.advance(timedelta(hours=1))
        assert p.sign_in("rina", "rina-secret", "10.0.0.7") == "coder"
        # a success forgets the earlier locks: the next lock is the first again
        assert locked(fail(p, "rina", times=MAX_FAILURES_PER_NAME)[-1], 15)


def test_locks_long_past_are_forgotten(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "nobody", times=MAX_FAILURES_PER_NAME)
        clock.advance(FIRST_LOCK + accounts.LOCKS_FORGOTTEN_AFTER + timedelta(minutes=1))
        assert locked(fail(p, "nobody", times=MAX_FAILURES_PER_NAME)[-1], 15)


@pytest.mark.parametrize("unknown", ["nobody", "budi", "Rina"])
def test_unknown_names_lock_like_accounts_with_the_same_messages(team: Path, clock: Clock, unknown: str):
    """A name without an account (none at all, a coder without a password, another letter case) gets the same
    message at each step as a real account, so neither the refusals nor the lock tell whether it exists."""
    with opened(team, clock) as p:
        real = [str(e) for e in fail(p, "rina", times=MAX_FAILURES_PER_NAME + 1)]
        other = [str(e) for e in fail(p, unknown, times=MAX_FAILURES_PER_NAME + 1)]
    assert other == real
    outcomes = [r[4] for r in records(team) if r[1] == unknown]
    assert outcomes == [{"budi": "no_account"}.get(unknown, "unknown_name")] * MAX_FAILURES_PER_NAME + ["locked"]


def test_a_client_failing_across_names_is_locked(team: Path, clock: Clock):
    with opened(team, clock) as p:
        names = [f"guess{i}" for i in range(MAX_FAILURES_PER_CLIENT)]
        errors = [fail(p, name, "203.0.113.9")[0] for name in names]  # one try per name: no name is locked
        assert {e.key for e in errors[:-1]} == {"err_wrong_password"}
        assert locked(errors[-1], 15)
        with pytest.raises(AuthenticationError) as info:  # the address is locked, for every name
            p.sign_in("ana", "ana-secret-1", "203.0.113.9")
        assert locked(info.value, 15)
        assert p.sign_in("ana", "ana-secret-1", "198.51.100.4") == "admin"  # another address is not
        assert p.sign_in_locked_until("guess0") is None
        assert p.sign_in_locked_until("anyone", "203.0.113.9") == START + FIRST_LOCK


def test_an_unknown_address_is_never_locked_alone(team: Path, clock: Clock):
    """Without an address (this computer; or every user behind a local reverse proxy) only names lock."""
    with opened(team, clock) as p:
        for i in range(MAX_FAILURES_PER_CLIENT + 1):
            assert fail(p, f"guess{i}", client=None)[0].key == "err_wrong_password"
        assert p.sign_in("ana", "ana-secret-1") == "admin"


def test_the_lock_holds_across_opened_projects(team: Path, clock: Clock):
    """The lock lives in the project file: another process (another connection) sees it."""
    with opened(team, clock) as first:
        fail(first, "rina", times=MAX_FAILURES_PER_NAME)
    with opened(team, clock) as second, pytest.raises(AuthenticationError) as info:
        second.sign_in("rina", "rina-secret")
    assert locked(info.value, 15)


def test_every_attempt_is_recorded_without_the_password(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "rina", "10.0.0.7")
        clock.advance(timedelta(seconds=30))
        p.sign_in("  rina ", "rina-secret", "10.0.0.7")
        p.record_sign_in("ana@univ.example", "10.0.0.8", "unknown_email", method="oidc")
    assert records(team) == [
        ("2026-03-02T08:00:00+00:00", "rina", "10.0.0.7", "password", "wrong_password"),
        ("2026-03-02T08:00:30+00:00", "rina", "10.0.0.7", "password", "ok"),
        ("2026-03-02T08:00:30+00:00", "ana@univ.example", "10.0.0.8", "oidc", "unknown_email"),
    ]
    stored = team.read_bytes()  # every connection is closed: the WAL is in the file
    assert WRONG.encode() not in stored and b"rina-secret" not in stored


def test_failures_recorded_by_another_method_count_too(team: Path, clock: Clock):
    with opened(team, clock) as p:
        ends = [p.record_sign_in("rina", "10.0.0.7", "no_email", method="oidc") for _ in range(MAX_FAILURES_PER_NAME)]
        assert ends == [None] * (MAX_FAILURES_PER_NAME - 1) + [START + FIRST_LOCK]
        with pytest.raises(AuthenticationError) as info:
            p.sign_in("rina", "rina-secret")
        assert locked(info.value, 15)


def test_the_record_and_unlock_are_for_admins_only(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "rina", times=MAX_FAILURES_PER_NAME)
        clock.advance(FIRST_LOCK)
        p.sign_in("rina", "rina-secret")
        for call in (p.sign_ins, p.sign_in_locks, lambda: p.unlock("rina")):
            with pytest.raises(PermissionDeniedError):
                call()
    with Project.open(team, user="ana") as admin:
        assert len(admin.sign_ins()) == MAX_FAILURES_PER_NAME + 1


def test_unlock_through_the_api_is_recorded_in_the_history(team: Path, clock: Clock):
    with opened(team, clock) as p:
        fail(p, "rina", times=MAX_FAILURES_PER_NAME)
    with Project.open(team, user="ana") as admin:
        admin.clock = clock
        assert admin.unlock("rina") is True
        assert admin.unlock("rina") is False
        assert admin.sign_in("rina", "rina-secret") == "coder"
        event = admin.history(limit=1).iloc[0]
    assert (event["actor"], event["action"]) == ("ana", "user.unlock")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_users_unlock_on_the_command_line(team: Path, clock: Clock):
    clock.now = datetime.now(UTC)  # the CLI runs at the real time: the locks must be in force then
    with opened(team, clock) as p:
        fail(p, "rina", times=MAX_FAILURES_PER_NAME)
        for i in range(MAX_FAILURES_PER_CLIENT):
            fail(p, f"guess{i}", "203.0.113.9")
    unlocked = run("users", "unlock", str(team), "rina")
    assert unlocked.exit_code == 0, unlocked.output
    assert unlocked.output.strip() == "unlocked rina"
    with opened(team, clock) as p:
        assert p.sign_in("rina", "rina-secret") == "coder"
        with pytest.raises(AuthenticationError) as info:
            p.sign_in("ana", "ana-secret-1", "203.0.113.9")
        assert info.value.key == "err_sign_in_locked"
    assert run("users", "unlock", str(team), "--client", "203.0.113.9").output.strip() == "unlocked client 203.0.113.9"
    with opened(team, clock) as p:
        assert p.sign_in("ana", "ana-secret-1", "203.0.113.9") == "admin"
    again = run("users", "unlock", str(team), "rina")
    assert again.exit_code == 0 and "rina was not locked" in again.output
    neither = run("users", "unlock", str(team))
    assert neither.exit_code == 2 and "give either NAME or --client ADDRESS" in neither.output
    listed = run("users", "sign-ins", str(team), "--limit", "3").output.splitlines()
    assert listed[0].split("\t")[1:] == ["ana", "203.0.113.9", "password", "ok"]
    # rina signed in from this computer (no address): the address column is empty, not "nan"
    assert listed[2].split("\t")[1:] == ["rina", "", "password", "ok"]
    with Project.open(team) as p:
        actions = list(p.history(limit=5)["action"])
    assert actions[:3] == ["user.unlock"] * 3
