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
from .apa import FIRST_NUMBER, NOTE_LABEL, TABLE_LABEL, add_docx_heading, add_docx_note, apa_parts, markdown_parts
from .latex import LONGTABLE_ROWS as LONGTABLE_ROWS  # re-exported: the LaTeX writer lives in .latex
from .latex import latex_escape as latex_escape
from .latex import table_fragment
from .numbers import DEFAULT_DECIMALS, format_number, number_format

TABLE_FORMATS = ("csv", "xlsx", "docx", "tex", "md")
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".docx": "docx", ".tex": "tex", ".md": "md",
                  ".markdown": "md"}
MAX_XLSX_WIDTH = 60
XLSX_LINE_HEIGHT = 15  # points: a line of 11 pt Calibri, Excel's default row
XLSX_PORTRAIT_CHARS = 110  # columns wider than this together print landscape
#: A column whose name is one of these, or whose longest cell is longer than LONG_TEXT, wraps its text.
LONG_COLUMNS = {"quote", "text", "memo", "rationale", "definition", "include", "exclude", "example",
                "citation", "summary", "context"}
LONG_TEXT = 50

Target = str | Path | IO[str] | IO[bytes]


@dataclass
class Table:
    """A table to export: the data plus what a paper prints around it.

    ``appendix``: further tables that travel with it (:func:`write_item` writes each to its own XLSX sheet, say
    the settings a report was computed with). ``context``: what every row rests on, as name -> value;
    :func:`write_item` adds it to a CSV as columns repeated on every row, so that any CSV reader keeps it (a
    commented header would need a reader told to skip it, and breaks on a ``#`` in a cell).
    """

    frame: pd.DataFrame
    title: str | None = None
    caption: str | None = None
    notes: str | None = None
    name: str = "table"
    appendix: tuple[Table, ...] = ()
    context: dict[str, Any] | None = None


