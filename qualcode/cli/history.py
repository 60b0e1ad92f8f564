"""Commands of the audit trail: history, undo and redo."""

from __future__ import annotations

from pathlib import Path

import click

from ..project.history import DEFAULT_LIMIT
from ..store.schema import AUDITED_TABLES
from .common import PROJECT, open_project

USER = click.option("--user", required=True, help="Whose change: their coder name.")


@click.command()
@PROJECT
@click.option("--user", help="Only changes by this user.")
@click.option("--table", type=click.Choice(AUDITED_TABLES), help="Only changes to this table.")
@click.option("--row", "row_id", type=int, help="Only changes to the row with this id (needs --table).")
@click.option("--limit", type=click.IntRange(min=1), default=DEFAULT_LIMIT, show_default=True,
              help="At most this many events, newest first.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the events as CSV to this file instead of listing them.")
def history(project: Path, user: str | None, table: str | None, row_id: int | None, limit: int,
            output: Path | None) -> None:
    """List the changes to the project, newest first: who, when, what, and the rows changed
    (+ added, ~ changed, - removed)."""
    with open_project(project) as p:
        frame = p.history(actor=user, table=table, row_id=row_id, limit=limit)
    if output:
        frame.to_csv(output, index=False, encoding="utf-8")
        click.echo(f"wrote {len(frame)} events to {output}", err=True)
        return
    if frame.empty:
        click.echo("no changes recorded" + (" for these filters" if user or table else ""))
    for row in frame.itertuples():
        undone = "  (undone)" if row.undone else ""
        changes = f"  [{row.changes}]" if row.changes else ""
        click.echo(f"#{row.id}  {row.at}  {row.actor or '-'}  {row.description}{changes}{undone}")


@click.command()
@PROJECT
@USER
def undo(project: Path, user: str) -> None:
    """Undo the user's latest change that is not undone yet. Refused, changing nothing, when someone
    changed the same rows later."""
    with open_project(project) as p:
        click.echo(f"undone: {p.undo(user)}")


@click.command()
@PROJECT
@USER
def redo(project: Path, user: str) -> None:
    """Redo the user's most recently undone change (not after a new change of theirs)."""
    with open_project(project) as p:
        click.echo(f"redone: {p.redo(user)}")


COMMANDS = [history, undo, redo]
