"""Institutional sign-in on the login page: OpenID Connect through Streamlit's ``st.login`` / ``st.user`` /
``st.logout``, beside the project's passwords.

It shows only when ``.streamlit/secrets.toml`` has an ``[auth]`` section (docs/user-guide.md, "Institutional
sign-in"). The provider vouches for an e-mail; :func:`qualcode.oidc.account_for_claims` finds the project
account with it, and the role is that account's. Every sign-in and refusal is recorded in the project with
the method "oidc".
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Mapping

import streamlit as st

from qualcode import accounts
from qualcode.errors import AuthenticationError, QualcodeError
from qualcode.oidc import OidcProvider, account_for_claims, provider_from_auth
from qualcode.project import Project

from .state import client_address, error_text, escape_md, project_arg, tr

METHOD = "oidc"
# Set at an institutional sign-in and left by every sign-out (the button, or the idle limit): a login page that
# finds it with nobody signed in ends the provider's identity too, or a reload would sign the user back in.
SIGNED_IN_BY_OIDC = "_signed_in_by_oidc"
REFUSED = "_oidc_refused"  # the identity refused in this session: recorded once, not at every rerun


def oidc_provider() -> OidcProvider | None:
    """The provider the secrets configure ([auth]; the button's label from [qualcode] sign_in_provider), or None."""
    try:
        auth = st.secrets.get("auth")
        ours = st.secrets.get("qualcode")
    except FileNotFoundError:  # no secrets file at all
        return None
    if not isinstance(auth, Mapping):
        return None
    label = ours.get("sign_in_provider") if isinstance(ours, Mapping) else None
    return provider_from_auth(auth, label)


def oidc_sign_in() -> bool:
    """The institutional part of the login page: the provider's button, or the sign-in (or refusal) of the
    identity the provider has vouched for. Nothing without an [auth] section; returns whether it showed."""
    provider = oidc_provider()
    if provider is None:
        return False
    if importlib.util.find_spec("authlib") is None:
        st.warning(tr("oidc_needs_authlib"))
        return True
    if st.session_state.pop(SIGNED_IN_BY_OIDC, False):
        st.logout()  # signed out here by the idle limit: drop the provider's identity as well
        return True
    if not st.user.get("is_logged_in"):
        _provider_button(provider)
    elif _take_identity(provider):
        st.rerun()
    return True


def oidc_sign_out() -> None:
    """Part of signing out: a user signed in through the provider leaves the provider's identity too."""
    if st.session_state.pop(SIGNED_IN_BY_OIDC, False):
        st.logout()


def _take_identity(provider: OidcProvider) -> bool:
    """Sign in as the account of the provider's identity (True), or show why not (False): the provider's button
    again for an expired identity, else the reason and a way to sign out of the provider."""
    claims, client = st.user.to_dict(), client_address()
    try:
        with Project.open(project_arg()) as project:
            try:
                account = account_for_claims(project, claims, now=time.time())
            except AuthenticationError as exc:
                if exc.key == "err_oidc_expired":  # a stale identity: the provider's button signs in afresh
                    _provider_button(provider)
                    return False
                email = str(claims.get("email") or "")
                if st.session_state.get(REFUSED) != (email, exc.key):  # once, not at every rerun
                    project.record_sign_in(email, client, exc.key.removeprefix("err_oidc_"), method=METHOD)
                    st.session_state[REFUSED] = (email, exc.key)
                raise
            project.record_sign_in(account.name, client, accounts.OK, method=METHOD)
    except QualcodeError as exc:
        st.error(error_text(exc))
        st.caption(tr("oidc_refused_help").format(provider=escape_md(provider.label)))
        st.button(tr("oidc_sign_out_provider").format(provider=escape_md(provider.label)), key="oidc_sign_out",
                  on_click=st.logout)
        return False
    st.session_state.pop(REFUSED, None)
    st.session_state.pop("login_error", None)
    st.session_state.update(user=account.name, role=account.role, coder=account.name, project_path=project_arg(),
                            **{SIGNED_IN_BY_OIDC: True})
    return True


def _provider_button(provider: OidcProvider) -> None:
    st.button(tr("oidc_sign_in").format(provider=escape_md(provider.label)), key="oidc_sign_in", type="primary",
              on_click=st.login, args=(provider.key,))
