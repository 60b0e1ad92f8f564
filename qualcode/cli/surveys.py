"""The survey import command: respondents become informants, their open-ended answers a document each."""

from __future__ import annotations

from pathlib import Path

import click

from ..analysis.attributes import KINDS
from .common import PROJECT, open_project


def _columns(text: str | None) -> list[str]:
    return [c.strip() for c in (text or "").split(",") if c.strip()]


def _attributes(text: str | None) -> dict[str, str | None]:
    """``age:number,gender:category,district`` -> {age: number, gender: category, district: None}; a suffix
    that is not a kind stays part of the column name (names may hold colons)."""
    parsed: dict[str, str | None] = {}
    for item in _columns(text):
        name, _sep, kind = item.rpartition(":")
        if name and kind.strip().lower() in KINDS:
            parsed[name.strip()] = kind.strip().lower()
        else:
            parsed[item] = None
    return parsed


@click.command("import-survey")
@PROJECT
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "id_column", required=True, metavar="COL", help="The column of respondent IDs (informant keys).")
@click.option("--questions", required=True, metavar="COL,...",
              help="The open-ended columns, comma-separated, in the order their answers are written.")
@click.option("--attributes", metavar="COL[:KIND],...",
              help=f"Columns that become informant attributes, each optionally with its kind ({', '.join(KINDS)}).")
@click.option("--group-column", metavar="COL", help="The column holding each respondent's group (new values become "
                                                    "groups).")
@click.option("--group", metavar="KEY", help="One existing group for every respondent.")
@click.option("--sheet", metavar="NAME", help="The worksheet of an XLSX file (default: the first).")
@click.option("--language", default="id", show_default=True, help="ISO 639 language code of the answers.")
@click.option("--by", "actor", metavar="NAME", help="Who imports, as History records it.")
def import_survey(project: Path, file: Path, id_column: str, questions: str, attributes: str | None,
                  group_column: str | None, group: str | None, sheet: str | None, language: str,
                  actor: str | None) -> None:
    """Import a survey FILE (.csv .tsv .txt .xlsx .xlsm .sav .zsav .dta; Qualtrics, LimeSurvey and Google Forms
    CSV exports are recognised): each respondent becomes an informant with attributes, and their answers one
    document, an answer a unit. Importing the same file again adds only new respondents and lists the answers
    that changed, without overwriting them."""
    if (group_column is None) == (group is None):
        raise click.UsageError("give exactly one of --group-column and --group")
    with open_project(project) as p:
        report = p.import_survey(file, id_column=id_column, questions=_columns(questions),
                                 attributes=_attributes(attributes), group_column=group_column, group=group,
                                 sheet=sheet, language=language, actor=actor)
    for line in report.lines():
        click.echo(line)


COMMANDS = [import_survey]
