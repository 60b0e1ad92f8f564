"""Reading survey files: one row per respondent, some columns attributes, some open-ended answers.

Formats, chosen by extension:

- ``.csv``, ``.tsv``, ``.txt``: the delimiter is sniffed (``csv.Sniffer``; when it fails or its guess does
  not give a consistent table, the first of ``,`` ``;`` tab ``|`` that does); the encoding is detected as
  for transcripts (:func:`qualcode.ingest.decode.decode_bytes`: a byte-order mark, UTF-8, then a legacy
  single-byte encoding such as cp1252 or latin-1 when it is unambiguous); quoting is tolerant: quoted
  newlines, doubled quotes inside a quoted answer, and a stray quote inside an unquoted one are read as the
  spreadsheet wrote them. A row with fewer values than the header is padded with empty values.
- Exports of survey services, recognised by their header shapes:

  - **Qualtrics**: row 2 holds each column's question text and row 3 its ``{"ImportId": ...}`` JSON (the
    older export has no row 3). Both rows are skipped as data; the question text is the column's label.
  - **LimeSurvey**: the header starts ``id, submitdate, lastpage, startlanguage`` (question codes) or
    ``Response ID, Date submitted, Last page, Start language`` (full headings).
  - **Google Forms**: the first column is ``Timestamp`` (or its Indonesian ``Stempel waktu``).

  LimeSurvey and Google Forms exports have a single header row; recognising them names the format.
- ``.xlsx``, ``.xlsm`` (openpyxl): the first sheet or the one named. A header cell merged across several
  columns names each of them. When the row below holds a sub-header under each column of a merged header
  cell and nothing under the other columns, the header is two rows and a column is named "top - sub" (a
  column whose second header cell is empty keeps its top name); otherwise the columns of a merged cell are
  named "Q5", "Q5 (2)", "Q5 (3)".
- ``.sav``, ``.zsav`` (SPSS) and ``.dta`` (Stata), read with pyreadstat: a variable's label is the column's
  label (the question text), and a value with a value label reads as its label ("Female", not 2).

Every value is text with surrounding white space removed; an empty cell is ``""``. Numbers are written as
the spreadsheet shows them (``34``, not ``34.0``) and dates as ``YYYY-MM-DD``. Two columns with the same
name are told apart as "Name" and "Name (2)". Rows keep their number as the user sees it: the spreadsheet
row (the header is row 1) for CSV and XLSX, with the text line where a CSV row starts when a quoted newline
makes the two differ, and the case number for SPSS and Stata.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qualcode.errors import ImportFormatError, InputError, NotFoundError, Term, unknown_message
from qualcode.ingest.base import normalize_text
from qualcode.ingest.decode import decode_bytes, read_bytes

SURVEY_EXTENSIONS = (".csv", ".dta", ".sav", ".tsv", ".txt", ".xlsm", ".xlsx", ".zsav")
"""The file types :func:`read_survey` reads."""

DELIMITERS = (",", ";", "\t", "|")
"""The delimiters a CSV survey may use, in the order they are tried when sniffing fails."""

_LIMESURVEY = (("id", "submitdate", "lastpage", "startlanguage"),
               ("response id", "date submitted", "last page", "start language"))
_GOOGLE_FORMS = ("timestamp", "stempel waktu")
_SNIFF_BYTES = 64 * 1024


@dataclass
class SurveyRow:
    """One respondent's row: its number as the user sees it, the text line where it starts (CSV only, when it
    differs) and its values by column name."""

    row: int
    values: dict[str, str]
    line: int | None = None

    def place(self) -> Term:
        """"row 5" or, for a CSV row whose quoted newlines put it elsewhere in the text, "row 5 (line 7)"."""
        if self.line is not None and self.line != self.row:
            return Term(f"row {self.row} (line {self.line})", "term_survey_row_line", row=self.row, line=self.line)
        return Term(f"row {self.row}", "term_survey_row", row=self.row)


@dataclass
class SurveyTable:
    """A survey as read from a file: column names in file order, each column's label (its question text;
    the name when the file has none), and the respondents' rows.

    ``format`` is one of csv, qualtrics, limesurvey, google-forms, xlsx, sav, dta; ``value_labels`` holds
    the labels of coded values in their order (SPSS and Stata), by column; ``metadata`` says how the file
    was read (encoding, delimiter, sheet, header rows).
    """

    source: Path
    format: str
    columns: list[str]
    labels: dict[str, str]
    rows: list[SurveyRow]
    value_labels: dict[str, list[str]] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    def column(self, name: str, *, what: str = Term("column", "term_survey_column")) -> str:
        """The column called ``name``, or whose label is ``name`` when that is one column's label.

        Raises
        ------
        NotFoundError
            No such column (the error lists the file's columns).
        """
        text = str(name).strip()
        if text in self.columns:
            return text
        by_label = [c for c in self.columns if self.labels.get(c) == text]
        if len(by_label) == 1:
            return by_label[0]
        shown = ", ".join(self.columns[:30]) + (f" ... ({len(self.columns)} in all)" if len(self.columns) > 30 else "")
        error = NotFoundError(unknown_message(what, text, shown, listed="the file's columns are"),
                              key="err_survey_unknown_column", what=what, column=text, known=shown)
        raise error.located(str(self.source))


def read_survey(path: str | Path, *, sheet: str | None = None) -> SurveyTable:
    """Read a survey file into a :class:`SurveyTable`, choosing the reader by extension.

    Parameters
    ----------
    path : str or Path
        A ``.csv``/``.tsv``/``.txt``, ``.xlsx``/``.xlsm``, ``.sav``/``.zsav`` or ``.dta`` file.
    sheet : str, optional
        The worksheet of an XLSX file (default: the first); refused for other formats.

    Raises
    ------
    ImportFormatError
        Unknown extension, a missing, empty, undecodable or corrupt file, no header, no respondent rows, or a
        row with more values than the header (naming the row and the column).

    Example
    -------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "s.csv").write_text('id;age;q1\\nR1;34;"Ya, ""cukup""\\nbaik"\\n', encoding="utf-8")
    >>> table = read_survey(folder / "s.csv")
    >>> table.columns, table.rows[0].values["q1"], table.metadata["delimiter"]
    (['id', 'age', 'q1'], 'Ya, "cukup"\\nbaik', ';')
    """
    path = Path(path)
    extension = path.suffix.lower()
    if extension not in SURVEY_EXTENSIONS:
        raise ImportFormatError(path, f"unsupported survey file type ('{extension or 'no extension'}'); supported: "
                                      f"{', '.join(SURVEY_EXTENSIONS)}")
    if sheet is not None and extension not in (".xlsx", ".xlsm"):
        raise InputError(f"{path}: a sheet is only chosen in an XLSX file, not a {extension} file")
    if extension in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, sheet)
    elif extension in (".sav", ".zsav", ".dta"):
        table = _read_stats(path)
    else:
        table = _read_csv(path)
    if not table.rows:
        raise ImportFormatError(path, "no respondent rows below the header")
    return table


# -- CSV ---------------------------------------------------------------------------------------------------


def _read_csv(path: Path) -> SurveyTable:
    text, encoding = decode_bytes(read_bytes(path), path)
    delimiter = _delimiter(text, path)
    records = _records(text, delimiter, path)
    if not records:
        raise ImportFormatError(path, "the file has no header row")
    header = [cell.strip() for cell in records[0][1]]
    body = records[1:]
    labels_row: list[str] | None = None
    fmt, skipped = _csv_format(header, [values for _line, values in body[:2]])
    if fmt == "qualtrics":
        labels_row = body[0][1]
        body = body[skipped:]
    columns = _unique_names(header)
    labels = {c: _one_line(labels_row[i]) if labels_row and i < len(labels_row) and labels_row[i].strip() else c
              for i, c in enumerate(columns)}
    rows = []
    for index, (line, values) in enumerate(body, start=2 + (skipped if fmt == "qualtrics" else 0)):
        row = SurveyRow(index, {}, line)
        if len(values) > len(columns):
            extra = [v for v in values[len(columns):] if v.strip()]
            if extra:
                raise ImportFormatError(path, f"{row.place()}, column {len(columns) + 1}: {len(values)} values but "
                                              f"the header names {len(columns)} columns (an unquoted "
                                              f"{_shown(delimiter)} inside an answer?)")
        if not any(v.strip() for v in values):
            continue
        row.values = {c: (values[i].strip() if i < len(values) else "") for i, c in enumerate(columns)}
        rows.append(row)
    metadata = {"encoding": encoding, "delimiter": delimiter, "header_rows": 1 + (skipped if fmt == "qualtrics" else 0)}
    return SurveyTable(path, fmt, columns, labels, rows, metadata=metadata)


def _delimiter(text: str, path: Path) -> str:
    """The sniffed delimiter when it reads the start of the file as a consistent table, else the candidate that
    fits most rows (so that the row that does not fit is named when the file is read)."""
    sample = text[:_SNIFF_BYTES]
    complete = sample if len(sample) < _SNIFF_BYTES else sample[: sample.rfind("\n") + 1]
    candidates = list(DELIMITERS)
    try:
        candidates.insert(0, csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter)
    except csv.Error:
        pass
    scores = {candidate: _fit(complete, candidate) for candidate in dict.fromkeys(candidates)}
    for candidate in candidates:
        if scores[candidate] == 1.0:
            return candidate
    best = max(scores, key=lambda c: scores[c])
    if scores[best] > 0:
        return best
    if "\n" not in text.strip():
        return candidates[0]  # a header alone; the empty body is refused later
    raise ImportFormatError(path, "cannot tell how the columns are separated: none of comma, semicolon, tab or "
                                  "'|' splits the header into columns")


def _fit(sample: str, delimiter: str) -> float:
    """The share of sampled rows that ``delimiter`` splits into no more values than the header's columns (0 when
    it does not split the header into several)."""
    try:
        rows = [r for r in csv.reader(io.StringIO(sample), delimiter=delimiter) if any(c.strip() for c in r)]
    except csv.Error:
        return 0.0
    if len(rows) < 2 or len(rows[0]) < 2:
        return 0.0
    width = len(rows[0])
    fitting = sum(len(r) <= width or not any(c.strip() for c in r[width:]) for r in rows[1:])
    return fitting / (len(rows) - 1)


def _records(text: str, delimiter: str, path: Path) -> list[tuple[int, list[str]]]:
    """Every record with the text line it starts on."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records = []
    start = 1
    try:
        for values in reader:
            records.append((start, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(path, f"line {start}: cannot read the row ({exc})") from None
    return records


def _csv_format(header: Sequence[str], first_rows: list[list[str]]) -> tuple[str, int]:
    """The survey service whose export this header is, and how many rows below the header are more header."""
    lowered = tuple(h.strip().lower() for h in header)
    if first_rows and len(first_rows) == 2 and _is_import_id_row(first_rows[1]):
        return "qualtrics", 2
    if first_rows and ("responseid" in lowered) and _cell(first_rows[0], lowered.index("responseid")) in (
            "Response ID", "ResponseID"):
        return "qualtrics", 1
    if any(lowered[: len(shape)] == shape for shape in _LIMESURVEY):
        return "limesurvey", 0
    if lowered and lowered[0] in _GOOGLE_FORMS:
        return "google-forms", 0
    return "csv", 0


def _is_import_id_row(values: list[str]) -> bool:
    filled = [v.strip() for v in values if v.strip()]
    return bool(filled) and all(v.startswith("{") and '"ImportId"' in v for v in filled)


def _cell(values: Sequence[str], index: int) -> str:
    return values[index].strip() if index < len(values) else ""


# -- XLSX --------------------------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None) -> SurveyTable:
    import openpyxl  # imported here: only XLSX surveys need it
    from openpyxl.utils.exceptions import InvalidFileException

    read_bytes(path)  # the same checks of existence, size and emptiness as every importer
    try:
        book = openpyxl.load_workbook(path, data_only=True)  # not read-only: merged cells are needed
    except (InvalidFileException, OSError, KeyError, ValueError) as exc:
        raise ImportFormatError(path, f"not a readable XLSX workbook ({exc})") from None
    try:
        if sheet is None:
            ws = book.worksheets[0]
        elif sheet in book.sheetnames:
            ws = book[sheet]
        else:
            raise NotFoundError(f"{path}: " + unknown_message("sheet", sheet, book.sheetnames, listed="known"))
        grid = [list(row) for row in ws.iter_rows(values_only=True)]
        merged = [(r.min_row, r.max_row, r.min_col, r.max_col) for r in ws.merged_cells.ranges]
        title = ws.title
    finally:
        book.close()
    while grid and not any(_text(v) for v in grid[0]):
        grid.pop(0)
        merged = [(a - 1, b - 1, c, d) for a, b, c, d in merged]
    if not grid:
        raise ImportFormatError(path, f"sheet '{sheet or 'first'}' is empty")
    width = max(len(r) for r in grid)
    grid = [r + [None] * (width - len(r)) for r in grid]
    top = [_text(v) for v in grid[0]]
    spans = [(c0, c1) for r0, _r1, c0, c1 in merged if r0 == 1 and c1 > c0]
    for c0, c1 in spans:  # a merged cell's value is in its first column only
        for col in range(c0, c1 + 1):
            top[col - 1] = top[c0 - 1]
    second = [_text(v) for v in grid[1]] if len(grid) > 1 else []
    under = {col for c0, c1 in spans for col in range(c0, c1 + 1)}
    # a sub-header row has a value under each merged column and nothing elsewhere (a data row has an ID)
    two_rows = bool(spans) and all(bool(second[col - 1]) == (col in under) for col in range(1, width + 1))
    if two_rows:
        names = [f"{t} - {s}" if s and t and s != t else (t or s) for t, s in zip(top, second, strict=True)]
        first_data = 3
    else:
        names = list(top)
        for c0, c1 in spans:
            for n, col in enumerate(range(c0 + 1, c1 + 1), start=2):
                names[col - 1] = f"{top[c0 - 1]} ({n})"
        first_data = 2
    columns = _unique_names(names)
    rows = []
    for number, values in enumerate(grid[first_data - 1:], start=first_data):
        cells = {c: _text(v) for c, v in zip(columns, values, strict=True)}
        if any(cells.values()):
            rows.append(SurveyRow(number, cells))
    metadata = {"sheet": title, "header_rows": 2 if two_rows else 1}
    return SurveyTable(path, "xlsx", columns, {c: c for c in columns}, rows, metadata=metadata)


# -- SPSS and Stata ----------------------------------------------------------------------------------------


def _read_stats(path: Path) -> SurveyTable:
    import pyreadstat  # imported here: only SPSS and Stata surveys need it

    read_bytes(path)
    reader = pyreadstat.read_dta if path.suffix.lower() == ".dta" else pyreadstat.read_sav
    try:
        frame, meta = reader(str(path))
    except Exception as exc:  # noqa: BLE001 - pyreadstat raises its own and plain errors for a corrupt file
        raise ImportFormatError(path, f"not a readable {'Stata' if path.suffix.lower() == '.dta' else 'SPSS'} file "
                                      f"({exc})") from None
    names = [str(c) for c in frame.columns]
    labels = {c: _one_line(str(meta.column_names_to_labels.get(c) or "")) or c for c in names}
    value_labels: dict[str, dict[Any, str]] = {c: dict(v) for c, v in (meta.variable_value_labels or {}).items()}
    rows = []
    for number, values in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells = {}
        for name, value in zip(names, values, strict=True):
            mapping = value_labels.get(name, {})
            cells[name] = _text(mapping.get(value, value)) if not _missing(value) else ""
        if any(cells.values()):
            rows.append(SurveyRow(number, cells))
    fmt = "dta" if path.suffix.lower() == ".dta" else "sav"
    ordered = {c: [str(label) for label in v.values()] for c, v in value_labels.items()}
    return SurveyTable(path, fmt, names, labels, rows, value_labels=ordered,
                       metadata={"encoding": getattr(meta, "file_encoding", None), "header_rows": 0})


# -- values ------------------------------------------------------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN and pandas' missing values
    except (TypeError, ValueError):
        return False


def _text(value: Any) -> str:
    """A cell as the text a researcher sees: numbers without a needless ``.0``, dates as YYYY-MM-DD."""
    if _missing(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "isoformat") and hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        return _text(value.to_pydatetime())
    return normalize_text(str(value)).strip()


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _unique_names(names: Iterable[str]) -> list[str]:
    """Names made unique in order: an empty one is "column N", a repeated one "Name (2)"."""
    result: list[str] = []
    seen: set[str] = set()
    for number, name in enumerate(names, start=1):
        base = _one_line(name) or f"column {number}"
        candidate, n = base, 1
        while candidate in seen:
            n += 1
            candidate = f"{base} ({n})"
        seen.add(candidate)
        result.append(candidate)
    return result


def _shown(delimiter: str) -> str:
    return {"\t": "tab", ",": "comma", ";": "semicolon", "|": "'|'"}.get(delimiter, repr(delimiter))
