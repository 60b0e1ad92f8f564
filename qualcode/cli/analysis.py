"""Commands of analysis and export: the triangulation matrix and its chart, intercoder
agreement, and tables for papers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..export.latex import LATEX_ENGINES
from ..export.tables import write_item
from .common import PROJECT, open_project

# -- triangulation ---------------------------------------------------------------------

class Axis(click.ParamType):
    """A matrix axis: group, source-type, informant or attribute:NAME (an informant attribute's values)."""

    name = "axis"
    CHOICES = ("group", "source-type", "informant")

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "[group|source-type|informant|attribute:NAME]"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if text in self.CHOICES or (text.lower().startswith("attribute:") and text[len("attribute:"):].strip()):
            return text
        self.fail(f"{value!r} is not one of 'group', 'source-type', 'informant' or attribute:NAME "
                  "(e.g. attribute:gender)", param, ctx)


WHERE_HELP = ("Only the codings a condition holds for, e.g. \"group = leadership AND age >= 40\" (fields: group, "
              "informant, source_type, document, role, organisation, coder, date, any informant attribute; "
              "= != ~ < > <= >=; AND OR NOT and parentheses).")


def matrix_options(func):
    """The options shared by `matrix` and `matrix-chart`."""
    options = [
        click.option("--by", type=Axis(), default="group", show_default=True,
                     help="Columns: informant groups, source types, informants or the values of an informant "
                          "attribute (attribute:gender)."),
        click.option("--measure", type=click.Choice(["segments", "informants", "share", "words"]),
                     default="segments", show_default=True,
                     help="Cell value: codings, distinct informants, % of the group's informants "
                          "(--by group or attribute:NAME) or words coded."),
        click.option("--coders", metavar="A,B",
                     help="Only these coders' codings (comma-separated; default: all pooled)."),
        click.option("--rollup", is_flag=True, help="Top-level codes only, each counting its sub-codes' codings."),
        click.option("--where", metavar="CONDITION", help=WHERE_HELP),
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


LATEX_ENGINE = click.option(
    "--latex-engine", type=click.Choice(list(LATEX_ENGINES)),
    help="tex: the engine the paper is compiled with (default pdflatex). pdflatex: characters it cannot typeset "
         "(emoji, CJK, Arabic, Greek, Cyrillic ...) are written as [U+XXXX]; lualatex, xelatex: every character is "
         "kept (load a font that has them). The file's first lines list the packages it needs.")


def _latex_engine(engine: str | None, fmt: str) -> str:
    if engine and fmt != "tex":
        raise click.UsageError("--latex-engine applies to tex only")
    return engine or "pdflatex"


def _csv_guard(raw_csv: bool, fmt: str) -> bool:
    if raw_csv and fmt != "csv":
        raise click.UsageError("--no-csv-guard applies to csv only")
    return not raw_csv


def _axis(by: str) -> str:
    return by if by.lower().startswith("attribute:") else by.replace("-", "_")


def _matrix_args(by: str, measure: str, coders: str | None, rollup: bool, where: str | None = None) -> dict:
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    return {"by": _axis(by), "measure": measure, "coders": names, "rollup": rollup, "where": where}


def _write_item(item, target, fmt: str, **options) -> None:
    """Write a catalogue table with the title, caption, notes and settings `qualcode export` gives it."""
    write_item(item, target, fmt, **options)


def _report_format(fmt: str | None, output: Path | None) -> str:
    """The format of `matrix` and `agreement`: --format, else from the -o suffix, else csv."""
    if fmt is None:
        fmt = ({".xlsx": "xlsx", ".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex"}
               .get(output.suffix.lower(), "csv") if output else "csv")
    if fmt in ("xlsx", "docx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE.{fmt}")
    return fmt


@click.command()
@PROJECT
@matrix_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md", "tex"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx needs a file).")
@RAW_CSV
@LATEX_ENGINE
def matrix(project: Path, by: str, measure: str, coders: str | None, rollup: bool, where: str | None,
           fmt: str | None, output: Path | None, raw_csv: bool, latex_engine: str | None) -> None:
    """Write the triangulation table: codes x groups (or source types, informants, an informant
    attribute's values) with the coverage pattern and the supervisor's latest verdict per code."""
    from ..project.catalog import matrix_table

    fmt = _report_format(fmt, output)
    guard = _csv_guard(raw_csv, fmt)
    with open_project(project) as p:
        item = matrix_table(p, **_matrix_args(by, measure, coders, rollup, where))
    _write_item(item, output or sys.stdout, fmt, csv_guard=guard, latex_engine=_latex_engine(latex_engine, fmt))
    if output:
        click.echo(f"wrote {len(item.frame)} codes to {output}", err=True)


@click.command("matrix-chart")
@PROJECT
@matrix_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Image file: .png or .svg.")
def matrix_chart(project: Path, by: str, measure: str, coders: str | None, rollup: bool, where: str | None,
                 output: Path) -> None:
    """Draw the triangulation matrix as a heat map and save it as PNG or SVG."""
    from ..analysis.charts import save_chart
    from ..project.charts import heatmap_chart

    args = _matrix_args(by, measure, coders, rollup, where)
    with open_project(project) as p:
        chart = heatmap_chart(p, **args)  # the same picture as `qualcode chart heatmap`
    save_chart(chart, output)
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
@click.option("--rollup/--no-rollup", default=True, show_default=True,
              help="Parent codes carry their sub-codes: a unit carries a parent for a coder when the coder coded "
                   "it or any code below it there. --no-rollup: every code by its own codings only.")
@click.option("--documents", "selection", type=click.Choice(["assigned", "coded"]), default="assigned",
              show_default=True,
              help="Documents compared: those assigned to every coder and marked done by each (assigned; when no "
                   "document is assigned to all of them, those each coded, as the report states) or those each "
                   "coded (coded), which leaves out a document a coder read and found nothing to code in.")
@click.option("--unitized", is_flag=True,
              help="Krippendorff et al.'s (2016) unitized alphas instead, on the coders' own spans (no units, "
                   "so no --unit or --rule): |uα and (k)uα per code with their coverage, uα, |uα and cuα per "
                   "family of sibling codes and for all codes.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "docx", "md", "tex"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx and docx need a file).")
@RAW_CSV
@DECIMALS
@LATEX_ENGINE
def agreement(project: Path, coders: str, unit: str, codes: tuple[str, ...], rule: str, rollup: bool,
              selection: str, unitized: bool, fmt: str | None, output: Path | None, raw_csv: bool, decimals: int,
              latex_engine: str | None) -> None:
    """Write the intercoder agreement report: per code (and all codes pooled) percent agreement,
    Cohen's kappa (2 coders) or Fleiss' kappa (3+), Krippendorff's alpha with a bootstrap
    95% interval, over the documents assigned to every chosen coder and marked done by each
    (see --documents). Undefined figures give their
    reason; figures on fewer units than Krippendorff's sample-size rule asks for carry a warning.

    The file states what the report rests on (unit, rule, coders, documents, units, level of
    measurement, roll-up, bootstrap resamples and seed, qualcode version, date): csv as columns
    repeated on every row, xlsx in a "settings" sheet, docx, tex and md in the note."""
    fmt = _report_format(fmt, output)
    guard = _csv_guard(raw_csv, fmt)
    from ..analysis.agreement_report import POOLED
    from ..project.catalog import agreement_table

    names = [c.strip() for c in coders.split(",") if c.strip()]
    keys = [k.strip() for item in codes for k in item.split(",") if k.strip()] or None
    if unitized:
        _unitized(project, names, keys, rollup, selection, fmt, output, guard, decimals, latex_engine)
        return
    with open_project(project) as p:
        item = agreement_table(p, coders=names, unit=unit, codes=keys, rule=rule, rollup=rollup, selection=selection)
    _write_item(item, output or sys.stdout, fmt, csv_guard=guard, decimals=decimals,
                latex_engine=_latex_engine(latex_engine, fmt))
    if output:
        n = int((~item.frame["code"].isin(POOLED)).sum())
        click.echo(f"wrote agreement of {', '.join(names)} on {n} codes "
                   f"({unit} units, {rule} rule) to {output}", err=True)


def _unitized(project: Path, names: list[str], keys: list[str] | None, rollup: bool, selection: str, fmt: str,
              output: Path | None, guard: bool, decimals: int, latex_engine: str | None) -> None:
    """`agreement --unitized`: the unitized report, written like the unit-based one."""
    from ..project.unitized_paper import unitized_paper

    ctx = click.get_current_context()
    given = [f"--{name}" for name in ("unit", "rule")
             if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE]
    if given:
        raise click.UsageError(f"{' and '.join(given)} {'apply' if len(given) > 1 else 'applies'} to the "
                               "unit-based report; --unitized compares the coders' spans themselves")
    with open_project(project) as p:
        raw = p.unitized_agreement(coders=names, codes=keys, rollup=rollup, selection=selection)
        item = unitized_paper(p, raw, coders=list(raw.attrs["coders"]))
    _write_item(item, output or sys.stdout, fmt, csv_guard=guard, decimals=decimals,
                latex_engine=_latex_engine(latex_engine, fmt))
    empty = raw.attrs.get("coders_without_spans") or []
    if empty:
        click.echo(f"warning: {', '.join(empty)} coded nothing in these documents; every figure counts their "
                   "whole text as uncoded", err=True)
    if output:
        n = int((raw["row"] == "code").sum())
        click.echo(f"wrote unitized agreement of {', '.join(names)} on {n} codes to {output}", err=True)


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
@click.option("--by", type=Axis(), help="matrix: the columns (attribute:NAME: an informant attribute's values).")
@click.option("--where", metavar="CONDITION", help="quotes, matrix, framework: " + WHERE_HELP)
@click.option("--measure", type=click.Choice(["segments", "informants", "share", "words", "count", "jaccard"]),
              help="matrix: the cell value (segments, informants, share, words); cooccurrence: sentences coded "
                   "with both codes (count, default) or their Jaccard coefficient (jaccard).")
@click.option("--rollup/--no-rollup", default=None,
              help="matrix, framework: top-level codes only, counting sub-codes; frequencies: every code, parents "
                   "counting their sub-codes (all three: off by default); agreement: parents carry their sub-codes "
                   "(on by default, --no-rollup: own codings only).")
@click.option("--unit", type=click.Choice(["sentence", "turn", "char"]), help="agreement: the units compared.")
@click.option("--rule", type=click.Choice(["majority", "any"]),
              help="agreement: a unit carries a code when a coder's codings cover at least half of it (majority, "
                   "default) or touch it (any).")
@click.option("--documents", "selection", type=click.Choice(["assigned", "coded"]),
              help="agreement: the documents compared, those assigned to every coder and marked done by each "
                   "(assigned, default) or those each coded (coded).")
@click.option("--document", help="codings, quotes: only this document; transcript: the document (required).")
@click.option("--citation", metavar="TEMPLATE",
              help="quotes: citation label (default '({informant}, {group}, {ref})'); fields: informant, "
                   "group, group_name, document, source_type, code, code_name, coder, coders, line_start, "
                   "line_end, lines ('l. 29' or 'll. 29–31'), sentence_start, sentence_end, sentences ('s. 12' or "
                   "'ss. 12–14'), ref (the --reference unit's).")
@click.option("--reference", type=click.Choice(["sentence", "line"]),
              help="quotes: what citations number: the sentences a passage touches (default; lines in a "
                   "document without sentence units) or lines of the stored text (in a transcript with one "
                   "paragraph per turn, a line is a whole turn).")
@click.option("--memos", is_flag=True, help="quotes: add a memo column with the coders' memos of each passage.")
@click.option("--times", is_flag=True,
              help="quotes: add time_start and time_end, each passage's seconds in its recording (from the turn "
                   "times of .vtt/.srt transcripts or [hh:mm:ss] markers), when any passage is timed.")
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark (for Excel).")
@RAW_CSV
@DECIMALS
@LATEX_ENGINE
@click.option("--layout", type=click.Choice(["inline", "margin", "paper"]),
              help="transcript as docx/html: [codes] after each coded passage (inline, default) or a codes "
                   "column (margin); quotes as docx, tex, md or html: paper, code headings and the quotes with "
                   "their citations, no table.")
def export(project: Path, table: str, fmt: str | None, output: Path, coders: str | None, by: str | None,
           where: str | None, measure: str | None, rollup: bool | None, unit: str | None, rule: str | None,
           selection: str | None, document: str | None, citation: str | None, reference: str | None, memos: bool,
           times: bool, bom: bool, raw_csv: bool, decimals: int,
           latex_engine: str | None, layout: str | None) -> None:
    """Export TABLE for a paper as CSV, XLSX, DOCX, LaTeX or Markdown (with title, caption and notes).

    TABLE is one of: codings, quotes (one row per coded passage, grouped by code and group, with
    citation labels), matrix (triangulation), framework (informants x codes), agreement (needs
    --coders), codebook (appendix), codebook-log (the codebook's changes), transcript (one --document: as
    docx or html, numbered lines with
    [codes] after each coded passage; in the table formats, one row per line with the codes on it),
    frequencies (codings, documents and informants per code and group), cooccurrence (code x code,
    sentences coded with both: --measure count or jaccard).
    """
    from ..project.catalog import export_table, export_transcript

    fmt = fmt or EXPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format from {output.name!r}; give --format")
    if bom and fmt != "csv":
        raise click.UsageError("--bom applies to csv only")
    guard = _csv_guard(raw_csv, fmt)
    engine = _latex_engine(latex_engine, fmt)
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    if layout == "paper":
        _export_paper(project, table, fmt, output, coders=names, document=document, citation=citation,
                      reference=reference, memos=memos, latex_engine=engine, where=where)
        return
    if table == "transcript" and fmt in ("docx", "html"):
        with open_project(project) as p:
            n = export_transcript(p, document, output, fmt, coders=names, layout=layout or "inline")
        click.echo(f"wrote the transcript of {document} ({n} codings) to {output}", err=True)
        return
    if fmt == "html":
        raise click.UsageError("html is for the transcript only; tables: csv, xlsx, docx, tex, md")
    if layout:
        raise click.UsageError("--layout applies to the transcript as docx or html only")
    options = {"coders": names, "by": _axis(by) if by else None, "measure": measure, "rollup": rollup,
               "unit": unit, "rule": rule, "selection": selection, "document": document, "citation": citation,
               "reference": reference, "memos": memos, "where": where, "times": times}
    with open_project(project) as p:
        item = export_table(p, table, **options)
    write_item(item, output, fmt, bom=bom, csv_guard=guard, decimals=decimals, latex_engine=engine)
    click.echo(f"wrote {table} ({len(item.frame)} rows) to {output}", err=True)


def _export_paper(project: Path, table: str, fmt: str, output: Path, **options) -> None:
    """`export quotes --layout paper`: the quotes under code headings, written by the report's writer."""
    from ..export.report import REPORT_FORMATS
    from ..project.report import export_report

    if table != "quotes":
        raise click.UsageError("--layout paper applies to the quotes table only")
    if fmt not in REPORT_FORMATS:
        raise click.UsageError(f"--layout paper writes {', '.join(REPORT_FORMATS)}, not {fmt}")
    given = {k: v for k, v in options.items() if v is not None}
    with open_project(project) as p:
        report = export_report(p, output, fmt, layout="paper", **given)
    n = sum(len(s.quotes or ()) for s in report.sections)
    click.echo(f"wrote quotes ({n} passages under {len(report.sections)} code headings) to {output}", err=True)


COMMANDS = [matrix, matrix_chart, agreement, export]
