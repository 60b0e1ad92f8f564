"""The code map of a project: its nodes and edges, drawn, written as GraphML, and the passages behind an edge.

What the Charts page and ``qualcode chart PROJECT codemap`` share. The map may be narrowed to one informant
group, some coders, the codings a coding query's result passages touch, or those a ``where`` condition keeps:
the codings are narrowed first and the co-occurrence computed over what is left
(:func:`qualcode.analysis.cooccurrence.cooccurrence`, the computation behind :meth:`Project.cooccurrence`), so
an edge always equals the co-occurrence table of the codings in scope. See :mod:`qualcode.analysis.codemap`
for the layout and the drawing.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from ..analysis.codemap import SEED, codemap, edge_frame, layout, node_frame
from ..analysis.cooccurrence import BY, cooccurrence
from ..errors import InputError, check_choice, unknown_message
from . import Project
from .base import abbreviate
from .filters import document_ids, filter_codings, is_coding_level, parsed

PASSAGE_COLUMNS = ["document", "document_id", "informant", "group", "source_type", "coder", "start", "end", "quote"]
SCOPE_COLUMNS = ["document_id", "code", "coder", "start", "end", "informant", "group"]


def scoped_codings(project: Project, *, group: str | None = None, coders: list[str] | None = None,
                   query: str | None = None, where: str | None = None, codes: list[str] | None = None,
                   ids: bool = False) -> pd.DataFrame:
    """The codings a code map counts: of ``coders`` (None: all pooled; blind coding shows a coder their own),
    in ``group``'s documents, overlapping one of ``query``'s result passages, and meeting ``where``.

    Parameters
    ----------
    codes : list of str, optional
        Only these codes' codings (what the passages of one edge need).
    ids : bool
        Also the coding's ``id`` (a full coding read; the map itself needs spans only).

    Returns
    -------
    DataFrame
        ``document_id``, ``code``, ``coder``, ``start``, ``end``, ``informant``, ``group`` (and ``id``).

    Raises
    ------
    InputError
        An unknown group, a query or condition that does not parse (with its ``position``).
    NotFoundError
        An unknown coder or code.
    """
    condition = parsed(where)
    documents = project.documents().set_index("id")
    if group is not None:
        known = project.groups()["key"].tolist()
        if group not in known:
            raise InputError(unknown_message("group", group, abbreviate(known), listed="known"))
    if ids or is_coding_level(condition) or codes is not None:
        full = project.codings(coders=project._coder_names(coders), codes=codes)
        full = filter_codings(project, condition, full) if condition is not None else full
        frame = full[["id", *SCOPE_COLUMNS[:5]]].copy()
    else:
        extents = project.store.coding_extents(project._coder_ids(coders))
        keys = {row["id"]: row["key"] for row in project.store.code_tree()}
        frame = extents.assign(code=extents["code_id"].map(keys), coder=extents["coder_id"])[SCOPE_COLUMNS[:5]]
        if condition is not None:
            frame = frame[frame["document_id"].astype("int64").isin(document_ids(project, condition) or set())]
    frame = frame.assign(informant=frame["document_id"].map(documents["informant"]),
                         group=frame["document_id"].map(documents["group"]))
    if group is not None:
        frame = frame[frame["group"] == group]
    if query is not None and query.strip():
        frame = _touching(frame, project.query_passages(query, coders=project._coder_names(coders)))
    return frame.reset_index(drop=True)


def _touching(codings: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """The codings overlapping a passage of the same document (start < passage end, passage start < end)."""
    keep = np.zeros(len(codings), dtype=bool)
    places = {doc: part for doc, part in passages.groupby("document_id")}
    positions = codings.reset_index(drop=True)
    for doc, part in positions.groupby("document_id"):
        found = places.get(doc)
        if found is None:
            continue
        p_start, p_end = found["start"].to_numpy(dtype=np.int64), found["end"].to_numpy(dtype=np.int64)
        c_start, c_end = part["start"].to_numpy(dtype=np.int64), part["end"].to_numpy(dtype=np.int64)
        hit = ((c_start[:, None] < p_end[None, :]) & (p_start[None, :] < c_end[:, None])).any(axis=1)
        keep[part.index.to_numpy()[hit]] = True
    return codings[keep]


def codemap_data(project: Project, *, mode: str = "overlap", weight: str = "count", minimum: float = 1.0,
                 size: str = "codings", group: str | None = None, coders: list[str] | None = None,
                 query: str | None = None, where: str | None = None,
                 seed: int = SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The code map's nodes (laid out) and edges.

    Parameters
    ----------
    mode : {"overlap", "unit"}
        Co-occurrence of overlapping codings (same document and coder) or in the same sentence unit, as
        :meth:`Project.cooccurrence` ``by``.
    weight : {"count", "jaccard"}
        An edge's weight.
    minimum : float
        Edges weighing less are left out.
    size : {"codings", "informants"}
        What a node's size counts.
    group, coders, query, where
        The scope: see :func:`scoped_codings`.
    seed : int
        The layout's seed.

    Returns
    -------
    nodes, edges : DataFrame
        :func:`qualcode.analysis.codemap.node_frame` with ``x`` and ``y`` (every code with a coding in scope
        and the codes above it), :func:`qualcode.analysis.codemap.edge_frame`.
    """
    mode = check_choice(mode, BY, "co-occurrence mode (mode)")
    codings = scoped_codings(project, group=group, coders=coders, query=query, where=where)
    codes = project.codes()
    units = project.units(kind="sentence") if mode == "unit" else None
    counts, jaccard = cooccurrence(codings, by=mode, units=units, order=codes["key"].tolist())
    edges = edge_frame(counts, jaccard, weight=weight, minimum=minimum)
    nodes = node_frame(codes, codings, size=size)
    return layout(nodes, edges, seed=seed), edges


