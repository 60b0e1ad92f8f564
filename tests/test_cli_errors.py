"""qualcode's own errors end any command, old or new, as one line and exit status 1, never a traceback."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.errors import NotFoundError


@click.command()
def failing() -> None:
    """A command written with no error handling of its own."""
    raise NotFoundError("unknown code 'E9'; known: E1, E2")


@click.group()
def nested() -> None:
    """A plain subgroup."""


nested.add_command(failing)


@pytest.mark.parametrize("args", [["failing"], ["nested", "failing"]])
def test_a_command_added_without_error_handling_reports_one_line(args):
    main.add_command(failing)
    main.add_command(nested)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        del main.commands["failing"], main.commands["nested"]
    assert result.exit_code == 1
    assert result.output == "Error: unknown code 'E9'; known: E1, E2\n"


def test_other_exceptions_are_not_swallowed():
    """Only qualcode's errors become a message; a bug still shows as one."""

    @click.command()
    def buggy() -> None:
        raise ZeroDivisionError

    main.add_command(buggy)
    try:
        result = CliRunner().invoke(main, ["buggy"])
    finally:
        del main.commands["buggy"]
    assert result.exit_code == 1 and isinstance(result.exception, ZeroDivisionError)
