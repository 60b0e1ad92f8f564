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
['agreement', 'codebook', 'codings', 'framework', 'matrix', 'quotes', 'transcript']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..errors import InputError, unknown_message
from ..export.quotes import DEFAULT_CITATION, quote_table
from ..export.tables import Table
from ..export.transcript import transcript_frame, write_transcript
from . import Project


@dataclass(frozen=True)
class Entry:
    """One exportable table: what builds it, which options it takes, and a one-line description."""

    build: Callable[..., Table]
    options: tuple[str, ...]
    description: str


def _who(coders: list[str] | None) -> str:
    return f"coders {', '.join(coders)}" if coders else "all coders pooled"


def codings_table(project: Project, *, coders: list[str] | None = None, document: str | None = None) -> Table:
    """Every coding with document, informant, group, source type, code, coder, offsets, quote, memo."""
    frame = project.codings(document=document, coders=coders).drop(columns=["document_id"])
    where = f"document {document}" if document else "all documents"
    return Table(frame, title="Codings", name="codings",
                 caption=f"{len(frame)} codings, {where}, {_who(coders)}.",
                 notes="start and end are 0-based, end-exclusive character offsets into the stored text.")


def quotes_table(project: Project, *, coders: list[str] | None = None, document: str | None = None,
                 citation: str = DEFAULT_CITATION) -> Table:
    """Coded quotes grouped by code, then informant group, each with a citation label."""
    codings = project.codings(document=document, coders=coders)
    texts = {name: project.document(name)["text"] for name in codings["document"].unique()}
    groups = project.groups()
    frame = quote_table(codings, texts, code_order=project.codes()["key"].tolist(),
                        group_order=groups["key"].tolist(), citation=citation,
                        group_names={k: n for k, n in zip(groups["key"], groups["name"], strict=True)
                                     if isinstance(n, str) and n.strip()})
    return Table(frame, title="Quotes by code and group", name="quotes",
                 caption=f"{len(frame)} coded passages, {_who(coders)}.",
                 notes="l., ll. = line(s) of the stored transcript, numbered from 1 as in the transcript view "
                       "(a transcript with one paragraph per speaker turn has one line per turn).")


def matrix_table(project: Project, *, by: str = "group", measure: str = "segments",
                 coders: list[str] | None = None, rollup: bool = False) -> Table:
    """The triangulation table: codes x groups (source types, informants), pattern and verdict."""
    frame = project.triangulation_table(by=by, measure=measure, coders=coders, rollup=rollup)
    left_out = frame.attrs.get("unassigned", 0)
    notes = "pattern: where the code is present; verdict: the supervisor's latest judgement."
    if left_out:
        notes += f" {left_out} codings have no {by.replace('_', ' ')} and are left out."
    return Table(frame, title="Triangulation matrix", name="matrix",
                 caption=f"{measure} per code by {by.replace('_', ' ')}"
                         f"{', top-level codes' if rollup else ''}, {_who(coders)}.", notes=notes)


def framework_table(project: Project, *, coders: list[str] | None = None, rollup: bool = False) -> Table:
    """Informants x codes: each cell the informant's summary, or the count and first quotes."""
    frame = project.framework_matrix(coders=coders, rollup=rollup)
    return Table(frame, title="Framework matrix", name="framework",
                 caption=f"Informants x codes{', top-level codes' if rollup else ''}, {_who(coders)}.",
                 notes="A cell holds the written summary, or the number of codings and the first quotes.")


def agreement_table(project: Project, *, coders: list[str] | None = None, unit: str = "sentence") -> Table:
    """The intercoder agreement report of two or more coders."""
    if not coders or len(coders) < 2:
        raise InputError(f"the agreement table needs two or more coders (coders=a,b); got {coders or 'none'}")
    frame = project.agreement(coders=coders, unit=unit)
    documents = frame.attrs.get("documents", [])
    return Table(frame, title="Intercoder agreement", name="agreement",
                 caption=f"Agreement of {', '.join(coders)} on {unit} units.",
                 notes=f"Documents compared ({len(documents)}): {', '.join(documents) or 'none'}.")


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


def transcript_table(project: Project, *, document: str | None = None, coders: list[str] | None = None) -> Table:
    """The coded transcript of one document as a table: line number, text, codes on the line.

    (As a document with [code] markers after each passage: :func:`export_transcript`.)
    """
    project.require("export")
    if not document:
        raise InputError("the transcript needs a document (document=NAME)")
    doc = project.document(document)
    codings = project.codings(document=document, coders=coders)
    frame = transcript_frame(doc["text"], zip(codings["start"], codings["end"], codings["code"], strict=True))
    return Table(frame, title=doc["name"], name="transcript",
                 caption=f"Coded transcript, {len(codings)} codings, {_who(coders)}.",
                 notes="codes: the codes of the passages on each line.")


CATALOG: dict[str, Entry] = {
    "codings": Entry(codings_table, ("coders", "document"), "every coding with its quote"),
    "quotes": Entry(quotes_table, ("coders", "document", "citation"),
                    "quotes grouped by code and group, with citation labels"),
    "matrix": Entry(matrix_table, ("by", "measure", "coders", "rollup"), "triangulation matrix with verdicts"),
    "framework": Entry(framework_table, ("coders", "rollup"), "informants x codes with summaries or quotes"),
    "agreement": Entry(agreement_table, ("coders", "unit"), "intercoder agreement (needs coders)"),
    "codebook": Entry(codebook_table, (), "codebook appendix with definitions and counts"),
    "transcript": Entry(transcript_table, ("document", "coders"), "one document's lines with their codes"),
}


def export_transcript(project: Project, document: str | None, target: Any, fmt: str, *,
                      coders: list[str] | None = None, layout: str = "inline") -> int:
    """Write the coded transcript of ``document`` (DOCX or HTML); returns the number of codings shown."""
    project.require("export")
    if not document:
        raise InputError("the transcript needs a document (document=NAME)")
    doc = project.document(document)
    codings = project.codings(document=document, coders=coders)
    who = _who(coders)
    write_transcript(doc["text"], list(zip(codings["start"], codings["end"], codings["code"], strict=True)),
                     target, fmt, title=doc["name"], layout=layout,
                     notes=f"{len(codings)} codings, {who}. Line numbers as in the transcript view.")
    return len(codings)


def export_table(project: Project, name: str, **options: Any) -> Table:
    """Build the table ``name`` of :data:`CATALOG`; options left as ``None`` (or ``False``) are not given.

    Raises
    ------
    InputError
        Unknown table name, or an option the table does not take.
    """
    project.require("export")
    entry = CATALOG.get(name)
    if entry is None:
        raise InputError(unknown_message("table", name, CATALOG))
    given = {k: v for k, v in options.items() if v is not None and v is not False}
    extra = [k for k in given if k not in entry.options]
    if extra:
        takes = ", ".join(entry.options) or "no options"
        raise InputError(f"option {', '.join(extra)} does not apply to table {name!r}; it takes: {takes}")
    return entry.build(project, **given)