def default_title(*, mode: str = "overlap", weight: str = "count", minimum: float = 1.0, size: str = "codings",
                  group: str | None = None, coders: list[str] | None = None, query: str | None = None,
                  where: str | None = None) -> str:
    """The map's English title: what joins the codes, the minimum, what the circles show, and the scope."""
    joined = "overlapping codings" if mode == "overlap" else "the same sentence"
    what = "co-occurrences" if weight == "count" else "Jaccard similarity"
    scope = [f"group {group}"] if group else []
    scope += [f"coders {', '.join(coders)}"] if coders else []
    scope += [f"query {' '.join(query.split())}"] if query and query.strip() else []
    scope += [f"where {' '.join(where.split())}"] if where and where.strip() else []
    shown_minimum = f"{minimum:g}"
    title = f"Code map: codes in {joined}, lines by {what} (at least {shown_minimum}), circles by {size}"
    return title + (f"; {'; '.join(scope)}" if scope else "")


def codemap_chart(project: Project, *, mode: str = "overlap", weight: str = "count", minimum: float = 1.0,
                  size: str = "codings", group: str | None = None, coders: list[str] | None = None,
                  query: str | None = None, where: str | None = None,
                  labels: Mapping[str, str] | None = None, title: str | None = None) -> alt.LayerChart:
    """The code map drawn (:func:`qualcode.analysis.codemap.codemap`) with its legend titles in the reader's
    language (``labels``; English by default) and a title saying the options and the scope (``title``)."""
    options: dict[str, Any] = {"mode": mode, "weight": weight, "minimum": minimum, "size": size, "group": group,
                               "coders": coders, "query": query, "where": where}
    nodes, edges = codemap_data(project, **options)
    shown = {"size": "Codings" if size == "codings" else "Informants",
             "weight": "Co-occurrences" if weight == "count" else "Jaccard similarity", **dict(labels or {})}
    return codemap(nodes, edges, title=default_title(**options) if title is None else title, labels=shown)


def codemap_graph(nodes: pd.DataFrame, edges: pd.DataFrame) -> nx.Graph:
    """The map as a networkx graph: nodes named by code key with key, name, label, parent ("" at the top),
    size, colour, x, y; edges with weight, count and jaccard."""
    graph = nx.Graph()
    for row in nodes.itertuples(index=False):
        graph.add_node(row.key, key=row.key, name=row.name, label=row.label, parent=row.parent or "",
                       size=int(row.size), colour=row.color, x=float(row.x), y=float(row.y))
    for row in edges.itertuples(index=False):
        graph.add_edge(row.code_a, row.code_b, weight=float(row.weight), count=int(row.count),
                       jaccard=float(row.jaccard))
    return graph


