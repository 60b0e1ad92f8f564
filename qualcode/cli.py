"""The ``qualcode`` command line: parse, open the project, call one library function, report.

Every command documents itself with ``--help``; docs/cli.md holds the same texts.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .codebook import find_codebook, save_codebook
from .demo import build_demo
from .errors import QualcodeError
from .export.tables import write_table
from .project import CodingSpec, Project

PROJECT = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def friendly(func):
    """Turn qualcode's own errors into a one-line message and exit code 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except QualcodeError as exc:
            raise click.ClickException(str(exc)) from None

    return wrapper


def _open(path: Path) -> Project:
    return Project.open(path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qualcode")
def main() -> None:
    """qualcode: code interview transcripts with a codebook, check triangulation across
    informant groups, and export tables for papers.

    PROJECT is always a project file (by convention *.qualcode).
    """


@main.command()
@PROJECT
@click.option("--name", help="Display name of the project (default: the file name).")
@click.option("--source-types", default="interview,observation,document", show_default=True,
              help="Comma-separated source types documents may have.")
@friendly
def init(project: Path, name: str | None, source_types: str) -> None:
    """Create an empty project file."""
    types = {t.strip(): t.strip().capitalize() for t in source_types.split(",") if t.strip()}
    Project.create(project, name=name, source_types=types).close()
    click.echo(f"created {project}")


@main.command()
@PROJECT
@friendly
def info(project: Path) -> None:
    """Show counts of groups, informants, documents, units, codes, coders and codings."""
    with _open(project) as p:
        for key, value in p.info().items():
            click.echo(f"{key}: {', '.join(value) if isinstance(value, list) else value}")


# -- groups ----------------------------------------------------------------------------

@main.group()
def groups() -> None:
    """Informant groups: the axis of triangulation."""


@groups.command("add")
@PROJECT
@click.argument("key")
@click.option("--name", help="Display name (default: the key).")
@click.option("--name-alt", help="Name in the second UI language.")
@click.option("--description", help="What the group stands for.")
@friendly
def groups_add(project: Path, key: str, name: str | None, name_alt: str | None, description: str | None) -> None:
    """Add one informant group."""
    with _open(project) as p:
        p.add_group(key, name, name_alt=name_alt, description=description)
    click.echo(f"added group {key}")


@groups.command("import")
@PROJECT
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def groups_import(project: Path, sheet: Path) -> None:
    """Add groups from a CSV/XLSX sheet (columns: key, name, name_alt, description, sort)."""
    with _open(project) as p:
        n = p.import_groups(sheet)
    click.echo(f"imported {n} groups")


@groups.command("list")
@PROJECT
@friendly
def groups_list(project: Path) -> None:
    """List the groups with their number of informants."""
    with _open(project) as p:
        click.echo(p.groups().drop(columns=["id"]).to_string(index=False))


# -- informants ------------------------------------------------------------------------

@main.group()
def informants() -> None:
    """Informants (pseudonymous keys such as I-07), each in one group."""


@informants.command("add")
@PROJECT
@click.argument("key")
@click.option("--group", required=True, help="Key of the informant's group.")
@click.option("--role", help="Role or position.")
@click.option("--organisation", help="Organisation.")
@click.option("--attr", multiple=True, metavar="NAME=VALUE", help="Extra attribute; repeatable.")
@friendly
def informants_add(project: Path, key: str, group: str, role: str | None, organisation: str | None,
                   attr: tuple[str, ...]) -> None:
    """Add one informant."""
    attributes = {}
    for item in attr:
        name, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"expected NAME=VALUE, got {item!r}", param_hint="--attr")
        attributes[name.strip()] = value.strip()
    with _open(project) as p:
        p.add_informant(key, group, role=role, organisation=organisation, attributes=attributes)
    click.echo(f"added informant {key}")


@informants.command("import")
@PROJECT
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
@friendly
def informants_import(project: Path, sheet: Path) -> None:
    """Add informants from a CSV/XLSX sheet (key, group, role, organisation; other columns become attributes)."""
    with _open(project) as p:
        n = p.import_informants(sheet)
    click.echo(f"imported {n} informants")


@informants.command("list")
@PROJECT
@friendly
def informants_list(project: Path) -> None:
    """List informants with group, role, organisation and number of documents."""
    with _open(project) as p:
        click.echo(p.informants().drop(columns=["id"]).to_string(index=False))


# -- documents -------------------------------------------------------------------------

