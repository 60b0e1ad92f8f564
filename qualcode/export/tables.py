"""Write a DataFrame as a table: CSV (UTF-8), XLSX (bold, frozen header) or GitHub Markdown.

A frame whose index is not a plain 0..n-1 range (say the code keys of a triangulation
matrix) gets its index written as the first column(s).

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
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..errors import InputError

TABLE_FORMATS = ("csv", "xlsx", "md")
SUFFIX_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".md": "md", ".markdown": "md"}
MAX_XLSX_WIDTH = 60

Target = str | Path | IO[str] | IO[bytes]


def write_table(frame: pd.DataFrame, path_or_file: Target, fmt: str | None = None, *,
                sheet_name: str = "table") -> None:
    """Write ``frame`` to a path or an open file in ``fmt``.

    Parameters
    ----------
    frame : DataFrame
        The table; a non-default index is written as the first column(s).
    path_or_file : str, Path or file object
        Where to write. CSV and Markdown accept text or binary files (UTF-8); XLSX needs
        a path or a binary file.
    fmt : {"csv", "xlsx", "md"}, optional
        Default: from the suffix of the path (.csv, .xlsx, .md, .markdown).
    sheet_name : str
        XLSX worksheet name (at most 31 characters).

    Raises
    ------
    InputError
        Unknown format, no format and no recognised suffix, or XLSX to a text file.
    """
    fmt = _format(path_or_file, fmt)
    table = _flat(frame)
    if fmt == "xlsx":
        _write_xlsx(table, path_or_file, sheet_name)
        return
    text = table.to_csv(index=False, lineterminator="\n") if fmt == "csv" else markdown_table(table)
    if isinstance(path_or_file, str | Path):
        Path(path_or_file).write_text(text, encoding="utf-8", newline="")
    elif isinstance(path_or_file, io.TextIOBase) or "b" not in getattr(path_or_file, "mode", ""):
        try:
            path_or_file.write(text)
        except TypeError:  # a binary buffer without a mode (io.BytesIO)
            path_or_file.write(text.encode("utf-8"))
    else:
        path_or_file.write(text.encode("utf-8"))


def markdown_table(frame: pd.DataFrame) -> str:
    """A GitHub-flavoured Markdown table of ``frame`` (index written as for :func:`write_table`).

    Pipes in cells become ``\\|`` and line breaks ``<br>``; empty and missing values are
    blank; numeric columns are right-aligned.
    """
    table = _flat(frame)
    header = [_cell(c) for c in table.columns]
    numeric = [pd.api.types.is_numeric_dtype(table[c]) and not pd.api.types.is_bool_dtype(table[c])
               for c in table.columns]
    lines = ["| " + " | ".join(header) + " |",
             "| " + " | ".join("---:" if n else "---" for n in numeric) + " |"]
    for row in table.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return "\n".join(lines) + "\n"


def _format(target: Target, fmt: str | None) -> str:
    if fmt is None:
        suffix = Path(target).suffix.lower() if isinstance(target, str | Path) else ""
        if suffix not in SUFFIX_FORMATS:
            raise InputError(f"cannot tell the table format from {str(target)!r}; give one of "
                             f"{', '.join(TABLE_FORMATS)}")
        return SUFFIX_FORMATS[suffix]
    if fmt not in TABLE_FORMATS:
        raise InputError(f"unknown table format {fmt!r}; allowed: {', '.join(TABLE_FORMATS)}")
    return fmt


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a meaningful index turned into leading columns, and string column names."""
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None and frame.index.start == 0 \
            and frame.index.step == 1:
        table = frame.copy()
    else:
        table = frame.reset_index()
    table.columns = [str(c) for c in table.columns]
    return table


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        text = str(value)
    elif isinstance(value, numbers.Integral):
        text = str(int(value))
    elif isinstance(value, numbers.Real):
        text = str(float(value))
    else:
        text = str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("|", "\\|").replace("\n", "<br>")
    return text


def _write_xlsx(table: pd.DataFrame, target: Target, sheet_name: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    if isinstance(target, io.TextIOBase):
        raise InputError("an XLSX table needs a file path or a binary file, not a text stream")
    sheet = (sheet_name or "table")[:31]
    with pd.ExcelWriter(target, engine="openpyxl") as writer:
        table.to_excel(writer, sheet_name=sheet, index=False)
        ws = writer.sheets[sheet]
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for n, column in enumerate(table.columns, start=1):
            longest = max([len(str(column)), *(len(str(v)) for v in table[column].head(500))])
            ws.column_dimensions[get_column_letter(n)].width = min(MAX_XLSX_WIDTH, longest + 2)
