"""Import benchmark: qualcode's Project.import_document against bare spaCy sentence segmentation.

qualcode reads each file, decodes and normalises it, detects speaker turns,
segments sentences with a blank spaCy pipeline and stores document and units
in the project file. The baseline reads the same files in the same process and
runs ``spacy.blank("id")`` with the sentencizer over each whole text.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import spacy

from qualcode import segment
from qualcode.project import Project

from .generate import write_transcripts
from .timing import measure

INFORMANTS = 20


def new_project(folder: Path, run: list[int]) -> Project:
    """A fresh project with one group and INFORMANTS informants (untimed setup)."""
    run[0] += 1
    project = Project.create(folder / f"import_{run[0]}.qualcode")
    project.add_group("g1", "Group 1")
    for n in range(INFORMANTS):
        project.add_informant(f"I-{n + 1:02d}", "g1")
    return project


def import_all(project: Project, paths: list[Path]) -> int:
    """Import every file with a unique name; returns the number of units stored."""
    for n, path in enumerate(paths):
        project.import_document(path, informant=f"I-{n % INFORMANTS + 1:02d}", source_type="interview",
                                language="id", name=f"doc-{n + 1:04d}")
    units = project.store.count("units")
    project.close()
    return units


def spacy_baseline(nlp: spacy.language.Language, paths: list[Path]) -> int:
    """Read each file and split it into sentences; returns the number of sentences."""
    sentences = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if len(text) >= nlp.max_length:
            nlp.max_length = len(text) + 1
        sentences += sum(1 for _ in nlp(text).sents)
    return sentences


def run(*, documents: int = 200, words: int = 5000, repeat: int = 3) -> list[dict]:
    """Time both sides best-of-``repeat``; print and return result rows."""
    folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-import-"))
    try:
        paths = write_transcripts(folder / "txt", documents, words)
        total_words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        nlp = spacy.blank("id")
        nlp.add_pipe("sentencizer")
        segment.pipeline("id")  # load qualcode's cached pipeline outside the timed part, as for the baseline
        counter = [0]
        qc = measure(lambda p: import_all(p, paths), repeat=repeat, setup=lambda: new_project(folder, counter))
        base = measure(lambda _: spacy_baseline(nlp, paths), repeat=repeat)
        size = (folder / f"import_{counter[0]}.qualcode").stat().st_size
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ratio = qc.best / base.best
    print(f"import: {documents} transcripts x {words} words = {total_words:,} words")
    print(f"  qualcode import_document: best {qc.best:.2f} s, median {qc.median:.2f} s "
          f"({total_words / qc.best:,.0f} words/s); {qc.result:,} units stored; file {size / 2**20:.1f} MiB")
    print(f"  bare spaCy sentencizer:   best {base.best:.2f} s, median {base.median:.2f} s "
          f"({total_words / base.best:,.0f} words/s); {base.result:,} sentences")
    print(f"  ratio qualcode/baseline: {ratio:.2f}x")
    return [
        {"benchmark": "import", "measure": f"import {documents} transcripts, {total_words:,} words (best of {repeat})",
         "qualcode": f"{qc.best:.2f} s ({total_words / qc.best:,.0f} words/s)",
         "baseline": f"{base.best:.2f} s ({total_words / base.best:,.0f} words/s), bare spaCy sentencizer",
         "ratio": f"{ratio:.2f}"},
        {"benchmark": "import", "measure": "units stored (turns + sentences) / baseline sentences",
         "qualcode": f"{qc.result:,}", "baseline": f"{base.result:,}", "ratio": ""},
    ]
