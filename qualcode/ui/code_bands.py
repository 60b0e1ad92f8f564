"""The bands the Code page's transcript draws: a document's codings, read from the project only as far as
they changed.

A long document holds thousands of codings; reading and rebuilding all of them for every coding would make
one coding cost as much as the whole document. :class:`DrawnCodings` keeps one document's codings (one per
project file, document and signed-in user, shared by their sessions) and brings them up to date from the
project's row changes (:meth:`Project.document_codings_since`) whenever :meth:`Project.change_counter` moved,
whoever wrote: another coder's session or process on the same file shows on the next rerun.
"""

from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from qualcode.project import Project

from .cells import text
from .state import lang


class DrawnCodings:
    """One document's codings as the transcript draws them, kept up to date from the project's row changes:
    a rerun that changed nothing reads nothing, one coding reads one row (whoever wrote it)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counter: int | None = None  # Project.change_counter() when last brought up to date
        self.until = 0  # the newest row change the rows include
        self.rows: dict[int, dict] = {}
        self.version = 0  # grows when the rows change
        self.ordered: list[dict] = []
        self.drawn: tuple[tuple, list[dict]] = ((), [])  # (what the bands were built from, the bands)
        self.bands: dict[int, tuple[dict, dict]] = {}  # coding id -> (its row, its band), for one look
        self.look: tuple = ()  # the names and colours the bands were built with

    def update(self, project: Project, document_id: int) -> None:
        counter = project.change_counter()  # read first: a write after it shows on the next rerun
        if counter == self.counter:
            return
        delta = project.document_codings_since(document_id, self.until)
        if delta.full:
            self.rows = {int(r["id"]): r for r in delta.rows}
        for gone in delta.gone:
            self.rows.pop(gone, None)
        if not delta.full:
            self.rows.update({int(r["id"]): r for r in delta.rows})
        if delta.full or delta.rows or delta.gone:
            self.ordered = sorted(self.rows.values(), key=lambda r: (r["start"], r["end"], r["id"]))
            self.version += 1
        self.counter, self.until = counter, delta.until


@st.cache_resource(max_entries=32, show_spinner=False)
def drawn_codings(path: str, document_id: int, user: str | None) -> DrawnCodings:
    """The :class:`DrawnCodings` of a document, shared by every session of the same user (blind coding
    shows each user their own); its rows are never changed in place, only replaced."""
    return DrawnCodings()


def code_names(codes: pd.DataFrame) -> dict[str, str]:
    """Code key -> its name in the UI language (a missing Indonesian name falls back to the English one):
    what a band's tooltip shows."""
    return {r["key"]: (text(r["name_alt"]) if lang() == "id" else "") or text(r["name"])
            for r in codes.to_dict("records")}


def band_codings(project: Project, document_id: int, codes: pd.DataFrame, shown: list[str] | None) -> list[dict]:
    """The document's codings of the coders ``shown`` (None: all), each with its code's name in the UI
    language and its current colour, as the transcript component draws them."""
    names, colors = code_names(codes), dict(zip(codes["key"], codes["color"], strict=True))
    drawn = drawn_codings(str(project.path), int(document_id), project.user)
    with drawn.lock:
        drawn.update(project, int(document_id))
        made_from = (drawn.version, tuple(shown) if shown is not None else None, tuple(names.items()),
                     tuple(colors.items()))
        if drawn.drawn[0] != made_from:  # the same bands as last run are not built again
            drawn.drawn = (made_from, bands(drawn, shown, names, colors))
        return drawn.drawn[1]


def bands(drawn: DrawnCodings, shown: list[str] | None, names: dict[str, str], colors: dict[str, str]) -> list[dict]:
    """Each coding's band: its id, span, code, coder, the code's name and current colour. A band is built once per row
    and look (names, colours), so a new coding builds one band, not one per coding of the document."""
    look = (tuple(names.items()), tuple(colors.items()))
    if drawn.look != look:
        drawn.bands, drawn.look = {}, look
    built, out = drawn.bands, []
    for row in drawn.ordered:
        if shown is not None and row["coder"] not in shown:
            continue
        kept = built.get(row["id"])
        if kept is None or kept[0] is not row:
            # what a band shows, no more: a memo is not drawn, and every byte goes to the browser each redraw
            kept = built[row["id"]] = (row, {"id": row["id"], "start": row["start"], "end": row["end"],
                                             "code": row["code"], "name": names.get(row["code"], ""),
                                             "coder": row["coder"], "color": colors.get(row["code"], row["color"])})
        out.append(kept[1])
    return out
