"""Codings: adding, changing, removing and reading them; methods of a Project.

A coding ties a span of a document to a code and a coder, all of :mod:`.core`, so
:class:`ProjectCodings` builds on :class:`~.core.ProjectCore`. Every write is one transaction
with its audit event, and checks the signed-in user's right to code as that coder or to change
that coding (see :mod:`.base`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import CodingError, DuplicateError, InputError, NotFoundError
from ..spans import find_occurrence
from ..store import now
from .core import ProjectCore

CODINGS_COLUMNS = [
    "id", "document", "document_id", "informant", "group", "source_type", "code", "code_name",
    "parent_code", "coder", "start", "end", "quote", "memo", "created_at", "exemplar",
]
CODING_ROW_FIELDS = ("id", "document_id", "code_id", "coder_id", "start", "end", "quote", "memo", "created_at")


@dataclass(frozen=True)
class CodingSpec:
    """One coding to add: the document by name or id, offsets into its text, code key and coder name;
    ``created_at`` keeps the time of a coding brought from elsewhere (default: now); ``exemplar`` flags it
    as an exemplar quote."""

    document: str | int
    start: int
    end: int
    code: str
    coder: str
    memo: str | None = None
    created_at: str | None = None
    exemplar: bool = False


MAX_DELTA = 500  # more row changes than this since a view's last read: it reads the whole list again


@dataclass(frozen=True)
class CodingsDelta:
    """A document's codings that changed after a given row change (:meth:`ProjectCodings.document_codings_since`):
    ``rows`` are added or changed codings (all of them when ``full``), ``gone`` the ids no longer shown, and
    ``until`` the newest row change they include."""

    until: int
    full: bool
    rows: list[dict[str, Any]]
    gone: frozenset[int]


class ProjectCodings(ProjectCore):
    """Coding methods of a Project."""

    def add_coding(self, document: str | int, start: int, end: int, code: str, coder: str,
                   *, memo: str | None = None, exemplar: bool = False) -> int:
        """Code text[start:end] of a document (0-based, end-exclusive code points). Returns the coding id."""
        return self.add_codings([CodingSpec(document, start, end, code, coder, memo, exemplar=exemplar)])[0]

    def add_codings(self, specs: Iterable[CodingSpec]) -> list[int]:
        """Add many codings in one transaction; the first bad one cancels them all.

        Coders are created on first use (a coder picks their name once); unknown
        documents and codes are errors. A coding the same coder already gave with the same
        code to exactly the same span (or a batch naming one twice) raises DuplicateError,
        and nothing is added. Overlapping but not identical codings of one code by one coder
        are kept as they are, each its own coding (never merged): agreement statistics and
        undo see exactly what the coder did.
        """
        rows: list[tuple] = []
        docs: dict[str | int, dict] = {}
        codes: dict[str, int] = {}
        coders: dict[str, int] = {}
        seen: set[tuple[int, int, int, int, int]] = set()
        created = now()
        specs = list(specs)
        for coder in {spec.coder for spec in specs}:
            self._require_coder(coder)
        with self.store.atomic():
            for spec in specs:
                doc = docs.get(spec.document) or docs.setdefault(spec.document, self.document(spec.document))
                _check_span(spec.start, spec.end, len(doc["text"]), doc["name"])
                code_id = codes.get(spec.code) or codes.setdefault(spec.code, self._code(spec.code)["id"])
                coder_id = coders.get(spec.coder) or coders.setdefault(spec.coder, self.ensure_coder(spec.coder))
                identity = (doc["id"], code_id, coder_id, spec.start, spec.end)
                if identity in seen:
                    raise DuplicateError(f"coder '{spec.coder}' would code '{doc['name']}' {spec.start}:{spec.end} "
                                         f"with code '{spec.code}' twice in one batch; nothing was added")
                seen.add(identity)
                self._refuse_same_coding(identity, doc["name"], spec.code, spec.coder)
                rows.append((doc["id"], code_id, coder_id, spec.start, spec.end, doc["text"][spec.start:spec.end],
                             spec.memo or None, spec.created_at or created, int(bool(spec.exemplar))))
            if not rows:
                return []
            ids = self.store.insert_codings(rows)
            if len(ids) == 1:
                first = specs[0]
                self.store.log_event(first.coder, "coding.add", {
                    "id": ids[0], "document": docs[first.document]["name"], "code": first.code,
                    "start": first.start, "end": first.end})
            else:
                coders_used = {spec.coder for spec in specs}  # one coder's batch is theirs to undo
                self.store.log_event(coders_used.pop() if len(coders_used) == 1 else None, "coding.add_many", {
                    "count": len(ids), "first_id": ids[0], "last_id": ids[-1], "codes": sorted(codes)})
        return ids

    def code_quote(self, document: str | int, quote: str, code: str, coder: str, *,
                   occurrence: int = 1, memo: str | None = None, exemplar: bool = False) -> int:
        """Code the ``occurrence``-th appearance of ``quote`` in a document (how demo codings are anchored)."""
        doc = self.document(document)
        start = find_occurrence(doc["text"], quote, occurrence)
        if start < 0:
            raise CodingError(f"quote not found in document '{doc['name']}' (occurrence {occurrence}): {quote[:60]!r}",
                              key="err_quote_not_found", document=doc["name"], occurrence=occurrence, quote=quote[:60])
        return self.add_coding(doc["id"], start, start + len(quote), code, coder, memo=memo, exemplar=exemplar)

    def remove_coding(self, coding_id: int, *, actor: str | None = None) -> dict[str, Any]:
        """Delete one coding; returns its row so that a front end can offer undo."""
        row = self.store.coding_by_id(coding_id)
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}", key="err_unknown_coding", id=coding_id)
        self._require_coding_owner(row["coder_id"])
        with self.store.atomic():
            self.store.delete_coding(coding_id)
            self.store.log_event(actor, "coding.remove", row)
        return row

    def update_coding(self, coding_id: int, *, code: str | None = None, memo: str | None = None,
                      clear_memo: bool = False, exemplar: bool | None = None,
                      actor: str | None = None) -> dict[str, Any]:
        """Change a coding's code (by key), memo (``""`` or ``clear_memo=True`` removes it) and/or exemplar
        flag (True or False), in one step of the history.

        Returns the row as it was before (as :meth:`remove_coding` does), for undo.
        Raises NotFoundError for an unknown coding or code, InputError when nothing is to change or
        ``exemplar`` is not a bool.
        """
        row = self.store.coding_by_id(coding_id)
        if row is None:
            raise NotFoundError(f"no coding with id {coding_id}", key="err_unknown_coding", id=coding_id)
        self._require_coding_owner(row["coder_id"])
        if code is None and memo is None and not clear_memo and exemplar is None:
            raise InputError(f"coding {coding_id}: nothing to change; give code, memo, clear_memo=True or exemplar")
        if clear_memo and memo:
            raise InputError(f"coding {coding_id}: give either a memo or clear_memo=True, not both")
        if exemplar is not None and not isinstance(exemplar, bool):
            raise InputError(f"coding {coding_id}: exemplar must be True or False, got {exemplar!r}")
        update: dict[str, Any] = {}
        if exemplar is not None:
            update["exemplar"] = int(exemplar)
        if code is not None:
            update["code_id"] = self._code(code)["id"]
            if update["code_id"] != row["code_id"]:
                detail = self.store.coding_detail(coding_id) or {}
                self._refuse_same_coding((row["document_id"], update["code_id"], row["coder_id"], row["start"],
                                          row["end"]), detail.get("document"), code, detail.get("coder"))
        if memo is not None or clear_memo:
            update["memo"] = (memo or "").strip() or None
        with self.store.atomic():
            self.store.update_coding(coding_id, update)
            self.store.log_event(actor, "coding.update", {"id": coding_id, "before": row, "after": update})
        return row

    def set_exemplar(self, coding_id: int, flag: bool = True, *, actor: str | None = None) -> dict[str, Any]:
        """Flag a coding as an exemplar quote (``flag=False`` removes the flag), as :meth:`update_coding` does:
        the coding's coder, or a user who may edit any coding; one undoable step. Returns the row before."""
        return self.update_coding(coding_id, exemplar=flag, actor=actor)

    def restore_coding(self, row: Mapping[str, Any], *, actor: str | None = None) -> int:
        """Put back a coding that :meth:`remove_coding` returned (same id and fields); returns its id.

        Raises CodingError if the id is taken again or the quote no longer matches
        the document text at start:end; NotFoundError if its document, code or coder is gone.
        """
        missing = [f for f in CODING_ROW_FIELDS if f not in row]
        if missing:
            raise InputError(f"cannot restore coding: row lacks {', '.join(missing)}; "
                             f"need {', '.join(CODING_ROW_FIELDS)}")
        data = {f: row[f] for f in CODING_ROW_FIELDS}
        data["exemplar"] = int(bool(row.get("exemplar") or 0))  # a row read before the flag existed has none
        self._require_coding_owner(data["coder_id"])
        if self.store.coding_by_id(data["id"]) is not None:
            raise CodingError(f"cannot restore coding {data['id']}: a coding with that id exists")
        doc = self.document(int(data["document_id"]))
        code_row, coder_row = self.store.code_by_id(data["code_id"]), self._coder_by_id(data["coder_id"])
        if code_row is None or coder_row is None:
            what = "code" if code_row is None else "coder"
            raise NotFoundError(f"cannot restore coding {data['id']}: its {what} (id {data[f'{what}_id']}) "
                                "no longer exists")
        _check_span(data["start"], data["end"], len(doc["text"]), doc["name"])
        self._refuse_same_coding((doc["id"], data["code_id"], data["coder_id"], data["start"], data["end"]),
                                 doc["name"], code_row["key"], coder_row["name"])
        if doc["text"][data["start"]:data["end"]] != data["quote"]:
            raise CodingError(f"cannot restore coding {data['id']}: its quote {data['quote'][:60]!r} no longer "
                              f"matches '{doc['name']}' at {data['start']}:{data['end']}")
        with self.store.atomic():
            self.store.insert_coding(data)
            self.store.log_event(actor, "coding.restore", data)
        return data["id"]

    def _refuse_same_coding(self, identity: tuple[int, int, int, int, int], document: str | None, code: str,
                            coder: str | None) -> None:
        """DuplicateError when a coding with this (document id, code id, coder id, start, end) exists."""
        twin = self.store.same_coding(*identity)
        if twin is not None:
            start, end = identity[3], identity[4]
            raise DuplicateError(f"coder '{coder}' already coded '{document}' {start}:{end} with code '{code}' "
                                 f"(coding {twin}); nothing was changed", key="err_duplicate_coding",
                                 coder=coder, document=document, start=start, end=end, code=code, id=twin)

    def coding(self, coding_id: int) -> dict[str, Any]:
        """One coding as a plain dict: id, document, document_id, informant, group, source_type, code,
        code_id, code_name, parent_code, coder, coder_id, start, end, quote, memo, created_at, exemplar (bool).

        Missing values (no memo, no informant) are None, never NaN. Raises NotFoundError for an
        unknown coding, or one of another coder while blind coding hides it from the user.
        """
        row = self.store.coding_detail(int(coding_id))
        visible = self._visible_coders(None) if row is not None else None
        if row is None or (visible is not None and row["coder"] not in visible):
            raise NotFoundError(f"no coding with id {coding_id}", key="err_unknown_coding", id=coding_id)
        return {**row, "exemplar": bool(row["exemplar"])}

    def codes_recent(self, coder: str, limit: int = 10) -> list[str]:
        """Keys of the codes ``coder`` used, most recently used first (at most ``limit``); [] for an unknown coder."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise InputError(f"limit must be a whole number >= 1, got {limit!r}")
        row = self.store.coder_by_name(str(coder).strip()) if coder else None
        return self.store.recent_code_keys(row["id"], limit) if row else []

    def codings(self, *, document: str | int | None = None, coders: Iterable[str] | None = None,
                codes: Iterable[str] | None = None) -> pd.DataFrame:
        """Codings as a DataFrame with document, informant, group, source type, code, coder, quote, memo,
        created_at and exemplar (bool: flagged as an exemplar quote)."""
        doc_id = self.document(document)["id"] if document is not None else None
        coders = self._visible_coders(coders)
        coder_ids = [self._coder(c)["id"] for c in coders] if coders is not None else None
        code_ids = [self._code(c)["id"] for c in codes] if codes is not None else None
        rows = self.store.codings(document_id=doc_id, coder_ids=coder_ids, code_ids=code_ids)
        return pd.DataFrame(rows, columns=CODINGS_COLUMNS).astype({"exemplar": bool})

    def document_codings(self, document_id: int) -> list[dict[str, Any]]:
        """One document's codings as lean rows (what the transcript view draws), only the user's own
        when blind coding hides the others'."""
        rows = self.store.document_codings(int(document_id))
        visible = self._visible_coders(None)
        return rows if visible is None else [r for r in rows if r["coder"] in visible]

    def document_codings_since(self, document_id: int, since: int) -> CodingsDelta:
        """What changed in :meth:`document_codings` after the row change ``since`` (0: everything), so that
        a view of a long document with many codings reads only the codings that changed.

        Changes other than to codings (a code's colour or key, a coder, blind coding, ...) or very many
        of them give the full list (``full=True``). ``until`` is the change to pass as ``since`` next time.
        """
        since = int(since)
        latest = self.store.last_change_id()
        changes = self.store.changed_rows_since(since) if 0 < since <= latest else None
        if changes is None or len(changes) > MAX_DELTA or any(tbl != "codings" for _, tbl, _ in changes):
            return CodingsDelta(latest, True, self.document_codings(document_id), frozenset())
        if not changes:
            return CodingsDelta(since, False, [], frozenset())
        ids = sorted({row_id for _, _, row_id in changes})
        rows = self.store.document_codings(int(document_id), ids)
        visible = self._visible_coders(None)
        rows = rows if visible is None else [r for r in rows if r["coder"] in visible]
        # deleted, moved to another document or hidden: gone from this view
        return CodingsDelta(changes[-1][0], False, rows, frozenset(ids) - {r["id"] for r in rows})


def _check_span(start: Any, end: Any, length: int, document: str) -> None:
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool) or isinstance(end, bool):
        raise CodingError(f"coding in '{document}': start and end must be integers, got {start!r}, {end!r}",
                          key="err_coding_not_integers", document=document, start=start, end=end)
    if start < 0 or end <= start or end > length:
        raise CodingError(
            f"coding in '{document}': span {start}:{end} is invalid; need 0 <= start < end <= {length} (text length)",
            key="err_coding_span", document=document, start=start, end=end, length=length,
        )

