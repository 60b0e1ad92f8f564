"""Institutional sign-in (OpenID Connect): who a provider's identity is in a project.

The identity provider (a university's or organisation's sign-in) vouches for an e-mail address; the
project decides who that is and what they may do. An identity signs in as the one account whose
e-mail is the ``email`` claim, compared without regard to letter case and otherwise exactly (no
domain or alias rules), and only when the provider does not say the address is unverified. The
role is the account's role in the project. An identity without such an account is refused: no
account is ever made from a sign-in.

The front end hands over the claims of the provider's ID token as a mapping (Streamlit's
``st.user``); this module knows nothing of the front end.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlparse

from .errors import AuthenticationError

# the keys of a provider's settings in Streamlit's [auth] secrets section
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


class AccountsByEmail(Protocol):
    def account_for_email(self, email: str) -> dict | None: ...


@dataclass(frozen=True)
class OidcAccount:
    """The project account an identity signs in as, with the e-mail the provider gave."""

    name: str
    role: str
    email: str


@dataclass(frozen=True)
class OidcProvider:
    """The provider to sign in with: ``key`` as ``st.login`` takes it (None: the unnamed one), and ``label``,
    the name the sign-in button shows."""

    key: str | None
    label: str


def account_for_claims(project: AccountsByEmail, claims: Mapping[str, Any], *, now: float | None = None) -> OidcAccount:
    """The account of ``project`` that the identity ``claims`` signs in as.

    With ``now`` (seconds since the epoch), an identity whose ID token expired (its ``exp`` claim) is not
    taken: Streamlit keeps the identity in a cookie for 30 days and does not check that itself.

    Raises AuthenticationError, whose ``key`` is the reason: ``err_oidc_signed_out`` (no identity),
    ``err_oidc_expired`` (the token expired), ``err_oidc_no_email`` (the provider gave no e-mail),
    ``err_oidc_unverified`` (its ``email_verified`` claim is there and not true) or ``err_oidc_no_account``
    (no account has that e-mail).

    Example
    -------
    >>> class Accounts:
    ...     def account_for_email(self, email):
    ...         return {"name": "ana", "role": "coder", "email": "ana@univ.example"} if email == "ana@univ.example" \\
    ...             else None
    >>> account_for_claims(Accounts(), {"is_logged_in": True, "email": "ana@univ.example", "email_verified": True})
    OidcAccount(name='ana', role='coder', email='ana@univ.example')
    """
    if not claims.get("is_logged_in"):
        raise AuthenticationError("not signed in with the identity provider", key="err_oidc_signed_out")
    expires = claims.get("exp")
    if now is not None and isinstance(expires, int | float) and not isinstance(expires, bool) and expires <= now:
        raise AuthenticationError("the sign-in with the identity provider has expired; sign in again",
                                  key="err_oidc_expired")
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip():
        raise AuthenticationError("the identity provider gave no e-mail address; ask its administrator to release "
                                  "the 'email' claim to this app", key="err_oidc_no_email")
    email = email.strip()
    if "email_verified" in claims and not _true(claims["email_verified"]):
        raise AuthenticationError(f"the identity provider has not verified the e-mail {email}",
                                  key="err_oidc_unverified", email=email)
    account = project.account_for_email(email)
    if account is None:
        raise AuthenticationError(f"no account of this project has the e-mail {email}; an admin can add it with "
                                  "`qualcode users set-email`", key="err_oidc_no_account", email=email)
    return OidcAccount(name=account["name"], role=account["role"], email=email)


def provider_from_auth(auth: Mapping[str, Any], label: str | None = None) -> OidcProvider | None:
    """The provider that Streamlit's ``[auth]`` secrets section configures, or None when it configures none.

    The unnamed provider (its settings directly in ``[auth]``) comes first, else the first named one
    (``[auth.NAME]``). ``label`` is the name to show; without it, a named provider shows its name and the
    unnamed one the host of its ``server_metadata_url``.

    Example
    -------
    >>> provider_from_auth({"redirect_uri": "...", "client_id": "x",
    ...                     "server_metadata_url": "https://login.univ.example/.well-known/openid-configuration"})
    OidcProvider(key=None, label='login.univ.example')
    >>> provider_from_auth({"redirect_uri": "...", "univ": {"client_id": "x"}}, "Universitas Contoh")
    OidcProvider(key='univ', label='Universitas Contoh')
    """
    label = str(label).strip() if label else None
    if any(key in auth for key in PROVIDER_KEYS):
        host = urlparse(str(auth.get("server_metadata_url") or "")).hostname
        return OidcProvider(None, label or host or "OpenID Connect")
    for key, section in auth.items():
        if isinstance(section, Mapping) and any(k in section for k in PROVIDER_KEYS):
            return OidcProvider(str(key), label or str(key))
    return None


def _true(value: object) -> bool:
    """A claim's truth: JSON true, or the string "true" that some providers send."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")
