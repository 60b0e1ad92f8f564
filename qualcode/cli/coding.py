"""Commands of coding: the codebook, codings by hand, and machine-assisted suggestions."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..codebook import find_codebook, save_codebook
from ..project import CodingSpec
from .common import PROJECT, open_project

# -- codebook --------------------------------------------------------------------------

@click.group()
def codebook() -> None:
    """Load, show, merge and delete codes, and the codebook's change log."""


@codebook.command("load")
@PROJECT
@click.argument("source", metavar="FILE_OR_NAME")
def codebook_load(project: Path, source: str) -> None:
    """Load codes from a YAML or JSON codebook file, or from a codebook that comes with qualcode by its name
    (bryson_cross_sector); existing keys are updated, none removed."""
    with open_project(project) as p:
        n = p.load_codebook(find_codebook(source))
    click.echo(f"loaded {n} codes")


@codebook.command("show")
@PROJECT
@click.option("--format", "fmt", type=click.Choice(["tree", "yaml"]), default="tree", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write YAML to this file.")
def codebook_show(project: Path, fmt: str, output: Path | None) -> None:
    """Show the code tree with counts, or write the codebook as YAML."""
    with open_project(project) as p:
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
        depth: dict[str, int] = {}
        for row in codes.itertuples():
            depth[row.key] = depth.get(row.parent, -1) + 1 if row.parent else 0
            click.echo(f"{'  ' * depth[row.key]}{row.key}  {row.name}  ({row.codings})")


BY = click.option("--by", "actor", metavar="NAME", help="Who makes the change, as History records it.")
REASON = click.option("--reason", metavar="TEXT",
                      help="Why: kept in the audit trail; the codebook change log and the methods appendix report it.")


@codebook.command("merge")
@PROJECT
@click.argument("source")
@click.argument("target")
@REASON
@BY
def codebook_merge(project: Path, source: str, target: str, reason: str | None, actor: str | None) -> None:
    """Merge code SOURCE into code TARGET: SOURCE's codings and sub-codes move to TARGET (exact duplicate codings
    are dropped) and SOURCE is deleted. Undo on the History page (or `qualcode undo`) brings it back."""
    with open_project(project) as p:
        moved = p.merge_codes(source, target, actor=actor, reason=reason)
    click.echo(f"merged {source} into {target}: {moved} {'coding' if moved == 1 else 'codings'} moved")


@codebook.command("delete")
@PROJECT
@click.argument("key")
@REASON
@BY
@click.option("--yes", is_flag=True, help="Do not ask before deleting.")
def codebook_delete(project: Path, key: str, reason: str | None, actor: str | None, yes: bool) -> None:
    """Delete code KEY with its sub-codes and all their codings (asks first unless --yes)."""
    with open_project(project) as p:
        usage = p.code_usage(key)
        if not yes:
            subs = f" and {len(usage['subcodes'])} sub-codes ({', '.join(usage['subcodes'])})" \
                if usage["subcodes"] else ""
            click.confirm(f"delete code {key}{subs} with {usage['codings_with_subcodes']} codings?", abort=True)
        deleted = p.delete_code(key, actor=actor, reason=reason)
    click.echo(f"deleted {key} with {deleted} {'coding' if deleted == 1 else 'codings'}")


@codebook.command("log")
@PROJECT
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The change log as .csv, .xlsx, .docx, .md or .tex, or its timeline as .png or .svg.")
def codebook_log(project: Path, output: Path) -> None:
    """Write the codebook's change log (codes added, renamed, edited, moved, merged and deleted, with when, who
    and the reason given), read from the audit trail; changes undone are left out. A .png or .svg is the
    timeline chart."""
    from ..export.tables import SUFFIX_FORMATS, write_item
    from ..project.codebook_log import codebook_log_table, codebook_timeline_chart

    suffix = output.suffix.lower()
    if suffix not in (*SUFFIX_FORMATS, ".png", ".svg"):
        raise click.UsageError(f"cannot tell the format from {output.name!r}; "
                               "use .csv, .xlsx, .docx, .md, .tex, .png or .svg")
    with open_project(project) as p:
        if suffix in (".png", ".svg"):
            from ..analysis.charts import save_chart

            save_chart(codebook_timeline_chart(p, title="Codebook changes"), output)
            click.echo(f"wrote the codebook timeline to {output}", err=True)
            return
        item = codebook_log_table(p)
    write_item(item, output, SUFFIX_FORMATS[suffix])
    click.echo(f"wrote the codebook change log ({len(item.frame)} changes) to {output}", err=True)


# -- coding ----------------------------------------------------------------------------

@click.command()
@PROJECT
@click.argument("document")
@click.argument("code")
@click.option("--coder", required=True, help="Name of the coder (created on first use).")
@click.option("--span", type=(int, int), metavar="START END",
              help="0-based, end-exclusive character offsets into the document text.")
@click.option("--quote", help="Code this exact text instead of giving --span.")
@click.option("--occurrence", default=1, show_default=True, help="Which appearance of --quote.")
@click.option("--memo", help="A memo attached to the coding.")
@click.option("--exemplar", is_flag=True, help="Flag the coding as an exemplar quote (see `qualcode exemplar`).")
def code(project: Path, document: str, code: str, coder: str, span: tuple[int, int] | None, quote: str | None,
         occurrence: int, memo: str | None, exemplar: bool) -> None:
    """Apply CODE to a passage of DOCUMENT, given by --span or --quote."""
    if (span is None) == (quote is None):
        raise click.UsageError("give exactly one of --span START END or --quote TEXT")
    with open_project(project) as p:
        if span is not None:
            cid = p.add_codings([CodingSpec(document, span[0], span[1], code, coder, memo, exemplar=exemplar)])[0]
        elif quote is not None:
            cid = p.code_quote(document, quote, code, coder, occurrence=occurrence, memo=memo, exemplar=exemplar)
    click.echo(f"coding {cid} added")


@click.command()
@PROJECT
@click.option("--document", help="Only this document (name).")
@click.option("--coder", "coders", multiple=True, help="Only these coders; repeatable.")
@click.option("--code", "codes", multiple=True, help="Only these code keys; repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default: stdout).")
def codings(project: Path, document: str | None, coders: tuple[str, ...], codes: tuple[str, ...],
            output: Path | None) -> None:
    """Write codings as CSV: document, informant, group, source type, code, coder, offsets, quote, memo."""
    with open_project(project) as p:
        frame = p.codings(document=document, coders=coders or None, codes=codes or None)
    if output:
        frame.to_csv(output, index=False, encoding="utf-8")
        click.echo(f"wrote {len(frame)} codings to {output}", err=True)
    else:
        frame.to_csv(sys.stdout, index=False)


# -- suggestions -----------------------------------------------------------------------

@click.group()
def suggest() -> None:
    """Machine-assisted code suggestions learnt from one coder's codings (reviewed before use)."""


@suggest.command("train")
@PROJECT
@click.option("--coder", required=True, help="Coder whose codings the model learns from.")
@click.option("--document", "documents", multiple=True, help="Only these documents (name); repeatable.")
def suggest_train(project: Path, coder: str, documents: tuple[str, ...]) -> None:
    """Train a suggestion model on the coder's codings and store it in the project, with its cross-validated
    evaluation; codes with too few examples or a low F1 make no suggestions."""
    from ..suggest import MIN_F1, MIN_POSITIVES  # scikit-learn loads only when needed

    with open_project(project) as p, click.progressbar(length=1, label="training", file=sys.stderr) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(done - bar.pos)

        summary = p.suggest_train(coder=coder, documents=documents or None, progress=progress)
    rows = [r for r in summary["evaluation"] if r["code"] not in ("micro", "macro")]
    micro = next(r for r in summary["evaluation"] if r["code"] == "micro")
    click.echo(f"trained model v{summary['model_version']} on {summary['units']} sentences of "
               f"{summary['documents']} documents, {summary['codes']} codes "
               f"(scikit-learn {summary['sklearn_version']})")
    click.echo(f"cross-validated micro F1 {micro['f1']:.3f}; {sum(bool(r['suggested']) for r in rows)} of {len(rows)} "
               f"codes make suggestions (at least {MIN_POSITIVES} examples and F1 >= {MIN_F1:.2f})")


@suggest.command("evaluate")
@PROJECT
@click.option("--coder", required=True, help="Coder whose codings the model learns from.")
@click.option("--document", "documents", multiple=True, help="Only these documents (name); repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="CSV file (default: stdout).")
def suggest_evaluate(project: Path, coder: str, documents: tuple[str, ...], output: Path | None) -> None:
    """Write precision, recall and F1 per code from cross-validation grouped by document
    (no document in both training and test), plus micro and macro averages, as CSV; the
    ``suggested`` column says whether the code makes suggestions."""
    with open_project(project) as p:
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
def suggest_list(project: Path, coder: str | None, document: str | None, code: str | None, status: str,
                 limit_per_code: int | None, output: Path | None) -> None:
    """Write suggestions as CSV, best score first: id, unit, document, offsets, text, code, score, model, status."""
    with open_project(project) as p:
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


COMMANDS = [codebook, code, codings, suggest]
