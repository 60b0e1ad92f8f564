"""Commands of analysis and export: the triangulation matrix and its chart, intercoder
agreement, and tables for papers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export.tables import write_table
from .common import PROJECT, open_project

# -- triangulation ---------------------------------------------------------------------

def matrix_options(func):
    """The options shared by `matrix` and `matrix-chart`."""
    options = [
        click.option("--by", type=click.Choice(["group", "source-type", "informant"]), default="group",
                     show_default=True, help="Columns: informant groups, source types or informants."),
        click.option("--measure", type=click.Choice(["segments", "informants", "share", "words"]),
                     default="segments", show_default=True,
                     help="Cell value: codings, distinct informants, % of the group's informants "
                          "(--by group only) or words coded."),
        click.option("--coders", metavar="A,B",
                     help="Only these coders' codings (comma-separated; default: all pooled)."),
        click.option("--rollup", is_flag=True, help="Top-level codes only, each counting its sub-codes' codings."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


RAW_CSV = click.option(
    "--no-csv-guard", "raw_csv", is_flag=True,
    help="csv: write every cell exactly as stored, also one a spreadsheet would run as a formula (starting "
         "with = + - @); for reanalysis in R or Python. By default such a cell gets a leading '.")


DECIMALS = click.option(
    "--decimals", type=click.IntRange(0, 6), default=2, show_default=True,
    help="Decimals of statistics (kappa, alpha, percentages) in docx, tex, md and as xlsx shows them; APA style "
         "(.70, 85.0%). csv keeps the values as computed.")


def _csv_guard(raw_csv: bool, fmt: str) -> bool:
    if raw_csv and fmt != "csv":
        raise click.UsageError("--no-csv-guard applies to csv only")
    return not raw_csv


def _matrix_args(by: str, measure: str, coders: str | None, rollup: bool) -> dict:
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    return {"by": by.replace("-", "_"), "measure": measure, "coders": names, "rollup": rollup}


def _report_format(fmt: str | None, output: Path | None) -> str:
    """The format of `matrix` and `agreement`: --format, else from the -o suffix, else csv."""
    if fmt is None:
        fmt = {".xlsx": "xlsx", ".md": "md", ".markdown": "md"}.get(output.suffix.lower(), "csv") if output else "csv"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    return fmt


@click.command()
@PROJECT
@matrix_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx needs a file).")
@RAW_CSV
def matrix(project: Path, by: str, measure: str, coders: str | None, rollup: bool, fmt: str | None,
           output: Path | None, raw_csv: bool) -> None:
    """Write the triangulation table: codes x groups (or source types, informants) with the
    coverage pattern and the supervisor's latest verdict per code."""
    fmt = _report_format(fmt, output)
    guard = _csv_guard(raw_csv, fmt)
    with open_project(project) as p:
        table = p.triangulation_table(**_matrix_args(by, measure, coders, rollup))
    if output:
        write_table(table, output, fmt, csv_guard=guard)
        click.echo(f"wrote {len(table)} codes x {len(table.columns) - 6} columns to {output}", err=True)
    else:
        write_table(table, sys.stdout, fmt, csv_guard=guard)


@click.command("matrix-chart")
@PROJECT
@matrix_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Image file: .png or .svg.")
def matrix_chart(project: Path, by: str, measure: str, coders: str | None, rollup: bool, output: Path) -> None:
    """Draw the triangulation matrix as a heat map and save it as PNG or SVG."""
    from ..analysis.charts import heatmap, save_chart

    args = _matrix_args(by, measure, coders, rollup)
    with open_project(project) as p:
        frame = p.matrix(**args)
    who = f", coders {', '.join(args['coders'])}" if args["coders"] else ""
    save_chart(heatmap(frame, title=f"{measure} by {by}{who}", measure=measure), output)
    click.echo(f"wrote {output}", err=True)


# -- agreement -------------------------------------------------------------------------

@click.command()
@PROJECT
@click.option("--coders", required=True, metavar="A,B[,C]", help="Two or more coders to compare (comma-separated).")
@click.option("--unit", type=click.Choice(["sentence", "turn", "char"]), default="sentence", show_default=True,
              help="Units compared: sentences, speaker turns or single characters.")
@click.option("--codes", "codes", multiple=True, metavar="K",
              help="Only these code keys (repeatable, or comma-separated; default: every code).")
@click.option("--rule", type=click.Choice(["majority", "any"]), default="majority", show_default=True,
              help="A unit carries a code when the coder's codings cover at least half of it (majority) "
                   "or any character of it (any).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx needs a file).")