def write_table(frame: pd.DataFrame, path_or_file: Target, fmt: str | None = None, *,
                title: str | None = None, caption: str | None = None, notes: str | None = None,
                bom: bool = False, sheet_name: str = "table", csv_guard: bool = True,
                decimals: int = DEFAULT_DECIMALS, latex_engine: str = "pdflatex", label: str | None = None) -> None:
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
        As APA 7 prints them (:mod:`.apa`): "Table 1" in bold and the title in italics above the table, then
        "*Note.*", the caption and the notes below it. Not written to CSV.
    bom : bool
        CSV only: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8.
    sheet_name : str
        XLSX worksheet name (at most 31 characters); LaTeX: the table's label is ``tab:`` and this name.
    csv_guard : bool
        CSV only: a text cell that starts with ``= + - @``, a tab or another control character gets
        a leading ``'`` (:func:`guard_formula`), so that a spreadsheet shows it as text instead of
        running it as a formula. False writes every cell as it is, for reanalysis in R or Python.
        Line breaks in text are written as ``\\n`` either way.
    decimals : int
        Statistics (the columns ``frame.attrs["number_kinds"]`` names) as a paper prints them
        (:func:`qualcode.export.numbers.format_number`, APA by default): rounded to this many decimals
        in Word, LaTeX and Markdown, shown so in XLSX (the cell keeps the value), as computed in CSV.
    latex_engine : {"pdflatex", "lualatex", "xelatex"}
        LaTeX only: the engine the paper is compiled with. For pdflatex, characters it cannot typeset (emoji,
        CJK, Arabic ...) are written as ``[U+XXXX]``; the others keep every character (:mod:`.latex`).
    label : str, optional
        LaTeX only: the ``\\label`` of the table (default ``tab:`` and ``sheet_name``).

    Raises
    ------
    InputError
        Unknown format or LaTeX engine, no format and no recognised suffix, or XLSX/DOCX to a text file.
    """
    fmt = _format(path_or_file, fmt)
    if fmt in ("docx", "tex", "md"):
        frame = _rounded(frame, decimals)
    table = Table(frame, title=title, caption=caption, notes=notes, name=sheet_name)
    if fmt == "xlsx":
        write_workbook([table], path_or_file, decimals=decimals)
    elif fmt == "docx":
        _write_docx(table, path_or_file)
    else:
        if fmt == "csv":
            flat = _flat(frame)
            if csv_guard:
                flat = flat.apply(lambda column: column if _numeric(column) else column.map(guard_formula))
            # a lone carriage return would end the row for a reader but is not quoted by the writer
            flat = flat.apply(lambda column: column if _numeric(column) else column.map(_unix_breaks))
            text = flat.to_csv(index=False, lineterminator="\n")
            if bom:
                text = "\ufeff" + text
        elif fmt == "tex":
            text = latex_table(frame, title=title, caption=caption, notes=notes, engine=latex_engine, label=label,
                               name=sheet_name)
        else:
            text = markdown_table(frame)
            if title or caption or notes:
                head, tail = markdown_parts(*apa_parts(title, caption, notes), _md_text)
                text = head + text + tail
        _write_text(text, path_or_file)


def write_item(item: Table, path_or_file: Target, fmt: str | None = None, **options: Any) -> None:
    """Write ``item`` with everything that travels with it: as :func:`write_table` with its title, caption and
    notes (which Word, LaTeX and Markdown print around it), plus in CSV its ``context`` as columns (those the
    frame lacks), in XLSX its ``appendix`` tables, each in a sheet of its own after the table's.

    ``options`` are :func:`write_table`'s (``bom``, ``csv_guard``, ``decimals``, ``latex_engine``, ``label``).
    """
    fmt = _format(path_or_file, fmt)
    frame = item.frame
    if fmt == "csv" and item.context:
        extra = {k: v for k, v in item.context.items() if k not in frame.columns}
        frame = frame.assign(**{k: [v] * len(frame) for k, v in extra.items()})
        frame.attrs = dict(item.frame.attrs)
    if fmt == "xlsx" and item.appendix:
        if _is_text_stream(path_or_file):
            raise InputError("an XLSX table needs a file path or a binary file, not a text stream")
        write_workbook([item, *item.appendix], path_or_file, decimals=options.get("decimals", DEFAULT_DECIMALS))
        return
    write_table(frame, path_or_file, fmt, title=item.title, caption=item.caption, notes=item.notes,
                sheet_name=item.name, **options)


def write_workbook(tables: Sequence[Table], path_or_file: Target, *, decimals: int = DEFAULT_DECIMALS) -> None:
    """Write several tables to one XLSX workbook, one sheet per table.

    Each sheet: "Table 1" and the title in italics (when given), the bold header row frozen below them,
    the data (long-text and quote columns wrapped), then "Note." with the caption and the notes. Column widths follow
    the content, capped at ``MAX_XLSX_WIDTH`` characters. Sheet names are cut to 31
    characters and made unique. Statistics keep their values and show rounded (see
    :func:`write_table`'s ``decimals``).
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
    bold, italic = Font(bold=True), Font(italic=True)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    used: set[str] = set()
    for item in tables:
        frame = _flat(item.frame)
        ws = book.create_sheet(_sheet_name(item.name, used))
        widths, wrapped = _column_layout(frame)
        for n, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(n)].width = width
        preface = []
        title, note = apa_parts(item.title, item.caption, item.notes)
        if title or note:
            label = WriteOnlyCell(ws, value=f"{TABLE_LABEL} {FIRST_NUMBER}")
            label.font = bold
            preface.append([label])
            if title:
                line = WriteOnlyCell(ws, value=title)
                line.font = italic
                preface.append([line])
            preface.append([])
        header_row = len(preface) + 1
        ws.freeze_panes = f"A{header_row + 1}"
        _print_setup(ws, widths, header_row)
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
        for i, column in enumerate(frame.columns):  # statistics: the value kept, shown as a paper prints it
            kind = _kinds(item.frame).get(column)
            if kind:
                shown = number_format(kind, decimals)
                for r, value in enumerate(columns[i]):
                    if isinstance(value, float):
                        cell = WriteOnlyCell(ws, value=value)
                        cell.number_format = shown
                        columns[i][r] = cell
        moments = [i for i, c in enumerate(frame.columns) if _moments(frame[c])]
        for i in moments:  # stored moments as dates and times the spreadsheet can sort and compute with
            for r, value in enumerate(columns[i]):
                if isinstance(value, str):
                    cell = WriteOnlyCell(ws, value=pd.Timestamp(value).tz_convert("UTC").tz_localize(None)
                                         .to_pydatetime())
                    cell.number_format = "yyyy-mm-dd hh:mm"
                    columns[i][r] = cell
        texts = {i: frame[frame.columns[i]].map(_plain).tolist() for i in wrap_at}
        for r, values_of_row in enumerate(zip(*columns, strict=True)):
            row = list(values_of_row)
            for i in wrap_at:
                cell = row[i] if isinstance(row[i], Cell) else WriteOnlyCell(ws, value=row[i])
                cell.alignment = wrap
                row[i] = cell
            if wrap_at:  # every cell of a row at its top, beside the wrapped text (the default is the bottom)
                for i, value in enumerate(row):
                    if i not in wrap_at and value is not None:
                        cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)
                        cell.alignment = top
                        row[i] = cell
            if wrap_at:  # a wrapped row is as high as its longest cell, or its text runs over the rows below
                lines = max(_wrapped_lines(texts[i][r], widths[i]) for i in wrap_at)
                if lines > 1:
                    ws.row_dimensions[header_row + 1 + r].height = min(409, XLSX_LINE_HEIGHT * lines)
            ws.append(row)
        if note:
            ws.append([])
            ws.append([f"{NOTE_LABEL} {note}"])
    book.save(path_or_file)


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table of ``frame`` (index written as for :func:`write_table`).

    Cells are text, never markup (:func:`markdown_escape`): a transcript's ``<script>`` or ``_word_``
    shows as typed. Line breaks become ``<br>``; empty and missing values are blank; numeric
    columns are right-aligned.
    """
    table = _flat(frame)
    header = [_cell(c) for c in table.columns]
    numeric = [_right(table, c) for c in table.columns]
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in table.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


#: The characters Markdown (CommonMark and GitHub's tables) could read as markup inside a line: each gets
#: a backslash. ``&`` too, so that "&lt;" in a quote is not read as an entity.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
#: What would make a line of a paragraph a heading, list item, rule or heading underline.
_MARKDOWN_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|[-=]+\s*$|\d{1,9}(?=[.)](?:\s|$)))",
                                  re.MULTILINE)

#: Cell starts a spreadsheet may read as a formula or a command (OWASP, "CSV Injection").
_FORMULA_START = re.compile(r"^[=+\-@\x00-\x1f]")


def markdown_escape(text: str, *, lines: bool = True) -> str:
    """``text`` as Markdown that renders as exactly that text: no HTML, emphasis, link, code or heading.
    ``lines``: also what would start a block at the start of a line (not needed inside a table cell).

    Example
    -------
    >>> print(markdown_escape("# _Data_ <b>DTKS</b> & [x](y), 33.3%"))
    \\# \\_Data\\_ \\<b\\>DTKS\\</b\\> \\& \\[x\\](y), 33.3%
    >>> print(markdown_escape("1. satu\\n- dua"))
    1\\. satu
    \\- dua
    """
    text = _MARKDOWN_INLINE.sub(r"\\\1", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not lines:
        return text
    return _MARKDOWN_LINE_START.sub(
        lambda m: m.group(0) + "\\" if m.group(2)[0].isdigit() else m.group(1) + "\\" + m.group(2), text)


def guard_formula(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula (it starts with ``= + - @``, a tab, a carriage return
    or another control character), with a leading ``'`` so that it shows as the text it is; anything else
    unchanged.

    Example
    -------
    >>> print(guard_formula('=HYPERLINK("http://x", "klik")'), guard_formula("-- jawab"), guard_formula("Baik"))
    '=HYPERLINK("http://x", "klik") '-- jawab Baik
    >>> guard_formula(-1)
    -1
    """
    return "'" + value if isinstance(value, str) and _FORMULA_START.match(value) else value


