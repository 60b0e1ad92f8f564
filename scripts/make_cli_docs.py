"""Print docs/cli.md: the help text of `qualcode` and every subcommand (`make docs-cli`)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from qualcode.cli import main

INTRO = """# CLI reference

Every command takes the project file as its first argument (by convention `*.qualcode`).
Errors are printed as one line naming the file, line or field at fault, and the project is left
unchanged. This page is generated from the commands' own help (`make docs-cli`); a test keeps
the two in sync.
"""


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name in sorted(group.commands):
        command = group.commands[name]
        paths.append(prefix + (name,))
        if isinstance(command, click.Group):
            paths += command_paths(command, prefix + (name,))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    """Exactly what `qualcode PATH --help` prints on a 100-column terminal."""
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="qualcode", terminal_width=100)
    if result.exit_code != 0:
        raise RuntimeError(f"qualcode {' '.join(path)} --help failed: {result.output}")
    return result.output.rstrip("\n")


def render() -> str:
    parts = [INTRO, "## qualcode\n", "```text", help_text(()), "```\n"]
    for path in command_paths(main):
        parts += [f"## qualcode {' '.join(path)}\n", "```text", help_text(path), "```\n"]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
