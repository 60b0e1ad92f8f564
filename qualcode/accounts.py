"""User accounts of a shared server: password hashing and what each role may do.

Passwords are hashed with scrypt (``hashlib.scrypt``, memory-hard: 2**14 x 8 x 128 bytes =
16 MiB per hash) and a random 16-byte salt; only the hash is stored, as
``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``, so the cost can be raised later without
breaking old hashes.

Roles, from least to most:

- ``coder``: codes as themselves, edits and deletes only their own codings, sees only their
  own codings when blind coding is on, trains and reviews suggestions as themselves, marks the
  documents assigned to them done;
- ``supervisor``: also sees every coding, edits anyone's codings, reconciles disagreements,
  records triangulation verdicts and framework summaries, exports tables, turns blind coding
  on and off, assigns documents to coders;
- ``admin``: also manages accounts, the codebook and imports (documents, informants, groups,
  REFI-QDA).

Without a signed-in user (the single-user app and the command line on one's own file) every
action is allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets
from datetime import datetime, timedelta

from .errors import InputError, Term, unknown_message

ROLES = ("coder", "supervisor", "admin")
MIN_PASSWORD_LENGTH = 8
_N, _R, _P = 2**14, 8, 1

# Throttling of sign-in guesses (docs/user-guide.md, "Signing in"). MAX_FAILURES_PER_NAME failed sign-ins
# for one user name as typed (an account or not: unknown names lock alike, so a lock tells nobody whether
# a name exists), or MAX_FAILURES_PER_CLIENT from one client address across names, within FAILURE_WINDOW,
# lock that name or address for FIRST_LOCK; each further lock lasts twice as long, up to LONGEST_LOCK.
# A successful sign-in or `qualcode users unlock` starts a name afresh, and a lock that ended more than
# LOCKS_FORGOTTEN_AFTER ago no longer lengthens the next one.
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)
FIRST_LOCK = timedelta(minutes=15)
LONGEST_LOCK = timedelta(hours=24)
LOCKS_FORGOTTEN_AFTER = timedelta(hours=24)
# A served app signs a user out after this much time without a click (`qualcode serve --idle-minutes`).
DEFAULT_IDLE_MINUTES = 30

# Outcomes of a sign-in as recorded; every outcome but OK and LOCKED counts as a failure.
OK, LOCKED = "ok", "locked"
WRONG_PASSWORD, UNKNOWN_NAME, NO_ACCOUNT = "wrong_password", "unknown_name", "no_account"

# permission -> the roles that have it, and what the refusal message calls the action
PERMISSIONS: dict[str, tuple[frozenset[str], str]] = {
    "code": (frozenset(ROLES), "code passages"),
    "edit_any_coding": (frozenset({"supervisor", "admin"}), "change or delete another coder's codings"),
    "see_all_codings": (frozenset({"supervisor", "admin"}), "see other coders' codings while coding is blind"),
    "reconcile": (frozenset({"supervisor", "admin"}), "reconcile disagreements"),
    "assign": (frozenset({"supervisor", "admin"}), "assign documents to coders"),
    "verdict": (frozenset({"supervisor", "admin"}), "record triangulation verdicts"),
    "summary": (frozenset({"supervisor", "admin"}), "write framework summaries"),
    "export": (frozenset({"supervisor", "admin"}), "export tables"),
    "settings": (frozenset({"supervisor", "admin"}), "change project settings"),
    "codebook": (frozenset({"admin"}), "edit the codebook"),
    "import": (frozenset({"admin"}), "import documents, informants or groups"),
    "accounts": (frozenset({"admin"}), "manage user accounts"),
}


def allowed(role: str | None, permission: str) -> bool:
    """Whether ``role`` has ``permission``; ``None`` (no signed-in user) has every permission."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission '{permission}'")
    return role is None or role in PERMISSIONS[permission][0]


def describe(permission: str) -> str:
    """The action a permission allows, in words for a refusal message."""
    return PERMISSIONS[permission][1]


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InputError(unknown_message("role", role, ROLES), key="err_unknown_role", role=role,
                         allowed=", ".join(ROLES))
    return role


def check_password(password: str, name: str | None = None) -> str:
    """The password if it is acceptable; InputError otherwise (the message never repeats it). With ``name``,
    the user's own name (or it backwards) is refused too, whatever its length."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InputError(f"password: at least {MIN_PASSWORD_LENGTH} characters are needed", key="err_password_short",
                         n=MIN_PASSWORD_LENGTH)
    if password.strip() != password:
        raise InputError("password: must not begin or end with a space", key="err_password_space")
    if name and password.casefold() in (name.strip().casefold(), name.strip().casefold()[::-1]):
        raise InputError("password: must not be the user name", key="err_password_name")
    return password


def hash_password(password: str) -> str:
    """A salted scrypt hash of ``password`` in the stored format."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Whether ``password`` matches a stored hash (constant-time comparison); False for no or a malformed hash."""
    if not stored:
        return False
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(bytes.fromhex(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, bytes.fromhex(digest))


def lock_duration(locks: int) -> timedelta:
    """How long the ``locks``-th lock in a row lasts: FIRST_LOCK, doubling each time, at most LONGEST_LOCK.

    Example
    -------
    >>> [int(lock_duration(n).total_seconds() // 60) for n in (1, 2, 3)]
    [15, 30, 60]
    """
    doubled = FIRST_LOCK * 2 ** min(max(locks - 1, 0), 32)  # the cap keeps the factor finite
    return min(doubled, LONGEST_LOCK)


def minutes_left(until: datetime, now: datetime) -> int:
    """Whole minutes from ``now`` until ``until``, rounded up (a lock with 10 s left says 1 minute)."""
    return max(1, math.ceil((until - now).total_seconds() / 60))


# one @, something before it, a dotted domain after it, no blanks or control characters: enough to catch a
# typo or a name typed in the wrong field; whether the address exists is the sign-in provider's concern
_EMAIL = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f.]+(\.[^@\s\x00-\x1f\x7f.]+)+")
MAX_EMAIL_LENGTH = 254  # RFC 5321's limit on a forward path


def check_email(email: str) -> str:
    """An account's e-mail as stored and matched: trimmed and in lower case (addresses are matched without
    regard to case). InputError naming the field when it is not an e-mail address.

    Example
    -------
    >>> check_email(" Ana.Lestari@Univ.example ")
    'ana.lestari@univ.example'
    """
    text = str(email or "").strip()
    if not text:
        raise InputError("e-mail is empty", key="err_empty", what=Term("e-mail", "term_email"))
    if len(text) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(text):
        raise InputError(f"e-mail: '{text[:80]}' is not an e-mail address (like name@university.example)",
                         key="err_email", email=text[:80])
    return text.lower()

