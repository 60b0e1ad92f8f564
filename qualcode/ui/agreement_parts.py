"""The Agreement page's logic: default choices, cached computations, callbacks and the shown tables.

Callbacks read plain ``st.session_state`` keys (``agr_*``) or their button
arguments and report through :func:`notify`; every change goes through the
Project API (:mod:`qualcode.project.agreement`): ``Project.reconcile`` and
``Project.set_blind_coding``.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.analysis.agreement_report import ALL_CODES, CODED_UNITS, KAPPA_KINDS, POOLED, REASONS
from qualcode.errors import QualcodeError
from qualcode.project import Project

from .i18n import CATALOGUE
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn

UNITS = ("sentence", "turn", "char")
RULES = ("majority", "any")
DECISIONS = ("a", "b", "both", "neither")
DOCS_FOR = "_agr_docs_for"  # the coders and selection the documents picker was last defaulted for
SELECTIONS = ("assigned", "coded")  # how the documents picker is defaulted (see Project.agreement_documents)


# -- options ------------------------------------------------------------------------------

def coder_options(project: Project) -> tuple[list[str], set[str]]:
    """Coders who have coded something (consensus coders last), and the set of consensus coders."""
    coders = project.coders()
    consensus = set(coders.loc[coders["role"] == "consensus", "name"])
    names = [n for n, count in zip(coders["name"], coders["codings"], strict=True) if n and count]
    return sorted(names, key=lambda n: n in consensus), consensus


def default_pair(counts: pd.DataFrame, names: list[str], consensus: set[str]) -> list[str]:
    """The two (non-consensus) coders with the most codings in the documents both of them coded; ties go to the
    earlier pair in ``names`` order. Without any shared document: the two coders with the most codings.

    ``counts`` is :meth:`Project.coder_document_counts` (codings per coder and document)."""
    people = [n for n in names if n not in consensus] or list(names)
    docs = {n: set(counts.loc[counts["coder"] == n, "document_id"]) for n in people}
    best, best_score = None, 0
    for a, b in combinations(people, 2):
        shared = docs[a] & docs[b]
        score = int(counts.loc[counts["coder"].isin([a, b]) & counts["document_id"].isin(shared), "codings"].sum())
        if score > best_score:
            best, best_score = [a, b], score
    if best:
        return best
    totals = counts.groupby("coder")["codings"].sum()
    return sorted(people, key=lambda n: -int(totals.get(n, 0)))[:2]


def default_documents(project: Project, coders: list[str], selection: str) -> None:
    """Default ``agr_documents`` to the documents ``selection`` gives the chosen coders (assigned to each and done
    by each, or coded by each) whenever the coders or the selection change; ``agr_default_docs`` keeps that default
    (the report then states how it was chosen) and ``agr_selection_note`` why it is empty, if it is."""
    wanted = (tuple(sorted(coders)), selection, project.assignment_counts())  # also after a done mark elsewhere
    if st.session_state.get(DOCS_FOR) == wanted and "agr_documents" in st.session_state:
        return
    st.session_state[DOCS_FOR] = wanted
    st.session_state.pop("agr_selection_note", None)
    names: list[str] = []
    if len(coders) >= 2:
        try:
            ids, chosen = project.agreement_documents(coders, selection)
        except QualcodeError as exc:  # assigned to all, none done by each yet
            ids, chosen = [], selection
            st.session_state["agr_selection_note"] = error_text(exc)
        by_id = dict(zip(project.documents()["id"], project.documents()["name"], strict=True))
        names = [by_id[i] for i in sorted(ids) if i in by_id]
        if chosen == "coded-no-assignments":
            st.session_state["agr_selection_note"] = tr("agr_selection_none_assigned")
    st.session_state["agr_documents"] = names
    st.session_state["agr_default_docs"] = names


def version(project: Project) -> tuple[int, str | None]:
    """What cached results are keyed on: the project's change counter (so they follow every change, also from
    other sessions) and the user (blind coding shows each coder their own codings only)."""
    return project.change_counter(), project.user


def band(value: object) -> str:
    """A kappa / alpha band (as the library names it) in the UI language."""
    if not isinstance(value, str) or not value:
        return ""
    key = "agr_band_" + value.replace(" ", "_")
    return tr(key) if key in CATALOGUE else value


# -- cached computations ------------------------------------------------------------------

@st.cache_data(max_entries=16, show_spinner=False)
def agreement_report(_project: Project, path: str, version: tuple[int, str | None], coders: tuple[str, ...], unit: str,
                     codes: tuple[str, ...], documents: tuple[str, ...] | None, rule: str, *,
                     rollup: bool = True, selection: str = "assigned") -> pd.DataFrame:
    """Project.agreement, cached per project file, :func:`version` and choices; ``documents`` None: those
    ``selection`` gives (the report then says how they were chosen)."""
    return _project.agreement(coders=list(coders), unit=unit, codes=list(codes) or None,
                              documents=None if documents is None else list(documents), rule=rule, rollup=rollup,
                              selection=selection)


@st.cache_data(max_entries=16, show_spinner=False)
def disagreement_list(_project: Project, path: str, version: tuple[int, str | None], coders: tuple[str, ...], unit: str,
                      codes: tuple[str, ...], documents: tuple[str, ...] | None, rule: str, *,
                      selection: str = "assigned") -> pd.DataFrame:
    """Project.disagreements, cached like :func:`agreement_report`."""
    return _project.disagreements(coders=list(coders), unit=unit, codes=list(codes) or None,
                                  documents=None if documents is None else list(documents), rule=rule,
                                  selection=selection)


def open_disagreements(disagreements: pd.DataFrame, reconciliations: pd.DataFrame,
                       coders: list[str]) -> tuple[pd.DataFrame, int]:
    """The disagreements the two ``coders`` have not yet had reconciled (same document, span and code; decisions
    about another pair of coders do not count), and how many were left out."""
    if len(coders) == 2 and not reconciliations.empty:
        pairs = [{a, b} == set(coders) for a, b in zip(reconciliations["coder_a"], reconciliations["coder_b"],
                                                        strict=True)]
        reconciliations = reconciliations[pairs]
    if disagreements.empty or reconciliations.empty or len(coders) != 2:
        return disagreements.reset_index(drop=True), 0
    done = set(zip(reconciliations["document"], reconciliations["start"].astype(int),
                   reconciliations["end"].astype(int), reconciliations["code"], strict=True))
    keep = [(d, int(s), int(e), c) not in done for d, s, e, c in zip(
        disagreements["document"], disagreements["start"], disagreements["end"], disagreements["code"], strict=True)]
    left = disagreements[keep].reset_index(drop=True)
    return left, len(disagreements) - len(left)


def merge_runs(disagreements: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """Character units folded into runs: adjacent characters of a document with the same code and the same
    coder pattern become one row spanning them (with their text joined), so that one disagreement is one
    decision rather than one per character."""
    if disagreements.empty:
        return disagreements
    order = {d: i for i, d in enumerate(pd.unique(disagreements["document_id"]))}
    frame = disagreements.sort_values(["document_id", "code", "start"], kind="stable").reset_index(drop=True)
    same = ((frame["document_id"] == frame["document_id"].shift()) & (frame["code"] == frame["code"].shift())
            & (frame["start"] == frame["end"].shift()))
    for coder in coders:
        same &= frame[coder] == frame[coder].shift()
    frame["_run"] = (~same).cumsum()
    first = frame.groupby("_run", sort=False).first()
    first["end"] = frame.groupby("_run", sort=False)["end"].max()
    first["text"] = frame.groupby("_run", sort=False)["text"].agg("".join)
    first["_doc"] = first["document_id"].map(order)
    first = first.sort_values(["_doc", "start", "code"], kind="stable")
    return first[list(disagreements.columns)].reset_index(drop=True)


def coder_spans(project: Project, document_id: int, coder: str, code: str, start: int, end: int) -> pd.DataFrame:
    """``coder``'s codings of ``code`` in the document that overlap [start, end)."""
    rows = project.codings(document=int(document_id), coders=[coder], codes=[code])
    return rows[(rows["start"] < end) & (rows["end"] > start)].sort_values(["start", "end", "id"])


