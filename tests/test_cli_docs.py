"""docs/cli.md documents `qualcode --help` and every subcommand's help, word for word."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from qualcode.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_cli_docs", ROOT / "scripts" / "make_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_cli_md_is_current():
    expected = _generator().render()
    actual = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert actual == expected, "docs/cli.md is stale: run `make docs-cli`"


def test_every_command_has_a_section():
    docs = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    paths = _generator().command_paths(main)
    assert {("init",), ("import",), ("info",), ("codings",), ("code",), ("demo",), ("codebook", "load"),
            ("codebook", "show"), ("informants", "import")} <= set(paths)
    for path in paths:
        assert f"## qualcode {' '.join(path)}\n" in docs
