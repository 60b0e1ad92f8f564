"""REFI-QDA import benchmark: qualcode's import_refi against bare unzip + defusedxml parse + source reads.

The data is a generated .qdpx: four synthetic transcripts of 20,000 words each
(bench/generate.py) and 1,000 codings (PlainTextSelection + Coding) by two
users over eight codes. qualcode checks the archive, parses project.qde,
normalises the texts, segments them into turns and sentences (spaCy) and stores
codes, documents, units, coders and codings in a fresh project file in one
transaction. The baseline opens the same archive, parses project.qde with
defusedxml and reads and decodes every source text; nothing is stored.

Run: ``.venv/bin/python -m bench.bench_refi [--repeat N]`` (not part of ``python -m bench``).
"""

from __future__ import annotations

import argparse
import bisect
import random
import shutil
import tempfile
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET

from qualcode import segment
from qualcode.project import Project
from qualcode.refi import import_refi
from qualcode.refi.model import (
    RefiCode,
    RefiCoding,
    RefiProject,
    RefiSelection,
    RefiSource,
)
from qualcode.refi.write import write_qdpx

from .generate import transcript
from .timing import measure

EMOJI = "🙂👍😊🤔💰"


def nvivo_style(source: RefiSource, rng: random.Random) -> None:
    """Rewrite a source as NVivo for Windows exports it: an emoji after about one word in fifty, CRLF line ends,
    a BOM, and positions in UTF-16 code units of that raw text (BOM not counted)."""
    pieces, inserted_at, old = [], [], 0
    for word in source.text.split(" "):
        old += len(word)
        pieces.append(word)
        if rng.random() < 0.02:
            pieces[-1] += " " + rng.choice(EMOJI)
            inserted_at.append(old)
        old += 1
    text = " ".join(pieces)
    raw = text.replace("\n", "\r\n")

    def units(offset: int) -> int:
        offset += 2 * bisect.bisect_left(inserted_at, offset)  # each insertion is a space and one emoji
        return len(raw[:offset + text.count("\n", 0, offset)].encode("utf-16-le")) // 2

    for sel in source.selections:
        sel.start, sel.end = units(sel.start), units(sel.end)
    source.text = "\ufeff" + raw


def build_qdpx(path: Path, *, documents: int, words: int, codings: int, seed: int = 7,
               nvivo: bool = False) -> RefiProject:
    """Write a .qdpx with ``documents`` transcripts of ``words`` words and ``codings`` codings (``nvivo``: as NVivo
    writes them, see :func:`nvivo_style`)."""
    rng = random.Random(seed)
    users = {"AAAAAAAA-0000-0000-0000-00000000000" + str(n): name for n, name in enumerate(("rina", "budi"), 1)}
    codes = [RefiCode(guid=f"BBBBBBBB-0000-0000-0000-{n:012d}", name=f"Code {n}", color="#336699",
                      description=f"Definition {n}", parent=None if n < 4 else f"BBBBBBBB-0000-0000-0000-{n % 4:012d}")
             for n in range(8)]
    sources = [RefiSource(guid=f"CCCCCCCC-0000-0000-0000-{n:012d}", name=f"Transcript {n + 1}",
                          text=transcript(words, seed=2024 + n)) for n in range(documents)]
    for n in range(codings):
        source = sources[n % documents]
        start = rng.randrange(0, len(source.text) - 400)
        coding = RefiCoding(code=rng.choice(codes).guid, user=rng.choice(list(users)), created="2024-01-01T00:00:00Z")
        source.selections.append(RefiSelection(guid=f"DDDDDDDD-0000-0000-0000-{n:012d}", start=start,
                                               end=start + rng.randrange(20, 400), codings=[coding]))
    if nvivo:
        for source in sources:
            nvivo_style(source, rng)
    project = RefiProject(name="bench", origin="NVivo for Windows 12.6" if nvivo else "bench", users=users,
                          codes=codes, sources=sources)
    write_qdpx(project, path)
    return project


def qualcode_import(path: Path, target: Path) -> int:
    with Project.create(target) as project:
        return import_refi(project, path, language="id").codings


def baseline(path: Path) -> int:
    """Unzip, parse project.qde with defusedxml and read every source text; returns the selections seen."""
    with zipfile.ZipFile(path) as archive:
        root = SafeET.fromstring(archive.read("project.qde"))
        chars = sum(len(archive.read(n).decode("utf-8")) for n in archive.namelist() if n.startswith("sources/"))
    assert chars > 0
    return sum(1 for el in root.iter() if el.tag.endswith("PlainTextSelection"))


def run(*, documents: int = 4, words: int = 20_000, codings: int = 1000, repeat: int = 3) -> list[dict]:
    rows = []
    for nvivo in (False, True):
        folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-refi-"))
        try:
            path = folder / "bench.qdpx"
            build_qdpx(path, documents=documents, words=words, codings=codings, nvivo=nvivo)
            size = path.stat().st_size
            segment.pipeline("id")  # load the spaCy pipeline outside the timed part
            targets = (folder / f"p{n}.qualcode" for n in range(1, 1_000_000))

            def target(targets=targets) -> Path:  # a fresh project file for every timed import
                return next(targets)

            qc = measure(lambda t, path=path: qualcode_import(path, t), repeat=repeat, setup=target)
            base = measure(lambda _, path=path: baseline(path), repeat=repeat)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        ratio = qc.best / base.best
        name = "refi import, NVivo-style" if nvivo else "refi import"
        what = " (UTF-16 positions, CRLF, BOM, emoji)" if nvivo else ""
        print(f"{name}: {documents} transcripts x {words:,} words, {codings:,} codings{what}, "
              f".qdpx {size / 2**10:.0f} KiB")
        print(f"  qualcode import_refi:               best {qc.best:.3f} s, median {qc.median:.3f} s; "
              f"{qc.result:,} codings stored")
        print(f"  unzip + defusedxml + read sources:  best {base.best:.4f} s, median {base.median:.4f} s; "
              f"{base.result:,} selections seen")
        print(f"  ratio qualcode/baseline: {ratio:.1f}x")
        rows.append({"benchmark": name,
                     "measure": f"{documents} transcripts x {words:,} words, {codings:,} codings{what} "
                                f"(best of {repeat})",
                     "qualcode": f"{qc.best:.2f} s",
                     "baseline": f"{base.best:.4f} s, unzip + defusedxml parse + read sources",
                     "ratio": f"{ratio:.1f}"})
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m bench.bench_refi", description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    run(repeat=parser.parse_args().repeat)
