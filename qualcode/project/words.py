"""Word frequencies, their comparison between two groups, the project's stop list and the concordance.

:class:`ProjectWords` builds on :class:`~.analysis.ProjectAnalysis` (coder selection) and hands the
documents of a scope to the pure functions of :mod:`qualcode.analysis.words`, which say what counts
as a word. A document's words are those of its sentence units, so speaker labels ("Pewawancara:")
are not counted; for a code (or a query), only the stretches its codings (its result passages) cover,
overlapping ones once.

The project's own stop list is kept in the project settings (the ``meta`` table, so its changes are
audited: History shows them and undo reverts them); changing it needs the ``settings`` permission.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..analysis.words import (
    FORM_PHRASES,
    FORMS,
    DocumentWords,
    clean_words,
    compare_counts,
    document_words,
    intersect_regions,
    merge_regions,
    stop_words,
    word_counts,
)
from ..errors import InputError, NotFoundError, check_choice, unknown_message
from ..export.tables import Table
from ..search import find_hits
from .analysis import ProjectAnalysis
from .base import abbreviate, requires
from .core import SEARCH_COLUMNS
from .filters import document_ids
from .queries import ProjectQueries

#: What a word frequency can be computed over; ``value`` names the group, informant ... (not for "project");
#: for "query" it is the text of a coding query, whose result passages are counted.
SCOPES = ("project", "group", "informant", "source_type", "code", "document", "query")
STOP_LIST_KEY = "stop_words"
CONCORDANCE_COLUMNS = [*SEARCH_COLUMNS, "counted"]


class ProjectWords(ProjectAnalysis, ProjectQueries):
    """Word frequency, comparison, stop list and concordance methods of a Project."""

    # -- the stop list ---------------------------------------------------------------

    def stop_list(self) -> list[str]:
        """The project's own stop words (sorted, lower-case), added to spaCy's Indonesian and English lists."""
        return [str(w) for w in self.store.get_meta(STOP_LIST_KEY, []) or []]

    @requires("settings")
    def set_stop_list(self, words: Iterable[str], *, actor: str | None = None) -> list[str]:
        """Replace the project's stop list with ``words`` (trimmed, lower-cased, each once); returns it.

        One audited event (undone as one step); nothing is written when the list stays the same.

        Raises
        ------
        InputError
            An entry that is no word (no letter; see :func:`qualcode.analysis.words.clean_words`).
        """
        if isinstance(words, str):
            raise InputError("stop words: give a list of words, not one string")
        new, old = clean_words(words), self.stop_list()
        if new == old:
            return new
        added, removed = sorted(set(new) - set(old)), sorted(set(old) - set(new))
        who = self._user if self._user is not None else (str(actor).strip() or None if actor is not None else None)
        with self.store.atomic():
            self.store.set_meta(STOP_LIST_KEY, new)
            self.store.log_event(who, "words.stop_list", {"added": len(added), "removed": len(removed),
                                                          "words_added": added, "words_removed": removed})
        return new

    def add_stop_words(self, words: Iterable[str], *, actor: str | None = None) -> list[str]:
        """Add ``words`` to the project's stop list; returns the new list (see :meth:`set_stop_list`)."""
        return self.set_stop_list([*self.stop_list(), *clean_words(words)], actor=actor)

    def remove_stop_words(self, words: Iterable[str], *, actor: str | None = None) -> list[str]:
        """Take ``words`` off the project's stop list (words not on it are ignored); returns the new list."""
        gone = set(clean_words(words))
        return self.set_stop_list([w for w in self.stop_list() if w not in gone], actor=actor)

    def stop_words_in_force(self) -> frozenset[str]:
        """Every stop word a count leaves out: spaCy's Indonesian and English lists plus the project's."""
        return stop_words(self.stop_list())

    # -- counting --------------------------------------------------------------------

    def word_frequencies(self, *, by: str = "project", value: str | int | None = None, form: str = "surface",
                         coders: Iterable[str] | None = None, where: str | None = None) -> pd.DataFrame:
        """The words of a scope with how often they occur.

        Parameters
        ----------
        by : {"project", "group", "informant", "source_type", "code", "document", "query"}
            The scope: every document, a group's or an informant's documents, the documents of a source
            type, the passages coded with a code (its own codings, not its sub-codes'), one document, or
            the passages a coding query retrieves (:meth:`query_passages`; overlapping passages once).
        value : str or int, optional
            The group, informant, source type, code key, document (name or id) or query text; not for
            "project".
        form : {"surface"}
            What words are counted by: the lower-cased surface form (no lemmatizer; see
            :mod:`qualcode.analysis.words`).
        coders : iterable of str, optional
            ``by="code"`` or ``"query"``: only these coders' codings (default: all, or one's own under blind
            coding).
        where : str, optional
            A condition on the documents, as on the Triangulation page (``gender = P AND age >= 40``; see
            :func:`qualcode.analysis.query.document_mask`): only the scope's documents it holds for.

        Returns
        -------
        DataFrame
            Columns word, count, share (of the words counted), documents, informants; most frequent first.
            ``attrs``: ``words`` (words counted), ``scope`` (by, value), ``form``, ``number_kinds``.

        Raises
        ------
        InputError
            Unknown scope or form, a missing ``value`` or one given for "project", a query that does not
            parse (its ``position`` says where).
        NotFoundError
            Unknown group, informant, source type, code, document or coder.
        """
        form = check_choice(form, FORMS, "word form")
        documents = self._scope_documents(by, value, coders, where=where)
        table = word_counts(documents, stop=self.stop_words_in_force(), form=form)
        table.attrs.update({"scope": (by, value), "form": form, "where": where})
        return table

    def compare_words(self, a: str | int, b: str | int, *, by: str = "group", form: str = "surface",
                      coders: Iterable[str] | None = None, where: str | None = None) -> pd.DataFrame:
        """Compare the words of two scopes of one kind (two groups by default) by log-likelihood.

        See :func:`qualcode.analysis.words.compare_counts` for the columns and the formula (Rayson &
        Garside, 2000); ``more_in`` names ``a`` or ``b``.

        Raises
        ------
        InputError
            ``by="project"``, the same value twice, or a side without words.
        """
        if by == "project":
            raise InputError("a comparison needs two scopes of one kind (by=group, informant, source_type, code "
                             "or document), not the whole project")
        if str(a) == str(b):
            raise InputError(f"compare two different values, not {str(a)!r} with itself", key="err_words_compare_same",
                             value=str(a))
        first = self.word_frequencies(by=by, value=a, form=form, coders=coders, where=where)
        second = self.word_frequencies(by=by, value=b, form=form, coders=coders, where=where)
        table = compare_counts(first, second, names=(str(a), str(b)))
        table.attrs.update({"scope": (by, a, b), "form": form})
        return table

    # -- concordance -----------------------------------------------------------------

    def concordance(self, word: str, *, by: str = "project", value: str | int | None = None,
                    coders: Iterable[str] | None = None, context: int = 60, where: str | None = None) -> pd.DataFrame:
        """Keyword in context: every whole-word occurrence of ``word`` in the scope, as the Search page finds it.

        The hits are those of :func:`qualcode.search.find_hits` (whole word, case-insensitive) in the
        scope's documents; for ``by="code"`` only those lying inside the code's codings. The column
        ``counted`` says whether a hit is one of the occurrences :meth:`word_frequencies` counted (not
        so in a speaker label, or inside a longer token such as "anak" in "anak-anak").

        Returns
        -------
        DataFrame
            Columns of :meth:`search` plus ``counted``; in document and text order.
        """
        if not isinstance(word, str) or not word.strip():
            raise InputError(f"concordance: give a word, got {word!r}", key="err_empty", what="word")
        word = word.strip()
        stop = self.stop_words_in_force()
        rows: list[tuple[Any, ...]] = []
        for doc, coded, meta in self._scope_documents(by, value, coders, with_rows=True, where=where):
            hits = find_hits(doc.text, word, whole_word=True, context=context)
            if coded is not None:
                bounds = merge_regions(coded)
                hits = [h for h in hits if any(s <= h[0] and h[1] <= e for s, e in bounds)]
            if not hits:
                continue
            counted = {(s, e) for s, e, w in document_words(doc, stop) if w == word.lower()}
            for start, end, before, match, after in hits:
                rows.append((doc.document_id, meta["name"], meta["informant"], meta["group"], meta["source_type"],
                             start, end, before, match, after, (start, end) in counted))
        return pd.DataFrame(rows, columns=CONCORDANCE_COLUMNS)

    # -- the documents of a scope ----------------------------------------------------

    def _scope_documents(self, by: str, value: str | int | None, coders: Iterable[str] | None, *,
                         with_rows: bool = False, where: str | None = None) -> list[Any]:
        """The documents of a scope (those ``where`` holds for) as DocumentWords (regions: sentences, cut to
        the codings for a code); ``with_rows``: triples of (DocumentWords, the code's coding spans or None,
        the document's row)."""
        by = check_choice(by, SCOPES, "word scope (by)")
        if by == "project":
            if value is not None and str(value).strip():
                raise InputError("the project scope takes no value", key="err_words_no_value")
        elif value is None or not str(value).strip():
            raise InputError(f"word scope {by}: name the {by.replace('_', ' ')}", key="err_words_value", scope=by)
        filters: dict[str, Any] = {}
        document_id = code_id = None
        if by == "group":
            filters["group_keys"] = [self._group(str(value))["key"]]
        elif by == "informant":
            filters["informant_keys"] = [self._informant(str(value))["key"]]
        elif by == "source_type":
            known = self.store.source_types()
            if str(value) not in known:
                raise NotFoundError(unknown_message("source type", value, abbreviate(known), listed="known"),
                                    key="err_unknown_source_type", source_type=str(value),
                                    known=abbreviate(known))
            filters["source_types"] = [str(value)]
        elif by == "document":
            ref = value if isinstance(value, int) else str(value)
            document_id = int(self.document(ref)["id"])
        elif by == "code":
            code_id = int(self._code(str(value))["id"])
        coder_ids = self._coder_ids(coders) if by == "code" else None
        spans: dict[int, list[tuple[int, int]]] | None = None
        if code_id is not None:
            spans = {}
            for doc_id, start, end in self.store.code_spans(code_id, coder_ids):
                spans.setdefault(int(doc_id), []).append((int(start), int(end)))
            filters["document_ids"] = sorted(spans)
        elif by == "query":
            passages = self.query_passages(str(value), coders=list(coders) if coders else None)
            spans = {}
            for doc_id, start, end in passages[["document_id", "start", "end"]].itertuples(index=False):
                spans.setdefault(int(doc_id), []).append((int(start), int(end)))
            filters["document_ids"] = sorted(spans)
        elif document_id is not None:
            filters["document_ids"] = [document_id]
        rows = self.store.word_documents(**filters)
        kept = document_ids(self, where)
        if kept is not None:
            rows = [r for r in rows if int(r["id"]) in kept]
        sentences: dict[int, list[tuple[int, int]]] = {}
        for doc_id, start, end in self.store.sentence_spans([r["id"] for r in rows]):
            sentences.setdefault(int(doc_id), []).append((int(start), int(end)))
        out: list[Any] = []
        for row in rows:
            regions = sentences.get(row["id"])
            coded = spans.get(row["id"]) if spans is not None else None
            if coded is not None:
                regions = intersect_regions(regions if regions is not None else [(0, len(row["text"]))], coded)
            doc = DocumentWords(int(row["id"]), row["text"], row["language"] or "id", row["informant"], regions)
            out.append((doc, coded, row) if with_rows else doc)
        return out


