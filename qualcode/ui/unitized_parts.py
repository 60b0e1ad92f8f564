"""The Agreement page's "Unitized alpha (spans)" section: Krippendorff et al.'s (2016) uα, |uα, cuα and (k)uα on
the coders' own spans, for the coders, documents and codes picked above, with coverage, a note on when to read it
instead of the unit-based report, and the same downloads.

The numbers come from :meth:`qualcode.project.Project.unitized_agreement`; this module only picks, caches, labels
in the UI language and lays out.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from qualcode.analysis.agreement_report import ALL_CODES
from qualcode.analysis.unitized_report import SYMBOLS
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.unitized_paper import CITATION, unitized_paper

from .agreement_parts import coder_options, version
from .state import error_text, escape_md, tr, trn
from .widgets import code_labels, table_downloads

STATISTICS = ("coded", "binary_u_alpha", "k_u_alpha", "u_alpha", "cu_alpha", "coverage")


@st.cache_data(max_entries=16, show_spinner=False)
def unitized_report(_project: Project, path: str, version: tuple[int, str | None], coders: tuple[str, ...],
                    codes: tuple[str, ...], documents: tuple[str, ...] | None, rollup: bool,
                    selection: str) -> pd.DataFrame:
    """Project.unitized_agreement, cached per project file, :func:`.agreement_parts.version` and choices."""
    return _project.unitized_agreement(coders=list(coders), codes=list(codes) or None,
                                       documents=None if documents is None else list(documents), rollup=rollup,
                                       selection=selection)


def choices() -> tuple[list[str], list[str], list[str], bool, str, bool]:
    """The coders, documents, codes, roll-up and document selection picked for the unit-based report above, and
    whether the documents are the default ones (then passed as None, so that the report states how they were
    chosen)."""
    state = st.session_state
    documents = list(state.get("agr_documents") or [])
    defaults = state.get("agr_default_docs")
    by_default = defaults is not None and sorted(documents) == sorted(defaults)
    return (list(state.get("agr_coders") or []), documents, list(state.get("agr_codes") or []),
            bool(state.get("agr_rollup", True)), str(state.get("agr_selection", "assigned")), by_default)


def family_label(label: str, parents: dict) -> str:
    """A family's label (as the library names it) in the UI language."""
    if label == ALL_CODES:
        return tr("agr_all_codes")
    if label not in parents:
        return label
    parent = parents[label]
    return tr("uz_top_level") if parent is None else tr("uz_sub_codes").format(parent=parent)


def reason_text(parts: list) -> str:
    """The reasons of one row ([coefficients, key, fields] each) in the UI language, coefficients merged."""
    merged: dict[str, list[str]] = {}
    for coefficients, key, fields in parts:
        text = tr(f"uz_reason_{key}")
        merged.setdefault(text.format(**fields) if fields else text, []).extend(coefficients)
    return "; ".join(f"{', '.join(SYMBOLS[c] for c in dict.fromkeys(cs))}: {text}" for text, cs in merged.items())


def report_view(report: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The report with the UI's headers, row and family labels and reasons; statistics rounded, shares as %."""
    parents = dict(report.attrs.get("family_parents") or {})
    reasons = report.attrs.get("reasons") or {}
    empty = report.attrs.get("coders_without_spans") or []
    frame = pd.DataFrame({
        tr("col_code"): [k if kind == "code" else family_label(k, parents)
                         for k, kind in zip(report["code"], report["row"], strict=True)],
        tr("col_name"): [labels.get(k, "").split(" · ", 1)[-1] if kind == "code" else ""
                         for k, kind in zip(report["code"], report["row"], strict=True)],
        tr("uz_col_family"): [family_label(f, parents) if f else "" for f in report["family"]],
    })
    for column in STATISTICS:
        values = pd.to_numeric(report[column], errors="coerce")
        frame[tr(f"uz_col_{column}")] = (values * 100).round(1) if column in ("coded", "coverage") else values.round(3)
    frame[tr("agr_col_reason")] = [reason_text(reasons.get(i, [])) for i in range(len(report))]
    frame[tr("agr_col_warning")] = [tr("uz_warning_empty").format(coders=", ".join(empty)) if text else ""
                                    for text in report["warning"]]
    return frame


def nothing_coded(report: pd.DataFrame) -> bool:
    """True when no coder coded any span with the codes picked (every code row's share coded is 0 or unknown; a
    family row may still hold the codes beside them)."""
    coded = pd.to_numeric(report.loc[report["row"] == "code", "coded"], errors="coerce")
    return not any(isinstance(v, float) and not math.isnan(v) and v > 0 for v in coded)


def unitized_section(project: Project) -> None:
    """The expander "Unitized alpha (spans)" under the unit-based report, on the same coders, documents and codes;
    an empty state when those are not picked yet or nothing is coded."""
    codes = project.codes()
    names, _ = coder_options(project)
    if codes.empty or len(names) < 2:  # the page above already says what is missing
        return
    coders, documents, chosen_codes, rollup, selection, by_default = choices()
    with st.expander(tr("uz_title")):
        st.caption(tr("uz_intro").format(citation=CITATION))
        if len(coders) < 2:
            st.info(tr("uz_pick_two"))
            return
        if not documents:
            st.info(tr("uz_no_documents"))
            return
        try:
            with st.spinner(tr("uz_computing")):
                report = unitized_report(project, str(project.path), version(project), tuple(coders),
                                         tuple(chosen_codes), None if by_default else tuple(documents), rollup,
                                         selection)
        except QualcodeError as exc:
            st.error(error_text(exc))
            return
        attrs = report.attrs
        st.markdown(tr("uz_basis").format(coders=escape_md(", ".join(attrs.get("coders") or coders)),
                                          n=len(attrs.get("documents") or []), chars=f"{attrs.get('length', 0):,}"))
        if attrs.get("coders_without_spans"):
            st.warning(tr("uz_warning_empty").format(coders=escape_md(", ".join(attrs["coders_without_spans"]))))
        if nothing_coded(report):
            st.info(tr("uz_nothing_coded"))
            return
        if attrs.get("overlaps"):
            st.caption(trn("uz_overlaps", len(attrs["overlaps"])))
        st.dataframe(report_view(report, code_labels(codes)), hide_index=True, width="stretch", placeholder="",
                     key="uz_report_view")
        st.caption(tr("uz_columns"))
        paper = unitized_paper(project, report, coders=list(attrs.get("coders") or coders))
        download = paper.frame.copy()
        download.attrs = {"number_kinds": dict(attrs.get("number_kinds") or {})}
        table_downloads(download, "unitized_agreement", "uz_report", "uz_download", paper=paper)
