"""Every LaTeX table qualcode writes compiles with pdflatex and lualatex, and fits its page.

Each table of the catalogue, with the options that make it widest, is written for each engine, once for the demo
project and once for a project full of special characters (LaTeX specials, quotes, emoji, ``ŋ``, Arabic, CJK,
combining accents, very long words and URLs, tabs and control characters). All tables of one project go into one
document per engine, whose preamble is exactly the one the fragments' first lines state. A compile error, or an
overfull box more than ``OVERFULL_PT`` points too wide or too high, fails the test with the table it came from.
pdflatex runs with ``\\tracinglostchars=3``, so a character its fonts lack is an error too. The PDF is then read
back with pypdf: what a reader sees (the specials as typed, ``ŋ``, placeholders, landscape pages).

Skipped only where an engine is not installed; CI installs TeX Live (.ci/run).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pandas as pd
import pypdf
import pytest
from click.testing import CliRunner

from qualcode.cli import main
from qualcode.codebook import Code, Codebook
from qualcode.export.latex import PDFLATEX_RANGES, latex_escape
from qualcode.export.tables import latex_table, write_table
from qualcode.project import Project
from qualcode.project.catalog import CATALOG, export_table

from .conftest import copy_project

ENGINES = ("pdflatex", "lualatex")
OVERFULL_PT = 3.0
#: Options that make each table as wide as it gets (every column, every sub-code, two coders).
WIDEST = {"codings": {}, "quotes": {"memos": True}, "matrix": {"by": "informant"}, "framework": {},
          "agreement": {"coders": ["rina", "budi"]}, "codebook": {}, "transcript": {"document": "I-01 Ketua LKS"},
          "frequencies": {}, "cooccurrence": {}}

LINES = [
    "Pewawancara: LaTeX specials \\ & % $ # _ { } ~ ^ < > | [x] *y* -- --- ,, !` ?` ``a'' end\\",
    "Informan: \"kutipan\" 'tunggal' “lengkung” ‘satu’ « guillemets » — dash – en",
    "Informan: emoji 😅 👍🏽 👨‍👩‍👧 ❤️ 🇮🇩 and ŋ Ŋ ñ é ü ß ø Œ ğ ş ı İ ą ł ż č ř ž ő ű ț ș ă â î ð þ æ å ¿¡ € £ °",
    "Informan: Tiếng Việt ạ ả ấ ơ ư; Arabic مرحبا بالعالم; CJK 中文字符测试日本語のテキスト한국어; Ελληνικά Привет мир",
    "Informan: combining e\u0301 a\u0308 q\u0303 n\u0303 o\u0328\u0301 x\u20dd; zero\u200bwidth; bom\ufeff; "
    "nbsp\u00a0x; shy\u00adx",
    "Informan: Pertanggungjawabannyalah https://example.org/a/very/long/path/with_many_segments/and-more?query=value"
    "&other=thing#fragment " + "A" * 80 + " " + "x_y" * 20,
    "Informan: tab\there, bell\x07, vertical\x0btab, escape\x1b, delete\x7f, c1\x85, replacement\ufffd, "
    "private\ue000, nonchar\uffff",
]
HOSTILE = "\\ & % $ # _ { } ~ ^ < > | [0] 😅 ŋ مرحبا 中文 e\u0301 \"q\" 'x'"


def special_project(path: Path) -> Path:
    """A project whose every name, code, quote, memo, summary and verdict holds characters that trouble LaTeX."""
    codes = [
        Code("S1", "Specials \\ & % $ # _ { } ~ ^", name_alt="Khusus 😅 ŋ", definition="Definition: " + HOSTILE,
             include="https://example.org/" + "segment/" * 12, exclude="\"quoted\" text", example=LINES[2]),
        Code("S1.1", "Sub_code_with_underscores", parent="S1", definition="مرحبا بالعالم 中文字符测试"),
        Code("S2", "Emoji 👍🏽 code", definition="x\ty\x07z"),
    ]
    with Project.create(path, name="Specials & 50% $") as p:
        p.add_group("g_1", "Group & Co. 😅")
        p.add_group("ŋ-group", "Kelompok ŋ")
        p.add_informant("I_01", "g_1", role="Ketua & 50%")
        p.add_informant("I-ŋ", "ŋ-group", role="中文")
        p.load_codebook(Codebook("specials", codes))
        for name in ("rina", "budi"):
            p.add_coder(name)
        for informant, name in (("I_01", "doc_#1 & 50%"), ("I-ŋ", "dok ŋ 😅")):
            file = path.parent / f"{informant}.txt"
            file.write_text(f"Dokumen {name}\n\n" + "\n\n".join(LINES) + "\n", encoding="utf-8")
            p.import_document(file, informant=informant, name=name)
            text = p.document(name)["text"]
            for k, line in enumerate(LINES):
                start = text.index(line[:20])
                end = text.find("\n", start) % (len(text) + 1)
                code = ("S1", "S1.1", "S2")[k % 3]
                p.add_coding(name, start, end, code, "rina", memo=f"memo {k}: " + HOSTILE)
                if k % 2 == 0:
                    p.add_coding(name, start, end, code, "budi")
            p.set_summary(informant, "S1", "Summary: " + HOSTILE, author="rina")
        p.set_verdict("S1", "agreement", supervisor="rina", rationale="Rationale " + HOSTILE)
    return path


@pytest.fixture(scope="module")
def special_path(tmp_path_factory) -> Path:
    return special_project(tmp_path_factory.mktemp("special") / "special.qualcode")


def engine_or_skip(engine: str) -> str:
    if shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed (CI installs TeX Live in .ci/run)")
    return engine


def stated_preamble(fragment: str) -> list[str]:
    """The preamble lines a fragment's header comment states (``%   \\usepackage...``)."""
    header = []
    for line in fragment.splitlines():
        if not line.startswith("%"):
            break
        header.append(line)
    return [line[4:] for line in header if line.startswith("%   \\")]