# -- LaTeX -----------------------------------------------------------------------------

def latex_table(frame: pd.DataFrame, *, title: str | None = None, caption: str | None = None,
                notes: str | None = None, engine: str = "pdflatex", label: str | None = None,
                name: str = "table") -> str:
    """``frame`` as a LaTeX fragment (:func:`.latex.table_fragment`): columns as wide as their content needs and
    the table as wide as the text, landscape or in parts when wide, a ``longtable`` beyond ``LONGTABLE_ROWS`` rows;
    caption, ``\\label{tab:NAME}`` and a note; its first lines name the engine and the packages it needs.
    Numeric columns and statistics are right-aligned; long-text columns take the room the others leave.
    """
    table = _flat(frame)
    return table_fragment([str(c) for c in table.columns], [[_plain(v) for v in table[c]] for c in table.columns],
                          numeric=[_right(table, c) for c in table.columns], wrapped=_column_layout(table)[1],
                          title=title, caption=caption, notes=notes, name=name, label=label, engine=engine)


# -- DOCX ------------------------------------------------------------------------------

def _write_docx(item: Table, target: Target) -> None:
    """A Word table with column widths from its content (:mod:`.docx_layout`): landscape when the columns do not
    fit upright, and in parts (each repeating the first column) when they do not fit a landscape page."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt
    from docx.table import _Cell

    from .docx_layout import (
        TABLE_FONT,
        header_text,
        layout_table,
        plan_table,
        text_widths,
        turn_landscape,
        use_body_font,
    )

    out = _binary_target(target, "DOCX")
    frame = _flat(item.frame)
    headers = [str(c) for c in frame.columns]
    texts = [[_plain(v) for v in frame[c]] for c in frame.columns]
    numeric = [_right(frame, c) for c in frame.columns]
    doc = Document()
    use_body_font(doc)
    section = doc.sections[0]
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Inches(1)  # APA
    size = Pt(TABLE_FONT)
    plan = plan_table(headers, texts, _column_layout(frame)[1], *text_widths(section))
    if plan.landscape:
        turn_landscape(section)
    title, note = apa_parts(item.title, item.caption, item.notes)
    if title or note:
        add_docx_heading(doc, title)
    for k, (part, widths) in enumerate(plan.parts, start=1):
        if len(plan.parts) > 1:
            doc.add_paragraph(f"Part {k} of {len(plan.parts)}: columns {headers[part[1]]} to {headers[part[-1]]}")
        table = doc.add_table(rows=1, cols=len(part))
        table.style = "Table Grid"
        head = table.rows[0]
        flag = OxmlElement("w:tblHeader")  # repeat the header row on every page
        flag.set(qn("w:val"), "true")
        head._tr.get_or_add_trPr().append(flag)
        for cell, i in zip(head.cells, part, strict=True):
            run = cell.paragraphs[0].add_run(header_text(headers[i]))
            run.bold, run.font.size = True, size
        for r in range(len(frame)):
            # cells from the new row's XML: Row.cells rebuilds the whole table's grid on every call
            new_row = [_Cell(tc, table) for tc in table.add_row()._tr.tc_lst]
            for cell, i in zip(new_row, part, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.add_run(texts[i][r]).font.size = size
                if numeric[i]:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        layout_table(table, widths)
    add_docx_note(doc, note)
    doc.save(out)


# -- helpers ---------------------------------------------------------------------------

def _format(target: Target, fmt: str | None) -> str:
    return file_format(target, fmt, TABLE_FORMATS, SUFFIX_FORMATS, "table")


def file_format(target: Target, fmt: str | None, formats: Sequence[str], suffixes: dict[str, str], what: str) -> str:
    """``fmt`` checked against ``formats``, or (when None) the format of the path's suffix; a stream needs ``fmt``."""
    if fmt is None:
        suffix = Path(target).suffix.lower() if isinstance(target, str | Path) else ""
        if suffix not in suffixes:
            raise InputError(f"cannot tell the {what} format from {str(target)!r}; give one of "
                             f"{', '.join(formats)}")
        return suffixes[suffix]
    return check_choice(fmt, formats, f"{what} format")


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


