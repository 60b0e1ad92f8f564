"""The serve command: the app on a project, for this computer or, with sign-in, for a team."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..accounts import DEFAULT_IDLE_MINUTES
from .common import PROJECT, open_project

# the Streamlit entry point inside the package, so an installed qualcode serves from anywhere
APP = Path(__file__).resolve().parent.parent / "ui" / "app.py"

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
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
    with open_project(project) as p:
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


COMMANDS = [serve]
