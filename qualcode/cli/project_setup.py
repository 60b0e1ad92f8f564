"""Commands that create a project and fill it: init, info, groups, informants and import."""

from __future__ import annotations

from pathlib import Path

import click

from ..media import media_type
from ..project import Project
from .common import PROJECT, open_project


@click.command()
@PROJECT
@click.option("--name", help="Display name of the project (default: the file name).")
@click.option("--source-types", default="interview,observation,document", show_default=True,
              help="Comma-separated source types documents may have.")
def init(project: Path, name: str | None, source_types: str) -> None:
    """Create an empty project file."""
    types = {t.strip(): t.strip().capitalize() for t in source_types.split(",") if t.strip()}
    Project.create(project, name=name, source_types=types).close()
    click.echo(f"created {project}")


@click.command()
@PROJECT
def info(project: Path) -> None:
    """Show counts of groups, informants, documents, units, codes, coders and codings."""
    with open_project(project) as p:
        for key, value in p.info().items():
            click.echo(f"{key}: {', '.join(value) if isinstance(value, list) else value}")


# -- groups ----------------------------------------------------------------------------

@click.group()
def groups() -> None:
    """Informant groups: the axis of triangulation."""


@groups.command("add")
@PROJECT
@click.argument("key")
@click.option("--name", help="Display name (default: the key).")
@click.option("--name-alt", help="Name in the second UI language.")
@click.option("--description", help="What the group stands for.")
def groups_add(project: Path, key: str, name: str | None, name_alt: str | None, description: str | None) -> None:
    """Add one informant group."""
    with open_project(project) as p:
        p.add_group(key, name, name_alt=name_alt, description=description)
    click.echo(f"added group {key}")


@groups.command("import")
@PROJECT
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
def groups_import(project: Path, sheet: Path) -> None:
    """Add groups from a CSV/XLSX sheet (columns: key, name, name_alt, description, sort)."""
    with open_project(project) as p:
        n = p.import_groups(sheet)
    click.echo(f"imported {n} groups")


@groups.command("list")
@PROJECT
def groups_list(project: Path) -> None:
    """List the groups with their number of informants."""
    with open_project(project) as p:
        click.echo(p.groups().drop(columns=["id"]).to_string(index=False))


# -- informants ------------------------------------------------------------------------

@click.group()
def informants() -> None:
    """Informants (pseudonymous keys such as I-07), each in one group."""


@informants.command("add")
@PROJECT
@click.argument("key")
@click.option("--group", required=True, help="Key of the informant's group.")
@click.option("--role", help="Role or position.")
@click.option("--organisation", help="Organisation.")
@click.option("--attr", multiple=True, metavar="NAME=VALUE",
              help="Extra attribute; repeatable. A declared kind (`qualcode attributes`) is checked.")
def informants_add(project: Path, key: str, group: str, role: str | None, organisation: str | None,
                   attr: tuple[str, ...]) -> None:
    """Add one informant."""
    attributes = {}
    for item in attr:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--attr")
        attributes[name.strip()] = value.strip()
    with open_project(project) as p:
        p.add_informant(key, group, role=role, organisation=organisation, attributes=attributes)
    click.echo(f"added informant {key}")


@informants.command("import")
@PROJECT
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
def informants_import(project: Path, sheet: Path) -> None:
    """Add informants from a CSV/XLSX sheet (key, group, role, organisation; other columns become attributes)."""
    with open_project(project) as p:
        n = p.import_informants(sheet)
    click.echo(f"imported {n} informants")


@informants.command("list")
@PROJECT
def informants_list(project: Path) -> None:
    """List informants with group, role, organisation and number of documents."""
    with open_project(project) as p:
        click.echo(p.informants().drop(columns=["id"]).to_string(index=False))


# -- documents -------------------------------------------------------------------------

@click.command("import")
@PROJECT
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV with columns file, informant, source_type, language, name; paths relative to it.")
@click.option("--informant", help="Informant key the files belong to.")
@click.option("--source-type", default="interview", show_default=True, help="Source type of the files.")
@click.option("--language", default="id", show_default=True, help="ISO 639 language code of the files.")
@click.option("--name", help="Document name (one file only; default: the file name without extension).")
@click.option("--media", type=click.Path(dir_okay=False, path_type=Path),
              help="A recording of the transcript (.mp3 .m4a .wav .ogg .mp4 .webm) to link to it (one file only); "
                   "see `qualcode media`.")
def import_(project: Path, files: tuple[Path, ...], manifest: Path | None, informant: str | None,
            source_type: str, language: str, name: str | None, media: Path | None) -> None:
    """Import transcripts (.txt .md .docx .pdf .odt .rtf .vtt .srt), from FILES or a --manifest."""
    if not files and not manifest:
        raise click.UsageError("give FILES or --manifest")
    if name and len(files) != 1:
        raise click.UsageError("--name needs exactly one file")
    if media is not None:
        if len(files) != 1 or manifest:
            raise click.UsageError("--media links a recording to one transcript: give exactly one file")
        media_type(media)  # a recording of a kind qualcode cannot play is refused before anything is imported
        if not media.is_file():
            raise click.BadParameter(f"no such file: {media}", param_hint="--media")
    with open_project(project) as p:
        done = []
        if manifest:
            with click.progressbar(length=1, label="importing") as bar:
                def progress(i: int, n: int, _file: str) -> None:
                    bar.length = max(n, 1)
                    bar.update(i - bar.pos)
                done += p.import_manifest(manifest, progress=progress)
        for path in files:
            done.append(p.import_document(path, informant=informant, source_type=source_type,
                                          language=language, name=name))
        if media is not None:
            p.link_media(done[-1].name, media)
            click.echo(f"linked {media.name} to {done[-1].name}", err=True)
    for doc in done:
        click.echo(f"imported {doc.name}: {doc.characters} characters, {doc.turns} turns, {doc.sentences} sentences")


COMMANDS = [init, info, groups, informants, import_]
