"""Run every benchmark in order and print a Markdown table: ``python -m bench [--quick] [--size F]``.

Each ratio is qualcode's time divided by a bare baseline's time measured in the
same run (1.00 = as fast as the baseline; higher = slower). No thresholds.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import sys
import time

import spacy

from . import (
    bench_agreement,
    bench_code_page,
    bench_codings,
    bench_concurrency,
    bench_export,
    bench_import,
    bench_matrix,
    bench_refi,
    bench_suggest,
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and fewer repeats, for a fast check")
    parser.add_argument("--size", type=float, default=None,
                        help="scale factor on the default sizes (1.0 = 200 transcripts, 1,000,000 codings, "
                             "500 informants)")
    args = parser.parse_args(argv)
    size = args.size if args.size is not None else (0.05 if args.quick else 1.0)
    if size <= 0:
        parser.error("--size must be positive")
    repeat = 1 if args.quick else 3
    print(f"python {platform.python_version()}, spaCy {spacy.__version__}, SQLite {sqlite3.sqlite_version}, "
          f"{platform.machine()}, size {size}")
    started = time.perf_counter()
    rows = bench_import.run(documents=max(2, round(200 * size)), repeat=repeat)
    rows += bench_codings.run(codings=max(1000, round(1_000_000 * size)), documents=max(5, round(50 * size)),
                              reads=3 if args.quick else 7)
    rows += bench_concurrency.run(writers=32, codings_per_writer=max(10, round(200 * size)), repeat=repeat)
    rows += bench_code_page.run(repeat=2 if args.quick else 5)
    rows += bench_matrix.run(codings=max(1000, round(1_000_000 * size)), informants=max(15, round(500 * size)),
                             repeat=repeat)
    rows += bench_agreement.run(units=max(10_000, round(200_000 * size)), repeat=repeat)
    rows += bench_refi.run(codings=max(100, round(1000 * size)), repeat=repeat)
    rows += bench_export.run(codings=max(5000, round(100_000 * size)), repeat=repeat)
    rows += bench_suggest.run(train_units=max(1000, round(20_000 * size)), score_units=max(5000, round(100_000 * size)))
    print(f"\ntotal {time.perf_counter() - started:.0f} s; ratio = qualcode time / baseline time\n")
    columns = ["benchmark", "measure", "qualcode", "baseline", "ratio"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[c]) for c in columns) + " |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
