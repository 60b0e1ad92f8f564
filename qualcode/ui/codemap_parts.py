"""The Charts page's code map: its options, the map, the passages behind an edge, and the downloads.

A click on an edge only copies the edge into ``cmap_edge``, the key of the edge picker below the map, so a
click, AppTest and a keyboard user choose an edge the same way. The map's data are computed by
:func:`qualcode.project.codemap.codemap_data`, cached per project file and change counter.
"""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st
from altair.utils.schemapi import debug_mode

from qualcode.analysis.codemap import SELECTION, codemap
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.codemap import codemap_data, codemap_graph, edge_passages

from .state import error_text, escape_md, tr, trn
from .triangulation_parts import chart_bytes, coder_options, follow_goto, open_in_code
from .where_parts import is_condition_error, show_where_error, where_example, where_input
from .widgets import clicked_point, code_labels, keep_known

CHART_KEY = "cmap_chart"
MODES, WEIGHTS, SIZES = ("overlap", "unit"), ("count", "jaccard"), ("codings", "informants")
MINIMUM = {"count": 1.0, "jaccard": 0.05}  # a first minimum for each weight: any co-occurrence, or 5 % alike
STEP = {"count": 1.0, "jaccard": 0.05}
SHOWN_PASSAGES = 100
NAMES = {"overlap": "cmap_mode_overlap", "unit": "cmap_mode_unit", "count": "cmap_weight_count",
         "jaccard": "cmap_weight_jaccard", "codings": "cmap_size_codings", "informants": "cmap_size_informants"}
FORMATS = {"png": "image/png", "svg": "image/svg+xml"}