def compile_tex(folder: Path, engine: str, inputs: list[str], preamble: list[str], name: str = "all") -> str:
    """Compile a document that inputs each file of ``inputs`` on its own page; the log."""
    lost = ["\\tracinglostchars=3"] if engine == "pdflatex" else []  # a glyph the font lacks is an error
    body = [f"\\input{{{stem}}}\n\\clearpage" for stem in inputs]
    (folder / f"{name}.tex").write_text("\n".join(["\\documentclass{article}", *lost, *preamble,
                                                   "\\begin{document}", *body, "\\end{document}", ""]),
                                        encoding="utf-8")
    done = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"], cwd=folder,
                          capture_output=True, timeout=600, check=False)
    log = (folder / f"{name}.log").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, log[-3000:]
    return log


def problems(log: str, limit: float = OVERFULL_PT) -> list[str]:
    """Errors and overfull boxes beyond ``limit`` points in a log, each with the input file it came from."""
    opened = [(m.start(), m.group(1)) for m in re.finditer(r"\(\./([^()\s]+)\.tex", log)]
    found = []
    for match in re.finditer(r"^! .*$|Overfull \\[hv]box \(([\d.]+)pt too (?:wide|high)\)[^\n]*", log, re.M):
        if match.group(1) is not None and float(match.group(1)) <= limit:
            continue
        where = [name for start, name in opened if start < match.start()]
        found.append(f"{where[-1] if where else '?'}: {match.group()}")
    return found


def write_all(project_path: Path, folder: Path, engine: str, widest: dict) -> dict[str, str]:
    """Every catalogue table of the project, written for ``engine`` into ``folder``; name -> title."""
    titles = {}
    with Project.open(project_path) as p:
        for name in CATALOG:
            item = export_table(p, name, **widest.get(name, {}))
            write_table(item.frame, folder / f"{name}.tex", "tex", title=item.title, caption=item.caption,
                        notes=item.notes, sheet_name=item.name, latex_engine=engine)
            titles[name] = item.title
    return titles


