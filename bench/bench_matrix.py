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

Also timed: the word frequency of one code's passages,
``Project.word_frequencies(by="code", value="E3.2")``, against bare sqlite3 reads
of that code's codings, the sentence units and the texts, then plain Python
(merged intervals, bisect, spaCy's blank tokenizer, a Counter) applying the same
word rule and stop lists; the counts are checked to agree.

And a coding query: ``Project.query_passages("E1.1 AND E1.2")`` (where codings of
the two codes overlap, their common characters) and ``"E1.1 NOT E1.2"`` (E1.1's
passages overlapping no E1.2), against one bare sqlite3 statement each (a self-join
of the codings table on document and overlap; NOT EXISTS) returning the same
distinct spans; the spans are checked to agree.

And the code map: ``codemap_data`` (co-occurrence by overlap, its edges, the nodes and the seeded layout with
its separation step) against ``Project.cooccurrence(by="overlap")``, the computation it builds on; the map's
edges are checked to equal the co-occurrence table.

And the group profiles: ``profile_data(by="group", share="informants")`` (the shares of each group's informants with
their coverage patterns) against ``Project.matrix(by="group", measure="share")``, the matrix it builds on; the
shares are checked to be the matrix's.
"""

from __future__ import annotations

import bisect
import random
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH
from spacy.lang.id.stop_words import STOP_WORDS as INDONESIAN

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
    rows += word_rows(project, bare, total, repeat)
    rows += query_rows(project, bare, total, repeat)
    rows += codemap_rows(project, total, repeat)
    rows += profile_rows(project, total, repeat)
    bare.close()
    project.close()
    return rows


# -- word frequency of one code ------------------------------------------------------------------

WORD_CODE = "E3.2"


def bare_word_counts(bare: sqlite3.Connection, code: str, nlps: dict[str, spacy.language.Language]) -> Counter:
    """The baseline: bare sqlite3 reads, then plain Python. The code's coded stretches per document (merged),
    cut to the sentence units, and every spaCy token of the text lying wholly inside one of them counted by
    qualcode's word rule (qualcode.analysis.words), with bisect instead of numpy and no DataFrame. ``nlps``: a
    blank pipeline per language, made before the timer starts (as qualcode's are cached once made)."""
    code_id = bare.execute("SELECT id FROM codes WHERE key = ?", (code,)).fetchone()[0]
    coded: dict[int, list[tuple[int, int]]] = {}
    for doc_id, start, end in bare.execute('SELECT document_id, start, "end" FROM codings WHERE code_id = ?',
                                           (code_id,)):
        coded.setdefault(doc_id, []).append((start, end))
    sentences: dict[int, list[tuple[int, int]]] = {}
    for doc_id, start, end in bare.execute('SELECT document_id, start, "end" FROM units WHERE kind = \'sentence\''):
        sentences.setdefault(doc_id, []).append((start, end))
    stop = {w.lower() for w in (*INDONESIAN, *ENGLISH)}
    counts: Counter = Counter()
    for doc_id, text, language in bare.execute("SELECT id, text, language FROM documents"):
        if doc_id not in coded:
            continue
        regions = _cut(_merged(coded[doc_id]), _merged(sentences.get(doc_id, [])))
        starts = [r[0] for r in regions]
        nlp = nlps[language]
        for token in nlp.make_doc(text):
            raw = token.text
            slot = bisect.bisect_right(starts, token.idx) - 1
            if slot < 0 or token.idx + len(raw) > regions[slot][1] or raw.isspace() or raw.startswith("-"):
                continue
            a, b = 0, len(raw)
            while a < b and not raw[a].isalnum():
                a += 1
            while b > a and not raw[b - 1].isalnum():
                b -= 1
            word = raw[a:b].lower()
            if any(ch.isalpha() for ch in word) and word not in stop and raw.lower() not in stop:
                counts[word] += 1
    return counts


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        elif end > start:
            out.append([start, end])
    return [(a, b) for a, b in out]


def _cut(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [(max(a, c), min(b, d)) for a, b in first for c, d in second if max(a, c) < min(b, d)]


def word_rows(project: Project, bare: sqlite3.Connection, total: int, repeat: int) -> list[dict]:
    """Project.word_frequencies(by="code") against :func:`bare_word_counts`; the counts are checked to agree."""
    qc = measure(lambda _: project.word_frequencies(by="code", value=WORD_CODE), repeat=repeat)
    nlps = {lang: spacy.blank(lang) for (lang,) in bare.execute("SELECT DISTINCT language FROM documents")}
    base = measure(lambda _: bare_word_counts(bare, WORD_CODE, nlps), repeat=repeat)
    table = qc.result
    assert dict(zip(table["word"], table["count"], strict=True)) == dict(base.result)
    ratio = qc.median / base.median
    print(f"  word_frequencies(by='code', value={WORD_CODE!r}) {len(table):,} words, {int(table['count'].sum()):,} "
          f"counted: median {qc.median * 1e3:.0f} ms; bare sqlite3 + Python median {base.median * 1e3:.0f} ms; "
          f"ratio {ratio:.2f}x")
    return [{"benchmark": "matrix", "measure": f"Project.word_frequencies(by=\"code\", value=\"{WORD_CODE}\"), "
             f"{total:,} codings (median of {repeat})", "qualcode": f"{qc.median * 1e3:.0f} ms",
             "baseline": f"{base.median * 1e3:.0f} ms, bare sqlite3 reads + spaCy tokenizer + plain Python Counter",
             "ratio": f"{ratio:.2f}"}]


# -- a coding query ------------------------------------------------------------------------------

QUERY_SQL = {
    "E1.1 AND E1.2": """SELECT DISTINCT a.document_id, max(a.start, b.start), min(a."end", b."end")
        FROM codings a JOIN codings b ON b.document_id = a.document_id AND a.start < b."end" AND b.start < a."end"
        WHERE a.code_id = (SELECT id FROM codes WHERE key = 'E1.1')
          AND b.code_id = (SELECT id FROM codes WHERE key = 'E1.2')""",
    "E1.1 NOT E1.2": """SELECT DISTINCT a.document_id, a.start, a."end" FROM codings a
        WHERE a.code_id = (SELECT id FROM codes WHERE key = 'E1.1')
          AND NOT EXISTS (SELECT 1 FROM codings b WHERE b.document_id = a.document_id
                          AND b.code_id = (SELECT id FROM codes WHERE key = 'E1.2')
                          AND a.start < b."end" AND b.start < a."end")""",
}


def query_rows(project: Project, bare: sqlite3.Connection, total: int, repeat: int) -> list[dict]:
    """Project.query_passages against one bare SQL statement per query; the spans are checked to agree."""
    rows = []
    for text, sql in QUERY_SQL.items():
        qc = measure(lambda _, text=text: project.query_passages(text), repeat=repeat)
        base = measure(lambda _, sql=sql: bare.execute(sql).fetchall(), repeat=repeat)
        found = set(zip(qc.result["document_id"], qc.result["start"], qc.result["end"], strict=True))
        assert found == set(base.result), text
        ratio = qc.median / base.median
        print(f"  query_passages({text!r}) {len(found):,} passages: median {qc.median * 1e3:.0f} ms; bare SQL "
              f"median {base.median * 1e3:.0f} ms; ratio {ratio:.2f}x")
        rows.append({"benchmark": "matrix", "measure": f"Project.query_passages(\"{text}\"), {total:,} codings "
                     f"(median of {repeat})", "qualcode": f"{qc.median * 1e3:.0f} ms",
                     "baseline": f"{base.median * 1e3:.0f} ms, one bare sqlite3 statement (self-join on overlap"
                                 f"{'' if 'AND' in text else ', NOT EXISTS'}) returning the distinct spans",
                     "ratio": f"{ratio:.2f}"})
    return rows


# -- the code map ----------------------------------------------------------------------------------

def codemap_rows(project: Project, total: int, repeat: int) -> list[dict]:
    """codemap_data against Project.cooccurrence (what its edges are made of); the edges are checked to agree."""
    from qualcode.project.codemap import codemap_data

    qc = measure(lambda _: codemap_data(project, mode="overlap"), repeat=repeat)
    base = measure(lambda _: project.cooccurrence(by="overlap"), repeat=repeat)
    nodes, edges = qc.result
    counts = base.result[0]
    table = {(a, b): int(counts.loc[a, b]) for i, a in enumerate(counts.index) for b in counts.index[i + 1:]
             if counts.loc[a, b] > 0}
    assert dict(zip(zip(edges["code_a"], edges["code_b"], strict=True), edges["count"], strict=True)) == table
    ratio = qc.median / base.median
    print(f"  codemap_data(mode='overlap') {len(nodes)} nodes, {len(edges):,} edges: median {qc.median * 1e3:.0f} ms; "
          f"Project.cooccurrence median {base.median * 1e3:.0f} ms; ratio {ratio:.2f}x")
    return [{"benchmark": "matrix", "measure": f"codemap: codemap_data(mode=\"overlap\") with layout, {total:,} "
             f"codings (median of {repeat})", "qualcode": f"{qc.median * 1e3:.0f} ms",
             "baseline": f"{base.median * 1e3:.0f} ms, Project.cooccurrence(by=\"overlap\") (the table it draws)",
             "ratio": f"{ratio:.2f}"}]


# -- the group profiles ----------------------------------------------------------------------------

def profile_rows(project: Project, total: int, repeat: int) -> list[dict]:
    """profile_data against Project.matrix(measure="share") (the matrix it reads); the shares are checked to agree."""
    from qualcode.project.profiles import profile_data

    qc = measure(lambda _: profile_data(project, by="group", share="informants"), repeat=repeat)
    base = measure(lambda _: project.matrix(by="group", measure="share"), repeat=repeat)
    data, matrix = qc.result, base.result
    assert {(c, k): v for c, k, v in zip(data["code"], data["column"], data["value"], strict=True)} == {
        (c, k): v for (c, k), v in matrix.stack().items()}
    ratio = qc.median / base.median
    print(f"  profile_data(by='group', share='informants') {len(data):,} bars: median {qc.median * 1e3:.0f} ms; "
          f"Project.matrix(measure='share') median {base.median * 1e3:.0f} ms; ratio {ratio:.2f}x")
    return [{"benchmark": "matrix", "measure": f"profiles: profile_data(by=\"group\", share=\"informants\") with "
             f"coverage patterns, {total:,} codings (median of {repeat})", "qualcode": f"{qc.median * 1e3:.0f} ms",
             "baseline": f"{base.median * 1e3:.0f} ms, Project.matrix(by=\"group\", measure=\"share\") (the matrix "
                         f"it reads)", "ratio": f"{ratio:.2f}"}]
