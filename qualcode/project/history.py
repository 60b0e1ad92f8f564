"""History, undo and redo of a Project: every change with who, when, before and after.

:class:`ProjectHistory` builds on :class:`~.base.ProjectBase` (who acts, what they may see). Triggers in the
project file record each row change of the audited tables, and each event claims the changes
of its transaction (see :mod:`qualcode.store.schema`), so the history is complete whichever
front end or process made the change.

Undo and redo are per user and live in the file, so they work across processes and app
reloads. A user's undo reverts their latest event that changed rows and is not undone yet;
their redo re-applies their most recently undone event, as long as they have made no new
change since (a new change clears redo). Either is refused, changing nothing, when a row
it would write is no longer as the event left it (someone changed it later), or when it
would remove a row others now use or bring back a row whose references are gone.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from ..analysis.attributes import check_attributes
from ..errors import InputError, NotFoundError, Term, UndoConflictError
from ..history import (
    SKIPPED_BY_UNDO,
    Direction,
    HistoryStep,
    RowChange,
    change_summary,
    decode_changes,
    describe,
    expected_states,
    field_changes,
    final_states,
    matches,
    row_name,
    steps,
)
from ..store.schema import AUDITED_TABLES
from .base import ProjectBase

HISTORY_COLUMNS = ["id", "at", "actor", "action", "description", "changes", "undone", "undo_of", "redo_of"]
CHANGE_COLUMNS = ["id", "table", "row_id", "op", "row", "fields", "before", "after"]
DEFAULT_LIMIT = 200


class ProjectHistory(ProjectBase):
    """History, undo and redo methods of a Project."""

    # -- reading the history -----------------------------------------------------

    def history(self, *, actor: str | None = None, table: str | None = None, row_id: int | None = None,
                action: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = DEFAULT_LIMIT, wording: Mapping[str, str] | None = None,
                tables: Mapping[str, str] | None = None) -> pd.DataFrame:
        """Events, newest first: id, at, actor, action, description, changes (rows per table:
        ``+`` added, ``~`` changed, ``-`` removed), undone, undo_of, redo_of.

        Parameters
        ----------
        actor : str, optional
            Only events by this user.
        table, row_id : optional
            Only events that changed this audited table (and this row of it: its id).
        action : str, optional
            Only this action (e.g. ``coding.add``).
        since, until : str, optional
            ISO 8601 times (``2026-11-28`` or ``2026-11-28T15:02:11``), both inclusive.
        limit : int
            At most this many events.
        wording, tables : mapping, optional
            The descriptions (see :func:`~qualcode.history.describe`) and the table names of ``changes`` in
            another language.
        """
        if self._visible_coders(None) is not None:  # blind coding: a signed-in coder sees their own steps only
            if actor is not None and str(actor).strip() != self.user:
                self.require("see_all_codings")
            actor = self.user
        if table is not None and table not in AUDITED_TABLES:
            raise InputError(f"unknown table '{table}' for the history; audited: {', '.join(AUDITED_TABLES)}")
        if row_id is not None and table is None:
            raise InputError("row_id needs table: say which table the row belongs to")
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a whole number >= 1, got {limit!r}")
        if until is not None and "T" not in until:
            until += "T99"  # a bare date includes the whole day
        rows = self.store.history_events(actor=actor, actions=[action] if action else None, table=table,
                                         row_id=row_id, since=since, until=until, limit=limit)
        counts: dict[int, list[dict]] = {}
        for count in self.store.change_counts([r["id"] for r in rows]):
            counts.setdefault(count["event_id"], []).append(count)
        for row in rows:
            payload = json.loads(row["payload"] or "{}")
            row["description"] = describe(row["action"], payload, wording)
            row["changes"] = change_summary(counts.get(row["id"], []), tables)
            row["undone"] = bool(row["undone"])
        frame = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
        return frame.astype({"id": "int64", "undone": "bool", "undo_of": "Int64", "redo_of": "Int64"})

    def history_changes(self, event_id: int, nouns: Mapping[str, str] | None = None, *,
                        limit: int | None = None) -> pd.DataFrame:
        """The row changes of one event in the order they were made: id, table, row_id, op, row (its
        name; ``nouns`` names the rows in another language, see :func:`~qualcode.history.row_name`),
        fields (what changed), before and after (dicts; None where the row did not exist).

        ``limit`` keeps the first so many (a batch of many codings changes as many rows); see
        :meth:`history_change_count` for how many there are."""
        if self.store.event_by_id(int(event_id)) is None:
            raise NotFoundError(f"no event with id {event_id}")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
            raise InputError(f"limit must be a whole number >= 0, got {limit!r}")
        rows = [{"id": c.id, "table": c.table, "row_id": c.row_id, "op": c.op,
                 "row": row_name(c.table, c.row_id, c.after or c.before, nouns),
                 "fields": field_changes(c.before, c.after),
                 "before": c.before, "after": c.after}
                for c in decode_changes(self.store.event_changes(int(event_id), limit))]
        return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

    def history_change_count(self, event_id: int) -> int:
        """How many rows one event changed (all of them, whatever :meth:`history_changes` was limited to)."""
        return int(self.store.event_change_count(int(event_id)))

    def history_users(self) -> list[str]:
        """The names of everyone who made a recorded change, sorted."""
        return self.store.event_actors()

    def change_counter(self) -> int:
        """A number that grows with every change written to the project file, by this or any other
        connection or process: a key for caches of what the file holds (cheap, whatever the file's size).

        Example
        -------
        >>> from qualcode.project import Project
        >>> p = Project.create(":memory:")
        >>> before = p.change_counter()
        >>> _ = p.add_group("g")
        >>> p.change_counter() > before
        True
        """
        return int(self.store.change_counter())

    # -- undo and redo -------------------------------------------------------------

    def can_undo(self, user: str, wording: Mapping[str, str] | None = None) -> HistoryStep:
        """What :meth:`undo` would revert for ``user`` now (described in ``wording``, see
        :func:`~qualcode.history.describe`), and why it would be refused (if so)."""
        return self._preview(user, "undo", wording)

    def can_redo(self, user: str, wording: Mapping[str, str] | None = None) -> HistoryStep:
        """What :meth:`redo` would re-apply for ``user`` now, and why it would be refused (if so)."""
        return self._preview(user, "redo", wording)

    def undo(self, user: str, wording: Mapping[str, str] | None = None) -> str:
        """Revert ``user``'s latest change that is not undone yet, in one transaction; returns its description
        (in ``wording``, see :func:`~qualcode.history.describe`).

        Raises
        ------
        InputError
            Nothing to undo (the user made no change that is not undone).
        UndoConflictError
            A row it would write was changed later by someone (the message names the row, who and
            when), or it would remove a row still in use; nothing changes.
        """
        self._require_coder(_user(user))
        return self._step(user, "undo", wording)

    def redo(self, user: str, wording: Mapping[str, str] | None = None) -> str:
        """Re-apply ``user``'s most recently undone change; returns its description (in ``wording``).

        Raises
        ------
        InputError
            Nothing to redo.
        UndoConflictError
            The user made a new change since that undo, or a row it would write was changed
            since; nothing changes.
        """
        self._require_coder(_user(user))
        return self._step(user, "redo", wording)

    @contextlib.contextmanager
    def as_one_step(self, actor: str | None, action: str,
                    payload: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Run several Project calls in one transaction recorded as one event, undone and redone together.

        Yields the event's payload, which the block may still fill in (say, with counts it learns);
        the events of the calls inside are folded into this one.

        Example
        -------
        It needs an open project, so it is not run as a doctest:

        >>> with project.as_one_step("rina", "search.autocode", {"code": "E3.1"}) as payload:  # doctest: +SKIP
        ...     ids = [i for batch in batches for i in project.add_codings(batch)]
        ...     payload["count"] = len(ids)
        """
        data = dict(payload or {})
        with self.store.atomic():
            mark = self.store.last_event_id()
            yield data
            event_id = self.store.log_event(actor, action, data)
            self.store.fold_events(mark, event_id)

    # -- the steps -----------------------------------------------------------------

    def _preview(self, user: str, direction: Direction, wording: Mapping[str, str] | None = None) -> HistoryStep:
        user = _user(user)
        try:
            event, stash = self._next(user, direction, wording)
        except (InputError, UndoConflictError) as exc:  # nothing to do, or a redo cleared by a new change
            return HistoryStep(None, "", str(exc), exc)
        label = _label(event)
        changes = decode_changes(self.store.event_changes(event["id"]))
        problem = self._problem(direction, changes, stash)
        if problem is None:
            return HistoryStep(event["id"], _label(event, wording))
        error = UndoConflictError(f"cannot {direction} '{label}': {problem}", key="err_undo_conflict",
                                  action=Term(direction, f"term_{direction}"), label=_label(event, wording),
                                  problem=problem)
        return HistoryStep(event["id"], _label(event, wording), str(error), error)

    def _step(self, user: str, direction: Direction, wording: Mapping[str, str] | None = None) -> str:
        user = _user(user)
        label = shown = ""  # shown: the label in ``wording``, for the error's params (a front end's language)
        try:
            with self.store.atomic():  # the write lock first: nobody changes a row between check and write
                event, stash = self._next(user, direction, wording)
                label, shown = _label(event), _label(event, wording)
                changes = decode_changes(self.store.event_changes(event["id"]))
                problem = self._problem(direction, changes, stash)
                if problem:
                    raise UndoConflictError(f"cannot {direction} '{label}': {problem}", key="err_undo_conflict",
                                            action=Term(direction, f"term_{direction}"), label=shown, problem=problem)
                kept = self._write(changes, direction, stash)
                misfit = self._attribute_misfit(changes)
                if misfit:  # raised inside the transaction: nothing of the step stays
                    raise UndoConflictError(f"cannot {direction} '{label}': {misfit}", key="err_undo_conflict",
                                            action=Term(direction, f"term_{direction}"), label=shown, problem=misfit)
                # the undone event's own payload too, so that the undo can be described in another language
                payload = {"event": event["id"], "action": event["action"], "description": label,
                           "params": json.loads(event["payload"] or "{}")}
                if kept:
                    payload["documents"] = kept
                self.store.log_event(user, direction, payload,
                                     **({"undo_of": event["id"]} if direction == "undo" else {"redo_of": event["id"]}))
                self.store.set_undone(event["id"], direction == "undo")
        except sqlite3.IntegrityError as exc:  # a constraint the checks do not foresee (a key taken meanwhile)
            raise UndoConflictError(f"cannot {direction} '{label}': {exc}; nothing was changed", key="err_undo_failed",
                                    action=Term(direction, f"term_{direction}"), label=shown,
                                    problem=str(exc)) from None
        return shown

    def _attribute_misfit(self, changes: list[RowChange]) -> str | None:
        """After a step's rows are written: an informant's attribute value that no longer fits its declared kind
        (an edit made before the kind was declared, or a kind brought back over a value entered since), or None.
        Every other write path checks values as it writes; an undo or redo must not get round that."""
        if not any(change.table in ("informants", "attribute_types") for change in changes):
            return None
        types = {t["name"]: (t["kind"], json.loads(t["categories"] or "[]")) for t in self.store.attribute_types()}
        if not types:
            return None
        for informant in self.store.informants():
            try:
                check_attributes(types, informant["key"], json.loads(informant["attributes"] or "{}"))
            except InputError as exc:
                return str(exc)
        return None

    def _next(self, user: str, direction: Direction,
              wording: Mapping[str, str] | None = None) -> tuple[dict, dict[str, Any]]:
        """The event the next undo (redo) of ``user`` acts on, and the document texts kept by its undo (an error
        names events in ``wording`` in its params)."""
        if direction == "undo":
            event = self.store.latest_event_with_changes(user, skipped=SKIPPED_BY_UNDO, undone=False)
            if event is None:
                raise InputError(f"nothing to undo: {user} has no change left to undo", key="err_nothing_to_undo",
                                 user=user)
            return event, {}
        event = self.store.latest_undo(user)
        if event is None:
            raise InputError(f"nothing to redo: {user} has undone nothing that could be redone",
                             key="err_nothing_to_redo", user=user)
        newer = self.store.latest_event_with_changes(user, skipped=SKIPPED_BY_UNDO, after=event["undo_id"])
        if newer is not None:
            raise UndoConflictError(
                f"cannot redo '{_label(event)}': {user} made a new change since undoing it "
                f"('{_label(newer)}' at {newer['at']}), and a new change clears redo",
                key="err_redo_cleared", label=_label(event, wording), user=user, newer=_label(newer, wording),
                at=newer["at"])
        return event, json.loads(event["undo_payload"] or "{}").get("documents", {})

    def _problem(self, direction: Direction, changes: list[RowChange], documents: Mapping[str, Any]) -> str | None:
        """What stands in the way of undoing (redoing) ``changes`` now, or None."""
        for (table, row_id), change in expected_states(changes, direction).items():
            expected = change.after if direction == "undo" else change.before
            current = self.store.row_state(table, row_id, (expected or {}).keys())
            if not matches(current, expected):
                return self._changed_later(table, row_id, expected or change.before, change.id)
        finals = final_states(changes, direction)
        stepped: dict[str, list[int]] = {}
        for table, row_id in finals:
            stepped.setdefault(table, []).append(row_id)
        for (table, row_id), state in finals.items():
            current = self.store.row_state(table, row_id, self.store.table_columns(table))
            problem = (self._still_used(table, row_id, current, stepped) if state is None
                       else self._missing_reference(table, row_id, state, finals))
            if problem is None and state is not None and table == "documents" and current is None \
                    and str(row_id) not in documents:
                problem = f"{row_name(table, row_id, state)}: its text is not kept in the history"
            if problem:
                return problem
        return None

    def _changed_later(self, table: str, row_id: int, state: Mapping[str, Any] | None, change_id: int) -> str:
        name = row_name(table, row_id, state)
        later = self.store.later_change(table, row_id, change_id)
        if later is None:
            return f"{name} is no longer as that change left it"
        verb = {"insert": "added again", "update": "changed", "delete": "deleted"}[later["op"]]
        return f"{name} was {verb} later by {_who(later)} at {later['at']}"

    def _still_used(self, table: str, row_id: int, current: Mapping[str, Any] | None,
                    stepped: Mapping[str, list[int]]) -> str | None:
        """A row outside this step (``stepped``: rowids per table) that still points to a row the step removes."""
        if current is None:
            return None
        for child in AUDITED_TABLES:
            for ref in self.store.foreign_keys(child):
                if ref["parent"] != table:
                    continue
                value = row_id if ref["parent_column"] in ("rowid", "id") else current.get(ref["parent_column"])
                found = self.store.find_row(child, ref["column"], value, excluding=stepped.get(child, ()))
                if found is not None:
                    later = self.store.later_change(child, found)
                    by = f" (last changed by {_who(later)} at {later['at']})" if later else ""
                    return (f"{row_name(table, row_id, current)} is still used by "
                            f"{row_name(child, found, self.store.row_state(child, found, ('key', 'name')))}{by}")
        return None

    def _missing_reference(self, table: str, row_id: int, state: Mapping[str, Any],
                           finals: Mapping[tuple[str, int], Any]) -> str | None:
        """A row the step writes that would point to a row that is gone."""
        for ref in self.store.foreign_keys(table):
            value, parent = state.get(ref["column"]), ref["parent"]
            if value is None or parent not in AUDITED_TABLES:
                continue
            if ref["parent_column"] in ("rowid", "id"):
                if (parent, value) in finals:
                    if finals[(parent, value)] is not None:
                        continue
                elif self.store.row_state(parent, value, ()) is not None:
                    continue
                later = self.store.later_change(parent, value)
                gone = f", deleted later by {_who(later)} at {later['at']}" if later and later["op"] == "delete" else ""
                return f"{row_name(table, row_id, state)} needs {row_name(parent, value)}, which no longer exists{gone}"
            brought_back = any(t == parent and s is not None and s.get(ref["parent_column"]) == value
                               for (t, _), s in finals.items())
            if not brought_back and self.store.find_row(parent, ref["parent_column"], value) is None:
                return f"{row_name(table, row_id, state)} needs {parent} '{value}', which no longer exists"
        return None

    def _write(self, changes: list[RowChange], direction: Direction,
               documents: Mapping[str, Any]) -> dict[str, Any]:
        """Write the row states of the step; returns the text and units of documents it removes, which
        the audit trail does not hold, so that a redo can bring them back."""
        self.store.defer_foreign_keys()
        kept: dict[str, Any] = {}
        for change, state in steps(changes, direction):
            table, row_id = change.table, change.row_id
            units = None
            if table == "documents":
                exists = self.store.row_state(table, row_id, ()) is not None
                if state is None and exists:
                    kept[str(row_id)] = {"text": self.store.document_text(row_id),
                                         "units": self.store.units_of_document(row_id)}
                elif state is not None and not exists:
                    state = {**state, "text": documents[str(row_id)]["text"]}
                    units = documents[str(row_id)]["units"]
            self.store.put_row(table, row_id, state)
            if units:
                self.store.restore_units(units)
        return kept


def _label(event: Mapping[str, Any], wording: Mapping[str, str] | None = None) -> str:
    return describe(event["action"], event["payload"], wording)


def _who(change: Mapping[str, Any]) -> str:
    return change["actor"] or "an unnamed user"


def _user(user: Any) -> str:
    name = str(user).strip() if user is not None else ""
    if not name:
        raise InputError("user is empty; undo and redo act for one user: give their coder name")
    return name
