"""What can be exported: table name -> a function of the project that returns a :class:`Table`.

Each entry turns project data into a DataFrame plus the title, caption and notes a paper prints
around it; :func:`qualcode.export.tables.write_table` writes it in any table format. Front ends
(CLI, UI) call :func:`export_table` and never build these tables themselves.

These are functions that take a Project, not methods: what makes a file or a table out of a whole
project sits in the package of its concern. These use only the public API of
:class:`~qualcode.project.Project`; :func:`qualcode.refi.export_refi` and :func:`qualcode.merge.merge_projects`,
which work on the file as a whole, also read the store's queries (``project.store``), never the Project's
private helpers. The writers of :mod:`qualcode.export` below it take plain data.

Example
-------
>>> sorted(CATALOG)  # doctest: +NORMALIZE_WHITESPACE
['agreement', 'codebook', 'codebook-log', 'codings', 'cooccurrence', 'framework', 'frequencies', 'matrix', 'quotes',
 'transcript']
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..analysis.frequencies import code_frequencies
from ..errors import InputError, check_choice, unknown_message
from ..export.quotes import DEFAULT_CITATION, REFERENCES, quote_table, reference_note
from ..export.tables import Table
from ..export.transcript import transcript_frame, write_transcript
from . import Project
from .codebook_log import codebook_log_table
from .filters import filter_codings
from .paper import agreement_paper, code_names, framework_paper, legend, matrix_paper, where_note, who


@dataclass(frozen=True)
class Entry:
    """One exportable table: what builds it, which options it takes, and a one-line description."""

    build: Callable[..., Table]
    options: tuple[str, ...]
    description: str


def _code_legend(project: Project, used: Any) -> str:
    """"Codes: E1.1 = name; ..." for the codes in ``used``, in codebook order."""
    names = code_names(project)
    present = set(used)
    text = legend([k for k in names if k in present], names)
    return f"Codes: {text}" if text else ""




def codings_table(project: Project, *, coders: list[str] | None = None, document: str | None = None) -> Table:
    """Every coding with document, informant, group, source type, code, coder, offsets, quote, memo, and the
    time range of its passage in the document's recording (time_start, time_end; blank when untimed)."""
    frame = project.codings(document=document, coders=coders)
    frame = _with_times(project, frame).drop(columns=["document_id"])
    where = f"document {document}" if document else "all documents"
    return Table(frame, title="Codings", name="codings",
                 caption=f"{len(frame)} codings, {where}, {who(coders)}.",
                 notes="start and end are 0-based, end-exclusive character offsets into the stored text. "
                       + TIME_NOTE)


TIME_NOTE = ("time_start and time_end: seconds into the recording, from the start of the first timed turn the "
             "passage touches to the end of the last; blank where the document has no turn times.")


def _with_times(project: Project, frame: pd.DataFrame, *, at: int | None = None) -> pd.DataFrame:
    """``frame`` (document_id, start, end per row; or one document ``at``) with time_start and time_end."""
    ids = frame["document_id"].tolist() if at is None else [at] * len(frame)
    times = project.passage_times(ids, frame["start"].tolist(), frame["end"].tolist())
    frame = frame.copy()
    frame["time_start"] = [None if s is None else round(s, 3) for s, _ in times]
    frame["time_end"] = [None if e is None else round(e, 3) for _, e in times]
    return frame


def quote_frame(project: Project, *, coders: list[str] | None = None, document: str | None = None,
                citation: str = DEFAULT_CITATION, reference: str = "sentence", memos: bool = False,
                where: str | None = None, times: bool = False) -> pd.DataFrame:
    """The project's coded passages as :func:`qualcode.export.quotes.quote_table` lays them out, cited by
    ``reference`` ("sentence": the sentence units stored at import, read once, never segmented again);
    ``where``: only the codings a condition holds for (:meth:`Project.matrix`); ``times``: add each passage's
    time range in its recording (``time_start``, ``time_end``) when any passage lies in timed turns."""
    reference = check_choice(reference, REFERENCES, "reference unit (reference)")
    codings = filter_codings(project, where, project.codings(document=document, coders=coders))
    texts = {name: project.document(name)["text"] for name in codings["document"].unique()}
    sentences = None
    if reference == "sentence":
        names = dict(zip(codings["document_id"], codings["document"], strict=True))
        units = project.units(document, kind="sentence") if document else project.units(kind="sentence")
        units = units[units["document_id"].isin(names)]
        sentences = {names[doc]: list(zip(part["start"], part["end"], strict=True))
                     for doc, part in units.groupby("document_id")}
    groups = project.groups()
    return quote_table(codings, texts, code_order=project.codes()["key"].tolist(),
                       group_order=groups["key"].tolist(), citation=citation,
                       group_names={k: n for k, n in zip(groups["key"], groups["name"], strict=True)
                                    if isinstance(n, str) and n.strip()},
                       reference=reference, sentences=sentences, memos=memos,
                       times=_passage_times(project, codings) if times else None)


