"""Commands of the narrative report and of exemplar quotes."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PROJECT, open_project

REPORT_SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex", ".html": "html", ".htm": "html"}


def _names(values: tuple[str, ...]) -> list[str] | None:
    """Repeatable, comma-separated option values as one list (None when none is given)."""
    names = [v.strip() for item in values for v in item.split(",") if v.strip()]
    return names or None


@click.command()
@PROJECT
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "tex", "html"]),
              help="docx (Word), md (Markdown), tex (a LaTeX document) or html (default: from the -o suffix).")
@click.option("--codes", multiple=True, metavar="K",
              help="Only these codes, each with its sub-codes (repeatable, or comma-separated; default: all).")
@click.option("--groups", multiple=True, metavar="G",
              help="Only codings of informants in these groups (repeatable, or comma-separated; default: all, "
                   "documents without informant too).")
@click.option("--coders", multiple=True, metavar="A",
              help="Only these coders' codings (repeatable, or comma-separated; default: all pooled).")
@click.option("--exemplars", default="all", show_default=True, metavar="all|only|N",
              help="Quotes: all, exemplar quotes only, or at most N per informant and code, exemplars first.")
@click.option("--citation", metavar="TEMPLATE",
              help="Citation of each quote, as for `qualcode export quotes` (default '({informant}, {group}, "
                   "{ref})').")
@click.option("--reference", type=click.Choice(["sentence", "line"]), default="sentence", show_default=True,
              help="What citations number: sentences (lines in a document without sentence units) or lines.")
@click.option("--no-memos", "no_memos", is_flag=True, help="Leave out the coders' memos under the quotes.")
@click.option("--latex-engine", type=click.Choice(["pdflatex", "lualatex", "xelatex"]), default="pdflatex",
              show_default=True,
              help="tex: the engine the document is for (pdflatex: characters it cannot typeset are replaced).")
@click.option("--where", metavar="CONDITION",
              help="Only the codings a condition holds for, e.g. \"gender = P AND group = community\" (the WHERE "
                   "part of the query language); counts, coverage and quotes follow it.")
def report(project: Path, output: Path, fmt: str | None, codes: tuple[str, ...], groups: tuple[str, ...],
           coders: tuple[str, ...], exemplars: str, citation: str | None, reference: str, no_memos: bool,
           latex_engine: str, where: str | None) -> None:
    """Write the narrative report: a title page, contents, and per code (a chapter) and sub-code (a
    section) in codebook order its definition, codings and informants per informant group, coverage
    and the supervisor's latest verdict, then its quotes as block quotes with citations and memos."""
    from ..project.report import export_report

    fmt = fmt or REPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format from {output.name!r}; give --format")
    options = {"codes": _names(codes), "groups": _names(groups), "coders": _names(coders),
               "exemplars": exemplars, "reference": reference, "memos": not no_memos, "where": where}
    if citation:
        options["citation"] = citation
    with open_project(project) as p:
        built = export_report(p, output, fmt, latex_engine=latex_engine, **options)
    chosen = [s for s in built.sections if s.show_verdict]
    quotes = sum(len(s.quotes or ()) for s in built.sections)
    click.echo(f"wrote the report ({len(chosen)} codes, {quotes} quotes) to {output}", err=True)


@click.command()
@PROJECT
@click.argument("codings", nargs=-1, required=True, type=int, metavar="CODING_ID...")
@click.option("--unset", is_flag=True, help="Remove the flag instead of setting it.")
@click.option("--coder", help="Who flags them (recorded in the history; default: nobody named).")
def exemplar(project: Path, codings: tuple[int, ...], unset: bool, coder: str | None) -> None:
    """Flag codings as exemplar quotes (their ids: `qualcode codings` lists them), or with --unset remove the
    flag. A report can show exemplars first, or only them."""
    with open_project(project) as p:  # all or none, and one step of the history ("edit coding 4, 9")
        with p.as_one_step(coder, "coding.update", {"id": ", ".join(map(str, codings))}):
            for coding_id in codings:
                p.set_exemplar(coding_id, not unset, actor=coder)
    click.echo(f"{'unflagged' if unset else 'flagged'} {len(codings)} coding(s) as exemplar quotes", err=True)


COMMANDS = [report, exemplar]
