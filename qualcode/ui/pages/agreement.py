"""Agreement page: inter-coder agreement per code (percent, kappa, alpha) on sentences, turns or characters;
the units the coders disagree on, reconciled into a consensus coder by a supervisor; blind coding."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.paper import agreement_paper
from qualcode.ui.agreement_parts import (
    DECISIONS,
    RULES,
    SELECTIONS,
    UNITS,
    agreement_report,
    coder_options,
    coder_spans,
    default_documents,
    default_pair,
    disagreement_list,
    disagreement_view,
    merge_runs,
    open_disagreements,
    reconcile,
    reconciliation_view,
    report_download,
    report_notes,
    report_view,
    set_blind,
    version,
)
from qualcode.ui.assignment_parts import assignments_section
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, error_text, escape_md, show_messages, tr, trn
from qualcode.ui.unitized_parts import unitized_section
from qualcode.ui.widgets import code_labels, keep_known, table_downloads

SHOWN_DISAGREEMENTS = 1000  # disagreements listed and offered for review at once


def controls(project: Project, counts: pd.DataFrame, names: list[str], consensus: set[str],
             labels: dict[str, str]) -> tuple[list[str], list[str], list[str], str, str]:
    """The pickers: coders, documents, codes, unit and rule (with their defaults)."""
    if not st.session_state.get("agr_coders"):
        st.session_state["agr_coders"] = default_pair(counts, names, consensus)
    else:
        keep_known("agr_coders", names, multi=True)
    keep_known("agr_unit", list(UNITS), default="sentence")
    keep_known("agr_rule", list(RULES), default="majority")
    a, b = st.columns([1, 2])
    a.multiselect(tr("agr_coders"), names, key="agr_coders", help=tr("agr_coders_help"),
                  placeholder=tr("agr_pick_coders"),
                  format_func=lambda n: f"{n} ({tr('tri_consensus')})" if n in consensus else n)
    coders = list(st.session_state.get("agr_coders") or [])
    documents = list(project.documents()["name"])
    keep_known("agr_selection", list(SELECTIONS), default="assigned")
    b.radio(tr("agr_selection"), list(SELECTIONS), key="agr_selection", horizontal=True,
            format_func=lambda v: tr(f"agr_selection_{v}"), help=tr("agr_selection_help"))
    default_documents(project, coders, st.session_state["agr_selection"])
    keep_known("agr_documents", documents, multi=True)
    b.multiselect(tr("agr_documents"), documents, key="agr_documents", help=tr("agr_documents_help"),
                  placeholder=tr("agr_pick_documents"))
    if st.session_state.get("agr_selection_note"):
        b.caption(st.session_state["agr_selection_note"])
    keep_known("agr_codes", list(labels), multi=True)
    c, d, e = st.columns([2, 1, 1])
    c.multiselect(tr("agr_codes"), list(labels), key="agr_codes", format_func=labels.get,
                  placeholder=tr("agr_all_codes"))
    d.selectbox(tr("agr_unit"), list(UNITS), key="agr_unit", format_func=lambda u: tr(f"agr_unit_{u}"),
                help=tr("agr_unit_help"))
    e.radio(tr("agr_rule"), list(RULES), key="agr_rule", format_func=lambda r: tr(f"agr_rule_{r}"),
            help=tr("agr_rule_help"), horizontal=True)
    st.session_state.setdefault("agr_rollup", True)  # parents carry their sub-codes unless turned off
    st.toggle(tr("agr_rollup"), key="agr_rollup", help=tr("agr_rollup_help"))
    return (coders, list(st.session_state.get("agr_documents") or []), list(st.session_state.get("agr_codes") or []),
            st.session_state["agr_unit"], st.session_state["agr_rule"])


def report_section(project: Project, report: pd.DataFrame, labels: dict[str, str], coders: list[str], unit: str,
                   rule: str, n_documents: int) -> None:
    st.subheader(tr("agr_report"))
    unit, rule = report.attrs.get("unit", unit), report.attrs.get("rule", rule)
    st.markdown(tr("agr_basis").format(unit=tr(f"agr_unit_{unit}"), rule=tr(f"agr_rule_{rule}"),
                                       coders=escape_md(", ".join(report.attrs.get("coders") or coders)),
                                       n=n_documents))
    st.caption(tr("agr_chosen_" + report.attrs.get("selection", "named").replace("-", "_")))
    warned, pooled = report_notes(report)
    if warned:
        st.warning(tr("agr_small_sample").format(n=warned, total=len(report)))
    st.dataframe(report_view(report, labels), hide_index=True, width="stretch", placeholder="", key="agr_report_view")
    st.caption(tr("agr_bands"))
    if pooled:
        st.caption(pooled)
    if report.attrs.get("rollup"):
        st.caption(tr("agr_rollup_on"))
    elif not st.session_state.get("agr_rollup", True):
        st.caption(tr("agr_rollup_off"))
    paper = agreement_paper(project, report, coders=list(report.attrs.get("coders") or coders), unit=unit, rule=rule)
    table_downloads(report_download(paper.frame), f"agreement_{unit}_{rule}", "agr_report", "agr_download",
                    paper=paper)


def disagreement_section(project: Project, rows: pd.DataFrame, hidden: int, coders: list[str],
                         labels: dict[str, str]) -> None:
    st.subheader(tr("agr_disagreements"))
    if hidden:
        st.caption(tr("agr_hidden").format(n=hidden))
    if rows.empty:
        st.success(tr("agr_no_disagreements"))
        return
    st.caption(trn("agr_count", len(rows)))
    if len(rows) > SHOWN_DISAGREEMENTS:  # hundreds of thousands on a big project: no table or picker holds them
        st.caption(tr("agr_disagreements_cut").format(shown=f"{SHOWN_DISAGREEMENTS:,}"))
        rows = rows.head(SHOWN_DISAGREEMENTS)
    st.dataframe(disagreement_view(rows, coders), hide_index=True, width="stretch", placeholder="",
                 key="agr_disagreement_view")
    keep_known("agr_pick", list(range(len(rows))), default=0)
    st.selectbox(tr("agr_pick"), list(range(len(rows))), key="agr_pick",
                 format_func=lambda i: f"#{i + 1} · {rows.at[i, 'document']} · {rows.at[i, 'code']} · "
                                       f"{rows.at[i, 'start']}–{rows.at[i, 'end']}")
    row = rows.iloc[int(st.session_state["agr_pick"])]
    start, end, code = int(row["start"]), int(row["end"]), str(row["code"])
    with st.container(border=True):
        st.caption(escape_md(f"{row['document']} · {start}–{end} · {labels.get(code, code)}"))
        st.text(row["text"])
        for column, coder in zip(st.columns(len(coders)), coders, strict=True):
            with column:
                applied = bool(row[coder])
                st.markdown(f"**{escape_md(coder)}**: " + tr("agr_applied" if applied else "agr_not_applied"))
                for span in coder_spans(project, row["document_id"], coder, code, start, end).itertuples():
                    st.caption(f"{span.start}–{span.end}")
                    st.text(span.quote)
    if len(coders) != 2:
        st.info(tr("agr_two_only"))
        return
    supervisor = current_coder()
    if supervisor is None:
        st.info(tr("agr_needs_coder"))
    a, b = coders
    names = {"a": tr("agr_accept_coder").format(coder=escape_md(a)),  # button labels render Markdown
             "b": tr("agr_accept_coder").format(coder=escape_md(b)),
             "both": tr("agr_accept_both"), "neither": tr("agr_accept_neither")}
    for column, decision in zip(st.columns(len(DECISIONS)), DECISIONS, strict=True):
        column.button(names[decision], key=f"agr_accept_{decision}", on_click=reconcile, width="stretch",
                      args=(decision, str(row["document"]), start, end, code, (a, b)),
                      disabled=supervisor is None, type="primary" if decision == "both" else "secondary",
                      help=tr(f"agr_accept_{decision}_help"))
    st.caption(tr("agr_reconcile_hint"))


def history_section(project: Project) -> None:
    st.subheader(tr("agr_history"))
    history = project.reconciliations()
    if history.empty:
        st.caption(tr("agr_no_history"))
        return
    st.dataframe(reconciliation_view(history), hide_index=True, width="stretch", placeholder="", key="agr_history_view")


def blind_section(project: Project) -> None:
    st.subheader(tr("agr_blind_title"))
    st.session_state["agr_blind"] = project.blind_coding()  # the stored setting, whatever the widget last said
    coder = current_coder()
    st.toggle(tr("agr_blind"), key="agr_blind", on_change=set_blind, disabled=coder is None)
    st.caption(tr("agr_blind_help"))
    if coder is None:
        st.caption(tr("agr_needs_coder"))


def body(project: Project) -> None:
    codes = project.codes()
    if codes.empty:
        st.info(tr("agr_no_codes"))
        return
    counts = project.coder_document_counts()  # what the pickers need, not every coding
    names, consensus = coder_options(project)
    if len(names) < 2:
        st.info(tr("agr_few_coders"))
        return
    labels = code_labels(codes)
    coders, documents, chosen_codes, unit, rule = controls(project, counts, names, consensus, labels)
    if len(coders) < 2:
        st.info(tr("agr_pick_two"))
        return
    if not documents:
        st.info(tr("agr_no_common"))
        return
    # the default documents go as None, so that the report states how they were chosen; others by name
    by_default = sorted(documents) == sorted(st.session_state.get("agr_default_docs") or [])
    selection = st.session_state.get("agr_selection", "assigned")
    args = (str(project.path), version(project), tuple(coders), unit,
            tuple(chosen_codes), None if by_default else tuple(documents), rule)
    try:
        with st.spinner(tr("agr_computing")):
            report = agreement_report(project, *args, rollup=bool(st.session_state.get("agr_rollup", True)),
                                      selection=selection)
            disagreements = disagreement_list(project, *args, selection=selection)
        if unit == "char":
            disagreements = merge_runs(disagreements, coders)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    report_section(project, report, labels, coders, unit, rule, len(documents))
    rows, hidden = open_disagreements(disagreements, project.reconciliations(), coders)
    disagreement_section(project, rows, hidden, coders, labels)


def render() -> None:
    st.title(tr("agr_title"))
    show_messages()
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    body(project)
    unitized_section(project)
    history_section(project)
    assignments_section(project)
    blind_section(project)


render()
