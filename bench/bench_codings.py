"""Codings benchmark: Project.add_codings and coding reads against bare sqlite3.

Writes: the same rows (document_id, code_id, coder_id, start, end, quote, memo,
created_at) go through ``Project.add_codings`` in batches (each coding also written to
the audit trail by its trigger), and through
``executemany`` into a table with the project's own ``codings`` DDL in a fresh
WAL file with no checks in Python. The plain table has no index while loading
(the bare baseline); a second bare table carries the project's three
codings indexes, to show how much of the gap is index upkeep.

Reads: one document's codings via ``store.document_codings`` (lean rows for the
transcript view) and ``Project.codings(document=...)`` (the DataFrame), against
a bare ``SELECT ... WHERE document_id = ?`` using an index on (document_id, start).
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from functools import partial
from pathlib import Path

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project
from qualcode.store import now

from .generate import write_transcripts
from .timing import measure

COLUMNS = 'document_id, code_id, coder_id, start, "end", quote, memo, created_at'
LEAN = 'id, start, "end", code_id, coder_id, memo'
ORDER = 'ORDER BY start, "end", id'


def codebook() -> Codebook:
    """20 codes: 4 parents with 4 children each."""
    codes = []
    for p in range(4):
        codes.append(Code(key=f"E{p + 1}", name=f"Element {p + 1}"))
        codes += [Code(key=f"E{p + 1}.{c + 1}", name=f"Element {p + 1}.{c + 1}", parent=f"E{p + 1}") for c in range(4)]
    return Codebook(name="bench", codes=codes)


def make_project(folder: Path, documents: int, words: int) -> tuple[Project, list[dict]]:
    project = Project.create(folder / "codings.qualcode")
    project.add_group("g1", "Group 1")
    project.add_informant("I-01", "g1")
    project.load_codebook(codebook())
    project.add_coder("coder1")
    for n, path in enumerate(write_transcripts(folder / "txt", documents, words, seed=7000)):
        project.import_document(path, informant="I-01", name=f"doc-{n + 1:03d}")
    docs = [project.document(f"doc-{n + 1:03d}") for n in range(documents)]
    return project, docs


def bare_table(path: Path, ddl: str, indexes: list[str]) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(ddl)
    for index in indexes:
        conn.execute(index)
    conn.commit()
    return conn


def batch(rng: random.Random, size: int, docs: list[dict], codes: dict[str, int], coder: tuple[str, int],
          seen: set[tuple[int, int, int, str]]):
    """``size`` random valid codings, as CodingSpecs and as the same bare rows; none repeats a span and code
    in ``seen`` (the API refuses an exact duplicate), and each is added to it."""
    specs, rows, stamp, keys = [], [], now(), list(codes)
    while len(specs) < size:
        doc = docs[rng.randrange(len(docs))]
        text = doc["text"]
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.randint(20, 400))
        code = rng.choice(keys)
        if (doc["id"], start, end, code) in seen:
            continue
        seen.add((doc["id"], start, end, code))
        memo = "catatan pengkode" if rng.random() < 0.01 else None
        specs.append(CodingSpec(doc["name"], start, end, code, coder[0], memo))
        rows.append((doc["id"], codes[code], coder[1], start, end, text[start:end], memo, stamp))
    return specs, rows


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def insert_rows(conn: sqlite3.Connection, sql: str, rows: list[tuple]) -> None:
    conn.executemany(sql, rows)
    conn.commit()


def run(*, codings: int = 1_000_000, batches: int = 10, documents: int = 50, words: int = 5000,
        reads: int = 7) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-codings-"))
    try:
        return _run(folder, codings, batches, documents, words, reads)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path, codings: int, batches: int, documents: int, words: int, reads: int) -> list[dict]:
    project, docs = make_project(folder, documents, words)
    sql = {r[0]: r[1] for r in project.store.conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")}
    index_ddl = [sql[k] for k in ("codings_by_document", "codings_by_code", "codings_by_coder")]
    plain = bare_table(folder / "bare.sqlite", sql["codings"], [])
    indexed = bare_table(folder / "bare_indexed.sqlite", sql["codings"], index_ddl)
    codes = {r["key"]: r["id"] for r in project.store.codes()}
    coder = ("coder1", project.store.coder_by_name("coder1")["id"])
    rng = random.Random(42)
    insert = f"INSERT INTO codings ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
    t_qc = t_plain = t_indexed = 0.0
    per_batch = codings // batches
    seen: set[tuple[int, int, int, str]] = set()
    for _ in range(batches):
        specs, rows = batch(rng, per_batch, docs, codes, coder, seen)
        t_qc += timed(partial(project.add_codings, specs))
        t_plain += timed(partial(insert_rows, plain, insert, rows))
        t_indexed += timed(partial(insert_rows, indexed, insert, rows))
    total = per_batch * batches
    assert project.store.count("codings") == total == plain.execute("SELECT count(*) FROM codings").fetchone()[0]

    plain.execute(sql["codings_by_document"])
    plain.commit()
    doc = docs[len(docs) // 2]
    lean_sql = f"SELECT {LEAN} FROM codings WHERE document_id = ? {ORDER}"
    full_sql = f"SELECT * FROM codings WHERE document_id = ? {ORDER}"
    reads_qc = {
        "store.document_codings": measure(lambda _: len(project.store.document_codings(doc["id"])), repeat=reads),
        "Project.codings(document=)": measure(lambda _: len(project.codings(document=doc["name"])), repeat=reads),
    }
    reads_base = {
        "store.document_codings": measure(lambda _: len(plain.execute(lean_sql, (doc["id"],)).fetchall()),
                                          repeat=reads),
        "Project.codings(document=)": measure(lambda _: len(plain.execute(full_sql, (doc["id"],)).fetchall()),
                                              repeat=reads),
    }
    project.close()
    plain.close()
    indexed.close()
    size = (folder / "codings.qualcode").stat().st_size
    bare_size = (folder / "bare_indexed.sqlite").stat().st_size

    print(f"codings: {total:,} codings in {batches} batches over {documents} documents, 20 codes, 1 coder")
    print(f"  qualcode add_codings:             {t_qc:.2f} s ({total / t_qc:,.0f} codings/s)")
    print(f"  bare executemany, plain table:    {t_plain:.2f} s ({total / t_plain:,.0f} codings/s) "
          f"ratio {t_qc / t_plain:.2f}x")
    print(f"  bare executemany, with 3 indexes: {t_indexed:.2f} s ({total / t_indexed:,.0f} codings/s) "
          f"ratio {t_qc / t_indexed:.2f}x")
    rows = [
        {"benchmark": "codings", "measure": f"add_codings {total:,} codings ({batches} batches)",
         "qualcode": f"{t_qc:.2f} s ({total / t_qc:,.0f} codings/s)",
         "baseline": f"{t_plain:.2f} s ({total / t_plain:,.0f} codings/s), executemany, plain table",
         "ratio": f"{t_qc / t_plain:.2f}"},
        {"benchmark": "codings", "measure": "same, baseline table with the project's 3 codings indexes",
         "qualcode": f"{t_qc:.2f} s", "baseline": f"{t_indexed:.2f} s ({total / t_indexed:,.0f} codings/s)",
         "ratio": f"{t_qc / t_indexed:.2f}"},
    ]
    for name, qc in reads_qc.items():
        base = reads_base[name]
        what = "lean columns" if name.startswith("store") else "all columns"
        print(f"  read {name}: median {qc.median * 1e3:.1f} ms, {qc.result:,} rows; bare SELECT ({what}) "
              f"median {base.median * 1e3:.1f} ms, {base.result:,} rows; ratio {qc.median / base.median:.2f}x")
        rows.append({"benchmark": "codings", "measure": f"read one document: {name}, {qc.result:,} rows "
                     f"(median of {reads})", "qualcode": f"{qc.median * 1e3:.1f} ms",
                     "baseline": f"{base.median * 1e3:.1f} ms, bare SELECT ({what}) WHERE document_id = ?",
                     "ratio": f"{qc.median / base.median:.2f}"})
    print(f"  project file {size / 2**20:.1f} MiB; bare indexed file {bare_size / 2**20:.1f} MiB")
    rows.append({"benchmark": "codings", "measure": "file size after the load", "qualcode": f"{size / 2**20:.1f} MiB",
                 "baseline": f"{bare_size / 2**20:.1f} MiB (bare table with the 3 indexes)",
                 "ratio": f"{size / bare_size:.2f}"})
    return rows
