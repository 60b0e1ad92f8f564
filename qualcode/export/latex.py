r"""LaTeX tables for papers: columns as wide as their content needs, the table as wide as the text, and text
that the chosen engine can typeset.

What a table fragment written here gives a paper:

- **Widths.** Every column is a ``p{}`` column whose width is a share of ``\linewidth`` (less the padding
  between columns), the shares adding up to one, so the table is as wide as the text and no wider. The shares
  follow the content as for Word (:mod:`.docx_layout`): a column is never narrower than its longest word; a
  column of short values (keys, names, numbers) gets its longest value where the page allows; columns of long
  text (quotes, definitions, summaries) share the rest by how much text their cells hold. Text is set ragged
  right, numbers flush right, headers in bold, a long one breaking after ``_`` (``percent_agreement``). A
  word longer than :data:`LONG_WORD` characters (a URL, a path) may break after ``/ . - _`` and the like,
  and every :data:`LONG_WORD` characters, so that no column has to be as wide as it.
- **Page.** Widths are planned for text :data:`PORTRAIT_WIDTH` points wide (A4 or US letter with 1 in
  margins) and, turned, :data:`LANDSCAPE_WIDTH` points, in the table's own 9 pt type. A table whose short
  columns do not fit upright is set in ``pdflscape``'s ``landscape`` environment (its pages turned in the
  PDF); one whose words do not fit even a landscape page comes in parts, each repeating the first column
  (the row names), as the Word writer does, rather than in a type too small to read.
- **Long tables.** Beyond :data:`LONGTABLE_ROWS` rows (or in landscape) the table is a ``longtable``: it breaks
  across pages, with the caption ("(continued)") and the header repeated on every page.
- **APA scaffolding.** ``\caption`` holds the title (without a title, the caption), ``\label{tab:NAME}`` follows
  it; under the table, left-aligned and as wide as the table, a ``threeparttable`` note block: "*Note.*", the
  caption sentence and the notes (:func:`.apa.apa_parts`). The header comment suggests the ``caption`` package
  set up for APA 7 (bold "Table 1", the title in italics on the next line).
- **Engines.** The fragment's first lines say which engine it was written for and every package it needs, as
  a preamble to paste. For ``pdflatex`` (T1 fonts, UTF-8 input) every character that T1 and TS1 (textcomp)
  with Latin Modern cannot typeset is replaced by a visible ``[U+XXXX]``: emoji, CJK, Arabic, Greek, Cyrillic,
  most of Latin Extended Additional (Vietnamese), combining marks that do not compose with their letter. The
  set kept (:data:`PDFLATEX_RANGES`: Latin-1, Latin Extended-A and part of B, typographic punctuation, some
  currency and letterlike symbols) was found by compiling every code point up to U+303F and samples beyond
  with ``\tracinglostchars=3``, TeX Live 2022. For ``lualatex`` and ``xelatex`` every character is kept; the
  header names, by script, those Latin Modern has no glyph for (they print as nothing, with a "Missing
  character" line in the log) so that a font with them can be loaded. With any engine, control characters
  (which TeX refuses as invalid) and U+FFFD (which LuaTeX refuses) become ``[U+XXXX]``, tabs become spaces.

Example
-------
>>> print(latex_escape('50% of "LKS" & co_op [1] 😅'))
50\% of ``LKS'' \& co\_op {[}1{]} {[}U+1F605{]}\allowbreak{}
>>> print(latex_escape("Kesejahteraan ŋ 😅", engine="lualatex"))
Kesejahteraan ŋ 😅
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, check_choice
from .apa import apa_parts
from .docx_layout import _fill  # the same sharing of the width among columns as in Word

LATEX_ENGINES = ("pdflatex", "lualatex", "xelatex")
#: More rows than this make a table a longtable, which breaks across pages.
LONGTABLE_ROWS = 40
#: The table's type: size and leading (points). Fixed, so that the planned widths hold in any class.
TABLE_FONT = 9
TABLE_LEADING = 11
#: ... with a little room between the rows, which often wrap
_FONT = rf"\fontsize{{{TABLE_FONT}}}{{{TABLE_LEADING}}}\selectfont\renewcommand{{\arraystretch}}{{1.2}}"
#: Padding on each side of a column (points), set in the fragment.
TABCOLSEP = 4.0
#: Text widths the columns are planned for (points): A4 upright with 1 in margins (US letter: 468 pt), and US
#: letter turned (A4 turned: 698 pt).
PORTRAIT_WIDTH = 451.0
LANDSCAPE_WIDTH = 648.0
#: A word longer than this may break (after / . - _ ... and every this many characters).
LONG_WORD = 18
#: A header word longer than this may break after ``_``.
HEADER_WORD = 10
#: A column of long text in a table split into parts gets at least this many characters a line.
READABLE = 20
#: Estimated widths are stretched by this much: the type a reader's class or font package sets may be wider.
SAFETY = 1.06

#: The code points beyond ASCII that pdflatex typesets with ``[T1]{fontenc}``, ``[utf8]{inputenc}``, textcomp and
#: lmodern (TeX Live 2022): found by compiling each code point up to U+2FFF, and samples of CJK, Hangul,
#: presentation forms, variation selectors and emoji, with ``\tracinglostchars=3`` (a missing glyph is an error),
#: upright, bold and italic.
PDFLATEX_RANGES = (
    (0x00A0, 0x0125), (0x0128, 0x0137), (0x0139, 0x013E), (0x0141, 0x0148), (0x014A, 0x0165), (0x0168, 0x017E),
    (0x0192, 0x0192), (0x01C4, 0x01D4), (0x01E2, 0x01E3), (0x01E6, 0x01EB), (0x01F0, 0x01F0), (0x01F4, 0x01F5),
    (0x0218, 0x021B), (0x0232, 0x0233), (0x0237, 0x0237), (0x02C6, 0x02C7), (0x02D8, 0x02D9), (0x02DB, 0x02DD),
    (0x0E3F, 0x0E3F), (0x1E02, 0x1E03), (0x1E0D, 0x1E0D), (0x1E1E, 0x1E21), (0x1E25, 0x1E25), (0x1E30, 0x1E31),
    (0x1E37, 0x1E37), (0x1E43, 0x1E43), (0x1E45, 0x1E45), (0x1E47, 0x1E47), (0x1E5B, 0x1E5B), (0x1E63, 0x1E63),
    (0x1E6D, 0x1E6D), (0x1E8E, 0x1E91), (0x1E9E, 0x1E9E), (0x1EF2, 0x1EF3), (0x200C, 0x200C), (0x2010, 0x2016),
    (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022), (0x2026, 0x2026), (0x2030, 0x2031), (0x2039, 0x203B),
    (0x203D, 0x203D), (0x2044, 0x2044), (0x204E, 0x204E), (0x2052, 0x2052), (0x20A1, 0x20A1), (0x20A4, 0x20A4),
    (0x20A6, 0x20A6), (0x20A9, 0x20A9), (0x20AB, 0x20AC), (0x20B1, 0x20B1), (0x2103, 0x2103), (0x2116, 0x2117),
    (0x211E, 0x211E), (0x2120, 0x2120), (0x2122, 0x2122), (0x2126, 0x2127), (0x212E, 0x212E), (0x2190, 0x2193),
    (0x2329, 0x232A), (0x2422, 0x2423), (0x25E6, 0x25E6), (0x25EF, 0x25EF), (0x266A, 0x266A), (0x27E8, 0x27E9),
    (0x3008, 0x3009), (0xFB00, 0xFB06), (0xFEFF, 0xFEFF),
)
_STARTS = [start for start, _ in PDFLATEX_RANGES]

#: Widths (thousandths of an em) of the printable ASCII characters, space to tilde, in Latin Modern at 9 pt,
#: upright and bold, as pdflatex measures them (a straight double quote as the two quotes it becomes).
_REGULAR = [int(w) for w in """
    343 286 486 856 514 856 799 286 400 400 514 799 286 343 286 514 514 514 514 514 514 514 514 514 514 514 286
    286 799 799 799 485 799 771 728 742 785 699 671 806 771 371 528 799 642 942 771 799 699 799 756 571 742 771
    771 1056 771 771 628 286 514 286 556 771 286 514 571 457 571 457 314 514 571 286 314 542 286 856 571 514 571
    542 402 405 400 571 542 742 542 542 457 514 286 514 556""".split()]
_BOLD = [int(w) for w in """
    394 360 585 986 592 986 920 329 460 460 592 920 329 394 329 592 592 592 592 592 592 592 592 592 592 592 329
    329 894 920 894 559 920 893 841 855 907 777 744 930 924 446 611 926 711 1122 924 889 808 889 887 657 823 909
    893 1222 893 893 723 329 575 329 556 893 329 575 657 526 657 543 362 592 657 329 362 625 329 986 657 592 657
    625 488 467 460 657 625 855 625 625 526 575 319 575 556""".split()]

#: Where a line may break without a mark: written as ``\allowbreak{}``. A control character, so never in text that
#: reaches the writer (control characters become placeholders first).
_BREAK = "\x00"
_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "<": r"\textless{}", ">": r"\textgreater{}",
    "|": r"\textbar{}",
    # a bracket right after \\ (a new row) would be read as its optional argument
    "[": "{[}", "]": "{]}",
    "\n": r"\newline ", _BREAK: r"\allowbreak{}",
}
#: Pairs of characters the fonts would join into one (``--`` into an en dash, ``,,`` into a low quote): kept apart.
_LIGATURES = {"--", "``", "''", ",,", "!`", "?`"}
_COMBINING = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_WORD = re.compile(r"[^\s\x00]+")
#: Inside a long word (a URL, a path), a line may break after these.
_BREAK_AFTER = re.compile(r"([/.\-_:?&=,;+#|\\])(?=[^\s\x00])")
_SEGMENT = re.compile(r"[\s\x00]+")


def check_engine(engine: str) -> str:
    """``engine`` if it is one of :data:`LATEX_ENGINES`, else an :class:`InputError`."""
    return check_choice(engine, LATEX_ENGINES, "LaTeX engine")


def latex_preamble(engine: str = "pdflatex") -> list[str]:
    """The ``\\usepackage`` lines every table written for ``engine`` needs, in order (the same for every table,
    so that one preamble serves a paper with several)."""
    fonts = [r"\usepackage[T1]{fontenc}", r"\usepackage[utf8]{inputenc}", r"\usepackage{lmodern}",
             r"\usepackage{textcomp}"] if check_engine(engine) == "pdflatex" else []
    return fonts + [r"\usepackage{array}", r"\usepackage{booktabs}", r"\usepackage{longtable}",
                    r"\usepackage{threeparttable}", r"\usepackage{pdflscape}"]


#: The caption package set up as APA 7 prints a table's number and title; optional.
APA_CAPTION = (r"\usepackage[labelfont=bf,textfont=it,labelsep=newline,singlelinecheck=false,"
               r"justification=raggedright,skip=4pt]{caption}")
#: The page the widths are planned for.
PAGE = r"\usepackage[margin=1in]{geometry}"


def latex_escape(value: Any, *, engine: str = "pdflatex") -> str:
    r"""Text safe in running LaTeX text (a paragraph, a table cell, a caption), typeset as written by ``engine``.

    ``\ & % $ # _ { } ~ ^ < > |`` become their text commands and brackets are braced; a straight double quote
    becomes ````` `` ````` at the start of a word and ``''`` elsewhere (a single one ````` ` ````` and ``'``);
    pairs the fonts would join (``--``, ``,,``) are kept apart; line breaks become ``\newline``, tabs spaces.
    Characters the engine cannot typeset become ``[U+XXXX]`` (see the module's notes: for pdflatex everything
    beyond Latin and common punctuation, for every engine control characters); a letter with a combining accent
    is composed first (``e`` + U+0301 is ``é``). ``None`` and NaN are empty.

    Parameters
    ----------
    value : Any
        The text (anything else is written as ``str(value)``).
    engine : {"pdflatex", "lualatex", "xelatex"}
        The engine the document is compiled with.

    Example
    -------
    >>> print(latex_escape('~$5^2 {x} a--b "x"'))
    \textasciitilde{}\$5\textasciicircum{}2 \{x\} a-{}-b ``x''
    >>> print(latex_escape("Be\u0301bé\tok"))
    Bébé ok
    """
    engine = check_engine(engine)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _tex(_printable(str(value), engine))


def latex_label(name: str) -> str:
    """A ``\\label`` key for a table named ``name``: ``tab:`` and the name with anything but letters, digits and
    ``: . -`` as ``-``.

    >>> latex_label("Quotes by code/group")
    'tab:Quotes-by-code-group'
    """
    return "tab:" + (re.sub(r"[^A-Za-z0-9:.\-]+", "-", name).strip("-") or "table")


def table_fragment(headers: Sequence[str], columns: Sequence[Sequence[str]], *, numeric: Sequence[bool],
                   wrapped: Sequence[bool], title: str | None = None, caption: str | None = None,
                   notes: str | None = None, name: str = "table", label: str | None = None,
                   engine: str = "pdflatex") -> str:
    r"""A table as a LaTeX fragment to ``\input`` into a paper (see the module's notes for what it holds).

    Parameters
    ----------
    headers : sequence of str
        Column names.
    columns : sequence of sequences of str
        The cells as text, column by column (all of one length).
    numeric : sequence of bool
        Per column: align right (numbers, statistics).
    wrapped : sequence of bool
        Per column: a column of long text (quotes, definitions), which takes the room the others leave.
    title, caption, notes : str, optional
        The caption is the title (else the caption); the note under the table is the caption, then the notes.
    name : str
        The table's name, for its label ``tab:NAME`` (:func:`latex_label`).
    label : str, optional
        The label instead (letters, digits, ``: . _ -``).
    engine : {"pdflatex", "lualatex", "xelatex"}
        The engine the paper is compiled with: what happens to characters pdflatex cannot typeset.

    Raises
    ------
    InputError
        No columns, columns of different lengths, a label with other characters, an unknown engine.
    """
    engine = check_engine(engine)
    if not headers:
        raise InputError("a LaTeX table needs at least one column")
    if len(columns) != len(headers) or len({len(c) for c in columns}) > 1:
        raise InputError("a LaTeX table needs one column of cells per header, all of one length")
    if label is not None and not re.fullmatch(r"[A-Za-z0-9:._\-]+", label):
        raise InputError(f"label {label!r} may hold letters, digits and : . _ - only")
    label = label or latex_label(name)
    heads = [_breakable(_header_breaks(_printable(h, engine))) for h in headers]
    cells = [[_breakable(_printable(v, engine).strip()) for v in column] for column in columns]
    plan = _plan(heads, cells, wrapped)
    title_line, note = apa_parts(*(_one_line(t) for t in (title, caption, notes)))
    title_tex = _tex(_breakable(_printable(title_line, engine)))
    note_tex = _tex(_breakable(_printable(note, engine))) if note else ""
    rows = len(cells[0])
    lines = _header_comment(engine, label, [*headers, title_line, note, *(v for c in columns for v in c)])
    if rows <= LONGTABLE_ROWS and not plan.landscape:
        (part, shares), = plan.parts
        lines += [r"\begin{table}[htbp]", r"\centering", r"\begin{threeparttable}", rf"\caption{{{title_tex}}}",
                  rf"\label{{{label}}}", _FONT, rf"\setlength{{\tabcolsep}}{{{TABCOLSEP:g}pt}}",
                  r"\begin{tabular}{" + _spec(part, shares, numeric) + "}", r"\toprule",
                  _row([heads[i] for i in part], bold=True), r"\midrule",
                  *(_row([cells[i][r] for i in part]) for r in range(rows)), r"\bottomrule", r"\end{tabular}"]
        if note_tex:
            lines += [r"\begin{tablenotes}[flushleft]", r"\footnotesize", rf"\item[] \textit{{Note.}} {note_tex}",
                      r"\end{tablenotes}"]
        lines += [r"\end{threeparttable}", r"\end{table}"]
        return "\n".join(lines) + "\n"
    # the type for the whole group (a size set in each cell makes longtable lose its header on a final page);
    # the caption package, where loaded, keeps the caption in the text's size
    lines += [r"\begin{landscape}" if plan.landscape else r"\begingroup", _FONT,
              r"\ifdefined\captionsetup\captionsetup{font=normalsize}\fi",
              rf"\setlength{{\tabcolsep}}{{{TABCOLSEP:g}pt}}", r"\setlength{\LTcapwidth}{\linewidth}"]
    for k, (part, shares) in enumerate(plan.parts):
        first, last = k == 0, k == len(plan.parts) - 1
        head = [r"\toprule", _row([heads[i] for i in part], bold=True), r"\midrule"]
        more = rf"\caption[]{{{title_tex} (continued)}}\\"
        if not first:  # a part goes on the table before it: the same number
            lines.append(r"\addtocounter{table}{-1}")
        lines += [r"\begin{longtable}{" + _spec(part, shares, numeric) + "}",
                  rf"\caption{{{title_tex}}}\label{{{label}}}\\" if first else more, *head, r"\endfirsthead",
                  more, *head, r"\endhead", r"\bottomrule", r"\endfoot"]
        body = [_row([cells[i][r] for i in part]) for r in range(rows)]
        if last and note_tex:
            # The bottom rule and the note are the table's last row, kept with the row above (\\*), not a last foot:
            # longtable sets the final page without its header when the last foot is taller than the foot, and
            # a booktabs rule before a row of its own may end a page. The row is as wide as the columns.
            if body:
                body[-1] = body[-1].removesuffix("\\\\") + "\\\\*"
            width = rf"\dimexpr {sum(shares):.4f}\linewidth\relax"
            lines += [r"\endlastfoot", *body,
                      rf"\multicolumn{{{len(part)}}}{{@{{}}>{{\footnotesize\raggedright\arraybackslash}}p{{{width}}}@{{}}}}"
                      rf"{{\hrule height \heavyrulewidth\vspace{{3pt}}\textit{{Note.}} {note_tex}}}\\",
                      r"\end{longtable}"]
        else:
            lines += [r"\bottomrule", r"\endlastfoot", *body, r"\end{longtable}"]
    lines.append(r"\end{landscape}" if plan.landscape else r"\endgroup")
    return "\n".join(lines) + "\n"


# -- text ------------------------------------------------------------------------------

def _printable(text: str, engine: str) -> str:
    """``text`` with only characters ``engine`` typesets: line breaks as ``\\n``, tabs as spaces, accents composed
    with their letters, anything else as ``[U+XXXX]`` followed by a break opportunity."""
    text = (text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
            .replace("\t", " "))
    if text.isascii() and text.isprintable():
        return text
    text = _COMBINING.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    return "".join(ch if ch == "\n" or _kept(ch, engine) else f"[U+{ord(ch):04X}]{_BREAK}" for ch in text)


def _kept(ch: str, engine: str) -> bool:
    code = ord(ch)
    if 0x20 <= code < 0x7F:
        return True
    if engine == "pdflatex":
        k = bisect_right(_STARTS, code) - 1
        return k >= 0 and code <= PDFLATEX_RANGES[k][1]
    return unicodedata.category(ch) not in ("Cc", "Cs") and ch not in "\ufffd\ufffe\uffff"


def _latin_modern_lacks(ch: str) -> bool:
    """Whether Latin Modern (the default font of lualatex and xelatex) has no glyph for ``ch``: roughly, what
    pdflatex cannot typeset either."""
    return not ch.isspace() and not _kept(ch, "pdflatex") and ch != _BREAK


def _script(ch: str) -> str:
    """A rough name of the writing system of ``ch`` ("Arabic", "Cjk", "emoji") for the header."""
    if ord(ch) >= 0x1F000 or ch in "\u200d\u2764\ufe0f":
        return "emoji"
    name = (unicodedata.name(ch, "").split() or ["other"])[0]
    return name if len(name) <= 3 else name.capitalize()


def _tex(text: str) -> str:
    """Printable text (see :func:`_printable`) as LaTeX source."""
    out = []
    prev = ""
    for i, ch in enumerate(text):
        opening = i == 0 or prev.isspace() or prev in "([{" + _BREAK
        if ch == '"':
            out.append("``" if opening else "''")
        elif ch == "'" and opening:
            out.append("`")
        else:
            if prev + ch in _LIGATURES:
                out.append("{}")
            out.append(_SPECIALS.get(ch, ch))
        prev = ch
    return "".join(out)


def _breakable(text: str) -> str:
    """``text`` with break opportunities in words longer than :data:`LONG_WORD` characters (after ``/ . - _``
    and the like, and every LONG_WORD characters) and after each wide (CJK) character."""
    def split(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) <= LONG_WORD:
            return word
        pieces = _BREAK_AFTER.sub("\\1" + _BREAK, word).split(_BREAK)
        return _BREAK.join(piece[k:k + LONG_WORD] for piece in pieces for k in range(0, len(piece), LONG_WORD))

    text = _WORD.sub(split, text)
    if not text.isascii():
        text = "".join(ch + _BREAK if unicodedata.east_asian_width(ch) in "WF" else ch for ch in text)
    return text


def _header_breaks(text: str) -> str:
    """A header that may break after each ``_`` of a word longer than :data:`HEADER_WORD` characters
    (``percent_agreement``; ``I_01`` stays whole)."""
    return _WORD.sub(lambda m: m.group().replace("_", "_" + _BREAK) if len(m.group()) > HEADER_WORD else m.group(),
                     text)


def _one_line(text: str | None) -> str | None:
    return " ".join(text.split()) if text else text


# -- layout ----------------------------------------------------------------------------

@dataclass
class _Plan:
    """``landscape`` or not, and the ``parts``: each the columns it shows with their shares of ``\\linewidth``."""

    landscape: bool
    parts: list[tuple[list[int], list[float]]]


def _width(text: str, *, bold: bool = False) -> float:
    """Estimated width of ``text`` on one line in the table's type (points)."""
    table = _BOLD if bold else _REGULAR
    total = 0
    for ch in text:
        code = ord(ch)
        if 0x20 <= code < 0x7F:
            total += table[code - 0x20]
        elif ch == _BREAK:
            continue
        else:
            base = unicodedata.normalize("NFKD", ch)[:1]
            if base and 0x20 <= ord(base) < 0x7F:
                total += table[ord(base) - 0x20]
            else:
                total += 1000 if unicodedata.east_asian_width(ch) in "WF" else 800
    return total * TABLE_FONT / 1000


def _plan(heads: list[str], cells: list[list[str]], wrapped: Sequence[bool]) -> _Plan:
    """Upright when the short columns fit on one line beside the long ones at their longest word; else landscape
    when every column fits at its longest word; else parts that each fit a landscape page (as
    :func:`.docx_layout.plan_table`)."""
    pad = 2 * TABCOLSEP
    emu = 12700  # EMU a point: the unit of the shared width planning

    def size(points: float) -> int:
        return int((points * SAFETY + pad) * emu)

    least, desired, mean = [], [], []
    for head, column in zip(heads, cells, strict=True):
        word = max((_width(s) for text in column for s in _SEGMENT.split(text)), default=0.0)
        line = max((_width(s) for text in column for s in text.split("\n")), default=0.0)
        head_word = max(_width(s, bold=True) for s in _SEGMENT.split(head))
        least.append(size(max(word, head_word, 3 * TABLE_FONT / 2)))
        desired.append(size(max(line, _width(head, bold=True), word)))
        mean.append(sum(map(len, column)) / max(1, len(column)))
    readable = size(READABLE * TABLE_FONT / 2)
    # a column of several words longer than a readable line wraps like one of long text
    long = [w or (d > readable and d > m) for w, d, m in zip(wrapped, desired, least, strict=True)]
    portrait, landscape = int(PORTRAIT_WIDTH * emu), int(LANDSCAPE_WIDTH * emu)
    every = list(range(len(heads)))

    def shares(part: list[int], available: int) -> list[float]:
        widths = _fill(part, least, desired, mean, long, available)
        return [math.floor(w / available * 10000) / 10000 for w in widths]

    if sum(d if not w else m for d, m, w in zip(desired, least, long, strict=True)) <= portrait:
        return _Plan(False, [(every, shares(every, portrait))])
    if sum(least) <= landscape:
        return _Plan(True, [(every, shares(every, landscape))])
    comfortable = [max(m, min(d, readable)) if w else d for m, d, w in zip(least, desired, long, strict=True)]

    def split(limit: float) -> list[list[int]]:
        parts: list[list[int]] = []
        for i in every[1:]:
            if parts and sum(comfortable[j] for j in parts[-1]) + comfortable[i] <= limit:
                parts[-1].append(i)
            else:
                parts.append([0, i])
        return parts

    # as few parts as fit a landscape page, then as even as that number allows (not one full and one thin)
    parts = split(landscape)
    even = split(min(landscape, comfortable[0] + sum(comfortable[1:]) / len(parts) * 1.15))
    if len(even) == len(parts):
        parts = even
    return _Plan(True, [(part, shares(part, landscape)) for part in parts])


def _spec(part: list[int], shares: list[float], numeric: Sequence[bool]) -> str:
    """The column specification: one ``p{}`` a line, its share of the line width less the padding."""
    return "".join(
        f"\n  >{{\\{'raggedleft' if numeric[i] else 'raggedright'}\\arraybackslash}}"
        f"p{{\\dimexpr {share:.4f}\\linewidth-2\\tabcolsep\\relax}}" for i, share in zip(part, shares, strict=True)
    ) + "\n"


def _row(texts: list[str], *, bold: bool = False) -> str:
    cells = [_tex(t) for t in texts]
    if bold:
        cells = [rf"\textbf{{{c}}}" if c else c for c in cells]
    return " & ".join(cells) + r" \\"


def _header_comment(engine: str, label: str, texts: list[str]) -> list[str]:
    """The fragment's first lines: the engine, the preamble it needs, the page it was planned for, and what
    happened to characters the engine's default font lacks."""
    lines = [f"% LaTeX table {label}, written by qualcode for {engine}.",
             f"% Preamble (the same for every table qualcode writes for {engine}):",
             *(f"%   {line}" for line in latex_preamble(engine)),
             "% Optional: APA 7 captions (bold \"Table 1\", the title in italics on the next line):",
             f"%   {APA_CAPTION}",
             f"% Column widths are shares of \\linewidth, planned for text at least {PORTRAIT_WIDTH:g}pt wide",
             f"% ({LANDSCAPE_WIDTH:g}pt turned), as on A4 or US letter paper with 1in margins:",
             f"%   {PAGE}"]
    if engine == "pdflatex":
        lines += ["% Characters pdflatex cannot typeset (emoji, CJK, Arabic, Greek, Cyrillic ...) are shown as",
                  "% [U+XXXX]; write the table for lualatex or xelatex to keep them."]
    else:
        lacking = sorted({ch for text in texts for ch in text if ord(ch) > 0x7E and _latin_modern_lacks(ch)
                          and _kept(ch, engine)})
        lines.append("% Every character is kept. Latin Modern, the default font, has no glyph for emoji, CJK,")
        lines.append("% Arabic and other scripts: load a font that has them (fontspec) or they print as nothing.")
        if lacking:
            scripts: dict[str, list[str]] = {}
            for ch in lacking:
                scripts.setdefault(_script(ch), []).append(f"U+{ord(ch):04X}")
            shown = "; ".join(f"{name} {', '.join(points[:3])}{' ...' if len(points) > 3 else ''}"
                              for name, points in sorted(scripts.items()))
            lines.append(f"% This table holds {len(lacking)} such characters: {shown}.")
    return lines
