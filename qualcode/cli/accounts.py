"""Commands of user accounts for a team server (``qualcode serve --auth``).

They work on the project file directly, as its owner on the server, so they need no sign-in.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..accounts import ROLES
from .common import PROJECT, open_project


def _password(password_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice without echo."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("password", hide_input=True, confirmation_prompt=True)


@click.group()
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
def users_add(project: Path, name: str, role: str, password_stdin: bool, email: str | None,
              no_password: bool) -> None:
    """Give NAME an account (a coder who already coded keeps their codings)."""
    if no_password and not email:
        raise click.UsageError("--no-password needs --email: without either, the account could not sign in")
    password = None if no_password else _password(password_stdin)
    with open_project(project) as p:
        p.add_user(name, password, role, email=email)
    click.echo(f"added user {name} ({role})")


@users.command("set-email")
@PROJECT
@click.argument("name")
@click.argument("email")
def users_set_email(project: Path, name: str, email: str) -> None:
    """Set the e-mail of NAME that institutional sign-in (OIDC) matches; "" removes it."""
    with open_project(project) as p:
        p.set_email(name, email)
    click.echo(f"{name}: e-mail {email.strip().lower()}" if email.strip() else f"{name}: e-mail removed")


@users.command("passwd")
@PROJECT
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of a prompt.")
def users_passwd(project: Path, name: str, password_stdin: bool) -> None:
    """Set a new password for NAME."""
    password = _password(password_stdin)
    with open_project(project) as p:
        p.set_password(name, password)
    click.echo(f"changed the password of {name}")


@users.command("role")
@PROJECT
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
def users_role(project: Path, name: str, role: str) -> None:
    """Change the role of NAME (the last admin stays admin)."""
    with open_project(project) as p:
        p.set_role(name, role)
    click.echo(f"{name} is now {role}")


@users.command("list")
@PROJECT
def users_list(project: Path) -> None:
    """List coders with their role, whether they can sign in, their number of codings and e-mail."""
    with open_project(project) as p:
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
def users_unlock(project: Path, name: str | None, client: str | None) -> None:
    """Let NAME (an account or any name typed) sign in again at once after too many failed sign-ins, or with
    --client the address ADDRESS; its failures so far are forgotten."""
    if (name is None) == (client is None):
        raise click.UsageError("give either NAME or --client ADDRESS")
    with open_project(project) as p:
        was_locked = p.unlock(name, client=client)
    subject = name if name is not None else f"client {client}"
    click.echo(f"unlocked {subject}" if was_locked else f"{subject} was not locked; its failed sign-ins are forgotten")


@users.command("sign-ins")
@PROJECT
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
def users_sign_ins(project: Path, limit: int) -> None:
    """List the latest sign-ins and failed sign-ins (UTC; the address is empty for this computer), then the
    locks in force."""
    with open_project(project) as p:
        records, locks = p.sign_ins(limit), p.sign_in_locks()
    if records.empty:
        click.echo("no sign-ins yet")
    for row in records.itertuples():
        client = row.client if isinstance(row.client, str) else ""  # pandas gives NaN for no address
        click.echo(f"{row.at}\t{row.name}\t{client}\t{row.method}\t{row.outcome}")
    for row in locks.itertuples():
        click.echo(f"locked: {row.kind} {row.subject} until {row.locked_until}")



COMMANDS = [users]
