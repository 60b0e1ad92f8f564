"""Write a DataFrame as a table: CSV, XLSX, DOCX, LaTeX (booktabs) or GitHub Markdown.

A frame whose index is not a plain 0..n-1 range (say the code keys of a triangulation
matrix) gets its index written as the first column(s). Every format but CSV can carry a
title, a caption and notes; CSV stays a plain table so that it reads back unchanged.

Example
-------
>>> import io
>>> out = io.StringIO()
>>> write_table(pd.DataFrame({"code": ["E1"], "note": ["a|b"]}), out, "md")
>>> print(out.getvalue(), end="")
| code | note |
| --- | --- |
| E1 | a\\|b |
"""

from __future__ import annotations

import io
import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import numpy as np
import pandas as pd

from ..errors import InputError, check_choice

TABLE_FORMATS = ("csv", "xlsx", "docx", "tex", "md")
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".tex": "tex", ".md": "md",
                  ".markdown": "md"}
MAX_XLSX_WIDTH = 60
#: A column whose name is one of these, or whose longest cell is longer than LONG_TEXT, wraps its text.
LONG_COLUMNS = {"quote", "text", "memo", "rationale", "definition", "include", "exclude", "example",
                "citation", "summary", "context"}
LONG_TEXT = 50
DOCX_LANDSCAPE_COLUMNS = 6
LONGTABLE_ROWS = 40

Target = str | Path | IO[str] | IO[bytes]


@dataclass
class Table:
    """A table to export: the data plus what a paper prints around it."""

    frame: pd.DataFrame
    title: str | None = None
    caption: str | None = None
    notes: str | None = None
    name: str = "table"


def write_table(frame: pd.DataFrame, path_or_file: Target, fmt: str | None = None, *,
                title: str | None = None, caption: str | None = None, notes: str | None = None,
                bom: bool = False, sheet_name: str = "table") -> None:
    """Write ``frame`` to a path or an open file in ``fmt``.

    Parameters
    ----------
    frame : DataFrame
        The table; a non-default index is written as the first column(s).
    path_or_file : str, Path or file object
        Where to write. CSV, Markdown and LaTeX accept text or binary files (UTF-8); XLSX
        and DOCX need a path or a binary file.
    fmt : {"csv", "xlsx", "docx", "tex", "md"}, optional
        Default: from the suffix of the path (.csv, .xlsx, .docx, .tex, .md, .markdown).
    title, caption, notes : str, optional
        Printed above (title, caption) and below (notes) the table. Not written to CSV.
    bom : bool
        CSV only: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8.
    sheet_name : str
        XLSX worksheet name (at most 31 characters).

    Raises
    ------
    InputError
        Unknown format, no format and no recognised suffix, or XLSX/DOCX to a text file.
    """
    fmt = _format(path_or_file, fmt)
    table = Table(frame, title=title, caption=caption, notes=notes, name=sheet_name)
    if fmt == "xlsx":
        write_workbook([table], path_or_file)
    elif fmt == "docx":
        _write_docx(table, path_or_file)
    else:
        if fmt == "csv":
            text = _flat(frame).to_csv(index=False, lineterminator="\n")
            if bom:
                text = "\ufeff" + text
        elif fmt == "tex":
            text = latex_table(frame, title=title, caption=caption, notes=notes)
        else:
            text = markdown_table(frame)
            if title or caption:
                head = (f"**{_md_text(title)}**\n\n" if title else "") + (f"{_md_text(caption)}\n\n" if caption else "")
                text = head + text
            if notes:
                text += f"\n{_md_text(notes)}\n"
        _write_text(text, path_or_file)


