"""Commands of REFI-QDA exchange with other programs: refi-export and refi-import."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PROJECT, open_project

# -- REFI-QDA exchange -----------------------------------------------------------------

@click.command("refi-export")
@PROJECT
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.qdpx (whole project) or FILE.qdc (codebook only).")
def refi_export(project: Path, output: Path) -> None:
    """Export to REFI-QDA (for ATLAS.ti, MAXQDA, NVivo, QualCoder ...): a .qdpx project with codes,
    coders, documents, codings, informants (cases) and groups (sets), or a .qdc codebook."""
    from ..refi import export_refi

    with open_project(project) as p:
        data = export_refi(p, output)
    what = "codes" if output.suffix.lower() == ".qdc" else (
        f"codes, {len(data.sources)} documents, {sum(len(s.selections) for s in data.sources)} codings")
    click.echo(f"wrote {output}: {len(data.codes)} {what}")


@click.command("refi-import")
@PROJECT
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", default="id", show_default=True,
              help="ISO 639 language of sources that do not name one.")
@click.option("--source-type", help="Source type of sources that do not name one (default: document).")
@click.option("--skip-missing", is_flag=True,
              help="Import the rest on purpose when a source is missing or unreadable or a coding does not fit "
                   "its source, and report what was left out.")
def refi_import(project: Path, file: Path, language: str, source_type: str | None, skip_missing: bool) -> None:
    """Import a REFI-QDA .qdpx project or .qdc codebook into PROJECT (created if it does not exist).

    All of it is imported or, on error, nothing: a missing or unreadable source, a source path
    outside the archive, or a coding that does not fit its source stops the import with exit status 1
    and a message naming each problem (PROJECT stays as it was); --skip-missing imports the rest and
    lists what was left out. After the summary come how positions were read (code points, or UTF-16
    units as NVivo counts them, by origin or detected), any warning, and what was not imported (PDF,
    picture, audio and video sources, among others)."""
    from ..refi import import_refi_path

    result, created = import_refi_path(project, file, language=language, source_type=source_type,
                                       skip_missing=skip_missing)
    click.echo(f"{'created' if created else 'updated'} {project}: {result.summary()}")
    for line in result.report_lines():
        click.echo(line)


COMMANDS = [refi_export, refi_import]