def _passage_times(project: Project, codings: pd.DataFrame) -> dict[tuple[str, int, int], tuple] | None:
    """(document, start, end) -> the passage's time range, for the quote table; None when no passage is timed,
    so that a project without recordings or turn times gets no empty time columns."""
    if codings.empty:
        return None
    spans = codings[["document_id", "document", "start", "end"]].drop_duplicates()
    found = project.passage_times(spans["document_id"].tolist(), spans["start"].tolist(), spans["end"].tolist())
    if all(start is None for start, _ in found):
        return None
    return {(str(d), int(a), int(b)): t
            for (d, a, b), t in zip(spans[["document", "start", "end"]].itertuples(index=False, name=None), found,
                                    strict=True)}


def quotes_table(project: Project, *, coders: list[str] | None = None, document: str | None = None,
                 citation: str = DEFAULT_CITATION, reference: str = "sentence", memos: bool = False,
                 where: str | None = None, times: bool = False) -> Table:
    """Coded passages grouped by code, then informant group, each with a citation label; one row per
    passage, its coders listed (see :mod:`qualcode.export.quotes`), with their memos if ``memos``.

    ``reference="sentence"`` (the default) cites the sentences a passage touches ("ss. 12–14"), numbered
    through the document. Interview transcripts are mostly written with one paragraph per speaker turn,
    so a line is a whole turn (some 600 characters in the demo's I-07) and "l. 29" points a reader at a
    turn rather than at the passage; sentences are the project's own finest units, the ones agreement is
    computed on. A document without sentence units cites its lines, and the note says so.
    ``reference="line"`` cites lines of the stored text throughout. The ``exemplar`` column is there only
    when a passage is flagged: a column of "False" would take a paper's width from the quotes.
    ``where`` keeps the codings a condition holds for (``gender = P AND group = community``). ``times``: when
    a passage lies in turns with times (a recording's transcript), ``time_start`` and ``time_end`` follow the
    columns (off by default: a paper's table keeps its width for the quotes).
    """
    frame = quote_frame(project, coders=coders, document=document, citation=citation, reference=reference,
                        memos=memos, where=where, times=times)
    if "exemplar" in frame.columns and not frame["exemplar"].astype(bool).any():
        frame = frame.drop(columns=["exemplar"])
    pooled = not coders or len(coders) > 1
    notes = ("One row per passage: codings of a code on exactly the same characters of a document are one "
             "row, their coders listed; passages that only overlap are separate rows. " if pooled else "")
    notes += reference_note(frame.attrs.get("references") or [reference])
    if "time_start" in frame.columns:
        notes += " " + TIME_NOTE
    notes += f" {where_note(where)}" if where_note(where) else ""
    return Table(frame, title="Quotes by Code and Informant Group", name="quotes",
                 caption=f"{len(frame)} coded passages, {who(coders)}.", notes=notes)


def matrix_table(project: Project, *, by: str = "group", measure: str = "segments",
                 coders: list[str] | None = None, rollup: bool = False, where: str | None = None) -> Table:
    """The triangulation table: codes x groups (source types, informants, an informant attribute's values:
    ``by="attribute:NAME"``), coverage and verdict; ``where`` keeps the codings a condition holds for."""
    raw = project.triangulation_table(by=by, measure=measure, coders=coders, rollup=rollup, where=where)
    return matrix_paper(project, raw, by=by, measure=measure, coders=coders, rollup=rollup, where=where)


def framework_table(project: Project, *, coders: list[str] | None = None, rollup: bool = False,
                    where: str | None = None) -> Table:
    """Informants x codes: each cell the informant's summary, or the count and first quotes; ``where`` keeps
    the informants and codings a condition holds for."""
    return framework_paper(project, project.framework_matrix(coders=coders, rollup=rollup, where=where),
                           coders=coders, rollup=rollup, where=where)


def agreement_table(project: Project, *, coders: list[str] | None = None, unit: str = "sentence",
                    codes: list[str] | None = None, rule: str = "majority", rollup: bool = True,
                    selection: str = "assigned") -> Table:
    """The intercoder agreement report of two or more coders, with code names and what it compared: the note,
    a settings sheet (XLSX) and settings columns (CSV) state the settings (:func:`.paper.agreement_paper`).
    ``rollup``: parent codes carry their sub-codes (the default). ``selection``: the documents compared, those
    assigned to every coder and done by each ("assigned") or those each coded ("coded")."""
    if not coders:  # one coder: the report says why it needs two
        raise InputError("the agreement table needs two or more coders (coders=a,b); got none")
    raw = project.agreement(coders=coders, unit=unit, codes=codes, rule=rule, rollup=rollup, selection=selection)
    return agreement_paper(project, raw, coders=coders, unit=unit, rule=rule)


