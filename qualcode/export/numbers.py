"""Statistics as papers print them (APA 7, section 6.36): one rule for every format a reader reads.

A table says which of its columns hold which kind of number in ``frame.attrs["number_kinds"]``
(column -> kind). Word, LaTeX and Markdown print those columns rounded; CSV keeps the values as
computed, for reanalysis, and XLSX keeps them too but shows them rounded (a number format).

Kinds:

- ``coefficient``: a statistic that cannot exceed 1 in size (kappa, alpha, a correlation, Jaccard),
  printed without a leading zero: ``.70``, ``-.02``, ``1.00``;
- ``percent``: a proportion (0 to 1) printed as a percentage with one decimal fewer: ``85.0%``;
- ``decimal``: any other number, rounded: ``12.35``.
"""

from __future__ import annotations

import math
from typing import Any

NUMBER_KINDS = ("coefficient", "percent", "decimal")
#: APA: two decimals for most statistics (three where a reader needs them: ``decimals=3``).
DEFAULT_DECIMALS = 2


def format_number(value: Any, kind: str, decimals: int = DEFAULT_DECIMALS) -> str:
    """``value`` printed as a paper prints a number of ``kind`` (see the module); blank when missing.

    Example
    -------
    >>> format_number(0.7039627039627039, "coefficient"), format_number(-0.0213, "coefficient")
    ('.70', '-.02')
    >>> format_number(1.0, "coefficient"), format_number(0.84999, "percent"), format_number(12.3456, "decimal", 1)
    ('1.00', '85.0%', '12.3')
    >>> format_number(-0.001, "coefficient"), format_number(float("nan"), "percent")
    ('.00', '')
    """
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return "" if value is None or not isinstance(value, str) else value
    number = float(value)
    if kind == "percent":
        return f"{number * 100:.{max(0, decimals - 1)}f}%"
    text = f"{number:.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")  # no "-.00"
    if kind == "coefficient":
        text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
    return text


def number_format(kind: str, decimals: int = DEFAULT_DECIMALS) -> str:
    """The spreadsheet number format that shows a value of ``kind`` as :func:`format_number` prints it.

    >>> number_format("coefficient"), number_format("percent"), number_format("decimal", 3)
    ('.00', '0.0%', '0.000')
    """
    places = "." + "0" * decimals if decimals else ""
    if kind == "percent":
        return "0" + ("." + "0" * (decimals - 1) if decimals > 1 else "") + "%"
    return ("" if kind == "coefficient" else "0") + places
