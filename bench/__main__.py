"""Run the benchmarks and print a Markdown table: ``python -m bench [NAME ...] [--quick] [--size F]``.

Each ratio is qualcode's time divided by a bare baseline's time measured in the
same run (1.00 = as fast as the baseline; higher = slower). No thresholds.
Without NAME every benchmark runs, in the order of ``BENCHMARKS``.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import Any

import spacy


def _sized(size: float, default: int, least: int) -> int:
    return max(least, round(default * size))


# name -> how to call the module bench/bench_<name>.py's run() at a scale factor (size) and with --quick or not;
# the modules are imported only when their benchmark runs, so one heavy or missing module does not hold up another
BENCHMARKS: dict[str, Callable[[Any, float, bool], list[dict]]] = {
    "import": lambda m, size, quick: m.run(documents=_sized(size, 200, 2), repeat=1 if quick else 3),
    "codings": lambda m, size, quick: m.run(codings=_sized(size, 1_000_000, 1000), documents=_sized(size, 50, 5),
                                            reads=3 if quick else 7),
    "concurrency": lambda m, size, quick: m.run(writers=32, codings_per_writer=_sized(size, 200, 10),
                                                repeat=1 if quick else 3),
    "code_page": lambda m, size, quick: m.run(repeat=2 if quick else 5),
    "pages": lambda m, size, quick: m.run(repeat=2 if quick else 5, matrix_codings=_sized(size, 1_000_000, 1000),
                                          matrix_informants=_sized(size, 500, 15)),
    "matrix": lambda m, size, quick: m.run(codings=_sized(size, 1_000_000, 1000),
                                           informants=_sized(size, 500, 15), repeat=1 if quick else 3),
    "agreement": lambda m, size, quick: m.run(units=_sized(size, 200_000, 10_000), repeat=1 if quick else 3),
    "refi": lambda m, size, quick: m.run(codings=_sized(size, 1000, 100), repeat=1 if quick else 3),
    "export": lambda m, size, quick: m.run(codings=_sized(size, 100_000, 5000), repeat=1 if quick else 3),
    "suggest": lambda m, size, quick: m.run(train_units=_sized(size, 20_000, 1000),
                                            score_units=_sized(size, 100_000, 5000)),
    "team": lambda m, size, quick: m.run(contexts=(1, 2) if quick else (1, 5, 10, 20),
                                         seconds=8.0 if quick else 25.0),
}
COLUMNS = ["benchmark", "measure", "qualcode", "baseline", "ratio"]


def parser() -> argparse.ArgumentParser:
    """The command line of ``python -m bench``; an unknown NAME is an error that lists the known ones."""
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    # checked by hand, not with choices=: argparse before 3.12 refuses an empty list against choices
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="benchmarks to run (default: all): " + ", ".join(BENCHMARKS))
    p.add_argument("--quick", action="store_true", help="small sizes and fewer repeats, for a fast check")
    p.add_argument("--size", type=float, default=None,
                   help="scale factor on the default sizes (1.0 = 200 transcripts, 1,000,000 codings, "
                        "500 informants)")
    return p


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table with the columns of ``COLUMNS``."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(row[c]) for c in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """The parsed command line; exits with a usage error on an unknown NAME or a size that is not positive."""
    p = parser()
    args = p.parse_args(argv)
    unknown = [n for n in args.names if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark {', '.join(map(repr, unknown))}; known: {', '.join(BENCHMARKS)}")
    if args.size is not None and args.size <= 0:
        p.error("--size must be positive")
    return args


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    size = args.size if args.size is not None else (0.05 if args.quick else 1.0)
    names = list(dict.fromkeys(args.names)) or list(BENCHMARKS)  # in the order given, each once
    print(f"python {platform.python_version()}, spaCy {spacy.__version__}, SQLite {sqlite3.sqlite_version}, "
          f"{platform.machine()}, size {size}")
    started = time.perf_counter()
    rows: list[dict] = []
    for name in names:
        module = importlib.import_module(f"{__package__}.bench_{name}")
        rows += BENCHMARKS[name](module, size, args.quick)
    print(f"\ntotal {time.perf_counter() - started:.0f} s; ratio = qualcode time / baseline time\n")
    print(table(rows))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
