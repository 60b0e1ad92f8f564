"""The `saturation` command: Guest, Namey & Chen's (2020) saturation runs as a table, or the cumulative code
curve as a chart, and the statement of the method and its result."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .analysis import LATEX_ENGINE, RAW_CSV, _csv_guard, _latex_engine, _report_format
from .common import PROJECT, open_project

IMAGE_SUFFIXES = (".png", ".svg")


@click.command()
@PROJECT
@click.option("--by", type=click.Choice(["group"]), help="One curve and one set of runs per informant group.")
@click.option("--order", default="import", show_default=True, metavar="import|attribute:NAME",
              help="Interview order: import order, or an informant attribute's values by its declared kind "
                   "(dates by date, numbers by value), e.g. attribute:interview_date.")
@click.option("--base", type=int, default=4, show_default=True,
              help="Base size: the first interviews, whose distinct codes are the denominator.")
@click.option("--run", "run_length", type=int, default=2, show_default=True,
              help="Run length: the interviews each run spans; runs move on one interview at a time.")
@click.option("--threshold", type=float, default=0.05, show_default=True,
              help="New-information threshold as a proportion (0.05 = 5%).")
@click.option("--coders", metavar="A,B", help="Only these coders' codings (comma-separated; default: all pooled).")
@click.option("--all-sources", is_flag=True,
              help="Count documents of every source type, not only interviews.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "docx", "md", "tex"]),
              help="Table format (default: from the -o suffix, else csv).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the runs table (.csv .xlsx .docx .md .tex) or the curve (.png .svg); default: the table "
                   "as csv on stdout.")
@RAW_CSV
@LATEX_ENGINE
def saturation(project: Path, by: str | None, order: str, base: int, run_length: int, threshold: float,
               coders: str | None, all_sources: bool, fmt: str | None, output: Path | None, raw_csv: bool,
               latex_engine: str | None) -> None:
    """Judge saturation with Guest, Namey & Chen's (2020) base size, run length and new-information
    threshold: write the runs table or the cumulative code curve, and print the statement."""
    from ..project.saturation import saturation_chart, saturation_facts, saturation_table

    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    options: dict[str, Any] = {"order": order, "coders": names, "source_types": None if all_sources else ("interview",)}
    params: dict[str, Any] = {"base": base, "run": run_length, "threshold": threshold}
    image = output.suffix.lower() in IMAGE_SUFFIXES if output is not None else False
    with open_project(project) as p:
        facts = saturation_facts(p, **params, **options)
        if image and output is not None:
            from ..analysis.charts import save_chart

            if fmt is not None:
                raise click.UsageError("--format applies to tables; an image's format is its suffix")
            save_chart(saturation_chart(p, by=by, **params, **options), output)
        else:
            item = saturation_table(p, by=by, **params, **options)
    if not image:
        fmt = _report_format(fmt, output)
        from ..export.tables import write_item

        write_item(item, output or sys.stdout, fmt, csv_guard=_csv_guard(raw_csv, fmt),
                   latex_engine=_latex_engine(latex_engine, fmt))
    if output:
        click.echo(f"wrote {output}", err=True)
    click.echo(facts["statement"], err=output is None)


COMMANDS = [saturation]