def page_texts(pdf: Path) -> list[tuple[str, bool]]:
    """Each page's text and whether it is turned (landscape)."""
    return [(page.extract_text(), int(page.get("/Rotate", 0)) % 180 == 90) for page in pypdf.PdfReader(pdf).pages]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_demo_table_compiles_and_fits(demo_path, tmp_path, engine):
    engine_or_skip(engine)
    titles = write_all(copy_project(demo_path, tmp_path / "demo.qualcode"), tmp_path, engine, WIDEST)
    preamble = stated_preamble((tmp_path / "quotes.tex").read_text(encoding="utf-8"))
    assert all(stated_preamble((tmp_path / f"{n}.tex").read_text(encoding="utf-8")) == preamble for n in titles)
    log = compile_tex(tmp_path, engine, list(titles), [*preamble])
    assert problems(log) == []
    pages = page_texts(tmp_path / "all.pdf")
    # the tables are numbered in the order they are input; each starts with its number and title
    first = {name: next(k for k, (text, _) in enumerate(pages) if f"Table {n}\n{title}" in text)
             for n, (name, title) in enumerate(titles.items(), start=1)}
    turned = {name for name, k in first.items() if pages[k][1]}
    # the wide tables on turned pages, the transcript (line, text, codes) upright
    assert {"codings", "quotes", "framework", "agreement", "matrix"} <= turned and "transcript" not in turned
    # a long table repeats its caption and header on every page (none starts with a row of the table before)
    assert all(text.startswith("Table ") for text, _ in pages if text.strip())
    # every part of the framework matrix (informants x 40 codes) repeats the informant column
    n = list(titles).index("framework") + 1
    heads = re.findall(rf"Table {n}\n([^\n]*)\n([^\n]*)", "\n".join(text for text, _ in pages))
    assert len({columns for _, columns in heads}) > 3  # parts: different columns beside the informants
    assert all(columns.startswith("informant ") for _, columns in heads), heads
    assert [caption.endswith("(continued)") for caption, _ in heads] == [False] + [True] * (len(heads) - 1)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_table_of_special_characters_compiles_and_fits(special_path, tmp_path, engine):
    engine_or_skip(engine)
    widest = {**WIDEST, "transcript": {"document": "doc_#1 & 50%"}}
    titles = write_all(special_path, tmp_path, engine, widest)
    fragment = (tmp_path / "codebook.tex").read_text(encoding="utf-8")
    log = compile_tex(tmp_path, engine, list(titles), stated_preamble(fragment))
    assert problems(log) == []
    pages = page_texts(tmp_path / "all.pdf")
    assert all(t.startswith("Table ") for t, _ in pages if t.strip())  # every page under its caption and header
    text = "\n".join(t for t, _ in pages)
    assert "\\ & % $ # _ { } ~ ^" in text  # the specials as typed
    assert "ŋ" in text and "Ŋ" in text and "é" in text and "ß" in text
    if engine == "pdflatex":
        assert "[U+1F605]" in text and "[U+0645]" in text and "[U+4E2D]" in text  # emoji, Arabic, CJK shown as such
        assert "[U+0007]" in text  # a control character too
        assert "Characters pdflatex cannot typeset" in fragment
    else:
        assert "[U+1F605]" not in text and "[U+0007]" in text  # kept (Latin Modern has no emoji glyph to show)
        header = fragment.split("\\begin", 1)[0]  # names the characters that need a font, by script
        assert "emoji U+" in header and "Arabic U+0627" in header and "CJK U+4E2D" in header


