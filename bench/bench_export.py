"""XLSX export benchmark: write_table against pandas.DataFrame.to_excel(engine="openpyxl").

Setup (not timed): a DataFrame shaped like ``Project.codings`` with 100,000 codings
(document, informant, group, source type, code, code name, parent code, coder, offsets,
created_at) whose quotes are runs of 8-60 words drawn from the sample transcripts
(transcripts_sample/interviews), i.e. realistic Indonesian text with punctuation and emoji.

Timed (median of ``repeat``): ``write_table(frame, path, "xlsx", title=, caption=, notes=)``,
which adds a title, caption and notes, a bold frozen header, content-based column widths and
wrapped text in the quote column (one styled cell per quote), against
``frame.to_excel(path, engine="openpyxl", index=False)`` of the same frame, which writes plain
cells. Both files are read back (values of the last row) to check they hold the same data.
"""

from __future__ import annotations

import random
import re
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd

from qualcode.export.tables import write_table

from .timing import measure

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("community", "agency", "leadership")


def _words() -> list[str]:
    words: list[str] = []
    for path in sorted((ROOT / "transcripts_sample" / "interviews").glob("*")):
        if path.suffix in (".txt", ".md"):
            words += re.findall(r"\S+", path.read_text(encoding="utf-8"))
    return words or "Koordinasinya jarang , Pak . Biasanya lewat WhatsApp saja 😅 & 50% data_DTKS".split()


def generate(codings: int = 100_000, seed: int = 7) -> pd.DataFrame:
    """A codings-like DataFrame with realistic quotes (deterministic for a seed)."""
    rng = random.Random(seed)
    words = _words()
    rows = []
    for i in range(codings):
        informant = rng.randrange(1, 61)
        start = rng.randrange(0, 20_000)
        n = rng.randrange(8, 61)
        at = rng.randrange(0, max(1, len(words) - n))
        quote = " ".join(words[at:at + n])
        code = f"E{rng.randrange(1, 9)}.{rng.randrange(1, 5)}"
        rows.append({
            "id": i + 1, "document": f"I-{informant:02d} wawancara", "informant": f"I-{informant:02d}",
            "group": GROUPS[informant % 3], "source_type": "interview", "code": code,
            "code_name": f"Kode {code}", "parent_code": code.split(".")[0], "coder": rng.choice(("rina", "budi")),
            "start": start, "end": start + len(quote), "quote": quote, "memo": None,
            "created_at": "2026-11-28T10:00:00+00:00",
        })
    return pd.DataFrame(rows)


def run(*, codings: int = 100_000, repeat: int = 3) -> list[dict]:
    frame = generate(codings)
    print(f"export: {len(frame):,} codings to XLSX, mean quote {frame['quote'].str.len().mean():.0f} characters")
    folder = Path(tempfile.mkdtemp(prefix="qualcode-bench-export-"))
    ours_path, bare_path = folder / "ours.xlsx", folder / "bare.xlsx"
    ours = measure(lambda _: write_table(frame, ours_path, "xlsx", title="Codings", caption=f"{len(frame)} codings",
                                         notes="benchmark", sheet_name="codings"), repeat=repeat)
    bare = measure(lambda _: frame.to_excel(bare_path, engine="openpyxl", index=False), repeat=repeat)
    a = openpyxl.load_workbook(ours_path, read_only=True).active
    b = openpyxl.load_workbook(bare_path, read_only=True).active
    last_a = [c.value for c in list(a.iter_rows(min_row=len(frame) + 4, max_row=len(frame) + 4))[0]]
    last_b = [c.value for c in list(b.iter_rows(min_row=len(frame) + 1, max_row=len(frame) + 1))[0]]
    assert last_a == last_b, (last_a, last_b)
    ratio = ours.median / bare.median
    print(f"  write_table xlsx: median {ours.median:.2f} s ({ours_path.stat().st_size / 1e6:.1f} MB); "
          f"DataFrame.to_excel(openpyxl): median {bare.median:.2f} s ({bare_path.stat().st_size / 1e6:.1f} MB); "
          f"ratio {ratio:.2f}x")
    for path in (ours_path, bare_path):
        path.unlink()
    folder.rmdir()
    return [{"benchmark": "export", "measure": f"write_table XLSX of {len(frame):,} codings with quotes, title, "
                                                f"bold frozen header, widths, wrapped quotes (median of {repeat})",
             "qualcode": f"{ours.median:.2f} s", "baseline": f"{bare.median:.2f} s, DataFrame.to_excel(engine="
                                                               f"\"openpyxl\", index=False), plain cells",
             "ratio": f"{ratio:.2f}"}]


if __name__ == "__main__":  # pragma: no cover
    print(run())
