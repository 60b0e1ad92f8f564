"""The Suggestions page's logic: defaults, callbacks and the shown tables.

Callbacks read plain ``st.session_state`` keys (``sug_*``) or their button
arguments and report through :func:`notify`; every change goes through the
Project API (:mod:`qualcode.project.suggestions`): ``Project.suggest_train``,
``Project.suggest_run`` and ``Project.review_suggestion``. Nothing is coded
without an explicit Accept.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.suggest import MIN_F1, MIN_POSITIVES

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn

DECISIONS = ("accept", "reject", "skip")
SHORTCUTS = {"accept": "A", "reject": "X", "skip": "S"}


# -- choices ------------------------------------------------------------------------------

def keep_choice(key: str, options: list[Any], default: Any = None) -> None:
    """Drop a remembered choice the project no longer offers; ``None`` (nothing chosen) is always kept."""
    value = st.session_state.get(key)
    if key not in st.session_state or (value is not None and value not in options):
        st.session_state[key] = default if default in options else None


def default_trainer(names: list[str], coders: pd.DataFrame) -> None:
    """``sug_coder`` defaults to the sidebar's coder, else to the coder with the most codings."""
    chosen = st.session_state.get("sug_coder")
    if chosen in names:
        return
    me = current_coder()
    if me in names:
        st.session_state["sug_coder"] = me
        return
    counted = sorted(zip(coders["name"], coders["codings"], strict=True), key=lambda nc: -int(nc[1] or 0))
    st.session_state["sug_coder"] = next((n for n, _ in counted if n in names), names[0] if names else None)


def filters() -> tuple[str | None, str | None]:
    """The chosen code and document filters (None: all)."""
    return st.session_state.get("sug_code") or None, st.session_state.get("sug_document") or None


def line_of(project: Project, document_id: int, start: int) -> int:
    """The 1-based line of the document on which ``start`` lies."""
    text = project.document(int(document_id))["text"]
    return text.count("\n", 0, int(start)) + 1


# -- shown tables -------------------------------------------------------------------------

def warning_text(warning: object, positives: object) -> str:
    """Why the library makes no suggestions for a code (too few examples, or a low F1), in the UI language."""
    if not isinstance(warning, str) or not warning:
        return ""
    if pd.notna(positives) and int(positives) < MIN_POSITIVES:  # numpy integers are no ints: test the value
        return trn("sug_warn_few", int(positives), min=MIN_POSITIVES)
    if warning.startswith("F1 "):
        return tr("sug_warn_f1").format(min=f"{MIN_F1:.2f}")
    return warning


def evaluation_view(frame: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """The evaluation with readable headers and rounded figures."""
    view = frame.copy()
    for column in ("precision", "recall", "f1", "threshold"):
        if column in view:
            view[column] = pd.to_numeric(view[column], errors="coerce").round(3)
    if "code" in view:
        view.insert(1, "_name", [labels.get(k, "").split(" · ", 1)[-1] if k in labels else "" for k in view["code"]])
    if "warning" in view:
        view["warning"] = [warning_text(w, n) for w, n in zip(view["warning"], view.get("train_units", view["warning"]),
                                                               strict=True)]
    if "suggested" in view:
        view["suggested"] = view["suggested"].fillna(False).astype(bool)
    columns = {"code": tr("col_code"), "_name": tr("col_name"), "train_units": tr("sug_col_train_units"),
               "precision": tr("sug_col_precision"), "recall": tr("sug_col_recall"), "f1": "F1",
               "threshold": tr("sug_col_threshold"), "suggested": tr("sug_col_suggested"),
               "warning": tr("sug_col_warning")}
    return view[[c for c in columns if c in view]].rename(columns=columns)


def weak_codes(frame: pd.DataFrame) -> list[str]:
    """Codes the evaluation warns about (too few examples or a low F1): they make no suggestions."""
    if frame is None or frame.empty or "warning" not in frame:
        return []
    warned = frame[frame["warning"].fillna("").astype(str).str.strip() != ""]
    return [str(c) for c in warned["code"] if c not in ("micro", "macro")]


def stored_evaluation(project: Project, coder: str | None) -> pd.DataFrame | None:
    """The evaluation stored with the coder's latest model (None before the first training)."""
    if not coder:
        return None
    try:
        return project.suggest_model_evaluation(coder)
    except QualcodeError:
        return None


# -- callbacks ----------------------------------------------------------------------------

def train(project: Project) -> None:
    """Train: fit the model on ``sug_coder``'s codings with a progress bar; the evaluation comes with it."""
    coder = st.session_state.get("sug_coder")
    if not coder:
        st.warning(tr("sug_pick_trainer"))
        return
    bar = st.progress(0.0, text=tr("sug_training").format(coder=escape_md(coder)))

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0,
                     text=tr("sug_training_step").format(coder=escape_md(coder), done=done, total=total))

    try:
        summary = project.suggest_train(coder=coder, progress=progress)
    except QualcodeError as exc:
        bar.empty()
        st.error(error_text(exc))
        return
    bar.empty()
    st.success(tr("sug_trained").format(coder=escape_md(coder), units=summary.get("units", "?"),
                                        codes=summary.get("codes", "?"),
                                        version=escape_md(summary.get("model_version", "?"))))


def run() -> None:
    """Suggest: propose open suggestions for the units ``sug_coder`` has not coded (in the chosen document)."""
    project, coder = current_project(quiet=True), st.session_state.get("sug_coder")
    if project is None:
        return
    if not coder:
        notify(tr("sug_pick_trainer"), "warning")
        return
    _, document = filters()
    try:
        n = project.suggest_run(coder=coder, documents=[document] if document else None)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(trn("sug_made", int(n)), "success" if n else "info")


def review(decision: str, suggestion_id: int, code: str, document: str) -> None:
    """Accept / Reject / Skip one suggestion, with the sidebar's coder as reviewer; Accept codes the unit
    with the code chosen in ``sug_accept_code`` (the suggested one unless changed)."""
    project, reviewer = current_project(quiet=True), current_coder()
    if project is None:
        return
    if reviewer is None:
        notify(tr("sug_needs_coder"), "warning")
        return
    try:
        chosen = st.session_state.get("sug_accept_code") or code
        coding = project.review_suggestion(int(suggestion_id), decision, reviewer=reviewer,
                                           code=chosen if decision == "accept" else None)
        if decision == "accept":
            code = chosen
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    message = tr(f"sug_done_{decision}").format(code=escape_md(code), document=escape_md(document),
                                                coder=escape_md(reviewer))
    if decision == "accept" and coding is not None:
        message += f" (#{int(coding)})"
    notify(message, "success" if decision == "accept" else "info")
