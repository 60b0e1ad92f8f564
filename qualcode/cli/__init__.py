"""The ``qualcode`` command line: parse, open the project, call one library function, report.

Every command documents itself with ``--help``; docs/cli.md holds the same texts. The commands live
in one module per concern, each listing them in ``COMMANDS``; this module makes the group and adds
them, so a command module never imports the group. :class:`.common.QualcodeGroup` turns qualcode's
own errors into a one-line message for every command.
"""

from __future__ import annotations

import click

from .. import __version__
from . import (
    accounts,
    analysis,
    assignments,
    attributes,
    chart,
    coding,
    demo,
    history,
    maintenance,
    media,
    memos,
    methods,
    project_setup,
    query,
    refi,
    report,
    saturation,
    serve,
    surveys,
    words,
)
from .common import QualcodeGroup

__all__ = ["main"]


@click.group(cls=QualcodeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="qualcode")
def main() -> None:
    """qualcode: code interview transcripts with a codebook, check triangulation across
    informant groups, and export tables for papers.

    PROJECT is always a project file (by convention *.qualcode).
    """


for _module in (project_setup, attributes, coding, assignments, analysis, query, report, refi, history, maintenance,
                accounts, serve, demo, memos, words, media, surveys, chart, saturation,
                methods):
    for _command in _module.COMMANDS:
        main.add_command(_command)
