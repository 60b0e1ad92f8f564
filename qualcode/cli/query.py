"""The coding query command: run a query, write its passages or counts, save it, code its results."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export.tables import Table
from .analysis import LATEX_ENGINE, RAW_CSV, _csv_guard, _latex_engine, _write_item
from .common import PROJECT, open_project

QUERY_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex"}


@click.command()
@PROJECT
@click.argument("text", metavar="QUERY", required=False)
@click.option("--saved", metavar="NAME", help="Run the query saved as NAME instead of QUERY.")
@click.option("--coders", metavar="A,B", help="Only these coders' codings (comma-separated; default: all pooled).")
@click.option("--by", type=click.Choice(["group", "informant", "source-type"]),
              help="Write the number of passages per group, informant or source type (row 'all', then one row "
                   "per code) instead of the passages.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "docx", "md", "tex"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx and docx need a file).")
@click.option("--reference", type=click.Choice(["sentence", "line"]), default="sentence", show_default=True,
              help="What citations number: sentences (lines in a document without sentence units) or lines.")
@click.option("--save", "save_as", metavar="NAME", help="Also save the query as NAME (to run it again with --saved).")
@click.option("--replace", is_flag=True, help="With --save: replace a query saved under NAME already.")
@click.option("--code-as", "code_as", metavar="KEY",
              help="After writing the passages, code them with code KEY (needs --coder; asks first unless --yes). "
                   "Passages the coder coded with KEY already are skipped; undo takes all of them back at once.")
@click.option("--coder", metavar="NAME", help="With --code-as: whose codings they become.")
@click.option("--yes", is_flag=True, help="With --code-as: code without asking.")
@RAW_CSV
@LATEX_ENGINE
def query(project: Path, text: str | None, saved: str | None, coders: str | None, by: str | None, fmt: str | None,
          output: Path | None, reference: str, save_as: str | None, replace: bool, code_as: str | None,
          coder: str | None, yes: bool, raw_csv: bool, latex_engine: str | None) -> None:
    """Run a coding query and write the passages it retrieves as a quote table (or, with --by, their counts).

    QUERY, e.g. "E3.1 AND E3.2 WITHIN sentence", "E4.4 NOT E4.2 WITHIN turn", "E1.3 NEAR E2.4 10 WORDS" or
    '(E3.1 OR E3.4) WHERE group = leadership AND role ~ "kepala"'; the grammar is in the user guide. An
    error shows the query with a caret under the position.
    """
    if (text is None) == (saved is None):
        raise click.UsageError("give either QUERY or --saved NAME")
    if code_as and not coder:
        raise click.UsageError("--code-as needs --coder NAME")
    if coder and not code_as:
        raise click.UsageError("--coder applies to --code-as only")
    if code_as and by:
        raise click.UsageError("--code-as codes passages; leave out --by")
    if replace and not save_as:
        raise click.UsageError("--replace applies to --save only")
    if fmt is None:
        fmt = QUERY_SUFFIXES.get(output.suffix.lower(), "csv") if output else "csv"
    if fmt in ("xlsx", "docx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE.{fmt}")
    guard = _csv_guard(raw_csv, fmt)
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    with open_project(project) as p:
        if saved is not None:
            text = p.saved_query(saved)["text"]
        assert text is not None
        if by:
            axis = by.replace("-", "_")
            counts = p.query_matrix(text, by=axis, coders=names)
            unassigned = counts.attrs.get("unassigned", 0)
            notes = f"Query: {text.strip()}. Row 'all': every passage; a passage counts once for each of its codes."
            if unassigned:
                notes += f" {unassigned} passages have no {axis.replace('_', ' ')} and are not counted."
            item = Table(counts, title=f"Coding Query Passages by {axis.replace('_', ' ').title()}", name="query",
                         caption=f"Passages per {axis.replace('_', ' ')}, "
                                 f"{'coders ' + ', '.join(names) if names else 'all coders pooled'}.",
                         notes=notes)
        else:
            item = p.query_table(text, coders=names, reference=reference)
        _write_item(item, output or sys.stdout, fmt, csv_guard=guard, latex_engine=_latex_engine(latex_engine, fmt))
        if output:
            what = "rows" if by else "passages"
            click.echo(f"wrote {len(item.frame)} {what} to {output}", err=True)
        if save_as:
            p.save_query(save_as, text, replace=replace)
            click.echo(f"saved the query as {save_as!r}", err=True)
        if code_as and coder:
            preview = p.code_as_preview(text, code_as, coder, coders=names)
            new = int((~preview["coded"]).sum())
            if not new:
                click.echo(f"all {len(preview)} passages are coded {code_as} by {coder} already", err=True)
                return
            if not yes and not click.confirm(f"code {new} passages as {code_as} by {coder}?", err=True):
                click.echo("nothing coded", err=True)
                return
            ids, skipped = p.code_results_as(text, code_as, coder, coders=names, passages=preview)
            click.echo(f"coded {len(ids)} passages as {code_as} by {coder}"
                       + (f" ({skipped} coded already)" if skipped else ""), err=True)


COMMANDS = [query]
