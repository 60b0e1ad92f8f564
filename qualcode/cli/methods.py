"""The `methods` command: the methods appendix of a project (a filled COREQ and/or SRQR checklist and a
paragraph of methods text) as Word, Markdown or LaTeX."""

from __future__ import annotations

from pathlib import Path

import click

from .common import PROJECT, open_project


@click.command()
@PROJECT
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The appendix file: .docx, .md or .tex (a complete LaTeX document).")
@click.option("--checklist", type=click.Choice(["coreq", "srqr", "both"]), default="coreq", show_default=True,
              help="COREQ (Tong, Sainsbury & Craig 2007, 32 items), SRQR (O'Brien et al. 2014, 21 items) or both.")
@click.option("--language", type=click.Choice(["en", "id"]), default="en", show_default=True,
              help="English or Bahasa Indonesia: headings, questions, answers and the methods text.")
@click.option("--coders", metavar="A,B", help="The coders reported, comma-separated (default: every coder with "
                                              "codings); agreement is computed when two or more coded the same "
                                              "documents.")
@click.option("--unit", type=click.Choice(["sentence", "turn", "char"]), default="sentence", show_default=True,
              help="The unit of the agreement figures.")
@click.option("--latex-engine", type=click.Choice(("pdflatex", "lualatex", "xelatex")), default="pdflatex",
              show_default=True, help="The engine a .tex file is written for.")
def methods(project: Path, output: Path, checklist: str, language: str, coders: str | None, unit: str,
            latex_engine: str) -> None:
    """Write the methods appendix: the checklist filled with what the project knows (informants and groups,
    sources, coders, codings, codebook and its changes, agreement, saturation, quotations, software), the
    other items marked blank for the authors, and a paragraph of methods text to edit."""
    from ..analysis.checklists import BLANK, checklist_answers, checklist_names
    from ..export.appendix import write_appendix
    from ..project.methods import methods_appendix, methods_facts

    names = [c.strip() for c in coders.split(",") if c.strip()] if coders else None
    with open_project(project) as p:
        facts = methods_facts(p, coders=names, agreement_unit=unit)
        appendix = methods_appendix(p, checklist=checklist, language=language, facts=facts)
    write_appendix(appendix, output, latex_engine=latex_engine)
    for name in checklist_names(checklist):
        answers = checklist_answers(facts, name, language)["answer"]
        blank = int((answers == BLANK[language]).sum())
        click.echo(f"{name.upper()}: {len(answers) - blank} of {len(answers)} items filled, {blank} left blank")
    click.echo(f"wrote {output}")


COMMANDS = [methods]
