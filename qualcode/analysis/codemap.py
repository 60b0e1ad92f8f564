"""The code map: a network of codes joined by co-occurrence, laid out and drawn.

Nodes are codes, sized by their codings (or by the informants who have them) and filled with their codebook
colour; a sub-code is tied to its parent by a thin dashed line and pulled towards it by the layout, so the
families of the codebook sit together. Edges join codes that co-occur
(:func:`qualcode.analysis.cooccurrence.cooccurrence`): their width shows the weight, a count of
co-occurrences or a Jaccard similarity, and a minimum weight hides the noise.

The layout is :func:`networkx.spring_layout` with a fixed seed, followed by a separation step that pushes
overlapping circles apart and, should any still overlap, spreads the whole map until none does: the same data
give the same picture, and no circle hides another. Coordinates are pixels of the drawing (one unit of the
chart's scales is one pixel), so the guarantee holds for the circles drawn.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import networkx as nx
import numpy as np
import pandas as pd

from ..errors import InputError, check_choice

WEIGHTS = ("count", "jaccard")
SIZES = ("codings", "informants")
SELECTION = "edge"  # the point selection of the code map's edges: fields code_a and code_b
NODE_COLUMNS = ["key", "name", "parent", "color", "size", "label", "radius", "x", "y"]
EDGE_COLUMNS = ["code_a", "code_b", "count", "jaccard", "weight"]
MIN_RADIUS, MAX_RADIUS = 7.0, 30.0  # pixels: a code without codings, the code with the most
GAP = 14.0  # pixels kept between two circles: room for a label below one
SPAN = 640.0  # pixels across the spring layout before separation
MARGIN = 90.0  # pixels around the circles for the labels
DEFAULT_COLOR = "#999999"  # the codes table's default colour
SEED = 21


def node_frame(codes: pd.DataFrame, codings: pd.DataFrame, *, size: str = "codings") -> pd.DataFrame:
    """The nodes of the map: every code with a coding in ``codings``, and the codes above it in the codebook.

    Parameters
    ----------
    codes : DataFrame
        The codebook in its order: ``key``, ``name``, ``parent`` (key or missing), ``color``.
    codings : DataFrame
        The codings mapped: ``code`` and, for ``size="informants"``, ``informant``.
    size : {"codings", "informants"}
        What a node's ``size`` counts: its codings, or the distinct informants they come from (a document
        without an informant adds none).

    Returns
    -------
    DataFrame
        ``key``, ``name``, ``parent`` (None at the top), ``color`` (the codebook's, a grey where none),
        ``size`` (int), ``label`` ("E1.1 Name") and ``radius`` (pixels: :data:`MIN_RADIUS` for 0, growing with
        the square root of the size up to :data:`MAX_RADIUS`, so a circle's area follows the size), in
        codebook order.

    Example
    -------
    >>> codes = pd.DataFrame({"key": ["A", "A.1"], "name": ["Alpha", "One"], "parent": [None, "A"],
    ...                       "color": ["#ff0000", None]})
    >>> node_frame(codes, pd.DataFrame({"code": ["A.1", "A.1"]}))[["key", "size", "label"]].values.tolist()
    [['A', 0, 'A Alpha'], ['A.1', 2, 'A.1 One']]
    """
    size = check_choice(size, SIZES, "node size (size)")
    if size == "informants":
        counted = codings.dropna(subset=["informant"]).groupby("code")["informant"].nunique()
    else:
        counted = codings.groupby("code").size()
    parent_of = {str(k): (str(p) if isinstance(p, str) and p else None)
                 for k, p in zip(codes["key"], codes["parent"], strict=True)}
    present = {str(k) for k in codings["code"].dropna()}
    shown: set[str] = set()
    for start in present:  # each coded code and the codes above it
        key: str | None = start
        while key is not None and key not in shown and key in parent_of:
            shown.add(key)
            key = parent_of[key]
    rows = codes[codes["key"].astype(str).isin(shown)]
    sizes = [int(counted.get(k, 0)) for k in rows["key"]]
    frame = pd.DataFrame({
        "key": rows["key"].astype(str).tolist(),
        "name": [n if isinstance(n, str) else "" for n in rows["name"]],
        "parent": pd.Series([parent_of[str(k)] for k in rows["key"]], dtype=object),  # None stays None
        "color": [c if isinstance(c, str) and c.strip() else DEFAULT_COLOR for c in rows["color"]],
        "size": sizes,
    })
    frame["label"] = [f"{k} {n}".strip() for k, n in zip(frame["key"], frame["name"], strict=True)]
    frame["radius"] = radii(frame["size"].to_numpy())
    return frame


def radii(sizes: np.ndarray) -> np.ndarray:
    """Circle radii in pixels: the area grows linearly with the size, from :data:`MIN_RADIUS` (size 0) to
    :data:`MAX_RADIUS` (the largest size). The chart's size scale draws exactly these circles."""
    sizes = np.asarray(sizes, dtype=float)
    top = sizes.max() if len(sizes) and sizes.max() > 0 else 1.0
    small, large = _area(MIN_RADIUS), _area(MAX_RADIUS)
    return np.sqrt(small + (large - small) * sizes / top) / 2


def _area(radius: float) -> float:
    """Vega's symbol size: the area of the circle's bounding square, in square pixels."""
    return (2 * radius) ** 2


def edge_frame(counts: pd.DataFrame, jaccard: pd.DataFrame, *, weight: str = "count",
               minimum: float = 1.0) -> pd.DataFrame:
    """The edges of the map from a co-occurrence table: each pair of different codes that co-occurs
    (count > 0) and whose weight is at least ``minimum``.

    Parameters
    ----------
    counts, jaccard : DataFrame
        From :func:`qualcode.analysis.cooccurrence.cooccurrence` (same codes, same order).
    weight : {"count", "jaccard"}
        What ``weight`` holds: the count of co-occurrences or the Jaccard similarity.
    minimum : float
        Edges weighing less are left out.

    Returns
    -------
    DataFrame
        ``code_a``, ``code_b`` (``code_a`` first in the table's order), ``count``, ``jaccard``, ``weight``.

    Example
    -------
    >>> keys = pd.Index(["A", "B"], name="code")
    >>> counts = pd.DataFrame([[3, 1], [1, 2]], index=keys, columns=keys)
    >>> jaccard = pd.DataFrame([[1.0, 0.25], [0.25, 1.0]], index=keys, columns=keys)
    >>> edge_frame(counts, jaccard, weight="jaccard", minimum=0.2).values.tolist()
    [['A', 'B', 1, 0.25, 0.25]]
    """
    weight = check_choice(weight, WEIGHTS, "edge weight (weight)")
    if isinstance(minimum, bool) or not isinstance(minimum, int | float) or not np.isfinite(minimum):
        raise InputError(f"minimum must be a number, got {minimum!r}")
    keys = [str(k) for k in counts.index]
    values, similar = counts.to_numpy(), jaccard.to_numpy()
    first, second = np.triu_indices(len(keys), k=1)
    frame = pd.DataFrame({"code_a": [keys[i] for i in first], "code_b": [keys[j] for j in second],
                          "count": values[first, second].astype(int), "jaccard": similar[first, second].astype(float)},
                         columns=EDGE_COLUMNS[:-1])
    frame["weight"] = frame[weight].astype(float)
    frame = frame[(frame["count"] > 0) & (frame["weight"] >= minimum)]
    return frame.reset_index(drop=True)[EDGE_COLUMNS]


def layout(nodes: pd.DataFrame, edges: pd.DataFrame, *, seed: int = SEED) -> pd.DataFrame:
    """Place the nodes: ``x`` and ``y`` in pixels, no two circles (``radius``) overlapping.

    A seeded :func:`networkx.spring_layout` over the edges (heavier ones pull harder) and the parent links,
    spread over :data:`SPAN` pixels; then :func:`separate`. The same nodes, edges and seed give the same
    positions.

    Returns
    -------
    DataFrame
        ``nodes`` with ``x`` and ``y`` (replaced when present), in the same order.
    """
    graph = nx.Graph()
    keys = nodes["key"].tolist()
    graph.add_nodes_from(keys)
    if len(edges):
        top = float(edges["weight"].max()) or 1.0
        for a, b, w in zip(edges["code_a"], edges["code_b"], edges["weight"], strict=True):
            graph.add_edge(a, b, weight=0.3 + 0.7 * float(w) / top)
    for key, parent in zip(nodes["key"], nodes["parent"], strict=True):
        if parent in graph and not graph.has_edge(key, parent):
            graph.add_edge(key, parent, weight=1.0)  # a sub-code sits by its parent
    out = nodes.copy()
    if not keys:
        out["x"], out["y"] = [], []
        return out
    placed = nx.spring_layout(graph, seed=seed, weight="weight", scale=SPAN / 2, center=(0.0, 0.0))
    points = np.array([placed[k] for k in keys], dtype=float).reshape(len(keys), 2)
    points = separate(points, nodes["radius"].to_numpy(dtype=float))
    out["x"], out["y"] = points[:, 0], points[:, 1]
    return out


def separate(points: np.ndarray, radius: np.ndarray, *, gap: float = GAP, rounds: int = 200) -> np.ndarray:
    """Move circles apart until none overlaps: at least ``radius_i + radius_j + gap`` between centres.

    Each round pushes every overlapping pair apart along the line between them, by half the missing distance
    each (points that coincide are parted along a direction fixed by their index, so the result is
    deterministic). Should overlaps remain after ``rounds``, the whole map is spread from its centre by the
    factor the tightest pair needs, which parts every pair (distances grow by that factor, radii stay).

    Example
    -------
    >>> moved = separate(np.array([[0.0, 0.0], [1.0, 0.0]]), np.array([5.0, 5.0]), gap=0.0)
    >>> bool(np.linalg.norm(moved[0] - moved[1]) >= 10.0 - 1e-9)
    True
    """
    points = np.array(points, dtype=float).reshape(-1, 2)
    radius = np.asarray(radius, dtype=float)
    n = len(points)
    if n < 2:
        return points
    need = radius[:, None] + radius[None, :] + gap
    upper = np.triu(np.ones((n, n), dtype=bool), k=1)
    angles = np.arange(n) * 2.399963  # the golden angle: coinciding points part in different directions
    for _ in range(rounds):
        delta = points[None, :, :] - points[:, None, :]  # j - i
        distance = np.linalg.norm(delta, axis=2)
        short = upper & (distance < need - 1e-9)
        if not short.any():
            return points
        i, j = np.nonzero(short)
        d = distance[i, j]
        direction = np.where(d[:, None] > 1e-9, delta[i, j] / np.maximum(d, 1e-9)[:, None],
                             np.column_stack([np.cos(angles[j]), np.sin(angles[j])]))
        push = (need[i, j] - d)[:, None] / 2 * direction
        move = np.zeros_like(points)
        np.add.at(move, i, -push)
        np.add.at(move, j, push)
        points = points + move
    distance = np.linalg.norm(points[None, :, :] - points[:, None, :], axis=2)
    if (distance[upper] < need[upper] - 1e-9).any():
        center = points.mean(axis=0)
        distance = np.where(upper, distance, np.inf)
        for k in range(n):  # still coinciding points: fixed distinct offsets first
            for m in range(k + 1, n):
                if distance[k, m] <= 1e-9:
                    points[m] += np.array([np.cos(angles[m]), np.sin(angles[m])]) * 1e-3 * (m + 1)
        distance = np.linalg.norm(points[None, :, :] - points[:, None, :], axis=2)
        factor = float(np.max(np.where(upper, need / np.maximum(distance, 1e-12), 0.0)))
        points = center + (points - center) * max(1.0, factor) * (1 + 1e-9)
    return points


def overlaps(nodes: pd.DataFrame, *, gap: float = 0.0) -> list[tuple[str, str]]:
    """The pairs of nodes whose circles overlap (closer than their radii plus ``gap``): [] for a good layout."""
    points = nodes[["x", "y"]].to_numpy(dtype=float)
    radius = nodes["radius"].to_numpy(dtype=float)
    keys = nodes["key"].tolist()
    found = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if np.hypot(*(points[i] - points[j])) < radius[i] + radius[j] + gap - 1e-6:
                found.append((keys[i], keys[j]))
    return found


def codemap(nodes: pd.DataFrame, edges: pd.DataFrame, *, title: str = "",
            labels: Mapping[str, str] | None = None) -> alt.LayerChart:
    """Draw a laid-out code map.

    Parameters
    ----------
    nodes : DataFrame
        :func:`node_frame` with ``x`` and ``y`` (:func:`layout`).
    edges : DataFrame
        :func:`edge_frame`.
    title : str
        The chart's title (none when empty).
    labels : mapping, optional
        Titles in the reader's language: ``code`` (the colour legend and tooltips), ``size`` (the size legend),
        ``weight``, ``count``, ``jaccard``, ``parent``, ``code_a``, ``code_b``. English by default.

    Returns
    -------
    altair.LayerChart
        Parent links (thin, dashed), edges (rules whose width shows the weight, with a point selection named
        ``"edge"`` on the fields ``code_a`` and ``code_b``, on a wider invisible line so that a click finds
        them), circles (area by ``size``, filled with each code's colour, a legend of the codes) and labels.
        One unit of the x and y scales is one pixel, so the circles keep the layout's distances (the chart's
        ``autosize`` is ``"pad"``, so that no front end fits it to a width).
    """
    shown = {"code": "Code", "size": "Codings", "weight": "Weight", "count": "Co-occurrences",
             "jaccard": "Jaccard similarity", "parent": "Part of", "code_a": "Code", "code_b": "With code",
             **dict(labels or {})}
    xs, ys, rs = (nodes[c].to_numpy(dtype=float) for c in ("x", "y", "radius"))
    if len(nodes):
        x0, x1 = float((xs - rs).min() - MARGIN), float((xs + rs).max() + MARGIN)
        y0, y1 = float((ys - rs).min() - MARGIN / 2), float((ys + rs).max() + MARGIN / 2)
    else:
        x0, x1, y0, y1 = 0.0, 200.0, 0.0, 100.0
    width, height = x1 - x0, y1 - y0
    x_scale = alt.Scale(domain=[x0, x1], nice=False, zero=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False, zero=False)
    x = alt.X("x:Q", scale=x_scale, axis=None)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    where = {k: (float(a), float(b)) for k, a, b in zip(nodes["key"], xs, ys, strict=True)}
    label_of = dict(zip(nodes["key"], nodes["label"], strict=True))
    node_records = [{"key": k, "label": lab, "parent": label_of.get(p, "") if p else "", "size": int(s),
                     "x": float(a), "y": float(b), "below": float(b - r - 2)}
                    for k, lab, p, s, a, b, r in zip(nodes["key"], nodes["label"], nodes["parent"], nodes["size"],
                                                     xs, ys, rs, strict=True)]
    edge_records = [{"code_a": a, "code_b": b, "label_a": label_of.get(a, a), "label_b": label_of.get(b, b),
                     "count": int(c), "jaccard": round(float(j), 4), "weight": float(w),
                     "x": where[a][0], "y": where[a][1], "x2": where[b][0], "y2": where[b][1]}
                    for a, b, c, j, w in zip(edges["code_a"], edges["code_b"], edges["count"], edges["jaccard"],
                                             edges["weight"], strict=True) if a in where and b in where]
    link_records = [{"x": where[k][0], "y": where[k][1], "x2": where[p][0], "y2": where[p][1]}
                    for k, p in zip(nodes["key"], nodes["parent"], strict=True) if p in where]
    layers: list[alt.Chart] = []
    if link_records:
        layers.append(alt.Chart(alt.InlineData(values=link_records)).mark_rule(
            color="#9a9a9a", strokeWidth=1, strokeDash=[3, 3]).encode(x=x, y=y, x2="x2:Q", y2="y2:Q"))
    top = max((e["weight"] for e in edge_records), default=1.0) or 1.0
    number = ".2f" if any(not float(e["weight"]).is_integer() for e in edge_records) else "d"
    tooltip = [alt.Tooltip("label_a:N", title=shown["code_a"]), alt.Tooltip("label_b:N", title=shown["code_b"]),
               alt.Tooltip("weight:Q", title=shown["weight"], format=number),
               alt.Tooltip("count:Q", title=shown["count"]), alt.Tooltip("jaccard:Q", title=shown["jaccard"],
                                                                           format=".2f")]
    edge_data = alt.InlineData(values=edge_records)
    picked = alt.selection_point(name=SELECTION, fields=["code_a", "code_b"], on="click")
    layers.append(alt.Chart(edge_data).mark_rule(color="#4a4a4a", strokeCap="round").encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("weight:Q", title=shown["weight"],
                                    scale=alt.Scale(domain=[0, top], range=[0.8, 9]),
                                    legend=alt.Legend(format=number, values=_ticks(edge_records)) if edge_records
                                    else None),
        opacity=alt.condition(picked, alt.value(0.75), alt.value(0.3)), tooltip=tooltip))
    # a wide line nobody sees over each edge: a thin line is hard to hit with the pointer
    layers.append(alt.Chart(edge_data).mark_rule(strokeWidth=14, opacity=0.001, color="#000000").encode(
        x=x, y=y, x2="x2:Q", y2="y2:Q", tooltip=tooltip).add_params(picked))
    largest = max((int(s) for s in nodes["size"]), default=0)
    circles = alt.Chart(alt.InlineData(values=node_records)).mark_circle(
        opacity=1, stroke="white", strokeWidth=1.5).encode(
        x=x, y=y,
        size=alt.Size("size:Q", title=shown["size"],
                      scale=alt.Scale(type="linear", zero=False, domain=[0, largest or 1],
                                      range=[_area(MIN_RADIUS), _area(MAX_RADIUS)]),
                      legend=alt.Legend(symbolFillColor="#bbbbbb", symbolStrokeColor="#bbbbbb")),
        color=alt.Color("label:N", title=shown["code"],
                        scale=alt.Scale(domain=nodes["label"].tolist(), range=nodes["color"].tolist()),
                        legend=alt.Legend(symbolType="circle", labelLimit=320, columns=1, symbolLimit=0)),
        tooltip=[alt.Tooltip("label:N", title=shown["code"]), alt.Tooltip("size:Q", title=shown["size"]),
                 alt.Tooltip("parent:N", title=shown["parent"])])
    text = alt.Chart(alt.InlineData(values=node_records)).mark_text(
        baseline="top", fontSize=10, color="#222222", limit=150).encode(
        x=x, y=alt.Y("below:Q", scale=y_scale, axis=None), text="key:N")
    layers += [circles, text]
    # autosize "pad": the plot keeps its size and the legend is added beside it; a front end fitting the chart to
    # its width would squeeze the x scale alone, and circles drawn in pixels would then overlap
    chart = alt.LayerChart(layer=layers).resolve_scale(color="independent").properties(
        width=round(width), height=round(height), autosize=alt.AutoSizeParams(type="pad")).configure_view(stroke=None)
    if title:
        chart = chart.properties(title=title)
    return chart


def _ticks(edges: list[dict]) -> list[float]:
    """The weights the line legend shows: each one found when there are few, else five from the least to the
    most (never a 0 that no line has)."""
    found = sorted({float(e["weight"]) for e in edges})
    if len(found) <= 5:
        return found
    return [float(v) for v in np.linspace(found[0], found[-1], 5)]
