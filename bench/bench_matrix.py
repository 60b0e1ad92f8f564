"""Triangulation matrix benchmark: Project.matrix against a bare SQL GROUP BY on the same file.

Setup (not timed): a project with 500 informants in 3 groups, a 40-code codebook
(8 parents with 4 sub-codes each), two generated documents per informant (an
interview and an observation, 300 words each) plus 20 documents without
informant, and 1,000,000 codings by two coders added with ``Project.add_codings``
in batches of 100,000 (random valid spans of 20-400 characters, random code).

Timed (median of 3 each): ``Project.matrix(by="group", measure="segments")``,
``measure="informants"`` and ``by="informant", measure="segments"``, against a
bare ``sqlite3`` query over the same database file that joins codings to codes,
documents, informants and groups and counts with ``GROUP BY 1, 2`` (``count(*)``
or ``count(DISTINCT informant)``). A second baseline runs qualcode's own
strategy in bare SQL: count per (code_id, document_id) in one scan of the
codings table, then join those sums. The bare queries return only the non-empty
cells; qualcode returns the full DataFrame in codebook and group order, with
zeros, and the number of codings left out. All results are checked to agree.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from qualcode.codebook import Code, Codebook
from qualcode.project import CodingSpec, Project

from .generate import write_transcripts
from .timing import measure

GROUPS = ("community", "agency", "leadership")
CODERS = ("rina", "budi")
BARE = {
    "segments": "count(*)",
    "informants": "count(DISTINCT i.id)",
}
BARE_SQL = """SELECT c.key, {column}, {value} FROM codings x
    JOIN codes c ON c.id = x.code_id
    JOIN documents d ON d.id = x.document_id
    JOIN informants i ON i.id = d.informant_id
    JOIN groups g ON g.id = i.group_id
    GROUP BY 1, 2"""
# The same strategy as qualcode's store query, in bare SQL: count per (code_id, document_id)
# in one scan of the codings table, then join the few thousand sums to codes, informants, groups.
TUNED_SQL = """SELECT c.key, {column}, {value} FROM (
        SELECT code_id, document_id, count(*) AS n FROM codings NOT INDEXED GROUP BY 1, 2) x
    JOIN codes c ON c.id = x.code_id
    JOIN documents d ON d.id = x.document_id
    JOIN informants i ON i.id = d.informant_id
    JOIN groups g ON g.id = i.group_id
    GROUP BY 1, 2"""
TUNED = {"segments": "sum(x.n)", "informants": "count(DISTINCT i.id)"}
CASES = [  # (by, measure, bare column)
    ("group", "segments", "g.key"),
    ("group", "informants", "g.key"),
    ("informant", "segments", "i.key"),
]


def codebook() -> Codebook:
    """40 codes: 8 parents with 4 sub-codes each."""
    codes = []
    for p in range(8):
        codes.append(Code(key=f"E{p + 1}", name=f"Element {p + 1}"))
        codes += [Code(key=f"E{p + 1}.{c + 1}", name=f"Element {p + 1}.{c + 1}", parent=f"E{p + 1}") for c in range(4)]
    return Codebook(name="bench-matrix", codes=codes)


def make_project(folder: Path, informants: int, words: int) -> tuple[Project, list[dict]]:
    project = Project.create(folder / "matrix.qualcode")
    for key in GROUPS:
        project.add_group(key)
    project.load_codebook(codebook())
    for coder in CODERS:
        project.add_coder(coder)
    keys = [f"I-{n + 1:04d}" for n in range(informants)]
    with project.store.atomic():
        for n, key in enumerate(keys):
            project.add_informant(key, GROUPS[n % len(GROUPS)])
    texts = write_transcripts(folder / "txt", 2 * informants + 20, words, seed=9000)
    with project.store.atomic():
        for n, path in enumerate(texts):
            informant = keys[n // 2] if n < 2 * informants else None
            source = "document" if informant is None else ("interview", "observation")[n % 2]
            project.import_document(path, informant=informant, source_type=source, name=f"doc-{n + 1:04d}")
    docs = [{"id": r["id"], "length": len(project.store.document_text(r["id"]))} for r in project.store.documents()]
    return project, docs


def add_codings(project: Project, docs: list[dict], total: int, batches: int) -> float:
    rng = random.Random(11)
    keys = [c.key for c in codebook().codes]
    seen: set[tuple] = set()  # the API refuses a coder giving one code to exactly the same span twice
    started = time.perf_counter()
    for _ in range(batches):
        specs: list[CodingSpec] = []
        while len(specs) < total // batches:
            doc = docs[rng.randrange(len(docs))]
            start = rng.randrange(doc["length"] - 1)
            end = min(doc["length"], start + rng.randint(20, 400))
            spec = CodingSpec(doc["id"], start, end, rng.choice(keys), rng.choice(CODERS))
            if (spec.document, start, end, spec.code, spec.coder) not in seen:
                seen.add((spec.document, start, end, spec.code, spec.coder))
                specs.append(spec)
        project.add_codings(specs)
    return time.perf_counter() - started


def run(*, codings: int = 1_000_000, informants: int = 500, words: int = 300, batches: int = 10,
        repeat: int = 3) -> list[dict]:
    folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-matrix-"))
    try:
        return _run(folder, codings, informants, words, batches, repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(folder: Path, codings: int, informants: int, words: int, batches: int, repeat: int) -> list[dict]:
    t0 = time.perf_counter()
    project, docs = make_project(folder, informants, words)
    t_docs = time.perf_counter() - t0
    t_add = add_codings(project, docs, codings, batches)
    total = project.store.count("codings")
    bare = sqlite3.connect(project.path)
    print(f"matrix: {informants} informants in 3 groups, {len(docs)} documents, 40 codes, {total:,} codings "
          f"(setup: documents {t_docs:.1f} s, add_codings {t_add:.1f} s)")
    rows = []
    for by, what, column in CASES:
        qc = measure(lambda _, by=by, what=what: project.matrix(by=by, measure=what), repeat=repeat)
        matrix = qc.result
        found = {(code, col): int(n) for (code, col), n in matrix.stack().items() if n}
        for name, sql in (("bare GROUP BY", BARE_SQL.format(column=column, value=BARE[what])),
                          ("pre-aggregated bare SQL", TUNED_SQL.format(column=column, value=TUNED[what]))):
            base = measure(lambda _, sql=sql: bare.execute(sql).fetchall(), repeat=repeat)
            cells = {(code, col): n for code, col, n in base.result}
            assert found == cells, (by, what, name)
            ratio = qc.median / base.median
            print(f"  matrix(by={by!r}, measure={what!r}) {matrix.shape[0]}x{matrix.shape[1]}: median "
                  f"{qc.median * 1e3:.0f} ms; {name} ({len(cells):,} cells) median {base.median * 1e3:.0f} ms; "
                  f"ratio {ratio:.2f}x")
            if name == "bare GROUP BY":
                label = f"Project.matrix(by=\"{by}\", measure=\"{what}\"), {total:,} codings (median of {repeat})"
                baseline = f"bare sqlite3 GROUP BY code, {by} ({BARE[what]}) over the joined codings"
            else:
                label = "same, baseline counting per (code_id, document_id) first, as qualcode does"
                baseline = "pre-aggregated bare SQL"
            rows.append({"benchmark": "matrix", "measure": label, "qualcode": f"{qc.median * 1e3:.0f} ms",
                         "baseline": f"{base.median * 1e3:.0f} ms, {baseline}", "ratio": f"{ratio:.2f}"})
    bare.close()
    project.close()
    return rows
