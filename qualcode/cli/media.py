"""Commands of recordings: link an audio or video file to a document, list the links, take one off, and the
times of a document's turns in its recording."""

from __future__ import annotations

import math
from pathlib import Path

import click

from .common import PROJECT, open_project

BY = click.option("--by", "actor", metavar="NAME", help="Who did it, as History records it.")


@click.group()
def media() -> None:
    """Link recordings (audio or video) to documents, so the Code page plays a turn from its time.

    A linked file is copied into the folder beside the project file, PROJECT.media/ (named by its
    content hash), never into the project file; backups and restore copy that folder too."""


@media.command("link")
@PROJECT
@click.argument("document")
@click.argument("file", type=click.Path(path_type=Path))
@BY
def media_link(project: Path, document: str, file: Path, actor: str | None) -> None:
    """Copy FILE (mp3, m4a, wav, ogg, mp4 or webm) into the media folder and link it to DOCUMENT
    (a name or id); a recording linked before is replaced."""
    with open_project(project) as p:
        row = p.link_media(_ref(document), file, actor=actor)
    click.echo(f"{row['document']}: linked {row['original_name']} ({row['kind']}, {_size(row['bytes'])}"
               f"{_duration(row['duration'])}) as {row['path']}")


@media.command("list")
@PROJECT
def media_list(project: Path) -> None:
    """List the linked recordings: document, original file, kind, size, duration, and whether the file is
    in the media folder."""
    with open_project(project) as p:
        frame = p.media_list()
    if frame.empty:
        click.echo("no recordings linked")
        return
    for row in frame.itertuples():
        state = "" if row.present else f"\tMISSING {row.file}"
        click.echo(f"{row.document}\t{row.original_name}\t{row.kind}\t{_size(row.bytes)}"
                   f"{_duration(row.duration, sep=chr(9))}{state}")


@media.command("unlink")
@PROJECT
@click.argument("document")
@BY
def media_unlink(project: Path, document: str, actor: str | None) -> None:
    """Take the recording off DOCUMENT. The file stays in the media folder, so undo brings the link back."""
    with open_project(project) as p:
        removed = p.unlink_media(_ref(document), actor=actor)
    click.echo(f"{document}: recording unlinked" if removed else f"{document}: had no recording")


@media.command("times")
@PROJECT
@click.argument("document")
def media_times(project: Path, document: str) -> None:
    """List the turns of DOCUMENT with their times in the recording (seconds; '-' where not known)."""
    with open_project(project) as p:
        frame = p.turn_times(_ref(document))
    if frame.empty:
        click.echo(f"{document}: no turns")
        return
    for turn, row in frame.iterrows():
        click.echo(f"{turn}\t{_seconds(row['time_start'])}\t{_seconds(row['time_end'])}\t{row['speaker'] or ''}")


@media.command("set-time")
@PROJECT
@click.argument("document")
@click.argument("turn", type=int)
@click.argument("start", type=float)
@click.argument("end", type=float, required=False)
@BY
def media_set_time(project: Path, document: str, turn: int, start: float, end: float | None,
                   actor: str | None) -> None:
    """Set where turn TURN (its index, as `media times` lists it) of DOCUMENT starts in the recording, in
    seconds, and optionally where it ends."""
    with open_project(project) as p:
        p.set_turn_time(_ref(document), turn, start, end, actor=actor)
    click.echo(f"{document}: turn {turn} starts at {start:g} s" + ("" if end is None else f", ends at {end:g} s"))


def _ref(document: str) -> str | int:
    """A document argument: an id when it is all digits."""
    return int(document) if document.isdigit() else document


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} kB"


def _duration(seconds: float | None, sep: str = ", ") -> str:
    return "" if seconds is None or math.isnan(seconds) else f"{sep}{seconds:.1f} s"


def _seconds(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:g}"


COMMANDS = [media]