@main.command("import")
@PROJECT
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV with columns file, informant, source_type, language, name; paths relative to it.")
@click.option("--informant", help="Informant key the files belong to.")
@click.option("--source-type", default="interview", show_default=True, help="Source type of the files.")
@click.option("--language", default="id", show_default=True, help="ISO 639 language code of the files.")
@click.option("--name", help="Document name (one file only; default: the file name without extension).")
@friendly
def import_(project: Path, files: tuple[Path, ...], manifest: Path | None, informant: str | None,
            source_type: str, language: str, name: str | None) -> None:
    """Import transcripts (.txt .md .docx .pdf .odt .rtf .vtt .srt), from FILES or a --manifest."""
    if not files and not manifest:
        raise click.UsageError("give FILES or --manifest")
    if name and len(files) != 1:
        raise click.UsageError("--name needs exactly one file")
    with _open(project) as p:
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
    for doc in done:
        click.echo(f"imported {doc.name}: {doc.characters} characters, {doc.turns} turns, {doc.sentences} sentences")


# -- codebook --------------------------------------------------------------------------

@main.group()
def codebook() -> None:
    """Load and show the codebook."""


@codebook.command("load")
@PROJECT
@click.argument("source", metavar="FILE_OR_NAME")
@friendly
def codebook_load(project: Path, source: str) -> None:
    """Load codes from a YAML or JSON codebook file, or from a codebook that comes with qualcode by its name
    (bryson_cross_sector); existing keys are updated, none removed."""
    with _open(project) as p:
        n = p.load_codebook(find_codebook(source))
    click.echo(f"loaded {n} codes")


@codebook.command("show")
@PROJECT
@click.option("--format", "fmt", type=click.Choice(["tree", "yaml"]), default="tree", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write YAML to this file.")
@friendly
def codebook_show(project: Path, fmt: str, output: Path | None) -> None:
    """Show the code tree with counts, or write the codebook as YAML."""
    with _open(project) as p:
        if fmt == "yaml" or output:
            book = p.codebook()
            if output:
                save_codebook(book, output)
                click.echo(f"wrote {output}")
                return
            import yaml

            click.echo(yaml.safe_dump(book.to_dict(), allow_unicode=True, sort_keys=False))
            return
        codes = p.codes()
        depth = {}
        for row in codes.itertuples():
            depth[row.key] = depth.get(row.parent, -1) + 1 if row.parent else 0
            click.echo(f"{'  ' * depth[row.key]}{row.key}  {row.name}  ({row.codings})")


# -- coding ----------------------------------------------------------------------------

@main.command()
@PROJECT
@click.argument("document")
@click.argument("code")
@click.option("--coder", required=True, help="Name of the coder (created on first use).")
@click.option("--span", type=(int, int), metavar="START END",
              help="0-based, end-exclusive character offsets into the document text.")
@click.option("--quote", help="Code this exact text instead of giving --span.")
@click.option("--occurrence", default=1, show_default=True, help="Which appearance of --quote.")
@click.option("--memo", help="A memo attached to the coding.")
@friendly
def code(project: Path, document: str, code: str, coder: str, span: tuple[int, int] | None, quote: str | None,
         occurrence: int, memo: str | None) -> None:
    """Apply CODE to a passage of DOCUMENT, given by --span or --quote."""
    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START END or --quote TEXT")
    with _open(project) as p:
        if span:
            cid = p.add_codings([CodingSpec(document, span[0], span[1], code, coder, memo)])[0]
        else:
            cid = p.code_quote(document, quote, code, coder, occurrence=occurrence, memo=memo)
    click.echo(f"coding {cid} added")


@main.command()
@PROJECT
@click.option("--document", help="Only this document (name).")
@click.option("--coder", "coders", multiple=True, help="Only these coders; repeatable.")
@click.option("--code", "codes", multiple=True, help="Only these code keys; repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default: stdout).")
@friendly
def codings(project: Path, document: str | None, coders: tuple[str, ...], codes: tuple[str, ...],
            output: Path | None) -> None:
    """Write codings as CSV: document, informant, group, source type, code, coder, offsets, quote, memo."""
    with _open(project) as p:
        frame = p.codings(document=document, coders=coders or None, codes=codes or None)
    if output:
        frame.to_csv(output, index=False, encoding="utf-8")
        click.echo(f"wrote {len(frame)} codings to {output}", err=True)
    else:
        frame.to_csv(sys.stdout, index=False)


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


def _matrix_args(by: str, measure: str, coders: str | None, rollup: bool) -> dict:
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    return {"by": by.replace("-", "_"), "measure": measure, "coders": names, "rollup": rollup}


@main.command()
@PROJECT
@matrix_options
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "md"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: stdout; xlsx needs a file).")
@friendly
def matrix(project: Path, by: str, measure: str, coders: str | None, rollup: bool, fmt: str | None,
           output: Path | None) -> None:
    """Write the triangulation table: codes x groups (or source types, informants) with the
    coverage pattern and the supervisor's latest verdict per code."""
    if fmt is None:
        fmt = {".xlsx": "xlsx", ".md": "md", ".markdown": "md"}.get(output.suffix.lower(), "csv") if output else "csv"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    with _open(project) as p:
        table = p.triangulation_table(**_matrix_args(by, measure, coders, rollup))
    if output:
        write_table(table, output, fmt)
        click.echo(f"wrote {len(table)} codes x {len(table.columns) - 6} columns to {output}", err=True)
    else:
        write_table(table, sys.stdout, fmt)