def _kinds(frame: pd.DataFrame) -> dict[str, str]:
    """Column -> kind of statistic (see :mod:`.numbers`), as the table's maker set it in ``attrs``."""
    return dict(frame.attrs.get("number_kinds") or {})


def _rounded(frame: pd.DataFrame, decimals: int) -> pd.DataFrame:
    """``frame`` with its statistics as printed text (``attrs["right"]``: those columns, to align right)."""
    kinds = {c: k for c, k in _kinds(frame).items() if c in frame.columns}
    if not kinds:
        return frame
    out = frame.copy()
    for column, kind in kinds.items():
        out[column] = [format_number(v, kind, decimals) for v in frame[column]]
    out.attrs = {**frame.attrs, "right": sorted(kinds)}
    return out


def _right(table: pd.DataFrame, column: str) -> bool:
    return _numeric(table[column]) or column in table.attrs.get("right", ())


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value))


#: A moment as the project stores it (ISO 8601 in UTC, to the second or finer).
_STORED_MOMENT = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)(:\d\d(\.\d+)?)?(\+00:00|Z)$")


def _plain(value: Any) -> str:
    """A cell as text for a reader (Word, LaTeX, Markdown): blank when missing, whole numbers without ``.0``
    from integer columns, a stored moment to the minute ("2026-12-03 03:11 UTC", not
    "2026-12-03T03:11:12.123+00:00")."""
    if _missing(value):
        return ""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return str(float(value))
    if isinstance(value, pd.Timestamp):
        value = value.isoformat()
    text = str(value)
    moment = _STORED_MOMENT.match(text)
    return f"{moment.group(1)} {moment.group(2)} UTC" if moment else text


