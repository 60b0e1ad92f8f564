"""The coded transcript of one document: numbered lines, coded passages marked with their code keys.

Two layouts: ``inline`` (each coded passage is followed by ``[E1, E2.3]``) and ``margin``
(a three-column table: line number, text, the codes on that line). Written as DOCX
(python-docx) or HTML; every piece of transcript text is escaped with :func:`html.escape`
in HTML, since transcripts are untrusted.

Example
-------
>>> lines = transcript_lines("Ya.\\nKoordinasi jarang.", [(4, 21, "E1")])
>>> lines[1]
[('Koordinasi jarang', True), ('E1',), ('.', False)]
"""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import IO

import pandas as pd

from ..errors import InputError, check_choice

TRANSCRIPT_FORMATS = ("docx", "html")
LAYOUTS = ("inline", "margin")

#: One line: pieces ``(text, coded)`` and markers ``(keys,)`` after the passages that end there.
Piece = tuple


def transcript_lines(text: str, codings: Iterable[tuple[int, int, str]]) -> list[list[Piece]]:
    """Split ``text`` into lines of pieces ``(text, coded)`` and end markers ``(keys,)``.

    ``codings`` are ``(start, end, code key)`` (0-based, end-exclusive). A passage's marker
    follows its last character; a passage ending with a line break is marked at the end of
    that line. The same code ending at the same place (two coders) is marked once.
    """
    spans = sorted({(s, e, k) for s, e, k in codings if e > s})
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    marks: dict[int, list[str]] = {}
    for _, e, k in spans:
        at = e - 1 if text[e - 1:e] == "\n" else e
        if k not in marks.setdefault(at, []):
            marks[at].append(k)
    out = []
    for ls, le in lines:
        inside = [(s, e) for s, e, _ in spans if s < le and e > ls]
        cuts = sorted({ls, le, *(max(ls, min(le, b)) for s, e in inside for b in (s, e)),
                       *(m for m in marks if ls <= m <= le)})
        pieces: list[Piece] = []
        if ls in marks and ls == le:
            pieces.append((", ".join(marks[ls]),))
        for a, b in pairwise(cuts):
            coded = any(s <= a and e >= b for s, e in inside)
            pieces.append((text[a:b], coded))
            if b in marks:
                pieces.append((", ".join(marks[b]),))
        out.append(pieces)
    return out


def _line_codes(spans: list[tuple[int, int, str]], start: int, end: int) -> str:
    """The code keys of the passages that touch the line ``start:end`` (codebook order of first use)."""
    keys: list[str] = []
    for s, e, k in sorted(spans):
        if s < max(end, start + 1) and e > start and k not in keys:
            keys.append(k)
    return ", ".join(keys)


def transcript_frame(text: str, codings: Iterable[tuple[int, int, str]]) -> pd.DataFrame:
    """The margin layout as a table: one row per line with its number, text and the codes on it.

    Example
    -------
    >>> transcript_frame("Ya.\\nKoordinasi jarang.", [(4, 21, "E1")]).values.tolist()
    [[1, 'Ya.', ''], [2, 'Koordinasi jarang.', 'E1']]
    """
    spans = [(int(s), int(e), str(k)) for s, e, k in codings if e > s]
    rows, pos = [], 0
    for n, raw in enumerate(text.split("\n"), start=1):
        rows.append((n, raw, _line_codes(spans, pos, pos + len(raw))))
        pos += len(raw) + 1
    return pd.DataFrame(rows, columns=["line", "text", "codes"])


def write_transcript(text: str, codings: Sequence[tuple[int, int, str]], target: str | Path | IO, fmt: str, *,
                     title: str = "", layout: str = "inline", notes: str | None = None) -> None:
    """Write the coded transcript of ``text`` to a path or file object as DOCX or HTML.

    Parameters
    ----------
    text : str
        The document's stored text.
    codings : sequence of (start, end, code key)
    target : path or file object
        DOCX needs a path or binary file; HTML takes a path or a text/binary file (UTF-8).
    fmt : {"docx", "html"}
    title : str
        Heading (the document name).
    layout : {"inline", "margin"}
        Markers after coded passages, or a table with a codes column beside each line.
    notes : str, optional
        A paragraph after the transcript.
    """
    check_choice(fmt, TRANSCRIPT_FORMATS, "transcript format")
    check_choice(layout, LAYOUTS, "transcript layout")
    spans = [(int(s), int(e), str(k)) for s, e, k in codings]
    lines = transcript_lines(text, spans)
    margins = transcript_frame(text, spans)["codes"].tolist()
    if fmt == "docx":
        _docx(lines, margins, target, title, layout, notes)
    else:
        page = _html(lines, margins, title, layout, notes)
        if isinstance(target, str | Path):
            Path(target).write_text(page, encoding="utf-8")
        else:
            try:
                target.write(page)
            except TypeError:
                target.write(page.encode("utf-8"))