# -- shown tables -------------------------------------------------------------------------

def report_view(report: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The report with readable headers, bands in the UI language and rounded statistics."""
    frame = report.copy()
    for column in ("prevalence", "uncoded", "percent_agreement", "kappa", "alpha", "alpha_low", "alpha_high"):
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").round(3)
    for column in ("kappa_band", "alpha_band"):
        if column in frame:
            frame[column] = [band(v) for v in frame[column]]
    if "kappa_kind" in frame:
        frame["kappa_kind"] = [tr(f"agr_kind_{v}") if v in KAPPA_KINDS else v for v in frame["kappa_kind"]]
    if "code" in frame:
        frame.insert(1, "_name", [labels.get(k, "").split(" · ", 1)[-1] if k in labels else "" for k in frame["code"]])
    if "reason" in frame:  # the library's words, in the UI language
        keys = {text: key for key, text in REASONS.items()}
        frame["reason"] = [tr(f"agr_reason_{keys[v]}") if v in keys else ("" if pd.isna(v) else str(v))
                           for v in frame["reason"]]
    if "warning" in frame:
        frame["warning"] = [small_sample(code, need) if isinstance(text, str) and text else ""
                            for code, need, text in zip(report["code"], report["min_units"], report["warning"],
                                                        strict=True)]
    columns = {"code": tr("col_code"), "_name": tr("col_name"), "units": tr("agr_col_units"),
               "coders": tr("agr_col_coders"), "prevalence": tr("agr_col_prevalence"),
               "uncoded": tr("agr_col_uncoded"), "percent_agreement": tr("agr_col_percent"),
               "kappa": tr("agr_col_kappa"), "kappa_kind": tr("agr_col_kappa_kind"),
               "kappa_band": tr("agr_col_kappa_band"), "alpha": tr("agr_col_alpha"),
               "alpha_low": tr("agr_col_alpha_low"), "alpha_high": tr("agr_col_alpha_high"),
               "alpha_band": tr("agr_col_alpha_band"), "reason": tr("agr_col_reason"),
               "warning": tr("agr_col_warning")}
    frame = frame[[c for c in columns if c in frame]].rename(columns=columns)
    if "code" in report:  # the pooled rows, named by the library in English
        pooled = {ALL_CODES: tr("agr_all_codes"), CODED_UNITS: tr("agr_all_codes_coded")}
        frame[tr("col_code")] = [pooled.get(k, k) for k in frame[tr("col_code")]]
    return frame


def small_sample(code: str, need: Any) -> str:
    """A row's small-sample warning in the UI language: fewer units (pooled rows: unit x code items) than ``need``."""
    return tr("agr_warning_items" if code in POOLED else "agr_warning_units").format(need=f"{int(need):,}")


def report_notes(report: pd.DataFrame) -> tuple[int, str]:
    """How many rows rest on too few units, and what the pooled rows pool, in the UI language."""
    warned = int((report["warning"].astype(str) != "").sum()) if "warning" in report else 0
    attrs = report.attrs
    pooled = ""
    if attrs.get("pooled_codes") and "units" in attrs:
        coded = int(attrs.get("coded_units", 0))
        pooled = tr("agr_pooled_note").format(codes=len(attrs["pooled_codes"]), nobody=f"{attrs['units'] - coded:,}",
                                              coded=f"{coded:,}", all=tr("agr_all_codes"),
                                              some=tr("agr_all_codes_coded"))
    return warned, pooled


def report_download(report: pd.DataFrame) -> pd.DataFrame:
    """The report as written to a file, keeping which columns are statistics (so that Word, LaTeX and Markdown
    print them rounded). What it rests on travels with the catalogue's table it is written with
    (:func:`qualcode.project.paper.agreement_paper`): columns of the CSV, a settings sheet, the note."""
    frame = report.copy()
    frame.attrs = {"number_kinds": dict(report.attrs.get("number_kinds") or {})}
    return frame


def disagreement_view(rows: pd.DataFrame, coders: list[str]) -> pd.DataFrame:
    """The open disagreements as a table: document, code, offsets, one ✓/– column per coder, the unit text."""
    frame = pd.DataFrame({"#": range(1, len(rows) + 1), tr("document"): rows["document"],
                          tr("col_code"): rows["code"], tr("col_start"): rows["start"],
                          tr("col_end"): rows["end"]})
    for coder in coders:
        frame[coder] = ["✓" if v else "–" for v in rows[coder]]
    frame[tr("col_text")] = rows["text"]
    return frame


def reconciliation_view(history: pd.DataFrame) -> pd.DataFrame:
    """The reconciliation history, newest first, with the decision in words."""
    frame = history.sort_values(["created_at"], ascending=False, kind="stable")
    frame = frame.assign(decision=[tr(f"agr_decision_{d}") if d in DECISIONS else d for d in frame["decision"]])
    columns = {"created_at": tr("agr_col_when"), "supervisor": tr("agr_col_supervisor"),
               "document": tr("document"), "code": tr("col_code"), "start": tr("col_start"), "end": tr("col_end"),
               "decision": tr("agr_col_decision")}
    return frame[[c for c in columns if c in frame]].rename(columns=columns)


# -- callbacks ----------------------------------------------------------------------------

def reconcile(decision: str, document: str, start: int, end: int, code: str, coders: tuple[str, str]) -> None:
    """A reconciliation button: record the decision with the sidebar's coder as supervisor."""
    project, coder = current_project(quiet=True), current_coder()
    if project is None:
        return
    if coder is None:
        notify(tr("agr_needs_coder"), "warning")
        return
    try:
        ids = project.reconcile(document, int(start), int(end), code, decision=decision, coders=list(coders),
                                supervisor=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(trn("agr_reconciled", len(ids), code=escape_md(code), document=escape_md(document), start=start, end=end,
               decision=tr(f"agr_decision_{decision}")))


def set_blind() -> None:
    """The blind-coding toggle: store the project setting, with the sidebar's coder as the actor."""
    project, coder = current_project(quiet=True), current_coder()
    if project is None:
        return
    on = bool(st.session_state.get("agr_blind"))
    if coder is None:
        notify(tr("agr_needs_coder"), "warning")
        return
    try:
        project.set_blind_coding(on, actor=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("agr_blind_now_on" if on else "agr_blind_now_off"), "info")