WORD_RULE = ("Words: spaCy tokens (blank pipeline of each document's language) inside the documents' sentences "
             "(speaker labels left out), lower-cased, ends trimmed; tokens without a letter (punctuation, "
             "numbers) and split-off clitics (-nya, -lah) dropped. Counted by the {form}. Stop words: spaCy's "
             "Indonesian and English lists{extra}. Share: of the {words:,} words counted.")
COMPARE_RULE = ("Log-likelihood G2 (Rayson & Garside, 2000) for a word occurring a times in the c words of {a} "
                "and b times in the d words of {b}: E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), "
                "G2 = 2(a ln(a/E1) + b ln(b/E2)); p from chi-square with 1 df (G2 >= 3.84: p < .05; >= 6.63: "
                "p < .01). Ratio: (a/c)/(b/d), blank where b = 0. c = {c:,}, d = {d:,}.")


def apa_p(value: float) -> str:
    """A p value as APA prints it: three decimals without the leading zero, "< .001" below that.

    >>> apa_p(5e-47), apa_p(0.0234), apa_p(1.0)
    ('< .001', '.023', '1.000')
    """
    return "< .001" if value < 0.001 else f"{value:.3f}".replace("0.", ".", 1)


def scope_phrase(by: str, value: str | int | None) -> str:
    """The scope in words: "the whole project", "group community", "code E3.2", "query E1 AND E2"."""
    return "the whole project" if by == "project" else f"{by.replace('_', ' ')} {value}"


