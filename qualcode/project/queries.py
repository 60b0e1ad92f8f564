"""Coding queries: running them, counting their results, saving them, and coding their results; methods of a
Project.

The language and its evaluation are in :mod:`qualcode.analysis.query`; this module gives it the project's
codings, units, documents, informants and texts, and lays the passages out as the quote table does
(:func:`qualcode.export.quotes.quote_table`), so a query's result exports like the quote table. A saved
query is a name and the query's text, audited like every other row; coding a query's results as a code is
one step of the coder's undo, as the Search page's auto-coding is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..analysis.query import SCOPES, Binary, Near, Query, evaluate, parse, passage_counts, query_error
from ..errors import DuplicateError, InputError, NotFoundError, Term, unknown_message
from ..export.quotes import DEFAULT_CITATION, REFERENCES, quote_table, reference_note
from ..export.tables import Table
from ..store import now
from .base import required
from .codings import CodingSpec, ProjectCodings
from .filters import attribute_axis, attribute_of
from .history import ProjectHistory

#: What :meth:`ProjectQueries.run_query` adds to the quote table's columns: where each passage is.
PLACE_COLUMNS = ["document_id", "start", "end"]
SAVED_QUERY_COLUMNS = ["name", "text", "author", "created_at", "changed_at"]
QUERY_AXES = ("group", "informant", "source_type")
MAX_NAME = 120


class ProjectQueries(ProjectCodings, ProjectHistory):
    """Coding query methods of a Project."""

    def parse_query(self, text: str) -> Query:
        """The parsed query, its codes checked against the codebook (InputError with ``position`` if not)."""
        query = parse(text)
        keys = self.codes()["key"].tolist()
        for code in query.codes:
            if code.key not in keys:
                shown = ", ".join(keys[:12]) + (" ..." if len(keys) > 12 else "")
                raise query_error(text, code.position, f"unknown code {code.key!r}; known: {shown or 'none'}")
        return query

    def query_passages(self, text: str, *, coders: Iterable[str] | None = None) -> pd.DataFrame:
        """The passages ``text`` retrieves (:func:`qualcode.analysis.query.evaluate`): document_id, start, end,
        codes and coders (sorted tuples), then document, informant, group and source_type.

        ``coders``: only their codings enter the query (default: every coder's, pooled; blind coding shows a
        coder only their own).
        """
        query = self.parse_query(text)
        names = sorted({c.key for c in query.codes})
        codings = self.codings(coders=list(coders) if coders else None, codes=names)
        documents = self.documents()
        units = self.units(kind=query.scope) if query.scope in ("sentence", "turn") else None
        texts = None
        if _has_near(query):
            texts = {int(d): self.store.document_text(int(d)) for d in codings["document_id"].unique()}
        known = {"group": self.groups()["key"], "source_type": self.store.source_types(),
                 "coder": self.coders()["name"], "informant": self.informants()["key"],
                 "document": documents["name"]}
        passages = evaluate(query, codings, units=units, documents=documents, informants=self.informants(),
                            texts=texts, known=known)
        axes = documents.set_index("id")
        for column, source in (("document", "name"), ("informant", "informant"), ("group", "group"),
                               ("source_type", "source_type")):
            passages[column] = [_text(axes.at[int(d), source]) for d in passages["document_id"]]
        return passages

    def run_query(self, text: str, *, coders: Iterable[str] | None = None, citation: str = DEFAULT_CITATION,
                  reference: str = "sentence") -> pd.DataFrame:
        """The passages ``text`` retrieves as a quote table: the columns of
        :func:`qualcode.export.quotes.quote_columns` (``code`` lists the codes that made the passage, joined
        with " + "; ``coders`` the coders whose codings did), then ``document_id``, ``start`` and ``end``.

        Rows are in the quote table's order: by code, group, informant, document and position.

        Raises
        ------
        InputError
            A query that does not parse or names an unknown code, field or value (``position`` says where),
            an unknown ``reference`` or citation field.
        """
        if reference not in REFERENCES:
            raise InputError(unknown_message("reference unit (reference)", reference, REFERENCES))
        passages = self.query_passages(text, coders=coders)
        return self._quote_rows(passages, citation=citation, reference=reference)

    def query_table(self, text: str, *, coders: Iterable[str] | None = None, citation: str = DEFAULT_CITATION,
                    reference: str = "sentence") -> Table:
        """:meth:`run_query` as a table to export (the quote table's columns, title, caption and notes)."""
        self.require("export")
        coders = list(coders) if coders else None
        frame = self.run_query(text, coders=coders, citation=citation, reference=reference)
        references = frame.attrs.get("references") or [reference]
        frame = frame.drop(columns=PLACE_COLUMNS)
        whose = f"coders {', '.join(coders)}" if coders else "all coders pooled"
        notes = (f"Query: {text.strip()}. A passage's code lists the codes whose passages made it "
                 "(see the query language in the user guide). " + reference_note(references))
        return Table(frame, title="Coding Query Results", name="query",
                     caption=f"{len(frame)} passages, {whose}.", notes=notes)

    def query_matrix(self, text: str, *, by: str = "group", coders: Iterable[str] | None = None) -> pd.DataFrame:
        """How many passages ``text`` retrieves per group, informant, source type or informant attribute (``by``,
        ``attribute:NAME``; informants without a value are unassigned): row ``all``, then
        one row per code taking part (:func:`qualcode.analysis.query.passage_counts`); every value of the axis
        is a column, in the project's order. ``attrs["unassigned"]``: passages without a value on the axis."""
        attribute = attribute_of(by)
        if attribute is None and by not in QUERY_AXES:
            raise InputError(unknown_message("axis (by)", by, (*QUERY_AXES, "attribute:NAME")))
        passages = self.query_passages(text, coders=coders)
        documents = self.documents()
        if attribute is not None:
            values, order = attribute_axis(self, attribute)
            documents[by] = [values.get(i) if isinstance(i, str) else None for i in documents["informant"]]
        elif by == "group":
            order = self.groups()["key"].tolist()
        elif by == "informant":
            order = self.informants()["key"].tolist()
        else:
            order = list(self.store.source_types())
        table = passage_counts(passages, documents, by=by, order=order)
        codes = self.codes()["key"].tolist()
        rank = {k: i for i, k in enumerate(codes)}
        rows = ["all", *sorted((c for c in table.index if c != "all"), key=lambda c: rank.get(c, len(rank)))]
        out = table.loc[rows]
        out.attrs = dict(table.attrs)
        return out

    # -- saved queries -----------------------------------------------------------------

    def save_query(self, name: str, text: str, *, actor: str | None = None, replace: bool = False) -> int:
        """Save ``text`` (checked: it must parse and name known codes) as ``name``; returns the saved query's id.

        A name already saved is an error unless ``replace``, which puts the new text in its place. One event.
        """
        name = required(name, Term("query name", "term_query_name"))
        if len(name) > MAX_NAME:
            raise InputError(f"query name: at most {MAX_NAME} characters, got {len(name)}",
                             key="err_query_name_long", n=MAX_NAME)
        self.parse_query(text)
        text = text.strip()
        actor = self._user or (str(actor).strip() if actor else None) or None
        old = self.store.saved_query(name)
        if old is not None and not replace:
            raise DuplicateError(f"a query named {name!r} is saved already; choose another name or replace it",
                                 key="err_query_name_taken", name=name)
        with self.store.atomic():
            if old is not None:
                self.store.update_saved_query(old["id"], text, now())
                query_id = int(old["id"])
            else:
                query_id = self.store.insert_saved_query(name, text, actor, now())
            self.store.log_event(actor, "query.save", {"name": name, "text": text})
        return query_id

    def saved_queries(self) -> pd.DataFrame:
        """The saved queries by name: name, text, author, created_at, changed_at."""
        return pd.DataFrame(self.store.saved_queries(), columns=["id", *SAVED_QUERY_COLUMNS])[SAVED_QUERY_COLUMNS]

    def saved_query(self, name: str) -> dict[str, Any]:
        """A saved query's row; NotFoundError naming the saved ones when there is none by that name."""
        row = self.store.saved_query(str(name).strip())
        if row is None:
            known = ", ".join(r["name"] for r in self.store.saved_queries()[:12]) or Term("none", "err_none")
            raise NotFoundError(unknown_message("saved query", name, known, listed="known"),
                                key="err_unknown_saved_query", name=name, known=known)
        return row

    def delete_saved_query(self, name: str, *, actor: str | None = None) -> None:
        """Delete the saved query ``name`` (one event; undo brings it back). Only its author, or a user who may
        change settings, deletes a query saved by someone else."""
        row = self.saved_query(name)
        if self._user is not None and row["author"] not in (None, self._user):
            self.require("settings")
        actor = self._user or (str(actor).strip() if actor else None) or None
        with self.store.atomic():
            self.store.delete_saved_query(row["id"])
            self.store.log_event(actor, "query.delete", {"name": row["name"], "text": row["text"]})

    # -- coding the results ------------------------------------------------------------

    def code_as_preview(self, text: str, code: str, coder: str, *,
                        coders: Iterable[str] | None = None) -> pd.DataFrame:
        """What :meth:`code_results_as` would add, for review: :meth:`run_query`'s rows with ``coded``, True
        where ``coder`` has ``code`` on exactly that span already (those are not added again)."""
        self._code(code)
        frame = self.run_query(text, coders=coders)
        done = self._coded_spans(code, coder)
        frame["coded"] = [(int(d), int(s), int(e)) in done
                          for d, s, e in zip(frame["document_id"], frame["start"], frame["end"], strict=True)]
        return frame

    def code_results_as(self, text: str, code: str, coder: str, *, coders: Iterable[str] | None = None,
                        passages: pd.DataFrame | None = None) -> tuple[list[int], int]:
        """Code the passages ``text`` retrieves with ``code`` by ``coder``, all in one transaction and one step
        of the coder's undo ("code N query results as K" in History).

        ``passages``: the reviewed rows of :meth:`code_as_preview` (or :meth:`run_query`) to code (document_id,
        start, end); every one must be a result of the query. Default: every result. A passage ``coder``
        already coded with ``code`` is skipped.

        Returns
        -------
        (ids of the added codings, number of passages skipped as already coded)
        """
        self._code(code)
        coder = required(coder, Term("coder name", "term_coder_name"))
        self._require_coder(coder)
        results = self.run_query(text, coders=coders)
        spans = list(zip(results["document_id"].astype(int), results["start"].astype(int),
                         results["end"].astype(int), strict=True))
        if passages is not None:
            missing = [c for c in PLACE_COLUMNS if c not in passages.columns]
            if missing:
                raise InputError(f"the passages to code need the columns {', '.join(PLACE_COLUMNS)}; "
                                 f"missing: {', '.join(missing)}")
            chosen = list(dict.fromkeys(zip(passages["document_id"].astype(int), passages["start"].astype(int),
                                            passages["end"].astype(int), strict=True)))
            outside = [c for c in chosen if c not in set(spans)]
            if outside:
                doc, start, end = outside[0]
                raise InputError(f"{len(outside)} of the passages to code are not results of the query "
                                 f"(the first: document {doc}, {start}:{end}); run the query again",
                                 key="err_query_not_result", n=len(outside))
            spans = chosen
        done = self._coded_spans(code, coder)
        specs = [CodingSpec(d, s, e, code, coder) for d, s, e in spans if (d, s, e) not in done]
        ids: list[int] = []
        if specs:  # one event, so one undo takes them all back
            with self.as_one_step(coder, "query.code_as", {"code": code, "count": len(specs), "query": text.strip()}):
                ids = self.add_codings(specs)
        return ids, len(spans) - len(specs)

    # -- helpers ---------------------------------------------------------------------

    def _coded_spans(self, code: str, coder: str) -> set[tuple[int, int, int]]:
        if not coder or str(coder).strip() not in set(self.coders()["name"]):
            return set()
        mine = self.codings(codes=[code], coders=[str(coder).strip()])
        return set(zip(mine["document_id"].astype(int), mine["start"].astype(int), mine["end"].astype(int),
                       strict=True))

    def _quote_rows(self, passages: pd.DataFrame, *, citation: str, reference: str) -> pd.DataFrame:
        """The passages laid out by :func:`quote_table`, with where each is."""
        codes = self.codes()
        names = dict(zip(codes["key"], codes["name"].fillna(""), strict=True))
        groups = self.groups()
        group_order = groups["key"].tolist()
        texts = {name: self.store.document_text(int(d))
                 for d, name in zip(passages["document_id"], passages["document"], strict=True)}
        frame = passages.assign(
            code=[" + ".join(c) for c in passages["codes"]],
            code_name=[" + ".join(names.get(k, "") or k for k in c) for c in passages["codes"]],
            quote=[texts[n][int(s):int(e)] for n, s, e in zip(passages["document"], passages["start"],
                                                               passages["end"], strict=True)])
        # quote_table's order, so that its rows (one per passage: spans are unique) line up with these
        rank = {k: i for i, k in enumerate(group_order)}
        frame = frame.assign(_group=[rank.get(g, len(rank)) if g is not None else len(rank) for g in frame["group"]],
                             _informant=frame["informant"].map(lambda v: v or ""))
        frame = frame.sort_values(["code", "_group", "_informant", "document", "start", "end"],
                                  kind="stable").reset_index(drop=True)
        rows = frame.assign(coder=frame["coders"]).explode("coder")
        sentences = None
        if reference == "sentence":
            units = self.units(kind="sentence")
            units = units[units["document_id"].isin(set(frame["document_id"]))]
            by_id = dict(zip(frame["document_id"], frame["document"], strict=True))
            sentences = {by_id[int(d)]: list(zip(part["start"], part["end"], strict=True))
                         for d, part in units.groupby("document_id")}
        table = quote_table(rows, texts, group_order=group_order, citation=citation,
                            group_names={k: n for k, n in zip(groups["key"], groups["name"], strict=True)
                                         if isinstance(n, str) and n.strip()},
                            reference=reference, sentences=sentences)
        references = table.attrs.get("references", [])
        if len(table) != len(frame) or not (table["quote"].to_numpy() == frame["quote"].to_numpy()).all():
            raise RuntimeError("query results out of line with their quote table")  # a bug, not bad input
        out = table.assign(document_id=frame["document_id"].to_numpy(), start=frame["start"].to_numpy(),
                           end=frame["end"].to_numpy())
        out.attrs["references"] = references
        return out


def _has_near(query: Query) -> bool:
    stack = [query.expr]
    while stack:
        node = stack.pop()
        if isinstance(node, Near):
            return True
        if isinstance(node, Binary):
            stack += [node.left, node.right]
    return False


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


__all__ = ["PLACE_COLUMNS", "QUERY_AXES", "SAVED_QUERY_COLUMNS", "SCOPES", "ProjectQueries"]