def _docx(lines, margins, target, title, layout, notes) -> None:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt
    from docx.table import _Cell

    from .docx_layout import layout_table, plan_table, text_widths, turn_landscape, use_body_font

    if isinstance(target, io.TextIOBase):
        raise InputError("a DOCX transcript needs a file path or a binary file, not a text stream")
    doc = Document()
    use_body_font(doc)
    if title:
        doc.add_heading(title, level=1)

    def fill(paragraph, pieces, markers: bool) -> None:
        for piece in pieces:
            if len(piece) == 1:
                if markers:
                    run = paragraph.add_run(f" [{piece[0]}]")
                    run.bold = True
                    run.font.size = Pt(8)
            else:
                run = paragraph.add_run(piece[0])
                if piece[1]:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    if layout == "inline":
        for n, pieces in enumerate(lines, start=1):
            paragraph = doc.add_paragraph()
            number = paragraph.add_run(f"{n:>4}  ")
            number.font.size = Pt(8)
            fill(paragraph, pieces, True)
    else:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, label in zip(table.rows[0].cells, ("line", "text", "codes"), strict=True):
            cell.paragraphs[0].add_run(label).bold = True
        for n, (pieces, codes) in enumerate(zip(lines, margins, strict=True), start=1):
            cells = [_Cell(tc, table) for tc in table.add_row()._tr.tc_lst]  # not Row.cells: it rebuilds the grid
            cells[0].text = str(n)
            fill(cells[1].paragraphs[0], pieces, False)
            cells[2].text = codes
        texts = [[str(n) for n in range(1, len(lines) + 1)],
                 ["".join(piece[0] for piece in pieces if len(piece) > 1) for pieces in lines], list(margins)]
        plan = plan_table(["line", "text", "codes"], texts, [False, True, True], *text_widths(doc.sections[0]),
                          font=11)  # the transcript keeps the body font's size
        if plan.landscape:
            turn_landscape(doc.sections[0])
        layout_table(table, plan.parts[0][1])  # three columns: one part
    if notes:
        doc.add_paragraph(notes)
    doc.save(target)


CSS = ("body{font-family:serif;max-width:60em;margin:2em auto}"
       ".line{display:flex;gap:1em}.no{color:#888;min-width:3em;text-align:right;user-select:none}"
       "mark{background:#fff3a0}.codes{font-size:75%;font-weight:bold;color:#335}"
       "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}"
       ".text{white-space:pre-wrap}")


def _html(lines, margins, title, layout, notes) -> str:
    esc = html.escape

    def render(pieces, markers: bool) -> str:
        out = []
        for piece in pieces:
            if len(piece) == 1:
                if markers:
                    out.append(f'<span class="codes">[{esc(piece[0])}]</span>')
            elif piece[1]:
                out.append(f"<mark>{esc(piece[0])}</mark>")
            else:
                out.append(esc(piece[0]))
        return "".join(out)

    body = [f"<h1>{esc(title)}</h1>"] if title else []
    if layout == "inline":
        for n, pieces in enumerate(lines, start=1):
            body.append(f'<div class="line"><span class="no">{n}</span>'
                        f'<span class="text">{render(pieces, True)}</span></div>')
    else:
        body.append("<table><thead><tr><th>line</th><th>text</th><th>codes</th></tr></thead><tbody>")
        for n, (pieces, codes) in enumerate(zip(lines, margins, strict=True), start=1):
            body.append(f'<tr><td class="no">{n}</td><td class="text">{render(pieces, False)}</td>'
                        f'<td class="codes">{esc(codes)}</td></tr>')
        body.append("</tbody></table>")
    if notes:
        body.append(f"<p>{esc(notes)}</p>")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{esc(title)}</title><style>{CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
