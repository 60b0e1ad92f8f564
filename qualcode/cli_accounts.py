"""The ``qualcode`` commands of a team server: user accounts and ``serve``.

Registered on :data:`qualcode.cli.main` when :mod:`qualcode.cli` is imported. These commands
work on the project file directly, as its owner on the server, so they need no sign-in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .accounts import DEFAULT_IDLE_MINUTES, ROLES
from .cli import PROJECT, _open, friendly, main

# the Streamlit entry point inside the package, so an installed qualcode serves from anywhere
APP = Path(__file__).resolve().parent / "ui" / "app.py"


def _password(password_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice without echo."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("password", hide_input=True, confirmation_prompt=True)


@main.group()
def users() -> None:
    """User accounts for `qualcode serve --auth`: coders, supervisors and admins with passwords."""


@users.command("add")
@PROJECT
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="coder", show_default=True)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
@click.option("--email", default=None,
              help="The user's e-mail, which institutional sign-in (OIDC) matches to this account.")
@click.option("--no-password", is_flag=True,
              help="No password: the account signs in only by institutional sign-in (needs --email).")
@friendly
def users_add(project: Path, name: str, role: str, password_stdin: bool, email: str | None,
              no_password: bool) -> None:
    """Give NAME an account (a coder who already coded keeps their codings)."""
    if no_password and not email:
        raise click.UsageError("--no-password needs --email: without either, the account could not sign in")
    password = None if no_password else _password(password_stdin)
    with _open(project) as p:
        p.add_user(name, password, role, email=email)
    click.echo(f"added user {name} ({role})")


@users.command("set-email")
@PROJECT
@click.argument("name")
@click.argument("email")
@friendly
def users_set_email(project: Path, name: str, email: str) -> None:
    """Set the e-mail of NAME that institutional sign-in (OIDC) matches; "" removes it."""
    with _open(project) as p:
        p.set_email(name, email)
    click.echo(f"{name}: e-mail {email.strip().lower()}" if email.strip() else f"{name}: e-mail removed")


@users.command("passwd")
@PROJECT
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
@friendly
def users_passwd(project: Path, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    password = _password(password_stdin)
    with _open(project) as p:
        p.set_password(name, password)
    click.echo(f"changed the password of {name}")


@users.command("role")
@PROJECT
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@friendly
def users_role(project: Path, name: str, role: str) -> None:
    """Change the role of NAME (the last admin stays admin)."""
    with _open(project) as p:
        p.set_role(name, role)
    click.echo(f"{name} is now {role}")


@users.command("list")
@PROJECT
@friendly
def users_list(project: Path) -> None:
    """List coders with their role, whether they can sign in, their number of codings and e-mail."""
    with _open(project) as p:
        frame = p.users()
    if frame.empty:
        click.echo("no coders yet")
        return
    for row in frame.itertuples():
        click.echo(f"{row.name}\t{row.role}\t{'account' if row.can_sign_in else 'no password'}\t{row.codings} codings"
                   f"\t{row.email or ''}".rstrip("\t"))


@users.command("unlock")
@PROJECT
@click.argument("name", required=False)
@click.option("--client", "client", metavar="ADDRESS", default=None,
              help="Lift the lock of this client address (as the History page shows it) instead of a user name.")
@friendly
def users_unlock(project: Path, name: str | None, client: str | None) -> None:
    """Let NAME (an account or any name typed) sign in again at once after too many failed sign-ins, or with
    --client the address ADDRESS; its failures so far are forgotten."""
    if (name is None) == (client is None):
        raise click.UsageError("give either NAME or --client ADDRESS")
    with _open(project) as p:
        was_locked = p.unlock(name, client=client)
    subject = name if name is not None else f"client {client}"
    click.echo(f"unlocked {subject}" if was_locked else f"{subject} was not locked; its failed sign-ins are forgotten")


@users.command("sign-ins")
@PROJECT
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@friendly
def users_sign_ins(project: Path, limit: int) -> None:
    """List the latest sign-ins and failed sign-ins (UTC; the address is empty for this computer), then the
    locks in force."""
    with _open(project) as p:
        records, locks = p.sign_ins(limit), p.sign_in_locks()
    if records.empty:
        click.echo("no sign-ins yet")
    for row in records.itertuples():
        client = row.client if isinstance(row.client, str) else ""  # pandas gives NaN for no address
        click.echo(f"{row.at}\t{row.name}\t{client}\t{row.method}\t{row.outcome}")
    for row in locks.itertuples():
        click.echo(f"locked: {row.kind} {row.subject} until {row.locked_until}")


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@PROJECT
@click.option("--auth", is_flag=True, help="Require sign-in; each user sees and does what their role allows.")
@click.option("--port", type=int, default=8501, show_default=True)
@click.option("--address", default=None,
              help="Address to listen on (default: 127.0.0.1, this computer only; with --auth 0.0.0.0, every "
                   "network interface).")
@click.option("--public-without-sign-in", "public", is_flag=True,
              help="Allow another address than this computer's without --auth: anyone who reaches it can open "
                   "and change any project file the server can read.")
@click.option("--certfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TLS certificate (PEM) to serve HTTPS directly; with --keyfile.")
@click.option("--keyfile", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Private key (PEM) of --certfile.")
@click.option("--idle-minutes", type=click.IntRange(min=1), default=DEFAULT_IDLE_MINUTES, show_default=True,
              help="With --auth, sign a user out after this many minutes without a click.")
@friendly
def serve(project: Path, auth: bool, port: int, address: str | None, public: bool, certfile: Path | None,
          keyfile: Path | None, idle_minutes: int) -> None:
    """Start the app on PROJECT; with --auth, for a team (needs at least one admin account).

    Without --auth the app answers on this computer only (127.0.0.1), since anyone who reaches it can open
    any file; listening elsewhere without sign-in needs --public-without-sign-in."""
    address = address or ("0.0.0.0" if auth else "127.0.0.1")
    if not auth and address not in LOOPBACK:
        if not public:
            raise click.UsageError(f"listening on {address} without --auth would let anyone on the network open "
                                   "and change any file the server can read; add --auth (accounts and roles) or, "
                                   "on a network you trust, --public-without-sign-in")
        click.echo(f"warning: serving {project} on {address} without sign-in: anyone who reaches it can open and "
                   "change any project file this server can read", err=True)
    with _open(project) as p:
        admins = p.users().query("role == 'admin' and can_sign_in")
    if auth and admins.empty:
        raise click.ClickException(f"{project}: no admin account yet; add one first with "
                                   f"`qualcode users add {project} NAME --role admin`")
    if not APP.is_file():
        raise click.ClickException(f"{APP}: the app is missing; reinstall qualcode")
    if (certfile is None) != (keyfile is None):
        raise click.UsageError("--certfile and --keyfile go together")
    tls = ["--server.sslCertFile", str(certfile), "--server.sslKeyFile", str(keyfile)] if certfile else []
    if auth and not tls and address not in LOOPBACK:
        click.echo("note: passwords cross the network in clear text unless HTTPS is in front of this server: "
                   "pass --certfile/--keyfile, or put a reverse proxy with TLS before it (docs/user-guide.md)",
                   err=True)
    command = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(port),
               "--server.address", address, "--server.headless", "true", *tls,
               # what the checkout's .streamlit/config.toml says, which an installed qualcode does not have
               "--client.toolbarMode", "viewer", "--browser.gatherUsageStats", "false",
               # a server does not reload on file changes: an upgrade must not reach it half-way
               "--server.fileWatcherType", "none",
               "--", "--project", str(project)]
    if auth:
        command += ["--auth", "--idle-minutes", str(idle_minutes)]
    sys.stdout.flush()
    sys.stderr.flush()
    # Streamlit takes this process's place, so a service manager's stop signal reaches the server itself.
    os.execv(sys.executable, command)
