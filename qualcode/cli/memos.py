"""Commands of memos: write one, list them with filters, export a memo report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..export.tables import write_table
from ..project.memos import MEMO_KINDS, REPORT_BY
from .common import PROJECT, open_project

KINDS = click.Choice(MEMO_KINDS)


def _filters(func: Any) -> Any:
    """The filters of `memos list` and `memos export`, as Project.memos takes them."""
    for option in reversed((
        click.option("--kind", type=KINDS, help="Only memos of this kind."),
        click.option("--author", help="Only memos by this author."),
        click.option("--code", help="Only memos on this code or on one of its codings."),
        click.option("--informant", help="Only memos on this informant, their documents or codings, or linking a "
                                         "passage of their documents."),
        click.option("--document", help="Only memos on this document or its codings, or linking a passage of it."),
        click.option("--since", metavar="YYYY-MM-DD", help="Only memos written on or after this day (UTC)."),
        click.option("--until", metavar="YYYY-MM-DD", help="Only memos written on or before this day (UTC)."),
        click.option("--text", help="Only memos with these words in the title or text (case-insensitive)."),
    )):
        func = option(func)
    return func


@click.group()
def memos() -> None:
    """Write memos on the project, a document, a code, an informant, a group or a coding; list and export them.

    A project memo is a research journal entry. A coding memo is a longer note on one coding, beside the
    coding's own short memo."""


@memos.command("add")
@PROJECT
@click.option("--kind", type=KINDS, required=True, help="What the memo is about.")
@click.option("--target", metavar="T", help="The document name, code key, informant key, group key or coding id "
                                             "(none for a project memo).")
@click.option("--title", required=True, help="The memo's title.")
@click.option("--text", default="", help="The memo's text (Markdown).")
@click.option("--author", required=True, help="Who writes it.")
@click.option("--passage", "passages", multiple=True, type=(str, int, int), metavar="DOCUMENT START END",
              help="Link the memo to the passage START:END (end-exclusive characters) of DOCUMENT; repeatable.")
def memos_add(project: Path, kind: str, target: str | None, title: str, text: str, author: str,
              passages: tuple[tuple[str, int, int], ...]) -> None:
    """Write a memo (with --passage, linked to passages), in one step per write as History shows it."""
    with open_project(project) as p:
        ref: str | int | None = int(target) if kind == "coding" and target and target.strip().isdigit() else target
        memo_id = p.add_memo(kind, ref, title=title, text=text, author=author)
        for document, start, end in passages:
            p.link_passage(memo_id, document, start, end, actor=author)
    click.echo(f"memo {memo_id} written" + (f", linked to {len(passages)} passages" if passages else ""))


@memos.command("list")
@PROJECT
@_filters
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the list as a table (.csv, .xlsx, .docx, .md, .tex) instead of printing it.")
def memos_list(project: Path, output: Path | None, **filters: Any) -> None:
    """List memos, newest first: id, day, kind, what it is about, author, title."""
    with open_project(project) as p:
        frame = p.memos(**filters)
    if output is not None:
        write_table(frame, output)
        click.echo(f"wrote {len(frame)} memos to {output}")
        return
    if frame.empty:
        click.echo("no memos")
        return
    for row in frame.itertuples():
        click.echo(f"{row.id}\t{row.created_at[:10]}\t{row.kind}\t{row.target}\t{row.author}\t{row.title}")


@memos.command("export")
@PROJECT
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The report file: .docx, .md, .tex or .html.")
@click.option("--by", type=click.Choice(REPORT_BY), default="kind", show_default=True,
              help="A chapter per kind of memo, or per code.")
@click.option("--latex-engine", type=click.Choice(("pdflatex", "lualatex", "xelatex")), default="pdflatex",
              show_default=True, help="The engine a .tex file is written for.")
@_filters
def memos_export(project: Path, output: Path, by: str, latex_engine: str, **filters: Any) -> None:
    """Export a memo report: each memo with its text, linked passages and linked memos, under its kind or code."""
    with open_project(project) as p:
        n = p.export_memos(output, by=by, latex_engine=latex_engine, **filters)
    click.echo(f"wrote {n} memos to {output}")


COMMANDS = [memos]