@main.command("matrix-chart")
@PROJECT
@matrix_options
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Image file: .png or .svg.")
@friendly
def matrix_chart(project: Path, by: str, measure: str, coders: str | None, rollup: bool, output: Path) -> None:
    """Draw the triangulation matrix as a heat map and save it as PNG or SVG."""
    from .analysis.charts import heatmap, save_chart

    args = _matrix_args(by, measure, coders, rollup)
    with _open(project) as p:
        frame = p.matrix(**args)
    who = f", coders {', '.join(args['coders'])}" if args["coders"] else ""
    save_chart(heatmap(frame, title=f"{measure} by {by}{who}", measure=measure), output)
    click.echo(f"wrote {output}", err=True)


# -- agreement -------------------------------------------------------------------------

@main.command()
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
@friendly
def agreement(project: Path, coders: str, unit: str, codes: tuple[str, ...], rule: str, fmt: str | None,
              output: Path | None) -> None:
    """Write the intercoder agreement report: per code (and all codes pooled) percent agreement,
    Cohen's kappa (2 coders) or Fleiss' kappa (3+), Krippendorff's alpha with a bootstrap
    95% interval, over the documents every chosen coder coded."""
    if fmt is None:
        fmt = {".xlsx": "xlsx", ".md": "md", ".markdown": "md"}.get(output.suffix.lower(), "csv") if output else "csv"
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    names = [c.strip() for c in coders.split(",") if c.strip()]
    keys = [k.strip() for item in codes for k in item.split(",") if k.strip()] or None
    with _open(project) as p:
        table = p.agreement(coders=names, unit=unit, codes=keys, rule=rule)
    if output:
        write_table(table, output, fmt)
        click.echo(f"wrote agreement of {', '.join(names)} on {len(table) - 1} codes "
                   f"({unit} units, {rule} rule) to {output}", err=True)
    else:
        write_table(table, sys.stdout, fmt)


# -- export ----------------------------------------------------------------------------

EXPORT_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".tex": "tex", ".md": "md", ".markdown": "md",
                   ".html": "html", ".htm": "html"}


@main.command()
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
              help="quotes: citation label, e.g. '({informant}, {group}, l. {line_start}-{line_end})'.")
@click.option("--bom", is_flag=True, help="csv: start with a UTF-8 byte order mark (for Excel).")
@click.option("--layout", type=click.Choice(["inline", "margin"]),
              help="transcript as docx/html: [codes] after each coded passage (inline, default) or a codes "
                   "column (margin).")
@friendly
def export(project: Path, table: str, fmt: str | None, output: Path, coders: str | None, by: str | None,
           measure: str | None, rollup: bool, unit: str | None, document: str | None, citation: str | None,
           bom: bool, layout: str | None) -> None:
    """Export TABLE for a paper as CSV, XLSX, DOCX, LaTeX or Markdown (with title, caption and notes).

    TABLE is one of: codings, quotes (grouped by code and group, with citation labels), matrix
    (triangulation), framework (informants x codes), agreement (needs --coders), codebook
    (appendix), transcript (one --document: as docx or html, numbered lines with [codes] after each
    coded passage; in the table formats, one row per line with the codes on it).
    """
    from .export.catalog import export_table, export_transcript

    fmt = fmt or EXPORT_SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise click.UsageError(f"cannot tell the format from {output.name!r}; give --format")
    if bom and fmt != "csv":
        raise click.UsageError("--bom applies to csv only")
    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    if table == "transcript" and fmt in ("docx", "html"):
        with _open(project) as p:
            n = export_transcript(p, document, output, fmt, coders=names, layout=layout or "inline")
        click.echo(f"wrote the transcript of {document} ({n} codings) to {output}", err=True)
        return
    if fmt == "html":
        raise click.UsageError("html is for the transcript only; tables: csv, xlsx, docx, tex, md")
    if layout:
        raise click.UsageError("--layout applies to the transcript as docx or html only")
    options = {"coders": names, "by": by.replace("-", "_") if by else None, "measure": measure, "rollup": rollup,
               "unit": unit, "document": document, "citation": citation}
    with _open(project) as p:
        item = export_table(p, table, **options)
    write_table(item.frame, output, fmt, title=item.title, caption=item.caption, notes=item.notes, bom=bom,
                sheet_name=item.name)
    click.echo(f"wrote {table} ({len(item.frame)} rows) to {output}", err=True)