def _cell(value: Any) -> str:
    """A Markdown table cell: the value as text (see :func:`markdown_escape`), line breaks as ``<br>``."""
    return markdown_escape(_plain(value), lines=False).replace("\n", "<br>")


def _unix_breaks(value: Any) -> Any:
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _md_text(text: str) -> str:
    return markdown_escape(text)


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


def _print_setup(ws, widths: list[int], header_row: int) -> None:
    """Print on as many pages as needed, each the full width of the sheet (landscape when it is wide), with
    the header row on every page."""
    ws.page_setup.orientation = "landscape" if sum(widths) > XLSX_PORTRAIT_CHARS else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a wrapped cell ``width`` characters wide (an estimate: a word that
    does not fit starts a new line)."""
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0, 1
        for word in paragraph.split():
            if used and used + 1 + len(word) > width:
                count, used = count + 1, len(word)
            else:
                used += len(word) + (1 if used else 0)
        lines += count
    return max(1, lines)


def _moments(column: pd.Series) -> bool:
    """Whether every value of ``column`` is a moment as the project stores it (and there is one)."""
    values = column.dropna()
    return bool(len(values)) and values.map(lambda v: isinstance(v, str) and bool(_STORED_MOMENT.match(v))).all()


def _sheet_name(name: str | None, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name or "table")[:31] or "table"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(candidate.lower())
    return candidate
