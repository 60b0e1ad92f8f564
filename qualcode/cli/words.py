"""The `words` command: word frequencies of a scope, the comparison of two groups, charts, the stop list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..analysis.words import FORMS
from .analysis import LATEX_ENGINE, RAW_CSV, _csv_guard, _latex_engine
from .common import PROJECT, open_project

SCOPE_CHOICES = ["project", "group", "informant", "code", "source-type", "document", "query"]


def _words(text: str | None) -> list[str]:
    return [w.strip() for w in (text or "").split(",") if w.strip()]


@click.command()
@PROJECT
@click.option("--by", type=click.Choice(SCOPE_CHOICES), default="project", show_default=True,
              help="Scope: the whole project, a group's, an informant's or a source type's documents, the "
                   "passages coded with a code, one document, or the passages a coding query retrieves. With "
                   "--compare: what A and B are (default group).")
@click.option("--value", metavar="V", help="The group, informant, code key, source type, document or query text of "
                                           "--by.")
@click.option("--query", "query_text", metavar="QUERY",
              help='Count the words of the passages this coding query retrieves (the same as --by query '
                   '--value QUERY), e.g. "E3.1 AND E3.2 WITHIN sentence".')
@click.option("--compare", nargs=2, metavar="A B",
              help="Compare two groups (or two values of --by) by log-likelihood instead of counting one scope.")
@click.option("--form", type=click.Choice(list(FORMS)), default="surface", show_default=True,
              help="What words are counted by: the lower-cased surface form (spaCy has no Indonesian "
                   "lemmatizer, and its English one needs a model download).")
@click.option("--coders", metavar="A,B", help="--by code or query: only these coders' codings (default: all).")
@click.option("--where", metavar="CONDITION",
              help='Only the documents this condition holds for, e.g. "gender = P AND group = community" '
                   "(the WHERE part of the query language).")
@click.option("--top", type=click.IntRange(min=1), help="Only the N most frequent words (or highest G2).")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "docx", "md", "tex"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the table to this file (default: stdout; xlsx and docx need a file).")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw a bar chart of the top words (--top, default 30): .png or .svg.")
@click.option("--cloud", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw a word cloud of the top words (--top, default 60): .png or .svg.")
@click.option("--stop-add", metavar="W1,W2", help="Add words to the project's stop list (then count).")
@click.option("--stop-remove", metavar="W1,W2", help="Take words off the project's stop list (then count).")
@click.option("--stop-list", "show_stop", is_flag=True, help="Print the project's stop list and stop.")
@click.option("--actor", metavar="NAME", help="Who changes the stop list, as History records it.")
@RAW_CSV
@LATEX_ENGINE
def words(project: Path, by: str, value: str | None, query_text: str | None, compare: tuple[str, str] | None,
          form: str, coders: str | None, where: str | None, top: int | None, fmt: str | None, output: Path | None,
          chart: Path | None, cloud: Path | None, stop_add: str | None, stop_remove: str | None, show_stop: bool,
          actor: str | None, raw_csv: bool,
          latex_engine: str | None) -> None:
    """Word frequencies: each word with its count, share, documents and informants, for the project or
    one group, informant, source type, code, document or query result; or --compare A B (two groups) by log-likelihood.

    Words are spaCy tokens of the documents' sentences (speaker labels left out), lower-cased, without
    punctuation, numbers and stop words (spaCy's Indonesian and English lists plus the project's own,
    changed with --stop-add and --stop-remove)."""
    from ..analysis.charts import save_chart
    from ..analysis.word_charts import bar_chart, word_cloud
    from ..export.tables import write_item
    from ..project.words import word_table

    fmt = fmt or ({".xlsx": "xlsx", ".docx": "docx", ".md": "md", ".markdown": "md", ".tex": "tex"}
                  .get(output.suffix.lower(), "csv") if output else "csv")
    if fmt in ("xlsx", "docx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE.{fmt}")
    guard = _csv_guard(raw_csv, fmt)
    engine = _latex_engine(latex_engine, fmt)
    if compare and (chart or cloud):
        raise click.UsageError("--chart and --cloud draw the words of one scope, not a comparison")
    with open_project(project) as p:
        if stop_add or stop_remove:
            if stop_add:
                p.add_stop_words(_words(stop_add), actor=actor)
            if stop_remove:
                p.remove_stop_words(_words(stop_remove), actor=actor)
            click.echo(f"stop list: {', '.join(p.stop_list()) or '(empty)'}", err=True)
            if not (output or chart or cloud or compare):
                return
        if show_stop:
            click.echo("\n".join(p.stop_list()))
            return
        scope = by.replace("-", "_")
        if query_text is not None:
            if scope not in ("project", "query") or (value and value != query_text) or compare:
                raise click.UsageError("--query counts one query's passages: leave out --by, --value and --compare")
            scope, value = "query", query_text
        names = _words(coders) or None
        item = word_table(p, by="group" if compare and scope == "project" else scope,
                          value=None if compare else value, compare=compare, form=form, coders=names, top=top,
                          where=where)
        if chart:
            save_chart(bar_chart(item.frame, top=top or 30, title=item.title or ""), chart)
            click.echo(f"wrote {chart}", err=True)
        if cloud:
            save_chart(word_cloud(item.frame, top=top or 60, title=item.title or ""), cloud)
            click.echo(f"wrote {cloud}", err=True)
    if output or not (chart or cloud):
        write_item(item, output or sys.stdout, fmt, csv_guard=guard, latex_engine=engine)
    if output:
        click.echo(f"wrote {len(item.frame)} words to {output}", err=True)


COMMANDS = [words]