@st.cache_data(max_entries=8, show_spinner=False)
def _codemap(_project: Project, path: str, version: int, user: str | None,
             options: tuple[tuple[str, object], ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    return codemap_data(_project, **dict(options))


def codemap_of(project: Project, options: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`codemap_data`, cached per project file, its change counter and the user (blind coding)."""
    frozen = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(options.items()))
    nodes, edges = _codemap(project, str(project.path), project.change_counter(), project.user, frozen)
    return nodes.copy(), edges.copy()


def edge_value(a: str, b: str) -> str:
    return f"{a}\t{b}"


def pick_edge() -> None:
    """The map's on_select callback: the clicked edge becomes the picker's choice."""
    point = clicked_point(CHART_KEY, SELECTION, ("code_a", "code_b"))
    if point:
        st.session_state["cmap_edge"] = edge_value(str(point["code_a"]), str(point["code_b"]))


def options_form(project: Project) -> dict:
    """The map's options as :func:`codemap_data` takes them."""
    keep_known("cmap_mode", list(MODES), default="overlap")
    keep_known("cmap_weight", list(WEIGHTS), default="count")
    keep_known("cmap_size", list(SIZES), default="codings")
    groups = project.groups()["key"].tolist()
    keep_known("cmap_group", ["", *groups], default="")
    coders, consensus = coder_options(project)
    keep_known("cmap_coders", coders, multi=True)
    a, b, c, d = st.columns([1.2, 1, 1, 1], vertical_alignment="bottom")
    a.radio(tr("cmap_mode"), MODES, key="cmap_mode", horizontal=True, help=tr("cmap_mode_help"),
            format_func=lambda v: tr(NAMES[v]))
    b.radio(tr("cmap_weight"), WEIGHTS, key="cmap_weight", horizontal=True,
            format_func=lambda v: tr(NAMES[v]))
    c.radio(tr("cmap_size"), SIZES, key="cmap_size", horizontal=True,
            format_func=lambda v: tr(NAMES[v]))
    weight = st.session_state["cmap_weight"]
    minimum_key = f"cmap_min_{weight}"  # one minimum per weight: a count of 1 would hide every Jaccard edge
    st.session_state.setdefault(minimum_key, MINIMUM[weight])
    d.number_input(tr("cmap_min"), min_value=0.0, step=STEP[weight], key=minimum_key, help=tr("cmap_min_help"),
                   format="%.0f" if weight == "count" else "%.2f")
    e, f, g = st.columns([1, 1.4, 2], vertical_alignment="bottom")
    e.selectbox(tr("cmap_group"), ["", *groups], key="cmap_group",
                format_func=lambda k: k or tr("cmap_all_groups"))
    f.multiselect(tr("cmap_coders"), coders, key="cmap_coders", placeholder=tr("tri_all_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    g.text_input(tr("cmap_query"), key="cmap_query", placeholder="E3.1 AND E3.2", help=tr("cmap_query_help"))
    where = where_input("cmap_where", where_example(project))
    query = (st.session_state.get("cmap_query") or "").strip()
    return {"mode": st.session_state["cmap_mode"], "weight": weight, "minimum": float(st.session_state[minimum_key]),
            "size": st.session_state["cmap_size"], "group": st.session_state.get("cmap_group") or None,
            "coders": list(st.session_state.get("cmap_coders") or []) or None, "query": query or None,
            "where": where}


def chart_title(options: dict) -> str:
    title = tr("cmap_chart_title").format(
        mode=tr(NAMES[options["mode"]]).lower(), weight=tr(NAMES[options["weight"]]).lower(),
        minimum=f"{options['minimum']:g}", size=tr(NAMES[options["size"]]).lower())
    scope = [tr("cmap_scope_group").format(group=options["group"])] if options["group"] else []
    scope += [tr("cmap_scope_coders").format(coders=", ".join(options["coders"]))] if options["coders"] else []
    scope += [tr("cmap_scope_query").format(query=options["query"])] if options["query"] else []
    scope += [tr("cmap_scope_where").format(where=options["where"])] if options["where"] else []
    return title + (f"; {'; '.join(scope)}" if scope else "")


def graphml_bytes(nodes: pd.DataFrame, edges: pd.DataFrame) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(codemap_graph(nodes, edges), buffer)
    return buffer.getvalue()


def downloads(chart: object, nodes: pd.DataFrame, edges: pd.DataFrame) -> None:
    """PNG, SVG and GraphML downloads, each made only when its button is pressed."""
    columns = st.columns([1, 1, 1, 2])
    for column, (fmt, mime) in zip(columns, FORMATS.items(), strict=False):
        column.download_button(tr("cmap_download").format(fmt=fmt.upper()),
                               data=lambda fmt=fmt: chart_bytes(chart, fmt), file_name=f"codemap.{fmt}", mime=mime,
                               key=f"cmap_{fmt}", on_click="ignore")
    columns[2].download_button(tr("cmap_download").format(fmt="GraphML"), data=lambda: graphml_bytes(nodes, edges),
                               file_name="codemap.graphml", mime="application/graphml+xml", key="cmap_graphml",
                               on_click="ignore", help=tr("cmap_graphml_help"))


def passages_section(project: Project, edges: pd.DataFrame, labels: dict[str, str], options: dict) -> None:
    """The edge picker and the passages where both of its codes occur, each with an "open in the Code page"."""
    st.subheader(tr("cmap_edge_title"))
    ordered = edges.sort_values(["weight", "code_a", "code_b"], ascending=[False, True, True], kind="stable")
    values = [edge_value(a, b) for a, b in zip(ordered["code_a"], ordered["code_b"], strict=True)]
    weights = dict(zip(values, ordered["weight"], strict=True))
    keep_known("cmap_edge", values, default=values[0])

    def shown(value: str) -> str:
        a, b = value.split("\t")
        w = weights[value]
        return f"{labels.get(a, a)} — {labels.get(b, b)} ({w:g})" if float(w).is_integer() else \
            f"{labels.get(a, a)} — {labels.get(b, b)} ({w:.2f})"

    st.selectbox(tr("cmap_edge"), values, key="cmap_edge", format_func=shown, help=tr("cmap_edge_help"))
    a, b = st.session_state["cmap_edge"].split("\t")
    passages = edge_passages(project, a, b, **options)
    st.caption(trn("cmap_passage_count", len(passages)))
    if len(passages) > SHOWN_PASSAGES:
        st.caption(tr("tri_quotes_cut").format(shown=SHOWN_PASSAGES))
    box = st.container(height=520) if len(passages) > 4 else st.container()
    with box:
        for i, row in enumerate(passages.head(SHOWN_PASSAGES).itertuples(index=False)):
            with st.container(border=True, key=f"cmap_passage_{i}"):
                text, action = st.columns([6, 1.4], vertical_alignment="center")
                source = " · ".join(str(v) for v in (row.informant, row.group, row.document, row.coder)
                                    if isinstance(v, str) and v)
                text.caption(escape_md(f"{source} · {row.start}–{row.end}"))
                text.text(row.quote)
                action.button(tr("tri_open_code"), key=f"cmap_open_{i}", on_click=open_in_code,
                              args=(row.document, int(row.start)), help=tr("tri_open_code_help"))


def codemap_section(project: Project) -> None:
    """The code map of the Charts page (see the module's docstring)."""
    follow_goto()
    st.caption(tr("cmap_intro"))
    codes = project.codes()
    if codes.empty:
        st.info(tr("cmap_no_codes"))
        return
    if not project.has_codings():
        st.info(tr("cmap_no_codings"))
        return
    options = options_form(project)
    try:
        nodes, edges = codemap_of(project, options)
    except QualcodeError as exc:
        if is_condition_error(exc):
            show_where_error(str(exc))
        else:
            st.error(error_text(exc))
        return
    if nodes.empty:
        st.info(tr("cmap_none_in_scope"))
        return
    labels = {k: v.replace(" · ", " ", 1) for k, v in code_labels(codes).items()}
    nodes["label"] = [labels.get(k, k) for k in nodes["key"]]
    shown = {"code": tr("col_code"), "size": tr(NAMES[options["size"]]), "weight": tr(NAMES[options["weight"]]),
             "count": tr("cmap_weight_count"),
             "jaccard": tr("cmap_weight_jaccard"), "parent": tr("cmap_parent"), "code_a": tr("col_code"),
             "code_b": tr("cmap_with")}
    with debug_mode(False):  # as on the Triangulation page: our own code builds the chart
        chart = codemap(nodes, edges, title=chart_title(options), labels=shown)
    if edges.empty:
        st.info(tr("cmap_no_edges"))
    st.altair_chart(chart, key=CHART_KEY, on_select=pick_edge, selection_mode=SELECTION, width="content")
    st.caption(tr("cmap_hint"))
    downloads(chart, nodes, edges)
    if not edges.empty:
        passages_section(project, edges, labels, options)
