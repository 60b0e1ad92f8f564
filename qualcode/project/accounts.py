"""User accounts and signing in: methods of a Project.

Who acts and what they may do (the signed-in user, the permission check) is :mod:`.base`, which
:class:`ProjectAccounts` builds on; here are the accounts themselves and the way in.

Signing in is throttled and recorded in the project file: every attempt is kept (never the
password), and too many failures lock the name typed and the client address for a while
(the numbers are in :mod:`qualcode.accounts`).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

import pandas as pd

from .. import accounts
from ..errors import AuthenticationError, DuplicateError, InputError, NotFoundError, Term
from .base import ProjectBase, requires

SIGN_IN_COLUMNS = ["at", "name", "client", "method", "outcome"]
MAX_RECORDED_NAME = 200  # of a name or address as typed: the record is no store for whatever is pasted
USER_COLUMNS = ["name", "role", "can_sign_in", "codings", "email"]


class ProjectAccounts(ProjectBase):
    """Accounts, signing in, and the record and locks of sign-ins."""

    # -- the way in ----------------------------------------------------------------

    def sign_in(self, name: str, password: str, client: str | None = None) -> str:
        """Check ``name`` and ``password`` and act for that user; returns their role.

        ``client`` is the address the attempt comes from (None when unknown, e.g. this computer). One
        transaction checks the locks, the password, and records the attempt (see :meth:`record_sign_in`).
        Raises AuthenticationError, the same for an unknown name as for a wrong password; while the name or
        the client is locked (too many failures, :data:`qualcode.accounts.MAX_FAILURES_PER_NAME`), the error
        says when to try again, whatever the password, again alike for names that exist and names that do not.
        """
        name, client, now = _typed(name), _client(client), self.clock()
        role = None
        with self.store.atomic():
            until = self._locked_until(name, client, now)
            if until is not None:
                # Locked: the password is not even checked, so guessing on learns nothing, right or wrong.
                outcome = accounts.LOCKED
            else:
                row = self.store.coder_by_name(name) if name else None
                stored = self.store.password_hash(name) if row else None
                # hash even for an unknown name, so the time taken does not tell which names exist
                matches = accounts.verify_password(str(password or ""), stored or _dummy_hash())
                if row is None:
                    outcome = accounts.UNKNOWN_NAME
                elif stored is None or row["role"] not in accounts.ROLES:
                    outcome = accounts.NO_ACCOUNT
                elif not matches:
                    outcome = accounts.WRONG_PASSWORD
                else:
                    outcome, role = accounts.OK, str(row["role"])
            until = self._record_sign_in(name, client, outcome, "password", now) or until
        if role is None:
            raise _refusal(until, now)
        self.act_as(name)
        return role

    # -- the record of sign-ins, and the locks that throttle guessing --------------

    @staticmethod
    def clock() -> datetime:
        """The current time (UTC) for sign-in records and locks; a test sets another clock on a project."""
        return datetime.now(UTC)

    def record_sign_in(self, name: str, client: str | None, outcome: str, method: str = "password") -> datetime | None:
        """Record a sign-in (``outcome`` "ok") or a failed one ("wrong_password", "unknown_name", "no_account",
        "locked", or another word of the sign-in ``method``) of the user ``name`` as typed, from the client
        address ``client`` (None: unknown); never a password. Every outcome but "ok" and "locked" counts
        towards locking the name and the client; "ok" starts the name afresh.

        Returns the time until which this failure locked the name or the client (None if it did not).
        Front ends that verify a user themselves (institutional sign-in) call this for each attempt, and
        :meth:`sign_in_locked_until` before it.
        """
        outcome, method = str(outcome or "").strip(), str(method or "").strip()
        if not outcome or not method:
            raise InputError("sign-in outcome and method may not be empty", key="err_empty",
                             what=Term("sign-in outcome", "term_sign_in_outcome"))
        with self.store.atomic():
            return self._record_sign_in(_typed(name), _client(client), outcome, method, self.clock())

    def sign_in_locked_until(self, name: str, client: str | None = None) -> datetime | None:
        """Until when sign-in as ``name`` (as typed) or from ``client`` is locked, or None when it is not."""
        return self._locked_until(_typed(name), _client(client), self.clock())

    @requires("accounts")
    def unlock(self, name: str | None = None, *, client: str | None = None) -> bool:
        """Lift the lock of the user name ``name`` (an account or not) and/or of the client address ``client``, and
        forget their failed sign-ins so far; recorded in the history. Returns whether a lock was in force."""
        targets = [(kind, subject) for kind, subject in (("name", _typed(name) if name is not None else None),
                                                         ("client", _client(client))) if subject]
        if not targets:
            raise InputError("unlock: give a user name or a client address", key="err_empty",
                             what=Term("user name", "term_user_name"))
        was_locked = False
        with self.store.atomic():
            for kind, subject in targets:
                row = self.store.sign_in_lock(kind, subject)
                locked = row is not None and row["locked_until"] is not None and \
                    _parse(row["locked_until"]) > self.clock()
                self.store.save_sign_in_lock(kind, subject, locks=0, locked_until=None,
                                             counts_after=self.store.last_sign_in_id())
                self.store.log_event(None, "user.unlock", {kind: subject, "was_locked": locked})
                was_locked = was_locked or locked
        return was_locked

    @requires("accounts")
    def sign_ins(self, limit: int = 200) -> pd.DataFrame:
        """The latest ``limit`` sign-ins and failed sign-ins, newest first: when (UTC), the name as typed, the
        client address (empty: unknown or this computer), the method and the outcome."""
        return pd.DataFrame(self.store.sign_ins(int(limit)), columns=SIGN_IN_COLUMNS)

    @requires("accounts")
    def sign_in_locks(self) -> pd.DataFrame:
        """The locks in force now: ``kind`` ("name" or "client"), ``subject``, ``locks`` (in a row) and
        ``locked_until`` (UTC)."""
        rows = self.store.sign_in_locks_until_after(_stamp(self.clock()))
        return pd.DataFrame(rows, columns=["kind", "subject", "locks", "locked_until"])

    def _locked_until(self, name: str, client: str | None, now: datetime) -> datetime | None:
        ends = []
        for kind, subject in (("name", name), ("client", client)):
            row = self.store.sign_in_lock(kind, subject) if subject is not None else None
            if row is not None and row["locked_until"] is not None and _parse(row["locked_until"]) > now:
                ends.append(_parse(row["locked_until"]))
        return max(ends, default=None)

    def _record_sign_in(self, name: str, client: str | None, outcome: str, method: str,
                        now: datetime) -> datetime | None:
        """Insert the record and update the locks (inside the caller's transaction); the new lock's end."""
        record_id = self.store.insert_sign_in(_stamp(now), name, client, method, outcome)
        if outcome == accounts.OK:
            self.store.save_sign_in_lock("name", name, locks=0, locked_until=None, counts_after=record_id)
            return None
        if outcome == accounts.LOCKED:
            return None
        ends = []
        for kind, subject, limit in (("name", name, accounts.MAX_FAILURES_PER_NAME),
                                     ("client", client, accounts.MAX_FAILURES_PER_CLIENT)):
            if subject is None:  # an unknown address (this computer, or behind a proxy): no lock for it alone
                continue
            row = self.store.sign_in_lock(kind, subject) or {"locks": 0, "locked_until": None, "counts_after": 0}
            failures = self.store.sign_in_failures(kind, subject, since=_stamp(now - accounts.FAILURE_WINDOW),
                                                   after_id=row["counts_after"],
                                                   not_failures=(accounts.OK, accounts.LOCKED))
            if failures < limit:
                continue
            locks = row["locks"]
            if row["locked_until"] and now - _parse(row["locked_until"]) > accounts.LOCKS_FORGOTTEN_AFTER:
                locks = 0
            until = now + accounts.lock_duration(locks + 1)
            # failures up to this one are spent on this lock; counting starts again behind it
            self.store.save_sign_in_lock(kind, subject, locks=locks + 1, locked_until=_stamp(until),
                                         counts_after=record_id)
            ends.append(until)
        return max(ends, default=None)

    # -- accounts ----------------------------------------------------------------

    @requires("accounts")
    def add_user(self, name: str, password: str | None, role: str = "coder", *, email: str | None = None) -> None:
        """Give ``name`` an account (a coder who already coded keeps their codings), with the ``email`` that
        institutional sign-in matches if given; ``password`` None makes an account that signs in only that way.
        Raises DuplicateError when the account or another account's e-mail exists, InputError for a bad role, a
        short password or a malformed e-mail."""
        name = str(name or "").strip()
        if not name:
            raise InputError("user name is empty", key="err_empty", what=Term("user name", "term_user_name"))
        accounts.check_role(role)
        if password is None and email is None:
            raise InputError("password: needed, unless the account signs in with an e-mail (institutional sign-in)",
                             key="err_password_or_email")
        hashed = accounts.hash_password(accounts.check_password(password, name)) if password is not None else None
        if email is not None:
            email = self._free_email(accounts.check_email(email), name)
        row = self.store.coder_by_name(name)
        if row is not None and self._is_account(row):
            raise DuplicateError(f"user '{name}' already has an account; use `qualcode users passwd` to change "
                                 "the password", key="err_duplicate_user", user=name)
        with self.store.atomic():
            coder_id = row["id"] if row is not None else self._add_coder(name, role)
            self.store.set_coder_role(coder_id, role)
            self.store.set_password_hash(coder_id, hashed)
            if email is not None:
                self.store.set_coder_email(coder_id, email)
            self.store.log_event(None, "user.add", {"name": name, "role": role})

    def set_password(self, name: str, password: str) -> None:
        """Change a password: one's own, or anyone's for an admin."""
        row = self._account(name)
        if self._user != row["name"]:
            self.require("accounts")
        hashed = accounts.hash_password(accounts.check_password(password, row["name"]))
        with self.store.atomic():
            self.store.set_password_hash(row["id"], hashed)
            self.store.log_event(None, "user.password", {"name": row["name"]})

    @requires("accounts")
    def set_role(self, name: str, role: str) -> None:
        """Change a user's role. The last admin cannot stop being one."""
        row = self._account(name)
        accounts.check_role(role)
        admins = [u for u in self.store.accounts() if u["role"] == "admin" and u["can_sign_in"]]
        if row["role"] == "admin" and role != "admin" and len(admins) <= 1:
            raise InputError(f"'{row['name']}' is the only admin; make another user admin first",
                             key="err_only_admin", user=row["name"])
        with self.store.atomic():
            self.store.set_coder_role(row["id"], role)
            self.store.log_event(None, "user.role", {"name": row["name"], "before": row["role"], "after": role})

    @requires("accounts")
    def set_email(self, name: str, email: str | None) -> None:
        """Set (or with None or "" remove) the e-mail of the account ``name``: institutional sign-in (OIDC)
        signs in the account whose e-mail the provider vouches for. Raises DuplicateError when another
        account has that e-mail, InputError when it is not an e-mail address."""
        row = self._account(name)
        email = self._free_email(accounts.check_email(email), row["name"]) if email else None
        if email is None and not self.store.password_hash(row["name"]):
            raise InputError(f"'{row['name']}' signs in only by e-mail: set a password before removing it",
                             key="err_email_only_account", user=row["name"])
        with self.store.atomic():
            self.store.set_coder_email(row["id"], email)
            self.store.log_event(None, "user.email", {"name": row["name"]})

    def account_for_email(self, email: str) -> dict | None:
        """The account (``name``, ``role``, ``email``) with the e-mail ``email`` in any letter case, or None
        when no account has it (a coder with a role that cannot sign in is no account)."""
        try:
            email = accounts.check_email(email)
        except InputError:
            return None
        row = self.store.coder_by_email(email)
        if row is None or not self._is_account(row):
            return None
        return {"name": str(row["name"]), "role": str(row["role"]), "email": str(row["email"])}

    def _free_email(self, email: str, name: str) -> str:
        """``email`` unless an account other than ``name`` already has it (DuplicateError)."""
        other = self.store.coder_by_email(email)
        if other is not None and other["name"] != name:
            raise DuplicateError(f"e-mail '{email}' already belongs to user '{other['name']}'",
                                 key="err_duplicate_email", email=email, user=other["name"])
        return email

    def users(self) -> pd.DataFrame:
        """Coders with their role, whether they can sign in, their number of codings and e-mail."""
        frame = pd.DataFrame(self.store.accounts(), columns=USER_COLUMNS)
        frame["can_sign_in"] = frame["can_sign_in"].astype(bool)
        frame["email"] = frame["email"].astype(object).where(frame["email"].notna(), None)  # None, not NaN
        return frame

    def _account(self, name: str) -> dict:
        row = self.store.coder_by_name(str(name or "").strip())
        if row is None or not self._is_account(row):
            raise NotFoundError(f"no user account '{name}'", key="err_unknown_user", user=name)
        return row


def _typed(name: object) -> str:
    """A user name as typed, trimmed, and cut to a length worth keeping in the record."""
    return str(name or "").strip()[:MAX_RECORDED_NAME]


def _client(client: object) -> str | None:
    text = str(client or "").strip()[:MAX_RECORDED_NAME]
    return text or None


def _stamp(moment: datetime) -> str:
    """A time as the project stores it: ISO 8601 in UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def _refusal(until: datetime | None, now: datetime) -> AuthenticationError:
    """The error of a refused sign-in: the same for every name; with a lock, when to try again."""
    if until is None:
        return AuthenticationError("wrong user name or password", key="err_wrong_password")
    minutes = accounts.minutes_left(until, now)
    wait = Term("1 minute", "login_wait_minute") if minutes == 1 else \
        Term(f"{minutes} minutes", "login_wait_minutes", n=minutes)
    return AuthenticationError(f"too many failed sign-ins; try again in {wait}", key="err_sign_in_locked", wait=wait)


@functools.cache
def _dummy_hash() -> str:
    return accounts.hash_password("not a password of anyone")
