"""SQL for the declared kinds of informant attributes (text, number, date, category)."""

from __future__ import annotations

from .base import StoreBase

_COLUMNS = "id, name, kind, categories, position"


class AttributeQueries(StoreBase):
    """Mixed into :class:`~qualcode.store.Store`; uses its connection helpers."""

    def attribute_types(self) -> list[dict]:
        """Every declared attribute type, in display order (position, then name)."""
        return self._all(f"SELECT {_COLUMNS} FROM attribute_types ORDER BY position, name")

    def attribute_type(self, name: str) -> dict | None:
        return self._one(f"SELECT {_COLUMNS} FROM attribute_types WHERE name = ?", (name,))

    def insert_attribute_type(self, name: str, kind: str, categories: str) -> int:
        """Declare a type; it goes after every type declared so far."""
        position = self.conn.execute("SELECT coalesce(max(position), 0) + 1 FROM attribute_types").fetchone()[0]
        return self._insert("attribute_types", {"name": name, "kind": kind, "categories": categories,
                                                "position": int(position)})

    def update_attribute_type(self, type_id: int, kind: str, categories: str) -> None:
        self._update("attribute_types", type_id, {"kind": kind, "categories": categories})

    def delete_attribute_type(self, type_id: int) -> None:
        self.conn.execute("DELETE FROM attribute_types WHERE id = ?", (type_id,))

    def informant_attributes(self) -> list[dict]:
        """Every informant's key and attributes (the JSON text), in key order: what a type is checked on."""
        return self._all("SELECT id, key, attributes FROM informants ORDER BY key")
