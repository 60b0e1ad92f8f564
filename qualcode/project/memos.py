"""Memos: the analyst's notes beside the coding; methods of a Project.

A memo has a kind and a target: the project itself (a research journal entry, no target), a document, a
code, an informant, a group or a coding. It has a title, a text (Markdown, which front ends show as plain
text, never as HTML), an author and its created and changed times. A memo links to passages (a span of a
document) and to other memos.

A memo of kind ``coding`` is a longer note attached to one coding; the short ``memo`` column of the coding
itself (:meth:`~.codings.ProjectCodings.add_coding`) stays as it is, and the two are independent.

A memo outlives what it is about: when the coding is removed, or the code, document, informant or group
deleted (a code merged into another included), the memo keeps its kind and loses its target (``target``
empty); undoing the deletion gives it back.

Any coder writes memos as themselves; changing or deleting another author's memo needs the
``edit_any_coding`` permission (supervisors and admins), as changing another coder's coding does. Under
blind coding a memo on another coder's coding is hidden, as the coding is. Every change is one audited
event, so History shows it and undo reverts it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..errors import DuplicateError, InputError, NotFoundError, Term, check_choice
from ..export.report import Quote, Report, Section, Target, write_report
from ..store import now
from .base import required
from .codings import ProjectCodings, _check_span

#: The kinds of memo, in the order front ends list them.
MEMO_KINDS = ("project", "document", "code", "informant", "group", "coding")

MEMO_COLUMNS = ["id", "kind", "target", "target_id", "title", "text", "author", "created_at", "changed_at", "document",
                "code", "informant", "group", "links"]
LINK_COLUMNS = ["id", "memo_id", "document", "start", "end", "quote", "linked_memo_id", "linked_title"]
#: How a memo report groups its memos.
REPORT_BY = ("kind", "code")
KIND_HEADINGS = {"project": "Project journal", "document": "Documents", "code": "Codes", "informant": "Informants",
                 "group": "Informant groups", "coding": "Codings"}
NO_CODE = "Not about a code"

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class ProjectMemos(ProjectCodings):
    """Memo methods of a Project."""

    def add_memo(self, kind: str, target: str | int | None = None, *, title: str, text: str = "",
                 author: str | None = None) -> int:
        """Write a memo; returns its id.

        Parameters
        ----------
        kind : str
            One of :data:`MEMO_KINDS`.
        target : str or int, optional
            What the memo is about: None for a project memo; a document name or id, a code key, an informant
            key, a group key, or a coding id.
        title, text : str
            The title (required) and the text (Markdown; may be empty).
        author : str, optional
            Who writes it: the signed-in user when there is one (another name needs ``edit_any_coding``),
            else required.

        Raises
        ------
        InputError
            Unknown kind, a project memo with a target or another memo without one, an empty title or author.
        NotFoundError
            The target does not exist.
        """
        kind = check_choice(kind, MEMO_KINDS, "memo kind")
        target_id = self._memo_target(kind, target)
        title = required(title, Term("memo title", "term_memo_title"))
        author = self._memo_author(author)
        at = now()
        with self.store.atomic():
            memo_id = self.store.insert_memo({"kind": kind, "target_id": target_id, "title": title,
                                              "text": _text(text), "author": author, "created_at": at,
                                              "changed_at": at})
            self.store.log_event(author, "memo.add", {"id": memo_id, "kind": kind, "title": title})
        return memo_id

    def edit_memo(self, memo_id: int, *, title: str | None = None, text: str | None = None,
                  actor: str | None = None) -> bool:
        """Change a memo's title and/or text; returns whether anything changed.

        ``actor`` names who edits when no user is signed in (default: the memo's author). Another author's
        memo needs ``edit_any_coding``.
        """
        row = self._memo_row(memo_id)
        actor = self._memo_editor(row, actor)
        fields: dict[str, Any] = {}
        if title is not None:
            fields["title"] = required(title, Term("memo title", "term_memo_title"))
        if text is not None:
            fields["text"] = _text(text)
        fields = {k: v for k, v in fields.items() if v != row[k]}
        if not fields:
            return False
        with self.store.atomic():
            self.store.update_memo(row["id"], {**fields, "changed_at": now()})
            self.store.log_event(actor, "memo.edit", {"id": row["id"], "title": fields.get("title", row["title"])})
        return True

    def delete_memo(self, memo_id: int, *, actor: str | None = None) -> None:
        """Delete a memo with its links and the links of other memos to it (a front end asks first)."""
        row = self._memo_row(memo_id)
        actor = self._memo_editor(row, actor)
        with self.store.atomic():
            self.store.delete_memo(row["id"])
            self.store.log_event(actor, "memo.delete", {"id": row["id"], "title": row["title"]})

    def link_passage(self, memo_id: int, document: str | int, start: int, end: int, *,
                     actor: str | None = None) -> int:
        """Link a memo to text[start:end] of a document (0-based, end-exclusive); returns the link id.

        Raises DuplicateError when the memo already links that passage.
        """
        row = self._memo_row(memo_id)
        actor = self._memo_editor(row, actor)
        doc = self.document(document)
        _check_span(start, end, len(doc["text"]), doc["name"])
        start, end = int(start), int(end)
        with self.store.atomic():
            if self.store.find_memo_link(row["id"], document_id=doc["id"], start=start, end=end) is not None:
                where = f"'{doc['name']}' {start}:{end}"
                raise DuplicateError(f"memo {row['id']} already links {where}", key="err_duplicate_memo_link",
                                     memo=row["id"], target=where)
            link_id = self.store.insert_memo_link({"memo_id": row["id"], "document_id": doc["id"], "start": start,
                                                   "end": end})
            self.store.log_event(actor, "memo.link", {"id": row["id"], "title": row["title"],
                                                      "to": f"{doc['name']} {start}:{end}"})
        return link_id

    def link_memo(self, memo_id: int, other: int, *, actor: str | None = None) -> int:
        """Link a memo to another memo; returns the link id.

        Raises InputError for a link of a memo to itself, DuplicateError when the link exists already.
        """
        row = self._memo_row(memo_id)
        other_row = self._memo_row(other)
        actor = self._memo_editor(row, actor)
        if row["id"] == other_row["id"]:
            raise InputError(f"memo {row['id']} cannot link to itself", key="err_memo_self_link", memo=row["id"])
        with self.store.atomic():
            if self.store.find_memo_link(row["id"], linked_memo_id=other_row["id"]) is not None:
                raise DuplicateError(f"memo {row['id']} already links memo {other_row['id']}",
                                     key="err_duplicate_memo_link", memo=row["id"], target=other_row["title"])
            link_id = self.store.insert_memo_link({"memo_id": row["id"], "linked_memo_id": other_row["id"]})
            self.store.log_event(actor, "memo.link", {"id": row["id"], "title": row["title"],
                                                      "to": other_row["title"]})
        return link_id

    def unlink(self, link_id: int, *, actor: str | None = None) -> None:
        """Remove one link of a memo (to a passage or to a memo)."""
        link = self.store.memo_link(_id(link_id, "link id"))
        if link is None:
            raise NotFoundError(f"no memo link with id {link_id}", key="err_unknown_memo_link", id=link_id)
        row = self._memo_row(link["memo_id"])
        actor = self._memo_editor(row, actor)
        target = link["linked_title"] if link["linked_memo_id"] is not None else \
            f"{link['document']} {link['start']}:{link['end']}"
        with self.store.atomic():
            self.store.delete_memo_link(link["id"])
            self.store.log_event(actor, "memo.unlink", {"id": row["id"], "title": row["title"], "to": target})

    # -- reading -------------------------------------------------------------------

    def memo(self, memo_id: int) -> dict[str, Any]:
        """One memo as a dict (the columns of :meth:`memos`, missing values None) with its ``link_rows``."""
        row = self._memo_row(memo_id)
        return {**_public(row), "link_rows": self.memo_links(row["id"]).to_dict("records")}

    def memos(self, *, kind: str | None = None, author: str | None = None, code: str | None = None,
              informant: str | None = None, document: str | int | None = None,
              since: str | date | None = None, until: str | date | None = None,
              text: str | None = None) -> pd.DataFrame:
        """Memos, newest first, with the columns :data:`MEMO_COLUMNS`; every filter given must hold.

        ``target`` names what a memo is about (empty for the project; "coding 12" for a coding; ``target_id`` is
        its row id), ``document``,
        ``code``, ``informant`` and ``group`` what that leads to (a coding memo: its document, code and the
        document's informant and group), ``links`` how many links it has.

        Parameters
        ----------
        kind, author : str, optional
            Only memos of this kind, by this author.
        code : str, optional
            Memos on the code, or on one of its codings.
        informant : str, optional
            Memos on the informant, on one of their documents or codings, or linking a passage of their documents.
        document : str or int, optional
            Memos on the document or one of its codings, or linking a passage of it.
        since, until : str or date, optional
            Written on or after / on or before this day (``YYYY-MM-DD``, UTC).
        text : str, optional
            Words in the title or text (case-insensitive, as typed).
        """
        # object columns: ids stay whole numbers and a missing value is None, never NaN
        visible = self._visible_coders(None)
        frame = pd.DataFrame([{**r, "target": _target(r)} for r in self.store.memos() if _readable(r, visible)],
                             dtype=object)
        if frame.empty:
            return pd.DataFrame(columns=MEMO_COLUMNS)
        keep = pd.Series(True, index=frame.index)
        if kind is not None:
            keep &= frame["kind"] == check_choice(kind, MEMO_KINDS, "memo kind")
        if author is not None:
            keep &= frame["author"] == str(author).strip()
        if code is not None:
            keep &= frame["code_id"] == self._code(code)["id"]
        linked = pd.DataFrame(self.store.memo_links(), columns=["memo_id", "document_id", "informant_id"])
        if informant is not None:
            iid = self._informant(informant)["id"]
            keep &= (frame["informant_id"] == iid) | frame["id"].isin(linked.loc[linked["informant_id"] == iid,
                                                                                  "memo_id"])
        if document is not None:
            did = self.document(document)["id"]
            keep &= (frame["document_id"] == did) | frame["id"].isin(linked.loc[linked["document_id"] == did,
                                                                                 "memo_id"])
        day = frame["created_at"].str.slice(0, 10)
        if since is not None:
            keep &= day >= _day(since, "since")
        if until is not None:
            keep &= day <= _day(until, "until")
        if text is not None and str(text).strip():
            words = str(text).strip().casefold()
            keep &= (frame["title"].str.casefold().str.contains(words, regex=False)
                     | frame["text"].str.casefold().str.contains(words, regex=False))
        frame = frame[keep]
        return frame[MEMO_COLUMNS].reset_index(drop=True)

    def memo_links(self, memo_id: int | None = None) -> pd.DataFrame:
        """Links of a memo (or of every memo): id, memo_id, then document, start, end and quote for a passage,
        or linked_memo_id and linked_title for a memo."""
        rows = self.store.memo_links(None if memo_id is None else self._memo_row(memo_id)["id"])
        return pd.DataFrame(rows, columns=[*LINK_COLUMNS, "document_id", "informant_id"], dtype=object)[LINK_COLUMNS]

    def memo_counts(self) -> tuple[int, int]:
        """(memos, last change to memos or links): changes on every write, so a page can keep its list cached."""
        return self.store.memo_counts()

    def may_edit_memo(self, memo_id: int) -> bool:
        """Whether the signed-in user may change or delete the memo (their own, or ``edit_any_coding``)."""
        row = self._memo_row(memo_id)
        return self._user is None or row["author"] == self._user or self.may("edit_any_coding")

    # -- the memo report ---------------------------------------------------------------

    def memo_report(self, *, by: str = "kind", title: str | None = None, **filters: Any) -> Report:
        """The memos as a report (:class:`~qualcode.export.report.Report`): a chapter per kind (in the order of
        :data:`MEMO_KINDS`) or per code (codebook order; memos on no code last), and under it a section per memo,
        oldest first, headed by its title: its text, then the passages it links (quoted, with document and
        offsets) and the memos it links.

        ``filters`` are those of :meth:`memos`. By code, a memo is under the code it is about (a code memo, or a
        coding memo under its coding's code).
        """
        by = check_choice(by, REPORT_BY, "memo report grouping (by)")
        frame = self.memos(**filters).iloc[::-1]  # oldest first: a journal reads forwards
        links = self.memo_links()
        groups: list[tuple[str, str | None, pd.DataFrame]] = []
        if by == "kind":
            for kind in MEMO_KINDS:
                groups.append((KIND_HEADINGS[kind], None, frame[frame["kind"] == kind]))
        else:
            names = dict(zip(self.codes()["key"], self.codes()["name"], strict=True))
            for key in names:
                groups.append((key, names[key], frame[frame["code"] == key]))
            groups.append((NO_CODE, None, frame[frame["code"].isna()]))
        sections: list[Section] = []
        for key, name, memos in groups:
            if memos.empty:
                continue
            sections.append(Section(key, name, level=1))
            for memo in memos.to_dict("records"):
                sections.append(Section(str(memo["title"]), None, level=2,
                                        quotes=_memo_quotes(memo, links[links["memo_id"] == memo["id"]])))
        day = now()[:10]
        details = [("Memos", str(len(frame))), ("Grouped by", by), ("Written", day)]
        return Report(title or "Memos", sections, subtitle=self.name,
                      details=details, title_page=False, contents=bool(sections))

    def export_memos(self, path_or_file: Target, fmt: str | None = None, *, by: str = "kind",
                     latex_engine: str = "pdflatex", **filters: Any) -> int:
        """Write the memo report (:meth:`memo_report`) as Word, Markdown, LaTeX or HTML (``fmt`` or the path's
        suffix: .docx, .md, .tex, .html); returns how many memos it holds."""
        report = self.memo_report(by=by, **filters)
        write_report(report, path_or_file, fmt, latex_engine=latex_engine)
        return sum(1 for s in report.sections if s.level == 2)

    # -- helpers -------------------------------------------------------------------

    def _memo_row(self, memo_id: Any) -> dict:
        row = self.store.memo(_id(memo_id, "memo id"))
        if row is None or not _readable(row, self._visible_coders(None)):
            raise NotFoundError(f"no memo with id {memo_id}", key="err_unknown_memo", id=memo_id)
        return row

    def _memo_target(self, kind: str, target: str | int | None) -> int | None:
        if kind == "project":
            if target is not None and str(target).strip():
                raise InputError(f"a project memo has no target, got {target!r}", key="err_memo_project_target",
                                 target=str(target))
            return None
        if target is None or not str(target).strip():
            raise InputError(f"a {kind} memo needs a target: the {kind} it is about", key="err_memo_no_target",
                             kind=kind)
        if kind == "document":
            return int(self.document(target if isinstance(target, int) else str(target).strip())["id"])
        if kind == "coding":
            return int(self.coding(_id(target, "coding id"))["id"])
        lookup = {"code": self._code, "informant": self._informant, "group": self._group}[kind]
        return int(lookup(str(target))["id"])

    def _memo_author(self, author: str | None) -> str:
        if self._user is not None:
            if author is not None and str(author).strip():
                self._require_coder(str(author))  # writing under another name needs edit_any_coding
                return str(author).strip()
            return self._user
        return required(author, Term("memo author", "term_memo_author"))

    def _memo_editor(self, row: dict, actor: str | None) -> str:
        """Who changes ``row``: the signed-in user (who needs edit_any_coding for another author's memo), else
        ``actor`` or the memo's author."""
        if self._user is not None:
            if row["author"] != self._user:
                self.require("edit_any_coding")
            return self._user
        return str(actor).strip() if actor is not None and str(actor).strip() else str(row["author"])


def _readable(row: dict, visible: list[str] | None) -> bool:
    """Whether a memo may be read by who sees the codings of ``visible`` coders (None: everyone's): under blind
    coding a memo on another coder's coding is hidden, as that coding is."""
    return visible is None or row["kind"] != "coding" or row["coding_coder"] in (*visible, None)


def _id(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise InputError(f"{what} must be a whole number, got {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number, got {value!r}") from None


def _text(text: Any) -> str:
    return "" if text is None else str(text).strip()


def _day(value: str | date, what: str) -> str:
    """A day as ``YYYY-MM-DD``; InputError naming ``what`` for anything else."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if _DAY.fullmatch(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise InputError(f"{what} must be a day as YYYY-MM-DD, got {value!r}", key="err_memo_day", what=what,
                     value=str(value))


def _target(row: dict) -> str:
    """What a memo is about, as a front end names it."""
    kind = row["kind"]
    if kind == "project":
        return ""
    if kind == "coding":
        return "" if row["target_id"] is None else f"coding {row['target_id']}"
    name = row[kind]
    return "" if name is None or name != name else str(name)  # a deleted target: nothing to name


def _memo_quotes(memo: dict, links: pd.DataFrame) -> list[Quote]:
    """A memo in a report: its text with who wrote it and when, then each passage it links and each memo."""
    about = f"{memo['kind']} {memo['target']}".strip() if memo["kind"] != "project" else "project"
    quotes = [Quote(str(memo["text"] or ""), f"({memo['author']}, {str(memo['created_at'])[:10]}; on {about})")]
    for link in links.to_dict("records"):
        if link["linked_memo_id"] is None or link["linked_memo_id"] != link["linked_memo_id"]:
            quotes.append(Quote(str(link["quote"] or ""),
                                f"({link['document']}, {int(link['start'])}\u2013{int(link['end'])})"))
        else:
            quotes.append(Quote(f"See memo: {link['linked_title']}"))
    return quotes


def _public(row: dict) -> dict[str, Any]:
    return {**{c: row.get(c) for c in MEMO_COLUMNS if c != "target"}, "target": _target(row)}


__all__ = ["LINK_COLUMNS", "MEMO_COLUMNS", "MEMO_KINDS", "REPORT_BY", "ProjectMemos"]
