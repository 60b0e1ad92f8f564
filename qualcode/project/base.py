"""The base every part of :class:`qualcode.project.Project` builds on: the store, the acting user, the
permission check, and the lookups that turn a key into a row or a clear error.

A Project opened with ``user=`` acts for that signed-in user: every write is recorded under
their name and every action is checked against their role here, in the API, so no front end
can skip a check (see :mod:`qualcode.accounts` for the roles). A Project opened without a user
(the single-user app, the command line on one's own file) may do everything. The role is read
from the file at each check, so an admin's change of role takes effect at once.

Each concern of the project (:mod:`.core`, :mod:`.codings`, :mod:`.codebook_edit`, :mod:`.analysis`,
:mod:`.agreement`, :mod:`.suggestions`, :mod:`.history`, :mod:`.accounts`) is a subclass of
:class:`ProjectBase`, or of the concern it builds on, so what it calls is defined where it inherits it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from .. import accounts
from ..errors import DuplicateError, InputError, NotFoundError, PermissionDeniedError, Term, unknown_message
from ..store import Store

F = TypeVar("F", bound=Callable[..., Any])
CODER_ROLES = ("coder", "supervisor", "admin", "consensus")
BLIND_KEY = "blind_coding"


def requires(permission: str) -> Callable[[F], F]:
    """Decorate a Project method so that it first checks the signed-in user's ``permission``."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def checked(self: ProjectBase, *args: Any, **kwargs: Any) -> Any:
            self.require(permission)
            return method(self, *args, **kwargs)

        return checked  # type: ignore[return-value]

    return wrap


def required(value: Any, what: str) -> str:
    """``value`` as trimmed text; InputError naming ``what`` when it is empty."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise InputError(f"{what} is empty", key="err_empty", what=what)
    return text


def abbreviate(items: list[str], limit: int = 12) -> str:
    """The known values an error lists: all of them, or the first ``limit`` and how many there are.

    Example
    -------
    >>> abbreviate(["E1", "E2", "E3"], limit=2)
    'E1, E2 ... (3 in all)'
    """
    if not items:
        return Term("none yet", "err_none_yet")
    if len(items) <= limit:
        return ", ".join(items)
    shown = ", ".join(items[:limit])
    return Term(f"{shown} ... ({len(items)} in all)", "err_abbreviated", shown=shown, n=len(items))


class ProjectBase:
    """A project file's store, who acts on it, and what they may do."""

    _user: str | None = None

    def __init__(self, store: Store) -> None:
        self.store = store

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
        """Act for the user ``name`` from now on (an account: a role, and a password or an e-mail).

        Raises NotFoundError for an unknown name, PermissionDeniedError for a coder without an
        account (no password set, or a role such as ``consensus`` that cannot sign in).
        """
        row = self._coder(name)
        if not self._is_account(row):
            raise PermissionDeniedError(f"'{row['name']}' has no account in this project; an admin can add one "
                                        "with `qualcode users add`", key="err_no_account", user=row["name"])
        self._user = str(row["name"])
        self.store.actor = self._user

    def _is_account(self, row: dict) -> bool:
        """Whether the coder ``row`` can sign in: a role that may, and a password or an e-mail."""
        return row["role"] in accounts.ROLES and self.store.can_sign_in(row["name"])

    # -- what they may do ----------------------------------------------------------

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

    def blind_coding(self) -> bool:
        """Whether blind coding is on (off by default)."""
        return bool(self.store.get_meta(BLIND_KEY, False))

    def _visible_coders(self, coders: Iterable[str] | None) -> list[str] | None:
        """The coders whose codings the user may read: with blind coding on, a coder sees only their own."""
        if self._user is None or not self.blind_coding() or self.may("see_all_codings"):
            return None if coders is None else list(coders)
        asked = None if coders is None else [str(c).strip() for c in coders]
        if asked is not None and set(asked) - {self._user}:
            self.require("see_all_codings")
        return [self._user]

    # -- coders: everyone a call names as having done something -------------------

    def _add_coder(self, name: str, role: str = "coder") -> int:
        name = required(name, Term("coder name", "term_coder_name"))
        if role not in CODER_ROLES:
            raise InputError(unknown_message("coder role", role, CODER_ROLES),
                             key="err_unknown_coder_role", role=role, allowed=", ".join(CODER_ROLES))
        with self.store.atomic():
            if self.store.coder_by_name(name):
                raise DuplicateError(f"coder '{name}' already exists", key="err_duplicate_coder", coder=name)
            cid = self.store.insert_coder(name, role)
            self.store.log_event(name, "coder.add", {"name": name, "role": role})
        return cid

    def ensure_coder(self, name: str, role: str = "coder") -> int:
        """The id of the coder ``name``, who is added with ``role`` when new."""
        row = self.store.coder_by_name(name.strip()) if name else None
        if row:  # the usual case: no write lock needed
            return row["id"]
        with self.store.atomic():  # look again under the lock: another writer may have added the name
            row = self.store.coder_by_name(name.strip()) if name else None
            return row["id"] if row else self._add_coder(name, role)

    # -- lookups that raise clear errors -----------------------------------------

    def _group(self, key: str) -> dict:
        row = self.store.group_by_key(str(key).strip())
        if row is None:
            known = ", ".join(g["key"] for g in self.store.groups()) or Term("none yet", "err_none_yet")
            raise NotFoundError(unknown_message("group", key, known, listed="known"), key="err_unknown_group",
                                group=key, known=known)
        return row

    def _informant(self, key: str) -> dict:
        row = self.store.informant_by_key(str(key).strip())
        if row is None:
            known = [i["key"] for i in self.store.informants()]
            raise NotFoundError(unknown_message("informant", key, abbreviate(known), listed="known"),
                                key="err_unknown_informant", informant=key, known=abbreviate(known))
        return row

    def _code(self, key: str) -> dict:
        row = self.store.code_by_key(str(key).strip())
        if row is None:
            known = abbreviate(self.store.code_keys())
            raise NotFoundError(unknown_message("code", key, known, listed="known"), key="err_unknown_code",
                                code=key, known=known)
        return row

    def _coder_by_id(self, coder_id: int) -> dict | None:
        return next((c for c in self.store.coders() if c["id"] == coder_id), None)

    def _coder(self, name: str) -> dict:
        row = self.store.coder_by_name(str(name).strip())
        if row is None:
            known = ", ".join(c["name"] for c in self.store.coders()) or Term("none yet", "err_none_yet")
            raise NotFoundError(unknown_message("coder", name, known, listed="known"), key="err_unknown_coder",
                                coder=name, known=known)
        return row
