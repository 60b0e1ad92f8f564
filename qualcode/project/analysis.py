"""Triangulation, framework matrix and co-occurrence methods of a Project.

:class:`ProjectAnalysis` builds on :class:`~.codings.ProjectCodings` (it reads codings).
It reads the project through the store and hands plain DataFrames to the pure
functions of :mod:`qualcode.analysis`. The triangulation protocol follows
Farmer, Robinson, Elliott & Eyles (2006): a *convergence coding matrix* lays
each code against each data source (informant group, source type or
informant); the computed coverage pattern says where a code is present, and a
supervisor's *verdict* (agreement, partial agreement, silence or dissonance)
records whether the sources agree about it. Verdicts are stored with the
supervisor and the time, and every call adds a row, so the history is kept.

Reference
---------
Farmer, T., Robinson, K., Elliott, S. J., & Eyles, J. (2006). Developing and
implementing a triangulation protocol for qualitative health research.
*Qualitative Health Research*, 16(3), 377-394.
https://doi.org/10.1177/1049732305285708
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..analysis.cooccurrence import cooccurrence as _cooccurrence
from ..analysis.query import Filter
from ..analysis.triangulation import (
    AXES,
    MEASURES,
    cell_codings,
    code_matrix,
    code_rows,
    coverage,
)
from ..errors import InputError, NotFoundError, check_choice, unknown_message
from ..store import now
from .base import abbreviate, requires
from .codings import ProjectCodings
from .filters import (
    ATTRIBUTE_PREFIX,
    attribute_axis,
    attribute_of,
    document_ids,
    filter_codings,
    is_coding_level,
    parsed,
)

VERDICTS = ("agreement", "partial_agreement", "silence", "dissonance")
VERDICT_COLUMNS = ["id", "code", "group_a", "group_b", "verdict", "rationale", "supervisor", "created_at"]
SUMMARY_COLUMNS = ["informant", "code", "summary", "author", "updated_at"]
CELL_QUOTE_COLUMNS = ["id", "document", "document_id", "informant", "group", "source_type", "coder", "code",
                      "start", "end", "line", "quote", "before", "after"]
TABLE_EXTRA_COLUMNS = ["pattern", "label", "verdict", "rationale", "verdict_by", "verdict_at"]
QUOTE_LIMIT = 80


class ProjectAnalysis(ProjectCodings):
    """Triangulation and framework-matrix methods of a Project."""

    # -- the matrix ------------------------------------------------------------------

    def axis_values(self, by: str) -> list[str]:
        """The columns of a matrix ``by`` this axis: every group key (group order), every source
        type, every informant key (group order, then key), or the values of an informant attribute
        (``"attribute:NAME"``: its declared categories in order, else the values found, sorted).

        Raises InputError for an unknown axis or attribute.
        """
        attribute = attribute_of(by)
        if attribute is not None:
            return attribute_axis(self, attribute)[1]
        by = check_choice(by, AXES, "axis (by)")
        if by == "group":
            return [g["key"] for g in self.store.groups()]
        if by == "source_type":
            return list(self.store.source_types())
        return [i["key"] for i in self.store.informants()]

    def matrix(self, *, by: str = "group", measure: str = "segments",
               coders: Iterable[str] | None = None, rollup: bool = False, where: str | None = None) -> pd.DataFrame:
        """The convergence coding matrix (Farmer et al., 2006): codes x ``axis_values(by)``.

        Parameters
        ----------
        by : {"group", "source_type", "informant"} or "attribute:NAME"
            The data sources that triangulate; ``attribute:NAME``: the values of an informant attribute
            (``attribute:gender``, ``attribute:role``), informants without a value left out as unassigned.
        measure : {"segments", "informants", "share", "words"}
            See :func:`qualcode.analysis.triangulation.code_matrix`; ``share`` on an attribute axis is the
            percentage of the informants with that value.
        coders : iterable of str, optional
            Coder names whose codings count; None (or empty): all coders pooled.
        rollup : bool
            Top-level codes only, each counting its sub-codes' codings too.
        where : str, optional
            A condition (the ``WHERE`` part of the query language, e.g. ``group = leadership AND age >= 40``):
            only the codings it holds for count.

        Returns
        -------
        DataFrame
            Index ``code`` (codebook order), one column per axis value;
            ``attrs["unassigned"]`` counts codings left out for having no value on the
            axis (e.g. observation notes without informant when ``by="group"``).

        Raises
        ------
        InputError
            Unknown ``by``/``measure``/attribute, ``share`` on the source type or informant axis, a bad
            ``where`` (with its ``position``).
        NotFoundError
            Unknown coder.
        """
        attribute = attribute_of(by)
        if attribute is None:
            by = check_choice(by, AXES, "axis (by)")
        measure = check_choice(measure, MEASURES, "measure")
        condition = parsed(where)
        codes = self._code_frame()
        if is_coding_level(condition):
            # a coder or date condition is decided per coding: read the codings themselves
            rows = filter_codings(self, condition, self.codings(coders=self._coder_names(coders)))
            frame = rows[["code", "document_id", "informant", "group", "source_type", "quote"]].copy()
            weight = None if measure == "words" else "n"
            frame["n"] = 1
        else:
            coder_ids = self._coder_ids(coders)
            keys_by_id = {row["id"]: row["key"] for row in self.store.code_tree()}
            if measure == "words":
                frame = self.store.coding_quotes(coder_ids)
                weight = None
            else:
                frame = self.store.coding_counts(coder_ids)
                weight = "n"
            ids = document_ids(self, condition)
            if ids is not None:
                frame = frame[frame["document_id"].isin(ids)]
            frame = frame.merge(self.store.document_axes(), on="document_id", how="left", validate="many_to_one")
            frame["code"] = frame["code_id"].map(keys_by_id)
        informants = self.informants() if measure == "share" else None
        if attribute is None:
            return code_matrix(frame, codes, by=by, measure=measure, columns=self.axis_values(by),
                               informants=informants, rollup=rollup, weight=weight)
        # an attribute axis: the attribute's value takes the group's place (share: of the informants with it)
        values, columns = attribute_axis(self, attribute)
        frame = frame.assign(group=frame["informant"].map(values))
        if informants is not None:
            informants = informants.assign(group=informants["key"].map(values))
        matrix = code_matrix(frame, codes, by="group", measure=measure, columns=columns, informants=informants,
                             rollup=rollup, weight=weight)
        matrix.columns.name = f"{ATTRIBUTE_PREFIX}{attribute}"
        matrix.attrs.update(axis=matrix.columns.name, axis_label=f"{attribute} values")
        return matrix

    def triangulation_table(self, *, by: str = "group", measure: str = "segments",
                            coders: Iterable[str] | None = None, rollup: bool = False,
                            where: str | None = None) -> pd.DataFrame:
        """The matrix with its coverage pattern and the supervisor's latest verdict beside it.

        Following Farmer et al. (2006), the computed pattern (where a code is present) and
        the verdict (whether the sources agree: agreement, partial_agreement, silence,
        dissonance) are shown side by side; only the verdict is a judgement. ``by`` and
        ``where`` as for :meth:`matrix`.

        Returns
        -------
        DataFrame
            :meth:`matrix` plus columns ``pattern``, ``label``, ``verdict``, ``rationale``,
            ``verdict_by`` and ``verdict_at`` (the latest whole-code verdict; "" when none).
            ``attrs`` as for :meth:`matrix`.
        """
        matrix = self.matrix(by=by, measure=measure, coders=coders, rollup=rollup, where=where)
        clash = [c for c in matrix.columns if c in TABLE_EXTRA_COLUMNS]
        if clash:
            raise InputError(f"cannot build the triangulation table: column(s) {', '.join(clash)} of the "
                             f"{by} axis clash with the table's own columns; rename them", key="err_axis_clash",
                             columns=", ".join(clash))
        cover = coverage(matrix)
        table = matrix.copy()
        table["pattern"] = cover["pattern"]
        table["label"] = cover["label"]
        latest = self.verdicts(latest=True)
        whole = latest[latest["group_a"].isna()].set_index("code")
        for target, source in (("verdict", "verdict"), ("rationale", "rationale"), ("verdict_by", "supervisor"),
                               ("verdict_at", "created_at")):
            table[target] = [str(whole.at[code, source]) if code in whole.index else "" for code in table.index]
        table.columns.name = None
        table.attrs = dict(matrix.attrs)
        return table

    def cell_quotes(self, code: str, column: str, *, by: str = "group",
                    coders: Iterable[str] | None = None, rollup: bool = False, context: int = 80,
                    where: str | None = None) -> pd.DataFrame:
        """The quotes behind one matrix cell, with where they are and the text around them.

        What a supervisor reads before giving a verdict on a code (Farmer et al., 2006).

        Parameters
        ----------
        code : str
            The row's code key (with ``rollup``: its sub-codes' codings too).
        column : str
            One of :meth:`axis_values` ``(by)``.
        by, where :
            As for :meth:`matrix`.
        context : int
            Characters of text kept before and after each quote (newlines shown as spaces).

        Returns
        -------
        DataFrame
            Columns id, document, document_id, informant, group, source_type, coder, code,
            start, end, line (1-based line of ``start``), quote, before, after; ordered
            by document_id and start.

        Raises
        ------
        NotFoundError
            Unknown code, column or coder. InputError: unknown axis, bad ``context`` or ``where``.
        """
        attribute = attribute_of(by)
        if attribute is None:
            by = check_choice(by, AXES, "axis (by)")
        if isinstance(context, bool) or not isinstance(context, int) or context < 0:
            raise InputError(f"context must be a whole number >= 0, got {context!r}")
        allowed = self.axis_values(by)
        if column not in allowed:
            what = f"{attribute} value" if attribute is not None else by.replace("_", " ")
            raise NotFoundError(unknown_message(what, column, abbreviate(allowed), listed="known"))
        codes = self._code_frame()
        self._code(code)
        wanted = [code, *self._descendant_keys(code)] if rollup else [code]
        coder_names = self._coder_names(coders)
        codings = filter_codings(self, where, self.codings(codes=wanted, coders=coder_names))
        if attribute is None:
            rows = cell_codings(codings, codes, code, column, by=by, rollup=rollup)
        else:
            values = attribute_axis(self, attribute)[0]
            axis = codings.assign(group=codings["informant"].map(values), own_group=codings["group"])
            rows = cell_codings(axis, codes, code, column, by="group", rollup=rollup)
            rows["group"] = rows.pop("own_group")
        texts: dict[int, str] = {}
        lines, before, after = [], [], []
        for doc_id, start, end in zip(rows["document_id"], rows["start"], rows["end"], strict=True):
            text = texts.get(doc_id)
            if text is None:
                text = texts.setdefault(doc_id, self.store.document_text(int(doc_id)))
            lines.append(text.count("\n", 0, start) + 1)
            before.append(_flat(text[max(0, start - context):start]))
            after.append(_flat(text[end:end + context]))
        rows["line"] = pd.Series(lines, index=rows.index, dtype="int64")
        rows["before"] = pd.Series(before, index=rows.index, dtype=object)
        rows["after"] = pd.Series(after, index=rows.index, dtype=object)
        return rows[CELL_QUOTE_COLUMNS]

    # -- verdicts --------------------------------------------------------------------

    @requires("verdict")
    def set_verdict(self, code: str, verdict: str, *, supervisor: str, rationale: str = "",
                    groups: Sequence[str] | None = None) -> int:
        """Record a supervisor's triangulation verdict on a code, or on a pair of groups for a code.

        The four verdicts are the convergence categories of Farmer et al. (2006):
        ``agreement`` (the groups say the same), ``partial_agreement`` (they agree in
        part, or only some speak), ``silence`` (a group says nothing where the others
        do) and ``dissonance`` (they disagree). Every call adds a row, so the history
        is kept; :meth:`verdicts` shows the latest by default.

        Parameters
        ----------
        code : str
            Code key.
        verdict : str
            One of :data:`VERDICTS`.
        supervisor : str
            Coder name of the supervisor (created with role "supervisor" if new).
        rationale : str
            Why: what the quotes show.
        groups : pair of str, optional
            Two different group keys for a pairwise verdict (stored in group order);
            None for the whole code.

        Returns
        -------
        int
            The id of the new verdict row.

        Raises
        ------
        InputError
            Unknown verdict, empty supervisor, groups not a pair of two different keys.
        NotFoundError
            Unknown code or group.
        """
        verdict = check_choice(verdict, VERDICTS, "verdict")
        code_row = self._code(code)
        supervisor = str(supervisor).strip() if supervisor is not None else ""
        if not supervisor:
            raise InputError("supervisor is empty; give the supervisor's coder name")
        pair: tuple[dict, dict] | tuple[None, None] = (None, None)
        if groups is not None:
            if isinstance(groups, str) or len(groups) != 2:
                raise InputError(f"groups must be a pair of two group keys (or None for the whole code); "
                                 f"got {groups!r}")
            a, b = (self._group(g) for g in groups)
            if a["id"] == b["id"]:
                raise InputError(f"groups must be two different group keys; got {a['key']!r} twice")
            order = {g["id"]: n for n, g in enumerate(self.store.groups())}
            pair = (a, b) if order[a["id"]] <= order[b["id"]] else (b, a)
        rationale = "" if rationale is None else str(rationale).strip()
        with self.store.atomic():
            supervisor_id = self.ensure_coder(supervisor, "supervisor")
            verdict_id = self.store.insert_verdict({
                "code_id": code_row["id"], "group_a_id": pair[0]["id"] if pair[0] else None,
                "group_b_id": pair[1]["id"] if pair[1] else None, "verdict": verdict, "rationale": rationale,
                "supervisor_id": supervisor_id, "created_at": now(),
            })
            self.store.log_event(supervisor, "verdict.set", {
                "id": verdict_id, "code": code_row["key"], "groups": [p["key"] for p in pair] if pair[0] else None,
                "verdict": verdict, "rationale": rationale})
        return verdict_id

    def verdicts(self, *, latest: bool = True) -> pd.DataFrame:
        """Stored verdicts: id, code, group_a, group_b (None for a whole-code verdict), verdict,
        rationale, supervisor, created_at.

        ``latest=True`` keeps the newest per (code, group_a, group_b); False gives the whole
        history. Ordered by code, then pair, then id.
        """
        return pd.DataFrame(self.store.verdicts(latest=latest), columns=VERDICT_COLUMNS)

    # -- framework matrix ------------------------------------------------------------

    @requires("summary")
    def set_summary(self, informant: str, code: str, text: str, *, author: str) -> None:
        """Write the framework-matrix summary of one informant x code cell (replacing any);
        empty ``text`` removes it.

        ``author`` is a coder name (created if new). Raises NotFoundError for an unknown
        informant or code, InputError for an empty author.
        """
        informant_row = self._informant(informant)
        code_row = self._code(code)
        author = str(author).strip() if author is not None else ""
        if not author:
            raise InputError("author is empty; give the coder name of who writes the summary")
        text = "" if text is None else str(text).strip()
        with self.store.atomic():
            if text:
                author_id = self.ensure_coder(author)
                self.store.upsert_summary({"informant_id": informant_row["id"], "code_id": code_row["id"],
                                           "summary": text, "author_id": author_id, "updated_at": now()})
                self.store.log_event(author, "summary.set", {"informant": informant_row["key"],
                                                             "code": code_row["key"], "summary": text})
            elif self.store.delete_summary(informant_row["id"], code_row["id"]):
                self.store.log_event(author, "summary.delete", {"informant": informant_row["key"],
                                                                "code": code_row["key"]})

    def summaries(self) -> pd.DataFrame:
        """Stored framework-matrix summaries: informant, code, summary, author, updated_at."""
        return pd.DataFrame(self.store.summaries(), columns=SUMMARY_COLUMNS)

    def framework_matrix(self, *, coders: Iterable[str] | None = None, rollup: bool = False,
                         quotes: int = 2, where: str | None = None) -> pd.DataFrame:
        """Informants x codes, each cell the stored summary or, by default, the count and first quotes.

        Rows: every informant (group order, then key); columns: the codes in matrix row order
        (top-level codes only with ``rollup``). A cell holds the summary written with
        :meth:`set_summary` when there is one; otherwise ``"3× · “first quote…” · “second…”"``
        (the number of codings, then up to ``quotes`` distinct quotes in reading order, each
        shortened to 80 characters; the same passage coded by two coders is shown once), or
        ``""`` when the informant has no coding of the code.

        ``where``: a condition as for :meth:`matrix`; the rows are the informants with a document it
        holds for (a condition on coder or date: with a coding it holds for), and only the codings it
        holds for count and are quoted.
        """
        if isinstance(quotes, bool) or not isinstance(quotes, int) or quotes < 0:
            raise InputError(f"quotes must be a whole number >= 0, got {quotes!r}")
        condition = parsed(where)
        if condition is not None:
            return self._framework_where(condition, coders, rollup, quotes)
        codes = self._code_frame()
        coder_names = self._coder_names(coders)
        informants = self.axis_values("informant")
        columns, row_of = code_rows(codes, rollup)
        frame = pd.DataFrame("", index=pd.Index(informants, name="informant", dtype=object),
                             columns=pd.Index(columns, name="code", dtype=object), dtype=object)
        # Each cell's count and first codings in reading order, not every coding: a million codings
        # would otherwise all be read with their quotes.
        first = max(8, 4 * quotes)
        coder_ids = None if coder_names is None else [self._coder(n)["id"] for n in coder_names]
        cells = self.store.framework_cells(coder_ids, first)
        cells = cells.assign(row=cells["code"].map(row_of)).dropna(subset=["row"])
        cells = cells.sort_values(["informant", "row", "document_id", "start", "end", "id"], kind="stable")
        # plain dicts, not a pandas group per cell: a project has informants x codes cells
        candidates: dict[tuple[str, str], list[str]] = {}
        for informant, row, quote in zip(cells["informant"], cells["row"], cells["quote"], strict=True):
            candidates.setdefault((informant, row), []).append(quote)
        totals: dict[tuple[str, str], int] = {}
        cut: dict[tuple[str, str], list[str]] = {}  # the codes of a cell with more codings than were read
        for informant, row, code, n in cells.drop_duplicates(["informant", "code"])[
                ["informant", "row", "code", "n"]].itertuples(index=False):
            totals[(informant, row)] = totals.get((informant, row), 0) + int(n)
            if n > first:
                cut.setdefault((informant, row), []).append(code)
        for (informant, row), found in candidates.items():
            found = _distinct(found)
            if len(found) < quotes and (informant, row) in cut:  # duplicates filled the first ones: read all
                codes_of_row = list(cells.loc[(cells["informant"] == informant) & (cells["row"] == row), "code"]
                                    .unique())
                every = self.codings(coders=coder_names, codes=codes_of_row)
                found = _distinct(every.loc[every["informant"] == informant, "quote"])
            shown = [f"“{_shorten(q)}”" for q in found[:quotes]]
            frame.at[informant, row] = " · ".join([f"{totals[(informant, row)]}×", *shown])
        for item in self.store.summaries():
            if item["informant"] in frame.index and item["code"] in frame.columns:
                frame.at[item["informant"], item["code"]] = item["summary"]
        return frame

    def _framework_where(self, condition: Filter, coders: Iterable[str] | None, rollup: bool,
                         quotes: int) -> pd.DataFrame:
        """:meth:`framework_matrix` of the codings a condition holds for, read whole (a filtered view)."""
        codes = self._code_frame()
        columns, row_of = code_rows(codes, rollup)
        every = filter_codings(self, condition, self.codings(coders=self._coder_names(coders)))
        if is_coding_level(condition):
            kept = set(every["informant"].dropna())
        else:
            ids = document_ids(self, condition) or set()
            documents = self.documents()
            kept = set(documents.loc[documents["id"].isin(ids), "informant"].dropna())
        informants = [k for k in self.axis_values("informant") if k in kept]
        frame = pd.DataFrame("", index=pd.Index(informants, name="informant", dtype=object),
                             columns=pd.Index(columns, name="code", dtype=object), dtype=object)
        every = every.assign(row=every["code"].map(row_of)).dropna(subset=["row", "informant"])
        every = every.sort_values(["informant", "row", "document_id", "start", "end", "id"], kind="stable")
        for (informant, row), part in every.groupby(["informant", "row"], sort=False):
            if informant in frame.index:
                shown = [f"“{_shorten(q)}”" for q in _distinct(part["quote"])[:quotes]]
                frame.at[informant, row] = " · ".join([f"{len(part)}×", *shown])
        for item in self.store.summaries():
            if item["informant"] in frame.index and item["code"] in frame.columns:
                frame.at[item["informant"], item["code"]] = item["summary"]
        return frame

    # -- co-occurrence ---------------------------------------------------------------

    def cooccurrence(self, *, by: str = "overlap",
                     coders: Iterable[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Code co-occurrence (counts, Jaccard) over the project's codings of ``coders``
        (None: all), by overlapping codings or by shared sentence units, in codebook order.

        See :func:`qualcode.analysis.cooccurrence.cooccurrence`.
        """
        check_choice(by, ("overlap", "unit"), "co-occurrence mode (by)")
        # spans and ids only: the quotes and names of a full coding read are not needed here
        codings = self.store.coding_extents(self._coder_ids(coders))
        keys = {row["id"]: row["key"] for row in self.store.code_tree()}
        codings = codings.assign(code=codings["code_id"].map(keys), coder=codings["coder_id"])
        units = self.units(kind="sentence") if by == "unit" else None
        return _cooccurrence(codings, by=by, units=units, order=list(self._code_frame()["key"]))

    def has_codings(self, *, coders: Iterable[str] | None = None) -> bool:
        """Whether the project has any coding by ``coders`` (None: by anyone the user may see), without
        reading the codings."""
        return self.store.has_codings(self._coder_ids(coders))

    def coder_document_counts(self) -> pd.DataFrame:
        """How many codings each coder gave in each document: columns coder, document_id, document (its name),
        codings; only the user's own while blind coding hides the others'. What pickers need, without reading
        the codings."""
        counts = self.store.coder_document_counts().rename(columns={"n": "codings"})
        visible = self._visible_coders(None)
        return counts if visible is None else counts[counts["coder"].isin(visible)].reset_index(drop=True)

    def consensus_coders(self) -> list[str]:
        """Names of the coders with role "consensus" (their codings are agreed versions)."""
        return [c["name"] for c in self.store.coders() if c["role"] == "consensus"]

    # -- helpers ---------------------------------------------------------------------

    def _coder_names(self, coders: Iterable[str] | None) -> list[str] | None:
        """Checked coder names; None for all coders (None or an empty selection). With blind coding on, a
        signed-in coder's analyses count their own codings only."""
        if coders is None:
            return self._visible_coders(None)
        names = [coders] if isinstance(coders, str) else [str(c).strip() for c in coders]
        names = [n for n in names if n]
        if not names:
            return self._visible_coders(None)
        for name in names:
            self._coder(name)
        return self._visible_coders(names)

    def _coder_ids(self, coders: Iterable[str] | None) -> list[int] | None:
        names = self._coder_names(coders)
        return None if names is None else [self._coder(n)["id"] for n in names]

    def _code_frame(self) -> pd.DataFrame:
        """key and parent key of every code in codebook order (what the matrix needs, without counts)."""
        tree = self.store.code_tree()
        keys = {row["id"]: row["key"] for row in tree}
        return pd.DataFrame({"key": [r["key"] for r in tree], "parent": [keys.get(r["parent_id"]) for r in tree]},
                            columns=["key", "parent"])

    def _descendant_keys(self, code: str) -> list[str]:
        tree = self.store.code_tree()
        children: dict[int | None, list[dict]] = {}
        for row in tree:
            children.setdefault(row["parent_id"], []).append(row)
        root = next(r for r in tree if r["key"] == code)
        found, todo = [], list(children.get(root["id"], []))
        while todo:
            row = todo.pop(0)
            found.append(row["key"])
            todo += children.get(row["id"], [])
        return found


def _flat(text: str) -> str:
    return text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def _distinct(quotes: Iterable[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for quote in quotes:
        seen.setdefault(" ".join(str(quote).split()), None)
    return list(seen)


def _shorten(quote: Any, limit: int = QUOTE_LIMIT) -> str:
    text = " ".join(str(quote).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"