def codebook_table(project: Project) -> Table:
    """The codebook appendix: key, names, definition, include/exclude rules, example, codings."""
    codes = project.codes()
    children: dict[str, list[str]] = {}
    for key, parent in zip(codes["key"], codes["parent"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(key)
    own = dict(zip(codes["key"], codes["codings"].astype(int), strict=True))

    def total(key: str) -> int:
        return own[key] + sum(total(k) for k in children.get(key, []))

    frame = pd.DataFrame({
        "key": codes["key"], "name": codes["name"], "name_alt": codes["name_alt"],
        "definition": codes["definition"], "include": codes["include"], "exclude": codes["exclude"],
        "example": codes["example"], "codings": [total(k) for k in codes["key"]],
    })
    frame = frame.astype({c: object for c in frame.columns if c != "codings"})
    frame = frame.where(frame.notna(), "")
    return Table(frame, title="Codebook", name="codebook",
                 caption=f"{len(frame)} codes with definitions and decision rules.",
                 notes="name_alt: the name in the other language; codings include those of sub-codes.")


def frequencies_table(project: Project, *, coders: list[str] | None = None, rollup: bool = False) -> Table:
    """Per code (codebook order, names beside keys): codings, documents and informants, overall and per informant
    group (:func:`qualcode.analysis.frequencies.code_frequencies`); ``rollup``: parents count their sub-codes."""
    codes, groups = project.codes(), project.groups()
    codings = project.codings(coders=coders)
    frame = code_frequencies(codings, codes["key"].tolist(), groups=groups["key"].tolist(),
                             parents={k: p if isinstance(p, str) else None
                                      for k, p in zip(codes["key"], codes["parent"], strict=True)}, rollup=rollup)
    frame.insert(1, "name", codes["name"].fillna("").tolist())
    legend = "; ".join(f"{k} = {n} ({int(size)} informants)" if isinstance(n, str) and n.strip() and n != k
                       else f"{k} ({int(size)} informants)"
                       for k, n, size in zip(groups["key"], groups["name"], groups["informants"], strict=True))
    notes = "Documents and informants are counted once each, however many codings they hold."
    if not coders or len(coders) > 1:
        notes += " Coders are pooled: a passage two coders coded counts as two codings."
    if rollup:
        notes += " A parent code counts its sub-codes' codings too, so a column's sum counts them twice."
    outside = int(codings["group"].isna().sum())
    if outside:
        notes += (f" The overall columns include {outside} codings of documents without an informant group "
                  "(observations, documents).")
    if legend:
        notes += f" Groups: {legend}."
    return Table(frame, title="Code Frequencies by Informant Group", name="frequencies",
                 caption=f"Codings, documents and informants per code, and codings and informants by informant "
                         f"group, {who(coders)}{', parents counting their sub-codes' if rollup else ''}.",
                 notes=notes)


COOCCURRENCE_MEASURES = ("count", "jaccard")


def cooccurrence_table(project: Project, *, coders: list[str] | None = None, measure: str = "count") -> Table:
    """Code x code co-occurrence over sentence units (:meth:`Project.cooccurrence` with ``by="unit"``): the
    number of sentences coded with both codes, or (``measure="jaccard"``) their Jaccard coefficient."""
    measure = check_choice(measure, COOCCURRENCE_MEASURES, "co-occurrence measure")
    counts, jaccard = project.cooccurrence(by="unit", coders=coders)
    frame = (counts if measure == "count" else jaccard).copy()
    names = dict(zip(project.codes()["key"], project.codes()["name"].fillna(""), strict=True))
    frame.insert(0, "name", [names.get(k, "") for k in frame.index])
    frame.columns.name = None
    frame.attrs = {"by": "unit"}
    notes = ("A sentence counts for a code when one of its characters is coded with the code"
             f"{' by any coder' if not coders or len(coders) > 1 else ''}; codes without codings are left out. ")
    if measure == "count":
        notes += "The diagonal gives the sentences coded with the code."
        caption = f"Sentences coded with both codes, {who(coders)}."
    else:
        frame.attrs["number_kinds"] = {c: "coefficient" for c in counts.columns}
        notes += "Jaccard coefficient: sentences coded with both codes / sentences coded with either."
        caption = f"Jaccard coefficients of codes over coded sentences, {who(coders)}."
    documents = project.documents()
    coded = set(documents.loc[documents["codings"] > 0, "id"])
    without = sorted(set(documents.loc[documents["id"].isin(coded - set(project.units(kind="sentence")
                                                                         ["document_id"])), "name"]))
    if without:
        notes += f" Documents without sentence units are not counted: {', '.join(without)}."
    return Table(frame, title="Code Co-occurrence", name="cooccurrence", caption=caption, notes=notes)


def transcript_table(project: Project, *, document: str | None = None, coders: list[str] | None = None) -> Table:
    """The coded transcript of one document as a table: line number, text, codes on the line, and for a document
    with turn times each line's time range in the recording (time_start, time_end).

    (As a document with [code] markers after each passage: :func:`export_transcript`.)
    """
    project.require("export")
    if not document:
        raise InputError("the transcript needs a document (document=NAME)")
    doc = project.document(document)
    codings = project.codings(document=document, coders=coders)
    frame = transcript_frame(doc["text"], zip(codings["start"], codings["end"], codings["code"], strict=True))
    lengths = frame["text"].str.len()
    frame["start"] = (lengths + 1).cumsum().shift(fill_value=0)
    frame["end"] = frame["start"] + lengths.clip(lower=1)
    frame = _with_times(project, frame, at=doc["id"]).drop(columns=["start", "end"])
    timed = frame["time_start"].notna().any()
    if not timed:  # an untimed document: two empty columns would only take a paper's width
        frame = frame.drop(columns=["time_start", "time_end"])
    return Table(frame, title=doc["name"], name="transcript",
                 caption=f"Coded transcript, {len(codings)} codings, {who(coders)}.",
                 notes="codes: the codes of the passages on each line. " + _code_legend(project, codings["code"])
                       + (" " + TIME_NOTE.replace("passage", "line") if timed else ""))


CATALOG: dict[str, Entry] = {
    "codings": Entry(codings_table, ("coders", "document"), "every coding with its quote"),
    "quotes": Entry(quotes_table, ("coders", "document", "citation", "reference", "memos", "where", "times"),
                    "quotes grouped by code and group, with citation labels"),
    "matrix": Entry(matrix_table, ("by", "measure", "coders", "rollup", "where"),
                    "triangulation matrix with verdicts"),
    "framework": Entry(framework_table, ("coders", "rollup", "where"), "informants x codes with summaries or quotes"),
    "agreement": Entry(agreement_table, ("coders", "unit", "codes", "rule", "rollup", "selection"),
                       "intercoder agreement (needs coders)"),
    "codebook": Entry(codebook_table, (), "codebook appendix with definitions and counts"),
    "codebook-log": Entry(codebook_log_table, (), "codebook change log: codes added, renamed, moved, merged, deleted"),
    "transcript": Entry(transcript_table, ("document", "coders"), "one document's lines with their codes"),
    "frequencies": Entry(frequencies_table, ("coders", "rollup"),
                         "codings, documents and informants per code and informant group"),
    "cooccurrence": Entry(cooccurrence_table, ("coders", "measure"),
                          "code x code co-occurrence in sentences (count or jaccard)"),
}


def export_transcript(project: Project, document: str | None, target: Any, fmt: str, *,
                      coders: list[str] | None = None, layout: str = "inline") -> int:
    """Write the coded transcript of ``document`` (DOCX or HTML); returns the number of codings shown."""
    project.require("export")
    if not document:
        raise InputError("the transcript needs a document (document=NAME)")
    doc = project.document(document)
    codings = project.codings(document=document, coders=coders)
    whose = who(coders)
    write_transcript(doc["text"], list(zip(codings["start"], codings["end"], codings["code"], strict=True)),
                     target, fmt, title=doc["name"], layout=layout,
                     notes=f"{len(codings)} codings, {whose}. Line numbers as in the transcript view. "
                           + _code_legend(project, codings["code"]))
    return len(codings)


def export_table(project: Project, name: str, **options: Any) -> Table:
    """Build the table ``name`` of :data:`CATALOG`; options left as ``None`` (or ``False``) are not given, but a
    ``False`` the table defaults to ``True`` is (the agreement table's ``rollup``).

    Raises
    ------
    InputError
        Unknown table name, or an option the table does not take.
    """
    project.require("export")
    entry = CATALOG.get(name)
    if entry is None:
        raise InputError(unknown_message("table", name, CATALOG))
    given = {k: v for k, v in options.items()
             if v is not None and (v is not False or _defaults(entry.build).get(k) is True)}
    extra = [k for k in given if k not in entry.options]
    if extra:
        takes = ", ".join(entry.options) or "no options"
        raise InputError(f"option {', '.join(extra)} does not apply to table {name!r}; it takes: {takes}")
    return entry.build(project, **given)


def _defaults(build: Callable[..., Table]) -> dict[str, Any]:
    """The default of each keyword option of a table's builder."""
    return {name: parameter.default for name, parameter in inspect.signature(build).parameters.items()
            if parameter.default is not inspect.Parameter.empty}
