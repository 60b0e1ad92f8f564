"""Concurrent writers benchmark: many processes adding codings to one project file at once.

Each of ``writers`` processes opens the same project and adds
``codings_per_writer`` codings with ``Project.add_coding``, one call (one
transaction: BEGIN IMMEDIATE, checks, insert, audit event, COMMIT) per coding,
all started together behind a barrier. Reported: the p50 and p95 latency of one
call and the total throughput (codings/s from the first call's start to the last
call's end over all processes).

Baseline, same run: the same number of processes insert the same rows with bare
sqlite3 into a table made with the project's ``codings`` DDL, in a fresh WAL
file, each row its own ``BEGIN IMMEDIATE; INSERT; COMMIT`` with the same busy
timeout. No checks, no audit event, no reads.

Run: ``.venv/bin/python -c "from bench import bench_concurrency as b; b.run()"`` or ``python -m bench``.
The workers must live in an importable module, so this file has no ``__main__`` entry.
"""

from __future__ import annotations

import multiprocessing
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from qualcode.codebook import Code, Codebook
from qualcode.project import Project
from qualcode.store import BUSY_TIMEOUT_MS, now

from .generate import write_transcripts

DOCUMENT = "doc-001"
CODES = [f"C{n}" for n in range(1, 9)]
INSERT = 'INSERT INTO codings (document_id, code_id, coder_id, start, "end", quote, memo, created_at) ' \
         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def _context() -> Any:
    """A forkserver (fast, thread-free children with qualcode already imported) where there is one."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["qualcode.project", __name__])
        return ctx
    return multiprocessing.get_context("spawn")


def _spans(worker: int, count: int, length: int) -> list[tuple[int, int, str]]:
    """The same seeded (start, end, code) of each worker for qualcode and the baseline."""
    rng = random.Random(1000 + worker)
    spans: dict[tuple[int, int, str], None] = {}  # distinct: a coder cannot code one span twice with one code
    while len(spans) < count:
        start = rng.randrange(length - 401)
        spans[(start, start + rng.randint(20, 400), rng.choice(CODES))] = None
    return list(spans)


def _qualcode_writer(path: str, worker: int, count: int, length: int, start: Any, results: Any) -> None:
    try:
        spans = _spans(worker, count, length)
        coder = f"coder-{worker}"
        latencies = []
        with Project.open(path) as project:
            start.wait()
            first = time.perf_counter()
            for begin, end, code in spans:
                t0 = time.perf_counter()
                project.add_coding(DOCUMENT, begin, end, code, coder)
                latencies.append(time.perf_counter() - t0)
            last = time.perf_counter()
        results.put((worker, latencies, first, last, None))
    except BaseException as exc:
        results.put((worker, [], 0.0, 0.0, f"{type(exc).__name__}: {exc}"))


def _bare_writer(path: str, worker: int, count: int, text: str, ids: dict, start: Any, results: Any) -> None:
    try:
        spans = _spans(worker, count, len(text))
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        latencies = []
        start.wait()
        first = time.perf_counter()
        for begin, end, code in spans:
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(INSERT, (ids["document"], ids[code], ids[f"coder-{worker}"], begin, end, text[begin:end],
                                  None, now()))
            conn.execute("COMMIT")
            latencies.append(time.perf_counter() - t0)
        last = time.perf_counter()
        conn.close()
        results.put((worker, latencies, first, last, None))
    except BaseException as exc:
        results.put((worker, [], 0.0, 0.0, f"{type(exc).__name__}: {exc}"))


def _race(ctx: Any, target: Any, writer_args: list[tuple]) -> dict[str, float]:
    """Start one process per ``writer_args`` behind one barrier; p50/p95 per call (s) and codings/s over all."""
    start, results = ctx.Barrier(len(writer_args)), ctx.Queue()
    processes = [ctx.Process(target=target, args=(*args, start, results)) for args in writer_args]
    for process in processes:
        process.start()
    reports = [results.get() for _ in processes]
    for process in processes:
        process.join()
    errors = [f"writer {w}: {error}" for w, _, _, _, error in reports if error]
    if errors:
        raise RuntimeError("; ".join(errors))
    latencies = sorted(t for _, times, _, _, _ in reports for t in times)
    # perf_counter is CLOCK_MONOTONIC on Linux: comparable across processes of one machine.
    wall = max(r[3] for r in reports) - min(r[2] for r in reports)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "throughput": len(latencies) / wall, "codings": len(latencies)}


def _setup(folder: Path, writers: int) -> tuple[Path, Path, str, dict]:
    """A project with one document, 8 codes and one coder per writer; a bare WAL file with the codings DDL."""
    path = folder / "concurrency.qualcode"
    with Project.create(path) as project:
        project.add_group("g1", "Group 1")
        project.add_informant("I-01", "g1")
        project.load_codebook(Codebook(name="bench", codes=[Code(key=k, name=f"Code {k}") for k in CODES]))
        for w in range(writers):
            project.add_coder(f"coder-{w}")
        (source,) = write_transcripts(folder / "txt", 1, 5000, seed=9000)
        project.import_document(source, informant="I-01", name=DOCUMENT)
        doc = project.document(DOCUMENT)
        ids = {"document": doc["id"], **{r["key"]: r["id"] for r in project.store.codes()},
               **{r["name"]: r["id"] for r in project.store.coders()}}
        ddl = project.store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'codings'").fetchone()[0]
    bare = folder / "bare.sqlite"
    conn = sqlite3.connect(bare, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(ddl)
    conn.close()
    return path, bare, doc["text"], ids


def run(*, writers: int = 32, codings_per_writer: int = 200, repeat: int = 1) -> list[dict]:
    """Median over ``repeat`` rounds (fresh files each) of p50, p95 and throughput, qualcode and bare."""
    ctx = _context()
    rounds: list[tuple[dict, dict]] = []
    for _ in range(max(1, repeat)):
        folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-concurrency-"))
        try:
            path, bare, text, ids = _setup(folder, writers)
            qc = _race(ctx, _qualcode_writer, [(str(path), w, codings_per_writer, len(text)) for w in range(writers)])
            base = _race(ctx, _bare_writer, [(str(bare), w, codings_per_writer, text, ids) for w in range(writers)])
            with Project.open(path) as project:
                assert project.store.count("codings") == qc["codings"] == writers * codings_per_writer
            rounds.append((qc, base))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def median(side: int, key: str) -> float:
        return statistics.median(r[side][key] for r in rounds)

    qc = {k: median(0, k) for k in ("p50", "p95", "throughput")}
    base = {k: median(1, k) for k in ("p50", "p95", "throughput")}
    total = writers * codings_per_writer
    print(f"concurrency: {writers} writer processes x {codings_per_writer} codings ({total:,}), "
          f"one transaction per coding, median of {len(rounds)} round(s)")
    for label, side in (("qualcode add_coding", qc), ("bare INSERT", base)):
        print(f"  {label:20s} p50 {side['p50'] * 1e3:.1f} ms, p95 {side['p95'] * 1e3:.1f} ms, "
              f"{side['throughput']:,.0f} codings/s")
    print(f"  ratio p50 {qc['p50'] / base['p50']:.2f}x, p95 {qc['p95'] / base['p95']:.2f}x, "
          f"throughput (bare / qualcode) {base['throughput'] / qc['throughput']:.2f}x")
    what = f"{writers} writer processes x {codings_per_writer} add_coding calls"
    return [
        {"benchmark": "concurrency", "measure": f"{what}: p50 latency per call",
         "qualcode": f"{qc['p50'] * 1e3:.1f} ms", "baseline": f"{base['p50'] * 1e3:.1f} ms, bare BEGIN IMMEDIATE; "
         "INSERT; COMMIT", "ratio": f"{qc['p50'] / base['p50']:.2f}"},
        {"benchmark": "concurrency", "measure": f"{what}: p95 latency per call",
         "qualcode": f"{qc['p95'] * 1e3:.1f} ms", "baseline": f"{base['p95'] * 1e3:.1f} ms",
         "ratio": f"{qc['p95'] / base['p95']:.2f}"},
        {"benchmark": "concurrency", "measure": f"{what}: throughput of all writers",
         "qualcode": f"{qc['throughput']:,.0f} codings/s", "baseline": f"{base['throughput']:,.0f} codings/s",
         # time per coding, like every other ratio: baseline throughput / qualcode throughput
         "ratio": f"{base['throughput'] / qc['throughput']:.2f}"},
    ]
