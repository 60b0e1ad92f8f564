"""Editing the project's codebook in place: add, edit, move, merge and delete codes.

:class:`CodebookEditing` builds on :class:`~.base.ProjectBase` alone and talks only to the store,
so the rules of the project hold: every write is one transaction with an audit event, and a
refused call leaves the file as it was. Codes keep a ``sort`` that lists the tree depth first
(parents before their children, siblings in their own order); every structural edit renumbers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..codebook import COLOR_RE, DEFAULT_COLOR, KEY_RE, hotkey_value
from ..errors import CodebookError, DuplicateError, InputError, NotFoundError, Term, unknown_message
from ..store import Store
from .base import ProjectBase, abbreviate, requires

CODE_TEXT_FIELDS = ("name_alt", "definition", "include", "exclude", "example")
EDITABLE_CODE_FIELDS = ("key", "name", *CODE_TEXT_FIELDS, "color", "hotkey")


class CodebookEditing(ProjectBase):
    """Codebook-editing methods of a Project."""

    @requires("codebook")
    def add_code(
        self, key: str, name: str, *, parent: str | None = None, name_alt: str | None = None,
        definition: str | None = None, include: str | None = None, exclude: str | None = None,
        example: str | None = None, color: str | None = None, hotkey: str | None = None, actor: str | None = None,
        reason: str | None = None,
    ) -> int:
        """Add a code, after its siblings; returns its id.

        Parameters
        ----------
        key : str
            Unique key: letters, digits, ``.``, ``_`` and ``-`` only.
        name : str
            Display name (required).
        parent : str, optional
            Key of the parent code; None for a top-level code.
        color : str, optional
            ``#RGB`` or ``#RRGGBB``; default the parent's colour, else ``#999999``.
        hotkey : str, optional
            One letter (A-Z) or digit, any case, stored upper-case; unique in the project.
        reason : str, optional
            Why the code was added; kept in the audit trail (see :mod:`.codebook_log`).

        Raises
        ------
        CodebookError
            Bad key, colour or hotkey. DuplicateError: key or hotkey taken. NotFoundError: unknown parent.
        """
        key = _valid_key(key)
        if self.store.code_by_key(key):
            raise DuplicateError(f"code '{key}' already exists; choose another key", key="err_duplicate_code", code=key)
        parent_row = self._code_named(parent, "parent code") if parent is not None else None
        fields = {"name": _name(name, key), **_texts(key, name_alt=name_alt, definition=definition,
                                                       include=include, exclude=exclude, example=example)}
        fields["color"] = _valid_color(color, key) if color is not None else (
            parent_row["color"] if parent_row else DEFAULT_COLOR)
        with self.store.atomic():
            if hotkey is not None:  # checked in the transaction: no other writer takes the key in between
                fields["hotkey"] = checked_hotkeys(self.store, {key: hotkey})[key]
            last = max((c["sort"] for c in self.store.code_tree()), default=-1) + 1
            code_id = self.store.insert_code({"key": key, "parent_id": parent_row["id"] if parent_row else None,
                                              "sort": last, **fields})
            self._renumber_codes()
            self.store.log_event(actor, "code.add", {"key": key, "parent": parent, **fields, **_why(reason)})
        return code_id

    @requires("codebook")
    def edit_code(self, key: str, /, *, actor: str | None = None, reason: str | None = None, **fields: Any) -> None:
        """Change fields of a code: ``key`` (rename), ``name``, ``name_alt``, ``definition``,
        ``include``, ``exclude``, ``example``, ``color``, ``hotkey`` (one letter or digit, stored
        upper-case; None or "" clears it). Codings stay attached on a rename. ``reason``: why, kept in the
        audit trail.

        Raises
        ------
        InputError
            Unknown field or empty name. CodebookError: bad key, colour or hotkey.
            DuplicateError: the new key or the hotkey is taken. NotFoundError: unknown code.
        """
        row = self._code_named(key, "code")
        bad = sorted(set(fields) - set(EDITABLE_CODE_FIELDS))
        if bad:
            raise InputError(f"code '{row['key']}': cannot edit {', '.join(bad)}; "
                             f"editable: {', '.join(EDITABLE_CODE_FIELDS)}")
        update: dict[str, Any] = {}
        if "key" in fields:
            new_key = _valid_key(fields["key"])
            other = self.store.code_by_key(new_key)
            if other and other["id"] != row["id"]:
                raise DuplicateError(f"cannot rename code '{row['key']}' to '{new_key}': "
                                     f"code '{new_key}' already exists",
                                     key="err_rename_code_taken", code=row["key"], new=new_key)
            update["key"] = new_key
        if "name" in fields:
            update["name"] = _name(fields["name"], row["key"])
        update.update(_texts(row["key"], **{f: fields[f] for f in CODE_TEXT_FIELDS if f in fields}))
        if "color" in fields:
            update["color"] = _valid_color(fields["color"], row["key"])
        if not update and "hotkey" not in fields:
            return
        with self.store.atomic():
            if "hotkey" in fields:  # checked in the transaction: no other writer takes the key in between
                update["hotkey"] = checked_hotkeys(self.store, {row["key"]: fields["hotkey"]})[row["key"]]
            self.store.update_code(row["id"], update)
            self.store.log_event(actor, "code.edit", {"key": row["key"], **update, **_why(reason)})

    @requires("codebook")
    def move_code(self, key: str, parent: str | None, *, actor: str | None = None, reason: str | None = None) -> None:
        """Put a code (with its sub-codes) under another parent, after its new siblings; None = top level.
        ``reason``: why, kept in the audit trail.

        Raises
        ------
        CodebookError
            Moving a code under itself or one of its own sub-codes (names the cycle).
        NotFoundError
            Unknown code or parent.
        """
        row = self._code_named(key, "code")
        parent_row = self._code_named(parent, "parent code") if parent is not None else None
        new_parent_id = parent_row["id"] if parent_row else None
        if parent_row is not None:
            self._refuse_cycle("move", row, parent_row)
        if new_parent_id == row["parent_id"]:
            return
        old_parent = self.store.code_by_id(row["parent_id"]) if row["parent_id"] is not None else None
        with self.store.atomic():
            last = max(c["sort"] for c in self.store.code_tree()) + 1
            self.store.update_code(row["id"], {"parent_id": new_parent_id, "sort": last})
            self._renumber_codes()
            self.store.log_event(actor, "code.move", {"key": row["key"],
                                                      "from": old_parent["key"] if old_parent else None,
                                                      "to": parent_row["key"] if parent_row else None,
                                                      **_why(reason)})

    def code_usage(self, key: str) -> dict[str, Any]:
        """How much a code is used: what deleting it would remove.

        Returns
        -------
        dict
            ``codings`` (its own), ``codings_with_subcodes`` (with all descendants')
            and ``subcodes`` (descendant keys, depth first).
        """
        row = self._code_named(key, "code")
        subcodes = self._descendants(row["id"])
        return {
            "codings": self.store.count_codings_of_codes([row["id"]]),
            "codings_with_subcodes": self.store.count_codings_of_codes([row["id"], *(c["id"] for c in subcodes)]),
            "subcodes": [c["key"] for c in subcodes],
        }

    @requires("codebook")
    def merge_codes(self, source: str, target: str, *, actor: str | None = None, reason: str | None = None) -> int:
        """Merge ``source`` into ``target`` and delete ``source``; returns the number of codings moved.

        A source coding that would duplicate a target coding (same document, coder,
        start and end) is dropped instead of moved. Source's direct sub-codes move
        under ``target``, after its own sub-codes. ``reason``: why they were merged, kept in the audit
        trail; the codebook change log and the methods appendix report it.

        Raises
        ------
        CodebookError
            Merging a code into itself or into one of its own sub-codes.
        NotFoundError
            Unknown source or target.
        """
        src = self._code_named(source, "source code")
        dst = self._code_named(target, "target code")
        if src["id"] == dst["id"]:
            raise CodebookError(f"cannot merge code '{src['key']}' into itself; choose another target",
                                key="err_merge_into_itself", code=src["key"])
        self._refuse_cycle("merge", src, dst)
        with self.store.atomic():
            dropped = self.store.drop_duplicate_codings(src["id"], dst["id"])
            moved = self.store.move_codings(src["id"], dst["id"])
            tree = self.store.code_tree()
            children = [c for c in tree if c["parent_id"] == src["id"]]
            last = max(c["sort"] for c in tree) + 1
            self.store.set_code_sorts((last + n, c["id"]) for n, c in enumerate(children))
            self.store.reparent_codes(src["id"], dst["id"])
            self.store.delete_codes([src["id"]])
            self._renumber_codes()
            self.store.log_event(actor, "code.merge", {"source": src["key"], "target": dst["key"], "moved": moved,
                                                       "dropped_duplicates": dropped,
                                                       "subcodes": [c["key"] for c in children],
                                                       **_why(reason)})
        return moved

    @requires("codebook")
    def delete_code(self, key: str, *, actor: str | None = None, reason: str | None = None) -> int:
        """Delete a code, all its sub-codes and all their codings; returns the number of codings deleted.

        Front ends should show :meth:`code_usage` and ask before calling this. ``reason``: why it was deleted,
        kept in the audit trail; the codebook change log and the methods appendix report it.
        """
        row = self._code_named(key, "code")
        doomed = [row, *self._descendants(row["id"])]
        with self.store.atomic():
            deleted = self.store.delete_codes([c["id"] for c in doomed])
            self._renumber_codes()
            self.store.log_event(actor, "code.delete", {"key": row["key"], "codes": [c["key"] for c in doomed],
                                                        "codings": deleted, **_why(reason)})
        return deleted

    # -- helpers -----------------------------------------------------------------

    def _code_named(self, key: str | None, what: str) -> dict:
        row = self.store.code_by_key(str(key).strip()) if key is not None else None
        if row is None:
            known = abbreviate(self.store.code_keys())
            what_term = Term(what, f"term_{what.replace(' ', '_')}")
            raise NotFoundError(unknown_message(what, key, known, listed="known"), key="err_unknown_named",
                                what=what_term, value=key, known=known)
        return row

    def _descendants(self, code_id: int) -> list[dict]:
        """The sub-codes of a code at every depth, depth first in display order."""
        tree = self.store.code_tree()
        found: list[dict] = []

        def walk(parent_id: int) -> None:
            for child in tree:
                if child["parent_id"] == parent_id:
                    found.append(child)
                    walk(child["id"])

        walk(code_id)
        return found

    def _refuse_cycle(self, verb: str, row: dict, new_parent: dict) -> None:
        """Refuse putting ``row`` under ``new_parent`` when that is ``row`` itself or lies beneath it."""
        chain = [new_parent]
        while chain[-1]["id"] != row["id"] and chain[-1]["parent_id"] is not None:
            parent = self.store.code_by_id(chain[-1]["parent_id"])
            if parent is None:  # a parent id without its row: the chain ends here
                break
            chain.append(parent)
        if chain[-1]["id"] != row["id"]:
            return
        path = " -> ".join(c["key"] for c in reversed(chain))
        where = "itself" if len(chain) == 1 else f"its own sub-code '{new_parent['key']}'"
        into = "under" if verb == "move" else "into"
        kind = "self" if len(chain) == 1 else "sub"
        raise CodebookError(f"cannot {verb} code '{row['key']}' {into} {where}: that would make a cycle "
                            f"({path} -> {row['key']})", key=f"err_{verb}_cycle_{kind}", code=row["key"],
                            sub=new_parent["key"], cycle=f"{path} -> {row['key']}")

    def _renumber_codes(self) -> None:
        """Rewrite ``sort`` as 0, 1, 2 ... depth first, siblings in their current order."""
        tree = self.store.code_tree()
        children: dict[int | None, list[dict]] = {}
        for code in tree:
            children.setdefault(code["parent_id"], []).append(code)
        order: list[dict] = []

        def walk(parent_id: int | None) -> None:
            for code in children.get(parent_id, []):
                order.append(code)
                walk(code["id"])

        walk(None)
        self.store.set_code_sorts((n, c["id"]) for n, c in enumerate(order) if c["sort"] != n)


def _why(reason: Any) -> dict[str, str]:
    """The ``reason`` entry of an event's payload: absent when no reason (or a blank one) is given."""
    text = str(reason).strip() if reason is not None else ""
    return {"reason": text} if text else {}


def _valid_key(key: Any) -> str:
    text = str(key).strip() if key is not None else ""
    if not text:
        raise CodebookError("code key is empty", key="err_empty", what=Term("code key", "term_code_key"))
    if not KEY_RE.match(text):
        raise CodebookError(f"code key '{text}' is invalid: a key may hold letters, digits, '.', '_' and '-' only",
                            key="err_code_key_invalid", code=text)
    return text


def checked_hotkeys(store: Store, wanted: Mapping[str, Any]) -> dict[str, str | None]:
    """The hotkeys ``wanted`` (code key -> hotkey; None or "" for none) as stored: upper-case or None.

    Refuses a hotkey that is not one letter or digit, one wanted twice, and one another code holds
    (unless that code is in ``wanted`` too, getting another hotkey).
    """
    cleaned: dict[str, str | None] = {}
    for key, value in wanted.items():
        try:
            cleaned[key] = hotkey_value(value)
        except ValueError:
            raise CodebookError(f"code '{key}': hotkey must be one letter (A-Z) or digit (0-9), got {value!r}",
                                key="err_code_hotkey", code=key, hotkey=value) from None
    holders = store.code_hotkeys()
    chosen: dict[str, str] = {}  # hotkey -> the code of ``wanted`` that takes it
    for key, hotkey in cleaned.items():
        if hotkey is None:
            continue
        holder = chosen.get(hotkey) or holders.get(hotkey)
        if holder is not None and holder != key and (hotkey in chosen or holder not in cleaned):
            raise DuplicateError(f"code '{key}': hotkey '{hotkey}' is already the hotkey of code '{holder}'; "
                                 "clear it there or choose another", key="err_code_hotkey_taken", code=key,
                                 hotkey=hotkey, other=holder)
        chosen[hotkey] = key
    return cleaned


def _valid_color(color: Any, key: str) -> str:
    if not isinstance(color, str) or not COLOR_RE.match(color.strip()):
        raise CodebookError(f"code '{key}': colour must be #RGB or #RRGGBB, got {color!r}", key="err_code_color",
                            code=key, color=color)
    return color.strip()


def _name(name: Any, key: str) -> str:
    if not isinstance(name, str | int | float) or not str(name).strip():
        raise InputError(f"code '{key}': name is empty; every code needs a name", key="err_code_name_empty", code=key)
    return str(name).strip()


def _texts(key: str, **fields: Any) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for field, value in fields.items():
        if value is not None and not isinstance(value, str | int | float):
            raise InputError(f"code '{key}': field '{field}' must be text, got {type(value).__name__}")
        out[field] = (str(value).strip() or None) if value is not None else None
    return out
