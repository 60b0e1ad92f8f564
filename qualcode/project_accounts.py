"""User accounts and authorization: methods of a Project.

A Project opened with ``user=`` acts for that signed-in user: every write is recorded under
their name and every action is checked against their role here, in the API, so no front end
can skip a check (see :mod:`qualcode.accounts` for the roles). A Project opened without a user
(the single-user app, the command line on one's own file) may do everything. The role is read
from the file at each check, so an admin's change of role takes effect at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from . import accounts
from .errors import AuthenticationError, DuplicateError, InputError, NotFoundError, PermissionDeniedError, Term
from .store import Store

F = TypeVar("F", bound=Callable[..., Any])
USER_COLUMNS = ["name", "role", "can_sign_in", "codings"]


def requires(permission: str) -> Callable[[F], F]:
    """Decorate a Project method so that it first checks the signed-in user's ``permission``."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def checked(self: ProjectAccounts, *args: Any, **kwargs: Any) -> Any:
            self.require(permission)
            return method(self, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return wrap


class ProjectAccounts:
    """Accounts and checks of a Project (needs ``self.store``)."""

    store: Store
    _user: str | None = None

    if TYPE_CHECKING:  # provided by Project
        def _coder(self, name: str) -> dict: ...
        def _add_coder(self, name: str, role: str = "coder") -> int: ...
        def blind_coding(self) -> bool: ...

    # -- who is acting -----------------------------------------------------------

    @property
    def user(self) -> str | None:
        """The signed-in user's name, or None when the project is used without accounts."""
        return self._user

    @property
    def role(self) -> str | None:
        """The signed-in user's current role (read from the file), or None without a user."""
        if self._user is None:
            return None
        row = self.store.coder_by_name(self._user)
        if row is None:  # the account was removed meanwhile: nothing is allowed
            raise PermissionDeniedError(f"user '{self._user}' no longer exists in this project", key="err_user_gone",
                                        user=self._user)
        return str(row["role"])

    def act_as(self, name: str) -> None:
        """Act for the user ``name`` from now on (an account with a role and a password).

        Raises NotFoundError for an unknown name, PermissionDeniedError for a coder without an
        account (no password set, or a role such as ``consensus`` that cannot sign in).
        """
        row = self._coder(name)
        if row["role"] not in accounts.ROLES or not self.store.password_hash(row["name"]):
            raise PermissionDeniedError(f"'{row['name']}' has no account in this project; an admin can add one "
                                        "with `qualcode users add`", key="err_no_account", user=row["name"])
        self._user = str(row["name"])
        self.store.actor = self._user

    def sign_in(self, name: str, password: str) -> str:
        """Check ``name`` and ``password`` and act for that user; returns their role.

        Raises AuthenticationError (the same message whether the name or the password was wrong).
        """
        name = str(name or "").strip()
        row = self.store.coder_by_name(name) if name else None
        stored = self.store.password_hash(name) if row else None
        # hash even for an unknown name, so the time taken does not tell which names exist
        matches = accounts.verify_password(str(password or ""), stored or _dummy_hash())
        if row is None or stored is None or not matches or row["role"] not in accounts.ROLES:
            raise AuthenticationError("wrong user name or password", key="err_wrong_password")
        self.act_as(name)
        return str(row["role"])

    def require(self, permission: str) -> None:
        """Raise PermissionDeniedError unless the signed-in user (if any) has ``permission``."""
        role = self.role
        if not accounts.allowed(role, permission):
            action = Term(accounts.describe(permission), f"perm_{permission}")
            raise PermissionDeniedError(f"{self._user} ({role}) may not {action}; ask a supervisor or an admin",
                                        key="err_permission", user=self._user,
                                        role=Term(str(role), f"role_{role}"), action=action)

    def may(self, permission: str) -> bool:
        """Whether the signed-in user (if any) has ``permission``; for front ends to hide what is refused."""
        return accounts.allowed(self.role, permission)

    def _require_coder(self, coder: str) -> None:
        """Acting as ``coder`` (coding, training, reviewing) needs to be that coder, or edit_any_coding."""
        if self._user is not None and str(coder).strip() != self._user:
            self.require("edit_any_coding")

    def _require_coding_owner(self, coder_id: int) -> None:
        if self._user is not None and int(self._coder(self._user)["id"]) != int(coder_id):
            self.require("edit_any_coding")

    def _visible_coders(self, coders: Iterable[str] | None) -> list[str] | None:
        """The coders whose codings the user may read: with blind coding on, a coder sees only their own."""
        if self._user is None or not self.blind_coding() or self.may("see_all_codings"):
            return None if coders is None else list(coders)
        asked = None if coders is None else [str(c).strip() for c in coders]
        if asked is not None and set(asked) - {self._user}:
            self.require("see_all_codings")
        return [self._user]

    # -- accounts ----------------------------------------------------------------

    @requires("accounts")
    def add_user(self, name: str, password: str, role: str = "coder") -> None:
        """Give ``name`` an account (a coder who already coded keeps their codings). Raises DuplicateError
        when the account exists, InputError for a bad role or a short password."""
        name = str(name or "").strip()
        if not name:
            raise InputError("user name is empty", key="err_empty", what=Term("user name", "term_user_name"))
        accounts.check_role(role)
        hashed = accounts.hash_password(accounts.check_password(password, name))
        row = self.store.coder_by_name(name)
        if row is not None and self.store.password_hash(name):
            raise DuplicateError(f"user '{name}' already has an account; use `qualcode users passwd` to change "
                                 "the password", key="err_duplicate_user", user=name)
        with self.store.atomic():
            coder_id = row["id"] if row is not None else self._add_coder(name, role)
            self.store.set_coder_role(coder_id, role)
            self.store.set_password_hash(coder_id, hashed)
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

    def users(self) -> pd.DataFrame:
        """Coders with their role, whether they can sign in, and their number of codings."""
        frame = pd.DataFrame(self.store.accounts(), columns=USER_COLUMNS)
        frame["can_sign_in"] = frame["can_sign_in"].astype(bool)
        return frame

    def _account(self, name: str) -> dict:
        row = self.store.coder_by_name(str(name or "").strip())
        if row is None or not self.store.password_hash(row["name"]):
            raise NotFoundError(f"no user account '{name}'", key="err_unknown_user", user=name)
        return row


@functools.cache
def _dummy_hash() -> str:
    return accounts.hash_password("not a password of anyone")
