"""Kinds of informant attribute values: text, number, date and category.

An informant's attributes are text as the researcher typed it. A declared kind says what that text must
be, so that it can be compared, sorted and filtered by meaning (``age >= 40``, interviews before a date)
and exchanged with other programs as a typed REFI-QDA variable:

- ``text``: anything (what an undeclared attribute is);
- ``number``: a decimal number written with a dot, such as ``42``, ``-3.5`` or ``1e3``;
- ``date``: a calendar date written ``YYYY-MM-DD`` (ISO 8601);
- ``category``: one of a list of values, in the order the list gives.

The text is kept as typed; these functions check and read it. Empty values count as absent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import InputError, Term

KINDS = ("text", "number", "date", "category")

#: The most categories :func:`infer_kind` suggests; more distinct values than this read as text.
MAX_CATEGORIES = 12

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def value_text(value: Any) -> str:
    """An attribute value as the text it is checked on: a string trimmed, anything else as JSON, None as ''.

    Example
    -------
    >>> value_text(" 42 "), value_text(42), value_text(None)
    ('42', '42', '')
    """
    if value is None:
        return ""
    return value.strip() if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parse_number(text: str) -> Decimal | None:
    """The number ``text`` writes (a decimal with a dot, optionally an exponent), or None.

    Example
    -------
    >>> parse_number("3.5"), parse_number("1e3"), parse_number("3,5"), parse_number("nan")
    (Decimal('3.5'), Decimal('1E+3'), None, None)
    """
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only what Decimal reads
        return None


def is_integer(text: str) -> bool:
    """Whether ``text`` writes a whole number without a decimal point or exponent (``12``, ``-3``)."""
    return bool(_INTEGER.fullmatch(text.strip()))


def decimal_text(text: str) -> str:
    """A number written without an exponent (what xsd:decimal accepts): ``1e3`` -> ``1000``.

    Example
    -------
    >>> decimal_text("1e3"), decimal_text("2.50"), decimal_text("-.5")
    ('1000', '2.50', '-0.5')
    """
    number = parse_number(text)
    if number is None:
        raise InputError(f"'{text}' is not a number", key="err_not_number", value=text)
    return format(number, "f")


def parse_date(text: str) -> date | None:
    """The calendar date ``text`` writes as ``YYYY-MM-DD``, or None (also for a day the calendar lacks).

    Example
    -------
    >>> parse_date("2024-02-29"), parse_date("2023-02-29"), parse_date("3/4/2024")
    (datetime.date(2024, 2, 29), None, None)
    """
    text = text.strip()
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def conforms(kind: str, categories: Sequence[str], value: Any) -> bool:
    """Whether ``value`` is a value of ``kind`` (for a category: one of ``categories``); empty always is."""
    text = value_text(value)
    if not text or kind == "text":
        return True
    if kind == "number":
        return parse_number(text) is not None
    if kind == "date":
        return parse_date(text) is not None
    return text in categories


def expected(kind: str, categories: Sequence[str]) -> Term:
    """What a value of ``kind`` must be, as a phrase of an error message."""
    if kind == "number":
        return Term("a number such as 42 or 3.5 (decimal point, not comma)", "term_attr_number")
    if kind == "date":
        return Term("a date written YYYY-MM-DD", "term_attr_date")
    shown = ", ".join(categories)
    return Term(f"one of: {shown}", "term_attr_category", categories=shown)


def kind_term(kind: str) -> Term:
    """The name of ``kind`` as a part of an error message."""
    return Term(kind, f"attr_kind_{kind}")


def value_error(informant: str, attribute: str, value: Any, kind: str, categories: Sequence[str]) -> InputError:
    """The error for an informant's value that is not of its attribute's kind, naming all three."""
    text = value_text(value)
    return InputError(f"informant '{informant}': attribute '{attribute}' is {kind}, and '{text}' is not "
                      f"{expected(kind, categories)}", key="err_attribute_value", informant=informant,
                      attribute=attribute, value=text, kind=kind_term(kind), expected=expected(kind, categories))


def check_attributes(types: Mapping[str, tuple[str, Sequence[str]]], informant: str,
                     attributes: Mapping[str, Any] | None) -> None:
    """Raise :class:`InputError` for the first of ``informant``'s ``attributes`` whose value is not of the kind
    ``types`` declares for it (name -> (kind, categories)); undeclared attributes are text."""
    for name, value in (attributes or {}).items():
        kind, categories = types.get(str(name), ("text", ()))
        if not conforms(kind, categories, value):
            raise value_error(informant, str(name), value, kind, categories)


def sort_key(kind: str, categories: Sequence[str] = ()) -> Callable[[str], tuple]:
    """A key ordering texts of ``kind`` by meaning: numbers numerically, dates by date, categories in their
    order; anything that does not conform after the rest, as text."""
    position = {c: i for i, c in enumerate(categories)}

    def key(text: str) -> tuple:
        if kind == "number" and (number := parse_number(text)) is not None:
            return (0, number, "")
        if kind == "date" and (day := parse_date(text)) is not None:
            return (0, day.toordinal(), "")
        if kind == "category" and text in position:
            return (0, position[text], "")
        return (1, 0, text.casefold())

    return key


def sorted_values(kind: str, categories: Sequence[str], values: Iterable[Any]) -> list[str]:
    """The distinct non-empty ``values`` as text, in the order of ``kind`` (see :func:`sort_key`).

    Example
    -------
    >>> sorted_values("number", [], ["10", "9", "9", "", "100"])
    ['9', '10', '100']
    >>> sorted_values("category", ["low", "mid", "high"], ["high", "low"])
    ['low', 'high']
    """
    texts = {value_text(v) for v in values} - {""}
    return sorted(texts, key=sort_key(kind, categories))


def infer_kind(values: Sequence[Any]) -> tuple[str, list[str]]:
    """The kind the non-empty ``values`` (one per informant that has one) suggest, with its categories.

    All numbers: number. All dates: date. Otherwise, few distinct values for how many there are (at most
    :data:`MAX_CATEGORIES`, and each used on average at least twice): category, its values in alphabetical
    order. Anything else, and no values at all: text.

    Example
    -------
    >>> infer_kind(["34", "51", "28.5"])
    ('number', [])
    >>> infer_kind(["2024-05-01", "2024-06-11"])
    ('date', [])
    >>> infer_kind(["urban", "rural", "urban", "rural", "urban"])
    ('category', ['rural', 'urban'])
    >>> infer_kind(["head of office", "teacher", "nurse"])
    ('text', [])
    """
    texts = [t for t in (value_text(v) for v in values) if t]
    if not texts:
        return "text", []
    if all(parse_number(t) is not None for t in texts):
        return "number", []
    if all(parse_date(t) is not None for t in texts):
        return "date", []
    distinct = set(texts)
    if len(distinct) <= min(MAX_CATEGORIES, len(texts) // 2):
        return "category", sorted(distinct, key=lambda t: (t.casefold(), t))
    return "text", []


def clean_categories(categories: Iterable[Any] | None) -> list[str]:
    """``categories`` as trimmed text in the given order; InputError for an empty or repeated one, or none."""
    cleaned: list[str] = []
    for item in categories or ():
        text = value_text(item)
        if not text:
            raise InputError("a category is empty", key="err_category_empty")
        if text in cleaned:
            raise InputError(f"category '{text}' is listed twice", key="err_category_twice", category=text)
        cleaned.append(text)
    if not cleaned:
        raise InputError("a category attribute needs its categories (the values it allows)",
                         key="err_categories_missing")
    return cleaned
