"""Column widths of a Word table from its content, and the page that holds it.

Word and LibreOffice give every column of a table without widths the same share of the page, so a
quote column ends up as narrow as a line-number column and words break in the middle. Here each
column gets what its content needs: never less than its longest word; a column of short values
(numbers, keys, names) its longest value where the page allows; a column of long text (quotes,
definitions, summaries) the rest, shared in proportion to how much text its cells hold. A table
whose short columns do not fit a portrait page turns the page to landscape, and one whose words
do not fit a landscape page comes in parts, each repeating the first column.

Widths are estimated in characters of the table font (9 pt Calibri, about half an em each) plus
the cells' padding; nothing here measures glyphs, which is why columns of long text get the slack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

#: Tables are set in this size of Word's default body font (Calibri), whose average character is about half
#: an em wide (0.51); 0.55 leaves room for the wider fonts a reader without Calibri sees instead. Cells have
#: narrow side margins (0.04 in each; Word's default is 0.08 in).
TABLE_FONT = 9.0
EM_PER_CHAR = 0.55
CELL_MARGIN = Pt(2.9)
PADDING = 2 * CELL_MARGIN + Pt(1)
TWIP = 635  # EMU: Word keeps widths in twentieths of a point
#: A word longer than this may break: a column is never made wider than this for one word.
LONGEST_WORD = 24
HEADER_WORD = 13  # "stakeholders": a header of words keeps them whole
#: Characters added to a column's longest word: bold headers and a reader's substitute for Calibri (LibreOffice
#: without Carlito takes DejaVu, a fifth wider) would otherwise break a short key such as "E1.1".
WORD_SLACK = 1
#: A table that does not fit a landscape page so lets its header words break after this many characters before
#: it is split into parts.
TIGHT_HEADER_WORD = 5
#: Fewer characters than this a line makes a column of long text hard to read: a table split into parts
#: gives each such column at least this much.
READABLE = 20


@dataclass
class Plan:
    """How a table goes on the page: ``landscape`` or not, and its ``parts``: each the positions of the
    columns it shows (the first column, which names the rows, in every part) with their widths (EMU)."""

    landscape: bool
    parts: list[tuple[list[int], list[int]]]


def plan_table(headers: Sequence[str], columns: Sequence[Sequence[str]], wrapped: Sequence[bool],
               portrait: int, landscape: int, *, font: float = TABLE_FONT) -> Plan:
    """Where a table of these columns goes, given the text width of a portrait and of a landscape page (EMU).

    Portrait when the short columns fit on one line with the long ones at their longest word; else landscape
    when every column fits at its longest word (or does with header words broken after TIGHT_HEADER_WORD
    characters); else the columns are split into parts that each fit a landscape page, each part repeating
    the first column.

    Example
    -------
    >>> plan = plan_table(["line", "quote"], [["1", "12"], ["Koordinasi lewat WhatsApp saja."] * 2],
    ...                   [False, True], Pt(432), Pt(648))
    >>> plan.landscape, plan.parts[0][0], plan.parts[0][1][0] < plan.parts[0][1][1]
    (False, [0, 1], True)
    """
    char = Pt(font * EM_PER_CHAR)
    least, desired, mean = _measure(headers, columns, char)
    readable = _emu(READABLE, char)
    # a column of several words longer than a readable line wraps like one of long text
    wrapped = [w or (d > readable and d > m) for w, d, m in zip(wrapped, desired, least, strict=True)]
    every = list(range(len(headers)))
    short = sum(d if not w else m for d, m, w in zip(desired, least, wrapped, strict=True))
    if short <= portrait:
        return Plan(False, [(every, _fill(every, least, desired, mean, wrapped, portrait))])
    if sum(least) <= landscape:
        return Plan(True, [(every, _fill(every, least, desired, mean, wrapped, landscape))])
    # one table whose headers may break inside a word reads better than two tables to put side by side
    tight, _, _ = _measure(headers, columns, char, slack=0, header_word=TIGHT_HEADER_WORD)
    if sum(tight) <= landscape:
        return Plan(True, [(every, _fill(every, tight, desired, mean, wrapped, landscape))])
    comfortable = [max(m, min(d, readable)) if w else d for m, d, w in zip(least, desired, wrapped, strict=True)]
    parts: list[list[int]] = []
    for i in every[1:]:
        if parts and sum(comfortable[j] for j in parts[-1]) + comfortable[i] <= landscape:
            parts[-1].append(i)
        else:
            parts.append([0, i])
    return Plan(True, [(part, _fill(part, least, desired, mean, wrapped, landscape)) for part in parts])


BREAK = "\u200b"  # zero-width space: where a line may break without a visible mark


def header_text(header: str) -> str:
    """A column header as the table shows it: an identifier such as ``percent_agreement`` may break after
    each underscore rather than anywhere.

    >>> header_text("line_start") == "line_" + BREAK + "start"
    True
    """
    return header.replace("_", "_" + BREAK)


def _measure(headers, columns, char: int, *, slack: int = WORD_SLACK,
             header_word: int = HEADER_WORD) -> tuple[list[int], list[int], list[float]]:
    """Per column, the least width (its longest word, at most LONGEST_WORD characters; a header word longer than
    HEADER_WORD may break, as headers are often one long identifier such as ``percent_agreement``), the width
    it would like (its longest
    line, header included) and how much text a cell holds on average (characters)."""
    least, desired, mean = [], [], []
    for header, cells in zip(headers, columns, strict=True):
        lines = [line for cell in cells for line in cell.split("\n")] or [""]
        words = [w for text in lines for w in text.split()] or [""]
        word = min(LONGEST_WORD, max(map(len, words)))
        heading = min(header_word, max(map(len, header_text(header).replace(BREAK, " ").split() or [""])))
        least.append(_emu(max(word, heading, 3) + slack, char))
        desired.append(_emu(max(max(map(len, lines)), len(header), word), char))
        mean.append(sum(map(len, cells)) / max(1, len(cells)))
    return least, desired, mean


def _fill(part: list[int], least: list[int], desired: list[int], mean: list[float], wrapped: Sequence[bool],
          available: int) -> list[int]:
    """Widths of the columns ``part`` adding up to ``available``: each its least; then the short columns up to
    what they would like, taking at most a quarter of what is left while there are long ones; then the long
    columns the rest, in proportion to the text their cells hold on average (a quote column more than a
    column of names), none beyond what it would like."""
    low = [least[i] for i in part]
    want = [max(desired[i], least[i]) for i in part]
    long = [wrapped[i] for i in part]
    if sum(want) <= available or sum(low) > available:
        return _stretch(want if sum(want) <= available else low, available)
    room = available - sum(low)
    short_extra = sum(w - m for w, m, lg in zip(want, low, long, strict=True) if not lg)
    give = min(short_extra, room / 4 if any(long) else room)  # a header on one line counts for less than text
    out = [m + (int(give * (w - m) / short_extra) if not lg and short_extra else 0)
           for w, m, lg in zip(want, low, long, strict=True)]
    open_ = [k for k, lg in enumerate(long) if lg]
    while open_:  # the long columns share what is left by their text; one that is full drops out
        room = available - sum(out)
        weight = sum(mean[part[k]] or 1 for k in open_)
        full = [k for k in open_ if out[k] + room * (mean[part[k]] or 1) / weight >= want[k]]
        if not full:
            for k in open_:
                out[k] += int(room * (mean[part[k]] or 1) / weight)
            break
        for k in full:
            out[k] = want[k]
        open_ = [k for k in open_ if k not in full]
    return _stretch(out, available)


def layout_table(table, widths: Sequence[int]) -> None:
    """Fix ``table``'s column widths (EMU) so that Word and LibreOffice keep them."""
    table.autofit = False  # a fixed layout (w:tblLayout), so that the widths are kept
    props = table._tbl.tblPr
    width = props.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        props.insert_element_before(width, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
                                    "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(widths) // TWIP))
    margins = OxmlElement("w:tblCellMar")  # in the schema's order: after w:tblLayout, before w:tblLook
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(CELL_MARGIN) // TWIP))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    props.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for column, value in zip(table.columns, widths, strict=True):
        column.width = Emu(value)  # the grid, which LibreOffice reads
    for tr in table._tbl.tr_lst:  # and each cell, which Word reads (row.cells rebuilds the grid every call)
        for tc, value in zip(tr.tc_lst, widths, strict=True):
            tc.width = Emu(value)


def turn_landscape(section) -> None:
    if section.orientation != WD_ORIENT.LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width


def text_widths(section) -> tuple[int, int]:
    """The text width of ``section``'s page upright and turned (EMU)."""
    upright = min(section.page_width, section.page_height)
    turned = max(section.page_width, section.page_height)
    return (int(upright - section.left_margin - section.right_margin),
            int(turned - section.left_margin - section.right_margin))


def _emu(chars: int, char: int) -> int:
    return int(chars * char + PADDING)


def _stretch(widths: list[int], available: int) -> list[int]:
    """``widths`` scaled to add up to ``available``, in whole twips (the last column takes the rounding)."""
    total = sum(widths) or 1
    out = [int(w * available / total) // TWIP * TWIP for w in widths]
    out[-1] += available // TWIP * TWIP - sum(out)
    return out


BODY_FONT = "Calibri"


def use_body_font(doc) -> None:
    """Name Word's body font in the Normal style instead of leaving it to the theme: LibreOffice does not read
    theme fonts and would set the text in a wide serif (DejaVu Serif), for which the widths here are too
    narrow; named, it takes Calibri's metric twin Carlito where Calibri is missing."""
    doc.styles["Normal"].font.name = BODY_FONT
