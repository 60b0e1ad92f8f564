"""`python -m bench NAME ...`: runs only the named benchmarks and prints the same header and table as the full run;
an unknown name is a usage error that lists the known names."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest

from bench.__main__ import BENCHMARKS, main, parse

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_names_are_parsed_in_order_and_none_means_all():
    assert parse([]).names == []
    args = parse(["team", "code_page", "--quick", "--size", "0.1"])
    assert (args.names, args.quick, args.size) == (["team", "code_page"], True, 0.1)


@pytest.mark.parametrize("argv", [["nope"], ["refi", "Refi"], ["refi.py"]])
def test_an_unknown_name_is_a_usage_error_listing_the_known_names(argv, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"unknown benchmark '{argv[-1]}'" in err
    assert "known: " + ", ".join(BENCHMARKS) in err


def test_a_size_that_is_not_positive_is_a_usage_error(capsys):
    with pytest.raises(SystemExit):
        parse(["refi", "--size", "0"])
    assert "--size must be positive" in capsys.readouterr().err


def test_every_name_is_a_bench_module_with_a_run_function():
    for name in BENCHMARKS:
        source = (BENCH / f"bench_{name}.py").read_text(encoding="utf-8")
        assert "\ndef run(" in source, name


def test_one_named_benchmark_runs_alone_and_prints_the_table(capsys):
    main(["refi", "--quick", "--size", "0.1"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].startswith("python ") and lines[0].endswith("size 0.1")
    table = [line for line in lines if line.startswith("|")]
    assert table[:2] == ["| benchmark | measure | qualcode | baseline | ratio |", "|---|---|---|---|---|"]
    benchmarks = {row.split(" | ")[0].removeprefix("| ") for row in table[2:]}
    assert benchmarks and all(b.startswith("refi") for b in benchmarks)  # nothing but the one named


def recorder(real):
    """A stand-in module whose run() only checks that its arguments bind to ``real``'s signature."""
    class Recorder:
        @staticmethod
        def run(*args, **kwargs):
            inspect.signature(real).bind(*args, **kwargs)  # TypeError on a keyword run() does not take
            return ["ran"]

    return Recorder


@pytest.mark.parametrize("quick", [True, False])
def test_each_run_function_accepts_what_main_passes_it(quick):
    # main's call must bind to the real run() signature (a renamed parameter fails here, nothing heavy runs)
    for name, call in BENCHMARKS.items():
        real = importlib.import_module(f"bench.bench_{name}").run
        assert call(recorder(real), 0.05, quick) == ["ran"], name
