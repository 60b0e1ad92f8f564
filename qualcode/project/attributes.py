"""Typed informant attributes: declaring an attribute text, number, date or category.

Informants carry attributes as text (``age=34``, ``district=Sleman``). Declaring an attribute's kind makes
every value of it checked on each write (adding, editing or importing informants, REFI-QDA import), so a
filter or a sort can read it by meaning, and a REFI-QDA export names the variable's type. A declaration
is refused, and nothing written, while any informant's value does not conform; its error names the
informant, the attribute and the value. Values keep the text the researcher typed.

Declaring and removing types needs the ``import`` permission, like editing informants. Each change is one
audited event, so History shows it and undo reverts it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..analysis.attributes import KINDS, clean_categories, conforms, infer_kind, sorted_values, value_error, value_text
from ..errors import InputError, NotFoundError, Term, check_choice, unknown_message
from .base import abbreviate, required, requires
from .core import INFORMANT_COLUMNS, ProjectCore

ATTRIBUTE_TYPE_COLUMNS = ["name", "kind", "categories", "informants", "declared"]
SUGGESTION_COLUMNS = ["name", "kind", "suggested", "categories", "informants", "change"]

#: What a declaration is: a kind and, for a category, its values in order.
TypeSpec = tuple[str, Iterable[Any] | None]


class ProjectAttributes(ProjectCore):
    """Attribute type methods of a Project."""

    def attribute_types(self) -> pd.DataFrame:
        """The informant attributes and their kinds: name, kind, categories (a list), informants (how many
        have a value) and declared (False for an attribute informants use that has no declared kind: text).

        Declared types come first in the order they were declared, then the undeclared names alphabetically.
        """
        declared = self._declared_types()
        used = self._attribute_values()
        rows = [(name, kind, list(cats), len(used.get(name, {})), True) for name, (kind, cats) in declared.items()]
        rows += [(name, "text", [], len(values), False)
                 for name, values in sorted(used.items(), key=lambda item: (item[0].casefold(), item[0]))
                 if name not in declared]
        return pd.DataFrame(rows, columns=ATTRIBUTE_TYPE_COLUMNS)

    @requires("import")
    def set_attribute_type(self, name: str, kind: str, categories: Iterable[Any] | None = None, *,
                           actor: str | None = None) -> bool:
        """Declare attribute ``name`` of kind ``kind`` (one of :data:`KINDS`); for ``category``, ``categories``
        are the values it allows, in the order pickers and tables show them. Returns whether anything changed.

        Raises
        ------
        InputError
            An unknown kind; categories missing, empty or repeated for a category, or given for another
            kind; a name that is an informant column (key, group, role, organisation); an informant whose
            value is not of the kind (naming the informant, the attribute and the value). Nothing is written.
        """
        return self.set_attribute_types({name: (kind, categories)}, actor=actor) > 0

    @requires("import")
    def set_attribute_types(self, types: Mapping[str, TypeSpec], *, actor: str | None = None) -> int:
        """Declare several attribute types at once (name -> (kind, categories)), e.g. accepted suggestions of
        :meth:`infer_attribute_types`; all of them or, when one is refused, none. Returns how many changed.
        One event, undone as one step."""
        checked = {self._attribute_name(name): _spec(kind, categories) for name, (kind, categories) in types.items()}
        used = self._attribute_values()
        for name, (kind, cats) in checked.items():
            for informant, value in used.get(name, {}).items():
                if not conforms(kind, cats, value):
                    raise value_error(informant, name, value, kind, cats)
        declared = self._declared_types()
        changed = {name: spec for name, spec in checked.items() if declared.get(name) != spec}
        if not changed:
            return 0
        with self.store.atomic():
            for name, (kind, cats) in changed.items():
                row = self.store.attribute_type(name)
                text = json.dumps(cats, ensure_ascii=False)
                if row is None:
                    self.store.insert_attribute_type(name, kind, text)
                else:
                    self.store.update_attribute_type(row["id"], kind, text)
            if len(changed) == 1:
                name, (kind, _cats) = next(iter(changed.items()))
                self.store.log_event(actor, "attribute.type", {"name": name, "kind": kind})
            else:
                self.store.log_event(actor, "attribute.types",
                                     {"count": len(changed), "names": sorted(changed)})
        return len(changed)

    @requires("import")
    def remove_attribute_type(self, name: str, *, actor: str | None = None) -> None:
        """Make attribute ``name`` text again; every informant keeps its value.

        Raises
        ------
        NotFoundError
            ``name`` has no declared type.
        """
        name = required(name, Term("attribute name", "term_attribute_name"))
        row = self.store.attribute_type(name)
        if row is None:
            known = [t["name"] for t in self.store.attribute_types()]
            shown = abbreviate(known) if known else Term("none yet", "err_none_yet")
            raise NotFoundError(unknown_message("attribute type", name, shown, listed="declared"),
                                key="err_unknown_attribute_type", name=name, known=shown)
        with self.store.atomic():
            self.store.delete_attribute_type(row["id"])
            self.store.log_event(actor, "attribute.untype", {"name": name, "kind": row["kind"]})

    def infer_attribute_types(self) -> pd.DataFrame:
        """Suggested kinds for the attributes informants use, read from their values; nothing is written.

        Columns: name, kind (declared now, text if none), suggested, categories (the suggested categories,
        alphabetical), informants (how many have a value) and change (the suggested kind differs from the
        current one: what accepting the suggestions declares; a declared category keeps its own order). The
        rule is
        :func:`qualcode.analysis.attributes.infer_kind`: all numbers -> number, all dates -> date, few
        distinct values for how many informants have one -> category, else text.
        """
        current = self.attribute_types()
        used = self._attribute_values()
        rows = []
        for row in current.itertuples():
            suggested, cats = infer_kind(list(used.get(row.name, {}).values()))
            rows.append((row.name, row.kind, suggested, cats, int(row.informants), suggested != row.kind))
        return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)

    def attribute_values(self, name: str) -> list[str]:
        """The values of attribute ``name`` for a picker: a category's categories in their order; otherwise the
        distinct values informants have, in the order of the kind (numbers numerically, dates by date, text
        alphabetically).

        Raises
        ------
        NotFoundError
            No informant uses ``name`` and it has no declared type.
        """
        name = required(name, Term("attribute name", "term_attribute_name"))
        declared = self._declared_types()
        used = self._attribute_values()
        if name not in declared and name not in used:
            known = sorted(set(declared) | set(used), key=str.casefold)
            shown = abbreviate(known) if known else Term("none yet", "err_none_yet")
            raise NotFoundError(unknown_message("attribute", name, shown, listed="known"),
                                key="err_unknown_attribute", name=name, known=shown)
        kind, cats = declared.get(name, ("text", []))
        if kind == "category":
            return list(cats)
        return sorted_values(kind, cats, used.get(name, {}).values())

    # -- helpers -----------------------------------------------------------------

    def _declared_types(self) -> dict[str, tuple[str, list[str]]]:
        return {t["name"]: (t["kind"], json.loads(t["categories"] or "[]")) for t in self.store.attribute_types()}

    def _attribute_values(self) -> dict[str, dict[str, str]]:
        """Attribute name -> {informant key: value as text}, for the non-empty values informants have."""
        used: dict[str, dict[str, str]] = {}
        for row in self.store.informant_attributes():
            for name, value in json.loads(row["attributes"] or "{}").items():
                if text := value_text(value):
                    used.setdefault(str(name), {})[row["key"]] = text
        return used

    @staticmethod
    def _attribute_name(name: str) -> str:
        name = required(name, Term("attribute name", "term_attribute_name"))
        if name in INFORMANT_COLUMNS:
            raise InputError(f"'{name}' is an informant column, not an attribute; attributes are the other "
                             "columns", key="err_attribute_is_column", name=name)
        return name


def _spec(kind: str, categories: Iterable[Any] | None) -> tuple[str, list[str]]:
    """(kind, categories) checked: a known kind, and categories exactly when the kind is category."""
    kind = check_choice(str(kind).strip().lower() if isinstance(kind, str) else kind, KINDS, "attribute kind")
    if kind == "category":
        return kind, clean_categories(categories)
    if categories is not None and list(categories):
        raise InputError(f"categories are only for the kind category, not {kind}", key="err_categories_not_category",
                         kind=kind)
    return kind, []
