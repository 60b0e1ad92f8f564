"""Undo for coding actions, kept per user session by a front end (no Streamlit here).

The stack remembers what each action changed and reverts it through the
:class:`~qualcode.project.Project` API, so an undo is itself one audited
transaction. A refused undo (say, a coding someone else removed meanwhile)
leaves both the project and the stack as they were.

Example
-------
>>> stack = UndoStack()
>>> ids = project.add_codings(specs)                      # doctest: +SKIP
>>> stack.push_added(ids, "code 3 passages as E1")        # doctest: +SKIP
>>> stack.undo(project)                                   # doctest: +SKIP
'code 3 passages as E1'
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .errors import InputError, NotFoundError

if TYPE_CHECKING:
    from .project import Project

MAX_ENTRIES = 50
Kind = Literal["added", "removed", "updated"]


@dataclass(frozen=True)
class _Entry:
    kind: Kind
    items: tuple[Any, ...]
    label: str


class UndoStack:
    """The last :data:`MAX_ENTRIES` coding actions of one session, newest last.

    Pushing an empty list records nothing (there is nothing to revert).
    """

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: deque[_Entry] = deque(maxlen=max_entries)

    def push_added(self, ids: list[int], label: str) -> None:
        """Remember codings just added (undo removes them)."""
        self._push("added", [int(i) for i in ids], label)

    def push_removed(self, rows: list[dict], label: str) -> None:
        """Remember codings just removed, as :meth:`Project.remove_coding` returned them (undo restores them)."""
        self._push("removed", [dict(r) for r in rows], label)

    def push_updated(self, rows_before: list[dict], label: str) -> None:
        """Remember codings just changed, as :meth:`Project.update_coding` returned them (undo puts back
        their code and memo)."""
        self._push("updated", [dict(r) for r in rows_before], label)

    @property
    def can_undo(self) -> bool:
        """Whether there is anything to undo."""
        return bool(self._entries)

    @property
    def last_label(self) -> str | None:
        """The label of the action :meth:`undo` would revert, or None."""
        return self._entries[-1].label if self._entries else None

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget everything (e.g. when the session opens another project)."""
        self._entries.clear()

    def undo(self, project: Project, *, actor: str | None = None) -> str:
        """Revert the last action in one transaction and return its label.

        Raises
        ------
        InputError
            "nothing to undo" when the stack is empty; any error of the Project API
            when the action can no longer be reverted (then nothing changes).
        """
        if not self._entries:
            raise InputError("nothing to undo")
        entry = self._entries[-1]
        with project.store.atomic():
            if entry.kind == "added":
                for coding_id in reversed(entry.items):
                    project.remove_coding(coding_id, actor=actor)
            elif entry.kind == "removed":
                for row in entry.items:
                    project.restore_coding(row, actor=actor)
            else:
                codes = project.codes()
                keys = dict(zip(codes["id"].tolist(), codes["key"].tolist(), strict=True))
                for row in reversed(entry.items):
                    if row["code_id"] not in keys:
                        raise NotFoundError(f"cannot undo '{entry.label}': the code of coding {row['id']} "
                                            f"(id {row['code_id']}) no longer exists")
                    project.update_coding(row["id"], code=keys[row["code_id"]], memo=row["memo"],
                                          clear_memo=row["memo"] is None, actor=actor)
        self._entries.pop()
        return entry.label

    def _push(self, kind: Kind, items: list[Any], label: str) -> None:
        if not items:
            return
        self._entries.append(_Entry(kind, tuple(items), str(label)))