def write_workbook(tables: Sequence[Table], path_or_file: Target) -> None:
    """Write several tables to one XLSX workbook, one sheet per table.

    Each sheet: title and caption rows (when given), the bold header row frozen below them,
    the data (long-text and quote columns wrapped), then the notes. Column widths follow
    the content, capped at ``MAX_XLSX_WIDTH`` characters. Sheet names are cut to 31
    characters and made unique.
    """
    from openpyxl import Workbook
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    if _is_text_stream(path_or_file):
        raise InputError("an XLSX table needs a file path or a binary file, not a text stream")
    if not tables:
        raise InputError("a workbook needs at least one table")
    book = Workbook(write_only=True)
    bold, big = Font(bold=True), Font(bold=True, size=13)
    wrap = Alignment(wrap_text=True, vertical="top")
    used: set[str] = set()
    for item in tables:
        frame = _flat(item.frame)
        ws = book.create_sheet(_sheet_name(item.name, used))
        widths, wrapped = _column_layout(frame)
        for n, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(n)].width = width
        preface = []
        if item.title:
            cell = WriteOnlyCell(ws, value=item.title)
            cell.font = big
            preface.append([cell])
        if item.caption:
            preface.append([item.caption])
        if preface:
            preface.append([])
        ws.freeze_panes = f"A{len(preface) + 2}"
        for row in preface:
            ws.append(row)
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(ws, value=column)
            cell.font = bold
            header.append(cell)
        ws.append(header)
        wrap_at = [i for i, w in enumerate(wrapped) if w]
        columns = [_xlsx_values(frame[c]) for c in frame.columns]
        for values in columns:  # text that looks like a formula stays text
            for i, value in enumerate(values):
                if isinstance(value, str) and value.startswith("="):
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    values[i] = cell
        for values_of_row in zip(*columns, strict=True):
            row = list(values_of_row)
            for i in wrap_at:
                cell = row[i] if isinstance(row[i], Cell) else WriteOnlyCell(ws, value=row[i])
                cell.alignment = wrap
                row[i] = cell
            ws.append(row)
        if item.notes:
            ws.append([])
            ws.append([item.notes])
    book.save(path_or_file)


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table of ``frame`` (index written as for :func:`write_table`).

    Pipes in cells become ``\\|`` and line breaks ``<br>``; empty and missing values are
    blank; numeric columns are right-aligned.
    """
    table = _flat(frame)
    header = [_cell(c) for c in table.columns]
    numeric = [_numeric(table[c]) for c in table.columns]
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in table.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


# -- LaTeX -----------------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}
_OPENING = re.compile(r"(^|(?<=[\s(\[{]))\"")


def latex_escape(value: Any) -> str:
    """Text safe inside a LaTeX table cell: every special character escaped, quotes typeset.

    ``\\ & % $ # _ { } ~ ^ < > |`` become their text commands; a straight double quote
    becomes ````` `` ````` at the start of a word and ``''`` elsewhere; line breaks become
    ``\\newline``. Other characters (letters with accents, emoji) are kept as they are; emoji
    need a Unicode engine (XeLaTeX, LuaLaTeX) with a font that has them.

    Example
    -------
    >>> print(latex_escape('50% of "LKS" & co_op #1 ~$5^2 {x}'))
    50\\% of ``LKS'' \\& co\\_op \\#1 \\textasciitilde{}\\$5\\textasciicircum{}2 \\{x\\}
    """
    text = _plain(value).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(_LATEX_SPECIALS.get(c, c) for c in text)
    text = _OPENING.sub("``", text).replace('"', "''")
    return text.replace("\n", r"\newline ")


def latex_table(frame: pd.DataFrame, *, title: str | None = None, caption: str | None = None,
                notes: str | None = None) -> str:
    """A booktabs table (``longtable`` beyond ``LONGTABLE_ROWS`` rows) as a LaTeX fragment.

    Needs ``\\usepackage{booktabs}`` (and ``longtable`` for long tables) in the preamble.
    The title and caption make the caption (``Title. Caption``); notes follow the table.
    Long-text columns get a ``p{}`` column so they wrap; numeric ones are right-aligned.
    """
    table = _flat(frame)
    widths, wrapped = _column_layout(table)
    share = 0.9 / max(1, sum(wrapped)) if any(wrapped) else 0
    spec = "".join(
        f"p{{{min(0.45, share):.2f}\\linewidth}}" if w else ("r" if _numeric(table[c]) else "l")
        for c, w in zip(table.columns, wrapped, strict=True))
    header = " & ".join(r"\textbf{" + latex_escape(c) + "}" for c in table.columns) + r" \\"
    body = [" & ".join(latex_escape(v) for v in row) + r" \\" for row in table.itertuples(index=False, name=None)]
    label = ". ".join(p.rstrip(".") for p in (title, caption) if p)
    cap = f"\\caption{{{latex_escape(label)}}}" if label else ""
    note = f"\\par\\smallskip\\footnotesize {latex_escape(notes)}" if notes else ""
    packages = "\\usepackage{booktabs}" + (" and \\usepackage{longtable}" if len(body) > LONGTABLE_ROWS else "")
    lines = ["% requires " + packages]
    if len(body) > LONGTABLE_ROWS:
        lines += [f"\\begin{{longtable}}{{{spec}}}"]
        if cap:
            lines += [cap + r"\\"]
        lines += [r"\toprule", header, r"\midrule", r"\endfirsthead", r"\toprule", header, r"\midrule",
                  r"\endhead", r"\bottomrule", r"\endfoot", *body, r"\end{longtable}"]
        if note:
            lines += [f"{{{note.removeprefix(chr(92) + 'par')}\\par}}"]
    else:
        lines += [r"\begin{table}[htbp]", r"\centering"]
        if cap:
            lines += [cap]
        lines += [f"\\begin{{tabular}}{{{spec}}}", r"\toprule", header, r"\midrule", *body, r"\bottomrule",
                  r"\end{tabular}"]
        if note:
            lines += [note]
        lines += [r"\end{table}"]
    return "\n".join(lines) + "\n"


# -- DOCX ------------------------------------------------------------------------------

def _write_docx(item: Table, target: Target) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    out = _binary_target(target, "DOCX")
    frame = _flat(item.frame)
    doc = Document()
    section = doc.sections[0]
    if len(frame.columns) > DOCX_LANDSCAPE_COLUMNS:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    if item.title:
        doc.add_heading(item.title, level=2)
    if item.caption:
        doc.add_paragraph(item.caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    head = table.rows[0]
    flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
    flag.set(qn("w:val"), "true")
    head._tr.get_or_add_trPr().append(flag)
    for cell, column in zip(head.cells, frame.columns, strict=True):
        cell.paragraphs[0].add_run(str(column)).bold = True
    numeric = [_numeric(frame[c]) for c in frame.columns]
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for values in frame.itertuples(index=False, name=None):
        cells = table.add_row().cells
        for cell, value, right in zip(cells, values, numeric, strict=True):
            cell.text = _plain(value)
            if right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if item.notes:
        para = doc.add_paragraph()
        run = para.add_run(item.notes)
        run.font.size = Pt(9)
    doc.save(out)


# -- helpers ---------------------------------------------------------------------------

def _format(target: Target, fmt: str | None) -> str:
    if fmt is None:
        suffix = Path(target).suffix.lower() if isinstance(target, str | Path) else ""
        if suffix not in SUFFIX_FORMATS:
            raise InputError(f"cannot tell the table format from {str(target)!r}; give one of "
                             f"{', '.join(TABLE_FORMATS)}")
        return SUFFIX_FORMATS[suffix]
    return check_choice(fmt, TABLE_FORMATS, "table format")


def _is_text_stream(target: Target) -> bool:
    return isinstance(target, io.TextIOBase)


def _binary_target(target: Target, what: str) -> str | IO[bytes]:
    """A path or binary stream to save a ``what`` file to; a text stream is refused."""
    if isinstance(target, str | Path):
        return str(target)
    if _is_text_stream(target):
        raise InputError(f"a {what} table needs a file path or a binary file, not a text stream")
    return cast("IO[bytes]", target)  # not a text stream, so a binary one


def _write_text(text: str, target: Target) -> None:
    if isinstance(target, str | Path):
        Path(target).write_text(text, encoding="utf-8", newline="")
        return
    stream: IO[Any] = target  # text or binary: told apart at run time
    if isinstance(stream, io.TextIOBase) or "b" not in getattr(stream, "mode", ""):
        try:
            stream.write(text)
        except TypeError:  # a binary buffer without a mode (io.BytesIO)
            stream.write(text.encode("utf-8"))
    else:
        stream.write(text.encode("utf-8"))


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index turned into leading columns, and string column names."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None and frame.index.start == 0 \
            and frame.index.step == 1:
        table = frame.copy()
    else:
        table = frame.reset_index()
    table.columns = [str(c) for c in table.columns]
    return table


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


def _plain(value: Any) -> str:
    """A cell as text: blank when missing, whole numbers without ``.0`` from integer columns."""
    if _missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return str(float(value))
    return str(value)


def _cell(value: Any) -> str:
    text = _plain(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("|", "\\|").replace("\n", "<br>")


def _md_text(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _column_layout(frame: pd.DataFrame) -> tuple[list[int], list[bool]]:
    """Width (characters, capped) and whether to wrap, per column, from the header and content."""
    widths: list[int] = []
    wrapped: list[bool] = []
    for column in frame.columns:
        values = frame[column]
        longest, breaks = 0, False
        if len(values):
            parts = values.map(_plain).str.split("\n")
            longest = int(parts.map(lambda p: max(map(len, p))).max())
            breaks = bool((parts.str.len() > 1).any())
        longest = max(longest, len(str(column)))
        widths.append(min(MAX_XLSX_WIDTH, longest + 2))
        wrapped.append(str(column).lower() in LONG_COLUMNS or longest > LONG_TEXT or breaks)
    return widths, wrapped


def _xlsx_values(column: pd.Series) -> list[Any]:
    """Python values openpyxl writes as they are: None for missing, numpy scalars unwrapped."""
    if pd.api.types.is_integer_dtype(column) and not isinstance(column.dtype, pd.api.extensions.ExtensionDtype):
        return column.tolist()
    if pd.api.types.is_float_dtype(column):
        return [None if math.isnan(v) else v for v in column.tolist()]
    out: list[Any] = []
    for value in column.tolist():
        if _missing(value):
            out.append(None)
        elif isinstance(value, np.generic):
            out.append(value.item())
        elif isinstance(value, str | numbers.Number | bool) or value is None:
            out.append(value)
        elif isinstance(value, pd.Timestamp):  # Excel has no time zones: UTC, naive
            out.append((value.tz_convert("UTC").tz_localize(None) if value.tz else value).to_pydatetime())
        else:
            out.append(str(value))
    return out


def _sheet_name(name: str | None, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name or "table")[:31] or "table"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