# -- REFI-QDA exchange -----------------------------------------------------------------

@main.command("refi-export")
@PROJECT
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.qdpx (whole project) or FILE.qdc (codebook only).")
@friendly
def refi_export(project: Path, output: Path) -> None:
    """Export to REFI-QDA (for ATLAS.ti, MAXQDA, NVivo, QualCoder ...): a .qdpx project with codes,
    coders, documents, codings, informants (cases) and groups (sets), or a .qdc codebook."""
    from .refi import export_refi

    with _open(project) as p:
        data = export_refi(p, output)
    what = "codes" if output.suffix.lower() == ".qdc" else (
        f"codes, {len(data.sources)} documents, {sum(len(s.selections) for s in data.sources)} codings")
    click.echo(f"wrote {output}: {len(data.codes)} {what}")


@main.command("refi-import")
@PROJECT
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--language", default="id", show_default=True,
              help="ISO 639 language of sources that do not name one.")
@click.option("--source-type", help="Source type of sources that do not name one (default: document).")
@click.option("--skip-missing", is_flag=True,
              help="Import the rest on purpose when a source is missing or unreadable or a coding does not fit "
                   "its source, and report what was left out.")
@friendly
def refi_import(project: Path, file: Path, language: str, source_type: str | None, skip_missing: bool) -> None:
    """Import a REFI-QDA .qdpx project or .qdc codebook into PROJECT (created if it does not exist).

    All of it is imported or, on error, nothing: a missing or unreadable source, a source path
    outside the archive, or a coding that does not fit its source stops the import with exit status 1
    and a message naming each problem (PROJECT stays as it was); --skip-missing imports the rest and
    lists what was left out. After the summary come how positions were read (code points, or UTF-16
    units as NVivo counts them, by origin or detected), any warning, and what was not imported (PDF,
    picture, audio and video sources, among others)."""
    from .refi import import_refi_path

    result, created = import_refi_path(project, file, language=language, source_type=source_type,
                                       skip_missing=skip_missing)
    click.echo(f"{'created' if created else 'updated'} {project}: {result.summary()}")
    for line in result.report_lines():
        click.echo(line)


# -- suggestions -----------------------------------------------------------------------

@main.group()
def suggest() -> None:
    """Machine-assisted code suggestions learnt from one coder's codings (reviewed before use)."""


