"""The project's side of the ``where`` filter and of the matrix axes over an informant attribute.

A *condition* is the ``WHERE`` part of the coding-query language (:func:`qualcode.analysis.query.parse_condition`,
e.g. ``group = leadership AND age >= 40``): one syntax for the matrix, the framework matrix, search, the
quote table and the report. This module gives the condition the project's documents, informants, the values
each field may take and the declared attribute types, and reads ``attribute:NAME`` axes. Functions take the
project, so that every concern module can use them without another mix-in.
"""

from __future__ import annotations

import math
from typing import Any, Protocol

import numpy as np
import pandas as pd

from ..analysis.query import (
    CODING_FIELDS,
    AttributeTypes,
    Filter,
    condition_fields,
    condition_mask,
    document_mask,
    parse_condition,
)
from ..errors import InputError, unknown_message
from ..store import Store


class ProjectData(Protocol):
    """What these functions read of a project (every :class:`~qualcode.project.Project` has it)."""

    store: Store

    def documents(self) -> pd.DataFrame: ...

    def informants(self) -> pd.DataFrame: ...

#: How a matrix axis over an informant attribute is written: ``attribute:gender``.
ATTRIBUTE_PREFIX = "attribute:"
#: Informant fields that are not in the attributes but make an axis the same way.
INFORMANT_FIELDS = ("role", "organisation")


def parsed(where: str | None) -> Filter | None:
    """The parsed condition; None for None or blank text (no filter)."""
    if where is None or (isinstance(where, str) and not where.strip()):
        return None
    return parse_condition(where)


def attribute_types(project: ProjectData) -> AttributeTypes | None:
    """The declared attribute types as the condition reads them (name -> (kind, categories)); None when the
    project declares none."""
    reader = getattr(project, "attribute_types", None)
    if not callable(reader):
        return None
    frame = reader()
    if frame is not None and "declared" in frame.columns:  # undeclared attributes stay untyped
        frame = frame[frame["declared"].astype(bool)]
    if frame is None or len(frame) == 0:
        return None
    return {str(name): (str(kind), list(categories) if isinstance(categories, list | tuple) else [])
            for name, kind, categories in zip(frame["name"], frame["kind"], frame["categories"], strict=True)}


def _known(project: ProjectData, documents: pd.DataFrame, informants: pd.DataFrame) -> dict[str, list[str]]:
    store = project.store
    return {"group": [g["key"] for g in store.groups()], "source_type": list(store.source_types()),
            "coder": [c["name"] for c in store.coders()], "informant": informants["key"].tolist(),
            "document": documents["name"].tolist()}


def _frames(project: ProjectData) -> tuple[pd.DataFrame, pd.DataFrame]:
    return project.documents(), project.informants()


def document_ids(project: ProjectData, where: str | Filter | None) -> set[int] | None:
    """The ids of the documents meeting a document-level condition; None when there is no condition.

    Raises InputError (with ``position``) for a bad condition, or one naming ``coder`` or ``date``.
    """
    condition = parsed(where) if not isinstance(where, Filter) else where
    if condition is None:
        return None
    documents, informants = _frames(project)
    mask = document_mask(condition, documents, informants=informants,
                         known=_known(project, documents, informants), types=attribute_types(project))
    return {int(i) for i in documents.loc[mask, "id"]}


def is_coding_level(where: Filter | None) -> bool:
    """Whether a condition names a coding's field (coder, date), so that it must be evaluated per coding."""
    return where is not None and bool(condition_fields(where) & set(CODING_FIELDS))


def filter_codings(project: ProjectData, where: str | Filter | None, codings: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``codings`` (``document_id``, ``coder``, ``created_at`` as :meth:`Project.codings`) that meet
    the condition, index kept; all of them when there is none."""
    condition = parsed(where) if not isinstance(where, Filter) else where
    if condition is None:
        return codings
    if not is_coding_level(condition):
        ids = document_ids(project, condition)
        return codings[codings["document_id"].astype("int64").isin(ids or set())]
    documents, informants = _frames(project)
    mask = condition_mask(condition, codings, documents=documents, informants=informants,
                          known=_known(project, documents, informants), types=attribute_types(project))
    return codings[np.asarray(mask, dtype=bool)]


# -- attribute axes -------------------------------------------------------------------

def attribute_of(by: str) -> str | None:
    """The attribute name of an ``attribute:NAME`` axis (lower case); None for another axis."""
    if isinstance(by, str) and by.lower().startswith(ATTRIBUTE_PREFIX):
        name = by[len(ATTRIBUTE_PREFIX):].strip().lower()
        if not name:
            raise InputError("attribute axis without a name; write attribute:NAME, e.g. attribute:gender")
        return name
    return None


def attribute_names(project: ProjectData) -> list[str]:
    """The informant attributes an axis may be over: declared ones first (in their order), then those found
    on informants (sorted), then role and organisation; names in lower case."""
    names: dict[str, None] = {}
    for name in attribute_types(project) or {}:
        names.setdefault(str(name).lower(), None)
    found: set[str] = set()
    for attributes in project.informants()["attributes"]:
        found.update(str(k).lower() for k in (attributes or {}))
    for name in sorted(found):
        names.setdefault(name, None)
    for name in INFORMANT_FIELDS:
        names.setdefault(name, None)
    return list(names)


def _shown(value: Any) -> str | None:
    """An attribute's value as a column label: None when missing, whole numbers without ".0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or isinstance(value, list | dict):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def _order(values: set[str]) -> list[str]:
    def key(value: str) -> tuple[int, float, str]:
        try:
            return 0, float(value), value
        except ValueError:
            return 1, 0.0, value
    return sorted(values, key=key)


def attribute_axis(project: ProjectData, name: str) -> tuple[dict[str, str], list[str]]:
    """Each informant's value of the attribute (informants without one left out) and the axis' columns:
    the declared categories in their order when the attribute is a declared category, then any other value
    found; otherwise the values found, numbers by value, then text.

    Raises InputError for an attribute no informant has and none declares.
    """
    name = name.lower()
    known = attribute_names(project)
    if name not in known:
        raise InputError(unknown_message("informant attribute", name, ", ".join(known) or "none", listed="known"),
                         key="err_unknown_attribute", name=name, known=", ".join(known) or "-")
    values: dict[str, str] = {}
    for row in project.informants().to_dict("records"):
        if name in INFORMANT_FIELDS:
            value = _shown(row.get(name))
        else:
            lowered = {str(k).lower(): v for k, v in (row.get("attributes") or {}).items()}
            value = _shown(lowered.get(name))
        if value is not None:
            values[str(row["key"])] = value
    declared = {str(k).lower(): v for k, v in (attribute_types(project) or {}).items()}.get(name)
    columns = [str(c) for c in declared[1]] if declared and declared[0] == "category" else []
    columns += _order(set(values.values()) - set(columns))
    return values, columns