def write_graphml(project: Project, path: str | Path, *, mode: str = "overlap", weight: str = "count",
                  minimum: float = 1.0, size: str = "codings", group: str | None = None,
                  coders: list[str] | None = None, query: str | None = None, where: str | None = None,
                  labels: Mapping[str, str] | None = None, title: str | None = None) -> None:
    """Write the code map as GraphML (opens in Gephi, yEd, Cytoscape): see :func:`codemap_graph` for the
    attributes; the layout's x and y let a reader start from the same picture. ``labels`` and ``title`` are
    accepted for the same call as :func:`codemap_chart` and not written."""
    nodes, edges = codemap_data(project, mode=mode, weight=weight, minimum=minimum, size=size, group=group,
                                coders=coders, query=query, where=where)
    nx.write_graphml(codemap_graph(nodes, edges), str(path))


def edge_passages(project: Project, code_a: str, code_b: str, *, mode: str = "overlap",
                  group: str | None = None, coders: list[str] | None = None, query: str | None = None,
                  where: str | None = None, **_: object) -> pd.DataFrame:
    """The passages behind one edge of the map: where ``code_a`` and ``code_b`` occur together, one row per
    co-occurrence the edge counts.

    ``mode="overlap"``: each pair of overlapping codings of the two codes (same document and coder); the
    passage spans both codings. ``mode="unit"``: each sentence unit both codes touch; the passage is the unit.
    The scope options are those of :func:`codemap_data` (others, such as ``weight``, are accepted and
    unused, so a page can pass the map's options whole).

    Returns
    -------
    DataFrame
        document, document_id, informant, group, source_type, coder (the coders, comma-separated, for a
        unit), start, end, quote; in document and text order. As many rows as the edge's count.
    """
    mode = check_choice(mode, BY, "co-occurrence mode (mode)")
    for key in (code_a, code_b):
        project._code(key)
    if code_a == code_b:
        raise InputError(f"an edge joins two different codes, got {code_a!r} twice")
    codings = scoped_codings(project, group=group, coders=coders, query=query, where=where,
                             codes=[code_a, code_b], ids=True)
    rows: list[tuple[int, int, int, str]] = []  # document, start, end, coder
    if mode == "overlap":
        for (doc, coder), part in codings.groupby(["document_id", "coder"], sort=False):
            first, second = part[part["code"] == code_a], part[part["code"] == code_b]
            for s1, e1 in zip(first["start"], first["end"], strict=True):
                for s2, e2 in zip(second["start"], second["end"], strict=True):
                    if s1 < e2 and s2 < e1:
                        rows.append((int(doc), min(int(s1), int(s2)), max(int(e1), int(e2)), str(coder)))
    else:
        units = project.units(kind="sentence")
        for doc, part in codings.groupby("document_id", sort=False):
            here = units[units["document_id"] == doc]
            u_start, u_end = here["start"].to_numpy(dtype=np.int64), here["end"].to_numpy(dtype=np.int64)
            touched = {}
            for key in (code_a, code_b):
                own = part[part["code"] == key]
                c_start, c_end = own["start"].to_numpy(dtype=np.int64), own["end"].to_numpy(dtype=np.int64)
                touched[key] = (u_start[:, None] < c_end[None, :]) & (c_start[None, :] < u_end[:, None])
            both = touched[code_a].any(axis=1) & touched[code_b].any(axis=1)
            for u in np.nonzero(both)[0]:
                hit = part[(part["start"] < u_end[u]) & (part["end"] > u_start[u])]
                rows.append((int(doc), int(u_start[u]), int(u_end[u]), ", ".join(sorted(map(str, set(hit["coder"]))))))
    documents = project.documents().set_index("id")
    texts = {doc: project.store.document_text(doc) for doc in {r[0] for r in rows}}
    frame = pd.DataFrame([{"document": documents.at[doc, "name"], "document_id": doc,
                           "informant": documents.at[doc, "informant"], "group": documents.at[doc, "group"],
                           "source_type": documents.at[doc, "source_type"], "coder": coder, "start": start,
                           "end": end, "quote": texts[doc][start:end]} for doc, start, end, coder in rows],
                         columns=PASSAGE_COLUMNS)
    return frame.sort_values(["document_id", "start", "end", "coder"], kind="stable").reset_index(drop=True)
