"""Commands that keep a project file safe: backup, restore, check and merge."""

from __future__ import annotations

from pathlib import Path

import click

from ..backup import backup, restore
from ..check import check_project
from ..merge import merge_projects
from .common import PROJECT, open_project


@click.command("backup")
@PROJECT
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(project: Path, dest: Path) -> None:
    """Back up PROJECT to DEST, a new file.

    Safe while others code in the project: SQLite's online backup copies one consistent
    state. An existing DEST is refused."""
    backup(project, dest)
    click.echo(f"backed up {project} to {dest}")


@click.command("restore")
@click.argument("backup_file", metavar="BACKUP", type=click.Path(dir_okay=False, path_type=Path))
@PROJECT
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(backup_file: Path, project: Path, yes: bool) -> None:
    """Restore PROJECT from BACKUP.

    The backup must pass `qualcode check`; a safety copy of PROJECT is kept in
    <project stem>.backups/ next to it first. Nobody may be writing to PROJECT
    meanwhile: stop the app first."""
    if not yes:
        click.confirm(f"Replace the contents of {project} by {backup_file}? (a safety copy is kept)", abort=True)
    safety = restore(backup_file, project)
    if safety is not None:
        click.echo(f"safety copy of the previous project: {safety}")
    click.echo(f"restored {project} from {backup_file}")


@click.command("check")
@PROJECT
def check_command(project: Path) -> None:
    """Check PROJECT for damage and inconsistencies.

    Runs SQLite's integrity and foreign-key checks and looks for codings and units
    outside their text, quotes that no longer match the text, wrong content hashes and
    documents without units. Prints each problem and exits with 1 if there are any."""
    problems = check_project(project)
    if not problems:
        click.echo("ok: no problems found")
        return
    for problem in problems:
        click.echo(str(problem))
    click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found in {project}", err=True)
    click.get_current_context().exit(1)


@click.command("merge")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--include-documents", is_flag=True,
              help="Also import SOURCE documents that TARGET lacks (matched by content), with their codings.")
@click.option("--add-codes", is_flag=True, help="Also add SOURCE codes that TARGET lacks, with their codings.")
def merge_command(target: Path, source: Path, include_documents: bool, add_codes: bool) -> None:
    """Merge the codings of SOURCE into TARGET.

    SOURCE is typically a copy of TARGET coded offline. Documents are matched by
    content, codes by key, coders by name; codings already in TARGET are skipped, so
    merging twice adds nothing. All of it or, on error, nothing is written."""
    with open_project(target) as p:
        report = merge_projects(p, source, include_documents=include_documents, add_codes=add_codes)
    for line in report.lines():
        click.echo(line)


COMMANDS = [backup_command, restore_command, check_command, merge_command]
