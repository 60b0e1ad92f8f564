"""How the codebook changed: a change log, its summary and a timeline, read from the audit trail.

Every codebook edit is an event of the project's audit trail (see :mod:`.codebook_edit`); these
functions read those events back, so the log is complete whichever front end made the change.

- A change that was undone and not redone is not in the log; one redone is, at the time it was first made.
- Loading a codebook file (:meth:`~.core.ProjectCore.load_codebook`) is one row of kind ``loaded``
  ("codebook NAME: N codes, X new, Y updated"), not a row per code: a codebook of fifty codes would
  otherwise bury the edits that a reader of the methods wants to see.
- Other steps that changed codes (a REFI-QDA import, a merge of projects) are rows of kind ``other``.

Like :mod:`.catalog`, these are functions of a Project; they read the store's history queries.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from itertools import count
from typing import Any

import altair as alt
import pandas as pd

from ..export.tables import Table
from ..history import decode_changes, describe
from . import Project
from .codebook_edit import EDITABLE_CODE_FIELDS

#: The kinds of change, in the order a timeline lists them.
KINDS = ("loaded", "added", "renamed", "edited", "moved", "merged", "deleted", "other")
LOG_COLUMNS = ["at", "actor", "kind", "key", "key_now", "old", "new", "details", "reason", "event"]
_ACTIONS = {"code.add": "added", "code.move": "moved", "code.merge": "merged", "code.delete": "deleted",
            "codebook.load": "loaded"}
_RENAMING = ("key", "name")
_SHAPES = {"loaded": "square", "added": "circle", "renamed": "diamond", "edited": "triangle-up",
           "moved": "triangle-right", "merged": "cross", "deleted": "triangle-down", "other": "stroke"}


def codebook_changes(project: Project) -> pd.DataFrame:
    """One row per change of the codebook, oldest first.

    Columns: ``at`` (ISO time), ``actor`` (who; None when unnamed), ``kind`` (one of :data:`KINDS`),
    ``key`` (the code's key when the change was made), ``key_now`` (its key today; None when it no
    longer exists), ``old`` and ``new`` (renamed: the old and new key, or name when only the name
    changed; moved: the old and new parent, None for the top level; merged: source and target),
    ``details`` (readable: the fields changed as ``field: old -> new``, codings moved or deleted ...),
    ``reason`` (the reason given, or None) and ``event`` (the id of the audit event).

    A rename is a change of key or name (other fields edited in the same step are in ``details``);
    an edit changes any other field. Undone steps are left out (see the module's notes).
    """
    store = project.store
    events = [e for e in store.history_events(table="codes", limit=max(store.count("events"), 1))
              if not e["undone"] and e["action"] not in ("undo", "redo")]
    events.reverse()  # oldest first: keys are followed through renames in the order they happened
    loads = [e["id"] for e in events if not e["action"].startswith("code.")]  # counted from their row changes
    counts: dict[int, dict[str, int]] = {}
    for c in store.change_counts(loads):
        if c["tbl"] == "codes":
            counts.setdefault(c["event_id"], {})[c["op"]] = c["n"]
    tokens = count()
    live: dict[str, int] = {}  # key now -> the code it names, followed through renames, merges and deletes

    def code(key: Any) -> int | None:
        if key is None:
            return None
        if key not in live:
            live[key] = next(tokens)
        return live[key]

    rows: list[dict[str, Any]] = []
    for event in events:
        payload = json.loads(event["payload"] or "{}")
        row = _row(store, event, payload, counts.get(event["id"], {}))
        if row is None:
            continue
        token = code(row["key"])
        if row["kind"] == "renamed" and row["old_key"] != row["new_key"]:
            live.pop(row["old_key"], None)
            live[row["new_key"]] = token  # type: ignore[assignment]
        elif row["kind"] == "merged":
            live.pop(row["key"], None)
        elif row["kind"] == "deleted":
            for key in payload.get("codes") or [row["key"]]:
                live.pop(key, None)
        row["token"] = token
        rows.append(row)
    now = set(store.code_keys())
    names = {t: k for k, t in live.items() if k in now}
    for row in rows:
        row["key_now"] = names.get(row.pop("token")) if row["key"] is not None else None
    frame = pd.DataFrame(rows, columns=LOG_COLUMNS)
    text = [c for c in LOG_COLUMNS if c != "event"]
    frame[text] = frame[text].astype(object).where(frame[text].notna(), None)  # None, not NaN, where blank
    return frame.astype({"event": "int64"})


def _row(store: Any, event: Mapping[str, Any], payload: Mapping[str, Any],
         counts: Mapping[str, int]) -> dict[str, Any] | None:
    """The log row of one event (None for an edit that changed no field of a code)."""
    action = event["action"]
    row: dict[str, Any] = {"at": event["at"], "actor": event["actor"], "kind": _ACTIONS.get(action, "other"),
                           "key": payload.get("key"), "old": None, "new": None, "details": "",
                           "reason": payload.get("reason"), "event": event["id"], "old_key": None, "new_key": None}
    if action == "code.add":
        parent = payload.get("parent")
        row["details"] = f"{payload.get('name', '')}" + (f" (under {parent})" if parent else "")
    elif action == "code.edit":
        before, after = _edited(store, event["id"])
        changed = [f for f in EDITABLE_CODE_FIELDS if before.get(f) != after.get(f)]
        if not changed:
            return None
        row["key"] = before.get("key")
        row["old_key"], row["new_key"] = before.get("key"), after.get("key")
        row["details"] = "; ".join(f"{f}: {_shown(before.get(f))} -> {_shown(after.get(f))}" for f in changed)
        renamed = [f for f in _RENAMING if f in changed]
        if renamed:
            row["kind"] = "renamed"
            row["old"], row["new"] = before.get(renamed[0]), after.get(renamed[0])
        else:
            row["kind"] = "edited"
    elif action == "code.move":
        row["old"], row["new"] = payload.get("from"), payload.get("to")
        row["details"] = f"{payload.get('from') or '(top level)'} -> {payload.get('to') or '(top level)'}"
    elif action == "code.merge":
        row["key"], row["old"], row["new"] = payload.get("source"), payload.get("source"), payload.get("target")
        parts = [f"into {payload.get('target')}: {_codings(payload.get('moved', 0))} moved"]
        if payload.get("dropped_duplicates"):
            parts.append(f"{_codings(payload['dropped_duplicates'], 'duplicate coding')} dropped")
        if payload.get("subcodes"):
            parts.append(f"sub-codes moved: {', '.join(payload['subcodes'])}")
        row["details"] = "; ".join(parts)
    elif action == "code.delete":
        parts = [f"{_codings(payload.get('codings', 0))} deleted"]
        subcodes = [k for k in payload.get("codes") or [] if k != payload.get("key")]
        if subcodes:
            parts.append(f"with sub-codes {', '.join(subcodes)}")
        row["details"] = "; ".join(parts)
    else:
        new, updated, gone = counts.get("insert", 0), counts.get("update", 0), counts.get("delete", 0)
        what = (f"codebook {payload.get('name', '')}: {payload.get('codes', new + updated)} codes"
                if action == "codebook.load" else describe(action, payload))
        row["key"] = None
        row["details"] = f"{what}, {new} new, {updated} updated" + (f", {gone} removed" if gone else "")
    return row


def _edited(store: Any, event_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The code's row before and after an edit event, from the event's recorded row changes."""
    for change in decode_changes(store.event_changes(event_id)):
        if change.table == "codes" and change.op == "update":
            return dict(change.before or {}), dict(change.after or {})
    return {}, {}


def _codings(n: int, noun: str = "coding") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _shown(value: Any) -> str:
    return "(none)" if value is None or value == "" else str(value)


def codebook_change_summary(project: Project) -> dict[str, Any]:
    """The codebook's evolution in figures, for a methods section.

    Returns
    -------
    dict
        ``changes`` (rows of :func:`codebook_changes`), ``by_kind`` (kind -> count, every kind of
        :data:`KINDS`), ``first`` and ``last`` (ISO times of the first and last change; None without
        changes), ``people`` (how many named people changed the codebook), ``actors`` (their names,
        sorted), ``with_reason`` (merges and deletes that give a reason), ``merges_and_deletes``,
        ``codes_now`` (codes in the codebook today).
    """
    log = codebook_changes(project)
    kinds = log["kind"].tolist()
    actors = sorted({a for a in log["actor"] if isinstance(a, str) and a})
    cutting = log[log["kind"].isin(["merged", "deleted"])]
    return {
        "changes": len(log),
        "by_kind": {k: kinds.count(k) for k in KINDS},
        "first": log["at"].iloc[0] if len(log) else None,
        "last": log["at"].iloc[-1] if len(log) else None,
        "people": len(actors),
        "actors": actors,
        "merges_and_deletes": len(cutting),
        "with_reason": int(sum(isinstance(r, str) and bool(r) for r in cutting["reason"])),
        "codes_now": len(project.store.code_keys()),
    }


def codebook_log_table(project: Project) -> Table:
    """The codebook change log as a table for a paper's appendix (see :func:`codebook_changes`)."""
    log = codebook_changes(project)
    frame = log.astype({c: object for c in LOG_COLUMNS if c != "event"}) if len(log) else log
    frame = frame.where(frame.notna(), "")
    summary = codebook_change_summary(project)
    people = summary["people"]
    first, last = (summary["first"] or "")[:10], (summary["last"] or "")[:10]
    span = "" if not len(log) else f" on {first}" if first == last else f" from {first} to {last}"
    return Table(frame, title="Codebook change log", name="codebook-log",
                 caption=f"{len(log)} changes of the codebook{span} by {people} "
                         f"{'person' if people == 1 else 'people'}; {summary['codes_now']} codes now.",
                 notes="From the project's audit trail; changes undone are left out. key: the code's key at the "
                       "time; key_now: its key today (blank when merged or deleted). renamed: old and new key "
                       "(or name); moved: old and new parent (blank: top level); merged: source and target. "
                       "A codebook loaded from a file is one row. event: the id of the audit event.")


def codebook_timeline_chart(project: Project, *, labels: Mapping[str, str] | None = None,
                            title: str | None = None) -> alt.LayerChart:
    """A compact timeline of the codebook's changes: one mark per change at its date, a row per kind of
    change (each kind its own shape, so it reads without colour), labelled with the code's key.

    Parameters
    ----------
    labels : mapping, optional
        Words shown instead of the defaults: ``at``, ``kind``, ``key``, ``actor``, ``details``, ``reason``
        (axis titles and tooltips) and each kind of :data:`KINDS` (the rows).
    title : str, optional
        The chart's title.
    """
    words = {"at": "date", "kind": "change", "key": "code", "actor": "by", "details": "details",
             "reason": "reason", **{k: k for k in KINDS}, **dict(labels or {})}
    log = codebook_changes(project)
    data = pd.DataFrame({
        "at": pd.to_datetime(pd.Series(log["at"], dtype=object), utc=True).dt.tz_localize(None),
        "kind": [words[k] for k in log["kind"]],
        "key": [k if isinstance(k, str) else "" for k in log["key"]],
        "actor": [a if isinstance(a, str) else "" for a in log["actor"]],
        "details": log["details"].tolist(),
        "reason": [r if isinstance(r, str) else "" for r in log["reason"]],
    })
    order = [words[k] for k in KINDS if k in set(log["kind"])]
    shapes = [_SHAPES[k] for k in KINDS if k in set(log["kind"])]
    y = alt.Y("kind:N", sort=order, title=words["kind"])
    days = (data["at"].max() - data["at"].min()).days if len(data) else 0
    axis = alt.Axis(format="%Y-%m-%d" if days >= 2 else "%Y-%m-%d %H:%M", tickCount=6, labelOverlap=True)
    base = alt.Chart(data).encode(x=alt.X("at:T", title=words["at"], axis=axis, scale=alt.Scale(padding=24)), y=y)
    tips = [alt.Tooltip("at:T", title=words["at"], format="%Y-%m-%d %H:%M"),
            *(alt.Tooltip(f"{c}:N", title=words[c]) for c in ("kind", "key", "actor", "details", "reason"))]
    points = base.mark_point(size=90, filled=True, color="#333333").encode(
        shape=alt.Shape("kind:N", sort=order, scale=alt.Scale(domain=order, range=shapes), legend=None),
        tooltip=tips)
    text = base.mark_text(dy=-11, fontSize=10, color="#333333").encode(text="key:N")
    return alt.LayerChart(layer=[points, text], width=560, height=max(60, 34 * len(order)),
                          title=title if title else alt.Undefined)
