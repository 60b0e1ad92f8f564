"""`qualcode chart`: any of the project's charts (heat map, code map, code line, group profiles) as a PNG or
SVG file, drawn exactly as the Charts page draws it; the code map also as GraphML for Gephi."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import InputError
from .analysis import WHERE_HELP, Axis, _axis
from .common import PROJECT, open_project

KINDS = ("heatmap", "codemap", "codeline", "profiles")


def _names(text: str | None) -> list[str] | None:
    return [c.strip() for c in text.split(",") if c.strip()] or None if text else None


@click.command()
@PROJECT
@click.argument("kind", type=click.Choice(KINDS))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Image file: .png or .svg (the code map also .graphml, to open in Gephi).")
@click.option("--by", type=Axis(), default="group", show_default=True,
              help="heatmap, profiles: the columns compared: informant groups, source types, informants "
                   "(heatmap) or an informant attribute's values (attribute:gender).")
@click.option("--measure", type=click.Choice(["segments", "informants", "share", "words"]), default="segments",
              show_default=True, help="heatmap: the cell value, as `qualcode matrix-chart`.")
@click.option("--rollup", is_flag=True, help="heatmap: top-level codes only, each counting its sub-codes' codings.")
@click.option("--coders", metavar="A,B", help="Only these coders' codings (comma-separated; default: all pooled).")
@click.option("--where", metavar="CONDITION", help=WHERE_HELP + " (heatmap, codemap, profiles)")
@click.option("--mode", type=click.Choice(["overlap", "unit"]), default="overlap", show_default=True,
              help="codemap: two codes co-occur where their codings overlap, or in the same sentence unit.")
@click.option("--weight", type=click.Choice(["count", "jaccard"]), default="count", show_default=True,
              help="codemap: an edge's weight: co-occurrences, or Jaccard similarity.")
@click.option("--min", "minimum", type=float, default=1.0, show_default=True,
              help="codemap: hide edges weighing less than this.")
@click.option("--size", type=click.Choice(["codings", "informants"]), default="codings", show_default=True,
              help="codemap: what a node's size shows.")
@click.option("--group", metavar="KEY", help="codemap: one informant group's codings only; codeline: stack the "
                                             "group's documents.")
@click.option("--query", metavar="QUERY", help="codemap: only the codings inside a coding query's result passages.")
@click.option("--document", "documents", multiple=True, metavar="NAME",
              help="codeline: a document (repeatable: stacked in the order given).")
@click.option("--x", "position", type=click.Choice(["turn", "char"]), default="turn", show_default=True,
              help="codeline: place codings by speaker turn or by character position.")
@click.option("--share", type=click.Choice(["informants", "text"]), default="informants", show_default=True,
              help="profiles: per code, the share of each column's informants who have it, or of its coded text.")
@click.option("--style", type=click.Choice(["side", "difference"]), default="side", show_default=True,
              help="profiles: columns side by side, or the difference of two.")
@click.option("--columns", metavar="A,B", help="profiles: only these columns (group keys, source types or attribute "
                                               "values), in this order; --style difference compares the first two.")
def chart(project: Path, kind: str, output: Path, by: str, measure: str, rollup: bool, coders: str | None,
          where: str | None, mode: str, weight: str, minimum: float, size: str, group: str | None,
          query: str | None, documents: tuple[str, ...], position: str, share: str, style: str,
          columns: str | None) -> None:
    """Draw one of the project's charts and save it: KIND is heatmap (the triangulation matrix), codemap (a
    network of codes joined by co-occurrence), codeline (where each code falls along a document's turns) or
    profiles (the share of informants or of coded text per code, for each group side by side)."""
    from ..analysis.charts import save_chart

    names = _names(coders)
    suffix = output.suffix.lower()
    if suffix == ".graphml" and kind != "codemap":
        raise InputError(f"{output}: only the code map is written as GraphML; use .png or .svg")
    with open_project(project) as p:
        if kind == "heatmap":
            from ..project.charts import heatmap_chart

            drawn: Any = heatmap_chart(p, by=_axis(by), measure=measure, coders=names, rollup=rollup,
                                       where=where)  # each kind draws its own type of Altair chart
        elif kind == "codemap":
            from ..project.codemap import codemap_chart, write_graphml

            options: dict[str, Any] = {"mode": mode, "weight": weight, "minimum": minimum, "size": size,
                                       "group": group, "coders": names, "query": query, "where": where}
            if suffix == ".graphml":
                write_graphml(p, output, **options)
                click.echo(f"wrote {output}", err=True)
                return
            drawn = codemap_chart(p, **options)
        elif kind == "codeline":
            from ..project.codeline import codeline_chart

            drawn = codeline_chart(p, documents=list(documents) or None, group=group, x=position, coders=names)
        else:
            from ..project.profiles import profile_chart

            drawn = profile_chart(p, by=_axis(by), share=share, style=style, columns=_names(columns), coders=names,
                                  where=where)
    save_chart(drawn, output)
    click.echo(f"wrote {output}", err=True)


COMMANDS = [chart]
