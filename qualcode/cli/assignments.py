"""Commands of assignments: which coder is to code which document, and which of them are done."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PROJECT, open_project

CODERS = click.option("--coders", required=True, metavar="A[,B]", help="Coder names (comma-separated).")
DOCUMENTS = click.argument("documents", nargs=-1, metavar="DOCUMENT...")
EVERY = click.option("--all", "every", is_flag=True, help="Every document of the project.")
BY = click.option("--by", "actor", metavar="NAME", help="Who assigns, as History records it.")


@click.group()
def assign() -> None:
    """Assign documents to coders, list assignments and progress, and mark assigned documents done.

    The agreement report compares, by default, the documents assigned to every chosen coder and marked
    done by each, so a document a coder read and found nothing to code in counts."""


@assign.command("add")
@PROJECT
@CODERS
@DOCUMENTS
@EVERY
@BY
def assign_add(project: Path, coders: str, documents: tuple[str, ...], every: bool, actor: str | None) -> None:
    """Assign DOCUMENT... (names or ids; or --all) to each of the coders."""
    with open_project(project) as p:
        docs = _documents(p, documents, every)
        n = p.assign(docs, _names(coders), actor=actor)
    click.echo(f"assigned {n} (document, coder) pairs anew; {len(docs) * len(_names(coders)) - n} were assigned "
               "already")


@assign.command("remove")
@PROJECT
@CODERS
@DOCUMENTS
@EVERY
@BY
def assign_remove(project: Path, coders: str, documents: tuple[str, ...], every: bool, actor: str | None) -> None:
    """Take DOCUMENT... (or --all) back from the coders; their codings stay."""
    with open_project(project) as p:
        n = p.unassign(_documents(p, documents, every), _names(coders), actor=actor)
    click.echo(f"removed {n} assignments")


@assign.command("done")
@PROJECT
@click.argument("document")
@click.option("--coder", required=True, help="The coder whose assignment it is.")
@click.option("--undo", is_flag=True, help="Mark it not done yet.")
def assign_done(project: Path, document: str, coder: str, undo: bool) -> None:
    """Mark DOCUMENT done (coded through) for CODER, or with --undo not done yet."""
    with open_project(project) as p:
        changed = p.mark_done(_ref(document), coder, done=not undo)
    state = "not done" if undo else "done"
    click.echo(f"{document}: {state} for {coder}" + ("" if changed else " (it was already)"))


@assign.command("list")
@PROJECT
@click.option("--coder", help="Only this coder's assignments, with their progress.")
def assign_list(project: Path, coder: str | None) -> None:
    """List assignments: document, coder, done or not, and the coder's codings of it so far."""
    with open_project(project) as p:
        frame = p.assignments(coder=coder)
        if frame.empty:
            click.echo("no assignments" + (f" for {coder}" if coder else ""))
            return
        for row in frame.itertuples():
            state = f"done {row.done_at[:10]}" if row.done else "open"
            click.echo(f"{row.document}\t{row.coder}\t{state}\t{row.codings} codings")
        if coder:
            progress = p.assignment_progress(coder)
            click.echo(f"{coder}: {progress['done']} of {progress['assigned']} done, {progress['coded']} begun")


def _names(coders: str) -> list[str]:
    return [c.strip() for c in coders.split(",") if c.strip()]


def _ref(document: str) -> str | int:
    """A document argument: an id when it is all digits and no document has it as its name."""
    return int(document) if document.isdigit() else document


def _documents(p, documents: tuple[str, ...], every: bool) -> list[str | int]:
    if every == bool(documents):
        raise click.UsageError("name the documents, or give --all (not both)")
    if every:
        return [int(i) for i in p.documents()["id"]]
    return [_ref(d) for d in documents]


COMMANDS = [assign]
