"""Commands of informant attribute types: list, declare (set), undeclare (remove) and suggest (infer)."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.attributes import KINDS
from .common import PROJECT, open_project

BY = click.option("--by", "actor", metavar="NAME", help="Who changes it, as History records it.")


@click.group()
def attributes() -> None:
    """Declare the kinds of informant attributes: text, number, date (YYYY-MM-DD) or category.

    A declared kind is checked on every informant value, now and on every later add, edit or import,
    and a REFI-QDA export writes the variable with its type."""


@attributes.command("list")
@PROJECT
def attributes_list(project: Path) -> None:
    """List the attributes informants use and the declared ones: name, kind, categories, informants."""
    with open_project(project) as p:
        frame = p.attribute_types()
    if frame.empty:
        click.echo("no informant attributes")
        return
    for row in frame.itertuples():
        kind = row.kind if row.declared else "text (not declared)"
        cats = f"\t{', '.join(row.categories)}" if row.categories else ""
        click.echo(f"{row.name}\t{kind}\t{row.informants} informants{cats}")


@attributes.command("set")
@PROJECT
@click.argument("name")
@click.argument("kind", type=click.Choice(KINDS))
@click.option("--categories", metavar="A,B,C", help="For kind category: the values allowed, in order.")
@BY
def attributes_set(project: Path, name: str, kind: str, categories: str | None, actor: str | None) -> None:
    """Declare attribute NAME of KIND; refused, with nothing written, while any informant's value is not of it."""
    cats = [c.strip() for c in categories.split(",")] if categories is not None else None
    with open_project(project) as p:
        changed = p.set_attribute_type(name, kind, cats, actor=actor)
    click.echo(f"{name}: {kind}" + ("" if changed else " (it was already)"))


@attributes.command("remove")
@PROJECT
@click.argument("name")
@BY
def attributes_remove(project: Path, name: str, actor: str | None) -> None:
    """Make attribute NAME text again; every informant keeps its value."""
    with open_project(project) as p:
        p.remove_attribute_type(name, actor=actor)
    click.echo(f"{name}: text")


@attributes.command("infer")
@PROJECT
@click.option("--apply", "apply_", is_flag=True, help="Declare the suggested kinds (one step in History).")
@BY
def attributes_infer(project: Path, apply_: bool, actor: str | None) -> None:
    """Suggest a kind for each attribute from the informants' values: all numbers -> number, all dates -> date,
    few distinct values -> category, else text. Nothing is written without --apply, which declares the
    suggestions that differ from the current kind."""
    with open_project(project) as p:
        frame = p.infer_attribute_types()
        if frame.empty:
            click.echo("no informant attributes")
            return
        for row in frame.itertuples():
            cats = f"\t{', '.join(row.categories)}" if row.categories else ""
            click.echo(f"{row.name}\t{row.kind} -> {row.suggested}{cats}")
        if apply_:
            n = p.set_attribute_types({row.name: (row.suggested, row.categories or None)
                                       for row in frame[frame["change"]].itertuples()}, actor=actor)
            click.echo(f"declared {n} attribute kinds")


COMMANDS = [attributes]