@suggest.command("train")
@PROJECT
@click.option("--coder", required=True, help="Coder whose codings the model learns from.")
@click.option("--document", "documents", multiple=True, help="Only these documents (name); repeatable.")
@friendly
def suggest_train(project: Path, coder: str, documents: tuple[str, ...]) -> None:
    """Train a suggestion model on the coder's codings and store it in the project, with its cross-validated
    evaluation; codes with too few examples or a low F1 make no suggestions."""
    from .suggest import MIN_F1, MIN_POSITIVES  # scikit-learn loads only when needed

    with _open(project) as p, click.progressbar(length=1, label="training", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        summary = p.suggest_train(coder=coder, documents=documents or None, progress=progress)
    rows = [r for r in summary["evaluation"] if r["code"] not in ("micro", "macro")]
    micro = next(r for r in summary["evaluation"] if r["code"] == "micro")
    click.echo(f"trained model v{summary['model_version']} on {summary['units']} sentences of "
               f"{summary['documents']} documents, {summary['codes']} codes (scikit-learn {summary['sklearn_version']})")
    click.echo(f"cross-validated micro F1 {micro['f1']:.3f}; {sum(bool(r['suggested']) for r in rows)} of {len(rows)} "
               f"codes make suggestions (at least {MIN_POSITIVES} examples and F1 >= {MIN_F1:.2f})")


@suggest.command("evaluate")
@PROJECT
@click.option("--coder", required=True, help="Coder whose codings the model learns from.")
@click.option("--document", "documents", multiple=True, help="Only these documents (name); repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default: stdout).")
@friendly
def suggest_evaluate(project: Path, coder: str, documents: tuple[str, ...], output: Path | None) -> None:
    """Write precision, recall and F1 per code from cross-validation grouped by document
    (no document in both training and test), plus micro and macro averages, as CSV; the
    ``suggested`` column says whether the code makes suggestions."""
    with _open(project) as p:
        table = p.suggest_evaluate(coder=coder, documents=documents or None)
    if output:
        table.to_csv(output, index=False, encoding="utf-8")
        click.echo(f"wrote evaluation of {len(table) - 2} codes to {output}", err=True)
    else:
        table.to_csv(sys.stdout, index=False, float_format="%.3f")


@suggest.command("list")
@PROJECT
@click.option("--coder", help="First add new suggestions from this coder's model (or keywords when the "
                              "coder has coded nothing); without it only lists.")
@click.option("--document", help="Only this document (name).")
@click.option("--code", help="Only this code key.")
@click.option("--status", type=click.Choice(["open", "accepted", "rejected", "skipped", "all"]), default="open",
              show_default=True)
@click.option("--limit-per-code", type=click.IntRange(min=1), help="Add at most this many new suggestions per code.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default: stdout).")
@friendly
def suggest_list(project: Path, coder: str | None, document: str | None, code: str | None, status: str,
                 limit_per_code: int | None, output: Path | None) -> None:
    """Write suggestions as CSV, best score first: id, unit, document, offsets, text, code, score, model, status."""
    with _open(project) as p:
        if coder:
            added = p.suggest_run(coder=coder, documents=[document] if document else None,
                                  limit_per_code=limit_per_code)
            click.echo(f"added {added} new suggestions", err=True)
        frame = p.suggestions(status=None if status == "all" else status, code=code, document=document)
    if output:
        frame.to_csv(output, index=False, encoding="utf-8")
        click.echo(f"wrote {len(frame)} suggestions to {output}", err=True)
    else:
        frame.to_csv(sys.stdout, index=False)


# -- demo ------------------------------------------------------------------------------

@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--sample", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of a sample study (default: the one that comes with qualcode).")
@click.option("--codebook", "codebook_source", metavar="FILE_OR_NAME",
              help="Codebook file or name of a shipped codebook (default: bryson_cross_sector).")
@friendly
def demo(path: Path, sample: Path | None, codebook_source: str | None) -> None:
    """Build the demo project at PATH from the sample study (fails if PATH exists)."""
    _build_demo(path, sample=sample, codebook=codebook_source)


def _build_demo(path: Path, *, sample: Path | None = None, codebook: str | None = None) -> None:
    with click.progressbar(length=1, label="building demo") as bar:
        def progress(i: int, n: int, _file: str) -> None:
            bar.length = max(n, 1)
            bar.update(i - bar.pos)
        project = build_demo(path, sample_dir=sample, codebook=codebook, progress=progress)
    with project:
        info = project.info()
    click.echo(f"built {path}: {info['groups']} groups, {info['informants']} informants, "
               f"{info['documents']} documents, {info['codes']} codes, {info['codings']} codings")


@main.command()
@click.option("--port", type=int, default=8501, show_default=True)
@click.pass_context
@friendly
def app(ctx: click.Context, port: int) -> None:
    """Open the app on the demo project, on this computer only (http://127.0.0.1:PORT).

    The first time, it builds the demo in qualcode's folder of this user (it says where). The
    sidebar's Project file box opens or creates other projects; `qualcode serve FILE` opens one
    directly."""
    path = Path(click.get_app_dir("qualcode")) / "demo.qualcode"
    if path.exists():
        click.echo(f"opening the demo project {path}")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        click.echo(f"building the demo project in {path} (the first time only)")
        _build_demo(path)
    ctx.invoke(main.commands["serve"], project=path, port=port)


# The commands of the other cli_* modules register themselves on ``main``.
from . import cli_accounts, cli_history, cli_maintenance  # noqa: E402, F401

if __name__ == "__main__":  # pragma: no cover
    # run as `python -m qualcode.cli`: the other cli_* modules registered on the imported module's main
    from qualcode.cli import main as registered

    registered()
