"""Assignments: a supervisor gives documents to coders, and each coder marks an assigned document done.

Codings alone cannot tell a document a coder was never given from one the coder read through and
found nothing to code in; leaving the second out of an agreement report inflates agreement. An
assignment records that the coder was to code the document, and its *done* mark that they finished
it: :meth:`ProjectAssignments.agreement_documents` compares, by default, the documents assigned to
every chosen coder and marked done by each, so a document one coder coded and another, having read
it, left uncoded enters the report as disagreement.

Assigning and unassigning need the ``assign`` permission (supervisors and admins); a coder marks
their own assignments done (others' need ``assign`` too). Every change is one audited event, so
History shows it and undo reverts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, Term, check_choice
from ..store import now
from .base import required, requires
from .core import ProjectCore

ASSIGNMENT_COLUMNS = ["document", "document_id", "coder", "assigned_by", "assigned_at", "done", "done_at", "codings"]

#: How the agreement report chooses its documents when none are named.
SELECTIONS = ("assigned", "coded")
SELECTION_PHRASES = {
    "assigned": "assigned to every coder compared and marked done by each",
    "coded": "coded by every coder compared",
    "coded-no-assignments": "coded by every coder compared (no document is assigned to all of them)",
    "named": "chosen by name",
}


class ProjectAssignments(ProjectCore):
    """Assignment methods of a Project."""

    @requires("assign")
    def assign(self, documents: Iterable[str | int], coders: Iterable[str], *, actor: str | None = None) -> int:
        """Assign every one of ``documents`` to every one of ``coders``; returns how many assignments are new.

        A pair already assigned is left as it is (with its done mark). One event, undone as one step.

        Raises
        ------
        NotFoundError
            Unknown document or coder. InputError: no document or no coder given.
        """
        docs, names = self._assignment_pairs(documents, coders)
        actor = self._actor(actor)
        added = 0
        with self.store.atomic():
            at = now()
            for doc in docs:
                for name in names:
                    coder = self._coder(name)
                    if self.store.assignment(doc["id"], coder["id"]) is None:
                        self.store.insert_assignment(doc["id"], coder["id"], actor, at)
                        added += 1
            if added:
                self.store.log_event(actor, "assignment.add", {"documents": _names(docs), "coders": names,
                                                               "count": added})
        return added

    @requires("assign")
    def unassign(self, documents: Iterable[str | int], coders: Iterable[str], *, actor: str | None = None) -> int:
        """Take ``documents`` back from ``coders`` (done marks included); returns how many assignments went.

        The coders' codings stay. One event, undone as one step.
        """
        docs, names = self._assignment_pairs(documents, coders)
        actor = self._actor(actor)
        removed = 0
        with self.store.atomic():
            for doc in docs:
                for name in names:
                    row = self.store.assignment(doc["id"], self._coder(name)["id"])
                    if row is not None:
                        self.store.delete_assignment(row["id"])
                        removed += 1
            if removed:
                self.store.log_event(actor, "assignment.remove", {"documents": _names(docs), "coders": names,
                                                                  "count": removed})
        return removed

    def mark_done(self, document: str | int, coder: str, *, done: bool = True, actor: str | None = None) -> bool:
        """Mark ``coder``'s assignment of ``document`` done (or, with ``done=False``, not done yet).

        Returns whether anything changed. A coder marks their own assignments; marking another coder's needs
        the ``assign`` permission.

        Raises
        ------
        InputError
            The document is not assigned to the coder (a supervisor assigns it first).
        """
        if not isinstance(done, bool):
            raise InputError(f"done must be True or False, got {done!r}")
        name = required(coder, Term("coder name", "term_coder_name"))
        if self._user is not None and name != self._user:
            self.require("assign")
        doc = self.document(_ref(document))
        row = self.store.assignment(doc["id"], self._coder(name)["id"])
        if row is None:
            raise InputError(f"document '{doc['name']}' is not assigned to {name}; a supervisor assigns it first "
                             "(Agreement page, or `qualcode assign`)", key="err_not_assigned",
                             document=doc["name"], coder=name)
        if (row["done_at"] is not None) == done:
            return False
        actor = self._user or (str(actor).strip() if actor else name)
        with self.store.atomic():
            self.store.set_assignment_done(row["id"], now() if done else None)
            self.store.log_event(actor, "assignment.done" if done else "assignment.reopen",
                                 {"document": doc["name"], "coder": name})
        return True

    def assignments(self, *, coder: str | None = None, document: str | int | None = None) -> pd.DataFrame:
        """Assignments, in document order then coder: document, document_id, coder, assigned_by, assigned_at,
        done (bool), done_at and codings (the coder's codings of the document so far)."""
        coder_ids = None if coder is None else [self._coder(coder)["id"]]
        doc_ids = None if document is None else [self.document(_ref(document))["id"]]
        rows = self.store.assignments(coder_ids=coder_ids, document_ids=doc_ids)
        frame = pd.DataFrame(rows, columns=[*ASSIGNMENT_COLUMNS, "id", "coder_id"])
        frame["done"] = frame["done_at"].notna()
        return frame[ASSIGNMENT_COLUMNS].reset_index(drop=True)

    def assignment_progress(self, coder: str) -> dict[str, int]:
        """``coder``'s assignments: how many (``assigned``), marked done (``done``) and begun (``coded``: with a
        coding of theirs)."""
        frame = self.assignments(coder=coder)
        return {"assigned": len(frame), "done": int(frame["done"].sum()), "coded": int((frame["codings"] > 0).sum())}

    def assignment_counts(self) -> tuple[int, int, int]:
        """(assignments, done, highest id): changes whenever an assignment is added, removed or marked, so a front
        end can tell that its default documents are out of date without reading them all."""
        return self.store.assignment_counts()

    def agreement_documents(self, coders: Sequence[str], selection: str = "assigned") -> tuple[list[int], str]:
        """The ids of the documents an agreement report of ``coders`` compares when none are named, and how they
        were chosen (a key of :data:`SELECTION_PHRASES`).

        ``selection="assigned"``: the documents assigned to every one of ``coders`` and marked done by each;
        when no document is assigned to all of them (a project without assignments), the documents each of
        them coded, stated as ``"coded-no-assignments"``. ``selection="coded"``: the documents each coded.

        Raises
        ------
        InputError
            Documents are assigned to all the coders but none is marked done by each (naming the coders who
            have not finished which).
        """
        selection = check_choice(selection, SELECTIONS, "document selection")
        names = list(coders)
        if selection == "assigned":
            ids = [self._coder(n)["id"] for n in names]
            per_doc: dict[int, list[dict]] = {}
            for row in self.store.assignments(coder_ids=ids):
                per_doc.setdefault(row["document_id"], []).append(row)
            shared = {d: rows for d, rows in per_doc.items() if len(rows) == len(names)}
            if shared:
                done = [d for d, rows in shared.items() if all(r["done_at"] is not None for r in rows)]
                if not done:
                    waiting = sorted({r["coder"] for rows in shared.values() for r in rows if r["done_at"] is None})
                    raise InputError(
                        f"none of the {len(shared)} documents assigned to {', '.join(names)} is marked done by each "
                        f"(not done yet by {', '.join(waiting)}); mark them done on the Code page, or compare the "
                        "documents coded by each", key="err_assignments_not_done", n=len(shared),
                        coders=", ".join(names), waiting=", ".join(waiting))
                return sorted(done), "assigned"
        coded: dict[int, set[str]] = {}
        for row in self.store.coders_of_documents():
            coded.setdefault(row["document_id"], set()).add(row["coder"])
        ids = [d for d, who in coded.items() if set(names) <= who]
        return ids, ("coded" if selection == "coded" else "coded-no-assignments")

    # -- helpers -------------------------------------------------------------------

    def _assignment_pairs(self, documents: Iterable[str | int], coders: Iterable[str]) -> tuple[list[dict], list[str]]:
        if isinstance(documents, str | int | np.integer):
            documents = [documents]
        docs = [self.document(_ref(d)) for d in documents]
        docs = list({d["id"]: d for d in docs}.values())
        names = [coders] if isinstance(coders, str) else [str(c).strip() for c in coders]
        names = list(dict.fromkeys(n for n in names if n))
        if not docs:
            raise InputError("no document given to assign", key="err_assign_no_document")
        if not names:
            raise InputError("no coder given to assign documents to", key="err_assign_no_coder")
        for name in names:
            row = self._coder(name)
            if row["role"] == "consensus":
                raise InputError(f"{name} is the consensus coder, whose codings come from reconciliation; assign "
                                 "documents to the coders themselves", key="err_assign_consensus", coder=name)
        return docs, names

    def _actor(self, actor: str | None) -> str | None:
        """Who assigns: the signed-in user, else ``actor`` (None: not recorded, as other writes without one)."""
        if self._user is not None:
            return self._user
        return str(actor).strip() or None if actor is not None else None


def _names(docs: list[dict]) -> str:
    """The documents of an event, for History: the names, or how many when there are many."""
    return ", ".join(d["name"] for d in docs) if len(docs) <= 3 else f"{len(docs)} documents"


def _ref(value: str | int) -> str | int:
    if isinstance(value, bool):
        return str(value)
    return int(value) if isinstance(value, int | np.integer) else value


__all__ = ["ASSIGNMENT_COLUMNS", "SELECTIONS", "SELECTION_PHRASES", "ProjectAssignments"]
