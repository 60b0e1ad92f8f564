"""What every command module shares: the PROJECT argument, opening a project, and the group
that turns qualcode's own errors into a one-line message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import QualcodeError
from ..project import Project

PROJECT = click.argument("project", type=click.Path(dir_okay=False, path_type=Path))


def open_project(path: Path) -> Project:
    """The project file at PATH, opened for one command (use it in a ``with`` block)."""
    return Project.open(path)


class QualcodeGroup(click.Group):
    """The ``qualcode`` group: qualcode's own errors end a command as a one-line message and exit
    status 1, never a traceback.

    Caught here, around every command and subcommand, so that a new command cannot forget it.
    """

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QualcodeError as exc:
            raise click.ClickException(str(exc)) from None