@RAW_CSV
@DECIMALS
def agreement(project: Path, coders: str, unit: str, codes: tuple[str, ...], rule: str, fmt: str | None,
              output: Path | None, raw_csv: bool, decimals: int) -> None:
    """Write the intercoder agreement report: per code (and all codes pooled) percent agreement,
    Cohen's kappa (2 coders) or Fleiss' kappa (3+), Krippendorff's alpha with a bootstrap
    95% interval, over the documents every chosen coder coded."""
    fmt = _report_format(fmt, output)
    guard = _csv_guard(raw_csv, fmt)
    names = [c.strip() for c in coders.split(",") if c.strip()]
    keys = [k.strip() for item in codes for k in item.split(",") if k.strip()] or None
    with open_project(project) as p:
        table = p.agreement(coders=names, unit=unit, codes=keys, rule=rule)
    if output:
        write_table(table, output, fmt, csv_guard=guard, decimals=decimals)
        click.echo(f"wrote agreement of {', '.join(names)} on {len(table) - 1} codes "
                   f"({unit} units, {rule} rule) to {output}", err=True)
    else:
        write_table(table, sys.stdout, fmt, csv_guard=guard, decimals=decimals)


# -- export ----------------------------------------------------------------------------

EXPORT_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".tex": "tex", ".md": "md", ".markdown": "md",
                   ".html": "html", ".htm": "html"}


@click.command()
@PROJECT
@click.argument("table", metavar="TABLE")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "docx", "tex", "md", "html"]),
              help="File format (default: from the -o suffix). html: transcript only.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="File to write.")
@click.option("--coders", metavar="A,B", help="Only these coders (comma-separated); agreement needs two or more.")
@click.option("--by", type=click.Choice(["group", "source-type", "informant"]), help="matrix: the columns.")
@click.option("--measure", type=click.Choice(["segments", "informants", "share", "words"]),
              help="matrix: the cell value.")
@click.option("--rollup", is_flag=True, help="matrix, framework: top-level codes only, counting sub-codes.")
@click.option("--unit", type=click.Choice(["sentence", "turn", "char"]), help="agreement: the units compared.")
@click.option("--document", help="codings, quotes: only this document; transcript: the document (required).")
@click.option("--citation", metavar="TEMPLATE",
              help="quotes: citation label (default '({informant}, {group}, {lines})'); fields: informant, "
                   "group, group_name, document, source_type, code, code_name, coder, line_start, line_end, "
                   "lines ('l. 29' or 'll. 29–31').")
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark (for Excel).")
@RAW_CSV
@DECIMALS
@click.option("--layout", type=click.Choice(["inline", "margin"]),
              help="transcript as docx/html: [codes] after each coded passage (inline, default) or a codes "
                   "column (margin).")
def export(project: Path, table: str, fmt: str | None, output: Path, coders: str | None, by: str | None,
           measure: str | None, rollup: bool, unit: str | None, document: str | None, citation: str | None,
           bom: bool, raw_csv: bool, decimals: int, layout: str | None) -> None:
    """Export TABLE for a paper as CSV, XLSX, DOCX, LaTeX or Markdown (with title, caption and notes).

    TABLE is one of: codings, quotes (grouped by code and group, with citation labels), matrix
    (triangulation), framework (informants x codes), agreement (needs --coders), codebook
    (appendix), transcript (one --document: as docx or html, numbered lines with [codes] after each
    coded passage; in the table formats, one row per line with the codes on it).
    """
    from ..project.catalog import export_table, export_transcript

    fmt = fmt or EXPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format from {output.name!r}; give --format")
    if bom and fmt != "csv":
        raise click.UsageError("--bom applies to csv only")
    guard = _csv_guard(raw_csv, fmt)
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    if table == "transcript" and fmt in ("docx", "html"):
        with open_project(project) as p:
            n = export_transcript(p, document, output, fmt, coders=names, layout=layout or "inline")
        click.echo(f"wrote the transcript of {document} ({n} codings) to {output}", err=True)
        return
    if fmt == "html":
        raise click.UsageError("html is for the transcript only; tables: csv, xlsx, docx, tex, md")
    if layout:
        raise click.UsageError("--layout applies to the transcript as docx or html only")
    options = {"coders": names, "by": by.replace("-", "_") if by else None, "measure": measure, "rollup": rollup,
               "unit": unit, "document": document, "citation": citation}
    with open_project(project) as p:
        item = export_table(p, table, **options)
    write_table(item.frame, output, fmt, title=item.title, caption=item.caption, notes=item.notes, bom=bom,
                sheet_name=item.name, csv_guard=guard, decimals=decimals)
    click.echo(f"wrote {table} ({len(item.frame)} rows) to {output}", err=True)


COMMANDS = [matrix, matrix_chart, agreement, export]
