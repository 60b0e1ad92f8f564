"""The audit trail read as history: what each event did, and what undoing or redoing it takes.

Pure functions over the event and change rows the store returns; the methods of
:class:`~qualcode.project.history.ProjectHistory` feed them and apply the result.
Every change row holds a row's state before and after as JSON (None where the row
did not exist), so undoing an event means putting each row it touched back to its
``before`` state, newest change first, and redoing it means the ``after`` states in
the original order.

Example
-------
>>> describe("coding.add", {"code": "E3.2", "document": "I-01"})
'code passage as E3.2'
>>> describe("undo", {"description": "code passage as E3.2"})
"undo 'code passage as E3.2'"
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["undo", "redo"]

# Actions undo passes over: its own bookkeeping, and a coder created on first use of a name
# (undoing someone's codings should not remove the coder they are signed in as).
SKIPPED_BY_UNDO = ("undo", "redo", "coder.add")

ROW_NOUNS = {
    "meta": "setting", "source_types": "source type", "groups": "group", "informants": "informant",
    "documents": "document", "codes": "code", "coders": "coder", "codings": "coding", "verdicts": "verdict",
    "summaries": "summary", "reconciliations": "reconciliation", "assignments": "assignment",
    "memos": "memo", "memo_links": "memo link",
    "saved_queries": "saved query",
    "attribute_types": "attribute type",
    "media": "recording", "turn_times": "turn time",
    "survey_answers": "survey answer",
}

DESCRIPTIONS = {
    "project.create": "create project {name}",
    "group.add": "add group {key}",
    "group.edit": "edit group {key}",
    "informant.add": "add informant {key}",
    "informant.edit": "edit informant {key}",
    "attribute.type": "declare attribute {name} as {kind}",
    "attribute.types": "declare the kinds of {count} attributes",
    "attribute.untype": "make attribute {name} text again",
    "document.import": "import document {name}",
    "codebook.load": "load codebook {name}",
    "code.add": "add code {key}",
    "code.edit": "edit code {key}",
    "code.move": "move code {key}",
    "code.merge": "merge code {source} into {target}",
    "code.delete": "delete code {key}",
    "coder.add": "add coder {name}",
    "coding.add": "code passage as {code}",
    "coding.add_many": "code {count} passages",
    "coding.add_many.codes": "code {count} passages as {codes}",  # coding.add_many naming its codes
    "coding.update": "edit coding {id}",
    "coding.remove": "remove coding {id}",
    "coding.restore": "restore coding {id}",
    "coding.quick": "quick coding: {added} added, {removed} removed",
    "search.autocode": "code {count} search hits as {code}",
    "verdict.set": "set verdict {verdict} on {code}",
    "summary.set": "summarise {code} for {informant}",
    "summary.delete": "remove summary of {code} for {informant}",
    "agreement.reconcile": "reconcile {code} ({decision})",
    "assignment.add": "assign {documents} to {coders}",
    "assignment.remove": "take {documents} back from {coders}",
    "assignment.done": "mark {document} done for {coder}",
    "assignment.reopen": "mark {document} not done for {coder}",
    "media.link": "link recording {file} to {document}",
    "media.unlink": "unlink recording {file} from {document}",
    "turn.time": "set turn {turn} of {document} to {start}",
    "memo.add": "write memo '{title}'",
    "memo.edit": "edit memo '{title}'",
    "memo.delete": "delete memo '{title}'",
    "memo.link": "link memo '{title}' to {to}",
    "memo.unlink": "unlink memo '{title}' from {to}",
    "query.save": "save query '{name}'",
    "query.delete": "delete saved query '{name}'",
    "query.code_as": "code {count} query results as {code}",
    "project.blind_coding": "turn blind coding {on}",
    "words.stop_list": "change the stop list: {added} added, {removed} removed",
    "refi.import": "import REFI-QDA project {file}",
    "survey.import": "import survey {file}",
    "undo": "undo '{description}'",
    "redo": "redo '{description}'",
    "on": "on",  # the words of project.blind_coding
    "off": "off",
}

OPS = {"insert": "+", "update": "~", "delete": "-"}


@dataclass(frozen=True)
class HistoryStep:
    """What :meth:`~qualcode.project.history.ProjectHistory.undo` (or ``redo``) would do for a user now.

    ``event_id`` is None when there is nothing to undo (redo); ``refusal`` says why it would be
    refused, None when it can go ahead, and ``error`` is the error the step would raise (whose key
    lets a front end say it in another language). True exactly when it can go ahead.
    """

    event_id: int | None
    description: str
    refusal: str | None = None
    error: Exception | None = field(default=None, compare=False)

    @property
    def possible(self) -> bool:
        return self.event_id is not None and self.refusal is None

    def __bool__(self) -> bool:
        return self.possible


@dataclass(frozen=True)
class RowChange:
    """One recorded change of a row, with its states decoded."""

    id: int
    table: str
    row_id: int
    op: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def decode_changes(rows: Iterable[Mapping[str, Any]]) -> list[RowChange]:
    """Change rows of the store as :class:`RowChange` objects, in the given order."""
    return [RowChange(int(r["id"]), r["tbl"], int(r["row_id"]), r["op"], _json(r["before"]), _json(r["after"]))
            for r in rows]


def describe(action: str, payload: Mapping[str, Any] | str | None, wording: Mapping[str, str] | None = None) -> str:
    """A short, readable description of an event: "code passage as E3.2", "merge code E1 into E2".

    ``wording`` replaces any of the :data:`DESCRIPTIONS` templates (same keys and placeholders), to describe
    events in another language; an undo or redo recorded with the undone event's payload describes that
    event in the same wording."""
    words = {**DESCRIPTIONS, **(wording or {})}
    data = _json(payload) if isinstance(payload, str) else dict(payload or {})
    if action == "coding.add_many" and data.get("codes"):
        action, data = "coding.add_many.codes", {**data, "codes": ", ".join(map(str, data["codes"]))}
    if action in ("assignment.add", "assignment.remove") and isinstance(data.get("coders"), list):
        data = {**data, "coders": ", ".join(map(str, data["coders"]))}
    if action == "project.blind_coding":
        data = {**data, "on": words["on" if data.get("on") else "off"]}
    if action in ("undo", "redo") and wording and data.get("action") and "params" in data:
        data = {**data, "description": describe(data["action"], data["params"], wording)}
    template = words.get(action) if action not in ("on", "off") else None
    if template is None:
        return action
    try:
        return template.format_map(data)
    except (KeyError, IndexError, ValueError):
        return action


def change_summary(counts: Iterable[Mapping[str, Any]], tables: Mapping[str, str] | None = None) -> str:
    """Rows changed by one event, per table: "codings +2 ~1", "codes -1, codings -4" (+ added,
    ~ changed, - removed); ``tables`` names the tables in another language."""
    per_table: dict[str, dict[str, int]] = {}
    for row in counts:
        per_table.setdefault(row["tbl"], {})[row["op"]] = int(row["n"])
    return ", ".join(f"{(tables or {}).get(table, table)} " + " ".join(f"{OPS[op]}{ops[op]}" for op in OPS if op in ops)
                     for table, ops in sorted(per_table.items()))


def row_name(table: str, row_id: int, state: Mapping[str, Any] | None = None,
             nouns: Mapping[str, str] | None = None) -> str:
    """A row as a reader knows it: "coding 12", "code 5 (E3.2)", "setting 'blind_coding'"; ``nouns``
    replaces any of :data:`ROW_NOUNS` (another language)."""
    noun = {**ROW_NOUNS, **(nouns or {})}.get(table, table)
    label = next((state[k] for k in ("key", "name") if state and state.get(k) is not None), None)
    if table in ("meta", "source_types") and label is not None:
        return f"{noun} '{label}'"
    return f"{noun} {row_id}" + (f" ({label})" if label is not None else "")


def field_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    """The fields a change set, as "field: old → new" (an update) or "field=value" (an added or removed row)."""
    if before is not None and after is not None:
        return "; ".join(f"{k}: {_short(before.get(k))} → {_short(v)}"
                         for k, v in after.items() if before.get(k) != v)
    state = after if after is not None else before or {}
    return "; ".join(f"{k}={_short(v)}" for k, v in state.items())


def steps(changes: list[RowChange], direction: Direction) -> list[tuple[RowChange, dict[str, Any] | None]]:
    """The row states to write, in order: undo puts each change's ``before`` back, newest first;
    redo writes each ``after`` again, oldest first."""
    if direction == "undo":
        return [(c, c.before) for c in reversed(changes)]
    return [(c, c.after) for c in changes]


def expected_states(changes: list[RowChange], direction: Direction) -> dict[tuple[str, int], RowChange]:
    """Per row, the change whose state the row must be in now for the step to go ahead: for undo the
    last change of the row (it must still hold that change's ``after``), for redo the first (the row
    must hold its ``before`` again, as the undo left it)."""
    found: dict[tuple[str, int], RowChange] = {}
    for change in changes:
        key = (change.table, change.row_id)
        if direction == "undo" or key not in found:
            found[key] = change
    return found


def final_states(changes: list[RowChange], direction: Direction) -> dict[tuple[str, int], dict[str, Any] | None]:
    """Per row, the state the step leaves it in (None: the row is gone)."""
    return {(c.table, c.row_id): state for c, state in steps(changes, direction)}


def matches(current: Mapping[str, Any] | None, expected: Mapping[str, Any] | None) -> bool:
    """Whether a row's current state is the expected one: both absent, or equal in every expected column
    the table still has (``current`` holds only those)."""
    if expected is None or current is None:
        return expected is None and current is None
    return all(expected.get(k) == v for k, v in current.items() if k in expected)


def _json(value: Any) -> Any:
    if value is None or isinstance(value, dict):
        return value
    return json.loads(value)


def _short(value: Any, limit: int = 60) -> str:
    text = "∅" if value is None else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