def test_pdflatex_typesets_every_character_it_is_given(tmp_path):
    """Every code point up to U+303F (and samples of CJK, Hangul, presentation forms, emoji) through
    latex_escape: pdflatex typesets the result without an error or a missing glyph, and keeps what it can."""
    engine_or_skip("pdflatex")
    points = [*range(0x01, 0x3040), *range(0x4E00, 0x4E10), *range(0xAC00, 0xAC04), *range(0xFB00, 0xFB10),
              0xFEFF, 0xFFFD, *range(0x1F600, 0x1F610)]
    chars = [chr(c) for c in points if unicodedata.category(chr(c)) != "Cs"]
    lines = [f"x{latex_escape(ch)}x\\par" for ch in chars]
    (tmp_path / "sweep.tex").write_text("\n".join(lines) + "\n", encoding="utf-8")
    preamble = stated_preamble(_fragment("pdflatex"))
    log = compile_tex(tmp_path, "pdflatex", ["sweep"], preamble, name="sweep-all")
    assert problems(log, limit=0) == []
    kept = [ch for ch in chars if latex_escape(ch) == ch and ord(ch) > 0x7E]
    assert len(kept) == sum(b - a + 1 for a, b in PDFLATEX_RANGES)
    for ch in "ŋŊéüßøŒğşıİąłżčřžőűțșăâîðþæå€£°±×µ§–—“”‘’«»…":
        assert latex_escape(ch) != "" and "U+" not in latex_escape(ch), ch


def test_lualatex_takes_every_character_it_is_given(tmp_path):
    engine_or_skip("lualatex")
    chars = [chr(c) for c in [*range(0x01, 0x800), *range(0x2000, 0x2070), 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF,
                               0x1F605, 0x10FFFF]]
    (tmp_path / "sweep.tex").write_text("\n".join(f"x{latex_escape(ch, engine='lualatex')}x\\par" for ch in chars)
                                        + "\n", encoding="utf-8")
    log = compile_tex(tmp_path, "lualatex", ["sweep"], stated_preamble(_fragment("lualatex")), name="sweep-all")
    assert problems(log, limit=0) == []


def _fragment(engine: str) -> str:
    return latex_table(pd.DataFrame({"a": [1]}), engine=engine)


def test_the_check_sees_a_table_off_the_page(tmp_path):
    """The log check is not blind: a table of fixed columns wider than the text is reported, with its file."""
    engine_or_skip("pdflatex")
    (tmp_path / "wide.tex").write_text("\\begin{tabular}{ll}\n" + " & ".join(["Kesejahteraan" * 8] * 2)
                                       + " \\\\\n\\end{tabular}\n", encoding="utf-8")
    log = compile_tex(tmp_path, "pdflatex", ["wide"], stated_preamble(_fragment("pdflatex")), name="wide-all")
    found = problems(log)
    assert len(found) == 1 and found[0].startswith("wide: Overfull \\hbox (") and "pt too wide" in found[0]


def test_cli_writes_tex_for_the_engine(demo_path, tmp_path):
    demo = copy_project(demo_path, tmp_path / "demo.qualcode")
    runner = CliRunner()
    for args in (["matrix", demo, "-o", tmp_path / "m.tex", "--latex-engine", "lualatex"],
                 ["agreement", demo, "--coders", "rina,budi", "-o", tmp_path / "a.tex", "--latex-engine", "lualatex"],
                 ["export", demo, "codebook", "-o", tmp_path / "c.tex", "--latex-engine", "lualatex"]):
        result = runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    for name in ("m", "a", "c"):
        text = (tmp_path / f"{name}.tex").read_text(encoding="utf-8")
        assert text.startswith("% LaTeX table tab:") and "written by qualcode for lualatex" in text.split("\n", 1)[0]
        assert "fontenc" not in text and "\\caption{" in text and "\\textit{Note.}" in text
    refused = runner.invoke(main, ["export", str(demo), "codebook", "-o", str(tmp_path / "c.csv"),
                                   "--latex-engine", "xelatex"])
    assert refused.exit_code != 0 and "--latex-engine applies to tex only" in refused.output
