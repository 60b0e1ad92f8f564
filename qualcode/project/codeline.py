"""Code lines of a project's documents: which code falls where along each document's speaker turns, as data
(one row per coding mark) and as the chart the Charts page and ``qualcode chart codeline`` draw
(:mod:`qualcode.analysis.codeline` places and draws; this module chooses the documents and reads the project)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd

from ..analysis.codeline import XS, codeline, family_colors, place_codings
from ..errors import InputError, check_choice
from . import Project
from .paper import code_labels, group_names

MARK_COLUMNS = ["document", "document_id", "informant", "group", "coding_id", "code", "code_name", "code_label",
                "color", "coder", "start", "end", "start_turn", "end_turn", "speaker", "quote"]
TURN_COLUMNS = ["document", "document_id", "turn", "speaker", "start", "end"]


def codeline_documents(project: Project, *, documents: list[str] | None = None,
                       group: str | None = None) -> pd.DataFrame:
    """The documents a code line shows, in the order drawn: the ``documents`` named (in the order given), every
    document of the informants of ``group`` (by informant, then name), or else the project's first document.

    Raises
    ------
    InputError
        Both given; an unknown document or group (naming it); a group without documents.
    """
    names = [str(d).strip() for d in documents or [] if str(d).strip()]
    group = group.strip() if isinstance(group, str) and group.strip() else None
    if names and group:
        raise InputError(f"give documents or a group, not both (documents {', '.join(names)}; group {group})")
    every = project.documents()
    if group is not None:
        project._group(group)  # an unknown group: NotFoundError naming it and the known ones
        chosen = every[every["group"] == group]
        if chosen.empty:
            raise InputError(f"group '{group}' has no documents (none of its informants has one)")
        return chosen.sort_values(["informant", "name"], kind="stable").reset_index(drop=True)
    if names:
        rows = [project.document(n)["id"] for n in names]  # an unknown name: NotFoundError naming it
        if len(set(rows)) != len(rows):
            twice = next(n for n in names if names.count(n) > 1)
            raise InputError(f"document '{twice}' is named twice; name each document once")
        return every.set_index("id").loc[rows].reset_index()
    return every.head(1).reset_index(drop=True)


def codeline_turns(project: Project, *, documents: list[str] | None = None, group: str | None = None
                   ) -> pd.DataFrame:
    """The speaker turns of the chosen documents (see :func:`codeline_documents`): ``document``,
    ``document_id``, ``turn`` (numbered from 1 in each document), ``speaker``, ``start``, ``end``."""
    return _turns(project, codeline_documents(project, documents=documents, group=group))


def codeline_data(project: Project, *, documents: list[str] | None = None, group: str | None = None,
                  x: str = "turn", coders: list[str] | None = None) -> pd.DataFrame:
    """One row per coding mark of the chosen documents (see :func:`codeline_documents`), in document order
    and then by position.

    Columns: ``document``, ``document_id``, ``informant``, ``group``, ``coding_id``, ``code``, ``code_name``,
    ``code_label`` ("E1.1 Name"), ``color`` (the codebook's, else its family's), ``coder``, ``start`` and ``end``
    (characters, end-exclusive), ``start_turn`` and ``end_turn`` (the turns holding its first and last
    character, from 1; 0 before the first turn; missing in a document without turns), ``speaker`` (of the start
    turn) and ``quote``.

    Parameters
    ----------
    documents, group
        Which documents (see :func:`codeline_documents`).
    x : {"turn", "char"}
        How the chart places the marks; checked here so that a bad value fails before anything is read.
    coders : list of str, optional
        Only these coders' codings (default: every coder the user may see).
    """
    check_choice(x, XS, "x (position)")
    chosen = codeline_documents(project, documents=documents, group=group)
    return _marks(project, chosen, _turns(project, chosen), coders)


def codeline_chart(project: Project, *, documents: list[str] | None = None, group: str | None = None,
                   x: str = "turn", coders: list[str] | None = None, labels: Mapping[str, str] | None = None,
                   title: str | None = None) -> alt.VConcatChart:
    """The code line of the chosen documents, stacked: codes (codebook order) by turn or character position,
    a speaker band over each, each document titled with its informant and group.

    Parameters
    ----------
    documents, group, x, coders
        As :func:`codeline_data`.
    labels : mapping, optional
        Titles in the reader's language (``turn``, ``char``, ``code``, ``speaker``, ``coder``, ``quote``,
        ``characters``, ``no_turns`` — the note on a document without turns, ``no_codings``); English by default.
    title : str, optional
        The chart's title; by default "Code line of <document>" or "Code lines of group <name>".

    Raises
    ------
    InputError
        Bad documents, group, x or coders; a project without documents.
    """
    check_choice(x, XS, "x (position)")
    chosen = codeline_documents(project, documents=documents, group=group)
    if chosen.empty:
        raise InputError("the project has no documents to draw")
    turns = _turns(project, chosen)
    marks = _marks(project, chosen, turns, coders)
    shown = {"no_turns": "no speaker turns: by character", "no_codings": "no codings", **dict(labels or {})}
    groups = group_names(project)
    panels = []
    for doc in chosen.itertuples(index=False):
        notes = [str(v) for v in (doc.informant, groups.get(doc.group, doc.group)) if isinstance(v, str) and v]
        if x == "turn" and not (turns["document_id"] == doc.id).any():
            notes.append(shown["no_turns"])
        if not (marks["document_id"] == doc.id).any():
            notes.append(shown["no_codings"])
        panels.append({"id": int(doc.id), "title": f"{doc.name} ({'; '.join(notes)})" if notes else str(doc.name)})
    present = set(marks["code"])
    every = project.codes()
    codes = [k for k in every["key"] if k in present]
    if title is None:
        coded = f", coders {', '.join(coders)}" if coders else ""
        title = (f"Code lines of group {groups.get(group, group)}{coded}" if group
                 else f"Code line{'s' if len(chosen) > 1 else ''} of {', '.join(chosen['name'])}{coded}")
    colors = dict(zip(marks["code"], marks["color"], strict=True))
    return codeline(marks, turns, panels, x=x, codes=codes, code_labels=code_labels(project), colors=colors,
                    title=title, labels=labels)


def _turns(project: Project, chosen: pd.DataFrame) -> pd.DataFrame:
    units = project.units(kind="turn")
    units = units[units["document_id"].isin(chosen["id"])]
    names = dict(zip(chosen["id"], chosen["name"], strict=True))
    order = {d: n for n, d in enumerate(chosen["id"])}
    units = units.assign(rank=units["document_id"].map(order)).sort_values(["rank", "start"], kind="stable")
    out = pd.DataFrame({"document": units["document_id"].map(names), "document_id": units["document_id"],
                        "turn": units.groupby("document_id").cumcount() + 1, "speaker": units["speaker"],
                        "start": units["start"], "end": units["end"]})
    return out.reset_index(drop=True)[TURN_COLUMNS]


def _marks(project: Project, chosen: pd.DataFrame, turns: pd.DataFrame, coders: list[str] | None) -> pd.DataFrame:
    names = [str(c).strip() for c in coders or [] if str(c).strip()] or None
    frames = [project.codings(document=int(d), coders=names) for d in chosen["id"]]
    codings = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=MARK_COLUMNS)
    codes = project.codes()
    parents: dict[str, Any] = {k: (p if isinstance(p, str) else None)
                               for k, p in zip(codes["key"], codes["parent"], strict=True)}
    own = {k: (c if isinstance(c, str) and c else None) for k, c in zip(codes["key"], codes["color"], strict=True)}
    colors = family_colors(list(codes["key"]), parents, own)
    labels = code_labels(project)
    order = {d: n for n, d in enumerate(chosen["id"])}
    placed = place_codings(codings.rename(columns={"id": "coding_id"}), turns)
    placed = placed.assign(rank=placed["document_id"].map(order)).sort_values(
        ["rank", "start", "end", "coding_id"], kind="stable")
    placed["code_label"] = [labels.get(k, k) for k in placed["code"]]
    placed["color"] = [colors.get(k, "#999999") for k in placed["code"]]
    return placed.reset_index(drop=True)[MARK_COLUMNS]