def word_table(project: ProjectWords, *, by: str = "project", value: str | int | None = None,
               compare: tuple[str, str] | None = None, form: str = "surface", coders: Iterable[str] | None = None,
               top: int | None = None, where: str | None = None) -> Table:
    """The word frequency table (or, with ``compare``, the comparison of two values of ``by``, default
    groups) with a title and the notes that state the counting rule and the formula.

    ``top``: only the first ``top`` rows (most frequent, or highest log-likelihood); ``where``: only the
    documents this condition holds for (stated in the notes).
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 1):
        raise InputError(f"top: a whole number of words >= 1, got {top!r}", key="err_words_top", value=str(top))
    extra = project.stop_list()
    extra_text = f" and the project's {len(extra)}" if extra else ""
    if compare is not None:
        kind = "group" if by == "project" else by
        frame = project.compare_words(compare[0], compare[1], by=kind, form=form, coders=coders, where=where)
        c, d = frame.attrs["words"]
        title = f"Words of {kind.replace('_', ' ')} {compare[0]} compared with {compare[1]}"
        notes = (COMPARE_RULE.format(a=compare[0], b=compare[1], c=c, d=d) + " "
                 + WORD_RULE.format(form=FORM_PHRASES[form], extra=extra_text, words=c + d))
        name = "word comparison"
        sides = {"count_a": f"count {compare[0]}", "share_a": f"share {compare[0]}",
                 "count_b": f"count {compare[1]}", "share_b": f"share {compare[1]}"}
        kinds = {sides.get(k, k): v for k, v in frame.attrs["number_kinds"].items()}
        frame = frame.rename(columns=sides).assign(p=[apa_p(v) for v in frame["p"]])
        frame.attrs["number_kinds"] = kinds
    else:
        frame = project.word_frequencies(by=by, value=value, form=form, coders=coders, where=where)
        title = f"Word frequencies of {scope_phrase(by, value)}"
        notes = WORD_RULE.format(form=FORM_PHRASES[form], extra=extra_text, words=frame.attrs["words"])
        name = "word frequencies"
    if where:
        notes += f" Only the documents where {where.strip()}."
    attrs = dict(frame.attrs)
    if top is not None:
        frame = frame.head(top)
        frame.attrs = attrs
    return Table(frame, title=title, notes=notes, name=name)


__all__ = ["CONCORDANCE_COLUMNS", "SCOPES", "ProjectWords", "scope_phrase", "word_table"]
