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
        self.drawn: tuple[tuple, dict[str, list]] = ((), {})  # (what the bands were built from, the bands)

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


def band_codings(project: Project, document_id: int, codes: pd.DataFrame, shown: list[str] | None) -> dict[str, list]:
    """The document's codings of the coders ``shown`` (None: all) as the transcript component draws them:
    :func:`bands`, with each code's name in the UI language and its current colour."""
    names, colors = code_names(codes), dict(zip(codes["key"], codes["color"], strict=True))
    drawn = drawn_codings(str(project.path), int(document_id), project.user)
    with drawn.lock:
        drawn.update(project, int(document_id))
        made_from = (drawn.version, tuple(shown) if shown is not None else None, tuple(names.items()),
                     tuple(colors.items()))
        if drawn.drawn[0] != made_from:  # the same bands as last run are not built again
            drawn.drawn = (made_from, bands(drawn.ordered, shown, names, colors))
        return drawn.drawn[1]


def bands(rows: list[dict], shown: list[str] | None, names: dict[str, str], colors: dict[str, str]) -> dict[str, list]:
    """The codings ``rows`` of the coders ``shown`` (None: all) in columns: every redraw sends them all to the
    browser, and one list per field, with codes and coders as indexes into their own short lists, is a third of
    the size of a record per coding (and so of the server's JSON and the browser's parsing).

    ``id``, ``start``, ``end`` and ``code`` / ``coder`` (indexes into ``codes`` / ``coders``) have one entry per
    coding, in the rows' order; ``codes`` holds each code's key, with its band's ``names`` and ``colors``.

    Example
    -------
    >>> rows = [{"id": 4, "start": 0, "end": 5, "code": "B", "coder": "rina", "color": "#111111"},
    ...         {"id": 7, "start": 2, "end": 9, "code": "A", "coder": "budi", "color": "#222222"}]
    >>> bands(rows, None, {"A": "Alpha"}, {"A": "#ff0000", "B": "#00ff00"})
    {'id': [4, 7], 'start': [0, 2], 'end': [5, 9], 'code': [0, 1], 'coder': [0, 1], 'codes': ['B', 'A'], \
'names': ['', 'Alpha'], 'colors': ['#00ff00', '#ff0000'], 'coders': ['rina', 'budi']}
    """
    if shown is not None:
        wanted = set(shown)
        rows = [r for r in rows if r["coder"] in wanted]
    code_index: dict[str, int] = {}
    coder_index: dict[str, int] = {}
    fallback = {}  # a code's colour as stored, for a code the page's codebook does not list
    for r in rows:
        if r["code"] not in code_index:
            code_index[r["code"]] = len(code_index)
            fallback[r["code"]] = r["color"]
        coder_index.setdefault(r["coder"], len(coder_index))
    return {"id": [r["id"] for r in rows], "start": [r["start"] for r in rows], "end": [r["end"] for r in rows],
            "code": [code_index[r["code"]] for r in rows], "coder": [coder_index[r["coder"]] for r in rows],
            "codes": list(code_index), "names": [names.get(k, "") for k in code_index],
            "colors": [colors.get(k, fallback[k]) for k in code_index], "coders": list(coder_index)}
